/**
 * Applies a parsed roster to the database: departments and people added or updated by employee number, leavers marked
 * by their termination date (their records stay), supervisor links resolved, sign-in accounts linked by e-mail. A dry
 * run reports the same counts and writes nothing; `strict` refuses the whole file when any row is rejected. Everything
 * is written in one transaction with its audit entry, so an interrupted import leaves the roster as it was.
 */
import { createHash, randomUUID } from 'node:crypto';
import { compareDates, type IsoDate, isIsoDate } from '@im-records/records-policy';
import { appendAudit } from '../audit/log.ts';
import { ukDate, ukDayStart } from '../clock.ts';
import type { PersonRow } from '../db/schema.ts';
import { ConflictError, RosterFileError, ValidationError } from '../errors.ts';
import { recordDepartments, recordPeople } from '../history/record.ts';
import { refreshStatuses } from '../status-store.ts';
import { inTransaction, type Store } from '../store.ts';
import { type RosterPersonChange, rosterChange } from './changes.ts';
import {
  type AbsentColumn,
  isLeaver,
  type KeptField,
  parseRoster,
  type RejectedRow,
  type RosterPerson,
} from './parse.ts';

/** What an import did (or, for a dry run, would do). Counts are of people, not rows. */
export interface RosterImportReport {
  added: number;
  updated: number;
  unchanged: number;
  leavers: number;
  rejected: RejectedRow[];
  /** Rows read (assignments, without the header). */
  rows: number;
  dryRun: boolean;
  /** People on the roster who are not in this file (they are left as they are); a rejected row's person is in it. */
  notInFile: number;
  /** The UK day the file was taken as of (the option, else today): its changes count from that day. */
  asOf: IsoDate;
  /** The optional columns the file does not have: people already on the roster keep those details as they are. */
  keptColumns: string[];
  /** Everyone on the roster whose details the file changes (the updated and the leavers among them), in file order. */
  changes: RosterPersonChange[];
  /** The import's id in `roster_imports` (null for a dry run): the page after an import reads its outcome from there. */
  importId: string | null;
}

/** How to import. */
export interface RosterImportOptions {
  dryRun?: boolean;
  /** Refuse the whole file when any row is rejected. */
  strict?: boolean;
  /** Who is importing: an account id or `cli`. */
  actor: string;
  /**
   * The UK day the file is as of (default today): leavers are judged against it and the changes it makes are dated
   * from it in the history. Not after today; before today only when nothing recorded since would be overwritten or
   * rewritten ({@link backDatingConflict}).
   */
  asOf?: IsoDate;
}

/** Thrown by a strict import with rejected rows: carries the report so the caller can list them. */
export class StrictRosterError extends RosterFileError {
  override name = 'StrictRosterError';
  readonly report: RosterImportReport;
  constructor(report: RosterImportReport) {
    super(
      `${report.rejected.length} row${report.rejected.length === 1 ? ' was' : 's were'} rejected, so nothing was imported (--strict); the first is line ${report.rejected[0]?.line}: ${report.rejected[0]?.reason}`,
    );
    this.report = report;
  }
}

const BATCH = 1500;

/** Where each detail a file may leave out is stored (the parent department is the department's, not the person's). */
const keptColumn: Record<Exclude<KeptField, 'parentDepartmentId'>, keyof PersonRow> = {
  personId: 'person_id',
  firstName: 'first_name',
  preferredName: 'preferred_name',
  email: 'email',
  staffGroup: 'staff_group',
  jobName: 'job_name',
  supervisorAssignment: 'supervisor_assignment',
  hireDate: 'hire_date',
  terminationDate: 'termination_date',
};

/** A person from the file with the details it has no column for taken from their roster entry, when they have one. */
function keepAbsent(incoming: RosterPerson, existing: PersonRow | undefined, absent: AbsentColumn[]): RosterPerson {
  if (!existing) return incoming;
  const kept: Record<string, unknown> = { ...incoming };
  for (const { field } of absent) {
    if (field !== 'parentDepartmentId') kept[field] = existing[keptColumn[field]] ?? null;
  }
  return kept as unknown as RosterPerson;
}

