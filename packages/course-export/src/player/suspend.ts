/**
 * The learner's progress as one short string, for SCORM 1.2's `cmi.suspend_data` (4,096 characters at most: an LMS
 * may cut anything longer, and a cut string cannot be read back, which breaks resume). Questions and options are
 * written as indexes into the bank, so a 16-question attempt takes a few hundred characters; if a very large bank
 * ever pushed the string over the limit, the least needed parts are left out first (how often each question was
 * seen, then which pages were read), never the attempt in progress. Progress saved by a different version of the
 * package (another content key) is not reused.
 */
import type { AttemptItem } from '@im-records/course';
import type { PlayerCourse } from './course-data.ts';

/** SCORM 1.2's limit for cmi.suspend_data. */
export const SUSPEND_DATA_LIMIT = 4096;

/** Marks out of a number of questions. */
export interface Marks {
  correct: number;
  total: number;
}

/** Everything the player keeps between sessions. */
export interface Progress {
  /** The view the learner was on (`contents`, `guidance/<slug>`, `assessment`). */
  view: string;
  /** Slugs of the guidance pages read. */
  read: string[];
  /** How many times each question (by id) has been drawn, so a retry prefers unseen questions. */
  seen: Map<string, number>;
  /** The attempt in progress, if any. */
  attempt: AttemptItem[] | null;
  best: Marks | null;
  last: Marks | null;
}

/** A fresh start. */
export function emptyProgress(): Progress {
  return { view: 'contents', read: [], seen: new Map(), attempt: null, best: null, last: null };
}

const VERSION = 'p1';
const marks = (m: Marks | null) => (m ? `${m.correct}/${m.total}` : '');

function encodeAttempt(items: readonly AttemptItem[], course: PlayerCourse): string {
  return items
    .map((item) => {
      const index = course.questions.findIndex((q) => q.id === item.questionId);
      const question = course.questions[index];
      if (!question) throw new Error(`question ${item.questionId} is not in the bank`);
      const position = (id: string) => question.options.findIndex((o) => o.id === id).toString(36);
      return `${index.toString(36)}:${item.optionOrder.map(position).join('')}:${(item.selected ?? []).map(position).join('')}`;
    })
    .join('.');
}

/** Writes progress as a string of at most {@link SUSPEND_DATA_LIMIT} characters. */
export function encodeProgress(progress: Progress, course: PlayerCourse): string {
  const read = course.pages.map((page) => (progress.read.includes(page.slug) ? '1' : '0')).join('');
  const seen = course.questions.map((q) => Math.min(35, progress.seen.get(q.id) ?? 0).toString(36)).join('');
  const attempt = progress.attempt ? encodeAttempt(progress.attempt, course) : '';
  const view = /^[a-z0-9/-]{1,80}$/.test(progress.view) ? progress.view : 'contents';
  const build = (r: string, s: string) =>
    [VERSION, course.contentKey, view, r, s, attempt, marks(progress.best), marks(progress.last)].join('~');
  for (const candidate of [build(read, seen), build(read, ''), build('', '')]) {
    if (candidate.length <= SUSPEND_DATA_LIMIT) return candidate;
  }
  throw new Error(`the attempt in progress needs more than ${SUSPEND_DATA_LIMIT} characters`);
}

function decodeMarks(text: string | undefined): Marks | null | undefined {
  if (!text) return null;
  const match = /^(\d+)\/(\d+)$/.exec(text);
  if (!match) return undefined;
  const correct = Number(match[1]);
  const total = Number(match[2]);
  return total > 0 && correct <= total ? { correct, total } : undefined;
}

/**
 * Reads progress back; `null` when the text is empty, from another package version, or damaged in any way (a
 * damaged string must not half-restore an attempt).
 */
export function decodeProgress(text: string, course: PlayerCourse): Progress | null {
  const parts = text.split('~');
  if (parts.length !== 8 || parts[0] !== VERSION || parts[1] !== course.contentKey) return null;
  const [, , view = '', read = '', seen = '', attempt = '', best, last] = parts;
  const views = new Set(['contents', 'assessment', ...course.pages.map((p) => `guidance/${p.slug}`)]);
  if (!views.has(view)) return null;
  if (read !== '' && (read.length !== course.pages.length || !/^[01]+$/.test(read))) return null;
  if (seen !== '' && (seen.length !== course.questions.length || !/^[0-9a-z]+$/.test(seen))) return null;
  const progress = emptyProgress();
  progress.view = view;
  progress.read = course.pages.filter((_, i) => read[i] === '1').map((p) => p.slug);
  course.questions.forEach((q, i) => {
    const count = seen ? Number.parseInt(seen[i] ?? '0', 36) : 0;
    if (count > 0) progress.seen.set(q.id, count);
  });
  if (attempt !== '') {
    const items: AttemptItem[] = [];
    for (const part of attempt.split('.')) {
      const [index, order, selected] = part.split(':');
      const question = course.questions[Number.parseInt(index ?? '', 36)];
      if (!question || order === undefined || selected === undefined) return null;
      const option = (c: string) => question.options[Number.parseInt(c, 36)]?.id;
      const optionOrder = [...order].map(option);
      const chosen = [...selected].map(option);
      if (optionOrder.length !== question.options.length || new Set(optionOrder).size !== optionOrder.length)
        return null;
      if (optionOrder.includes(undefined) || chosen.includes(undefined)) return null;
      items.push({
        questionId: question.id,
        optionOrder: optionOrder as string[],
        selected: chosen.length > 0 ? (chosen as string[]) : null,
      });
    }
    progress.attempt = items;
  }
  const bestMarks = decodeMarks(best);
  const lastMarks = decodeMarks(last);
  if (bestMarks === undefined || lastMarks === undefined) return null;
  progress.best = bestMarks;
  progress.last = lastMarks;
  return progress;
}
