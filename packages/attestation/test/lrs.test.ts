import { type LrsStub, startLrsStub } from '@im-records/course-export/testing';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createAccount } from '../src/accounts.ts';
import { startAttempt, submitAttempt } from '../src/assessment.ts';
import { attest } from '../src/attestations.ts';
import { verifyAudit } from '../src/audit/log.ts';
import type { AttestationDatabase } from '../src/db/connect.ts';
import { ForbiddenError, ValidationError } from '../src/errors.ts';
import { generateServiceKey } from '../src/keys.ts';
import { readLrsSettings, updateLrsSettings } from '../src/lrs/settings.ts';
import { LRS_JOB, lrsQueueStatus, sendQueuedStatements } from '../src/lrs/statements.ts';
import type { Store } from '../src/store.ts';
import { engines, freshStore } from './databases.ts';
import { actorByEmail, course, rightAnswers, startTrust, wrongAnswers } from './trust.ts';

const key = generateServiceKey('Anytown NHS Trust');
const issuer = { key, verifyUrl: 'https://attest.anytown.example/verify' };
const password = 'correct horse battery';
const LRS_KEY = 'attestation-service';
const LRS_SECRET = 'lrs-secret-for-the-loopback-stub';
const roster = `Employee Number,Assignment Number,First Name,Last Name,Organisation ID,Organisation Name,Office E-mail Address,Hire Date
E1001,1-1,Amara,Okafor,WARD5,Ward 5,amara@anytown.example,2019-01-01
`;
const iriBase = 'https://attest.anytown.example';

let lrs: LrsStub;
beforeAll(async () => {
  lrs = await startLrsStub(`Basic ${Buffer.from(`${LRS_KEY}:${LRS_SECRET}`).toString('base64')}`);
});
afterAll(async () => {
  await lrs.close();
});

