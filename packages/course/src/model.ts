/**
 * The loaded course as pages and islands see it: schema-checked content with the trust's settings filled in, plus
 * the names the loader adds (slugs, topics, files) and the rules it rests on. Plain types only, so browser code can
 * import them without pulling zod in.
 */
import type {
  GuidanceBasis,
  GuidanceTopic,
  ResolvedTrustSettings,
  Source,
  TrainingPolicy,
} from '@im-records/records-policy';
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

/**
 * A records-policy guidance point as the course teaches it: the statement with the trust's settings filled in and
 * the sources that apply in the trust's division.
 */
export interface CoursePoint {
  id: string;
  topic: GuidanceTopic;
  statement: string;
  basis: GuidanceBasis;
  sources: Source[];
}

/** The trust settings the course was built with, and the training policy they give. */
export interface CourseTrust extends ResolvedTrustSettings {
  /** Pass mark, renewal months and completion target from the settings, checked by records-policy. */
  policy: TrainingPolicy;
  /** True when no settings file was read: the site then says it shows the course's defaults. */
  isDefault: boolean;
}

/** Everything in `content/training/`, validated, cross-checked and filled in with the trust's settings. */
export interface Course {
  settings: CourseData;
  guidance: GuidancePage[];
  questions: Question[];
  scenarios: Scenario[];
  glossary: GlossaryTerm[];
  /** The guidance points the course teaches, filled in for the trust, in records-policy's order. */
  points: CoursePoint[];
  trust: CourseTrust;
}

/**
 * The parts of a records-policy guidance point the content checks use: its id, and (when given) its basis and
 * sources, which must trace it to the reference notes, the wording that marks content as being about its subject and
 * the wording that would contradict it.
 */
export interface GuidancePoint {
  id: string;
  basis?: GuidanceBasis;
  sourceIds?: readonly string[];
  mentions?: RegExp;
  contradictions?: readonly { pattern: RegExp; teaches: string }[];
}
