/**
 * The assessment, marked on the server: the questions are drawn here (balanced across topics, questions a person has
 * seen least first, options shuffled) and stored with the attempt; the browser only sends which options were chosen,
 * and the marks come from the question bank and records-policy's pass mark. A learner's browser cannot declare a pass.
 */
import { randomInt, randomUUID } from 'node:crypto';
import { decodeCertificateCode } from '@im-records/certificate';
import {
  type AttemptItem,
  type Course,
  drawQuestions,
  markAttempt,
  passMark,
  type Question,
  type QuizQuestion,
  seededRandom,
  timesSeen,
} from '@im-records/course';
import type { Actor } from './access.ts';
import { appendAudit } from './audit/log.ts';
import { type IssuedCompletion, issueCompletion } from './completions.ts';
import { ConflictError, ForbiddenError, NotFoundError, UnansweredError, ValidationError } from './errors.ts';
import type { ServiceKey } from './keys.ts';
import { queueStatement } from './lrs/statements.ts';
import { refreshStatuses } from './status-store.ts';
import { inTransaction, type Store } from './store.ts';

/** An unfinished attempt lasts this long; after that a new one is drawn. */
export const ATTEMPT_HOURS = 24;

/** A drawn question as the learner sees it: no correct flags, options in the drawn order. */
export interface PresentedQuestion {
  id: string;
  type: Question['type'];
  prompt: string;
  situation?: string;
  options: { id: string; text: string }[];
}

/** An attempt in progress. */
export interface PresentedAttempt {
  id: string;
  startedAt: string;
  questions: PresentedQuestion[];
}

function bankOf(course: Course): Map<string, Question> {
  return new Map(course.questions.map((q) => [q.id, q]));
}

function present(items: readonly AttemptItem[], bank: ReadonlyMap<string, Question>): PresentedQuestion[] {
  return items.map((item) => {
    const question = bank.get(item.questionId);
    if (!question) throw new ConflictError('the question bank has changed since this attempt was drawn: start again');
    const options = item.optionOrder.map((id) => {
      const option = question.options.find((o) => o.id === id);
      if (!option) throw new ConflictError('the question bank has changed since this attempt was drawn: start again');
      return { id, text: option.text };
    });
    const situation = (question as { situation?: string }).situation;
    return {
      id: question.id,
      type: question.type,
      prompt: question.prompt,
      ...(situation ? { situation } : {}),
      options,
    };
  });
}

function requirePerson(actor: Actor): string {
  if (!actor.person) throw new ForbiddenError('your account is not linked to anyone on the staff roster');
  return actor.person;
}

/** The person's open attempt, or a new one drawn for them. */
export async function startAttempt(store: Store, actor: Actor, course: Course): Promise<PresentedAttempt> {
  const person = requirePerson(actor);
  const bank = bankOf(course);
  return inTransaction(store, async (tx) => {
    const since = new Date(tx.clock().getTime() - ATTEMPT_HOURS * 3_600_000).toISOString();
    const open = await tx.db
      .selectFrom('attempts')
      .selectAll()
      .where('person', '=', person)
      .where('finished_at', 'is', null)
      .where('started_at', '>', since)
      .where('course_version', '=', course.settings.version)
      .orderBy('started_at', 'desc')
      .executeTakeFirst();
    if (open) {
      try {
        return {
          id: open.id,
          startedAt: open.started_at,
          questions: present(JSON.parse(open.items) as AttemptItem[], bank),
        };
      } catch (error) {
        if (!(error instanceof ConflictError)) throw error;
      }
    }
    const earlier = await tx.db.selectFrom('attempts').select('items').where('person', '=', person).execute();
    const seen = timesSeen(earlier.map((a) => ({ items: JSON.parse(a.items) as AttemptItem[] }) as never));
    const items = drawQuestions(
      course.questions as QuizQuestion[],
      course.settings.topics.map((t) => t.id),
      course.settings.assessment.questionCount,
      seen,
      seededRandom(randomInt(0, 2 ** 32)),
    );
    const id = randomUUID();
    const startedAt = tx.clock().toISOString();
    await tx.db
      .insertInto('attempts')
      .values({
        id,
        person,
        started_at: startedAt,
        finished_at: null,
        course_version: course.settings.version,
        items: JSON.stringify(items),
        correct: null,
        total: items.length,
        passed: null,
      })
      .execute();
    await appendAudit(tx, {
      actor: actor.accountId,
      type: 'assessment.started',
      subject: person,
      data: { attempt: id, questions: items.length },
    });
    return { id, startedAt, questions: present(items, bank) };
  });
}

/** Feedback on one answered question, for the review after submitting. */
export interface QuestionReview {
  id: string;
  prompt: string;
  chosen: string[];
  correctOptions: string[];
  correct: boolean;
  options: { id: string; text: string; correct: boolean; feedback: string }[];
  explanation: string;
}

/** The outcome of a submitted attempt. */
export interface AttemptResult {
  attempt: string;
  correct: number;
  total: number;
  passed: boolean;
  passMark: number;
  completion: IssuedCompletion | null;
  review: QuestionReview[];
  /**
   * The attempt had been marked already (a double click, the browser sending the form again after Back or a reload):
   * this is the result it was given then, and nothing was marked or recorded again.
   */
  repeated?: boolean;
}

/** What the service needs to sign a certificate. */
export interface Issuer {
  key: ServiceKey;
  /** The public address of `/verify`, printed on certificates. */
  verifyUrl: string;
}

