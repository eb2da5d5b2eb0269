import { passMark, reachesPassMark } from '@im-records/course';
import { describe, expect, it } from 'vitest';
import { cmi5Problems } from '../src/xapi/cmi5-rules.ts';
import { StatementError } from '../src/xapi/errors.ts';
import {
  assessmentStatement,
  attestedStatement,
  type Cmi5Launch,
  cmi5Statement,
  isoDuration,
  meetsMastery,
  type Statement,
  scaledScore,
} from '../src/xapi/statements.ts';
import { statementProblems } from '../src/xapi/validate.ts';
import { CMI5 } from '../src/xapi/vocabulary.ts';

const actor = {
  objectType: 'Agent' as const,
  name: 'Sam Patel',
  account: { homePage: 'https://ig.example-trust.nhs.uk', name: '12345678' },
};
const registration = 'd1c1a3c8-6f4e-4c55-9a57-0b0f4d6a2e11';
const at = new Date('2026-12-01T09:30:00Z');
const launch: Cmi5Launch = {
  actor,
  activityId: 'https://lms.example/activities/im-course-au',
  registration,
  masteryScore: 0.8,
  contextTemplate: {
    contextActivities: { grouping: [{ objectType: 'Activity', id: 'urn:im-records:course:instant-messaging/au' }] },
    extensions: { [CMI5.sessionIdExtension]: 'session-1' },
  },
};

describe('the pass rule', () => {
  it("agrees with the course's whole-percent pass test for every score up to 60 questions", () => {
    for (let total = 1; total <= 60; total++) {
      for (let correct = 0; correct <= total; correct++) {
        expect(meetsMastery(correct, total, passMark), `${correct}/${total}`).toBe(
          reachesPassMark(correct, total, passMark),
        );
        expect(scaledScore(correct, total) >= passMark).toBe(meetsMastery(correct, total, passMark));
      }
    }
  });

  it('cuts scaled scores to four decimals so they never read higher', () => {
    expect(scaledScore(2, 3)).toBe(0.6666);
    expect(scaledScore(13, 16)).toBe(0.8125);
    expect(() => scaledScore(5, 4)).toThrow(StatementError);
  });

  it('writes ISO 8601 durations', () => {
    expect(isoDuration(0)).toBe('PT0S');
    expect(isoDuration(3_723_450)).toBe('PT1H2M3.45S');
  });
});

describe("the attestation service's statements", () => {
  const base = {
    actor,
    registration,
    timestamp: at,
    iriBase: 'https://ig.example-trust.nhs.uk/',
    platform: 'im-records attestation',
  };

  it('"attested" is valid xAPI with the verb minted under the trust\'s IRI base', () => {
    const statement = attestedStatement({
      ...base,
      policy: {
        id: 'https://ig.example-trust.nhs.uk/policies/im/1.0',
        title: 'Instant messaging policy',
        version: '1.0',
      },
    });
    expect(statementProblems(statement)).toEqual([]);
    expect(statement.verb.id).toBe('https://ig.example-trust.nhs.uk/xapi/verbs/attested');
    expect(statement.context?.registration).toBe(registration);
    expect(statement.timestamp).toBe('2026-12-01T09:30:00.000Z');
  });

  it('"passed" and "failed" follow from the marks and the pass mark', () => {
    const course = { id: 'https://ig.example-trust.nhs.uk/courses/im', title: 'Instant messaging', version: '2026.1' };
    const pass = assessmentStatement({
      ...base,
      course,
      correct: 13,
      total: 16,
      masteryScore: passMark,
      durationMs: 600_000,
    });
    const fail = assessmentStatement({ ...base, course, correct: 12, total: 16, masteryScore: passMark });
    for (const statement of [pass, fail]) expect(statementProblems(statement)).toEqual([]);
    expect(pass.verb.id).toBe('http://adlnet.gov/expapi/verbs/passed');
    expect(pass.result).toMatchObject({
      success: true,
      completion: true,
      score: { scaled: 0.8125, raw: 13, min: 0, max: 16 },
      duration: 'PT10M0S',
    });
    expect(fail.verb.id).toBe('http://adlnet.gov/expapi/verbs/failed');
    expect(fail.result?.success).toBe(false);
    expect(() => assessmentStatement({ ...base, course, correct: 1, total: 2, masteryScore: 1.5 })).toThrow(
      /masteryScore/,
    );
  });
});

