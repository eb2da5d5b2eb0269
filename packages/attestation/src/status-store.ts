/**
 * Keeps `person_status` (each person's standing as of today) in step with the data, so dashboards and lists are plain
 * indexed queries however many attestations there are. Every write that changes someone's standing refreshes their
 * row in the same transaction; a roster import, a policy publication or a settings change refreshes everyone; the first
 * request of a new day refreshes everyone once (a compare-and-set on the stored date, so one instance does it).
 */
import { type IsoDate, parseIsoDate } from '@im-records/records-policy';
import { ukDate } from './clock.ts';
import { isPast, peopleOn, revokedAfter, settingsOn } from './history/as-of.ts';
import {
  type AttestedVersion,
  type CompletionFacts,
  type PersonStatus,
  personStatus,
  type VersionFacts,
  versionsInForce,
} from './rules/status.ts';
import { statusRules } from './settings.ts';
import { inTransaction, type Store } from './store.ts';

const STATUS_DATE_KEY = '_status_as_of';
const BATCH = 2000;

/** Every published policy version, as the rules see them. */
export async function loadVersionFacts(store: Store): Promise<VersionFacts[]> {
  const rows = await store.db.selectFrom('policy_versions').selectAll().execute();
  return rows.map((row) => ({
    id: row.id,
    policy: row.policy,
    version: row.version,
    material: row.material === 1,
    effectiveDate: row.effective_date as IsoDate,
    dueDate: (row.due_date as IsoDate | null) ?? null,
    audience: JSON.parse(row.audience) as string[],
    publishedAt: row.published_at,
  }));
}

/** A person's status with the roster fields reports group by. */
export interface StatusRow {
  person: string;
  departmentId: string;
  staffGroup: string;
  status: PersonStatus;
}

/**
 * Computes statuses as of a date for everyone (or the given people) straight from the stored facts: for a past date,
 * the roster, exclusions and settings as they stood on it (history/as-of.ts), and the completions not yet revoked then.
 */
export async function computeStatuses(store: Store, asOf: IsoDate, people?: readonly string[]): Promise<StatusRow[]> {
  const settings = await settingsOn(store, asOf);
  const past = isPast(store, asOf);
  const rules = statusRules(settings);
  const inForce = versionsInForce(await loadVersionFacts(store), asOf);
  const chunks: (readonly string[] | undefined)[] = [];
  if (people) for (let i = 0; i < people.length; i += BATCH) chunks.push(people.slice(i, i + BATCH));
  else chunks.push(undefined);
  const out: StatusRow[] = [];
  for (const chunk of chunks) {
    let attestationQuery = store.db
      .selectFrom('attestations')
      .select(['person', 'policy_version', (eb) => eb.fn.max('attested_on').as('attested_on')])
      .where('attested_on', '<=', asOf)
      .groupBy(['person', 'policy_version']);
    let completionQuery = store.db
      .selectFrom('completions')
      .select([
        'person',
        (eb) => eb.fn.max('completed_on').as('completed_on'),
        (eb) => eb.fn.max('expires_on').as('expires_on'),
      ])
      .where((eb) =>
        past
          ? eb.or([eb('revoked_at', 'is', null), eb('revoked_at', '>=', revokedAfter(asOf))])
          : eb('revoked_at', 'is', null),
      )
      .where('completed_on', '<=', asOf)
      .groupBy('person');
    if (chunk) {
      if (chunk.length === 0) continue;
      attestationQuery = attestationQuery.where('person', 'in', chunk);
      completionQuery = completionQuery.where('person', 'in', chunk);
    }
    const [persons, attestations, completions] = await Promise.all([
      peopleOn(store, asOf, chunk),
      attestationQuery.execute(),
      completionQuery.execute(),
    ]);
    const attestedBy = new Map<string, AttestedVersion[]>();
    for (const row of attestations) {
      const entry = { versionId: row.policy_version, attestedOn: row.attested_on as IsoDate };
      const list = attestedBy.get(row.person);
      if (list) list.push(entry);
      else attestedBy.set(row.person, [entry]);
    }
    const completedBy = new Map<string, CompletionFacts>();
    for (const row of completions) {
      completedBy.set(row.person, { completedOn: row.completed_on as IsoDate, expiresOn: row.expires_on as IsoDate });
    }
    for (const person of persons) {
      const status = personStatus(
        {
          staffGroup: person.staff_group,
          hireDate: person.hire_date as IsoDate | null,
          terminationDate: person.termination_date as IsoDate | null,
          excludedReason: person.excluded_reason,
        },
        attestedBy.get(person.id) ?? [],
        completedBy.get(person.id) ?? null,
        inForce,
        asOf,
        rules,
      );
      out.push({ person: person.id, departmentId: person.department_id, staffGroup: person.staff_group, status });
    }
  }
  return out;
}

