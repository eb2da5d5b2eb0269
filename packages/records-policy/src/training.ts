import { addMonthsClamped, compareDates, type IsoDate } from './dates.ts';
import { InvalidTrainingPolicyError, UnknownPolicyVersionError } from './errors.ts';

/** Version of this rules package, recorded with attestations and certificates so a result can be traced to its rules. */
export const POLICY_PACKAGE_VERSION = '0.2.0';

/**
 * Default pass mark for the training assessment, as a fraction (0.8 = 80%). Commonly used for Data Security Awareness
 * tests; no official figure was confirmed, so trusts can set their own.
 */
export const DEFAULT_PASS_MARK = 0.8;

/** Months a completion stays current: the Data Security and Protection Toolkit expects annual training. */
export const RENEWAL_MONTHS = 12;

/**
 * Default share of staff who should be in date (95%). Trusts on the CAF-aligned toolkit have no fixed national
 * figure any more, so this is a setting.
 */
export const DEFAULT_COMPLETION_TARGET = 0.95;

/** A trust's training settings; every field has a default. */
export interface TrainingPolicy {
  passMark: number;
  renewalMonths: number;
  completionTarget: number;
}

/** The defaults: 80% pass mark, 12-month renewal, 95% completion target. */
export const DEFAULT_TRAINING_POLICY: TrainingPolicy = {
  passMark: DEFAULT_PASS_MARK,
  renewalMonths: RENEWAL_MONTHS,
  completionTarget: DEFAULT_COMPLETION_TARGET,
};

/**
 * A training policy with a trust's overrides applied, checked so a typo (a pass mark of 80 instead of 0.8) fails
 * loudly. Throws {@link InvalidTrainingPolicyError} naming the field.
 */
export function trainingPolicy(overrides: Partial<TrainingPolicy> = {}): TrainingPolicy {
  const policy = { ...DEFAULT_TRAINING_POLICY, ...overrides };
  for (const field of ['passMark', 'completionTarget'] as const) {
    const value = policy[field];
    if (!(value > 0 && value <= 1)) {
      throw new InvalidTrainingPolicyError(`${field} must be a fraction above 0 and at most 1 (got ${value})`);
    }
  }
  if (!Number.isInteger(policy.renewalMonths) || policy.renewalMonths < 1) {
    throw new InvalidTrainingPolicyError(
      `renewalMonths must be a whole number of months, 1 or more (got ${policy.renewalMonths})`,
    );
  }
  return policy;
}

/** Whether a score (correct answers out of questions) reaches the pass mark. */
export function hasPassed(
  correct: number,
  questions: number,
  policy: TrainingPolicy = DEFAULT_TRAINING_POLICY,
): boolean {
  if (questions <= 0) return false;
  // Compare in whole numbers so 8/10 at a 0.8 pass mark is a pass despite floating-point rounding.
  return correct * 100 >= Math.round(policy.passMark * 100) * questions;
}

/**
 * The date a completion expires: `renewalMonths` after the completion date (training done on 2025-03-10 expires on
 * 2026-03-10, and is no longer current from that day). A month without that date uses its last day (2024-02-29
 * expires on 2025-02-28).
 */
export function expiryDate(completed: IsoDate, policy: TrainingPolicy = DEFAULT_TRAINING_POLICY): IsoDate {
  return addMonthsClamped(completed, policy.renewalMonths);
}

/** Whether a completion is current on a date: on or after completion and before its expiry date. */
export function isCurrent(completed: IsoDate, on: IsoDate, policy: TrainingPolicy = DEFAULT_TRAINING_POLICY): boolean {
  return compareDates(on, completed) >= 0 && compareDates(on, expiryDate(completed, policy)) < 0;
}

/** Whether a share of staff in date (0–1) meets the completion target. */
export function meetsCompletionTarget(share: number, policy: TrainingPolicy = DEFAULT_TRAINING_POLICY): boolean {
  return share >= policy.completionTarget;
}

/** One published version of the messaging policy that staff attest to. */
export interface PolicyVersion {
  /** Stable identifier of this version, stored with attestations. */
  id: string;
  /** Human version string, e.g. "1.1". */
  version: string;
  published: IsoDate;
  /** What changed, in plain English. */
  summary: string;
  /** True when the change alters what staff must do, so everyone who attested an earlier version must re-attest. */
  materialChange: boolean;
}

/** The versions of the toolkit's model messaging policy, oldest first. Trusts may supply their own list. */
export const POLICY_VERSIONS: readonly PolicyVersion[] = [
  {
    id: 'im-policy-1.0',
    version: '1.0',
    published: '2026-01-05' as IsoDate,
    summary: 'First version: approved apps, device security, sharing, records and accountability.',
    materialChange: true,
  },
  {
    id: 'im-policy-1.1',
    version: '1.1',
    published: '2026-12-04' as IsoDate,
    summary:
      'Breaches reported on risk, not seriousness; an unknown member is always reported; the 2018 app criteria replaced by the approved list; invite links reset; decisions recorded as soon as possible in an incident; requests passed on the same day; Caldicott principles, consent for clinical photos and messaging patients added; trust settings for passcode and auto-lock.',
    materialChange: true,
  },
];

function indexOf(id: string, versions: readonly PolicyVersion[]): number {
  const index = versions.findIndex((version) => version.id === id);
  if (index === -1) {
    throw new UnknownPolicyVersionError(
      `policy version '${id}' is not in the version list (known: ${versions.map((v) => v.id).join(', ') || 'none'})`,
    );
  }
  return index;
}

/** The newest version: the last in the list (lists are oldest first). Throws when the list is empty. */
export function currentPolicyVersion(versions: readonly PolicyVersion[] = POLICY_VERSIONS): PolicyVersion {
  const current = versions[versions.length - 1];
  if (current === undefined) throw new UnknownPolicyVersionError('the policy version list is empty');
  return current;
}

/**
 * Whether someone who attested version `attestedId` must attest again, given the current version (default the
 * newest): only when a version after the attested one, up to and including the current one, has a material change —
 * so a typo fix does not send the whole trust back to sign again. `versions` is oldest first. Throws
 * {@link UnknownPolicyVersionError} for an id not in the list.
 */
export function mustReattest(
  attestedId: string,
  versions: readonly PolicyVersion[] = POLICY_VERSIONS,
  currentId: string = currentPolicyVersion(versions).id,
): boolean {
  const attested = indexOf(attestedId, versions);
  const current = indexOf(currentId, versions);
  return versions.slice(attested + 1, current + 1).some((version) => version.materialChange);
}
