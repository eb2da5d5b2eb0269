/**
 * Reads an ESR-style roster CSV into people. Column names as in ESR's outbound interface are matched ignoring case,
 * spacing and punctuation ("Office E-mail Address" = "office email address"), in any order; unknown columns are
 * ignored. Each row is an assignment: a person (keyed by employee number) counts once, in the department of their
 * primary assignment. A row that cannot be used is rejected with its line number and the reason, without the values
 * that might be personal data.
 */
import { compareDates, type IsoDate, isIsoDate, isValidEmail, makeDate } from '@im-records/records-policy';
import { RosterFileError } from '../errors.ts';
import { parseCsv } from './csv.ts';

/** A rejected row: the line it starts on and why. */
export interface RejectedRow {
  line: number;
  reason: string;
}

/** A person as the roster file describes them (from their primary assignment). */
export interface RosterPerson {
  line: number;
  employeeNumber: string;
  personId: string | null;
  firstName: string;
  lastName: string;
  preferredName: string | null;
  email: string | null;
  departmentId: string;
  departmentName: string;
  parentDepartmentId: string | null;
  staffGroup: string;
  jobName: string | null;
  assignmentNumber: string;
  supervisorAssignment: string | null;
  hireDate: IsoDate | null;
  terminationDate: IsoDate | null;
}

/** What a roster file holds: the people, every assignment number with its employee, and the rejected rows. */
export interface ParsedRoster {
  people: RosterPerson[];
  /** Every accepted assignment number → employee number (supervisor links may name a non-primary assignment). */
  assignments: Map<string, string>;
  rejected: RejectedRow[];
  /** Employee numbers written on rejected rows: those people are in the file, their rows unusable (not "missing"). */
  rejectedEmployees: Set<string>;
  rows: number;
  /**
   * The details the file has no column for, with the column's name: for people already on the roster these are kept
   * as they are (a file without an e-mail column does not blank everyone's e-mail), not read as empty.
   */
  absent: AbsentColumn[];
}

/** A detail a roster file may leave out, and the ESR column that holds it. */
export interface AbsentColumn {
  field: KeptField;
  column: string;
}

/** The details of a person kept from the roster when a file has no column for them. */
export type KeptField =
  | 'personId'
  | 'firstName'
  | 'preferredName'
  | 'email'
  | 'parentDepartmentId'
  | 'staffGroup'
  | 'jobName'
  | 'supervisorAssignment'
  | 'hireDate'
  | 'terminationDate';

const OPTIONAL_COLUMNS: readonly [Column, KeptField, string][] = [
  ['personId', 'personId', 'Person ID'],
  ['firstName', 'firstName', 'First Name'],
  ['preferredName', 'preferredName', 'Preferred Name'],
  ['email', 'email', 'Office E-mail Address'],
  ['parentOrganisationId', 'parentDepartmentId', 'Parent Organisation ID'],
  ['staffGroup', 'staffGroup', 'Staff Group'],
  ['jobName', 'jobName', 'Job Name'],
  ['supervisorAssignment', 'supervisorAssignment', 'Supervisor Assignment Number'],
  ['hireDate', 'hireDate', 'Hire Date'],
  ['terminationDate', 'terminationDate', 'Actual Termination Date'],
];

/** The staff group used when the file has no Staff Group column or the cell is empty. */
export const UNKNOWN_STAFF_GROUP = 'Not recorded';

const COLUMNS = {
  employeeNumber: ['employeenumber'],
  personId: ['personid'],
  firstName: ['firstname', 'forename'],
  lastName: ['lastname', 'surname'],
  preferredName: ['preferredname', 'knownas'],
  email: ['officeemailaddress', 'emailaddress', 'email'],
  assignmentNumber: ['assignmentnumber'],
  primaryAssignment: ['primaryassignment', 'primaryflag'],
  organisationId: ['organisationid', 'organizationid'],
  organisationName: ['organisationname', 'organizationname', 'organisation', 'organization', 'department'],
  parentOrganisationId: ['parentorganisationid', 'parentorganizationid'],
  staffGroup: ['staffgroup'],
  jobName: ['jobname', 'positionname', 'jobtitle'],
  supervisorAssignment: ['supervisorassignmentnumber'],
  hireDate: ['hiredate', 'latesthiredate', 'startdate'],
  terminationDate: ['actualterminationdate', 'terminationdate'],
} as const;

type Column = keyof typeof COLUMNS;