function statusValues(row: StatusRow) {
  const attestation = row.status.requirements.find((r) => r.kind === 'attestation');
  const training = row.status.requirements.find((r) => r.kind === 'training');
  return {
    person: row.person,
    as_of: row.status.asOf,
    department_id: row.departmentId,
    staff_group: row.staffGroup,
    in_scope: row.status.inScope ? 1 : 0,
    compliant: row.status.compliant ? 1 : 0,
    state: row.status.state,
    due_on: row.status.dueOn,
    attested_on: attestation?.since ?? null,
    completed_on: training?.since ?? null,
    expires_on: training?.since ? training.dueOn : null,
  };
}

/** Recomputes and stores the status of everyone (or the given people) as of today. */
export async function refreshStatuses(store: Store, people?: readonly string[]): Promise<number> {
  const asOf = ukDate(store.clock());
  const rows = await computeStatuses(store, asOf, people);
  await inTransaction(store, async (tx) => {
    for (let i = 0; i < rows.length; i += BATCH) {
      const values = rows.slice(i, i + BATCH).map(statusValues);
      await tx.db
        .insertInto('person_status')
        .values(values)
        .onConflict((oc) =>
          oc.column('person').doUpdateSet((eb) => ({
            as_of: eb.ref('excluded.as_of'),
            department_id: eb.ref('excluded.department_id'),
            staff_group: eb.ref('excluded.staff_group'),
            in_scope: eb.ref('excluded.in_scope'),
            compliant: eb.ref('excluded.compliant'),
            state: eb.ref('excluded.state'),
            due_on: eb.ref('excluded.due_on'),
            attested_on: eb.ref('excluded.attested_on'),
            completed_on: eb.ref('excluded.completed_on'),
            expires_on: eb.ref('excluded.expires_on'),
          })),
        )
        .execute();
    }
    if (!people) {
      await tx.db
        .insertInto('settings')
        .values({ key: STATUS_DATE_KEY, value: JSON.stringify(asOf) })
        .onConflict((oc) => oc.column('key').doUpdateSet({ value: JSON.stringify(asOf) }))
        .execute();
    }
  });
  return rows.length;
}

/**
 * Makes sure stored statuses are as of today: on the first call of a new day one caller (whoever wins the
 * compare-and-set on the stored date) refreshes everyone. Returns true when this call did the refresh.
 */
export async function ensureStatusesCurrent(store: Store): Promise<boolean> {
  const today = JSON.stringify(ukDate(store.clock()));
  const stored = await store.db
    .selectFrom('settings')
    .select('value')
    .where('key', '=', STATUS_DATE_KEY)
    .executeTakeFirst();
  if (stored?.value === today) return false;
  if (stored) {
    const claimed = await store.db
      .updateTable('settings')
      .set({ value: today })
      .where('key', '=', STATUS_DATE_KEY)
      .where('value', '!=', today)
      .executeTakeFirst();
    if (Number(claimed.numUpdatedRows) === 0) return false;
  }
  await refreshStatuses(store);
  return true;
}

