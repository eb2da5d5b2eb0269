import { hasPassed } from '@im-records/records-policy';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InvalidStepError } from '../src/errors.ts';
import { passMark } from '../src/policy.ts';
import {
  type Attempt,
  answerItem,
  drawQuestions,
  isCorrect,
  markAttempt,
  reachesPassMark,
  restoreAttempts,
  timesSeen,
} from '../src/quiz.ts';
import { seededRandom } from '../src/random.ts';
import { course } from './helpers.ts';

const topics = course.settings.topics.map((t) => t.id);
const count = course.settings.assessment.questionCount;
const bank = new Map(course.questions.map((q) => [q.id, q]));

const attemptOf = (items: ReturnType<typeof drawQuestions>): Attempt => ({
  id: 'a',
  startedAt: '2026-11-22T10:00:00Z',
  finishedAt: '2026-11-22T10:20:00Z',
  courseVersion: '1',
  policyVersion: '1.0',
  items,
  correct: null,
});

describe('drawQuestions', () => {
  it('draws the same number from every topic, with no repeats', () => {
    fc.assert(
      fc.property(fc.integer(), (seed) => {
        const items = drawQuestions(course.questions, topics, count, new Map(), seededRandom(seed));
        expect(items).toHaveLength(count);
        expect(new Set(items.map((i) => i.questionId)).size).toBe(count);
        const perTopic = topics.map((t) => items.filter((i) => bank.get(i.questionId)?.topic === t).length);
        expect(Math.max(...perTopic) - Math.min(...perTopic)).toBeLessThanOrEqual(1);
      }),
      { numRuns: 50 },
    );
  });

  it('balances an uneven count to within one question per topic', () => {
    const items = drawQuestions(course.questions, topics, 13, new Map(), seededRandom(7));
    const perTopic = topics.map((t) => items.filter((i) => bank.get(i.questionId)?.topic === t).length);
    expect(perTopic.reduce((a, b) => a + b)).toBe(13);
    expect(Math.max(...perTopic) - Math.min(...perTopic)).toBe(1);
  });

  it('shuffles options as a permutation, but keeps True before False', () => {
    const items = drawQuestions(course.questions, topics, count, new Map(), seededRandom(3));
    let moved = 0;
    for (const item of items) {
      const question = bank.get(item.questionId);
      const ids = question?.options.map((o) => o.id) ?? [];
      expect([...item.optionOrder].sort()).toEqual([...ids].sort());
      if (question?.type === 'true-false') expect(item.optionOrder).toEqual(['true', 'false']);
      else if (item.optionOrder.join() !== ids.join()) moved += 1;
    }
    expect(moved).toBeGreaterThan(0);
  });

  it('is repeatable from a seed and different across seeds', () => {
    const a = drawQuestions(course.questions, topics, count, new Map(), seededRandom(42));
    expect(drawQuestions(course.questions, topics, count, new Map(), seededRandom(42))).toEqual(a);
    expect(drawQuestions(course.questions, topics, count, new Map(), seededRandom(43))).not.toEqual(a);
  });

  it('prefers questions not seen before on a retry', () => {
    fc.assert(
      fc.property(fc.integer(), fc.integer(), (s1, s2) => {
        const first = attemptOf(drawQuestions(course.questions, topics, count, new Map(), seededRandom(s1)));
        const second = drawQuestions(course.questions, topics, count, timesSeen([first]), seededRandom(s2));
        const before = new Set(first.items.map((i) => i.questionId));
        // Every topic has at least twice its quota, so a second attempt can be entirely new.
        expect(second.filter((i) => before.has(i.questionId))).toEqual([]);
      }),
      { numRuns: 30 },
    );
  });

  it('on a third attempt uses the least-seen questions first', () => {
    const seen = new Map<string, number>();
    const attempts: Attempt[] = [];
    for (let i = 0; i < 3; i++) {
      const items = drawQuestions(course.questions, topics, count, timesSeen(attempts), seededRandom(i + 100));
      attempts.push(attemptOf(items));
    }
    for (const a of attempts)
      for (const item of a.items) seen.set(item.questionId, (seen.get(item.questionId) ?? 0) + 1);
    // No question is drawn a third time while another in its topic has not been drawn at all.
    for (const topic of topics) {
      const inTopic = course.questions.filter((q) => q.topic === topic).map((q) => seen.get(q.id) ?? 0);
      expect(Math.max(...inTopic) - Math.min(...inTopic)).toBeLessThanOrEqual(1);
    }
  });

  it('refuses to draw more questions than the bank holds', () => {
    expect(() => drawQuestions(course.questions.slice(0, 3), topics, 4, new Map(), seededRandom(1))).toThrow(
      InvalidStepError,
    );
  });
});