/** The columns a roster must have; the file is refused without them. */
export const REQUIRED_COLUMNS = [
  'Employee Number',
  'Assignment Number',
  'Last Name',
  'Organisation ID or Organisation Name',
];

function headerKey(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]/g, '');
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/**
 * A roster date: `YYYY-MM-DD`, `DD/MM/YYYY` (UK order) or ESR's `DD-MON-YYYY`. Returns null for an empty cell and
 * throws a message for anything else, including impossible dates (31/02/2024).
 */
export function parseRosterDate(text: string, what: string): IsoDate | null {
  const value = text.trim();
  if (value === '') return null;
  let parts: [number, number, number] | undefined;
  let m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (m) parts = [Number(m[1]), Number(m[2]), Number(m[3])];
  m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(value);
  if (m) parts = [Number(m[3]), Number(m[2]), Number(m[1])];
  m = /^(\d{1,2})-([A-Za-z]{3})-(\d{4})$/.exec(value);
  if (m) {
    const month = MONTHS.indexOf((m[2] ?? '').toLowerCase());
    if (month >= 0) parts = [Number(m[3]), month + 1, Number(m[1])];
  }
  if (!parts) throw new Error(`${what} '${value}' is not a date (use YYYY-MM-DD or DD/MM/YYYY)`);
  try {
    return makeDate(parts[0], parts[1], parts[2]);
  } catch {
    throw new Error(`${what} '${value}' is not a real date`);
  }
}

interface Row {
  line: number;
  employeeNumber: string;
  assignmentNumber: string;
  primary: boolean | null;
  person: Omit<RosterPerson, 'line' | 'employeeNumber' | 'assignmentNumber'>;
}

