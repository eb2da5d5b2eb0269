/**
 * cmi5's ordering rules for an AU's statements (cmi5 spec §9.3, §9.5, §9.6), checked over everything one AU sent in a
 * registration: "initialized" first and "terminated" last in each session, no verb twice in a session, at most one
 * of passed and failed in a session, completed and passed at most once in the registration, failed never after
 * passed, scores that agree with the mastery score, and the categories and duration each verb needs. The LRS stub in
 * the tests runs it; an LMS's own checks would refuse the same mistakes.
 */
import { meetsMastery, type Statement } from './statements.ts';
import { CMI5, VERBS } from './vocabulary.ts';

const verbName = new Map(Object.entries(VERBS).map(([name, verb]) => [verb.id, name]));

function categoryIds(statement: Statement): string[] {
  return (statement.context?.contextActivities?.category ?? []).map((activity) => activity.id);
}

/** Problems with one AU's statements in one registration, in the order sent; empty when they follow cmi5's rules. */
export function cmi5Problems(statements: readonly Statement[], options: { masteryScore?: number } = {}): string[] {
  const problems: string[] = [];
  const sessions = new Map<string, Statement[]>();
  let passedAt = -1;
  let completedCount = 0;
  statements.forEach((statement, index) => {
    const at = `statement ${index + 1} (${verbName.get(statement.verb.id) ?? statement.verb.id})`;
    const sessionId = statement.context?.extensions?.[CMI5.sessionIdExtension];
    if (typeof sessionId !== 'string' || sessionId === '') {
      problems.push(`${at}: no cmi5 session id in context.extensions`);
      return;
    }
    if (!statement.context?.registration) problems.push(`${at}: no registration`);
    const categories = categoryIds(statement);
    if (!categories.includes(CMI5.category)) problems.push(`${at}: the cmi5 category is missing`);
    const name = verbName.get(statement.verb.id);
    const result = statement.result ?? {};
    const hasMoveOn = result.success !== undefined || result.completion !== undefined;
    if (hasMoveOn !== categories.includes(CMI5.moveOnCategory))
      problems.push(`${at}: the moveOn category must be present exactly when the result has success or completion`);
    if (name === 'passed' || name === 'failed') {
      if (result.success !== (name === 'passed')) problems.push(`${at}: result.success must be ${name === 'passed'}`);
      const mastery = options.masteryScore;
      if (mastery !== undefined && result.score?.raw !== undefined && result.score.max !== undefined) {
        const reached = meetsMastery(result.score.raw, result.score.max, mastery);
        if (reached !== (name === 'passed'))
          problems.push(`${at}: the score disagrees with the mastery score ${mastery}`);
        if (statement.context?.extensions?.[CMI5.masteryScoreExtension] !== mastery)
          problems.push(`${at}: the mastery score extension must be ${mastery}`);
      }
      if (name === 'passed') {
        if (passedAt >= 0) problems.push(`${at}: passed was already sent in this registration`);
        passedAt = index;
      } else if (passedAt >= 0) problems.push(`${at}: failed after passed in the same registration`);
    } else if (result.score !== undefined || result.success !== undefined) {
      problems.push(`${at}: only passed and failed may carry a score or success`);
    }
    if (name === 'completed') {
      completedCount += 1;
      if (completedCount > 1) problems.push(`${at}: completed was already sent in this registration`);
      if (result.completion !== true) problems.push(`${at}: result.completion must be true`);
    } else if (result.completion !== undefined) problems.push(`${at}: only completed may carry completion`);
    if (name && name !== 'initialized' && !result.duration) problems.push(`${at}: a duration is required`);
    const session = sessions.get(sessionId) ?? [];
    session.push(statement);
    sessions.set(sessionId, session);
  });
  for (const [sessionId, session] of sessions) {
    const names = session.map((s) => verbName.get(s.verb.id) ?? s.verb.id);
    const label = `session ${sessionId}`;
    if (names[0] !== 'initialized') problems.push(`${label}: the first statement is ${names[0]}, not initialized`);
    const terminated = names.indexOf('terminated');
    if (terminated >= 0 && terminated !== names.length - 1)
      problems.push(`${label}: statements were sent after terminated`);
    const defined = names.filter((n) => verbName.has(`http://adlnet.gov/expapi/verbs/${n}`));
    const twice = defined.filter((n, i) => defined.indexOf(n) !== i);
    if (twice.length > 0) problems.push(`${label}: ${[...new Set(twice)].join(', ')} sent more than once`);
    if (names.includes('passed') && names.includes('failed'))
      problems.push(`${label}: both passed and failed were sent`);
  }
  return problems;
}
