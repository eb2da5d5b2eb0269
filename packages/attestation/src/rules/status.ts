/**
 * Who must do what by when: the rules behind every dashboard figure, report row and "your status" page, as pure
 * functions of a person's roster facts, their attestations and completions, the policy versions and a date.
 *
 * A person in scope (started, not left, not excluded) is **compliant** when, for every policy whose current audience
 * includes their staff group, they attested a version at or after the last material change within the renewal period,
 * and they hold an in-date passed assessment. A minor version does not ask anyone to attest again; a material one asks
 * its whole audience to, by its due date. New starters have a grace period from their hire date.
 */
import { addDays, addMonthsClamped, compareDates, type IsoDate } from '@im-records/records-policy';

/** The settings the rules use (from records-policy and the trust's own settings). */
export interface StatusRules {
  renewalMonths: number;
  /** Due within this many days counts as "due soon". */
  dueSoonDays: number;
  /** Days a new starter has from their hire date. */
  newStarterDays: number;
}

/** The roster facts the rules need about a person. */
export interface PersonFacts {
  staffGroup: string;
  hireDate: IsoDate | null;
  terminationDate: IsoDate | null;
  excludedReason: string | null;
}

/** A published policy version, as the rules see it. */
export interface VersionFacts {
  id: string;
  policy: string;
  version: string;
  material: boolean;
  effectiveDate: IsoDate;
  dueDate: IsoDate | null;
  /** Staff groups; empty means everyone. */
  audience: readonly string[];
  /** Breaks ties between versions effective on the same day (publication instant). */
  publishedAt: string;
}

/** A person's latest attestation of one version (the latest day they attested it, on or before the as-of date). */
export interface AttestedVersion {
  versionId: string;
  attestedOn: IsoDate;
}

/** A person's latest passed, unrevoked completion on or before the as-of date. */
export interface CompletionFacts {
  completedOn: IsoDate;
  expiresOn: IsoDate;
}

/** Where a person stands. */
export type StatusState = 'done' | 'due-soon' | 'due' | 'overdue' | 'out-of-scope';

/** Why someone is out of scope. */
export type OutOfScopeReason = 'leaver' | 'not-started' | 'excluded';

/** One thing a person must have done. */
export interface Requirement {
  kind: 'attestation' | 'training';
  /** For an attestation: the policy and the version to attest now. */
  policy?: string;
  currentVersion?: string;
  met: boolean;
  /** When met, the day it stops counting; when not, the day it was or is due. */
  dueOn: IsoDate;
  /** The attestation or completion that meets it (its day), if any. */
  since: IsoDate | null;
}

/** A person's standing as of a date. */
export interface PersonStatus {
  asOf: IsoDate;
  inScope: boolean;
  outOfScope?: OutOfScopeReason;
  compliant: boolean;
  state: StatusState;
  /** The next date that matters: the earliest unmet due date, or the earliest expiry when all is met. */
  dueOn: IsoDate | null;
  requirements: Requirement[];
}

/** The versions of each policy in force on a date, oldest first (effective date, then publication). */
export function versionsInForce(versions: readonly VersionFacts[], asOf: IsoDate): Map<string, VersionFacts[]> {
  const byPolicy = new Map<string, VersionFacts[]>();
  for (const version of versions) {
    if (compareDates(version.effectiveDate, asOf) > 0) continue;
    const list = byPolicy.get(version.policy);
    if (list) list.push(version);
    else byPolicy.set(version.policy, [version]);
  }
  for (const list of byPolicy.values()) {
    list.sort(
      (a, b) =>
        compareDates(a.effectiveDate, b.effectiveDate) ||
        (a.publishedAt < b.publishedAt ? -1 : a.publishedAt > b.publishedAt ? 1 : 0),
    );
  }
  return byPolicy;
}

/**
 * The versions an attestation may be of and still count: the last material version in force and every minor version
 * after it (a typo fix does not send the trust back to sign again). With no material version, all of them.
 */
export function acceptedVersions(inForce: readonly VersionFacts[]): VersionFacts[] {
  let start = 0;
  inForce.forEach((version, i) => {
    if (version.material) start = i;
  });
  return inForce.slice(start);
}

/** Whether a staff group is in a version's audience. */
export function inAudience(version: VersionFacts, staffGroup: string): boolean {
  return version.audience.length === 0 || version.audience.includes(staffGroup);
}

