import { afterEach, describe, expect, it } from 'vitest';
import { createAccount } from '../src/accounts.ts';
import { verifyAudit } from '../src/audit/log.ts';
import type { AttestationDatabase } from '../src/db/connect.ts';
import { ConflictError, ForbiddenError, ValidationError } from '../src/errors.ts';
import { generateServiceKey } from '../src/keys.ts';
import { ownRecordsExport, setExclusion } from '../src/people.ts';
import { evidencePack } from '../src/reports/evidence.ts';
import { CHECKLIST } from '../src/spot-checks/checklist.ts';
import {
  drawSpotChecks,
  eligibleRoster,
  listSpotChecks,
  markCheckNotPossible,
  recordSpotCheck,
  spotCheckDraw,
  verifyDraw,
} from '../src/spot-checks/checks.ts';
import { spotCheckResults } from '../src/spot-checks/results.ts';
import { drawSample } from '../src/spot-checks/sample.ts';
import type { Store } from '../src/store.ts';
import { engines, freshStore } from './databases.ts';
import { actorByEmail, startTrust } from './trust.ts';

const key = generateServiceKey('Anytown NHS Trust');
const password = 'correct horse battery';
const rows = [
  ...Array.from(
    { length: 8 },
    (_, i) => `${100 + i},${100 + i}-1,Y,Ward,Person${i},WARD5,Ward 5,ward${i}@anytown.example,2019-01-01,`,
  ),
  ...Array.from(
    { length: 4 },
    (_, i) => `${200 + i},${200 + i}-1,Y,Pharm,Person${i},PHARM,Pharmacy,pharm${i}@anytown.example,2019-01-01,`,
  ),
  '300,300-1,Y,Gone,Leaver,WARD5,Ward 5,gone@anytown.example,2019-01-01,2026-01-31',
];
const roster = `Employee Number,Assignment Number,Primary Assignment,First Name,Last Name,Organisation ID,Organisation Name,Office E-mail Address,Hire Date,Actual Termination Date\n${rows.join('\n')}\n`;

const allPass = () => Object.fromEntries(CHECKLIST.map((i) => [i.id, { outcome: 'pass' as const }]));