describe('cmi5 statements', () => {
  it('keep the context template and add the registration, categories and mastery score', () => {
    const passed = cmi5Statement(launch, 'passed', {
      timestamp: at,
      durationMs: 5000,
      score: { correct: 15, total: 16 },
    });
    expect(statementProblems(passed)).toEqual([]);
    expect(passed.object.id).toBe(launch.activityId);
    expect(passed.context?.registration).toBe(registration);
    expect(passed.context?.extensions).toEqual({
      [CMI5.sessionIdExtension]: 'session-1',
      [CMI5.masteryScoreExtension]: 0.8,
    });
    expect(passed.context?.contextActivities?.grouping).toEqual(launch.contextTemplate.contextActivities?.grouping);
    expect(passed.context?.contextActivities?.category?.map((a) => a.id)).toEqual([CMI5.category, CMI5.moveOnCategory]);
    expect(passed.result).toEqual({
      score: { scaled: 0.9375, raw: 15, min: 0, max: 16 },
      success: true,
      duration: 'PT5S',
    });
    const initialized = cmi5Statement(launch, 'initialized', { timestamp: at });
    expect(initialized.result).toBeUndefined();
    expect(initialized.context?.contextActivities?.category?.map((a) => a.id)).toEqual([CMI5.category]);
    expect(initialized.context?.extensions?.[CMI5.masteryScoreExtension]).toBeUndefined();
  });

  it('cannot be built when the verb disagrees with the score, or a required part is missing', () => {
    expect(() =>
      cmi5Statement(launch, 'passed', { timestamp: at, durationMs: 1, score: { correct: 12, total: 16 } }),
    ).toThrow(/does not agree/);
    expect(() =>
      cmi5Statement(launch, 'failed', { timestamp: at, durationMs: 1, score: { correct: 13, total: 16 } }),
    ).toThrow(/does not agree/);
    expect(() => cmi5Statement(launch, 'terminated', { timestamp: at })).toThrow(/needs a duration/);
    expect(() =>
      cmi5Statement(launch, 'completed', { timestamp: at, durationMs: 1, score: { correct: 1, total: 1 } }),
    ).toThrow(/must not carry a score/);
  });

  it('a session in order passes the cmi5 rules; each broken rule is named', () => {
    const s = (
      verb: 'initialized' | 'completed' | 'passed' | 'failed' | 'terminated',
      correct?: number,
      session = 'session-1',
    ) =>
      cmi5Statement(
        {
          ...launch,
          contextTemplate: { ...launch.contextTemplate, extensions: { [CMI5.sessionIdExtension]: session } },
        },
        verb,
        {
          timestamp: at,
          ...(verb === 'initialized' ? {} : { durationMs: 1000 }),
          ...(correct !== undefined ? { score: { correct, total: 16 } } : {}),
        },
      );
    const good: Statement[] = [
      s('initialized'),
      s('completed'),
      s('failed', 3),
      s('terminated'),
      s('initialized', undefined, 'session-2'),
      s('passed', 14, 'session-2'),
      s('terminated', undefined, 'session-2'),
    ];
    expect(cmi5Problems(good, { masteryScore: 0.8 })).toEqual([]);
    expect(cmi5Problems([s('completed'), s('terminated')]).join()).toMatch(/first statement is completed/);
    expect(cmi5Problems([s('initialized'), s('terminated'), s('completed')]).join()).toMatch(/after terminated/);
    expect(cmi5Problems([s('initialized'), s('failed', 3), s('passed', 14), s('terminated')]).join()).toMatch(
      /both passed and failed/,
    );
    expect(
      cmi5Problems([
        ...good,
        s('initialized', undefined, 'session-3'),
        s('failed', 2, 'session-3'),
        s('terminated', undefined, 'session-3'),
      ]).join(),
    ).toMatch(/failed after passed/);
    expect(
      cmi5Problems([
        ...good,
        s('initialized', undefined, 'session-3'),
        s('passed', 16, 'session-3'),
        s('terminated', undefined, 'session-3'),
      ]).join(),
    ).toMatch(/passed was already sent/);
    expect(
      cmi5Problems([
        ...good,
        s('initialized', undefined, 'session-3'),
        s('completed', undefined, 'session-3'),
        s('terminated', undefined, 'session-3'),
      ]).join(),
    ).toMatch(/completed was already sent/);
    const noCategory = { ...s('completed'), context: { ...s('completed').context, contextActivities: {} } };
    expect(cmi5Problems([s('initialized'), noCategory as Statement]).join()).toMatch(/cmi5 category is missing/);
  });
});