/** The date stored statuses are as of, if they have been computed. */
export async function statusDate(store: Store): Promise<IsoDate | null> {
  const row = await store.db
    .selectFrom('settings')
    .select('value')
    .where('key', '=', STATUS_DATE_KEY)
    .executeTakeFirst();
  return row ? parseIsoDate(JSON.parse(row.value) as string) : null;
}

/** Counts in scope and compliant by department and staff group: the cells every completion figure is summed from. */
export interface CompletionCell {
  departmentId: string;
  staffGroup: string;
  inScope: number;
  compliant: number;
}

/** Sums status rows into cells. */
export function cellsOf(rows: readonly StatusRow[]): CompletionCell[] {
  const cells = new Map<string, CompletionCell>();
  for (const row of rows) {
    if (!row.status.inScope) continue;
    const key = `${row.departmentId}\u0000${row.staffGroup}`;
    let cell = cells.get(key);
    if (!cell) {
      cell = { departmentId: row.departmentId, staffGroup: row.staffGroup, inScope: 0, compliant: 0 };
      cells.set(key, cell);
    }
    cell.inScope += 1;
    if (row.status.compliant) cell.compliant += 1;
  }
  return [...cells.values()].sort((a, b) =>
    a.departmentId === b.departmentId
      ? a.staffGroup < b.staffGroup
        ? -1
        : 1
      : a.departmentId < b.departmentId
        ? -1
        : 1,
  );
}

/**
 * Makes sure each past date (month end) has its completion cells stored: computed once and kept, so the trend shows
 * the figures as they stood, even if an attestation is later recorded for an earlier day.
 */
export async function ensureSnapshots(store: Store, dates: readonly IsoDate[]): Promise<void> {
  if (dates.length === 0) return;
  const stored = await store.db
    .selectFrom('completion_snapshots')
    .select('as_of')
    .distinct()
    .where('as_of', 'in', dates)
    .execute();
  const seen = new Set(stored.map((row) => row.as_of));
  for (const date of dates) {
    if (seen.has(date)) continue;
    const cells = cellsOf(await computeStatuses(store, date));
    // An empty month still gets a marker row, so it is not recomputed on every view.
    const values = (cells.length > 0 ? cells : [{ departmentId: '', staffGroup: '', inScope: 0, compliant: 0 }]).map(
      (cell) => ({
        as_of: date,
        department_id: cell.departmentId,
        staff_group: cell.staffGroup,
        in_scope: cell.inScope,
        compliant: cell.compliant,
      }),
    );
    await inTransaction(store, async (tx) => {
      for (let i = 0; i < values.length; i += BATCH) {
        await tx.db
          .insertInto('completion_snapshots')
          .values(values.slice(i, i + BATCH))
          .onConflict((oc) => oc.doNothing())
          .execute();
      }
    });
  }
}

/** Completion at each stored date, summed in the database over the departments and staff group asked for. */
export async function snapshotFigures(
  store: Store,
  dates: readonly IsoDate[],
  filter: { departments: readonly string[] | 'all'; staffGroup?: string | undefined },
): Promise<Map<IsoDate, { inScope: number; compliant: number }>> {
  await ensureSnapshots(store, dates);
  let query = store.db
    .selectFrom('completion_snapshots')
    .select((eb) => [
      'as_of',
      eb.fn.sum<number>('in_scope').as('in_scope'),
      eb.fn.sum<number>('compliant').as('compliant'),
    ])
    .where('as_of', 'in', dates.length > 0 ? dates : ['-'])
    .groupBy('as_of');
  if (filter.departments !== 'all')
    query = query.where('department_id', 'in', filter.departments.length > 0 ? filter.departments : ['\u0000none']);
  if (filter.staffGroup) query = query.where('staff_group', '=', filter.staffGroup);
  const rows = await query.execute();
  return new Map(
    rows.map((row) => [row.as_of as IsoDate, { inScope: Number(row.in_scope), compliant: Number(row.compliant) }]),
  );
}
