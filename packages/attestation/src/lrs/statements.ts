/**
 * "attested", "passed" and "failed" xAPI statements for the trust's learning record store. A statement is queued in
 * the jobs table in the same transaction as the attestation or the marked attempt (one insert: the person's request
 * never waits for the LRS), with its id fixed then, so a retry sends the same statement and the LRS keeps one copy.
 * A background runner (the service's worker) claims the jobs, builds each statement from the stored record and sends
 * it; a refused statement (the LRS says it is invalid) is given up at once, anything else (no answer, a 5xx, a 429) is
 * retried with a growing wait, and given up after a day or so; a statement given up on is in the audit log.
 *
 * The learner is identified to the LRS by their employee number under the service's address (an xAPI account), never
 * by name or e-mail; one registration per person per renewal cycle groups a year's statements together.
 */
import { createHash, randomUUID } from 'node:crypto';
import {
  assessmentStatement,
  attestedStatement,
  LrsResponseError,
  type Statement,
  StatementError,
} from '@im-records/course-export/xapi';
import { DEFAULT_TRAINING_POLICY } from '@im-records/records-policy';
import { appendAudit } from '../audit/log.ts';
import { claimJob, enqueueJob, finishJob, retryJob } from '../jobs.ts';
import type { ServiceKey } from '../keys.ts';
import type { Store } from '../store.ts';
import { lrsClientFor, lrsEnabled } from './settings.ts';

/** The job type. */
export const LRS_JOB = 'lrs.statement';

/** What a queued statement is about. */
export type StatementJob =
  | { kind: 'attested'; attestation: string; statementId: string }
  | { kind: 'assessment'; attempt: string; courseTitle: string; courseVersion: string; statementId: string };

/** Queues a statement when an LRS is configured (call inside the transaction that records the event). */
export async function queueStatement(
  tx: Store,
  job:
    | { kind: 'attested'; attestation: string }
    | { kind: 'assessment'; attempt: string; courseTitle: string; courseVersion: string },
): Promise<void> {
  if (!(await lrsEnabled(tx))) return;
  await enqueueJob(tx, LRS_JOB, { ...job, statementId: randomUUID() });
}