describe('marking', () => {
  const multiple = course.questions.find((q) => q.type === 'multiple');
  if (!multiple) throw new Error('the bank has no multiple-choice question');
  const right = multiple.options.filter((o) => o.correct).map((o) => o.id);
  const wrong = multiple.options.filter((o) => !o.correct).map((o) => o.id);

  it('marks multiple choice all or nothing, in any order', () => {
    expect(isCorrect(multiple, [...right].reverse())).toBe(true);
    expect(isCorrect(multiple, right.slice(1))).toBe(false);
    expect(isCorrect(multiple, [...right, ...wrong.slice(0, 1)])).toBe(false);
    expect(isCorrect(multiple, [])).toBe(false);
  });

  it('passes at the records-policy pass mark (80%) and not below', () => {
    expect(passMark).toBe(0.8);
    const items = drawQuestions(course.questions, topics, 10, new Map(), seededRandom(5));
    const answer = (n: number) =>
      items.map((item, i) => {
        const q = bank.get(item.questionId);
        const correct = q?.options.filter((o) => o.correct).map((o) => o.id) ?? [];
        const incorrect =
          q?.options
            .filter((o) => !o.correct)
            .map((o) => o.id)
            .slice(0, 1) ?? [];
        return { ...item, selected: i < n ? correct : incorrect };
      });
    expect(markAttempt(answer(8), bank, passMark)).toEqual({ correct: 8, total: 10, fraction: 0.8, passed: true });
    expect(markAttempt(answer(7), bank, passMark)).toMatchObject({ correct: 7, passed: false });
  });

  it('agrees with records-policy hasPassed on every score up to 50 questions', () => {
    for (let total = 1; total <= 50; total++) {
      for (let correct = 0; correct <= total; correct++)
        expect(reachesPassMark(correct, total, passMark)).toBe(hasPassed(correct, total));
    }
  });

  it('locks an answer once checked and rejects options from elsewhere', () => {
    const attempt = attemptOf(drawQuestions(course.questions, topics, count, new Map(), seededRandom(9)));
    const first = attempt.items[0];
    if (!first) throw new Error('empty draw');
    const answered = answerItem(attempt, 0, [first.optionOrder[0] ?? '']);
    expect(answered.items[0]?.selected).toEqual([first.optionOrder[0]]);
    expect(attempt.items[0]?.selected).toBeNull();
    expect(() => answerItem(answered, 0, [first.optionOrder[1] ?? ''])).toThrow(/already been answered/);
    expect(() => answerItem(attempt, 1, ['not-an-option'])).toThrow(InvalidStepError);
    expect(() => answerItem(attempt, 1, [])).toThrow(InvalidStepError);
  });
});

describe('restoreAttempts', () => {
  it('keeps well-formed attempts and drops the rest', () => {
    const good = attemptOf(drawQuestions(course.questions, topics, count, new Map(), seededRandom(1)));
    const saved = JSON.parse(JSON.stringify([good, { ...good, items: 'x' }, null, 3]));
    expect(restoreAttempts(saved)).toEqual([good]);
    expect(restoreAttempts('nope')).toEqual([]);
  });

  it('never throws on arbitrary data', () => {
    fc.assert(fc.property(fc.jsonValue(), (value) => Array.isArray(restoreAttempts(value))));
  });
});
