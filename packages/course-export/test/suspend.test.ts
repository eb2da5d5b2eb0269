import { guidancePoints } from '@im-records/course';
import { loadCourse } from '@im-records/course/node';
import { describe, expect, it } from 'vitest';
import { playerCourse } from '../src/export/course-model.ts';
import { DEFAULT_CONTENT_DIR } from '../src/export/export-course.ts';
import type { PlayerCourse } from '../src/player/course-data.ts';
import {
  decodeProgress,
  emptyProgress,
  encodeProgress,
  type Progress,
  SUSPEND_DATA_LIMIT,
} from '../src/player/suspend.ts';

const course = playerCourse(loadCourse(DEFAULT_CONTENT_DIR, { guidancePoints }));

/** The most a learner's progress can hold: every page read, every question seen often, a full attempt answered. */
function fullest(c: PlayerCourse): Progress {
  const widest = [...c.questions].sort((a, b) => b.options.length - a.options.length);
  return {
    view: `guidance/${c.pages.reduce((a, b) => (b.slug.length > a.slug.length ? b : a)).slug}`,
    read: c.pages.map((p) => p.slug),
    seen: new Map(c.questions.map((q) => [q.id, 99])),
    attempt: widest.slice(0, c.questionCount).map((q) => ({
      questionId: q.id,
      optionOrder: [...q.options].reverse().map((o) => o.id),
      selected: q.options.map((o) => o.id),
    })),
    best: { correct: c.questionCount, total: c.questionCount },
    last: { correct: 0, total: c.questionCount },
  };
}

describe('suspend data', () => {
  it('round-trips progress, the attempt in progress included', () => {
    const progress = fullest(course);
    progress.attempt = (progress.attempt ?? []).map((item, i) => (i % 2 ? { ...item, selected: null } : item));
    const decoded = decodeProgress(encodeProgress(progress, course), course);
    expect(decoded?.attempt).toEqual(progress.attempt);
    expect(decoded?.read).toEqual(progress.read);
    expect(decoded?.view).toBe(progress.view);
    expect(decoded?.seen.get(course.questions[0]?.id ?? '')).toBe(35);
    expect(decoded?.best).toEqual(progress.best);
  });

  it("stays within SCORM 1.2's 4,096 characters at the fullest, with room to spare", () => {
    const text = encodeProgress(fullest(course), course);
    expect(text.length).toBeLessThanOrEqual(SUSPEND_DATA_LIMIT);
    expect(text.length).toBeLessThan(1000);
  });

  it('leaves out the least needed parts, never the attempt, when a huge bank would overflow', () => {
    const question = course.questions.find((q) => q.options.length >= 4) ?? course.questions[0];
    if (!question) throw new Error('no questions');
    const questions = Array.from({ length: 5000 }, (_, i) => ({ ...question, id: `q-${i}` }));
    const huge: PlayerCourse = { ...course, questions, questionCount: 40 };
    const progress = fullest(huge);
    const text = encodeProgress(progress, huge);
    expect(text.length).toBeLessThanOrEqual(SUSPEND_DATA_LIMIT);
    const decoded = decodeProgress(text, huge);
    expect(decoded?.attempt).toEqual(progress.attempt);
    expect(decoded?.seen.size).toBe(0);
  });

  it('ignores progress from another version of the package and damaged strings', () => {
    const text = encodeProgress(fullest(course), course);
    expect(decodeProgress(text, { ...course, contentKey: 'ffffffff' })).toBeNull();
    expect(decodeProgress(text.slice(0, -5), course)).toEqual(null);
    expect(decodeProgress(text.replace('~guidance/', '~nowhere/'), course)).toBeNull();
    expect(decodeProgress('', course)).toBeNull();
    expect(decodeProgress(encodeProgress(emptyProgress(), course), course)).toEqual(emptyProgress());
  });
});
