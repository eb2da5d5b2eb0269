import { readFileSync } from 'node:fs';
import { parseIsoDate } from '@im-records/records-policy';
import { afterEach, describe, expect, it } from 'vitest';
import { verifyAudit } from '../src/audit/log.ts';
import type { AttestationDatabase } from '../src/db/connect.ts';
import { RosterFileError } from '../src/errors.ts';
import { rosterChangeLines } from '../src/roster/changes.ts';
import { parseCsv, toCsv } from '../src/roster/csv.ts';
import { importRoster, StrictRosterError } from '../src/roster/import.ts';
import { parseRoster, parseRosterDate } from '../src/roster/parse.ts';
import { holdRosterUpload, takeRosterUpload } from '../src/roster/uploads.ts';
import { engines, freshStore } from './databases.ts';

const broken = readFileSync(new URL('./fixtures/roster-broken.csv', import.meta.url), 'utf8');
const header =
  'Employee Number,Assignment Number,Primary Assignment,First Name,Last Name,Organisation ID,Organisation Name,Office E-mail Address,Supervisor Assignment Number,Hire Date,Actual Termination Date';

describe('reading roster CSV', () => {
  it('reads quoted fields with commas, quotes and line breaks, CRLF or LF, with or without a BOM', () => {
    const text = '\uFEFFa,b\r\n"x, y","say ""hi"""\r\n"two\nlines",z\n';
    expect(parseCsv(text)).toEqual([
      { line: 1, fields: ['a', 'b'] },
      { line: 2, fields: ['x, y', 'say "hi"'] },
      { line: 3, fields: ['two\nlines', 'z'] },
    ]);
    expect(() => parseCsv('a,"b\n')).toThrow('line 1: a quoted field is never closed');
  });

  it('refuses a file where a stray quote swallows the lines after it, naming the line, rather than losing them', () => {
    // Line 3's surname starts with a stray quote; the next quote is the opening one of line 5's department, so a
    // reader that carried on would read lines 3 to 5 as one row and never see the two people on lines 4 and 5.
    const text = [
      'Employee Number,Assignment Number,Last Name,Organisation Name',
      '1,1-1,Okafor,Ward 5',
      '2,2-1,"Cole,Ward 5',
      '3,3-1,Wu,Pharmacy',
      '4,4-1,Ray,"Ward 5, Northgate"',
      '',
    ].join('\r\n');
    expect(() => parseCsv(text)).toThrow(RosterFileError);
    expect(() => parseCsv(text)).toThrow(
      'line 3: a quoted field opened here runs on to line 5, where text follows its closing quote; look for a stray double quote on line 3',
    );
    // On one line, a quote that closes early keeps the text after it, as before: only that row is affected.
    expect(parseCsv('a,"O\'Brien" Smith,b\n')).toEqual([{ line: 1, fields: ['a', "O'Brien Smith", 'b'] }]);
  });

  it('neutralises cells a spreadsheet would run as formulas', () => {
    expect(toCsv(['h'], [['=SUM(A1)'], ['+1'], ['-2'], ['@cmd'], ['plain'], [-3]])).toBe(
      "h\r\n'=SUM(A1)\r\n'+1\r\n'-2\r\n'@cmd\r\nplain\r\n-3\r\n",
    );
  });

  it('matches column names in any case and order, and refuses a file without the required ones', () => {
    const shuffled = 'last name,ORGANISATION NAME,employee number,assignment number\nOkafor,Ward 5,1,1-1\n';
    expect(parseRoster(shuffled).people).toMatchObject([
      { employeeNumber: '1', lastName: 'Okafor', departmentName: 'Ward 5' },
    ]);
    expect(() => parseRoster('Employee Number,Last Name\n1,Okafor\n')).toThrow(RosterFileError);
    expect(() => parseRoster('Employee Number,Last Name\n1,Okafor\n')).toThrow(
      /no Assignment Number, Organisation ID or Organisation Name columns/,
    );
    // A letter saved as .csv is said to be no roster, naming the columns not found, and none of its words echoed.
    const letter = 'Dear admin,\nPlease find the new starters below.\nKind regards, Ward 5\n';
    expect(() => parseRoster(letter)).toThrow(
      'the file is not a roster CSV: its first line names none of the roster columns (not found: Employee Number, Assignment Number, Last Name, Organisation ID or Organisation Name)',
    );
    // A header with no rows offers nothing to import.
    for (const empty of [`${header}\n`, `${header}\r\n\r\n`, header]) {
      expect(() => parseRoster(empty)).toThrow(
        'the file has a header row but no rows of staff: there is nothing to import',
      );
    }
  });

  it('lists the first 50 changed people in words, then how many more', () => {
    const changes = Array.from({ length: 52 }, (_, i) => ({
      employeeNumber: String(i + 1),
      personId: `P${i + 1}`,
      name: `Person ${i + 1}`,
      details: [{ detail: 'department', before: 'Ward 7', after: 'Ward 9' }],
    }));
    const lines = rosterChangeLines(changes);
    expect(lines).toHaveLength(51);
    expect(lines[0]).toBe('Person 1 (Person ID P1, employee number 1): department: Ward 7 → Ward 9');
    expect(lines[50]).toBe('and 2 more people');
    expect(rosterChangeLines(changes.slice(0, 51)).at(-1)).toBe('and 1 more person');
  });

  it('reads UK, ISO and ESR dates and rejects impossible ones', () => {
    expect(parseRosterDate('01/04/2019', 'hire date')).toBe('2019-04-01');
    expect(parseRosterDate('01-APR-2019', 'hire date')).toBe('2019-04-01');
    expect(parseRosterDate('', 'hire date')).toBeNull();
    expect(() => parseRosterDate('31/02/2024', 'hire date')).toThrow("hire date '31/02/2024' is not a real date");
  });

  it('rejects each bad row with its line number and reason, and keeps the rest', () => {
    const parsed = parseRoster(broken);
    expect(parsed.rejected).toEqual([
      { line: 3, reason: 'no employee number' },
      { line: 4, reason: 'the office e-mail address is not a valid e-mail address' },
      { line: 5, reason: "hire date '31/02/2024' is not a real date" },
      { line: 6, reason: 'no department (Organisation ID or Organisation Name is empty)' },
      { line: 7, reason: 'assignment number repeats the one on line 2' },
    ]);
    expect(parsed.people.map((p) => p.employeeNumber)).toEqual(['10000001', '10000007']);
    // Nothing from a rejected row (names, addresses) appears in a reason.
    expect(JSON.stringify(parsed.rejected)).not.toMatch(/not-an-email|Dup|Department/);
  });

  it('counts a person once, in the department of their primary assignment', () => {
    const text = `${header}\n5,5-2,N,Sam,Jones,ORG2,Bank,,,2020-01-01,\n5,5-1,Y,Sam,Jones,ORG1,Ward 5,sam@trust.example,,2020-01-01,\n6,6-1,Y,Kim,Lee,ORG1,Ward 5,,5-2,2020-01-01,\n`;
    const parsed = parseRoster(text);
    expect(parsed.people).toHaveLength(2);
    expect(parsed.people[0]).toMatchObject({ employeeNumber: '5', departmentId: 'ORG1', email: 'sam@trust.example' });
    expect(parsed.assignments.get('5-2')).toBe('5');
    // One employee number given to two people (a different last name or Person ID) is not merged into one of them.
    const shared = parseRoster(
      `${header}\n7,7-1,,Ann,Smith,ORG1,Ward 5,,,,\n7,7-2,,Bob,Jones,ORG2,Pharmacy,,,,\n7,7-3,,Ann,SMITH,ORG2,Bank,,,,\n`,
    );
    expect(shared.people).toMatchObject([{ employeeNumber: '7', lastName: 'Smith', departmentId: 'ORG1' }]);
    expect(shared.rejected).toEqual([
      {
        line: 3,
        reason: 'employee number repeats the one on line 2 for someone else (a different last name or Person ID)',
      },
    ]);
    const ids = parseRoster(
      'Employee Number,Person ID,Assignment Number,Last Name,Organisation Name\n8,P1,8-1,Lee,Ward 5\n8,P2,8-2,Lee,Ward 6\n',
    );
    expect(ids.rejected.map((r) => r.line)).toEqual([3]);
    const twoPrimaries = parseRoster(`${header}\n5,5-1,Y,Sam,Jones,ORG1,Ward 5,,,,\n5,5-2,Y,Sam,Jones,ORG2,Bank,,,,\n`);
    expect(twoPrimaries.rejected).toEqual([
      { line: 3, reason: 'a second primary assignment for this employee (first on line 2)' },
    ]);
  });
});

