/**
 * What a roster file changes for people already on the roster, detail by detail, so the dry run can say what
 * "Changed" means before anything is written. Computed here once and rendered by the admin page and the CLI alike.
 */
import type { PersonRow } from '../db/schema.ts';
import type { RosterPerson } from './parse.ts';

/** One detail a file changes, as words: the department by name, an empty detail as "(none)". */
export interface RosterDetailChange {
  /** The detail's name in a sentence ("department", "staff group", "e-mail"). */
  detail: string;
  before: string | null;
  after: string | null;
}

/** Someone on the roster whose details the file changes, named as the file names them. */
export interface RosterPersonChange {
  employeeNumber: string;
  personId: string | null;
  name: string;
  details: RosterDetailChange[];
}

/** How many changed people the dry run lists in words (page and CLI); `--json` carries every one. */
export const ROSTER_CHANGES_SHOWN = 50;

/** Each stored detail an import compares, with the file's field and its name in a sentence. */
export const ROSTER_DETAILS = [
  ['person_id', 'personId', 'Person ID'],
  ['first_name', 'firstName', 'first name'],
  ['last_name', 'lastName', 'last name'],
  ['preferred_name', 'preferredName', 'preferred name'],
  ['email', 'email', 'e-mail'],
  ['department_id', 'departmentId', 'department'],
  ['staff_group', 'staffGroup', 'staff group'],
  ['job_name', 'jobName', 'job'],
  ['assignment_number', 'assignmentNumber', 'assignment number'],
  ['supervisor_assignment', 'supervisorAssignment', 'supervisor assignment'],
  ['hire_date', 'hireDate', 'hire date'],
  ['termination_date', 'terminationDate', 'termination date'],
] as const;

/**
 * The details that differ between someone's roster entry and the file's row for them (empty when none do).
 * `departmentNames` names the departments already stored; the new one is named as the file names it.
 */
export function rosterChange(
  existing: PersonRow,
  incoming: RosterPerson,
  departmentNames: ReadonlyMap<string, string>,
): RosterPersonChange | null {
  const details: RosterDetailChange[] = [];
  for (const [column, field, detail] of ROSTER_DETAILS) {
    const before = existing[column] ?? null;
    const after = incoming[field] ?? null;
    if (before === after) continue;
    if (column === 'department_id') {
      details.push({
        detail,
        before: before === null ? null : (departmentNames.get(before) ?? before),
        after: incoming.departmentName || incoming.departmentId,
      });
    } else details.push({ detail, before, after });
  }
  if (details.length === 0) return null;
  return {
    employeeNumber: incoming.employeeNumber,
    personId: incoming.personId,
    name: `${incoming.preferredName ?? incoming.firstName} ${incoming.lastName}`.trim(),
    details,
  };
}

/** One changed person as a line: `Ben Cole (Person ID 7, employee number 2): department: Ward 5 → Pharmacy`. */
export function describeRosterChange(change: RosterPersonChange): string {
  const who = [change.personId ? `Person ID ${change.personId}` : null, `employee number ${change.employeeNumber}`]
    .filter(Boolean)
    .join(', ');
  const what = change.details.map((d) => `${d.detail}: ${d.before ?? '(none)'} → ${d.after ?? '(none)'}`).join('; ');
  return `${change.name} (${who}): ${what}`;
}

/** The first `shown` changes as lines, then "and N more" when there are others. */
export function rosterChangeLines(changes: readonly RosterPersonChange[], shown = ROSTER_CHANGES_SHOWN): string[] {
  const lines = changes.slice(0, shown).map(describeRosterChange);
  if (changes.length > shown) {
    const more = changes.length - shown;
    lines.push(`and ${more} more ${more === 1 ? 'person' : 'people'}`);
  }
  return lines;
}
