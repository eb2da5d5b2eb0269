/**
 * The completion report: one row per department (and a total), as of any date. Each person's status is computed from
 * the attestations, completions and policy versions dated up to that day (not from today's statuses), and, for a past
 * date, from the roster as it stood that day (history/as-of.ts): each person's department, staff group, hire and
 * termination dates and exclusion, the departments that existed with their names and targets, the settings, and the
 * completions not yet revoked. So a report for a past date made later agrees with the one made on the day, however
 * the roster has changed since; the evidence pack's SHA-256 in the audit log shows which file was made on the day.
 */
import type { IsoDate } from '@im-records/records-policy';
import { departmentsOn, settingsOn } from '../history/as-of.ts';
import { toCsv } from '../roster/csv.ts';
import { computeStatuses } from '../status-store.ts';
import type { Store } from '../store.ts';

/** One department's figures on the as-of date. */
export interface ReportRow {
  departmentId: string;
  department: string;
  inScope: number;
  compliant: number;
  /** Whole percent, rounded down, so 94.9% never shows as meeting 95%. */
  percent: number;
  target: number;
  meetsTarget: boolean;
  dueSoon: number;
  overdue: number;
  outOfScope: number;
}

/** The report: rows by department (by name), staff-group totals and the trust total. */
export interface CompletionReport {
  asOf: IsoDate;
  target: number;
  departments: ReportRow[];
  staffGroups: { staffGroup: string; inScope: number; compliant: number; percent: number }[];
  total: {
    inScope: number;
    compliant: number;
    percent: number;
    meetsTarget: boolean;
    dueSoon: number;
    overdue: number;
  };
}

/**
 * Whether a department (or the trust) met its target, as the exported files say it: "yes", "no", or "n/a" where nobody
 * is in scope, as there is nothing to measure (an auditor reading "no" would look for staff who are not there).
 */
export function targetVerdict(figures: { inScope: number; meetsTarget: boolean }): 'yes' | 'no' | 'n/a' {
  if (figures.inScope === 0) return 'n/a';
  return figures.meetsTarget ? 'yes' : 'no';
}

function percent(compliant: number, inScope: number): number {
  return inScope === 0 ? 0 : Math.floor((compliant * 1000) / inScope) / 10;
}

/** Builds the report as of a date (every department, whoever asks: the CLI and IG leads use it). */
export async function completionReport(store: Store, asOf: IsoDate): Promise<CompletionReport> {
  const settings = await settingsOn(store, asOf);
  const rows = await computeStatuses(store, asOf);
  const departments = await departmentsOn(store, asOf);
  const byDepartment = new Map<string, ReportRow>();
  for (const d of departments) {
    const target = d.target ?? settings.completionTarget;
    byDepartment.set(d.id, {
      departmentId: d.id,
      department: d.name,
      inScope: 0,
      compliant: 0,
      percent: 0,
      target,
      meetsTarget: false,
      dueSoon: 0,
      overdue: 0,
      outOfScope: 0,
    });
  }
  const groups = new Map<string, { staffGroup: string; inScope: number; compliant: number; percent: number }>();
  for (const row of rows) {
    const d = byDepartment.get(row.departmentId);
    if (!d) continue;
    if (!row.status.inScope) {
      d.outOfScope += 1;
      continue;
    }
    d.inScope += 1;
    if (row.status.compliant) d.compliant += 1;
    if (row.status.state === 'due-soon') d.dueSoon += 1;
    if (row.status.state === 'overdue') d.overdue += 1;
    let g = groups.get(row.staffGroup);
    if (!g) {
      g = { staffGroup: row.staffGroup, inScope: 0, compliant: 0, percent: 0 };
      groups.set(row.staffGroup, g);
    }
    g.inScope += 1;
    if (row.status.compliant) g.compliant += 1;
  }
  const list = [...byDepartment.values()].sort(
    (a, b) => a.department.localeCompare(b.department, 'en-GB') || (a.departmentId < b.departmentId ? -1 : 1),
  );
  for (const d of list) {
    d.percent = percent(d.compliant, d.inScope);
    d.meetsTarget = d.inScope > 0 && d.compliant >= d.target * d.inScope;
  }
  const staffGroups = [...groups.values()].sort((a, b) => a.staffGroup.localeCompare(b.staffGroup, 'en-GB'));
  for (const g of staffGroups) g.percent = percent(g.compliant, g.inScope);
  const inScope = list.reduce((n, d) => n + d.inScope, 0);
  const compliant = list.reduce((n, d) => n + d.compliant, 0);
  return {
    asOf,
    target: settings.completionTarget,
    departments: list,
    staffGroups,
    total: {
      inScope,
      compliant,
      percent: percent(compliant, inScope),
      meetsTarget: inScope > 0 && compliant >= settings.completionTarget * inScope,
      dueSoon: list.reduce((n, d) => n + d.dueSoon, 0),
      overdue: list.reduce((n, d) => n + d.overdue, 0),
    },
  };
}

/** The report as CSV: one row per department; cells that a spreadsheet would run as formulas are neutralised. */
export function reportCsv(report: CompletionReport): string {
  return toCsv(
    [
      'department_id',
      'department',
      'staff_in_scope',
      'compliant',
      'percent',
      'target_percent',
      'meets_target',
      'due_soon',
      'overdue',
      'out_of_scope',
      'as_of',
    ],
    report.departments.map((d) => [
      d.departmentId,
      d.department,
      d.inScope,
      d.compliant,
      d.percent,
      Math.round(d.target * 1000) / 10,
      targetVerdict(d),
      d.dueSoon,
      d.overdue,
      d.outOfScope,
      report.asOf,
    ]),
  );
}
