/**
 * What IG leads and managers see: completion by department against the target, by staff group, the 12-month trend,
 * and the due-soon and overdue lists, for the departments the actor may see and the filters chosen. Read from the
 * stored statuses (kept current by every write), so a dashboard is a few indexed queries at any size.
 */

import { createHash } from 'node:crypto';
import { addDays, compareDates, dateParts, daysInMonth, type IsoDate, makeDate } from '@im-records/records-policy';
import { type Actor, requireDepartment, requireRole } from '../access.ts';
import { auditHead } from '../audit/log.ts';
import { ukDate } from '../clock.ts';
import { NotFoundError } from '../errors.ts';
import { readSettings } from '../settings.ts';
import { ensureStatusesCurrent, snapshotFigures } from '../status-store.ts';
import type { Store } from '../store.ts';

/** Filters a dashboard accepts (each optional). */
export interface DashboardFilters {
  department?: string | undefined;
  staffGroup?: string | undefined;
}

/** Completion figures for one row of a table. */
export interface CompletionFigures {
  inScope: number;
  compliant: number;
  /** compliant / inScope, 0–1 (0 when nobody is in scope). */
  share: number;
  target: number;
  meetsTarget: boolean;
}

/** A department's row. */
export interface DepartmentRow extends CompletionFigures {
  id: string;
  name: string;
  dueSoon: number;
  overdue: number;
}

/** A person in a due-soon or overdue list. */
export interface ListedPerson {
  id: string;
  name: string;
  employeeNumber: string;
  departmentId: string;
  departmentName: string;
  staffGroup: string;
  state: string;
  dueOn: string | null;
}

/** A point on the trend: completion at a month end (the last point is today). */
export interface TrendPoint {
  asOf: IsoDate;
  label: string;
  inScope: number;
  compliant: number;
  share: number;
}

/** Everything on the dashboard. */
export interface Dashboard {
  asOf: IsoDate;
  target: number;
  totals: CompletionFigures & { dueSoon: number; overdue: number };
  departments: DepartmentRow[];
  staffGroups: (CompletionFigures & { name: string })[];
  trend: TrendPoint[];
  dueSoon: { people: ListedPerson[]; total: number };
  overdue: { people: ListedPerson[]; total: number };
  /** Every department and staff group the actor may filter by. */
  options: { departments: { id: string; name: string }[]; staffGroups: string[] };
}

function figures(inScope: number, compliant: number, target: number): CompletionFigures {
  const share = inScope === 0 ? 0 : compliant / inScope;
  return { inScope, compliant, share, target, meetsTarget: inScope > 0 && share >= target };
}

/** The last day of each of the 11 months before `asOf`'s month, oldest first. */
export function monthEnds(asOf: IsoDate, months = 11): IsoDate[] {
  const { year, month } = dateParts(asOf);
  const out: IsoDate[] = [];
  for (let i = months; i >= 1; i--) {
    const m0 = month - 1 - i;
    const y = year + Math.floor(m0 / 12);
    const m = (((m0 % 12) + 12) % 12) + 1;
    out.push(makeDate(y, m, daysInMonth(y, m)));
  }
  return out;
}

const monthLabel = new Intl.DateTimeFormat('en-GB', { month: 'short', year: 'numeric', timeZone: 'UTC' });

const LIST_LIMIT = 50;

/**
 * The dashboard for an IG lead (every department) or a manager (their own). A computed dashboard is kept in
 * `report_cache` under a key of everything it depends on: the departments the actor may see, the filters, the date and
 * the audit log's head (every change to people, attestations, completions, policies or settings appends to the log).
 */
export async function dashboard(store: Store, actor: Actor, filters: DashboardFilters = {}): Promise<Dashboard> {
  requireRole(actor, 'ig-lead', 'manager');
  if (filters.department) {
    requireDepartment(actor, filters.department);
    await requireDepartmentExists(store, filters.department);
  }
  await ensureStatusesCurrent(store);
  const head = await auditHead(store);
  const key = createHash('sha256')
    .update(
      JSON.stringify([
        actor.departments,
        filters.department ?? null,
        filters.staffGroup ?? null,
        ukDate(store.clock()),
        head.seq,
        head.hash,
      ]),
    )
    .digest('hex');
  const cached = await store.db.selectFrom('report_cache').select('body').where('key', '=', key).executeTakeFirst();
  if (cached) return JSON.parse(cached.body) as Dashboard;
  const view = await computeDashboard(store, actor, filters);
  const now = store.clock();
  await store.db
    .insertInto('report_cache')
    .values({ key, body: JSON.stringify(view), created_at: now.toISOString() })
    .onConflict((oc) => oc.column('key').doNothing())
    .execute();
  // Old entries are never read again (the head or the date has moved on); drop them now and then.
  if (key.startsWith('0')) {
    await store.db
      .deleteFrom('report_cache')
      .where('created_at', '<', new Date(now.getTime() - 3_600_000).toISOString())
      .execute();
  }
  return view;
}