/** A UUID (version 8, name-based) for a person's renewal cycle: the same for every statement in it. */
function registrationFor(person: string, cycle: number): string {
  const hex = createHash('sha256').update(`im-records registration\0${person}\0${cycle}`).digest('hex');
  const variant = ((Number.parseInt(hex.slice(16, 18), 16) & 0x3f) | 0x80).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${variant}${hex.slice(18, 20)}-${hex.slice(20, 32)}`;
}

/** The service's details the statements carry. */
export interface StatementContext {
  /** The service's public address: the account home page and the IRI base. */
  iriBase: string;
  platform?: string;
}

async function cycleOf(store: Store, person: string, before: string): Promise<number> {
  const row = await store.db
    .selectFrom('completions')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('person', '=', person)
    .where('created_at', '<', before)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Builds a queued job's statement from the stored records. */
export async function buildStatement(store: Store, job: StatementJob, context: StatementContext): Promise<Statement> {
  const base = context.iriBase.replace(/\/+$/, '');
  let statement: Statement;
  if (job.kind === 'attested') {
    const row = await store.db
      .selectFrom('attestations')
      .innerJoin('people', 'people.id', 'attestations.person')
      .innerJoin('policy_versions', 'policy_versions.id', 'attestations.policy_version')
      .innerJoin('policies', 'policies.id', 'policy_versions.policy')
      .select([
        'attestations.person',
        'attestations.attested_at',
        'people.employee_number',
        'policy_versions.policy',
        'policy_versions.version',
        'policies.title',
      ])
      .where('attestations.id', '=', job.attestation)
      .executeTakeFirstOrThrow();
    statement = attestedStatement({
      actor: { objectType: 'Agent', account: { homePage: base, name: row.employee_number } },
      registration: registrationFor(row.person, await cycleOf(store, row.person, row.attested_at)),
      timestamp: new Date(row.attested_at),
      iriBase: base,
      ...(context.platform ? { platform: context.platform } : {}),
      policy: {
        id: `${base}/policies/${encodeURIComponent(row.policy)}/${encodeURIComponent(row.version)}`,
        title: row.title,
        version: row.version,
      },
    });
  } else {
    const row = await store.db
      .selectFrom('attempts')
      .innerJoin('people', 'people.id', 'attempts.person')
      .select([
        'attempts.person',
        'attempts.started_at',
        'attempts.finished_at',
        'attempts.correct',
        'attempts.total',
        'people.employee_number',
      ])
      .where('attempts.id', '=', job.attempt)
      .executeTakeFirstOrThrow();
    const finished = row.finished_at ?? row.started_at;
    statement = assessmentStatement({
      actor: { objectType: 'Agent', account: { homePage: base, name: row.employee_number } },
      registration: registrationFor(row.person, await cycleOf(store, row.person, finished)),
      timestamp: new Date(finished),
      iriBase: base,
      ...(context.platform ? { platform: context.platform } : {}),
      course: { id: `${base}/courses/instant-messaging`, title: job.courseTitle, version: job.courseVersion },
      correct: row.correct ?? 0,
      total: row.total,
      masteryScore: DEFAULT_TRAINING_POLICY.passMark,
      durationMs: Date.parse(finished) - Date.parse(row.started_at),
    });
  }
  return { ...statement, id: job.statementId };
}

/** The wait before retry `attempt` (1, 2, …): 1, 2, 4 … minutes, at most 6 hours. */
export function retryDelayMinutes(attempt: number): number {
  return Math.min(2 ** (attempt - 1), 360);
}

/** Attempts before a statement is given up (about a day of retries). */
export const MAX_STATEMENT_ATTEMPTS = 12;

/**
 * Sends every queued statement this runner can claim to the configured LRS. Nothing happens while sending is off
 * (the statements wait).
 */
export async function sendQueuedStatements(
  store: Store,
  options: StatementContext & { key: ServiceKey; worker: string; fetch?: typeof fetch; timeoutMs?: number },
): Promise<{ sent: number; retrying: number; failed: number }> {
  const result = { sent: 0, retrying: 0, failed: 0 };
  const client = await lrsClientFor(store, options.key, {
    ...(options.fetch ? { fetch: options.fetch } : {}),
    ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}),
  });
  if (!client) return result;
  for (;;) {
    const job = await claimJob(store, options.worker, [LRS_JOB], 120);
    if (!job) break;
    const payload = job.payload as StatementJob;
    let error: unknown;
    try {
      await client.sendStatements([await buildStatement(store, payload, options)]);
      await finishJob(store, job.id);
      result.sent += 1;
      continue;
    } catch (caught) {
      error = caught;
    }
    const message = error instanceof Error ? error.message.slice(0, 300) : 'failed';
    const refused =
      error instanceof StatementError ||
      (error instanceof LrsResponseError &&
        error.status >= 400 &&
        error.status < 500 &&
        ![408, 429].includes(error.status));
    if (refused || job.attempts >= MAX_STATEMENT_ATTEMPTS) {
      await finishJob(store, job.id, message);
      await appendAudit(store, {
        actor: 'system',
        type: 'lrs.statement-failed',
        data: {
          job: job.id,
          kind: payload.kind,
          attempts: job.attempts,
          status: error instanceof LrsResponseError ? error.status : null,
        },
      });
      result.failed += 1;
    } else {
      await retryJob(
        store,
        job.id,
        new Date(store.clock().getTime() + retryDelayMinutes(job.attempts) * 60_000),
        message,
      );
      result.retrying += 1;
    }
  }
  return result;
}

/** Queued, retrying and failed statements, and the latest error, for the admin page. */
export async function lrsQueueStatus(store: Store) {
  const rows = await store.db
    .selectFrom('jobs')
    .select(['status', (eb) => eb.fn.countAll<number>().as('n')])
    .where('type', '=', LRS_JOB)
    .groupBy('status')
    .execute();
  const count = (status: string) => Number(rows.find((r) => r.status === status)?.n ?? 0);
  const lastError = await store.db
    .selectFrom('jobs')
    .select(['last_error', 'run_at'])
    .where('type', '=', LRS_JOB)
    .where('last_error', 'is not', null)
    .orderBy('run_at', 'desc')
    .limit(1)
    .executeTakeFirst();
  return {
    queued: count('queued') + count('running'),
    sent: count('done'),
    failed: count('failed'),
    lastError: lastError?.last_error ?? null,
  };
}