/** Parses a roster file's text. Throws {@link RosterFileError} when the file as a whole cannot be read. */
export function parseRoster(text: string): ParsedRoster {
  const records = parseCsv(text);
  const header = records[0];
  if (!header) throw new RosterFileError('the file is empty: expected a header row and one row per assignment');
  const index = new Map<Column, number>();
  header.fields.forEach((name, i) => {
    const key = headerKey(name);
    for (const [column, aliases] of Object.entries(COLUMNS) as [Column, readonly string[]][]) {
      if (aliases.includes(key) && !index.has(column)) index.set(column, i);
    }
  });
  const missing = [
    index.has('employeeNumber') ? null : 'Employee Number',
    index.has('assignmentNumber') ? null : 'Assignment Number',
    index.has('lastName') ? null : 'Last Name',
    index.has('organisationId') || index.has('organisationName') ? null : 'Organisation ID or Organisation Name',
  ].filter((name): name is string => name !== null);
  // No column recognised at all: a letter or some other file, not a roster with a column missing (and its first line
  // may be anything, so it is not repeated back).
  if (index.size === 0) {
    throw new RosterFileError(
      `the file is not a roster CSV: its first line names none of the roster columns (not found: ${missing.join(', ')})`,
    );
  }
  if (missing.length > 0) {
    throw new RosterFileError(
      `line ${header.line}: the header has no ${missing.join(', ')} column${missing.length > 1 ? 's' : ''} (columns found: ${header.fields.map((f) => f.trim()).join(', ') || 'none'})`,
    );
  }

  if (records.length < 2) {
    throw new RosterFileError('the file has a header row but no rows of staff: there is nothing to import');
  }
  const rejected: RejectedRow[] = [];
  const rejectedEmployees = new Set<string>();
  const rows: Row[] = [];
  const assignmentLines = new Map<string, number>();
  for (const record of records.slice(1)) {
    const cell = (column: Column): string => {
      const i = index.get(column);
      return i === undefined ? '' : (record.fields[i] ?? '').trim();
    };
    const employeeNumber = cell('employeeNumber');
    const reject = (reason: string) => {
      rejected.push({ line: record.line, reason });
      if (employeeNumber) rejectedEmployees.add(employeeNumber);
    };
    if (!employeeNumber) {
      reject('no employee number');
      continue;
    }
    const assignmentNumber = cell('assignmentNumber');
    if (!assignmentNumber) {
      reject('no assignment number');
      continue;
    }
    const earlier = assignmentLines.get(assignmentNumber);
    if (earlier !== undefined) {
      reject(`assignment number repeats the one on line ${earlier}`);
      continue;
    }
    const lastName = cell('lastName');
    if (!lastName) {
      reject('no last name');
      continue;
    }
    const organisationId = cell('organisationId');
    const organisationName = cell('organisationName');
    if (!organisationId && !organisationName) {
      reject('no department (Organisation ID or Organisation Name is empty)');
      continue;
    }
    const emailText = cell('email');
    if (emailText && !isValidEmail(emailText)) {
      reject('the office e-mail address is not a valid e-mail address');
      continue;
    }
    let hireDate: IsoDate | null;
    let terminationDate: IsoDate | null;
    try {
      hireDate = parseRosterDate(cell('hireDate'), 'hire date');
      terminationDate = parseRosterDate(cell('terminationDate'), 'termination date');
    } catch (error) {
      reject((error as Error).message);
      continue;
    }
    if (hireDate && terminationDate && compareDates(terminationDate, hireDate) < 0) {
      reject('the termination date is before the hire date');
      continue;
    }
    const primaryText = cell('primaryAssignment').toLowerCase();
    const primary = primaryText === '' ? null : ['y', 'yes', 'true', '1'].includes(primaryText);
    assignmentLines.set(assignmentNumber, record.line);
    rows.push({
      line: record.line,
      employeeNumber,
      assignmentNumber,
      primary,
      person: {
        personId: cell('personId') || null,
        firstName: cell('firstName'),
        lastName,
        preferredName: cell('preferredName') || null,
        email: emailText ? emailText.toLowerCase() : null,
        departmentId: organisationId || `name:${organisationName}`,
        departmentName: organisationName || organisationId,
        parentDepartmentId: cell('parentOrganisationId') || null,
        staffGroup: cell('staffGroup') || UNKNOWN_STAFF_GROUP,
        jobName: cell('jobName') || null,
        supervisorAssignment: cell('supervisorAssignment') || null,
        hireDate,
        terminationDate,
      },
    });
  }

  // Group assignments by person; the primary one gives the department. Every assignment of one person carries the
  // same person (ESR's Person ID, last name): a row that names someone else under an employee number already used is
  // two people given one number, and merging them would silently drop the second.
  const byEmployee = new Map<string, Row[]>();
  for (const row of rows) {
    const list = byEmployee.get(row.employeeNumber);
    const first = list?.[0];
    if (list && first) {
      if (!samePerson(first, row)) {
        rejected.push({
          line: row.line,
          reason: `employee number repeats the one on line ${first.line} for someone else (a different last name or Person ID)`,
        });
        continue;
      }
      list.push(row);
    } else byEmployee.set(row.employeeNumber, [row]);
  }
  const people: RosterPerson[] = [];
  const assignments = new Map<string, string>();
  for (const [employeeNumber, list] of byEmployee) {
    const primaries = list.filter((row) => row.primary === true);
    for (const extra of primaries.slice(1)) {
      rejected.push({
        line: extra.line,
        reason: `a second primary assignment for this employee (first on line ${primaries[0]?.line})`,
      });
    }
    const chosen = primaries[0] ?? list.find((row) => row.primary === null) ?? list[0];
    if (!chosen) continue;
    for (const row of list)
      if (!primaries.slice(1).includes(row)) assignments.set(row.assignmentNumber, employeeNumber);
    const email = chosen.person.email ?? list.find((row) => row.person.email)?.person.email ?? null;
    people.push({
      line: chosen.line,
      employeeNumber,
      assignmentNumber: chosen.assignmentNumber,
      ...chosen.person,
      email,
    });
  }
  rejected.sort((a, b) => a.line - b.line);
  const absent = OPTIONAL_COLUMNS.filter(([key]) => !index.has(key)).map(([, field, column]) => ({ field, column }));
  return { people, assignments, rejected, rejectedEmployees, rows: records.length - 1, absent };
}

/** Whether two assignment rows describe the same person: the same last name and, when both give one, Person ID. */
function samePerson(a: Row, b: Row): boolean {
  const idsDiffer = a.person.personId !== null && b.person.personId !== null && a.person.personId !== b.person.personId;
  return !idsDiffer && a.person.lastName.toLocaleLowerCase('en-GB') === b.person.lastName.toLocaleLowerCase('en-GB');
}

/** Whether a person has left by a date: a termination date on or before it. */
export function isLeaver(terminationDate: string | null, asOf: IsoDate): boolean {
  return terminationDate !== null && isIsoDate(terminationDate) && compareDates(terminationDate as IsoDate, asOf) <= 0;
}
