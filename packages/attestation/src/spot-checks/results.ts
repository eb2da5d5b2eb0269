/**
 * Spot check results for IG leads and the evidence pack, as of a date: each month's draw and how many were checked,
 * results by department and by checklist item, and the follow-ups still open (overdue when the re-check date has
 * passed, or the retraining date with no pass since the check). Computed from the stored records, so the same date
 * gives the same figures; departments and people are named as they were on the date.
 */
import { compareDates, type IsoDate } from '@im-records/records-policy';
import { type Actor, requireRole } from '../access.ts';
import { departmentsOn, peopleOn } from '../history/as-of.ts';
import type { Store } from '../store.ts';
import { CHECKLIST } from './checklist.ts';

/** A month's draw and what came of it by the as-of date. */
export interface DrawRow {
  month: string;
  seed: string;
  drawnOn: string;
  eligible: number;
  rosterSha256: string;
  drawn: number;
  checked: number;
  notPossible: number;
  withFailure: number;
}

/** Results by department, by item, by month, and open follow-ups. */
export interface SpotCheckResults {
  asOf: IsoDate;
  draws: DrawRow[];
  departments: { departmentId: string; department: string; checked: number; withFailure: number }[];
  items: { id: string; label: string; pass: number; fail: number; notApplicable: number }[];
  followUps: {
    id: string;
    person: string;
    name: string;
    department: string;
    items: string[];
    createdOn: string;
    retrainingBy: string;
    retrained: boolean;
    recheckOn: string;
    overdue: boolean;
  }[];
  totals: { checked: number; withFailure: number; openFollowUps: number; overdueFollowUps: number };
}

/** The results as of a date (IG leads; the evidence pack passes `evidence`). */
export async function spotCheckResults(
  store: Store,
  actor: Actor | 'evidence',
  asOf: IsoDate,
): Promise<SpotCheckResults> {
  if (actor !== 'evidence') requireRole(actor, 'ig-lead');
  const draws = await store.db
    .selectFrom('spot_check_draws')
    .select(['id', 'month', 'seed', 'drawn_on', 'roster', 'roster_sha256'])
    .where('drawn_on', '<=', asOf)
    .orderBy('month')
    .execute();
  const checks = await store.db
    .selectFrom('spot_checks')
    .leftJoin('departments', 'departments.id', 'spot_checks.department_id')
    .select([
      'spot_checks.id',
      'spot_checks.draw',
      'spot_checks.status',
      'spot_checks.checked_on',
      'spot_checks.department_id',
      'departments.name as department',
    ])
    .execute();
  const items = await store.db.selectFrom('spot_check_items').select(['check_id', 'item', 'outcome']).execute();
  const done = new Map(
    checks
      .filter((c) => c.status !== 'to-do' && c.checked_on !== null && compareDates(c.checked_on as IsoDate, asOf) <= 0)
      .map((c) => [c.id, c]),
  );
  const failedChecks = new Set(
    items.filter((i) => i.outcome === 'fail' && done.has(i.check_id)).map((i) => i.check_id),
  );

  const drawRows: DrawRow[] = draws.map((d) => {
    const own = checks.filter((c) => c.draw === d.id);
    const recorded = own.filter((c) => done.has(c.id));
    return {
      month: d.month,
      seed: d.seed,
      drawnOn: d.drawn_on,
      eligible: (JSON.parse(d.roster) as unknown[]).length,
      rosterSha256: d.roster_sha256,
      drawn: own.length,
      checked: recorded.filter((c) => c.status === 'done').length,
      notPossible: recorded.filter((c) => c.status === 'not-possible').length,
      withFailure: recorded.filter((c) => failedChecks.has(c.id)).length,
    };
  });

  const departmentNames = new Map((await departmentsOn(store, asOf)).map((d) => [d.id, d.name]));
  const byDepartment = new Map<
    string,
    { departmentId: string; department: string; checked: number; withFailure: number }
  >();
  for (const check of done.values()) {
    if (check.status !== 'done') continue;
    let row = byDepartment.get(check.department_id);
    if (!row) {
      row = {
        departmentId: check.department_id,
        department: departmentNames.get(check.department_id) ?? check.department ?? check.department_id,
        checked: 0,
        withFailure: 0,
      };
      byDepartment.set(check.department_id, row);
    }
    row.checked += 1;
    if (failedChecks.has(check.id)) row.withFailure += 1;
  }

  const itemRows = CHECKLIST.map((item) => {
    const own = items.filter((i) => i.item === item.id && done.has(i.check_id));
    return {
      id: item.id,
      label: item.label,
      pass: own.filter((i) => i.outcome === 'pass').length,
      fail: own.filter((i) => i.outcome === 'fail').length,
      notApplicable: own.filter((i) => i.outcome === 'not-applicable').length,
    };
  });

  const followUps = await store.db
    .selectFrom('follow_ups')
    .innerJoin('people', 'people.id', 'follow_ups.person')
    .leftJoin('departments', 'departments.id', 'follow_ups.department_id')
    .select([
      'follow_ups.id',
      'follow_ups.person',
      'follow_ups.items',
      'follow_ups.created_on',
      'follow_ups.retraining_by',
      'follow_ups.recheck_on',
      'follow_ups.closed_on',
      'follow_ups.department_id',
      'people.first_name',
      'people.preferred_name',
      'people.last_name',
      'departments.name as department',
    ])
    .where('follow_ups.created_on', '<=', asOf)
    .where((eb) => eb.or([eb('follow_ups.closed_on', 'is', null), eb('follow_ups.closed_on', '>', asOf)]))
    .orderBy('follow_ups.recheck_on')
    .orderBy('follow_ups.id')
    .execute();
  const passes = await store.db
    .selectFrom('completions')
    .select(['person', 'completed_on'])
    .where('revoked_at', 'is', null)
    .where('completed_on', '<=', asOf)
    .execute();
  const namesOn = new Map(
    (followUps.length > 0
      ? await peopleOn(
          store,
          asOf,
          followUps.map((f) => f.person),
        )
      : []
    ).map((p) => [p.id, p]),
  );
  const open = followUps.map((f) => {
    const named = namesOn.get(f.person) ?? f;
    const retrained = passes.some((p) => p.person === f.person && p.completed_on >= f.created_on);
    const overdue =
      compareDates(f.recheck_on as IsoDate, asOf) < 0 ||
      (!retrained && compareDates(f.retraining_by as IsoDate, asOf) < 0);
    return {
      id: f.id,
      person: f.person,
      name: [named.preferred_name || named.first_name, named.last_name].filter(Boolean).join(' '),
      department: departmentNames.get(f.department_id) ?? f.department ?? '',
      items: JSON.parse(f.items) as string[],
      createdOn: f.created_on,
      retrainingBy: f.retraining_by,
      retrained,
      recheckOn: f.recheck_on,
      overdue,
    };
  });
  const checked = [...done.values()].filter((c) => c.status === 'done').length;
  return {
    asOf,
    draws: drawRows,
    departments: [...byDepartment.values()].sort((a, b) => a.department.localeCompare(b.department)),
    items: itemRows,
    followUps: open,
    totals: {
      checked,
      withFailure: failedChecks.size,
      openFollowUps: open.length,
      overdueFollowUps: open.filter((f) => f.overdue).length,
    },
  };
}
