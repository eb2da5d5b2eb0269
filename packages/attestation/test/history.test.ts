import type { IsoDate } from '@im-records/records-policy';
import { afterEach, describe, expect, it } from 'vitest';
import { createAccount, updateAccount } from '../src/accounts.ts';
import { startAttempt, submitAttempt } from '../src/assessment.ts';
import { attest } from '../src/attestations.ts';
import { fixedClock } from '../src/clock.ts';
import { revokeCompletion } from '../src/completions.ts';
import type { AttestationDatabase } from '../src/db/connect.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import { ConflictError, ValidationError } from '../src/errors.ts';
import { setDepartmentTarget, setExclusion } from '../src/people.ts';
import { runReminders } from '../src/reminders/run.ts';
import { evidencePack, peopleCsvExport, reportCsvExport, rosterImportOn } from '../src/reports/evidence.ts';
import { completionReport, reportCsv } from '../src/reports/report.ts';
import { importRoster } from '../src/roster/import.ts';
import { updateSettings } from '../src/settings.ts';
import type { Store } from '../src/store.ts';
import { header, issuer, key, password, roster } from './anytown.ts';
import { engines, freshDatabase, freshStore } from './databases.ts';
import { actorByEmail, course, rightAnswers, startTrust } from './trust.ts';

/** The roster in April: Amara has moved to Pharmacy (renamed), Ben has changed staff group, Eve is first imported. */
const aprilRoster = `${header}
1,1-1,Y,Amara,Okafor,PHARM,Pharmacy and Medicines,Nursing and Midwifery Registered,amara@anytown.example,2019-01-01
2,2-1,Y,Ben,Cole,WARD5,Ward 5,Medical and Dental,ben@anytown.example,2019-01-01
3,3-1,Y,Chen,Wu,PHARM,Pharmacy and Medicines,Add Prof Scientific and Technic,chen@anytown.example,2019-01-01
4,4-1,Y,Dee,Ray,WARD5,Ward 5,Administrative and Clerical,dee@anytown.example,2019-01-01
5,5-1,Y,Eve,Hart,WARD5,Ward 5,Nursing and Midwifery Registered,eve@anytown.example,2018-05-01
`;
/** May: Amara has married (a new last name) and goes by Mara; Ben's line manager is now Dee (was Chen); Dee has moved. */
const supervised = `${header},Supervisor Assignment Number
1,1-1,Y,Amara,Okafor,WARD5,Ward 5,Nursing and Midwifery Registered,amara@anytown.example,2019-01-01,
2,2-1,Y,Ben,Cole,WARD5,Ward 5,Additional Clinical Services,ben@anytown.example,2019-01-01,3-1
3,3-1,Y,Chen,Wu,PHARM,Pharmacy,Add Prof Scientific and Technic,chen@anytown.example,2019-01-01,
4,4-1,Y,Dee,Ray,WARD5,Ward 5,Administrative and Clerical,dee@anytown.example,2019-01-01,
`;
const mayRoster = `Employee Number,Assignment Number,Primary Assignment,First Name,Preferred Name,Last Name,Organisation ID,Organisation Name,Staff Group,Office E-mail Address,Hire Date,Supervisor Assignment Number
1,1-1,Y,Amara,Mara,Okafor-Hill,WARD5,Ward 5,Nursing and Midwifery Registered,amara@anytown.example,2019-01-01,
2,2-1,Y,Ben,,Cole,WARD5,Ward 5,Additional Clinical Services,ben@anytown.example,2019-01-01,4-1
3,3-1,Y,Chen,,Wu,PHARM,Pharmacy,Add Prof Scientific and Technic,chen@anytown.example,2019-01-01,
4,4-1,Y,Dee,,Ray,PHARM,Pharmacy,Administrative and Clerical,dee@anytown.example,2019-01-01,
`;
/** The DSPT submission day of the tests: the report and evidence pack are first made on it. */
const D = '2026-03-02' as IsoDate;

function row(report: Awaited<ReturnType<typeof completionReport>>, departmentId: string) {
  return report.departments.find((d) => d.departmentId === departmentId);
}

