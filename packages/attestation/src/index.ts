/**
 * The policy attestation service's rules and storage, shared by the server (`apps/attestation`) and the `records`
 * command line. No HTTP here: every function takes a {@link Store} (database, engine, clock) and, where it matters, the
 * acting account, and enforces who may do what. The demo trust and synthetic roster are in
 * `@im-records/attestation/demo` (they load faker).
 */

export type { Actor, Role } from './access.ts';
export { actorFor, canSeeDepartment, isRole, ROLES, requireDepartment, requireRole } from './access.ts';
export type { NewAccount, SignInContext } from './accounts.ts';
export {
  consumeRateLimit,
  createAccount,
  createSession,
  hashPassword,
  listAccounts,
  MIN_PASSWORD_LENGTH,
  pruneSignInState,
  sessionAccount,
  signInWithOidc,
  signInWithPassword,
  signOut,
  updateAccount,
  verifyPassword,
} from './accounts.ts';
export type { AttemptResult, Issuer, PresentedAttempt, PresentedQuestion, QuestionReview } from './assessment.ts';
export { ATTEMPT_HOURS, attemptResult, startAttempt, submitAttempt } from './assessment.ts';
export type { OnBehalfChoice, RecordedAttestation } from './attestations.ts';
export { attest, attestationsOf, attestOnBehalf, onBehalfChoices } from './attestations.ts';
export type { AuditEvent, AuditEventType, AuditVerification, Checkpoint } from './audit/log.ts';
export {
  AUDIT_EVENT_TYPES,
  appendAudit,
  auditHead,
  createCheckpoint,
  ensureDailyCheckpoint,
  entryHash,
  GENESIS_HASH,
  latestCheckpoint,
  verifyAudit,
} from './audit/log.ts';
export { canonicalJson } from './canonical-json.ts';
export type { Clock } from './clock.ts';
export { fixedClock, systemClock, ukDate } from './clock.ts';
export type { CertificateCheck, IssuedCompletion } from './completions.ts';
export {
  certificatePdf,
  checkCertificateFile,
  checkShortCode,
  completionsOf,
  revokeCompletion,
  trustedKeysOf,
} from './completions.ts';
export type { AttestationDatabase, DatabaseKind, OpenOptions } from './db/connect.ts';
export { DEFAULT_SQLITE_FILE, openDatabase } from './db/connect.ts';
export type { Database } from './db/schema.ts';
export {
  AttestationError,
  ConflictError,
  ForbiddenError,
  NotFoundError,
  RosterFileError,
  SignInError,
  UnansweredError,
  ValidationError,
} from './errors.ts';
export type { ClaimedJob } from './jobs.ts';
export { claimJob, enqueueJob, finishJob, retryJob } from './jobs.ts';
export type { Ed25519PublicJwk, KeySource, ServiceKey } from './keys.ts';
export {
  DEFAULT_KEY_FILE,
  generateServiceKey,
  keyThumbprint,
  loadServiceKey,
  publishedKeys,
  registerServiceKey,
} from './keys.ts';
export type { LrsSettings } from './lrs/settings.ts';
export { lrsClientFor, lrsEnabled, lrsSettingsSchema, readLrsSettings, updateLrsSettings } from './lrs/settings.ts';
export type { StatementContext, StatementJob } from './lrs/statements.ts';
export {
  buildStatement,
  LRS_JOB,
  lrsQueueStatus,
  MAX_STATEMENT_ATTEMPTS,
  queueStatement,
  retryDelayMinutes,
  sendQueuedStatements,
} from './lrs/statements.ts';
export { ownRecordsExport, personRecord, setDepartmentTarget, setExclusion } from './people.ts';
export type { NewVersion, PolicyVersion } from './policies.ts';
export {
  compareVersionNumbers,
  currentVersionsFor,
  DEFAULT_POLICY,
  ensurePolicy,
  getVersion,
  listPolicies,
  newVersionSchema,
  publishVersion,
  versionAttestations,
} from './policies.ts';
export type { Mailer, OutgoingMail, SmtpSettings } from './reminders/mailer.ts';
export { smtpMailer, smtpSettingsFrom } from './reminders/mailer.ts';
export type { ReminderDay } from './reminders/manage.ts';
export { mailMergeCsv, reminderOverview, reminderPauseOf, setReminderPause } from './reminders/manage.ts';
export type { EscalatedPerson, MessageContext, MessageInput, MessageItem } from './reminders/message.ts';
export { MAX_LISTED_PEOPLE, messageBody, messageSubject } from './reminders/message.ts';
export type { PlannedMessage, ReminderRunOptions, ReminderRunReport } from './reminders/run.ts';
export { claimReminder, REMINDERS_JOB, runReminders, sendQueuedReminders } from './reminders/run.ts';
export type { Audience, DueItem, DueStage, ReminderSchedule, Stage, WorkingDays } from './reminders/schedule.ts';
export {
  DEFAULT_REMINDER_SCHEDULE,
  dueStages,
  heldByCap,
  isReminderDay,
  itemKey,
  ownStages,
  reminderScheduleSchema,
  workingDayOnOrBefore,
} from './reminders/schedule.ts';
export type {
  CompletionFigures,
  Dashboard,
  DashboardFilters,
  DepartmentRow,
  ListedPerson,
  TrendPoint,
} from './reports/dashboard.ts';
export { dashboard, departmentPeople, monthEnds } from './reports/dashboard.ts';
export type { ExportRecord } from './reports/evidence.ts';
export { evidencePack, findExport, peopleCsvExport, reportCsvExport } from './reports/evidence.ts';
export { buildEvidencePdf, EVIDENCE_LAYOUT } from './reports/evidence-pdf.ts';
export { keepCachedPage, pageCacheKey, readCachedPage, unzipCachedPage } from './reports/page-cache.ts';
export type { CompletionReport, ReportRow } from './reports/report.ts';
export { completionReport, reportCsv, targetVerdict } from './reports/report.ts';
export type { RosterDetailChange, RosterPersonChange } from './roster/changes.ts';
export { describeRosterChange, ROSTER_CHANGES_SHOWN, rosterChangeLines } from './roster/changes.ts';
export { csvCell, parseCsv, toCsv } from './roster/csv.ts';
export type { RosterImportOptions, RosterImportReport } from './roster/import.ts';
export { importRoster, StrictRosterError } from './roster/import.ts';
export type { ParsedRoster, RejectedRow, RosterPerson } from './roster/parse.ts';
export { parseRoster, parseRosterDate, REQUIRED_COLUMNS, UNKNOWN_STAFF_GROUP } from './roster/parse.ts';
export { holdRosterUpload, ROSTER_UPLOAD_MINUTES, takeRosterUpload } from './roster/uploads.ts';
export type {
  AttestedVersion,
  CompletionFacts,
  PersonFacts,
  PersonStatus,
  Requirement,
  StatusRules,
  StatusState,
  VersionFacts,
} from './rules/status.ts';
export { acceptedVersions, personStatus, scopeOf, versionsInForce } from './rules/status.ts';
export type { Settings } from './settings.ts';
export { DEFAULT_SETTINGS, readSettings, settingsSchema, statusRules, updateSettings } from './settings.ts';
export type { ChecklistItem, Outcome } from './spot-checks/checklist.ts';
export { CHECKLIST, checklistItem, guidanceFor, OUTCOMES } from './spot-checks/checklist.ts';
export type { CheckRecord, CheckSummary, DrawOptions, SpotCheckDraw } from './spot-checks/checks.ts';
export {
  drawSpotChecks,
  eligibleRoster,
  followUpsOf,
  listSpotChecks,
  markCheckNotPossible,
  recordSpotCheck,
  spotCheck,
  spotCheckDraw,
  verifyDraw,
} from './spot-checks/checks.ts';
export type { DrawRow, SpotCheckResults } from './spot-checks/results.ts';
export { spotCheckResults } from './spot-checks/results.ts';
export type { RosterEntry, SampleOptions } from './spot-checks/sample.ts';
export { allocate, canonicalRoster, drawSample, rosterSha256, SeededStream } from './spot-checks/sample.ts';
export type { StatusRow } from './status-store.ts';
export { computeStatuses, ensureSnapshots, ensureStatusesCurrent, refreshStatuses } from './status-store.ts';
export type { Store } from './store.ts';
export { inTransaction, storeOf } from './store.ts';
