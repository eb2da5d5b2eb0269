/**
 * Recording attestations: staff attest to the current version of a policy themselves; a manager may record one on
 * behalf of someone in their own departments (for staff without a computer), with a remark and, for a paper form, the
 * day it was signed. Either way the record says who made it, and attestations can never be changed or deleted.
 */
import { randomUUID } from 'node:crypto';
import { addDays, compareDates, formatLongDate, type IsoDate, isIsoDate } from '@im-records/records-policy';
import { type Actor, requireDepartment, requireRole } from './access.ts';
import { appendAudit } from './audit/log.ts';
import { ukDate } from './clock.ts';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from './errors.ts';
import { queueStatement } from './lrs/statements.ts';
import { currentVersionsFor } from './policies.ts';
import { readSettings, statusRules } from './settings.ts';
import { computeStatuses, refreshStatuses } from './status-store.ts';
import { inTransaction, type Store } from './store.ts';

/** An attestation as recorded. */
export interface RecordedAttestation {
  id: string;
  person: string;
  versionId: string;
  attestedOn: IsoDate;
  onBehalfBy: string | null;
}

async function personFacts(store: Store, personId: string) {
  const person = await store.db
    .selectFrom('people')
    .select(['id', 'department_id', 'staff_group', 'hire_date', 'termination_date', 'excluded_reason'])
    .where('id', '=', personId)
    .executeTakeFirst();
  if (!person) throw new NotFoundError('no such person on the roster');
  return person;
}

/**
 * The attestation already recorded for the same person, version and day by the same recorder (null: the person
 * themselves), if any: the same form sent twice (a double click, a resubmission) is that attestation, not a second.
 */
async function alreadyRecorded(
  tx: Store,
  wanted: Omit<RecordedAttestation, 'id'>,
): Promise<RecordedAttestation | undefined> {
  const found = await tx.db
    .selectFrom('attestations')
    .select('id')
    .where('person', '=', wanted.person)
    .where('policy_version', '=', wanted.versionId)
    .where('attested_on', '=', wanted.attestedOn)
    .where((eb) =>
      wanted.onBehalfBy === null ? eb('on_behalf_by', 'is', null) : eb('on_behalf_by', '=', wanted.onBehalfBy),
    )
    .executeTakeFirst();
  return found && { ...wanted, id: found.id };
}

async function record(
  tx: Store,
  input: {
    person: string;
    versionId: string;
    attestedOn: IsoDate;
    onBehalfBy: string | null;
    remark: string | null;
    actor: string;
  },
): Promise<RecordedAttestation> {
  const id = randomUUID();
  await tx.db
    .insertInto('attestations')
    .values({
      id,
      person: input.person,
      policy_version: input.versionId,
      attested_at: tx.clock().toISOString(),
      attested_on: input.attestedOn,
      on_behalf_by: input.onBehalfBy,
      remark: input.remark,
    })
    .execute();
  await appendAudit(tx, {
    actor: input.actor,
    type: 'attestation.recorded',
    subject: input.person,
    data: {
      attestation: id,
      version: input.versionId,
      attestedOn: input.attestedOn,
      onBehalf: input.onBehalfBy !== null,
    },
  });
  await refreshStatuses(tx, [input.person]);
  await queueStatement(tx, { kind: 'attested', attestation: id });
  return {
    id,
    person: input.person,
    versionId: input.versionId,
    attestedOn: input.attestedOn,
    onBehalfBy: input.onBehalfBy,
  };
}

/**
 * A person attests to a policy version themselves. It must be the version currently in force for a policy whose
 * audience includes them, and they must be in scope. Attesting again on the same day returns the attestation already
 * recorded.
 */
export async function attest(store: Store, actor: Actor, versionId: string): Promise<RecordedAttestation> {
  if (!actor.person) throw new ForbiddenError('your account is not linked to anyone on the staff roster');
  const personId = actor.person;
  return inTransaction(store, async (tx) => {
    const person = await personFacts(tx, personId);
    const today = ukDate(tx.clock());
    if (person.termination_date && compareDates(person.termination_date as IsoDate, today) <= 0) {
      throw new ForbiddenError('you are not on the current staff roster');
    }
    const current = await currentVersionsFor(tx, person.staff_group);
    if (!current.some((v) => v.id === versionId)) {
      throw new ConflictError(
        'that is not the current version of a policy you are asked to attest to: reload the page',
      );
    }
    const already = await alreadyRecorded(tx, { person: personId, versionId, attestedOn: today, onBehalfBy: null });
    if (already) return already;
    return record(tx, {
      person: personId,
      versionId,
      attestedOn: today,
      onBehalfBy: null,
      remark: null,
      actor: actor.accountId,
    });
  });
}

/** A version someone may be recorded as attesting to on their behalf, and whether anything is due. */
export interface OnBehalfChoice {
  versionId: string;
  policy: string;
  version: string;
  effectiveDate: IsoDate;
  /** Their latest attestation to any version of this policy: a paper form cannot be dated before it. */
  latestAttestedOn: IsoDate | null;
  /**
   * Null while an attestation is due (unmet, or lapsing within the due-soon days); otherwise the day their current one
   * lapses, and there is nothing to record until then.
   */
  upToDateUntil: IsoDate | null;
}