describe.each(engines)('reports as of a past date, on %s', (engine) => {
  let database: AttestationDatabase | undefined;
  afterEach(async () => {
    await database?.close();
    database = undefined;
  });

  /** The trust on D: four people, Amara and Ben attested and passed (compliant), everyone else not. */
  async function trust() {
    const fresh = await freshStore(engine, `${D}T10:00:00Z`);
    database = fresh.database;
    const { store } = fresh;
    await startTrust(store, key, roster);
    await createAccount(store, 'cli', { email: 'ig@anytown.example', role: 'ig-lead', password });
    const completions: Record<string, string> = {};
    for (const name of ['amara', 'ben']) {
      await createAccount(store, 'cli', { email: `${name}@anytown.example`, role: 'staff', password });
      const staff = await actorByEmail(store, `${name}@anytown.example`);
      await attest(store, staff, 'im-policy-1.0');
      const attempt = await startAttempt(store, staff, course);
      const marked = await submitAttempt(store, staff, course, issuer, attempt.id, rightAnswers(attempt.questions));
      if (!marked.completion) throw new Error('the right answers should pass');
      completions[name] = marked.completion.id;
    }
    const ig = await actorByEmail(store, 'ig@anytown.example');
    const people = new Map(
      (await store.db.selectFrom('people').select(['id', 'employee_number']).execute()).map((p) => [
        p.employee_number,
        p.id,
      ]),
    );
    return { ...fresh, ig, completions, people };
  }

  /** Everything an IG lead or admin can change after D: roster, exclusion, target, settings, a revocation. */
  async function changeEverything(t: Awaited<ReturnType<typeof trust>>): Promise<void> {
    await importRoster(t.store, aprilRoster, { actor: 'cli' });
    await setExclusion(t.store, t.ig, t.people.get('4') ?? '', 'long-term leave');
    await setDepartmentTarget(t.store, t.ig, 'WARD5', 0.5);
    await updateSettings(t.store, 'cli', { completionTarget: 0.6, dueSoonDays: 60 });
    await revokeCompletion(t.store, t.ig, t.completions.ben ?? '', 'issued in error');
  }

  it('gives the same report, CSV and evidence pack for D before and after the roster, targets and settings change', async () => {
    const t = await trust();
    const before = await completionReport(t.store, D);
    const csvBefore = await reportCsvExport(t.store, t.ig, D);
    const packBefore = await evidencePack(t.store, t.ig, D, 'Anytown NHS Trust');
    const peopleBefore = await peopleCsvExport(t.store, t.ig, D);
    const ward5Before = await peopleCsvExport(t.store, t.ig, D, 'WARD5');

    t.setNow('2026-04-10T09:00:00Z');
    await changeEverything(t);

    const after = await completionReport(t.store, D);
    expect(after).toEqual(before);
    expect(await reportCsvExport(t.store, t.ig, D)).toBe(csvBefore);
    const packAfter = await evidencePack(t.store, t.ig, D, 'Anytown NHS Trust');
    expect(Buffer.from(packAfter).equals(Buffer.from(packBefore))).toBe(true);
    expect(await peopleCsvExport(t.store, t.ig, D)).toBe(peopleBefore);
    expect(await peopleCsvExport(t.store, t.ig, D, 'WARD5')).toBe(ward5Before);
    expect(ward5Before).toContain('Amara Okafor,Ward 5,');

    // On D: Amara still in Ward 5, Dee not excluded, Ward 5's target the trust's, Ben's withdrawn pass still counted,
    // Eve (first imported in April) not on the roster at all, Ben in his old staff group.
    expect(row(after, 'WARD5')).toMatchObject({ inScope: 3, compliant: 2, target: 0.95, outOfScope: 0 });
    expect(row(after, 'PHARM')).toMatchObject({ department: 'Pharmacy', inScope: 1, compliant: 0 });
    expect(after.target).toBe(0.95);
    expect(after.total).toMatchObject({ inScope: 4, compliant: 2 });
    expect(after.staffGroups.map((g) => g.staffGroup)).not.toContain('Medical and Dental');
    expect(after.staffGroups.find((g) => g.staffGroup === 'Additional Clinical Services')).toMatchObject({
      inScope: 1,
      compliant: 1,
    });

    // Today, everything as it now stands.
    const today = await completionReport(t.store, '2026-04-10' as IsoDate);
    expect(row(today, 'WARD5')).toMatchObject({ inScope: 2, compliant: 0, target: 0.5, outOfScope: 1 });
    expect(row(today, 'PHARM')).toMatchObject({ department: 'Pharmacy and Medicines', inScope: 2, compliant: 1 });
    expect(today.target).toBe(0.6);
    expect(reportCsv(today)).not.toBe(reportCsv(after));
  });

  it('dates each change by the day it was made: it counts from that day, not the day before', async () => {
    const t = await trust();
    t.setNow('2026-04-10T09:00:00Z');
    await changeEverything(t);
    const onTheDay = await completionReport(t.store, '2026-04-10' as IsoDate); // today: from the current tables
    t.setNow('2026-05-20T09:00:00Z');
    const later = await completionReport(t.store, '2026-04-10' as IsoDate); // a past date: from the history
    expect(later).toEqual(onTheDay);
    const dayBefore = await completionReport(t.store, '2026-04-09' as IsoDate);
    expect(row(dayBefore, 'WARD5')).toMatchObject({ department: 'Ward 5', inScope: 3, compliant: 2, target: 0.95 });
    expect(row(dayBefore, 'PHARM')).toMatchObject({ department: 'Pharmacy', inScope: 1 });
    expect(dayBefore.target).toBe(0.95);
  });

  it('counts a withdrawn certificate up to the UK day before it was withdrawn, across midnight in summer time', async () => {
    const t = await trust();
    // 23:30 UTC on 9 April is 00:30 on 10 April in the UK (BST): Amara's pass counted on the 9th.
    t.setNow('2026-04-09T23:30:00Z');
    await revokeCompletion(t.store, t.ig, t.completions.amara ?? '', 'issued in error');
    // 22:30 UTC on 9 April is 23:30 on the 9th in the UK: Ben's pass did not count on the 9th.
    t.setNow('2026-04-09T22:30:00Z');
    await revokeCompletion(t.store, t.ig, t.completions.ben ?? '', 'issued in error');
    t.setNow('2026-04-12T09:00:00Z');
    expect(row(await completionReport(t.store, '2026-04-08' as IsoDate), 'WARD5')).toMatchObject({ compliant: 2 });
    expect(row(await completionReport(t.store, '2026-04-09' as IsoDate), 'WARD5')).toMatchObject({ compliant: 1 });
    expect(row(await completionReport(t.store, '2026-04-10' as IsoDate), 'WARD5')).toMatchObject({ compliant: 0 });
  });

  it('names the last roster import of the UK day: in summer, 23:30 UTC is already the next day', async () => {
    const t = await trust();
    t.setNow('2026-04-09T12:00:00Z');
    const onTheDay = await evidencePack(t.store, t.ig, '2026-04-09' as IsoDate, 'Anytown NHS Trust');
    t.setNow('2026-04-09T23:30:00Z'); // 00:30 on 10 April in the UK
    await importRoster(t.store, aprilRoster, { actor: 'cli' });
    t.setNow('2026-04-12T09:00:00Z');
    const later = await evidencePack(t.store, t.ig, '2026-04-09' as IsoDate, 'Anytown NHS Trust');
    expect(Buffer.from(later).equals(Buffer.from(onTheDay))).toBe(true);
  });

  it('takes two roster imports at once (an upload sent twice) one after the other: both finish, one version open', async () => {
    const t = await trust();
    t.setNow('2026-03-05T09:00:00Z');
    const reports = await Promise.all([
      importRoster(t.store, aprilRoster, { actor: 'cli' }),
      importRoster(t.store, aprilRoster, { actor: 'cli' }),
    ]);
    expect(reports).toHaveLength(2);
    const open = await t.store.db
      .selectFrom('person_history')
      .select(['person', 'department_id'])
      .where('valid_to', 'is', null)
      .execute();
    expect(open.filter((v) => v.person === t.people.get('1')).map((v) => v.department_id)).toEqual(['PHARM']);
    expect(open).toHaveLength(5);
  });

  it('writes a version only when a reportable field changes, in the same transaction as the change', async () => {
    const t = await trust();
    const versions = () =>
      t.store.db.selectFrom('person_history').select(['person', 'valid_from', 'valid_to', 'department_id']).execute();
    // The first import's versions stand from the start; re-importing the same file adds none.
    expect((await versions()).every((v) => v.valid_from === '0001-01-01' && v.valid_to === null)).toBe(true);
    t.setNow('2026-03-05T09:00:00Z');
    await importRoster(t.store, roster, { actor: 'cli' });
    expect(await versions()).toHaveLength(4);
    await importRoster(t.store, aprilRoster, { actor: 'cli' });
    const amara = (await versions()).filter((v) => v.person === t.people.get('1'));
    expect(amara.map((v) => [v.valid_from, v.valid_to, v.department_id])).toEqual(
      expect.arrayContaining([
        ['0001-01-01', '2026-03-05', 'WARD5'],
        ['2026-03-05', null, 'PHARM'],
      ]),
    );
    // One open version a person: a second (two imports racing) is refused by the database.
    const open = await t.store.db
      .selectFrom('person_history')
      .selectAll()
      .where('person', '=', t.people.get('1') ?? '')
      .where('valid_to', 'is', null)
      .executeTakeFirstOrThrow();
    await expect(
      t.store.db
        .insertInto('person_history')
        .values({ ...open, id: 'second-open-version' })
        .execute(),
    ).rejects.toThrow(/unique|UNIQUE/);
    // A refused change writes no history: an exclusion of nobody fails whole.
    const count = (await versions()).length;
    await expect(setExclusion(t.store, t.ig, 'no-such-person', 'long-term leave')).rejects.toThrow(/no such person/);
    await expect(setDepartmentTarget(t.store, t.ig, 'NOPE', 0.5)).rejects.toThrow(/no such department/);
    expect(await versions()).toHaveLength(count);
  });

  it('backfills history from the current state when an existing database is migrated', async () => {
    database = await freshDatabase(engine, false);
    await migrateToLatest(database.db, '004-page-cache');
    const db = database.db;
    await db.insertInto('departments').values({ id: 'WARD5', name: 'Ward 5', parent_id: null, target: 0.8 }).execute();
    await db
      .insertInto('people')
      .values({
        id: 'p1',
        employee_number: '1',
        person_id: null,
        first_name: 'Amara',
        last_name: 'Okafor',
        preferred_name: null,
        email: 'amara@anytown.example',
        department_id: 'WARD5',
        staff_group: 'Nursing and Midwifery Registered',
        job_name: null,
        assignment_number: '1-1',
        supervisor_assignment: null,
        manager_person: null,
        hire_date: '2019-01-01',
        termination_date: null,
        excluded_reason: 'honorary contract',
        created_at: '2025-01-01T00:00:00.000Z',
        updated_at: '2025-01-01T00:00:00.000Z',
      })
      .execute();
    await db.insertInto('settings').values({ key: 'completionTarget', value: '0.9' }).execute();
    await migrateToLatest(db);

    expect(await db.selectFrom('person_history').selectAll().execute()).toEqual([
      expect.objectContaining({
        person: 'p1',
        valid_from: '0001-01-01',
        valid_to: null,
        department_id: 'WARD5',
        excluded_reason: 'honorary contract',
      }),
    ]);
    expect(await db.selectFrom('department_history').select(['department', 'valid_from', 'target']).execute()).toEqual([
      { department: 'WARD5', valid_from: '0001-01-01', target: expect.closeTo(0.8, 5) },
    ]);
    const store: Store = { db, kind: database.kind, clock: fixedClock('2026-03-02T10:00:00Z') };
    const past = await completionReport(store, '2025-06-30' as IsoDate);
    expect(past.target).toBe(0.9);
    expect(row(past, 'WARD5')).toMatchObject({ inScope: 0, outOfScope: 1 });

    // The service held a roster before it kept history, so a change now is dated today, not from the start.
    await importRoster(
      store,
      `${header}\n1,1-1,Y,Amara,Okafor,PHARM,Pharmacy,Nursing and Midwifery Registered,amara@anytown.example,2019-01-01\n`,
      { actor: 'cli' },
    );
    const dayBefore = await completionReport(store, '2026-03-01' as IsoDate);
    expect(dayBefore.departments.map((d) => d.departmentId)).toEqual(['WARD5']);
    expect(row(dayBefore, 'WARD5')).toMatchObject({ outOfScope: 1 });
    const today = await completionReport(store, '2026-03-02' as IsoDate);
    expect(row(today, 'PHARM')).toMatchObject({ outOfScope: 1 });
  });
  it("names people in a past day's list as they were named that day; the pack is unchanged by renames and new managers", async () => {
    const t = await trust();
    t.setNow(`${D}T11:00:00Z`);
    await importRoster(t.store, supervised, { actor: 'cli' });
    const manager = await createAccount(t.store, 'cli', {
      email: 'manager@anytown.example',
      role: 'manager',
      password,
      departments: ['WARD5'],
    });
    const admin = await createAccount(t.store, 'cli', { email: 'admin@anytown.example', role: 'admin', password });
    const peopleBefore = await peopleCsvExport(t.store, t.ig, D);
    const packBefore = await evidencePack(t.store, t.ig, D, 'Anytown NHS Trust');
    expect(peopleBefore).toContain('Amara Okafor,Ward 5,');

    t.setNow('2026-05-04T09:00:00Z');
    await importRoster(t.store, mayRoster, { actor: 'cli' });
    const adminActor = await actorByEmail(t.store, 'admin@anytown.example');
    await updateAccount(t.store, adminActor, manager, { departments: ['PHARM'] });
    expect(admin).toBeTruthy();
    const ben = await t.store.db
      .selectFrom('people')
      .select('manager_person')
      .where('employee_number', '=', '2')
      .executeTakeFirstOrThrow();
    expect(ben.manager_person).toBe(t.people.get('4'));

    expect(await peopleCsvExport(t.store, t.ig, D)).toBe(peopleBefore);
    const packAfter = await evidencePack(t.store, t.ig, D, 'Anytown NHS Trust');
    expect(Buffer.from(packAfter).equals(Buffer.from(packBefore))).toBe(true);
    const today = await peopleCsvExport(t.store, t.ig, '2026-05-04' as IsoDate);
    expect(today).toContain('Mara Okafor-Hill,Ward 5,');
    expect(today).toContain('Dee Ray,Pharmacy,');
  });

  it("runs reminders for today or later only: a past day would mix its standing with today's managers and pauses", async () => {
    const t = await trust();
    t.setNow('2026-03-10T08:00:00Z');
    const options = {
      actor: 'cli',
      division: 'england-and-wales' as const,
      mailer: null,
      context: { trustName: 'Anytown NHS Trust', signInUrl: 'https://attest.anytown.example/sign-in' },
    };
    const refusal =
      'asOf: reminders are run for today (2026-03-10) or, to preview, a later day; what went out on 2026-03-09 is on the Reminders page';
    await expect(runReminders(t.store, { ...options, asOf: '2026-03-09' as IsoDate })).rejects.toThrow(refusal);
    await expect(runReminders(t.store, { ...options, asOf: '2026-03-09' as IsoDate, dryRun: true })).rejects.toThrow(
      ValidationError,
    );
    expect((await runReminders(t.store, { ...options, asOf: '2026-03-12' as IsoDate, dryRun: true })).runOn).toBe(
      '2026-03-12',
    );
  });

  it("dates a roster import's changes from the day it is as of, and names that import in the pack for the day", async () => {
    const t = await trust();
    t.setNow('2026-04-10T09:00:00Z');
    // The ESR extract of Monday 6 April, imported on Friday the 10th.
    const report = await importRoster(t.store, aprilRoster, { actor: 'cli', asOf: '2026-04-06' as IsoDate });
    expect(report).toMatchObject({ added: 1, updated: 2 });
    const amara = await t.store.db
      .selectFrom('person_history')
      .select(['valid_from', 'valid_to', 'department_id'])
      .where('person', '=', t.people.get('1') ?? '')
      .orderBy('valid_from')
      .execute();
    expect(amara).toEqual([
      { valid_from: '0001-01-01', valid_to: '2026-04-06', department_id: 'WARD5' },
      { valid_from: '2026-04-06', valid_to: null, department_id: 'PHARM' },
    ]);
    expect(row(await completionReport(t.store, '2026-04-05' as IsoDate), 'PHARM')).toMatchObject({
      department: 'Pharmacy',
      inScope: 1,
    });
    expect(row(await completionReport(t.store, '2026-04-06' as IsoDate), 'PHARM')).toMatchObject({
      department: 'Pharmacy and Medicines',
      inScope: 2,
    });
    const imports = await t.store.db
      .selectFrom('roster_imports')
      .select(['as_of', 'file_sha256'])
      .orderBy('at')
      .execute();
    expect(imports.map((i) => i.as_of)).toEqual(['2026-03-02', '2026-04-06']);
    // The pack for the 6th rests on the file as of the 6th; the pack for the 5th on the first roster.
    expect((await rosterImportOn(t.store, '2026-04-06' as IsoDate))?.file_sha256).toBe(imports[1]?.file_sha256);
    expect((await rosterImportOn(t.store, '2026-04-05' as IsoDate))?.file_sha256).toBe(imports[0]?.file_sha256);
    const audit = await t.store.db
      .selectFrom('audit_log')
      .select('data')
      .where('type', '=', 'roster.imported')
      .orderBy('seq', 'desc')
      .executeTakeFirstOrThrow();
    expect(JSON.parse(audit.data)).toMatchObject({ asOf: '2026-04-06' });
  });

  it('refuses a roster as of a day not yet come, saying what and where, and writes nothing', async () => {
    const t = await trust();
    t.setNow('2026-04-10T22:30:00Z'); // 23:30 on the 10th in the UK: the 11th has not come
    const refusal =
      'asOf: a roster can be as of today (2026-04-10) at the latest: 2026-04-11 has not come yet, so the file cannot state it';
    await expect(importRoster(t.store, aprilRoster, { actor: 'cli', asOf: '2026-04-11' as IsoDate })).rejects.toThrow(
      refusal,
    );
    await expect(
      importRoster(t.store, aprilRoster, { actor: 'cli', asOf: '2026-04-11' as IsoDate, dryRun: true }),
    ).rejects.toThrow(ValidationError);
    expect(await t.store.db.selectFrom('roster_imports').select('id').execute()).toHaveLength(1);
    expect(await t.store.db.selectFrom('people').select('id').execute()).toHaveLength(4);
  });

  it('refuses a back-dated roster that would overwrite a newer one, undo a later change or change exported evidence', async () => {
    const t = await trust();
    t.setNow('2026-04-10T09:00:00Z');
    const count = async () => (await t.store.db.selectFrom('person_history').select('id').execute()).length;

    // Dee excluded on the 8th: a file as of the 6th that changes her would undo it; one that leaves her alone may go.
    t.setNow('2026-04-08T09:00:00Z');
    await setExclusion(t.store, t.ig, t.people.get('4') ?? '', 'long-term leave');
    t.setNow('2026-04-10T09:00:00Z');
    const deeMoved = aprilRoster.replace(
      '4,4-1,Y,Dee,Ray,WARD5,Ward 5',
      '4,4-1,Y,Dee,Ray,PHARM,Pharmacy and Medicines',
    );
    const versions = await count();
    for (const dryRun of [true, false]) {
      await expect(
        importRoster(t.store, deeMoved, { actor: 'cli', asOf: '2026-04-06' as IsoDate, dryRun }),
      ).rejects.toThrow(
        'asOf: the roster has changes recorded from 2026-04-08, after 2026-04-06, that this file would undo; import it as of 2026-04-08 or later',
      );
    }
    expect(await count()).toBe(versions);

    // Evidence exported as of the 7th (on the 9th) would change: refused; exports dated today do not count.
    t.setNow('2026-04-09T09:00:00Z');
    const pack7 = await evidencePack(t.store, t.ig, '2026-04-07' as IsoDate, 'Anytown NHS Trust');
    t.setNow('2026-04-10T09:00:00Z');
    await reportCsvExport(t.store, t.ig, '2026-04-10' as IsoDate);
    await expect(importRoster(t.store, aprilRoster, { actor: 'cli', asOf: '2026-04-06' as IsoDate })).rejects.toThrow(
      ConflictError,
    );
    await expect(importRoster(t.store, aprilRoster, { actor: 'cli', asOf: '2026-04-06' as IsoDate })).rejects.toThrow(
      'asOf: evidence has been exported as of 2026-04-07; a roster as of 2026-04-06 would change it, so import it as of 2026-04-10',
    );
    expect(await count()).toBe(versions);
    // As of the 8th it changes nothing exported and undoes nothing: dated from the 8th.
    await importRoster(t.store, aprilRoster, { actor: 'cli', asOf: '2026-04-08' as IsoDate });
    expect(await count()).toBeGreaterThan(versions);
    const again = await evidencePack(t.store, t.ig, '2026-04-07' as IsoDate, 'Anytown NHS Trust');
    expect(Buffer.from(again).equals(Buffer.from(pack7))).toBe(true);

    // A newer file has been imported (as of the 8th): an older one (as of the 7th) is refused.
    await expect(importRoster(t.store, roster, { actor: 'cli', asOf: '2026-04-07' as IsoDate })).rejects.toThrow(
      'asOf: a roster as of 2026-04-08 has already been imported; this file, as of 2026-04-07, is older and would overwrite it',
    );
  });

  it('backfills names and import days when a database with history is migrated', async () => {
    database = await freshDatabase(engine, false);
    await migrateToLatest(database.db, '005-history');
    const db = database.db;
    await db.insertInto('departments').values({ id: 'WARD5', name: 'Ward 5', parent_id: null, target: null }).execute();
    await db
      .insertInto('people')
      .values({
        id: 'p1',
        employee_number: '1',
        person_id: null,
        first_name: 'Amara',
        last_name: 'Okafor',
        preferred_name: 'Mara',
        email: 'amara@anytown.example',
        department_id: 'WARD5',
        staff_group: 'Nursing and Midwifery Registered',
        job_name: null,
        assignment_number: '1-1',
        supervisor_assignment: null,
        manager_person: null,
        hire_date: '2019-01-01',
        termination_date: null,
        excluded_reason: null,
        created_at: '2025-01-01T00:00:00.000Z',
        updated_at: '2025-01-01T00:00:00.000Z',
      })
      .execute();
    const { first_name, preferred_name, last_name, ...older } = {
      id: 'v1',
      person: 'p1',
      valid_from: '0001-01-01',
      valid_to: null,
      department_id: 'WARD5',
      staff_group: 'Nursing and Midwifery Registered',
      hire_date: '2019-01-01',
      termination_date: null,
      excluded_reason: null,
      recorded_at: '2025-01-01T00:00:00.000Z',
      first_name: null,
      preferred_name: null,
      last_name: null,
    };
    expect([first_name, preferred_name, last_name]).toEqual([null, null, null]);
    await db.insertInto('person_history').values(older).execute();
    // Made at 23:30 UTC on 30 June: 00:30 on 1 July in the UK.
    await db
      .insertInto('roster_imports')
      .values({
        id: 'r1',
        at: '2025-06-30T23:30:00.000Z',
        actor: 'cli',
        file_sha256: 'ab',
        added: 1,
        updated: 0,
        unchanged: 0,
        leavers: 0,
        rejected: '[]',
      } as never)
      .execute();
    await migrateToLatest(db);
    expect(
      await db.selectFrom('person_history').select(['first_name', 'preferred_name', 'last_name']).execute(),
    ).toEqual([{ first_name: 'Amara', preferred_name: 'Mara', last_name: 'Okafor' }]);
    expect(await db.selectFrom('roster_imports').select('as_of').execute()).toEqual([{ as_of: '2025-07-01' }]);
  });
});
