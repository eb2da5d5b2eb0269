/**
 * @im-records/case-settings: a disclosure case's settings and the one builder from them to the redaction engine's
 * options and the message scope, shared by the browser tool's case worker and the `records` command line. Every
 * export is listed by name; types apart from values.
 */

/** Thrown for a setting that cannot be used (a date that is not one, a SAR without its subject, a bad shape). */
export { CaseSettingsError } from './errors.ts';
export type { InScope, MessageScope } from './scope.ts';
export {
  /** Why a message is outside the date range ("Before 1 March 2024"), or null. */
  dateExclusion,
  /** The reason every message inside the date range shares ("Sent between … and …"). */
  dateReason,
  /** The reason messages the officer left out are counted under ("Left out by the officer"). */
  LEFT_OUT_BY_OFFICER,
  /** The scope of a case over its messages: the selection disclosure takes, with reasons and the officer's choices. */
  scopeMessages,
} from './scope.ts';
export type { SearchedChats } from './searched.ts';
export {
  /** The bundle cover's "what was searched" for a case, in the same words from the browser tool and the CLI. */
  describeSearch,
} from './searched.ts';
export type { CaseSettings, DataSubject, EngineOptions } from './settings.ts';
export {
  /** The engine's detection and disclosure options for a case, checked. */
  buildEngineOptions,
  /** The date range's ends, checked. */
  dateRangeOf,
} from './settings.ts';