describe('the statement validator', () => {
  const valid = attestedStatement({
    actor,
    registration,
    timestamp: at,
    iriBase: 'https://ig.example-trust.nhs.uk',
    policy: { id: 'https://ig.example-trust.nhs.uk/p/1', title: 'Policy', version: '1' },
  });
  const broken = (change: (s: Record<string, unknown>) => void) => {
    const copy = structuredClone(valid) as unknown as Record<string, unknown>;
    change(copy);
    return statementProblems(copy).join('\n');
  };

  it('accepts what the builders make and refuses each planted fault, naming where it is', () => {
    expect(statementProblems(valid)).toEqual([]);
    expect(broken((s) => Object.assign(s.actor as object, { mbox: 'mailto:sam@example.nhs.uk' }))).toMatch(
      /statement.actor: has mbox and account/,
    );
    expect(broken((s) => delete (s.actor as Record<string, unknown>).account)).toMatch(/needs one identifier/);
    expect(broken((s) => Object.assign(s.verb as object, { id: 'attested' }))).toMatch(
      /statement.verb.id: must be an absolute IRI/,
    );
    expect(broken((s) => Object.assign(s, { score: 1 }))).toMatch(/statement.score: is not an xAPI property/);
    expect(broken((s) => Object.assign(s.result as object, { score: { scaled: 1.2 } }))).toMatch(
      /scaled: must be between -1 and 1/,
    );
    expect(broken((s) => Object.assign(s.result as object, { score: { raw: 20, min: 0, max: 16 } }))).toMatch(
      /raw: must not be above max/,
    );
    expect(broken((s) => Object.assign(s.result as object, { duration: '10 minutes' }))).toMatch(/ISO 8601 duration/);
    expect(broken((s) => Object.assign(s.context as object, { registration: 'reg-1' }))).toMatch(
      /registration: must be a UUID/,
    );
    expect(broken((s) => Object.assign(s, { timestamp: '2026-12-01 09:30' }))).toMatch(/timestamp/);
    expect(broken((s) => Object.assign(s, { id: 'not-a-uuid' }))).toMatch(/statement.id: must be a UUID/);
    expect(broken((s) => Object.assign(s, { object: { objectType: 'Agent', mbox: 'mailto:a@b.nhs.uk' } }))).toMatch(
      /revision: is only allowed when the object is an activity/,
    );
    expect(
      broken((s) => Object.assign((s.object as { definition: object }).definition, { name: { 'en GB': 'x' } })),
    ).toMatch(/not a language tag/);
    expect(broken((s) => Object.assign(s.context as object, { extensions: { colour: 'red' } }))).toMatch(
      /extension key must be an IRI/,
    );
    expect(broken((s) => delete s.verb)).toMatch(/statement.verb: is required/);
  });
});