/** Imports roster CSV text. Throws {@link RosterFileError} for an unreadable file, {@link StrictRosterError} in strict mode. */
export async function importRoster(
  store: Store,
  text: string,
  options: RosterImportOptions,
): Promise<RosterImportReport> {
  const today = ukDate(store.clock());
  const asOf = options.asOf ?? today;
  if (!isIsoDate(asOf)) throw new ValidationError('asOf: the day the roster is as of must be a real date (YYYY-MM-DD)');
  if (compareDates(asOf, today) > 0) {
    throw new ValidationError(
      `asOf: a roster can be as of today (${today}) at the latest: ${asOf} has not come yet, so the file cannot state it`,
    );
  }
  const parsed = parseRoster(text);
  const existingRows = await store.db.selectFrom('people').selectAll().execute();
  const existing = new Map(existingRows.map((row) => [row.employee_number, row]));
  const departmentNames = new Map(
    (await store.db.selectFrom('departments').select(['id', 'name']).execute()).map((d) => [d.id, d.name]),
  );
  const people = parsed.people.map((person) => keepAbsent(person, existing.get(person.employeeNumber), parsed.absent));
  const keepParents = parsed.absent.some((a) => a.field === 'parentDepartmentId');
  const report: RosterImportReport = {
    added: 0,
    updated: 0,
    unchanged: 0,
    leavers: 0,
    rejected: parsed.rejected,
    rows: parsed.rows,
    dryRun: options.dryRun === true,
    notInFile: 0,
    asOf,
    keptColumns: parsed.absent.map((a) => a.column),
    changes: [],
    importId: null,
  };
  const toWrite: RosterPerson[] = [];
  // Someone whose row was rejected is in the file (the rejection says why), not among those the file leaves out.
  const inFile = new Set<string>(parsed.rejectedEmployees);
  for (const person of people) {
    inFile.add(person.employeeNumber);
    const before = existing.get(person.employeeNumber);
    const leavingNow = isLeaver(person.terminationDate, asOf) && !(before && isLeaver(before.termination_date, asOf));
    if (!before) {
      if (leavingNow) report.leavers += 1;
      else report.added += 1;
      toWrite.push(person);
      continue;
    }
    const change = rosterChange(before, person, departmentNames);
    if (change) {
      if (leavingNow) report.leavers += 1;
      else report.updated += 1;
      report.changes.push(change);
      toWrite.push(person);
    } else report.unchanged += 1;
  }
  report.notInFile = existingRows.filter((row) => !inFile.has(row.employee_number)).length;
  if (options.strict && report.rejected.length > 0) throw new StrictRosterError(report);
  const conflictOf = (db: Store) =>
    compareDates(asOf, today) < 0 ? backDatingConflict(db, asOf, today, toWrite, existing, people) : null;
  if (report.dryRun) {
    const conflict = await conflictOf(store);
    if (conflict) throw new ConflictError(conflict);
    return report;
  }

  const fileHash = createHash('sha256').update(text).digest('hex');
  await inTransaction(store, async (tx) => {
    // Checked again inside the transaction: another import or an export may have come since the caller looked.
    const conflict = await conflictOf(tx);
    if (conflict) throw new ConflictError(conflict);
    const now = tx.clock().toISOString();
    // Every department the file names, not only those of the people written: ESR renames an organisation (or moves it
    // in the tree) without any of its staff changing, and the dashboard must then show the new name.
    const knownDepartments = new Map(
      (await tx.db.selectFrom('departments').select(['id', 'name', 'parent_id']).execute()).map((d) => [d.id, d]),
    );
    const departments = new Map<string, { id: string; name: string; parent_id: string | null }>();
    for (const person of people) {
      departments.set(person.departmentId, {
        id: person.departmentId,
        name: person.departmentName,
        parent_id: keepParents
          ? (knownDepartments.get(person.departmentId)?.parent_id ?? null)
          : person.parentDepartmentId,
      });
    }
    const departmentValues = [...departments.values()].filter((d) => {
      const known = knownDepartments.get(d.id);
      return !known || known.name !== d.name || (known.parent_id ?? null) !== d.parent_id;
    });
    const writtenIds: string[] = [];
    for (let i = 0; i < departmentValues.length; i += BATCH) {
      await tx.db
        .insertInto('departments')
        .values(departmentValues.slice(i, i + BATCH).map((d) => ({ ...d, target: null })))
        .onConflict((oc) =>
          oc
            .column('id')
            .doUpdateSet((eb) => ({ name: eb.ref('excluded.name'), parent_id: eb.ref('excluded.parent_id') })),
        )
        .execute();
    }
    for (let i = 0; i < toWrite.length; i += BATCH) {
      const values = toWrite.slice(i, i + BATCH).map((p) => ({
        id: existing.get(p.employeeNumber)?.id ?? randomUUID(),
        employee_number: p.employeeNumber,
        person_id: p.personId,
        first_name: p.firstName,
        last_name: p.lastName,
        preferred_name: p.preferredName,
        email: p.email,
        department_id: p.departmentId,
        staff_group: p.staffGroup,
        job_name: p.jobName,
        assignment_number: p.assignmentNumber,
        supervisor_assignment: p.supervisorAssignment,
        manager_person: null,
        hire_date: p.hireDate,
        termination_date: p.terminationDate,
        excluded_reason: null,
        created_at: now,
        updated_at: now,
      }));
      for (const value of values) writtenIds.push(value.id);
      await tx.db
        .insertInto('people')
        .values(values)
        .onConflict((oc) =>
          oc.column('employee_number').doUpdateSet((eb) => ({
            person_id: eb.ref('excluded.person_id'),
            first_name: eb.ref('excluded.first_name'),
            last_name: eb.ref('excluded.last_name'),
            preferred_name: eb.ref('excluded.preferred_name'),
            email: eb.ref('excluded.email'),
            department_id: eb.ref('excluded.department_id'),
            staff_group: eb.ref('excluded.staff_group'),
            job_name: eb.ref('excluded.job_name'),
            assignment_number: eb.ref('excluded.assignment_number'),
            supervisor_assignment: eb.ref('excluded.supervisor_assignment'),
            hire_date: eb.ref('excluded.hire_date'),
            termination_date: eb.ref('excluded.termination_date'),
            updated_at: eb.ref('excluded.updated_at'),
          })),
        )
        .execute();
    }
    // History before the import's own row: the first import's versions stand from the start (history/record.ts).
    await recordDepartments(
      tx,
      departmentValues.map((d) => d.id),
      asOf,
    );
    await recordPeople(tx, writtenIds, asOf);
    await linkManagers(tx, parsed.assignments);
    await linkAccounts(tx);
    const importId = randomUUID();
    report.importId = importId;
    await tx.db
      .insertInto('roster_imports')
      .values({
        id: importId,
        at: now,
        as_of: asOf,
        actor: options.actor,
        file_sha256: fileHash,
        added: report.added,
        updated: report.updated,
        unchanged: report.unchanged,
        leavers: report.leavers,
        rejected: JSON.stringify(report.rejected),
      })
      .execute();
    await appendAudit(tx, {
      actor: options.actor,
      type: 'roster.imported',
      data: {
        fileSha256: fileHash,
        ...(asOf !== today ? { asOf } : {}),
        rows: report.rows,
        added: report.added,
        updated: report.updated,
        unchanged: report.unchanged,
        leavers: report.leavers,
        rejected: report.rejected.length,
      },
    });
    // Only the people written can have a new standing; everyone else's stays as it was.
    await refreshStatuses(tx, writtenIds);
  });
  return report;
}

