/**
 * The assessment: a balanced draw that prefers unseen questions, one question at a time with per-option feedback
 * announced to screen readers, a result against the records-policy pass mark, a full review, and unlimited retries.
 * Every attempt is kept in localStorage; an unfinished attempt resumes after a reload. There is no time limit.
 */

import {
  type Attempt,
  answerItem,
  drawQuestions,
  isCorrect,
  markAttempt,
  type Question,
  restoreAttempts,
  seededRandom,
  timesSeen,
} from '@im-records/course';
import { showErrorInTitle } from '@im-records/nhsuk-astro/error-title';
import { formatLongDate } from '@im-records/records-policy';
import { type SubmitEvent, useEffect, useMemo, useRef, useState } from 'react';
import { flushSync } from 'react-dom';
import { readStored, storageKeys, writeStored } from '../lib/browser-store.ts';
import { ukDate } from '../lib/certificate.ts';
import { GuidanceLinks } from './GuidanceLinks.tsx';

/** A source named under a question's feedback. */
export interface FeedbackSource {
  label: string;
  url?: string;
}

export interface AssessmentProps {
  questions: Question[];
  topics: string[];
  questionCount: number;
  passMark: number;
  courseVersion: string;
  policyVersion: string;
  guidanceTitles: Record<string, string>;
  /** Each question's sources by question id, shown with its feedback. */
  questionSources?: Record<string, FeedbackSource[]>;
}

const typeHint: Record<Question['type'], string> = {
  single: 'Select one answer',
  'true-false': 'Select true or false',
  scenario: 'Select one answer',
  multiple: 'Select all the answers that apply',
};

function newSeed(): number {
  return crypto.getRandomValues(new Uint32Array(1))[0] ?? 1;
}

/** Per-option feedback for one answered question: what was chosen, what was right, and why. */
function Feedback({
  question,
  order,
  selected,
  titles,
  sources,
}: {
  question: Question;
  order: string[];
  selected: string[];
  titles: Record<string, string>;
  sources: readonly FeedbackSource[];
}) {
  const right = isCorrect(question, selected);
  return (
    <>
      <p className="nhsuk-heading-s" tabIndex={-1} data-feedback-verdict>
        {right ? 'Correct.' : 'Not quite.'}{' '}
      </p>
      <ul className="app-option-feedback">
        {order.map((id) => {
          const option = question.options.find((o) => o.id === id);
          if (!option) return null;
          const chosen = selected.includes(id);
          if (!chosen && !option.correct) return null;
          return (
            <li key={id} className={option.correct ? 'app-option-feedback--correct' : 'app-option-feedback--wrong'}>
              <p className="nhsuk-u-margin-bottom-1">
                <strong>
                  {chosen ? 'You chose' : 'You did not choose'}: {option.text}
                </strong>{' '}
                ({option.correct ? 'a right answer' : 'not right'})
              </p>
              <p className="nhsuk-u-margin-bottom-0">{option.feedback}</p>
            </li>
          );
        })}
      </ul>
      <p>{question.explanation}</p>
      <GuidanceLinks slugs={question.guidance} titles={titles} />
      {sources.length > 0 && (
        <p className="nhsuk-body-s app-feedback-sources">
          Sources:{' '}
          {sources.map((source, i) => (
            <span key={source.label}>
              {i > 0 && '; '}
              {source.url ? <a href={source.url}>{source.label}</a> : source.label}
            </span>
          ))}
        </p>
      )}
    </>
  );
}