async function computeDashboard(store: Store, actor: Actor, filters: DashboardFilters): Promise<Dashboard> {
  const settings = await readSettings(store);
  const asOf = ukDate(store.clock());
  const allDepartments = await store.db
    .selectFrom('departments')
    .select(['id', 'name', 'target'])
    .orderBy('name')
    .execute();
  const visible = allDepartments.filter((d) => actor.departments === 'all' || actor.departments.includes(d.id));
  const visibleIds = visible.map((d) => d.id);
  const chosen = filters.department ? [filters.department] : visibleIds;
  const targetOf = new Map(visible.map((d) => [d.id, d.target ?? settings.completionTarget]));
  const nameOf = new Map(allDepartments.map((d) => [d.id, d.name]));

  const restrict = actor.departments !== 'all' || filters.department !== undefined;
  let base = store.db.selectFrom('person_status').where('person_status.in_scope', '=', 1);
  if (restrict) base = base.where('person_status.department_id', 'in', chosen.length > 0 ? chosen : ['\u0000none']);
  if (filters.staffGroup) base = base.where('person_status.staff_group', '=', filters.staffGroup);

  const soon = addDays(asOf, settings.dueSoonDays);
  const [byDepartment, byGroup, groupsAll, dueSoonRows, overdueRows, dueSoonCount, overdueCount] = await Promise.all([
    base
      .select((eb) => [
        'department_id',
        eb.fn.countAll<number>().as('in_scope'),
        eb.fn.sum<number>('compliant').as('compliant'),
        eb.fn.sum<number>(eb.case().when('state', '=', 'due-soon').then(1).else(0).end()).as('due_soon'),
        eb.fn.sum<number>(eb.case().when('state', '=', 'overdue').then(1).else(0).end()).as('overdue'),
      ])
      .groupBy('department_id')
      .execute(),
    base
      .select((eb) => [
        'staff_group',
        eb.fn.countAll<number>().as('in_scope'),
        eb.fn.sum<number>('compliant').as('compliant'),
      ])
      .groupBy('staff_group')
      .orderBy('staff_group')
      .execute(),
    store.db.selectFrom('person_status').select('staff_group').distinct().orderBy('staff_group').execute(),
    listed(base.where('person_status.state', '=', 'due-soon').where('person_status.due_on', '<=', soon), 'asc'),
    listed(base.where('person_status.state', '=', 'overdue'), 'asc'),
    base
      .where('person_status.state', '=', 'due-soon')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow(),
    base
      .where('person_status.state', '=', 'overdue')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow(),
  ]);

  const departmentRows: DepartmentRow[] = byDepartment
    .filter((row) => visibleIds.includes(row.department_id))
    .map((row) => ({
      id: row.department_id,
      name: nameOf.get(row.department_id) ?? row.department_id,
      ...figures(
        Number(row.in_scope),
        Number(row.compliant),
        targetOf.get(row.department_id) ?? settings.completionTarget,
      ),
      dueSoon: Number(row.due_soon),
      overdue: Number(row.overdue),
    }))
    .sort((a, b) => a.share - b.share || a.name.localeCompare(b.name));
  const inScope = departmentRows.reduce((n, d) => n + d.inScope, 0);
  const compliant = departmentRows.reduce((n, d) => n + d.compliant, 0);

  // The trend: stored month-end snapshots, summed the same way, and today's figure.
  const ends = monthEnds(asOf);
  const snapshots = await snapshotFigures(store, ends, {
    departments: restrict ? chosen : 'all',
    staffGroup: filters.staffGroup,
  });
  const trend: TrendPoint[] = ends.map((end) => {
    const { inScope: s, compliant: c } = snapshots.get(end) ?? { inScope: 0, compliant: 0 };
    return {
      asOf: end,
      label: monthLabel.format(new Date(`${end}T00:00:00Z`)),
      inScope: s,
      compliant: c,
      share: s === 0 ? 0 : c / s,
    };
  });
  trend.push({ asOf, label: 'Today', inScope, compliant, share: inScope === 0 ? 0 : compliant / inScope });

  async function listed(query: typeof base, order: 'asc' | 'desc'): Promise<ListedPerson[]> {
    const rows = await query
      .innerJoin('people', 'people.id', 'person_status.person')
      .select([
        'people.id',
        'people.first_name',
        'people.preferred_name',
        'people.last_name',
        'people.employee_number',
        'person_status.department_id',
        'person_status.staff_group',
        'person_status.state',
        'person_status.due_on',
      ])
      .orderBy('person_status.due_on', order)
      .orderBy('people.last_name')
      .limit(LIST_LIMIT)
      .execute();
    return rows.map((r) => ({
      id: r.id,
      name: `${r.preferred_name || r.first_name} ${r.last_name}`,
      employeeNumber: r.employee_number,
      departmentId: r.department_id,
      departmentName: nameOf.get(r.department_id) ?? r.department_id,
      staffGroup: r.staff_group,
      state: r.state,
      dueOn: r.due_on,
    }));
  }

  return {
    asOf,
    target: settings.completionTarget,
    totals: {
      ...figures(inScope, compliant, settings.completionTarget),
      dueSoon: Number(dueSoonCount.n),
      overdue: Number(overdueCount.n),
    },
    departments: departmentRows,
    staffGroups: byGroup.map((row) => ({
      name: row.staff_group,
      ...figures(Number(row.in_scope), Number(row.compliant), settings.completionTarget),
    })),
    trend,
    dueSoon: { people: dueSoonRows, total: Number(dueSoonCount.n) },
    overdue: { people: overdueRows, total: Number(overdueCount.n) },
    options: {
      departments: visible.map((d) => ({ id: d.id, name: d.name })),
      staffGroups: groupsAll.map((g) => g.staff_group),
    },
  };
}

