/**
 * The loaded course as pages and islands see it: schema-checked content plus the names the loader adds (slugs, topics,
 * files). Plain types only, so browser code can import them without pulling zod in.
 */
import type { CourseData, GlossaryData, GuidancePageData, QuestionData, ScenarioData } from './schemas.ts';

/** A guidance page and where it came from; `slug` is its file name and its URL segment. */
export interface GuidancePage extends GuidancePageData {
  slug: string;
  file: string;
}

/** A question with the topic of the file it sits in. */
export interface Question extends QuestionData {
  topic: string;
  file: string;
}

/** A branching scenario; `slug` is its file name and URL segment. */
export interface Scenario extends ScenarioData {
  slug: string;
  file: string;
}

/** A glossary entry. */
export type GlossaryTerm = GlossaryData['terms'][number];

/** Everything in `content/training/`, validated and cross-checked. */
export interface Course {
  settings: CourseData;
  guidance: GuidancePage[];
  questions: Question[];
  scenarios: Scenario[];
  glossary: GlossaryTerm[];
}

/** The part of a records-policy guidance point the content checks need: its stable id. */
export interface GuidancePoint {
  id: string;
}
