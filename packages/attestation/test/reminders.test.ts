import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import type { IsoDate } from '@im-records/records-policy';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { actorFor } from '../src/access.ts';
import { createAccount } from '../src/accounts.ts';
import { startAttempt, submitAttempt } from '../src/assessment.ts';
import { attest } from '../src/attestations.ts';
import { auditHead, verifyAudit } from '../src/audit/log.ts';
import { fixedClock } from '../src/clock.ts';
import type { AttestationDatabase } from '../src/db/connect.ts';
import { ForbiddenError } from '../src/errors.ts';
import { generateServiceKey, registerServiceKey } from '../src/keys.ts';
import { DEFAULT_POLICY, ensurePolicy, publishVersion } from '../src/policies.ts';
import { type Mailer, smtpMailer } from '../src/reminders/mailer.ts';
import { mailMergeCsv, setReminderPause } from '../src/reminders/manage.ts';
import { type ReminderRunOptions, runReminders, sendQueuedReminders } from '../src/reminders/run.ts';
import { parseCsv } from '../src/roster/csv.ts';
import { importRoster } from '../src/roster/import.ts';
import type { Store } from '../src/store.ts';
import { engines, freshStore, sharedDatabase } from './databases.ts';
import { recipientOf, type SmtpSink, startSmtpSink } from './smtp-sink.ts';
import { course, rightAnswers } from './trust.ts';

const run = promisify(execFile);
const key = generateServiceKey('Anytown NHS Trust');
const issuer = { key, verifyUrl: 'https://attest.anytown.example/verify' };
const password = 'correct horse battery';
const POLICY_BODY = '# Policy\n\nUse only the approved apps and never share a device with patient messages on it.';
// Mo (assignment 9-1) manages Ward 5. Ben has no e-mail address; Chen (Pharmacy, no manager) goes on leave; Dee is
// done; Eve has left.
const roster = `Employee Number,Assignment Number,Primary Assignment,First Name,Last Name,Organisation ID,Organisation Name,Staff Group,Office E-mail Address,Hire Date,Actual Termination Date,Supervisor Assignment Number
1,1-1,Y,Amara,Okafor,WARD5,Ward 5,Nursing and Midwifery Registered,amara@anytown.example,2019-01-01,,9-1
2,2-1,Y,Ben,Cole,WARD5,Ward 5,Additional Clinical Services,,2019-01-01,,9-1
3,3-1,Y,Chen,Wu,PHARM,Pharmacy,Add Prof Scientific and Technic,chen@anytown.example,2019-01-01,,
4,4-1,Y,Dee,Ray,WARD5,Ward 5,Administrative and Clerical,dee@anytown.example,2019-01-01,,9-1
5,5-1,Y,Eve,Hart,WARD5,Ward 5,Administrative and Clerical,eve@anytown.example,2019-01-01,2026-02-27,9-1
9,9-1,Y,Mo,Reid,WARD5,Ward 5,Nursing and Midwifery Registered,mo@anytown.example,2019-01-01,,
`;

/** The trust on 20 February 2026: the policy took effect on 16 February and is due on Monday 16 March. */
async function setUp(store: Store, setNow: (at: string) => void): Promise<void> {
  setNow('2026-02-20T10:00:00Z');
  await registerServiceKey(store.db, key, store.clock);
  await importRoster(store, roster, { actor: 'cli' });
  await ensurePolicy(store, DEFAULT_POLICY);
  await publishVersion(store, 'cli', {
    policy: DEFAULT_POLICY.id,
    version: '1.0',
    body: POLICY_BODY,
    summary: 'First version',
    material: true,
    effectiveDate: '2026-02-16',
    dueDate: '2026-03-16',
    audience: [],
  });
  await createAccount(store, 'cli', { email: 'dee@anytown.example', role: 'staff', password });
  await createAccount(store, 'cli', { email: 'ig@anytown.example', role: 'ig-lead', password });
  const accountId = async (email: string) =>
    (await store.db.selectFrom('accounts').select('id').where('email', '=', email).executeTakeFirstOrThrow()).id;
  const dee = await actorFor(store, await accountId('dee@anytown.example'));
  await attest(store, dee, 'im-policy-1.0');
  const attempt = await startAttempt(store, dee, course);
  await submitAttempt(store, dee, course, issuer, attempt.id, rightAnswers(attempt.questions));
  const chen = await store.db
    .selectFrom('people')
    .select('id')
    .where('employee_number', '=', '3')
    .executeTakeFirstOrThrow();
  await setReminderPause(store, await actorFor(store, await accountId('ig@anytown.example')), chen.id, '2026-03-20');
}