/** A filter or address naming no department (a mistyped or old link) is not found, not an empty trust. */
async function requireDepartmentExists(store: Store, departmentId: string): Promise<void> {
  const found = await store.db.selectFrom('departments').select('id').where('id', '=', departmentId).executeTakeFirst();
  if (!found) throw new NotFoundError('no department has that code');
}

/** Everyone in a department with their status (the drill-down), for actors who may see it. */
export async function departmentPeople(store: Store, actor: Actor, departmentId: string, staffGroup?: string) {
  requireRole(actor, 'ig-lead', 'manager');
  requireDepartment(actor, departmentId);
  await ensureStatusesCurrent(store);
  const department = await store.db
    .selectFrom('departments')
    .selectAll()
    .where('id', '=', departmentId)
    .executeTakeFirst();
  if (!department) throw new NotFoundError('no department has that code');
  let query = store.db
    .selectFrom('people')
    .innerJoin('person_status', 'person_status.person', 'people.id')
    .select([
      'people.id',
      'people.first_name',
      'people.preferred_name',
      'people.last_name',
      'people.employee_number',
      'people.staff_group',
      'people.job_name',
      'person_status.state',
      'person_status.in_scope',
      'person_status.due_on',
      'person_status.attested_on',
      'person_status.completed_on',
      'person_status.expires_on',
    ])
    .where('people.department_id', '=', departmentId);
  if (staffGroup) query = query.where('people.staff_group', '=', staffGroup);
  const rows = await query.orderBy('people.last_name').orderBy('people.first_name').execute();
  return {
    department: { id: department.id, name: department.name },
    people: rows.map((r) => ({
      id: r.id,
      name: `${r.preferred_name || r.first_name} ${r.last_name}`,
      employeeNumber: r.employee_number,
      staffGroup: r.staff_group,
      jobName: r.job_name,
      state: r.state,
      inScope: r.in_scope === 1,
      dueOn: r.due_on,
      attestedOn: r.attested_on,
      completedOn: r.completed_on,
      expiresOn: r.expires_on,
    })),
  };
}

/** Compares dates for sorting lists (null last). */
export function compareDue(a: string | null, b: string | null): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return compareDates(a as IsoDate, b as IsoDate);
}