function later(a: IsoDate, b: IsoDate): IsoDate {
  return compareDates(a, b) >= 0 ? a : b;
}

function earliest(dates: readonly IsoDate[]): IsoDate | null {
  return dates.reduce<IsoDate | null>((min, d) => (min === null || compareDates(d, min) < 0 ? d : min), null);
}

/** Whether a person is in scope on a date, and if not, why. */
export function scopeOf(person: PersonFacts, asOf: IsoDate): OutOfScopeReason | null {
  if (person.terminationDate && compareDates(person.terminationDate, asOf) <= 0) return 'leaver';
  if (person.hireDate && compareDates(person.hireDate, asOf) > 0) return 'not-started';
  if (person.excludedReason) return 'excluded';
  return null;
}

/**
 * A person's status on `asOf`. `inForce` is {@link versionsInForce} for the same date (computed once for everyone);
 * `attested` lists the person's latest attestation of each version on or before `asOf`.
 */
export function personStatus(
  person: PersonFacts,
  attested: readonly AttestedVersion[],
  completion: CompletionFacts | null,
  inForce: ReadonlyMap<string, readonly VersionFacts[]>,
  asOf: IsoDate,
  rules: StatusRules,
): PersonStatus {
  const outOfScope = scopeOf(person, asOf);
  if (outOfScope) {
    return { asOf, inScope: false, outOfScope, compliant: false, state: 'out-of-scope', dueOn: null, requirements: [] };
  }
  const starterDue = person.hireDate ? addDays(person.hireDate, rules.newStarterDays) : null;
  const requirements: Requirement[] = [];
  for (const [policy, versions] of inForce) {
    const current = versions[versions.length - 1];
    if (!current || !inAudience(current, person.staffGroup)) continue;
    const accepted = acceptedVersions(versions);
    const acceptedIds = new Set(accepted.map((v) => v.id));
    const policyIds = new Set(versions.map((v) => v.id));
    let latestAccepted: IsoDate | null = null;
    let attestedBefore = false;
    for (const a of attested) {
      if (acceptedIds.has(a.versionId)) {
        if (latestAccepted === null || compareDates(a.attestedOn, latestAccepted) > 0) latestAccepted = a.attestedOn;
      } else if (policyIds.has(a.versionId)) attestedBefore = true;
    }
    const lastMaterial = accepted[0] ?? current;
    const changeDue = lastMaterial.dueDate ?? lastMaterial.effectiveDate;
    if (latestAccepted) {
      const expires = addMonthsClamped(latestAccepted, rules.renewalMonths);
      const met = compareDates(expires, asOf) > 0;
      requirements.push({
        kind: 'attestation',
        policy,
        currentVersion: current.id,
        met,
        dueOn: expires,
        since: latestAccepted,
      });
    } else {
      // Never attested an accepted version: due by the material change's date (or the starter's grace, if later).
      const due = attestedBefore || !starterDue ? changeDue : later(changeDue, starterDue);
      requirements.push({
        kind: 'attestation',
        policy,
        currentVersion: current.id,
        met: false,
        dueOn: due,
        since: null,
      });
    }
  }
  if (completion) {
    const met = compareDates(completion.expiresOn, asOf) > 0;
    requirements.push({ kind: 'training', met, dueOn: completion.expiresOn, since: completion.completedOn });
  } else {
    // Never passed: due when the programme started (the first policy version in force) or, for a later starter,
    // at the end of their grace period.
    const programmeStart = earliest(
      [...inForce.values()].map((versions) => versions[0]?.effectiveDate).filter((d): d is IsoDate => d !== undefined),
    );
    const due =
      programmeStart && starterDue ? later(programmeStart, starterDue) : (starterDue ?? programmeStart ?? asOf);
    requirements.push({ kind: 'training', met: false, dueOn: due, since: null });
  }
  const unmet = requirements.filter((r) => !r.met);
  const compliant = unmet.length === 0;
  const dueOn = earliest((compliant ? requirements : unmet).map((r) => r.dueOn));
  const soon = addDays(asOf, rules.dueSoonDays);
  let state: StatusState;
  if (dueOn === null) state = 'done';
  else if (!compliant && compareDates(dueOn, asOf) < 0) state = 'overdue';
  else if (compareDates(dueOn, soon) <= 0) state = 'due-soon';
  else state = compliant ? 'done' : 'due';
  return { asOf, inScope: true, compliant, state, dueOn, requirements };
}
