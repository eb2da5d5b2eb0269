/**
 * The course as the exported player receives it: the question bank and settings, embedded as JSON in the package's
 * page (the guidance itself is rendered to HTML at export time). Plain types shared by the exporter and the player.
 */

/** One option of a question, with its feedback. */
export interface PlayerOption {
  id: string;
  text: string;
  correct: boolean;
  feedback: string;
}

/** A question in the bank the player draws from. */
export interface PlayerQuestion {
  id: string;
  topic: string;
  type: 'single' | 'multiple' | 'true-false' | 'scenario';
  situation?: string;
  prompt: string;
  options: PlayerOption[];
  explanation: string;
  /** Slugs of the guidance pages the question draws on (shown after a wrong answer). */
  guidance: string[];
}

/**
 * How a SCORM 1.2 package reports its outcome in `cmi.core.lesson_status`: on a pass, "passed" or "completed"; on a
 * fail, "failed" or "incomplete". Some learning systems treat "failed" as final or do not count "passed" as done, so
 * the trust picks what its LMS expects ("passed-failed" by default).
 */
export type Scorm12Reporting = 'passed-failed' | 'passed-incomplete' | 'completed-failed' | 'completed-incomplete';

/** Everything the player needs besides the rendered pages. */
export interface PlayerCourse {
  title: string;
  version: string;
  /** A short hash of the pages and questions, so saved progress from another version of the package is not reused. */
  contentKey: string;
  /** The course's pass mark (0 to 1), from records-policy; an LMS's own mastery score takes precedence. */
  passMark: number;
  questionCount: number;
  /** Used by the SCORM 1.2 player only. */
  scormReporting: Scorm12Reporting;
  topics: string[];
  pages: { slug: string; title: string }[];
  questions: PlayerQuestion[];
}
