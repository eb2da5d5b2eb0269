import type { IsoDate } from '@im-records/records-policy';
import { afterEach, describe, expect, it } from 'vitest';
import { createAccount } from '../src/accounts.ts';
import { startAttempt, submitAttempt } from '../src/assessment.ts';
import { attest } from '../src/attestations.ts';
import { fixedClock } from '../src/clock.ts';
import { revokeCompletion } from '../src/completions.ts';
import type { AttestationDatabase } from '../src/db/connect.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import { generateServiceKey } from '../src/keys.ts';
import { setDepartmentTarget, setExclusion } from '../src/people.ts';
import { evidencePack, peopleCsvExport, reportCsvExport } from '../src/reports/evidence.ts';
import { completionReport, reportCsv } from '../src/reports/report.ts';
import { importRoster } from '../src/roster/import.ts';
import { updateSettings } from '../src/settings.ts';
import type { Store } from '../src/store.ts';
import { engines, freshDatabase, freshStore } from './databases.ts';
import { actorByEmail, course, rightAnswers, startTrust } from './trust.ts';

const key = generateServiceKey('Anytown NHS Trust');
const issuer = { key, verifyUrl: 'https://attest.anytown.example/verify' };
const password = 'correct horse battery';
const header =
  'Employee Number,Assignment Number,Primary Assignment,First Name,Last Name,Organisation ID,Organisation Name,Staff Group,Office E-mail Address,Hire Date';
const roster = `${header}
1,1-1,Y,Amara,Okafor,WARD5,Ward 5,Nursing and Midwifery Registered,amara@anytown.example,2019-01-01
2,2-1,Y,Ben,Cole,WARD5,Ward 5,Additional Clinical Services,ben@anytown.example,2019-01-01
3,3-1,Y,Chen,Wu,PHARM,Pharmacy,Add Prof Scientific and Technic,chen@anytown.example,2019-01-01
4,4-1,Y,Dee,Ray,WARD5,Ward 5,Administrative and Clerical,dee@anytown.example,2019-01-01
`;
/** The roster in April: Amara has moved to Pharmacy (renamed), Ben has changed staff group, Eve is first imported. */
const aprilRoster = `${header}
1,1-1,Y,Amara,Okafor,PHARM,Pharmacy and Medicines,Nursing and Midwifery Registered,amara@anytown.example,2019-01-01
2,2-1,Y,Ben,Cole,WARD5,Ward 5,Medical and Dental,ben@anytown.example,2019-01-01
3,3-1,Y,Chen,Wu,PHARM,Pharmacy and Medicines,Add Prof Scientific and Technic,chen@anytown.example,2019-01-01
4,4-1,Y,Dee,Ray,WARD5,Ward 5,Administrative and Clerical,dee@anytown.example,2019-01-01
5,5-1,Y,Eve,Hart,WARD5,Ward 5,Nursing and Midwifery Registered,eve@anytown.example,2018-05-01
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
});
