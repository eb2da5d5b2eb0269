/** Base class of every error this package throws, so callers can catch the package's failures as one family. */
export class RecordsPolicyError extends Error {
  override name = 'RecordsPolicyError';
}

/** Thrown by {@link parseIsoDate} (and everything that parses dates) when text is not a real `YYYY-MM-DD` calendar date. */
export class InvalidDateError extends RecordsPolicyError {
  override name = 'InvalidDateError';
}

/**
 * Thrown by {@link loadHolidayFeed} when an override file does not have the gov.uk `bank-holidays.json` shape; the
 * message names the field (for example `scotland.events[3].date`).
 */
export class HolidayFeedError extends RecordsPolicyError {
  override name = 'HolidayFeedError';
}

/**
 * Thrown by the deadline functions when the inputs cannot describe a real request: an option that does not apply to
 * the regime (an extension under FOISA), a clock start before receipt, a negative pause, a SAR made before UK GDPR.
 */
export class DeadlineInputError extends RecordsPolicyError {
  override name = 'DeadlineInputError';
}

/** Thrown by {@link getExemption} when no exemption has the given short code. */
export class UnknownExemptionError extends RecordsPolicyError {
  override name = 'UnknownExemptionError';
}

/** Thrown by the training-policy functions when a policy version id is not in the version list. */
export class UnknownPolicyVersionError extends RecordsPolicyError {
  override name = 'UnknownPolicyVersionError';
}

/** Thrown by {@link trainingPolicy} when a setting is out of range (a pass mark of 80 instead of 0.8); names the field. */
export class InvalidTrainingPolicyError extends RecordsPolicyError {
  override name = 'InvalidTrainingPolicyError';
}

/** Thrown by {@link hospitalNumberPattern} when a trust's hospital-number shape cannot be used; says which and why. */
export class HospitalNumberShapeError extends RecordsPolicyError {
  override name = 'HospitalNumberShapeError';
}