const context = { trustName: 'Anytown NHS Trust', signInUrl: 'https://attest.anytown.example/sign-in' };
const options = (asOf: string, mailer: Mailer | null, extra: Partial<ReminderRunOptions> = {}): ReminderRunOptions => ({
  actor: 'cli',
  asOf: asOf as IsoDate,
  division: 'england-and-wales',
  mailer,
  context,
  ...extra,
});

let sink: SmtpSink;
beforeAll(async () => {
  sink = await startSmtpSink();
});
afterAll(async () => {
  await sink.close();
});

describe.each(engines)('reminders on %s', (engine) => {
  const open: AttestationDatabase[] = [];
  const mailers: Mailer[] = [];
  afterEach(async () => {
    for (const mailer of mailers.splice(0)) await mailer.close();
    for (const database of open.splice(0)) await database.close();
    sink.messages.length = 0;
  });
  async function mailer(): Promise<Mailer> {
    const made = await smtpMailer({ url: sink.url, from: '"Anytown IG" <ig-team@anytown.example>' });
    mailers.push(made);
    return made;
  }

  it('sends each person one plain message with what is due, to nobody done, away or gone, and never twice', async () => {
    const fresh = await freshStore(engine);
    open.push(fresh.database);
    const { store, setNow } = fresh;
    await setUp(store, setNow);
    setNow('2026-03-02T08:00:00Z');
    const smtp = await mailer();

    const first = await runReminders(store, options('2026-03-02', smtp));
    expect(first).toMatchObject({ workingDay: true, planned: 3, sent: 3, failed: 0, noEmail: 1, onLeave: 1 });
    expect(sink.messages.map(recipientOf).sort()).toEqual([
      'amara@anytown.example',
      'ig@anytown.example',
      'mo@anytown.example',
    ]);
    const amara = sink.messages.find((m) => recipientOf(m) === 'amara@anytown.example');
    expect(amara?.subject).toBe('Overdue: 2 things to do for Anytown NHS Trust');
    expect(amara?.from?.text).toContain('ig-team@anytown.example');
    expect(amara?.text).toContain('Dear Amara,');
    expect(amara?.text).toContain(
      '- Read the Instant messaging policy and confirm that you will follow it: due by Monday 16 March 2026 (in 14 days).',
    );
    expect(amara?.text).toContain(
      '- Pass the instant messaging training assessment: overdue since Monday 16 February 2026 (14 days).',
    );
    expect(amara?.text).toContain('https://attest.anytown.example/sign-in');
    // No sign-in token, no policy text, no one else's details.
    const links = (amara?.text ?? '').match(/https?:\/\/\S+/g) ?? [];
    expect(links).toEqual(['https://attest.anytown.example/sign-in']);
    expect(amara?.text).not.toContain('approved apps');
    expect(amara?.text).not.toMatch(/Ben|Cole|Reid/);
    expect(amara?.html).toBe(false);
    const mo = sink.messages.find((m) => recipientOf(m) === 'mo@anytown.example');
    expect(mo?.text).toContain('People in your team who are 7 or more days overdue');
    expect(mo?.text).toContain('- Amara Okafor (Ward 5): assessment overdue since Monday 16 February 2026 (14 days)');
    expect(mo?.text).toContain('- Ben Cole (Ward 5)');
    // Mo has no line manager on the roster: the IG lead hears about him at 7 days instead.
    const unmanaged = sink.messages.find((m) => recipientOf(m) === 'ig@anytown.example');
    expect(unmanaged?.text).toContain('People with no line manager on the roster who are 7 or more days overdue:');
    expect(unmanaged?.text).toContain('- Mo Reid (Ward 5)');
    // Dee (done), Eve (left) and Chen (on leave) appear nowhere.
    for (const mail of sink.messages) expect(mail.text).not.toMatch(/Dee|Eve|Chen/);

    // Every send is in the audit log, without addresses; the log still verifies.
    const sends = await store.db.selectFrom('audit_log').selectAll().where('type', '=', 'reminder.sent').execute();
    expect(sends).toHaveLength(3);
    expect(sends.map((s) => s.data).join()).not.toContain('@');
    expect((await verifyAudit(store)).ok).toBe(true);

    // Run again the same day (a restart, a second cron): nothing more.
    const again = await runReminders(store, options('2026-03-02', smtp));
    expect(again).toMatchObject({ planned: 0, sent: 0 });
    expect(sink.messages).toHaveLength(3);

    // The next day a new overdue digest is due for both, but they had an e-mail yesterday: it waits.
    const next = await runReminders(store, options('2026-03-03', smtp));
    expect(next).toMatchObject({ planned: 0, heldByCap: 2 });
    // Saturday: no reminders at all.
    expect(await runReminders(store, options('2026-03-07', smtp))).toMatchObject({ workingDay: false, planned: 0 });
    expect(sink.messages).toHaveLength(3);

    // A week later Amara hears again (7 days to go, and what is still overdue); Mo too.
    const week = await runReminders(store, options('2026-03-09', smtp));
    expect(week).toMatchObject({ planned: 2, sent: 2 });
    const amaraAgain = sink.messages.slice(3).find((m) => recipientOf(m) === 'amara@anytown.example');
    expect(amaraAgain?.text).toContain('due by Monday 16 March 2026 (in 7 days)');

    // At 28 days overdue the IG lead gets one digest; Chen, still on leave, is not in it.
    const escalation = await runReminders(store, options('2026-03-16', smtp));
    expect(escalation.sent).toBe(3);
    const lead = sink.messages.slice(5).find((m) => recipientOf(m) === 'ig@anytown.example');
    expect(lead?.subject).toBe('3 people are overdue with information governance training');
    expect(lead?.text).toContain('People who are 28 or more days overdue:');
    expect(lead?.text).toMatch(/Amara Okafor[\s\S]*Ben Cole[\s\S]*Mo Reid/);
    expect(lead?.text).not.toContain('Chen');
    expect(lead?.text).toContain('Hello,');

    // A dry run shows what would go and writes nothing.
    const head = await auditHead(store);
    const rows = await store.db.selectFrom('reminder_sends').select('id').execute();
    const dry = await runReminders(store, options('2026-03-23', smtp, { dryRun: true }));
    expect(dry.dryRun).toBe(true);
    expect(dry.messages.length).toBeGreaterThan(0);
    expect(dry.messages[0]?.body).toContain('https://attest.anytown.example/sign-in');
    expect(await auditHead(store)).toEqual(head);
    expect(await store.db.selectFrom('reminder_sends').select('id').execute()).toHaveLength(rows.length);
    expect(sink.messages).toHaveLength(8);
  });

  it('pauses for leave of up to a year, and nobody pauses their own reminders', async () => {
    const fresh = await freshStore(engine);
    open.push(fresh.database);
    const { store, setNow } = fresh;
    await setUp(store, setNow);
    const moAccount = await createAccount(store, 'cli', {
      email: 'mo@anytown.example',
      role: 'manager',
      departments: ['WARD5'],
      password,
    });
    const mo = await actorFor(store, moAccount);
    const personId = async (employeeNumber: string) =>
      (
        await store.db
          .selectFrom('people')
          .select('id')
          .where('employee_number', '=', employeeNumber)
          .executeTakeFirstOrThrow()
      ).id;
    const amara = await personId('1');
    await setReminderPause(store, mo, amara, '2027-02-20');
    await expect(setReminderPause(store, mo, amara, '2027-02-21')).rejects.toThrow(
      /^until: must be within 12 months; for longer, an IG lead can take the person out of scope with a reason$/,
    );
    await expect(setReminderPause(store, mo, await personId('9'), '2026-03-01')).rejects.toBeInstanceOf(ForbiddenError);
    const paused = await store.db.selectFrom('reminder_pauses').select(['person', 'until']).execute();
    expect(paused.find((p) => p.person === amara)?.until).toBe('2027-02-20');
    expect(paused).toHaveLength(2);
  });

  it('two runners at once, each in a process of its own, send each message once', async () => {
    const { database, url } = await sharedDatabase(engine);
    open.push(database);
    let now = fixedClock('2026-02-20T10:00:00Z');
    const store: Store = { db: database.db, kind: database.kind, clock: () => now() };
    await setUp(store, (at) => {
      now = fixedClock(at);
    });
    const runner = (worker: string) =>
      run(process.execPath, [resolve(import.meta.dirname, 'reminder-runner.ts')], {
        env: {
          ...process.env,
          DATABASE_URL: url,
          SMTP_URL: sink.url,
          AS_OF: '2026-03-16',
          NOW: '2026-03-16T08:00:00Z',
          WORKER: worker,
        },
      }).then(({ stdout }) => JSON.parse(stdout) as { planned: number; sent: number; failed: number });
    const [a, b] = await Promise.all([runner('one'), runner('two')]);
    expect(a.planned + b.planned).toBe(3);
    expect(a.sent + b.sent).toBe(3);
    expect(sink.messages.map(recipientOf).sort()).toEqual([
      'amara@anytown.example',
      'ig@anytown.example',
      'mo@anytown.example',
    ]);
    const sent = await store.db.selectFrom('reminder_sends').select(['status', 'attempts']).execute();
    expect(sent.map((s) => `${s.status}/${s.attempts}`)).toEqual(['sent/1', 'sent/1', 'sent/1']);
    expect((await verifyAudit(store)).ok).toBe(true);
  });

  it('keeps messages for a mail merge when there is no SMTP server, and retries a refused message', async () => {
    const fresh = await freshStore(engine);
    open.push(fresh.database);
    const { store, setNow } = fresh;
    await setUp(store, setNow);
    setNow('2026-03-02T08:00:00Z');
    const merge = await runReminders(store, options('2026-03-02', null));
    expect(merge).toMatchObject({ planned: 3, sent: 0, forMailMerge: 3 });
    const lead = await actorFor(
      store,
      (await store.db.selectFrom('accounts').select('id').where('role', '=', 'ig-lead').executeTakeFirstOrThrow()).id,
    );
    const { csv, count } = await mailMergeCsv(store, lead);
    expect(count).toBe(3);
    const [header, ...records] = parseCsv(csv);
    expect(header?.fields).toEqual(['email', 'subject', 'body', 'run_on']);
    expect(records.map((r) => r.fields[0]).sort()).toEqual([
      'amara@anytown.example',
      'ig@anytown.example',
      'mo@anytown.example',
    ]);
    expect(records[0]?.fields[2]).toContain('\n- ');
    expect((await mailMergeCsv(store, lead)).count).toBe(0);
    // Handed over counts for the weekly cap.
    expect(await runReminders(store, options('2026-03-03', null))).toMatchObject({ planned: 0, heldByCap: 2 });

    // With SMTP: the server refuses the first message once; it goes again five minutes later.
    setNow('2026-03-09T08:00:00Z');
    sink.refuseNext(1);
    const smtp = await mailer();
    const run = await runReminders(store, options('2026-03-09', smtp, { worker: 'w' }));
    expect(run).toMatchObject({ planned: 2, sent: 1, failed: 0 });
    const waiting = await store.db.selectFrom('reminder_sends').selectAll().where('status', '=', 'queued').execute();
    expect(waiting).toHaveLength(1);
    expect(waiting[0]?.error).toMatch(/451/);
    setNow('2026-03-09T08:06:00Z');
    expect(await sendQueuedReminders(store, smtp, { worker: 'w' })).toEqual({ sent: 1, failed: 0 });
    expect(sink.messages).toHaveLength(2);
  });
});
