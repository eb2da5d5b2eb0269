/**
 * The exported course's page: one view at a time (contents, a guidance page, the assessment), moved between by the
 * address's fragment so the browser's back button works inside the LMS frame; focus goes to each new view's heading
 * and the title changes, for screen reader users. The assessment draws and marks with `@im-records/course` (the same
 * rules as the training site) and reports through a {@link Tracker}; progress is saved after every step.
 */
import { type AttemptItem, drawQuestions, isCorrect, markAttempt, seededRandom } from '@im-records/course';
import { meetsMastery } from '../xapi/statements.ts';
import type { PlayerCourse, PlayerQuestion } from './course-data.ts';
import { decodeProgress, emptyProgress, encodeProgress, type Progress } from './suspend.ts';
import type { Launch, Tracker } from './tracker.ts';

type Child = Node | string | null | false | undefined;

/** Creates an element with attributes and children (text is never parsed as HTML). */
function h(tag: string, attributes: Record<string, string | boolean> = {}, ...children: Child[]): HTMLElement {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === true) element.setAttribute(name, '');
    else if (value !== false) element.setAttribute(name, value);
  }
  for (const child of children) if (child) element.append(child);
  return element;
}

const typeHint: Record<PlayerQuestion['type'], string> = {
  single: 'Select one answer.',
  'true-false': 'Select true or false.',
  scenario: 'Select one answer.',
  multiple: 'Select all the answers that apply.',
};

