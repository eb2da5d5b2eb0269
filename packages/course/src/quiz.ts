/**
 * The assessment's rules as pure functions: a draw balanced across topics that prefers questions not seen before,
 * shuffled options, marking, and the attempt record kept for every try.
 */
import { InvalidStepError } from './errors.ts';
import type { Question } from './model.ts';
import { type Random, shuffled } from './random.ts';

/** The parts of a question the assessment logic needs (the island gets the whole question). */
export type QuizQuestion = Pick<Question, 'id' | 'topic' | 'type' | 'options'>;

/** A question as drawn into an attempt: which question, the order its options are shown in, and the answer given. */
export interface AttemptItem {
  questionId: string;
  optionOrder: string[];
  /** The option ids chosen once the answer was checked; null while unanswered. */
  selected: string[] | null;
}

/** One try at the assessment; every attempt is kept, finished or not. */
export interface Attempt {
  id: string;
  startedAt: string;
  finishedAt: string | null;
  courseVersion: string;
  policyVersion: string;
  items: AttemptItem[];
  /** Set when the attempt is finished: marks out of the number of questions. */
  correct: number | null;
}

/** How many times each question has been drawn in earlier attempts, used to prefer unseen questions on a retry. */
export function timesSeen(attempts: readonly Attempt[]): Map<string, number> {
  const seen = new Map<string, number>();
  for (const attempt of attempts) {
    for (const item of attempt.items) seen.set(item.questionId, (seen.get(item.questionId) ?? 0) + 1);
  }
  return seen;
}

/**
 * Draws `count` questions spread as evenly as possible across `topics` (each topic gets ⌊count/topics⌋ and the
 * remainder goes to randomly chosen topics); within a topic, questions seen fewer times come first, ties broken at
 * random. Options are shuffled, except true/false, which always reads True then False.
 */
export function drawQuestions(
  bank: readonly QuizQuestion[],
  topics: readonly string[],
  count: number,
  seen: ReadonlyMap<string, number>,
  random: Random,
): AttemptItem[] {
  if (count > bank.length) throw new InvalidStepError(`cannot draw ${count} questions from a bank of ${bank.length}`);
  const pools = new Map<string, QuizQuestion[]>();
  for (const topic of topics) {
    const pool = shuffled(
      bank.filter((q) => q.topic === topic),
      random,
    );
    // Stable sort keeps the random order among questions seen equally often.
    pool.sort((a, b) => (seen.get(a.id) ?? 0) - (seen.get(b.id) ?? 0));
    pools.set(topic, pool);
  }
  const quota = new Map(topics.map((t) => [t, 0]));
  let remaining = count;
  // Round-robin over topics in a random order, one question per topic per round, skipping topics that run dry.
  while (remaining > 0) {
    const order = shuffled(topics, random).filter((t) => (quota.get(t) ?? 0) < (pools.get(t)?.length ?? 0));
    if (order.length === 0) break;
    const round = order.slice(0, remaining);
    for (const topic of round) quota.set(topic, (quota.get(topic) ?? 0) + 1);
    remaining -= round.length;
  }
  if (remaining > 0) throw new InvalidStepError(`the topics' questions cannot fill ${count} places`);
  const chosen = topics.flatMap((topic) => (pools.get(topic) ?? []).slice(0, quota.get(topic) ?? 0));
  return shuffled(chosen, random).map((question) => ({
    questionId: question.id,
    optionOrder:
      question.type === 'true-false'
        ? question.options.map((o) => o.id)
        : shuffled(
            question.options.map((o) => o.id),
            random,
          ),
    selected: null,
  }));
}

/** True when the chosen options are exactly the correct ones (multiple choice is all or nothing). */
export function isCorrect(question: QuizQuestion, selected: readonly string[]): boolean {
  const correct = question.options.filter((o) => o.correct).map((o) => o.id);
  const chosen = new Set(selected);
  return chosen.size === correct.length && correct.every((id) => chosen.has(id));
}

/** The result of a finished attempt. */
export interface Mark {
  correct: number;
  total: number;
  /** correct / total, 0 to 1. */
  fraction: number;
  passed: boolean;
}

/** Whether `correct` out of `total` reaches the pass mark, compared in whole percent as records-policy does (8/10 at 0.8 passes). */
export function reachesPassMark(correct: number, total: number, passMark: number): boolean {
  return total > 0 && correct * 100 >= Math.round(passMark * 100) * total;
}

/** Marks an attempt against the bank; unanswered questions count as wrong. */
export function markAttempt(
  items: readonly AttemptItem[],
  bank: ReadonlyMap<string, QuizQuestion>,
  passMark: number,
): Mark {
  let correct = 0;
  for (const item of items) {
    const question = bank.get(item.questionId);
    if (!question) throw new InvalidStepError(`question "${item.questionId}" is not in the bank`);
    if (item.selected && isCorrect(question, item.selected)) correct += 1;
  }
  const total = items.length;
  return {
    correct,
    total,
    fraction: total === 0 ? 0 : correct / total,
    passed: reachesPassMark(correct, total, passMark),
  };
}

/** Records the answer to one question; an answer once checked cannot be changed. */
export function answerItem(attempt: Attempt, index: number, selected: readonly string[]): Attempt {
  const item = attempt.items[index];
  if (!item) throw new InvalidStepError(`the attempt has no question ${index + 1}`);
  if (item.selected) throw new InvalidStepError(`question ${index + 1} has already been answered`);
  if (selected.length === 0) throw new InvalidStepError('choose an answer first');
  if (selected.some((id) => !item.optionOrder.includes(id)))
    throw new InvalidStepError('that option is not in this question');
  const items = attempt.items.map((it, i) => (i === index ? { ...it, selected: [...selected] } : it));
  return { ...attempt, items };
}

/** Reads the saved attempts (untrusted localStorage data), keeping only well-formed ones. */
export function restoreAttempts(saved: unknown): Attempt[] {
  if (!Array.isArray(saved)) return [];
  const isStrings = (v: unknown): v is string[] => Array.isArray(v) && v.every((s) => typeof s === 'string');
  return saved.filter((a): a is Attempt => {
    if (typeof a !== 'object' || a === null) return false;
    const r = a as Record<string, unknown>;
    return (
      typeof r.id === 'string' &&
      typeof r.startedAt === 'string' &&
      (r.finishedAt === null || typeof r.finishedAt === 'string') &&
      typeof r.courseVersion === 'string' &&
      typeof r.policyVersion === 'string' &&
      (r.correct === null || typeof r.correct === 'number') &&
      Array.isArray(r.items) &&
      r.items.every((item: unknown) => {
        if (typeof item !== 'object' || item === null) return false;
        const i = item as Record<string, unknown>;
        return (
          typeof i.questionId === 'string' && isStrings(i.optionOrder) && (i.selected === null || isStrings(i.selected))
        );
      })
    );
  });
}
