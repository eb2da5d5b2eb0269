// Public API of @im-records/records-policy. Every export is listed by name; types apart from values.

export type { IsoDate, Weekday } from './dates.ts';
export {
  addDays,
  addMonthsClamped,
  compareDates,
  dateParts,
  daysBetween,
  daysInMonth,
  firstWeekdayOfMonth,
  formatLongDate,
  fromDayNumber,
  isIsoDate,
  isWeekend,
  lastWeekdayOfMonth,
  localToday,
  makeDate,
  parseIsoDate,
  toDayNumber,
  weekday,
  weekdayName,
} from './dates.ts';
export {
  computeDeadline,
  isRequestType,
  SAR_SAME_DAY_RULE_FROM,
  SAR_STATUTORY_PAUSE_FROM,
  UK_GDPR_FROM,
} from './deadlines/compute.ts';
export type {
  AppliedPause,
  ClockPause,
  DeadlineInput,
  DeadlineResult,
  RuleSource,
  SkippedHoliday,
} from './deadlines/types.ts';
export {
  DeadlineInputError,
  HolidayFeedError,
  HospitalNumberShapeError,
  InvalidDateError,
  InvalidTrainingPolicyError,
  RecordsPolicyError,
  UnknownExemptionError,
  UnknownPolicyVersionError,
} from './errors.ts';
export type { Exemption, ExemptionRegime, WithholdingReason } from './exemptions.ts';
export { EXEMPTIONS, findExemption, getExemption, OUTSIDE_SCOPE, withholdingReasonsFor } from './exemptions.ts';
export type { Contradiction, GuidanceBasis, GuidancePoint, GuidanceSource, GuidanceTopic } from './guidance.ts';
export {
  contradictionsIn,
  findGuidancePoint,
  guidanceSources,
  MESSAGING_GUIDANCE,
  untracedDivisions,
} from './guidance.ts';
export type { HolidayCalendarOptions } from './holidays/calendar.ts';
export { defaultHolidayCalendar, HolidayCalendar } from './holidays/calendar.ts';
export { easterSunday } from './holidays/easter.ts';
export type { HolidayFeed, HolidayFeedDivision, HolidayFeedEvent } from './holidays/feed.ts';
export { loadHolidayFeed, parseHolidayFeed } from './holidays/feed.ts';
export type { OneOffHoliday } from './holidays/one-off.ts';
export { ONE_OFF_HOLIDAYS } from './holidays/one-off.ts';
export { computeHolidays } from './holidays/rules.ts';
export type { BankHoliday, Division, HolidaySource } from './holidays/types.ts';
export { DIVISIONS } from './holidays/types.ts';
export { findIdentifiers } from './identifiers/all.ts';
export { emailPattern, findEmails, isValidEmail, normaliseEmail } from './identifiers/email.ts';
export {
  hospitalNumberPattern,
  MAX_HOSPITAL_NUMBER_SHAPE,
  MIN_HOSPITAL_NUMBER_DIGITS,
} from './identifiers/hospital-number.ts';
export type { FindOptions, IdentifierKind, IdentifierMatch } from './identifiers/match.ts';
export {
  findNhsNumbers,
  isValidNhsNumber,
  nhsNumberCheckDigit,
  nhsNumberPattern,
  normaliseNhsNumber,
} from './identifiers/nhs-number.ts';
export {
  findNationalInsuranceNumbers,
  isValidNationalInsuranceNumber,
  nationalInsuranceNumberPattern,
  normaliseNationalInsuranceNumber,
} from './identifiers/ni-number.ts';
export { findPhoneNumbers, isValidPhoneNumber, normalisePhoneNumber } from './identifiers/phone.ts';
export { findPostcodes, isValidPostcode, normalisePostcode, postcodePattern } from './identifiers/postcode.ts';
export type { DisclosureMode, RequestType } from './request-types.ts';
export { REQUEST_TYPES, redactionModeFor } from './request-types.ts';
export type { RetentionRule } from './retention.ts';
export { FORMAT_NEUTRAL_PRINCIPLE, findRetentionRule, RETENTION_RULES, RETENTION_SOURCES } from './retention.ts';
export type { Source, SourceId, SourceStatus, UkDivision } from './sources.ts';
export { findSource, isInReferenceNotes, SOURCES, sourceAppliesTo, UK_DIVISIONS } from './sources.ts';
export type { PolicyVersion, TrainingPolicy } from './training.ts';
export {
  currentPolicyVersion,
  DEFAULT_COMPLETION_TARGET,
  DEFAULT_PASS_MARK,
  DEFAULT_TRAINING_POLICY,
  expiryDate,
  hasPassed,
  isCurrent,
  meetsCompletionTarget,
  mustReattest,
  POLICY_PACKAGE_VERSION,
  POLICY_VERSIONS,
  RENEWAL_MONTHS,
  trainingPolicy,
} from './training.ts';
export type {
  DivisionRules,
  ResolvedTrustSettings,
  TrustSettings,
  TrustSettingsFile,
} from './trust-settings.ts';
export {
  applyTrustDefaults,
  DEFAULT_TRUST_SETTINGS,
  DIVISION_RULES,
  defaultTrustSettings,
  fillTrustPlaceholders,
  holidayDivisionOf,
  InvalidTrustSettingsError,
  parseTrustSettings,
  placeholdersIn,
  requestTimeLimits,
  trainingPolicyOf,
  trustPlaceholders,
  trustSettingsFileSchema,
  UnknownPlaceholderError,
} from './trust-settings.ts';