/** The assessment island. */
export default function Assessment(props: AssessmentProps) {
  const { questions, topics, questionCount, passMark, courseVersion, policyVersion, guidanceTitles } = props;
  const sourcesOf = (id: string) => props.questionSources?.[id] ?? [];
  const bank = useMemo(() => new Map(questions.map((q) => [q.id, q])), [questions]);
  const [attempts, setAttempts] = useState<Attempt[]>([]);
  const [selected, setSelected] = useState<string[]>([]);
  const [error, setError] = useState(false);
  // While the error shows, the page's title starts "Error: " (NHS pattern).
  const showingError = Boolean(error);
  useEffect(() => (showingError ? showErrorInTitle() : undefined), [showingError]);
  const [loaded, setLoaded] = useState(false);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const focusTarget = useRef<'heading' | 'feedback' | null>(null);
  const feedbackRef = useRef<HTMLDivElement>(null);
  const [reviewIndex, setReviewIndex] = useState<number | null>(null);
  const [, setFocusTick] = useState(0);

  // The bank is fixed for the page, so this reads the stored attempts once.
  useEffect(() => {
    // Keep only attempts whose questions are all still in the bank.
    setAttempts(
      restoreAttempts(readStored(storageKeys.attempts)).filter((a) => a.items.every((i) => bank.has(i.questionId))),
    );
    setLoaded(true);
  }, [bank]);

  // Focus follows every step the learner takes: `moveFocus` names the target and forces a render; this effect runs
  // after every render and acts only when a target is waiting.
  useEffect(() => {
    if (focusTarget.current === 'heading') headingRef.current?.focus();
    // After "Check answer", focus goes to the verdict at the top of the feedback (the browser scrolls it into view), so
    // the learner reads from "Correct." or "Not quite." down to "Next question". On a phone, focus on the button below
    // scrolled the verdict and most of the feedback off the top of the screen.
    if (focusTarget.current === 'feedback')
      feedbackRef.current?.querySelector<HTMLElement>('[data-feedback-verdict]')?.focus();
    focusTarget.current = null;
  });

  const moveFocus = (focus: 'heading' | 'feedback') => {
    focusTarget.current = focus;
    setFocusTick((t) => t + 1);
  };

  const save = (next: Attempt[], focus: 'heading' | 'feedback') => {
    setAttempts(next);
    setSelected([]);
    setError(false);
    writeStored(storageKeys.attempts, next);
    moveFocus(focus);
  };

  const current = attempts.at(-1);
  const inProgress = current && current.finishedAt === null ? current : undefined;

  const start = () => {
    const items = drawQuestions(questions, topics, questionCount, timesSeen(attempts), seededRandom(newSeed()));
    const attempt: Attempt = {
      id: crypto.randomUUID(),
      startedAt: new Date().toISOString(),
      finishedAt: null,
      courseVersion,
      policyVersion,
      items,
      correct: null,
    };
    setReviewIndex(null);
    save([...attempts, attempt], 'heading');
  };

  const history = attempts.filter((a) => a.finishedAt !== null);
  const historyTable = history.length > 0 && (
    <>
      <h2>Your attempts</h2>
      <table className="nhsuk-table app-attempts">
        <caption className="nhsuk-table__caption nhsuk-u-visually-hidden">
          Every attempt you have made on this device
        </caption>
        <thead className="nhsuk-table__head">
          <tr>
            <th scope="col">Attempt</th>
            <th scope="col">Date</th>
            <th scope="col">Score</th>
            <th scope="col">Result</th>
          </tr>
        </thead>
        <tbody className="nhsuk-table__body">
          {history.map((a, i) => {
            const mark = markAttempt(a.items, bank, passMark);
            return (
              <tr key={a.id}>
                <td>{i + 1}</td>
                <td>{formatLongDate(ukDate(new Date(a.finishedAt ?? a.startedAt)))}</td>
                <td>
                  {mark.correct} out of {mark.total}
                </td>
                <td>{mark.passed ? 'Passed' : 'Not passed'}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </>
  );

  if (!inProgress && (!current || !loaded)) {
    return (
      <div data-loaded={loaded} data-view="intro">
        <h2 ref={headingRef} tabIndex={-1}>
          Before you start
        </h2>
        <ul>
          <li>There are {questionCount} questions, drawn from every topic in the course.</li>
          <li>You need {Math.round(passMark * 100)}% to pass.</li>
          <li>There is no time limit. You can stop and come back on this device.</li>
          <li>You will see feedback after each answer.</li>
          <li>
            You can try again as many times as you need. A new attempt gives you different questions where it can.
          </li>
        </ul>
        <button type="button" className="nhsuk-button" onClick={start} disabled={!loaded}>
          Start the assessment
        </button>
        {historyTable}
      </div>
    );
  }

  if (inProgress) {
    // The question just answered stays on screen with its feedback until the learner moves on; after a reload the
    // first unanswered question shows (or the last one, with its feedback, when all are answered).
    const unanswered = inProgress.items.findIndex((item) => item.selected === null);
    const viewingIndex = reviewIndex ?? (unanswered === -1 ? inProgress.items.length - 1 : unanswered);
    const item = inProgress.items[viewingIndex];
    const question = item ? bank.get(item.questionId) : undefined;
    if (!item || !question) return null;
    const answered = item.selected !== null;
    const isLast = viewingIndex === inProgress.items.length - 1;
    const finish = () => {
      const mark = markAttempt(inProgress.items, bank, passMark);
      const done: Attempt = { ...inProgress, finishedAt: new Date().toISOString(), correct: mark.correct };
      setReviewIndex(null);
      save([...attempts.slice(0, -1), done], 'heading');
    };
    const check = (event: SubmitEvent<HTMLFormElement>) => {
      event.preventDefault();
      if (selected.length === 0) {
        // The error is rendered first, then the first answer takes focus: its group is described by the error, so a
        // screen reader reads it out (focus left on the button announced nothing).
        const form = event.currentTarget as HTMLFormElement;
        flushSync(() => setError(true));
        form.querySelector('input')?.focus();
        return;
      }
      setReviewIndex(viewingIndex);
      save([...attempts.slice(0, -1), answerItem(inProgress, viewingIndex, selected)], 'feedback');
    };
    const multiple = question.type === 'multiple';
    const errorId = `${question.id}-error`;
    const hintId = `${question.id}-hint`;
    return (
      <div data-loaded={loaded} data-view={answered ? 'feedback' : 'question'} data-question-id={question.id}>
        <h2 ref={headingRef} tabIndex={-1}>
          Question {viewingIndex + 1} of {inProgress.items.length}
        </h2>
        {question.situation && <p className="app-situation">{question.situation}</p>}
        <form onSubmit={check} noValidate>
          <div className={`nhsuk-form-group${error ? ' nhsuk-form-group--error' : ''}`}>
            <fieldset className="nhsuk-fieldset" aria-describedby={error ? `${hintId} ${errorId}` : hintId}>
              <legend className="nhsuk-fieldset__legend nhsuk-fieldset__legend--m">{question.prompt}</legend>
              <div className="nhsuk-hint" id={hintId}>
                {typeHint[question.type]}
              </div>
              {error && (
                <span className="nhsuk-error-message" id={errorId}>
                  <span className="nhsuk-u-visually-hidden">Error:</span>{' '}
                  {multiple ? 'Select at least one answer' : 'Select an answer'}
                </span>
              )}
              <div className={multiple ? 'nhsuk-checkboxes' : 'nhsuk-radios'}>
                {item.optionOrder.map((optionId) => {
                  const option = question.options.find((o) => o.id === optionId);
                  if (!option) return null;
                  const id = `${question.id}-${option.id}`;
                  const kind = multiple ? 'checkboxes' : 'radios';
                  const checked = answered ? (item.selected ?? []).includes(option.id) : selected.includes(option.id);
                  return (
                    <div className={`nhsuk-${kind}__item`} key={option.id}>
                      <input
                        className={`nhsuk-${kind}__input`}
                        id={id}
                        name={question.id}
                        type={multiple ? 'checkbox' : 'radio'}
                        value={option.id}
                        checked={checked}
                        disabled={answered}
                        onChange={(event) => {
                          if (!multiple) setSelected([option.id]);
                          else if (event.target.checked) setSelected([...selected, option.id]);
                          else setSelected(selected.filter((s) => s !== option.id));
                        }}
                      />
                      <label className={`nhsuk-label nhsuk-${kind}__label`} htmlFor={id}>
                        {option.text}
                      </label>
                    </div>
                  );
                })}
              </div>
            </fieldset>
          </div>
          {!answered && (
            <button type="submit" className="nhsuk-button">
              Check answer
            </button>
          )}
        </form>
        {/* Not a live region: focus moves to the verdict, and a screen reader reads what gains focus. Live as well,
            the verdict was read twice (GOV.UK's error summary dropped role="alert" for the same reason). */}
        <div ref={feedbackRef} data-testid="feedback">
          {answered && item.selected && (
            <Feedback
              question={question}
              order={item.optionOrder}
              selected={item.selected}
              titles={guidanceTitles}
              sources={sourcesOf(question.id)}
            />
          )}
        </div>
        {answered &&
          (isLast ? (
            <button type="button" className="nhsuk-button" onClick={finish}>
              See your result
            </button>
          ) : (
            <button
              type="button"
              className="nhsuk-button"
              onClick={() => {
                setReviewIndex(null);
                moveFocus('heading');
              }}
            >
              Next question
            </button>
          ))}
      </div>
    );
  }

  // The latest attempt is finished: result, review and a way to try again.
  const done = current as Attempt;
  const mark = markAttempt(done.items, bank, passMark);
  return (
    <div data-loaded={loaded} data-view="result" data-passed={mark.passed}>
      {mark.passed ? (
        <div className="nhsuk-panel">
          <h2 className="nhsuk-panel__title" ref={headingRef} tabIndex={-1}>
            You passed
          </h2>
          <div className="nhsuk-panel__body">
            You scored {mark.correct} out of {mark.total} ({Math.round(mark.fraction * 100)}%)
          </div>
        </div>
      ) : (
        <>
          <h2 ref={headingRef} tabIndex={-1}>
            You did not pass this time
          </h2>
          <p className="nhsuk-body-l">
            You scored {mark.correct} out of {mark.total} ({Math.round(mark.fraction * 100)}%). You need{' '}
            {Math.round(passMark * 100)}% to pass.
          </p>
          <p>
            Read the feedback below and the guidance it links to, then try again. You can try as many times as you need.
          </p>
        </>
      )}
      <div className="app-button-row">
        {mark.passed && (
          <a className="nhsuk-button" href="/certificate/">
            Get your certificate
          </a>
        )}
        <button
          type="button"
          className={`nhsuk-button${mark.passed ? ' nhsuk-button--secondary' : ''}`}
          onClick={start}
        >
          Try again
        </button>
      </div>
      <h2>Review your answers</h2>
      <ol className="nhsuk-list">
        {done.items.map((it, i) => {
          const q = bank.get(it.questionId);
          if (!q) return null;
          return (
            <li key={it.questionId} className="nhsuk-u-margin-bottom-6" data-review-question={q.id}>
              <h3 className="nhsuk-heading-s">
                Question {i + 1}: {q.prompt}
              </h3>
              {q.situation && <p>{q.situation}</p>}
              {it.selected ? (
                <Feedback
                  question={q}
                  order={it.optionOrder}
                  selected={it.selected}
                  titles={guidanceTitles}
                  sources={sourcesOf(q.id)}
                />
              ) : (
                <p>Not answered.</p>
              )}
            </li>
          );
        })}
      </ol>
      {historyTable}
    </div>
  );
}