/**
 * Why a roster as of an earlier day than today cannot be imported, or null when it can. Its changes are dated from
 * that day, so it is refused when it would overwrite a newer file (an import as of a later day), undo a change
 * recorded after that day (a person or department whose current version started later: an exclusion, a target, a
 * later import), or change an evidence file already exported for a day from then to yesterday (the audit log holds its
 * SHA-256, and an auditor holding it must get the same file again). Today's exports are not counted: any import made
 * today changes what today's would show.
 */
async function backDatingConflict(
  tx: Store,
  asOf: IsoDate,
  today: IsoDate,
  toWrite: readonly RosterPerson[],
  existing: ReadonlyMap<string, PersonRow>,
  people: readonly RosterPerson[],
): Promise<string | null> {
  const later = await tx.db
    .selectFrom('roster_imports')
    .select('as_of')
    .where('as_of', '>', asOf)
    .orderBy('as_of', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (later?.as_of) {
    return `asOf: a roster as of ${later.as_of} has already been imported; this file, as of ${asOf}, is older and would overwrite it`;
  }
  const exported = await tx.db
    .selectFrom('audit_log')
    .select('data')
    .where('type', '=', 'evidence.exported')
    .where('at', '>=', ukDayStart(asOf).toISOString())
    .execute();
  const days = exported
    .map((row) => (JSON.parse(row.data) as { asOf?: string }).asOf)
    .filter((day): day is string => typeof day === 'string' && day >= asOf && day < today)
    .sort();
  if (days.length > 0) {
    return `asOf: evidence has been exported as of ${days[days.length - 1]}; a roster as of ${asOf} would change it, so import it as of ${today}`;
  }
  // The history's open versions that this file would close, by their start.
  let latest: string | null = null;
  const changedPeople = toWrite.flatMap((p) => {
    const before = existing.get(p.employeeNumber);
    return before ? [{ id: before.id, person: p, excluded: before.excluded_reason }] : [];
  });
  for (let i = 0; i < changedPeople.length; i += BATCH) {
    const chunk = changedPeople.slice(i, i + BATCH);
    const versions = await tx.db
      .selectFrom('person_history')
      .selectAll()
      .where(
        'person',
        'in',
        chunk.map((c) => c.id),
      )
      .where('valid_to', 'is', null)
      .where('valid_from', '>', asOf)
      .execute();
    const byId = new Map(chunk.map((c) => [c.id, c]));
    for (const v of versions) {
      const c = byId.get(v.person);
      if (!c) continue;
      const next = {
        department_id: c.person.departmentId,
        staff_group: c.person.staffGroup,
        hire_date: c.person.hireDate,
        termination_date: c.person.terminationDate,
        excluded_reason: c.excluded,
        first_name: c.person.firstName,
        preferred_name: c.person.preferredName,
        last_name: c.person.lastName,
      };
      const same = (Object.keys(next) as (keyof typeof next)[]).every((k) => (next[k] ?? null) === (v[k] ?? null));
      if (!same && (latest === null || v.valid_from > latest)) latest = v.valid_from;
    }
  }
  const departments = new Map(people.map((p) => [p.departmentId, p]));
  const departmentIds = [...departments.keys()];
  for (let i = 0; i < departmentIds.length; i += BATCH) {
    const versions = await tx.db
      .selectFrom('department_history')
      .select(['department', 'name', 'parent_id', 'valid_from'])
      .where('department', 'in', departmentIds.slice(i, i + BATCH))
      .where('valid_to', 'is', null)
      .where('valid_from', '>', asOf)
      .execute();
    for (const v of versions) {
      const p = departments.get(v.department);
      const same = p && p.departmentName === v.name && (p.parentDepartmentId ?? null) === (v.parent_id ?? null);
      if (!same && (latest === null || v.valid_from > latest)) latest = v.valid_from;
    }
  }
  if (latest) {
    return `asOf: the roster has changes recorded from ${latest}, after ${asOf}, that this file would undo; import it as of ${latest} or later`;
  }
  return null;
}

/** Resolves each person's supervisor assignment to the person who holds it (this file's assignments first). */
async function linkManagers(tx: Store, assignments: ReadonlyMap<string, string>): Promise<void> {
  const people = await tx.db
    .selectFrom('people')
    .select(['id', 'employee_number', 'assignment_number', 'supervisor_assignment', 'manager_person'])
    .execute();
  const byEmployee = new Map(people.map((p) => [p.employee_number, p.id]));
  const byAssignment = new Map(people.map((p) => [p.assignment_number, p.id]));
  for (const [assignment, employee] of assignments) {
    const id = byEmployee.get(employee);
    if (id) byAssignment.set(assignment, id);
  }
  const updates = new Map<string, string[]>();
  for (const person of people) {
    const manager = person.supervisor_assignment ? (byAssignment.get(person.supervisor_assignment) ?? null) : null;
    if (manager === person.manager_person) continue;
    const key = manager ?? '';
    const list = updates.get(key);
    if (list) list.push(person.id);
    else updates.set(key, [person.id]);
  }
  for (const [manager, ids] of updates) {
    for (let i = 0; i < ids.length; i += BATCH) {
      await tx.db
        .updateTable('people')
        .set({ manager_person: manager || null })
        .where('id', 'in', ids.slice(i, i + BATCH))
        .execute();
    }
  }
}

/** Links sign-in accounts with no roster entry to the person with the same office e-mail address. */
export async function linkAccounts(tx: Store): Promise<void> {
  const unlinked = await tx.db.selectFrom('accounts').select(['id', 'email']).where('person', 'is', null).execute();
  if (unlinked.length === 0) return;
  const people = await tx.db
    .selectFrom('people')
    .select(['id', 'email'])
    .where(
      'email',
      'in',
      unlinked.map((a) => a.email),
    )
    .execute();
  const byEmail = new Map(people.map((p) => [p.email, p.id]));
  for (const account of unlinked) {
    const person = byEmail.get(account.email);
    if (person) await tx.db.updateTable('accounts').set({ person }).where('id', '=', account.id).execute();
  }
}
