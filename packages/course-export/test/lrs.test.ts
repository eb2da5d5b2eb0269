import { passMark } from '@im-records/course';
import { afterEach, describe, expect, it } from 'vitest';
import { Cmi5Tracker, PROGRESS_STATE_ID } from '../src/player/cmi5.ts';
import { cmi5Problems } from '../src/xapi/cmi5-rules.ts';
import { LrsResponseError, LrsTimeoutError, LrsUnreachableError, StatementError } from '../src/xapi/errors.ts';
import { LrsClient } from '../src/xapi/lrs-client.ts';
import { assessmentStatement, attestedStatement, type Statement } from '../src/xapi/statements.ts';
import { CMI5 } from '../src/xapi/vocabulary.ts';
import { type LrsStub, startLrsStub, stateKey } from './lrs-stub.ts';

const key = { username: 'attestation-service', password: 's3cret-key' };
const basic = `Basic ${Buffer.from(`${key.username}:${key.password}`).toString('base64')}`;
const actor = {
  objectType: 'Agent' as const,
  account: { homePage: 'https://ig.example-trust.nhs.uk', name: '12345678' },
};
const registration = '5b0e9a44-0d1f-4c3a-8a6e-6f1c2d3e4f50';
const verbs = (statements: Statement[]) => statements.map((s) => s.verb.id.split('/').at(-1));

let stub: LrsStub | null = null;
afterEach(async () => {
  await stub?.close();
  stub = null;
});

describe('LrsClient against an LRS on loopback', () => {
  it('sends the attestation service\'s "attested", "passed" and "failed" statements, each valid', async () => {
    stub = await startLrsStub(basic);
    const client = new LrsClient({ endpoint: stub.endpoint, auth: key });
    const base = {
      actor,
      registration,
      timestamp: new Date('2026-12-01T10:00:00Z'),
      iriBase: 'https://ig.example-trust.nhs.uk',
    };
    const course = { id: 'https://ig.example-trust.nhs.uk/courses/im', title: 'Instant messaging', version: '2026.1' };
    const sent = [
      attestedStatement({
        ...base,
        policy: { id: 'https://ig.example-trust.nhs.uk/policies/im/1.0', title: 'Messaging policy', version: '1.0' },
      }),
      assessmentStatement({ ...base, course, correct: 11, total: 16, masteryScore: passMark }),
      assessmentStatement({ ...base, course, correct: 15, total: 16, masteryScore: passMark }),
    ];
    const ids = await client.sendStatements(sent);
    expect(ids).toEqual(sent.map((s) => s.id));
    expect(stub.rejected).toEqual([]);
    expect(verbs(stub.statements)).toEqual(['attested', 'failed', 'passed']);
  });

  it('refuses an invalid statement before sending anything', async () => {
    stub = await startLrsStub(basic);
    const client = new LrsClient({ endpoint: stub.endpoint, auth: key });
    const bad = {
      ...attestedStatement({
        actor,
        registration,
        timestamp: new Date(),
        iriBase: 'https://x.nhs.uk',
        policy: { id: 'https://x.nhs.uk/p', title: 'P', version: '1' },
      }),
      actor: { name: 'No identifier' },
    };
    await expect(client.sendStatements([bad])).rejects.toThrow(StatementError);
    await expect(client.sendStatements([bad])).rejects.toThrow(/statement.actor: needs one identifier/);
    expect(stub.statements).toEqual([]);
  });

  it('the stub LRS itself refuses invalid xAPI (so the tests above can fail)', async () => {
    stub = await startLrsStub(basic);
    const response = await fetch(`${stub.endpoint}statements`, {
      method: 'POST',
      headers: { Authorization: basic, 'X-Experience-API-Version': '1.0.3', 'Content-Type': 'application/json' },
      body: JSON.stringify({ actor: { name: 'x' }, verb: { id: 'passed' }, object: { id: 'course' } }),
    });
    expect(response.status).toBe(400);
    expect(stub.rejected[0]?.join()).toMatch(/verb.id: must be an absolute IRI/);
  });

  it('reports a refusal with its status and without the credentials', async () => {
    stub = await startLrsStub('Basic something-else');
    const client = new LrsClient({ endpoint: stub.endpoint, auth: key });
    const statement = assessmentStatement({
      actor,
      registration,
      timestamp: new Date(),
      iriBase: 'https://x.nhs.uk',
      course: { id: 'https://x.nhs.uk/c', title: 'C' },
      correct: 1,
      total: 1,
      masteryScore: 0.8,
    });
    const error = await client.sendStatements([statement]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LrsResponseError);
    expect((error as LrsResponseError).status).toBe(401);
    expect((error as Error).message).toMatch(/sending statements: the LRS answered 401/);
    expect((error as Error).message).not.toContain(key.password);
    expect((error as Error).message).not.toContain(basic.slice(6));
  });

  it('times out, and says when the LRS cannot be reached', async () => {
    stub = await startLrsStub(basic);
    stub.delayMs = 1000;
    const slow = new LrsClient({ endpoint: stub.endpoint, auth: key, timeoutMs: 100 });
    await expect(slow.getState({ activityId: 'https://x.nhs.uk/a', agent: actor, stateId: 's' })).rejects.toThrow(
      LrsTimeoutError,
    );
    const endpoint = stub.endpoint;
    await stub.close();
    stub = null;
    const gone = new LrsClient({ endpoint, auth: key, timeoutMs: 2000 });
    await expect(gone.getState({ activityId: 'https://x.nhs.uk/a', agent: actor, stateId: 's' })).rejects.toThrow(
      LrsUnreachableError,
    );
    expect(() => new LrsClient({ endpoint: 'lrs.example', auth: key })).toThrow(/not an absolute URL/);
  });
});