/** Starts the page: reads the course data, starts the LMS session and shows the saved or requested view. */
export async function startPlayer(tracker: Tracker): Promise<void> {
  const dataElement = document.getElementById('course-data');
  const course = JSON.parse(dataElement?.textContent ?? '{}') as PlayerCourse;
  const bank = new Map(course.questions.map((q) => [q.id, q]));
  const pageTitles = new Map(course.pages.map((p) => [p.slug, p.title]));
  const views = [...document.querySelectorAll<HTMLElement>('.app-view')];
  const body = document.getElementById('assessment-body') as HTMLElement;
  const launch: Launch = await tracker.begin();
  const progress: Progress = decodeProgress(launch.suspendData, course) ?? emptyProgress();
  const passMark = launch.masteryScore ?? course.passMark;
  let passed = launch.passedBefore;
  let finished: AttemptItem[] | null = null;
  let viewing: number | null = null;

  const save = () => tracker.save(encodeProgress(progress, course));

  showConnection(launch);
  for (const slug of progress.read) markRead(slug);

  function markRead(slug: string): void {
    const tag = document.querySelector<HTMLElement>(`[data-read="${slug}"]`);
    if (tag) tag.hidden = false;
  }

  function showConnection(state: Launch): void {
    const box = document.getElementById('connection');
    if (!box) return;
    box.replaceChildren();
    if (!state.connected) {
      box.append(
        h(
          'div',
          { class: 'nhsuk-warning-callout' },
          h(
            'h2',
            { class: 'nhsuk-warning-callout__label' },
            h(
              'span',
              { role: 'text' },
              h('span', { class: 'nhsuk-u-visually-hidden' }, 'Important: '),
              'Your progress is not being recorded',
            ),
          ),
          h(
            'p',
            {},
            state.problem
              ? `This course could not reach your learning system: ${state.problem}.`
              : 'This course was opened outside a learning system. You can read it and take the assessment, but your result will not be recorded.',
          ),
        ),
      );
    } else if (state.mode !== 'normal') {
      box.append(
        h(
          'div',
          { class: 'nhsuk-inset-text' },
          h(
            'p',
            {},
            `You opened this course to ${state.mode === 'browse' ? 'look around' : 'review it'}: results are not recorded this time.`,
          ),
        ),
      );
    }
  }

  function show(viewId: string, moveFocus: boolean): void {
    const target = views.find((view) => view.dataset.view === viewId);
    if (!target) return;
    for (const view of views) view.hidden = view !== target;
    document.title = `${target.dataset.title ?? ''} – ${course.title}`;
    if (viewId.startsWith('guidance/')) {
      const slug = viewId.slice('guidance/'.length);
      if (!progress.read.includes(slug)) progress.read.push(slug);
      markRead(slug);
    }
    if (viewId === 'assessment') renderAssessment(false);
    progress.view = viewId;
    save();
    if (moveFocus) {
      target.querySelector<HTMLElement>('h1')?.focus();
      window.scrollTo(0, 0);
    }
  }

  function focusHeading(): void {
    body.querySelector<HTMLElement>('h2')?.focus();
  }

  function startAttempt(): void {
    const seed = crypto.getRandomValues(new Uint32Array(1))[0] ?? 1;
    progress.attempt = drawQuestions(
      course.questions,
      course.topics,
      course.questionCount,
      progress.seen,
      seededRandom(seed),
    );
    for (const item of progress.attempt)
      progress.seen.set(item.questionId, (progress.seen.get(item.questionId) ?? 0) + 1);
    finished = null;
    viewing = 0;
    save();
    renderAssessment(true);
  }

  function finishAttempt(items: AttemptItem[]): void {
    const mark = markAttempt(items, bank, passMark);
    const reached = meetsMastery(mark.correct, mark.total, passMark);
    tracker.recordAttempt({ correct: mark.correct, total: mark.total, passed: reached });
    if (reached) passed = true;
    const score = { correct: mark.correct, total: mark.total };
    if (!progress.best || mark.fraction > progress.best.correct / progress.best.total) progress.best = score;
    progress.last = score;
    progress.attempt = null;
    finished = items;
    viewing = null;
    save();
    renderAssessment(true);
  }

  function percent(correct: number, total: number): number {
    return Math.floor((correct * 100) / total);
  }

  function renderIntro(): Child[] {
    const need = `You need ${Math.round(passMark * 100)}% to pass.`;
    const last = progress.last;
    return [
      passed
        ? h(
            'div',
            { class: 'nhsuk-panel', 'data-outcome': 'passed' },
            h('h2', { class: 'nhsuk-panel__title', tabindex: '-1' }, 'You have passed'),
            h(
              'div',
              { class: 'nhsuk-panel__body' },
              'Your learning system has your result. You can take the assessment again for practice.',
            ),
          )
        : h('h2', { tabindex: '-1' }, 'Before you start'),
      h(
        'p',
        {},
        `There are ${course.questionCount} questions, drawn from a bank of ${course.questions.length}. ${need} You see feedback after each answer, there is no time limit, and you can try as many times as you need.`,
      ),
      last &&
        h(
          'p',
          { 'data-last-result': `${last.correct}/${last.total}` },
          `Your last attempt: ${last.correct} out of ${last.total} (${percent(last.correct, last.total)}%).`,
        ),
      h(
        'button',
        { type: 'button', class: 'nhsuk-button', 'data-action': 'start' },
        passed || last ? 'Take the assessment again' : 'Start the assessment',
      ),
    ];
  }

  function feedback(question: PlayerQuestion, item: AttemptItem): HTMLElement {
    const selected = item.selected ?? [];
    const right = isCorrect(question, selected);
    const notes = item.optionOrder.flatMap((id) => {
      const option = question.options.find((o) => o.id === id);
      if (!option || (!selected.includes(id) && !option.correct)) return [];
      return [
        h(
          'li',
          { class: option.correct ? 'app-option-feedback--correct' : 'app-option-feedback--wrong' },
          h(
            'p',
            { class: 'nhsuk-u-margin-bottom-1' },
            h('strong', {}, `${selected.includes(id) ? 'You chose' : 'You did not choose'}: ${option.text}`),
            ` (${option.correct ? 'a right answer' : 'not right'})`,
          ),
          h('p', { class: 'nhsuk-u-margin-bottom-0' }, option.feedback),
        ),
      ];
    });
    const reading = question.guidance.filter((slug) => pageTitles.has(slug));
    return h(
      'div',
      {},
      h(
        'p',
        { class: 'nhsuk-heading-s', tabindex: '-1', 'data-feedback-verdict': '' },
        right ? 'Correct.' : 'Not quite.',
      ),
      h('ul', { class: 'app-option-feedback' }, ...notes),
      h('p', {}, question.explanation),
      !right &&
        reading.length > 0 &&
        h(
          'p',
          {},
          'Read: ',
          ...reading.flatMap((slug, i) => [
            i > 0 ? ', ' : '',
            h('a', { href: `#guidance/${slug}` }, pageTitles.get(slug) ?? slug),
          ]),
        ),
    );
  }

  function renderQuestion(items: AttemptItem[], index: number): Child[] {
    const item = items[index] as AttemptItem;
    const question = bank.get(item.questionId) as PlayerQuestion;
    const multiple = question.type === 'multiple';
    const kind = multiple ? 'checkboxes' : 'radios';
    const answered = item.selected !== null;
    const hintId = `hint-${question.id}`;
    const errorId = `error-${question.id}`;
    const inputs = item.optionOrder.map((optionId) => {
      const option = question.options.find((o) => o.id === optionId);
      const id = `answer-${question.id}-${optionId}`;
      return h(
        'div',
        { class: `nhsuk-${kind}__item` },
        h('input', {
          class: `nhsuk-${kind}__input`,
          id,
          name: `answer-${question.id}`,
          type: multiple ? 'checkbox' : 'radio',
          value: optionId,
          checked: (item.selected ?? []).includes(optionId),
          disabled: answered,
        }),
        h('label', { class: `nhsuk-label nhsuk-${kind}__label`, for: id }, option?.text ?? optionId),
      );
    });
    const group = h(
      'div',
      { class: 'nhsuk-form-group' },
      h(
        'fieldset',
        { class: 'nhsuk-fieldset', 'aria-describedby': hintId },
        h('legend', { class: 'nhsuk-fieldset__legend nhsuk-fieldset__legend--m' }, question.prompt),
        h('div', { class: 'nhsuk-hint', id: hintId }, typeHint[question.type]),
        h('div', { class: `nhsuk-${kind}` }, ...inputs),
      ),
    );
    const form = h(
      'form',
      { novalidate: true, 'data-question-id': question.id },
      group,
      !answered && h('button', { type: 'submit', class: 'nhsuk-button' }, 'Check answer'),
    );
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      const chosen = [...form.querySelectorAll<HTMLInputElement>('input:checked')].map((input) => input.value);
      if (chosen.length === 0) {
        group.classList.add('nhsuk-form-group--error');
        const fieldset = group.querySelector('fieldset') as HTMLElement;
        fieldset.setAttribute('aria-describedby', `${hintId} ${errorId}`);
        group.querySelector('.nhsuk-error-message')?.remove();
        fieldset
          .querySelector('.nhsuk-hint')
          ?.after(
            h(
              'span',
              { class: 'nhsuk-error-message', id: errorId },
              h('span', { class: 'nhsuk-u-visually-hidden' }, 'Error:'),
              ` ${multiple ? 'Select at least one answer' : 'Select an answer'}`,
            ),
          );
        form.querySelector<HTMLInputElement>('input')?.focus();
        return;
      }
      items[index] = { ...item, selected: chosen };
      save();
      renderAssessment(false);
      // The verdict at the top of the feedback takes focus, so the learner reads down to "Next question"; focus on the
      // button below scrolled the verdict off a phone's screen.
      body.querySelector<HTMLElement>('[data-feedback-verdict]')?.focus();
    });
    const isLast = index === items.length - 1;
    return [
      h('h2', { tabindex: '-1' }, `Question ${index + 1} of ${items.length}`),
      question.situation && h('p', { class: 'app-situation' }, question.situation),
      form,
      h(
        'div',
        { 'aria-live': 'polite', 'aria-atomic': 'true', 'data-testid': 'feedback' },
        answered && feedback(question, items[index] as AttemptItem),
      ),
      answered &&
        h(
          'button',
          { type: 'button', class: 'nhsuk-button', 'data-action': 'next' },
          isLast ? 'See your result' : 'Next question',
        ),
    ];
  }

  function renderResult(items: AttemptItem[]): Child[] {
    const mark = markAttempt(items, bank, passMark);
    const reached = meetsMastery(mark.correct, mark.total, passMark);
    const scoreText = `You scored ${mark.correct} out of ${mark.total} (${percent(mark.correct, mark.total)}%).`;
    const review = items.map((item, i) => {
      const question = bank.get(item.questionId) as PlayerQuestion;
      return h(
        'li',
        { class: 'nhsuk-u-margin-bottom-6' },
        h('h3', { class: 'nhsuk-heading-s' }, `Question ${i + 1}: ${question.prompt}`),
        feedback(question, item),
      );
    });
    return [
      reached
        ? h(
            'div',
            { class: 'nhsuk-panel', 'data-outcome': 'passed' },
            h('h2', { class: 'nhsuk-panel__title', tabindex: '-1' }, 'You passed'),
            h('div', { class: 'nhsuk-panel__body' }, scoreText),
          )
        : h(
            'div',
            { 'data-outcome': 'failed' },
            h('h2', { tabindex: '-1' }, 'You did not pass this time'),
            h('p', { class: 'nhsuk-body-l' }, `${scoreText} You need ${Math.round(passMark * 100)}% to pass.`),
            h(
              'p',
              {},
              'Read the feedback below and the guidance it points to, then try again. You can try as many times as you need.',
            ),
          ),
      reached &&
        h(
          'p',
          {},
          launch.connected
            ? 'Your learning system has your result. You can close the course now.'
            : 'Your result has not been recorded: this course is not connected to a learning system.',
        ),
      h(
        'button',
        { type: 'button', class: `nhsuk-button${reached ? ' nhsuk-button--secondary' : ''}`, 'data-action': 'start' },
        'Take the assessment again',
      ),
      h('h2', {}, 'Review your answers'),
      h('ol', { class: 'nhsuk-list' }, ...review),
    ];
  }

  function renderAssessment(moveFocus: boolean): void {
    let content: Child[];
    const items = progress.attempt;
    if (items) {
      const next = items.findIndex((item) => item.selected === null);
      if (viewing === null || items[viewing]?.selected === null || viewing >= items.length)
        viewing = next === -1 ? items.length - 1 : next;
      content = renderQuestion(items, viewing);
    } else if (finished) content = renderResult(finished);
    else content = renderIntro();
    body.replaceChildren(...content.filter((c): c is Node | string => Boolean(c)));
    if (moveFocus) focusHeading();
  }

  body.addEventListener('click', (event) => {
    const button = (event.target as HTMLElement).closest<HTMLElement>('[data-action]');
    if (!button) return;
    if (button.dataset.action === 'start') startAttempt();
    if (button.dataset.action === 'next' && progress.attempt && viewing !== null) {
      const items = progress.attempt;
      const next = items.findIndex((item) => item.selected === null);
      if (next === -1) finishAttempt(items);
      else {
        viewing = next;
        renderAssessment(true);
      }
    }
  });

  if (launch.connected && tracker.exitable) {
    const exit = h(
      'button',
      { type: 'button', class: 'nhsuk-button nhsuk-button--secondary', 'data-action': 'exit' },
      'Exit the course',
    );
    exit.addEventListener('click', async () => {
      exit.setAttribute('disabled', '');
      await tracker.end();
      if (tracker.returnUrl) window.location.assign(tracker.returnUrl);
      else
        document
          .getElementById('connection')
          ?.replaceChildren(
            h(
              'div',
              { class: 'nhsuk-inset-text' },
              h('p', {}, 'Your learning system has your progress. You can close this window now.'),
            ),
          );
    });
    document
      .getElementById('contents')
      ?.append(
        h('h2', {}, 'When you have finished'),
        h('p', {}, 'Exit the course so your learning system records this session.'),
        exit,
      );
  }

  window.addEventListener('hashchange', () => show(location.hash.slice(1), true));
  const end = () => void tracker.end({ keepalive: true });
  window.addEventListener('pagehide', end);
  window.addEventListener('beforeunload', end);
  const requested = location.hash.slice(1);
  show(views.some((v) => v.dataset.view === requested) ? requested : progress.view, false);
  document.documentElement.dataset.ready = 'true';
}