describe.each(engines)('importing a roster on %s', (engine) => {
  let database: AttestationDatabase | undefined;
  afterEach(async () => {
    await database?.close();
    database = undefined;
  });

  it('shows a dry run, imports the good rows, marks leavers and writes one audit entry', async () => {
    const fresh = await freshStore(engine, '2026-03-02T10:00:00Z');
    database = fresh.database;
    const { store } = fresh;
    const dry = await importRoster(store, broken, { actor: 'cli', dryRun: true });
    expect(dry).toMatchObject({ added: 1, updated: 0, unchanged: 0, leavers: 1, dryRun: true });
    expect(dry.rejected).toHaveLength(5);
    expect(await store.db.selectFrom('people').select('id').execute()).toHaveLength(0);

    const report = await importRoster(store, broken, { actor: 'cli' });
    expect(report).toMatchObject({ added: 1, leavers: 1, dryRun: false });
    // The import's row, which the page after an import shows: a dry run has none.
    expect(dry.importId).toBeNull();
    expect(
      await store.db
        .selectFrom('roster_imports')
        .select(['added', 'leavers'])
        .where('id', '=', report.importId ?? '')
        .executeTakeFirst(),
    ).toEqual({ added: 1, leavers: 1 });
    const people = await store.db.selectFrom('people').selectAll().orderBy('employee_number').execute();
    expect(people.map((p) => [p.employee_number, p.department_id, p.termination_date])).toEqual([
      ['10000001', 'ORG1', null],
      ['10000007', 'ORG2', '2025-12-31'],
    ]);
    const status = await store.db.selectFrom('person_status').selectAll().orderBy('person').execute();
    expect(status.map((s) => s.state).sort()).toEqual(['out-of-scope', 'overdue']);
    const audit = await store.db.selectFrom('audit_log').selectAll().execute();
    expect(audit.map((a) => a.type)).toEqual(['roster.imported']);
    expect(audit[0]?.data).not.toMatch(/Okafor|trust\.example/);

    // The same file again: nothing changes.
    expect(await importRoster(store, broken, { actor: 'cli' })).toMatchObject({
      added: 0,
      updated: 0,
      unchanged: 2,
      leavers: 0,
    });
    expect((await verifyAudit(store)).ok).toBe(true);
  });

  it('refuses the whole file in strict mode, writing nothing', async () => {
    const fresh = await freshStore(engine);
    database = fresh.database;
    const error = await importRoster(fresh.store, broken, { actor: 'cli', strict: true }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StrictRosterError);
    expect((error as StrictRosterError).message).toMatch(
      /5 rows were rejected, so nothing was imported \(--strict\); the first is line 3: no employee number/,
    );
    expect(await fresh.store.db.selectFrom('people').select('id').execute()).toHaveLength(0);
    expect(await fresh.store.db.selectFrom('audit_log').select('seq').execute()).toHaveLength(0);
  });

  it('keeps an uploaded file for one import within the hour, and nothing of it afterwards', async () => {
    const fresh = await freshStore(engine, '2026-03-02T10:00:00Z');
    database = fresh.database;
    const { store } = fresh;
    const text = `${header}\n1,1-1,Y,Ada,Boss,ORG1,Ward 5,ada@trust.example,,2015-01-01,\n`;
    const payloads = async () =>
      (await store.db.selectFrom('jobs').select('payload').execute()).map((j) => j.payload).join('');

    const first = await holdRosterUpload(store, text, 'admin-1');
    expect(await takeRosterUpload(store, first, 'admin-2')).toBeUndefined(); // another account's upload
    expect(await takeRosterUpload(store, first, 'admin-1')).toBe(text);
    expect(await takeRosterUpload(store, first, 'admin-1')).toBeUndefined(); // a second click imports nothing
    expect(await payloads()).not.toMatch(/Boss|ada@trust/);

    // A preview left waiting is refused after the hour, and the file is not kept once it has expired.
    const stale = await holdRosterUpload(store, text, 'admin-1');
    fresh.setNow('2026-03-02T11:00:01Z');
    expect(await takeRosterUpload(store, stale, 'admin-1')).toBeUndefined();
    const unconfirmed = await holdRosterUpload(store, text, 'admin-1');
    fresh.setNow('2026-03-02T12:30:00Z');
    await holdRosterUpload(store, 'another file', 'admin-1');
    expect(await takeRosterUpload(store, unconfirmed, 'admin-1')).toBeUndefined();
    expect(await payloads()).not.toMatch(/Boss|ada@trust/);
  });

  it('renames a department ESR renamed even when none of its staff changed', async () => {
    const fresh = await freshStore(engine, '2026-03-02T10:00:00Z');
    database = fresh.database;
    const row = (name: string) => `${header}\n1,1-1,Y,Ada,Boss,ORG1,${name},ada@trust.example,,2015-01-01,\n`;
    await importRoster(fresh.store, row('Ward 5'), { actor: 'cli' });
    expect(await importRoster(fresh.store, row('Ward 5 Respiratory'), { actor: 'cli' })).toMatchObject({
      unchanged: 1,
      updated: 0,
    });
    const departments = await fresh.store.db.selectFrom('departments').select(['id', 'name']).execute();
    expect(departments).toEqual([{ id: 'ORG1', name: 'Ward 5 Respiratory' }]);
  });

  it('counts as not in the file only the people it leaves out, not those whose rows it has but rejects', async () => {
    const fresh = await freshStore(engine, '2026-03-02T10:00:00Z');
    database = fresh.database;
    const columns = 'Employee Number,Assignment Number,Last Name,Organisation Name,Hire Date';
    await importRoster(
      fresh.store,
      `${columns}\n1,1-1,Boss,Ward 5,2015-01-01\n2,2-1,Cole,Ward 5,2016-01-01\n3,3-1,Dunn,Ward 5,2017-01-01\n`,
      {
        actor: 'cli',
      },
    );
    // Cole's row has an impossible date (rejected, with its line); Dunn is not in the file at all.
    const dry = await importRoster(
      fresh.store,
      `${columns}\n1,1-1,Boss,Ward 5,2015-01-01\n2,2-1,Cole,Ward 5,2016-13-01\n`,
      {
        actor: 'cli',
        dryRun: true,
      },
    );
    expect(dry.rejected.map((r) => r.line)).toEqual([3]);
    expect(dry.notInFile).toBe(1);
  });

  it('keeps the details a file has no column for, rather than blanking them for everyone', async () => {
    const fresh = await freshStore(engine, '2026-03-02T10:00:00Z');
    database = fresh.database;
    const full = `${header},Staff Group,Parent Organisation ID\n1,1-1,Y,Ada,Boss,ORG1,Ward 5,ada@trust.example,,2015-01-01,,Nursing and Midwifery Registered,DIV1\n2,2-1,Y,Ben,Cole,ORG1,Ward 5,ben@trust.example,1-1,2016-01-01,2026-02-28,Allied Health Professionals,DIV1\n`;
    await importRoster(fresh.store, full, { actor: 'cli' });
    const before = await fresh.store.db.selectFrom('people').selectAll().orderBy('employee_number').execute();
    // An extract with only the required columns and the names: nobody's e-mail, staff group, supervisor, dates or
    // department tree is in it, so nothing about them changes (Ben stays a leaver; Ada keeps her e-mail and sign-in).
    const slim =
      'Employee Number,Assignment Number,First Name,Last Name,Organisation ID,Organisation Name\n1,1-1,Ada,Boss,ORG1,Ward 5\n2,2-1,Ben,Cole,ORG1,Ward 5\n3,3-1,Cy,Dunn,ORG1,Ward 5\n';
    const dry = await importRoster(fresh.store, slim, { actor: 'cli', dryRun: true });
    expect(dry).toMatchObject({ added: 1, updated: 0, unchanged: 2, leavers: 0 });
    expect(dry.keptColumns).toEqual([
      'Person ID',
      'Preferred Name',
      'Office E-mail Address',
      'Parent Organisation ID',
      'Staff Group',
      'Job Name',
      'Supervisor Assignment Number',
      'Hire Date',
      'Actual Termination Date',
    ]);
    await importRoster(fresh.store, slim, { actor: 'cli' });
    const after = await fresh.store.db.selectFrom('people').selectAll().orderBy('employee_number').execute();
    const details = (p: (typeof after)[number]) => [
      p.email,
      p.staff_group,
      p.supervisor_assignment,
      p.hire_date,
      p.termination_date,
      p.manager_person,
    ];
    expect(after.slice(0, 2).map(details)).toEqual(before.map(details));
    expect(after[2]).toMatchObject({ email: null, staff_group: 'Not recorded', termination_date: null });
    const ward = await fresh.store.db
      .selectFrom('departments')
      .select('parent_id')
      .where('id', '=', 'ORG1')
      .executeTakeFirstOrThrow();
    expect(ward.parent_id).toBe('DIV1');
    // A column that is there but empty still means empty: the cell, not the file, says so.
    const emptied = `${header}\n1,1-1,Y,Ada,Boss,ORG1,Ward 5,,,2015-01-01,\n`;
    expect(await importRoster(fresh.store, emptied, { actor: 'cli', dryRun: true })).toMatchObject({ updated: 1 });
  });

  it("updates people by employee number, resolves supervisors and keeps a leaver's records", async () => {
    const fresh = await freshStore(engine, '2026-03-02T10:00:00Z');
    database = fresh.database;
    const first = `${header}\n1,1-1,Y,Ada,Boss,ORG1,Ward 5,ada@trust.example,,2015-01-01,\n2,2-1,Y,Ben,Cole,ORG1,Ward 5,ben@trust.example,1-1,2016-01-01,\n`;
    await importRoster(fresh.store, first, { actor: 'cli' });
    const second = `${header}\n1,1-1,Y,Ada,Boss,ORG1,Ward 5,ada@trust.example,,2015-01-01,\n2,2-1,Y,Ben,Cole,ORG2,Pharmacy,ben@trust.example,1-1,2016-01-01,2026-02-28\n`;
    // The dry run says what changes for whom: the department by name, an empty detail as "(none)".
    const dry = await importRoster(fresh.store, second, { actor: 'cli', dryRun: true });
    expect(dry.changes).toEqual([
      {
        employeeNumber: '2',
        personId: null,
        name: 'Ben Cole',
        details: [
          { detail: 'department', before: 'Ward 5', after: 'Pharmacy' },
          { detail: 'termination date', before: null, after: '2026-02-28' },
        ],
      },
    ]);
    expect(rosterChangeLines(dry.changes)).toEqual([
      'Ben Cole (employee number 2): department: Ward 5 → Pharmacy; termination date: (none) → 2026-02-28',
    ]);
    expect(await importRoster(fresh.store, second, { actor: 'cli' })).toMatchObject({
      unchanged: 1,
      leavers: 1,
      updated: 0,
    });
    const ben = await fresh.store.db
      .selectFrom('people')
      .selectAll()
      .where('employee_number', '=', '2')
      .executeTakeFirstOrThrow();
    const ada = await fresh.store.db
      .selectFrom('people')
      .selectAll()
      .where('employee_number', '=', '1')
      .executeTakeFirstOrThrow();
    expect(ben).toMatchObject({ department_id: 'ORG2', termination_date: '2026-02-28', manager_person: ada.id });
    expect(parseIsoDate(ben.termination_date ?? '')).toBe('2026-02-28');
  });
});