async function choicesFor(
  tx: Store,
  person: { id: string; staff_group: string },
  today: IsoDate,
): Promise<OnBehalfChoice[]> {
  const current = await currentVersionsFor(tx, person.staff_group);
  if (current.length === 0) return [];
  const [status] = await computeStatuses(tx, today, [person.id]);
  const soon = addDays(today, statusRules(await readSettings(tx)).dueSoonDays);
  const latest = await tx.db
    .selectFrom('attestations')
    .innerJoin('policy_versions', 'policy_versions.id', 'attestations.policy_version')
    .select(['policy_versions.policy', (eb) => eb.fn.max('attestations.attested_on').as('attested_on')])
    .where('attestations.person', '=', person.id)
    .groupBy('policy_versions.policy')
    .execute();
  return current.map((v) => {
    const requirement = status?.status.requirements.find((r) => r.kind === 'attestation' && r.policy === v.policy);
    const upToDate = requirement?.met === true && compareDates(requirement.dueOn, soon) > 0;
    return {
      versionId: v.id,
      policy: v.policy,
      version: v.version,
      effectiveDate: v.effectiveDate,
      latestAttestedOn: (latest.find((l) => l.policy === v.policy)?.attested_on as IsoDate | undefined) ?? null,
      upToDateUntil: upToDate && requirement ? requirement.dueOn : null,
    };
  });
}

/**
 * The current versions a manager or IG lead may record for someone on their behalf, each saying whether anything is
 * due: the person's page offers the form only for those that are, and says until when the others count.
 */
export async function onBehalfChoices(store: Store, actor: Actor, personId: string): Promise<OnBehalfChoice[]> {
  requireRole(actor, 'manager', 'ig-lead');
  const person = await personFacts(store, personId);
  requireDepartment(actor, person.department_id);
  return choicesFor(store, person, ukDate(store.clock()));
}

/**
 * A manager (or IG lead) records an attestation on someone's behalf, with a remark saying how it was given. The person
 * must be in one of the actor's departments and have an attestation due (see {@link onBehalfChoices}). `attestedOn`
 * may be an earlier day (a paper form), not in the future, not before the version took effect or their latest
 * attestation to the policy and, for a leaver, before the day they left. Recording the same attestation again (same person, version, day and recorder) returns the one
 * already recorded.
 */
export async function attestOnBehalf(
  store: Store,
  actor: Actor,
  input: { person: string; versionId: string; remark: string; attestedOn?: string },
): Promise<RecordedAttestation> {
  requireRole(actor, 'manager', 'ig-lead');
  const remark = input.remark.trim();
  if (remark.length < 3 || remark.length > 500) {
    throw new ValidationError(
      'remark: say how the person attested (3 to 500 characters), for example "signed the paper form at handover"',
    );
  }
  return inTransaction(store, async (tx) => {
    const person = await personFacts(tx, input.person);
    requireDepartment(actor, person.department_id);
    const today = ukDate(tx.clock());
    const attestedOn = (input.attestedOn?.trim() || today) as IsoDate;
    if (!isIsoDate(attestedOn)) throw new ValidationError('attestedOn: must be a real date (YYYY-MM-DD)');
    if (compareDates(attestedOn, today) > 0) {
      throw new ValidationError('attestedOn: the date they signed cannot be in the future');
    }
    // Attestations can never be removed: one dated after someone left would stand for good as a false record.
    if (person.termination_date && compareDates(attestedOn, person.termination_date as IsoDate) >= 0) {
      throw new ValidationError(
        `attestedOn: they left on ${formatLongDate(person.termination_date as IsoDate)}, so the date they signed must be before then`,
      );
    }
    const current = await currentVersionsFor(tx, person.staff_group);
    const version = current.find((v) => v.id === input.versionId);
    if (!version)
      throw new ConflictError('that is not the current version of a policy this person is asked to attest to');
    if (compareDates(attestedOn, version.effectiveDate) < 0) {
      throw new ValidationError(
        `attestedOn: the date they signed cannot be before version ${version.version} took effect (${formatLongDate(version.effectiveDate)})`,
      );
    }
    const already = await alreadyRecorded(tx, {
      person: person.id,
      versionId: version.id,
      attestedOn,
      onBehalfBy: actor.accountId,
    });
    if (already) return already;
    const choice = (await choicesFor(tx, person, today)).find((c) => c.versionId === version.id);
    if (choice?.upToDateUntil) {
      throw new ConflictError(
        `nothing is due: they are up to date with this policy until ${formatLongDate(choice.upToDateUntil)}`,
      );
    }
    // A paper form dated before their latest attestation would put an older record after a newer one.
    if (choice?.latestAttestedOn && compareDates(attestedOn, choice.latestAttestedOn) < 0) {
      throw new ValidationError(
        `attestedOn: their latest attestation to this policy is dated ${formatLongDate(choice.latestAttestedOn)}, so the date they signed cannot be before it`,
      );
    }
    return record(tx, {
      person: person.id,
      versionId: version.id,
      attestedOn,
      onBehalfBy: actor.accountId,
      remark,
      actor: actor.accountId,
    });
  });
}

/** A person's attestations, newest first, with the version and who recorded each. */
export async function attestationsOf(store: Store, personId: string) {
  return store.db
    .selectFrom('attestations')
    .innerJoin('policy_versions', 'policy_versions.id', 'attestations.policy_version')
    .leftJoin('accounts', 'accounts.id', 'attestations.on_behalf_by')
    .select([
      'attestations.id',
      'attestations.attested_at',
      'attestations.attested_on',
      'attestations.remark',
      'attestations.on_behalf_by',
      'accounts.email as recorded_by',
      'policy_versions.id as version_id',
      'policy_versions.version',
      'policy_versions.policy',
    ])
    .where('attestations.person', '=', personId)
    .orderBy('attestations.attested_at', 'desc')
    .execute();
}
