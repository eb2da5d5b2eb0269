/**
 * The training course for a trust's learning system: SCORM 1.2 and cmi5 packages built from `content/training`, and
 * the xAPI statements (with a validator and an LRS client) the attestation service sends to a learning record store.
 */

export type { ExportCourseOptions, ExportFormat, ExportSummary } from './export/export-course.ts';
export {
  DEFAULT_CMI5_IRI_BASE,
  DEFAULT_CONTENT_DIR,
  DEFAULT_SCORM_IDENTIFIER,
  EXPORT_FORMATS,
  exportCourse,
} from './export/export-course.ts';
export type { Scorm12Reporting } from './player/course-data.ts';
export { SUSPEND_DATA_LIMIT } from './player/suspend.ts';
export { cmi5Problems } from './xapi/cmi5-rules.ts';
export { LrsResponseError, LrsTimeoutError, LrsUnreachableError, StatementError, XapiError } from './xapi/errors.ts';
export type { LrsAuth, LrsClientOptions, StateAddress } from './xapi/lrs-client.ts';
export { LrsClient } from './xapi/lrs-client.ts';
export type {
  Activity,
  Agent,
  Cmi5Launch,
  Cmi5StatementInput,
  Cmi5Verb,
  Context,
  CourseActivity,
  PolicyActivity,
  Result,
  Score,
  ServiceStatementBase,
  Statement,
} from './xapi/statements.ts';
export {
  assessmentStatement,
  attestedStatement,
  cmi5Statement,
  isoDuration,
  meetsMastery,
  newUuid,
  scaledScore,
} from './xapi/statements.ts';
export { statementProblems } from './xapi/validate.ts';
export type { Verb } from './xapi/vocabulary.ts';
export { ACTIVITY_TYPES, CMI5, trustVocabulary, VERBS, XAPI_VERSION } from './xapi/vocabulary.ts';