describe('the cmi5 package against an LRS on loopback', () => {
  const activityId = 'https://lms.example/activities/au-7';
  const publisherId = 'urn:im-records:course:instant-messaging/au';

  async function launchSession(lrs: LrsStub, sessionId: string): Promise<Cmi5Tracker> {
    lrs.state.set(stateKey(activityId, actor, registration, CMI5.launchDataStateId), {
      contextTemplate: {
        contextActivities: { grouping: [{ objectType: 'Activity', id: publisherId }] },
        extensions: { [CMI5.sessionIdExtension]: sessionId },
      },
      launchMode: 'Normal',
      masteryScore: passMark,
      moveOn: 'Passed',
      returnURL: 'https://lms.example/course/7',
    });
    const search = new URLSearchParams({
      endpoint: lrs.endpoint,
      fetch: `${lrs.fetchUrl}?session=${sessionId}`,
      actor: JSON.stringify(actor),
      registration,
      activityId,
    });
    return new Cmi5Tracker(`?${search}`);
  }

  it("keeps cmi5's order over three sessions: fail, leave, pass, then practise without changing the record", async () => {
    const lrs = await startLrsStub('Basic unused', 'dG9rZW4tMQ==');
    stub = lrs;
    // Session 1: two failed attempts; one "failed" is sent, at the end.
    const first = await launchSession(lrs, 'session-1');
    const launch = await first.begin();
    expect(launch).toMatchObject({ connected: true, passedBefore: false, masteryScore: passMark, mode: 'normal' });
    expect(first.returnUrl).toBe('https://lms.example/course/7');
    first.save('p1~progress');
    first.recordAttempt({ correct: 5, total: 16, passed: false });
    first.recordAttempt({ correct: 9, total: 16, passed: false });
    await first.end();
    expect(first.errors).toEqual([]);
    expect(verbs(lrs.statements)).toEqual(['initialized', 'completed', 'failed', 'terminated']);
    expect(lrs.statements[2]?.result?.score).toEqual({ scaled: 0.5625, raw: 9, min: 0, max: 16 });
    expect(lrs.state.get(stateKey(activityId, actor, registration, PROGRESS_STATE_ID))).toEqual({
      suspendData: 'p1~progress',
      completed: true,
      passed: false,
    });

    // Session 2 (a new fetch URL, as the LMS issues per launch): progress is back; a fail then a pass sends only "passed".
    const second = await launchSession(lrs, 'session-2');
    expect((await second.begin()).suspendData).toBe('p1~progress');
    second.recordAttempt({ correct: 10, total: 16, passed: false });
    second.recordAttempt({ correct: 13, total: 16, passed: true });
    await second.end();
    expect(verbs(lrs.statements).slice(4)).toEqual(['initialized', 'passed', 'terminated']);

    // Session 3: already passed; practice attempts send nothing but initialized and terminated.
    const third = await launchSession(lrs, 'session-3');
    expect((await third.begin()).passedBefore).toBe(true);
    third.recordAttempt({ correct: 2, total: 16, passed: false });
    third.recordAttempt({ correct: 16, total: 16, passed: true });
    await third.end();
    expect(verbs(lrs.statements).slice(7)).toEqual(['initialized', 'terminated']);

    expect(lrs.rejected).toEqual([]);
    expect(cmi5Problems(lrs.statements, { masteryScore: passMark })).toEqual([]);
    for (const statement of lrs.statements) {
      expect(statement.object.id).toBe(activityId);
      expect(statement.context?.contextActivities?.grouping?.[0]?.id).toBe(publisherId);
    }
  });

  it('runs on its own, saying nothing is recorded, when opened without launch parameters or with a used fetch URL', async () => {
    expect(await new Cmi5Tracker('').begin()).toMatchObject({ connected: false, problem: null });
    const lrs = await startLrsStub('Basic unused');
    stub = lrs;
    const search = new URLSearchParams({
      endpoint: lrs.endpoint,
      fetch: lrs.fetchUrl,
      actor: JSON.stringify(actor),
      registration,
      activityId,
    });
    await new Cmi5Tracker(`?${search}`).begin();
    const again = await new Cmi5Tracker(`?${search}`).begin();
    expect(again.connected).toBe(false);
    expect(again.problem).toMatch(/already been returned/);
  });
});