describe.each(engines)('device spot checks on %s', (engine) => {
  let database: AttestationDatabase | undefined;
  afterEach(async () => {
    await database?.close();
    database = undefined;
  });

  async function trust() {
    const fresh = await freshStore(engine, '2026-03-02T10:00:00Z');
    database = fresh.database;
    const { store } = fresh;
    await startTrust(store, key, roster);
    await createAccount(store, 'cli', { email: 'ig@anytown.example', role: 'ig-lead', password });
    await createAccount(store, 'cli', {
      email: 'pm@anytown.example',
      role: 'manager',
      password,
      departments: ['PHARM'],
    });
    const actor = (email: string) => actorByEmail(store, email);
    return { ...fresh, lead: await actor('ig@anytown.example'), pharmacyManager: await actor('pm@anytown.example') };
  }

  const personOf = async (store: Store, employeeNumber: string) =>
    (
      await store.db
        .selectFrom('people')
        .select('id')
        .where('employee_number', '=', employeeNumber)
        .executeTakeFirstOrThrow()
    ).id;

  it("draws reproducibly from the seed and the day's roster, never leavers or people excluded", async () => {
    const { store, lead } = await trust();
    await setExclusion(store, lead, await personOf(store, '107'), 'Long-term leave');
    const options = { month: '2026-03', size: 4, seed: 'march-2026' } as const;
    const dry = await drawSpotChecks(store, lead, { ...options, dryRun: true });
    expect(await store.db.selectFrom('spot_check_draws').selectAll().execute()).toHaveLength(0);
    expect(dry.eligible).toBe(11);
    const dayRoster = await eligibleRoster(store, '2026-03-02' as never, 6);
    const drawn = await drawSpotChecks(store, lead, options);
    expect(drawn.people).toEqual(dry.people);
    expect(drawn.people.map((p) => p.employeeNumber)).not.toContain('300');
    expect(drawn.people.map((p) => p.employeeNumber)).not.toContain('107');
    // Ward 5 has 7 eligible, Pharmacy 4: a sample of 4 is split 3 and 1 (largest remainders: 2.55 and 1.45).
    expect(drawn.people.filter((p) => p.departmentId === 'WARD5')).toHaveLength(3);
    // Anyone can re-run it: the same function on that day's roster and the seed gives the same people.
    const again = drawSample(dayRoster, {
      seed: 'march-2026',
      size: 4,
      stratify: 'department',
    });
    expect(again.map((p) => p.employeeNumber)).toEqual(drawn.people.map((p) => p.employeeNumber));
    expect(await verifyDraw(store, '2026-03')).toEqual({
      month: '2026-03',
      matches: true,
      rosterIntact: true,
      drawn: 4,
    });
    // Read back for the page shown after drawing: the same draw, its people by department and employee number.
    const byDepartment = (people: typeof drawn.people) =>
      [...people].sort(
        (a, b) => a.departmentId.localeCompare(b.departmentId) || a.employeeNumber.localeCompare(b.employeeNumber),
      );
    expect(await spotCheckDraw(store, lead, '2026-03')).toEqual({
      ...drawn,
      dryRun: false,
      people: byDepartment(drawn.people),
    });
    await expect(spotCheckDraw(store, lead, '2026-04')).rejects.toThrow('no spot check has been drawn for 2026-04');
    await expect(drawSpotChecks(store, lead, options)).rejects.toThrow(ConflictError);
    await expect(drawSpotChecks(store, lead, { ...options, month: '2026-13' })).rejects.toThrow(ValidationError);
    const log = await store.db.selectFrom('audit_log').select('data').where('type', '=', 'spot-check.drawn').execute();
    expect(JSON.parse(log[0]?.data ?? '{}')).toMatchObject({ seed: 'march-2026', eligible: 11, drawn: 4 });
  });

  it("lets an IG lead draw only this month's or next month's sample: a typed 2062-03 or a past month is refused, not kept", async () => {
    const { store, lead } = await trust();
    for (const month of ['2062-03', '2026-02', '2025-03']) {
      await expect(drawSpotChecks(store, lead, { month, size: 2, seed: 's' })).rejects.toThrow(
        "month: draw this month's sample (2026-03) or next month's (2026-04)",
      );
    }
    expect(await store.db.selectFrom('spot_check_draws').selectAll().execute()).toHaveLength(0);
    expect(await store.db.selectFrom('spot_checks').selectAll().execute()).toHaveLength(0);
    // A dry run re-runs any month's draw (the command the page prints), and the CLI keeps its --as-of.
    expect(
      (await drawSpotChecks(store, lead, { month: '2025-03', size: 2, seed: 's', dryRun: true })).people,
    ).toHaveLength(2);
    expect((await drawSpotChecks(store, lead, { month: '2026-04', size: 2, seed: 's' })).people).toHaveLength(2);
  });

  it('records checks on the phone-free checklist; a failure opens a follow-up that a clean re-check closes', async () => {
    const { store, lead, pharmacyManager, setNow } = await trust();
    const first = await drawSpotChecks(store, lead, { month: '2026-03', size: 12, seed: 'all', stratify: 'none' });
    expect(first.people).toHaveLength(12);
    const checks = await listSpotChecks(store, lead, { status: 'to-do' });
    expect(checks).toHaveLength(12);
    // A pharmacy manager sees and records only pharmacy checks.
    const own = await listSpotChecks(store, pharmacyManager, { status: 'to-do' });
    expect(own.map((c) => c.departmentId)).toEqual(['PHARM', 'PHARM', 'PHARM', 'PHARM']);
    const ward = checks.filter((c) => c.departmentId === 'WARD5');
    const [failing, passing, away] = ward;
    if (!failing || !passing || !away) throw new Error('expected ward checks');
    await expect(
      recordSpotCheck(store, pharmacyManager, failing.id, { checkedOn: '2026-03-02', results: allPass() }),
    ).rejects.toThrow(ForbiddenError);
    // A check cannot have been done before it was drawn (a mistyped year would file it under the wrong month).
    for (const checkedOn of ['2026-03-01', '2020-03-02']) {
      await expect(recordSpotCheck(store, lead, failing.id, { checkedOn, results: allPass() })).rejects.toThrow(
        'checkedOn: cannot be before the check was drawn (2 March 2026)',
      );
    }
    // Every item needs an outcome, and a failure needs a note.
    const { photos: _photos, ...missing } = allPass();
    await expect(
      recordSpotCheck(store, lead, failing.id, { checkedOn: '2026-03-02', results: missing }),
    ).rejects.toThrow(/photos/);
    await expect(
      recordSpotCheck(store, lead, failing.id, {
        checkedOn: '2026-03-02',
        results: { ...allPass(), 'lock-screen': { outcome: 'fail' } },
      }),
    ).rejects.toThrow(/say what was wrong/);
    await recordSpotCheck(store, lead, failing.id, {
      checkedOn: '2026-03-02',
      results: {
        ...allPass(),
        'lock-screen': { outcome: 'fail', note: 'Previews shown on the lock screen; turned off together' },
        'old-groups': { outcome: 'not-applicable' },
      },
    });
    await expect(
      recordSpotCheck(store, lead, failing.id, { checkedOn: '2026-03-02', results: allPass() }),
    ).rejects.toThrow(ConflictError);
    await recordSpotCheck(store, lead, passing.id, { checkedOn: '2026-03-02', results: allPass() });
    await markCheckNotPossible(store, lead, away.id, 'No work phone');

    const results = await spotCheckResults(store, lead, '2026-03-02' as never);
    expect(results.totals).toEqual({ checked: 2, withFailure: 1, openFollowUps: 1, overdueFollowUps: 0 });
    expect(results.items.find((i) => i.id === 'lock-screen')).toMatchObject({ pass: 1, fail: 1 });
    expect(results.items.find((i) => i.id === 'old-groups')).toMatchObject({ pass: 1, notApplicable: 1 });
    expect(results.departments).toEqual([{ departmentId: 'WARD5', department: 'Ward 5', checked: 2, withFailure: 1 }]);
    expect(results.draws[0]).toMatchObject({ month: '2026-03', drawn: 12, checked: 2, notPossible: 1, withFailure: 1 });
    const [followUp] = results.followUps;
    expect(followUp).toMatchObject({
      items: ['lock-screen'],
      retrainingBy: '2026-03-16',
      recheckOn: '2026-03-30',
      retrained: false,
    });
    // The person's own records hold the check of their phone and the follow-up (a subject access request gets them).
    const records = JSON.parse(
      await ownRecordsExport(store, {
        accountId: 'their-account',
        role: 'staff',
        person: failing.person,
        departments: [],
      }),
    );
    expect(records.deviceChecks).toEqual([
      expect.objectContaining({ month: '2026-03', status: 'done', checkedOn: '2026-03-02' }),
      expect.objectContaining({ month: null, recheck: true, status: 'to-do' }),
    ]);
    expect(records.deviceChecks[0].items).toContainEqual({
      item: 'lock-screen',
      outcome: 'fail',
      note: 'Previews shown on the lock screen; turned off together',
    });
    expect(records.followUps).toEqual([
      {
        items: ['lock-screen'],
        createdOn: '2026-03-02',
        retrainingBy: '2026-03-16',
        recheckOn: '2026-03-30',
        closedOn: null,
      },
    ]);
    expect(records).toMatchObject({ remindersPausedUntil: null, reminderEmails: [] });
    // After the retraining date with no pass, and after the re-check date, it is overdue.
    expect((await spotCheckResults(store, lead, '2026-03-17' as never)).totals.overdueFollowUps).toBe(1);

    // The evidence pack includes the checks and stays the same bytes for the same date.
    const pack = await evidencePack(store, 'cli', '2026-03-02' as never, 'Anytown NHS Trust');
    expect(
      Buffer.from(await evidencePack(store, 'cli', '2026-03-02' as never, 'Anytown NHS Trust')).equals(
        Buffer.from(pack),
      ),
    ).toBe(true);
    expect(
      Buffer.from(await evidencePack(store, 'cli', '2026-03-01' as never, 'Anytown NHS Trust')).length,
    ).toBeLessThan(pack.length);

    // The re-check is waiting; recording it clean closes the follow-up, but not before its date: done the day of the
    // failure it would close the follow-up before the person could take the assessment again.
    const recheck = (await listSpotChecks(store, lead, { status: 'to-do' })).find((c) => c.recheckOn === '2026-03-30');
    if (!recheck) throw new Error('expected a re-check');
    expect(recheck.person).toBe(failing.person);
    await expect(
      recordSpotCheck(store, lead, recheck.id, { checkedOn: '2026-03-02', results: allPass() }),
    ).rejects.toThrow('checkedOn: the re-check is due from 30 March 2026, 28 days after the failure');
    setNow('2026-03-31T10:00:00Z');
    // The next month's draw leaves out everyone checked (or waiting for a check) in the months before; the person who
    // could not be checked can be drawn again.
    const april = await drawSpotChecks(store, lead, { month: '2026-04', size: 12, seed: 'april', stratify: 'none' });
    expect(april.people.map((p) => p.employeeNumber)).toEqual([away.employeeNumber]);
    await recordSpotCheck(store, lead, recheck.id, { checkedOn: '2026-03-31', results: allPass() });
    const after = await spotCheckResults(store, lead, '2026-03-31' as never);
    expect(after.totals.openFollowUps).toBe(0);
    expect((await verifyAudit(store)).ok).toBe(true);
  });
});
