/**
 * The xAPI side alone (statement builders, the validator, the LRS client and their errors), for callers that send
 * statements but never build a package: it loads no file-system, Sass or esbuild code, so a server bundles it freely.
 */
export { cmi5Problems } from './cmi5-rules.ts';
export { LrsResponseError, LrsTimeoutError, LrsUnreachableError, StatementError, XapiError } from './errors.ts';
export type { LrsAuth, LrsClientOptions, StateAddress } from './lrs-client.ts';
export { LrsClient } from './lrs-client.ts';
export type {
  Activity,
  Agent,
  CourseActivity,
  PolicyActivity,
  Result,
  Score,
  ServiceStatementBase,
  Statement,
} from './statements.ts';
export {
  assessmentStatement,
  attestedStatement,
  isoDuration,
  meetsMastery,
  newUuid,
  scaledScore,
} from './statements.ts';
export { statementProblems } from './validate.ts';
export { ACTIVITY_TYPES, trustVocabulary, VERBS, XAPI_VERSION } from './vocabulary.ts';