/**
 * Marks an attempt from the chosen options (question id → option ids). Every question must be answered (otherwise
 * `UnansweredError` names them and nothing is recorded) and every chosen option must be one drawn for that question.
 * On a pass, records the completion and signs its certificate.
 */
export async function submitAttempt(
  store: Store,
  actor: Actor,
  course: Course,
  issuer: Issuer,
  attemptId: string,
  answers: Readonly<Record<string, readonly string[]>>,
): Promise<AttemptResult> {
  const person = requirePerson(actor);
  const bank = bankOf(course);
  return inTransaction(store, async (tx) => {
    const attempt = await tx.db.selectFrom('attempts').selectAll().where('id', '=', attemptId).executeTakeFirst();
    if (!attempt || attempt.person !== person) throw new NotFoundError('no such attempt');
    // Marked once: the same attempt sent again gets the result it was given, not a new mark or an error page.
    if (attempt.finished_at !== null) return { ...(await markedResult(tx, attempt, bank)), repeated: true };
    const items = (JSON.parse(attempt.items) as AttemptItem[]).map((item) => {
      const chosen = answers[item.questionId] ?? [];
      if (chosen.some((id) => !item.optionOrder.includes(id))) {
        throw new ValidationError(`an answer names an option that question ${item.questionId} does not have`);
      }
      return { ...item, selected: chosen.length > 0 ? [...new Set(chosen)] : null };
    });
    const unknown = Object.keys(answers).filter((id) => !items.some((item) => item.questionId === id));
    if (unknown.length > 0) throw new ValidationError('an answer names a question that is not in this attempt');
    // A blank or half-filled form is more likely a slip than a choice: say which questions are unanswered and record
    // nothing, rather than mark them wrong and count a fail.
    const unanswered = items.flatMap((item, i) => (item.selected === null ? [i + 1] : []));
    if (unanswered.length > 0) throw new UnansweredError(unanswered);
    const mark = markAttempt(items, bank as ReadonlyMap<string, QuizQuestion>, passMark);
    const finishedAt = tx.clock().toISOString();
    await tx.db
      .updateTable('attempts')
      .set({
        finished_at: finishedAt,
        items: JSON.stringify(items),
        correct: mark.correct,
        passed: mark.passed ? 1 : 0,
      })
      .where('id', '=', attemptId)
      .where('finished_at', 'is', null)
      .execute();
    await appendAudit(tx, {
      actor: actor.accountId,
      type: 'assessment.finished',
      subject: person,
      data: { attempt: attemptId, correct: mark.correct, total: mark.total, passed: mark.passed, passMark },
    });
    const completion = mark.passed
      ? await issueCompletion(
          tx,
          actor.accountId,
          { person, attempt: attemptId, correct: mark.correct, total: mark.total, course },
          issuer,
        )
      : null;
    if (!completion) await refreshStatuses(tx, [person]);
    await queueStatement(tx, {
      kind: 'assessment',
      attempt: attemptId,
      courseTitle: course.settings.title,
      courseVersion: course.settings.version,
    });
    const review = reviewOf(items, bank);
    return {
      attempt: attemptId,
      correct: mark.correct,
      total: mark.total,
      passed: mark.passed,
      passMark,
      completion,
      review,
    };
  });
}

/** The result a finished attempt was given, read back from the store. */
async function markedResult(
  tx: Store,
  attempt: { id: string; items: string; correct: number | null; total: number; passed: number | null },
  bank: ReadonlyMap<string, Question>,
): Promise<AttemptResult> {
  const marked = JSON.parse(attempt.items) as AttemptItem[];
  const issued = await tx.db
    .selectFrom('completions')
    .select(['id', 'short_code', 'code'])
    .where('attempt', '=', attempt.id)
    .executeTakeFirst();
  return {
    attempt: attempt.id,
    correct: attempt.correct ?? 0,
    total: attempt.total,
    passed: attempt.passed === 1,
    passMark,
    completion: issued
      ? {
          id: issued.id,
          shortCode: issued.short_code,
          code: issued.code,
          fields: decodeCertificateCode(issued.code).fields,
        }
      : null,
    review: reviewOf(marked, bank),
  };
}

/**
 * The result of one of the person's own marked attempts, for the page the browser is sent to after submitting (so Back
 * or a reload shows the result again rather than offering to send the answers twice). Someone else's attempt, or one
 * not yet marked, is not found.
 */
export async function attemptResult(
  store: Store,
  actor: Actor,
  course: Course,
  attemptId: string,
): Promise<AttemptResult> {
  const person = requirePerson(actor);
  const attempt = await store.db.selectFrom('attempts').selectAll().where('id', '=', attemptId).executeTakeFirst();
  if (!attempt || attempt.person !== person || attempt.finished_at === null) throw new NotFoundError('no such result');
  return markedResult(store, attempt, bankOf(course));
}

/** Each question of a marked attempt with the options chosen, the right ones, their feedback and the explanation. */
function reviewOf(items: readonly AttemptItem[], bank: ReadonlyMap<string, Question>): QuestionReview[] {
  return items.map((item) => {
    const question = bank.get(item.questionId) as Question;
    const correctOptions = question.options.filter((o) => o.correct).map((o) => o.id);
    const chosen = item.selected ?? [];
    return {
      id: question.id,
      prompt: question.prompt,
      chosen,
      correctOptions,
      correct: chosen.length === correctOptions.length && correctOptions.every((id) => chosen.includes(id)),
      options: item.optionOrder.map((id) => {
        const option = question.options.find((o) => o.id === id);
        return { id, text: option?.text ?? '', correct: option?.correct ?? false, feedback: option?.feedback ?? '' };
      }),
      explanation: question.explanation,
    };
  });
}
