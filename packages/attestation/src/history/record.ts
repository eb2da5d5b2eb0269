/**
 * Writes the history tables beside the current state, in the caller's transaction: after a roster import, an
 * exclusion, a department target or a settings change, each changed person, department or setting gets its open
 * version closed (`valid_to` = the day of the change: today, or the day a roster import is as of) and a new one opened
 * from that day. Versions whose facts are unchanged are left
 * alone, so calling these for more rows than changed costs reads only. Changes made before the service's first roster
 * import (and that import) are valid from `HISTORY_START`: the roster the service starts with stands for the past it
 * was not there for, so records dated earlier (paper records entered at go-live) count against it.
 */
import { randomUUID } from 'node:crypto';
import type { IsoDate } from '@im-records/records-policy';
import { ukDate } from '../clock.ts';
import type { Store } from '../store.ts';
import { HISTORY_START } from './start.ts';

const BATCH = 1000;

type Facts = Record<string, string | number | null>;

/** What changes: the versions to close (by history row id) and the keys to open a version for, with their facts. */
interface VersionPlan<F extends Facts> {
  close: string[];
  open: { key: string; facts: F }[];
}

function sameFacts(a: Facts, b: Facts): boolean {
  return Object.keys(a).every((k) => (a[k] ?? null) === (b[k] ?? null));
}

/** Compares the current facts with the open versions: a key whose facts differ, or with no version yet, gets one. */
function planVersions<F extends Facts>(
  current: ReadonlyMap<string, F>,
  open: ReadonlyMap<string, { id: string; facts: F }>,
): VersionPlan<F> {
  const plan: VersionPlan<F> = { close: [], open: [] };
  for (const [key, facts] of current) {
    const version = open.get(key);
    if (version && sameFacts(facts, version.facts)) continue;
    if (version) plan.close.push(version.id);
    plan.open.push({ key, facts });
  }
  return plan;
}

/**
 * The day new versions start: `asOf` (a roster import's day; today for every other change), or `HISTORY_START` while
 * the service holds no roster yet (no import recorded and nobody in the history, which the migration backfills for a
 * database that had a roster before it kept history).
 */
async function validFrom(tx: Store, asOf: IsoDate | undefined): Promise<IsoDate> {
  const day = asOf ?? ukDate(tx.clock());
  const imported = await tx.db.selectFrom('roster_imports').select('id').limit(1).executeTakeFirst();
  if (imported) return day;
  const someone = await tx.db.selectFrom('person_history').select('id').limit(1).executeTakeFirst();
  return someone ? day : HISTORY_START;
}

/** A person's fields kept in `person_history`: what a report, CSV or evidence pack for a past day reads. */
export const PERSON_FIELDS = [
  'department_id',
  'staff_group',
  'hire_date',
  'termination_date',
  'excluded_reason',
  'first_name',
  'preferred_name',
  'last_name',
] as const;

function chunks<T>(items: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += BATCH) out.push(items.slice(i, i + BATCH));
  return out;
}

/**
 * Records the reportable roster fields and names of the given people as they now stand in `people`, valid from `asOf`
 * (default today; the roster import's checks keep it from reaching back before an open version's start).
 */
export async function recordPeople(tx: Store, personIds: readonly string[], asOf?: IsoDate): Promise<void> {
  if (personIds.length === 0) return;
  const from = await validFrom(tx, asOf);
  const now = tx.clock().toISOString();
  for (const ids of chunks([...new Set(personIds)])) {
    const rows = await tx.db
      .selectFrom('people')
      .select(['id', ...PERSON_FIELDS])
      .where('id', 'in', ids)
      .execute();
    const versions = await tx.db
      .selectFrom('person_history')
      .select(['id', 'person', ...PERSON_FIELDS])
      .where('person', 'in', ids)
      .where('valid_to', 'is', null)
      .execute();
    const plan = planVersions(
      new Map(rows.map(({ id, ...facts }) => [id, facts])),
      new Map(versions.map(({ id, person, ...facts }) => [person, { id, facts }])),
    );
    if (plan.close.length > 0)
      await tx.db.updateTable('person_history').set({ valid_to: from }).where('id', 'in', plan.close).execute();
    if (plan.open.length > 0)
      await tx.db
        .insertInto('person_history')
        .values(
          plan.open.map(({ key, facts }) => ({
            id: randomUUID(),
            person: key,
            valid_from: from,
            valid_to: null,
            ...facts,
            recorded_at: now,
          })),
        )
        .execute();
  }
}

/** Records the name, parent and target of the given departments as they now stand in `departments`, from `asOf`. */
export async function recordDepartments(tx: Store, departmentIds: readonly string[], asOf?: IsoDate): Promise<void> {
  if (departmentIds.length === 0) return;
  const from = await validFrom(tx, asOf);
  const now = tx.clock().toISOString();
  for (const ids of chunks([...new Set(departmentIds)])) {
    const rows = await tx.db
      .selectFrom('departments')
      .select(['id', 'name', 'parent_id', 'target'])
      .where('id', 'in', ids)
      .execute();
    const versions = await tx.db
      .selectFrom('department_history')
      .select(['id', 'department', 'name', 'parent_id', 'target'])
      .where('department', 'in', ids)
      .where('valid_to', 'is', null)
      .execute();
    const plan = planVersions(
      new Map(rows.map(({ id, ...facts }) => [id, facts])),
      new Map(versions.map(({ id, department, ...facts }) => [department, { id, facts }])),
    );
    if (plan.close.length > 0)
      await tx.db.updateTable('department_history').set({ valid_to: from }).where('id', 'in', plan.close).execute();
    if (plan.open.length > 0)
      await tx.db
        .insertInto('department_history')
        .values(
          plan.open.map(({ key, facts }) => ({
            id: randomUUID(),
            department: key,
            valid_from: from,
            valid_to: null,
            ...facts,
            recorded_at: now,
          })),
        )
        .execute();
  }
}

/** Records the stored values of the given settings keys as they now stand in `settings`. */
export async function recordSettings(tx: Store, keys: readonly string[]): Promise<void> {
  if (keys.length === 0) return;
  const from = await validFrom(tx, undefined);
  const now = tx.clock().toISOString();
  const rows = await tx.db.selectFrom('settings').select(['key', 'value']).where('key', 'in', keys).execute();
  const versions = await tx.db
    .selectFrom('setting_history')
    .select(['id', 'key', 'value'])
    .where('key', 'in', keys)
    .where('valid_to', 'is', null)
    .execute();
  const plan = planVersions(
    new Map(rows.map(({ key, value }) => [key, { value }])),
    new Map(versions.map(({ id, key, value }) => [key, { id, facts: { value } }])),
  );
  if (plan.close.length > 0)
    await tx.db.updateTable('setting_history').set({ valid_to: from }).where('id', 'in', plan.close).execute();
  if (plan.open.length > 0)
    await tx.db
      .insertInto('setting_history')
      .values(
        plan.open.map(({ key, facts }) => ({
          id: randomUUID(),
          key,
          valid_from: from,
          valid_to: null,
          value: facts.value,
          recorded_at: now,
        })),
      )
      .execute();
}
