/**
 * The trust most repository tests start from: the service key registered, a roster imported and the default policy's
 * first version published (effective 5 January 2026, due 2 February). One place, so a change to how a trust starts
 * is made once.
 */
import { resolve } from 'node:path';
import { guidancePoints } from '@im-records/course';
import { loadCourse } from '@im-records/course/node';
import { type Actor, actorFor } from '../src/access.ts';
import type { ServiceKey } from '../src/keys.ts';
import { registerServiceKey } from '../src/keys.ts';
import { DEFAULT_POLICY, ensurePolicy, publishVersion } from '../src/policies.ts';
import { importRoster } from '../src/roster/import.ts';
import type { Store } from '../src/store.ts';

/** Registers `key`, imports `roster` (ESR-style CSV) and publishes the default policy's version 1.0. */
export async function startTrust(store: Store, key: ServiceKey, roster: string): Promise<void> {
  await registerServiceKey(store.db, key, store.clock);
  await importRoster(store, roster, { actor: 'cli' });
  await ensurePolicy(store, DEFAULT_POLICY);
  await publishVersion(store, 'cli', {
    policy: DEFAULT_POLICY.id,
    version: '1.0',
    body: '# Policy\n\nUse approved apps only.',
    summary: 'First version',
    material: true,
    effectiveDate: '2026-01-05',
    dueDate: '2026-02-02',
    audience: [],
  });
}

/** The actor signed in with an account's e-mail address. */
export async function actorByEmail(store: Store, email: string): Promise<Actor> {
  const account = await store.db
    .selectFrom('accounts')
    .select('id')
    .where('email', '=', email)
    .executeTakeFirstOrThrow();
  return actorFor(store, account.id);
}

const root = resolve(import.meta.dirname, '../../..');
/** The course as the service loads it, from `content/training`. */
export const course = loadCourse(resolve(root, 'content/training'), { guidancePoints, root });

/** A wrong option for each question drawn (one that is not right), as a learner who knows none would answer. */
export function wrongAnswers(questions: { id: string }[]): Record<string, string[]> {
  return Object.fromEntries(
    questions.map((q) => {
      const wrong = course.questions.find((b) => b.id === q.id)?.options.find((o) => !o.correct);
      return [q.id, wrong ? [wrong.id] : []];
    }),
  );
}

/** The right options of each question drawn, as a learner who knows them all would answer. */
export function rightAnswers(questions: { id: string }[]): Record<string, string[]> {
  return Object.fromEntries(
    questions.map((q) => [
      q.id,
      course.questions
        .find((b) => b.id === q.id)
        ?.options.filter((o) => o.correct)
        .map((o) => o.id) ?? [],
    ]),
  );
}