describe.each(engines)('statements to the learning record store on %s', (engine) => {
  let database: AttestationDatabase | undefined;
  afterEach(async () => {
    await database?.close();
    database = undefined;
    lrs.statements.length = 0;
    lrs.rejected.length = 0;
    lrs.delayMs = 0;
  });

  async function trust() {
    const fresh = await freshStore(engine, '2026-03-02T10:00:00Z');
    database = fresh.database;
    const { store } = fresh;
    await startTrust(store, key, roster);
    await createAccount(store, 'cli', { email: 'amara@anytown.example', role: 'staff', password });
    await createAccount(store, 'cli', { email: 'admin@anytown.example', role: 'admin', password });
    const actor = (email: string) => actorByEmail(store, email);
    return { ...fresh, amara: await actor('amara@anytown.example'), admin: await actor('admin@anytown.example') };
  }
  const queued = async (store: Store) =>
    (await store.db.selectFrom('jobs').select(['status', 'attempts']).where('type', '=', LRS_JOB).execute()).map(
      (j) => `${j.status}/${j.attempts}`,
    );

  it('queues attested, failed and passed statements with the record, and sends valid statements to the LRS', async () => {
    const { store, amara, admin, setNow } = await trust();
    // Off by default: nothing is queued.
    await attest(store, amara, 'im-policy-1.0');
    expect(await queued(store)).toEqual([]);

    await expect(
      updateLrsSettings(store, amara, key, {
        enabled: true,
        endpoint: lrs.endpoint,
        username: LRS_KEY,
        secret: LRS_SECRET,
      }),
    ).rejects.toThrow(ForbiddenError);
    await expect(
      updateLrsSettings(store, admin, key, { enabled: true, endpoint: lrs.endpoint, username: LRS_KEY }),
    ).rejects.toThrow(/secret/);
    await expect(
      updateLrsSettings(store, admin, key, { enabled: true, endpoint: 'ftp://lrs', username: 'k', secret: 's' }),
    ).rejects.toThrow(ValidationError);
    const settings = await updateLrsSettings(store, admin, key, {
      enabled: true,
      endpoint: lrs.endpoint,
      username: LRS_KEY,
      secret: LRS_SECRET,
    });
    expect(settings).toEqual({ enabled: true, endpoint: lrs.endpoint, username: LRS_KEY, hasSecret: true });
    // The secret is sealed in the database and kept out of the audit log; saving without it keeps it.
    const stored = await store.db
      .selectFrom('settings')
      .select('value')
      .where('key', '=', 'lrs')
      .executeTakeFirstOrThrow();
    expect(stored.value).not.toContain(LRS_SECRET);
    const audit = await store.db.selectFrom('audit_log').select('data').execute();
    expect(audit.map((a) => a.data).join()).not.toContain(LRS_SECRET);
    expect(
      await updateLrsSettings(store, admin, key, {
        enabled: true,
        endpoint: lrs.endpoint,
        username: LRS_KEY,
        secret: '',
      }),
    ).toMatchObject({
      hasSecret: true,
    });
    expect(await readLrsSettings(store)).not.toHaveProperty('secret');

    // The person's requests only add a job: the LRS is not contacted while they wait. (Attesting again the same day is
    // the attestation already recorded, so this one is the next day's.)
    setNow('2026-03-03T09:00:00Z');
    const attestation = await attest(store, amara, 'im-policy-1.0');
    const failing = await startAttempt(store, amara, course);
    await submitAttempt(store, amara, course, issuer, failing.id, wrongAnswers(failing.questions));
    const passing = await startAttempt(store, amara, course);
    await submitAttempt(store, amara, course, issuer, passing.id, rightAnswers(passing.questions));
    expect(await queued(store)).toEqual(['queued/0', 'queued/0', 'queued/0']);
    expect(lrs.statements).toHaveLength(0);

    const result = await sendQueuedStatements(store, {
      key,
      worker: 'w1',
      iriBase,
      platform: 'im-records attestation',
    });
    expect(result).toEqual({ sent: 3, retrying: 0, failed: 0 });
    expect(lrs.rejected).toEqual([]);
    expect(lrs.statements.map((s) => s.verb.id)).toEqual([
      `${iriBase}/xapi/verbs/attested`,
      'http://adlnet.gov/expapi/verbs/failed',
      'http://adlnet.gov/expapi/verbs/passed',
    ]);
    const [attested, failed, passed] = lrs.statements;
    expect(attested?.actor).toEqual({ objectType: 'Agent', account: { homePage: iriBase, name: 'E1001' } });
    expect(attested?.object.id).toBe(`${iriBase}/policies/im-policy/1.0`);
    expect(attested?.timestamp).toBe('2026-03-03T09:00:00.000Z');
    expect(failed?.result).toMatchObject({ success: false, score: { raw: 0, min: 0, max: 16 } });
    expect(passed?.result).toMatchObject({ success: true, score: { scaled: 1, raw: 16 } });
    // Statements in one renewal cycle share a registration.
    expect(new Set(lrs.statements.map((s) => s.context?.registration)).size).toBe(1);
    // No name or address reaches the LRS.
    expect(JSON.stringify(lrs.statements)).not.toMatch(/Amara|Okafor|@anytown/);
    // The ids were fixed when queued: sending again would send the same statements.
    const payloads = await store.db.selectFrom('jobs').select('payload').where('type', '=', LRS_JOB).execute();
    expect(payloads.map((p) => JSON.parse(p.payload).statementId).sort()).toEqual(
      lrs.statements.map((s) => s.id).sort(),
    );
    expect(attestation.id).toBeTruthy();
    expect(await lrsQueueStatus(store)).toMatchObject({ queued: 0, sent: 3, failed: 0 });
  });

  it('retries when the LRS does not answer, without holding anyone up', async () => {
    const { store, amara, admin, setNow } = await trust();
    await updateLrsSettings(store, admin, key, {
      enabled: true,
      endpoint: lrs.endpoint,
      username: LRS_KEY,
      secret: LRS_SECRET,
    });
    await attest(store, amara, 'im-policy-1.0');
    lrs.delayMs = 500;
    expect(await sendQueuedStatements(store, { key, worker: 'w1', iriBase, timeoutMs: 100 })).toEqual({
      sent: 0,
      retrying: 1,
      failed: 0,
    });
    expect(await queued(store)).toEqual(['queued/1']);
    expect((await lrsQueueStatus(store)).lastError).toMatch(/did not answer within 100 ms/);
    // Not before its retry time.
    lrs.delayMs = 0;
    expect((await sendQueuedStatements(store, { key, worker: 'w1', iriBase })).sent).toBe(0);
    // The LRS stored the late request after the service stopped waiting; the retry sends the same statement (same id),
    // which an LRS keeps once.
    await new Promise((done) => setTimeout(done, 600));
    expect(lrs.statements).toHaveLength(1);
    setNow('2026-03-02T10:02:00Z');
    expect((await sendQueuedStatements(store, { key, worker: 'w1', iriBase })).sent).toBe(1);
    expect(lrs.statements).toHaveLength(2);
    expect(lrs.statements[1]).toEqual(lrs.statements[0]);

    // Wrong credentials are refused (401): given up at once and recorded in the audit log.
    await updateLrsSettings(store, admin, key, {
      enabled: true,
      endpoint: lrs.endpoint,
      username: LRS_KEY,
      secret: 'wrong',
    });
    setNow('2026-03-03T10:00:00Z');
    await attest(store, amara, 'im-policy-1.0');
    expect(await sendQueuedStatements(store, { key, worker: 'w1', iriBase })).toEqual({
      sent: 0,
      retrying: 0,
      failed: 1,
    });
    const gaveUp = await store.db
      .selectFrom('audit_log')
      .select('data')
      .where('type', '=', 'lrs.statement-failed')
      .execute();
    expect(JSON.parse(gaveUp[0]?.data ?? '{}')).toMatchObject({ kind: 'attested', status: 401 });
    expect((await verifyAudit(store)).ok).toBe(true);
  });
});
