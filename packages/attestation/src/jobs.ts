/**
 * Background jobs (reminders and spot-check draws build on this): work is queued in the database and claimed with a
 * lease, so several instances can poll at once and a job is run by one of them; a crashed runner's lease expires and
 * the job is claimed again. On PostgreSQL the claim uses `FOR UPDATE SKIP LOCKED`; SQLite serialises writers anyway.
 */
import { randomUUID } from 'node:crypto';
import { canonicalJson } from './canonical-json.ts';
import { inTransaction, type Store } from './store.ts';

/** A claimed job. */
export interface ClaimedJob {
  id: string;
  type: string;
  payload: unknown;
  attempts: number;
}

/** Queues a job to run at or after `runAt` (default now). */
export async function enqueueJob(store: Store, type: string, payload: unknown, runAt?: Date): Promise<string> {
  const id = randomUUID();
  const now = store.clock();
  await store.db
    .insertInto('jobs')
    .values({
      id,
      type,
      payload: canonicalJson(payload),
      run_at: (runAt ?? now).toISOString(),
      status: 'queued',
      attempts: 0,
      locked_by: null,
      locked_until: null,
      last_error: null,
      created_at: now.toISOString(),
    })
    .execute();
  return id;
}

/** Claims the oldest due job of the given types for `worker`, leased for `leaseSeconds`; undefined when none is due. */
export async function claimJob(
  store: Store,
  worker: string,
  types: readonly string[],
  leaseSeconds = 300,
): Promise<ClaimedJob | undefined> {
  return inTransaction(store, async (tx) => {
    const now = tx.clock().toISOString();
    let query = tx.db
      .selectFrom('jobs')
      .select(['id', 'type', 'payload', 'attempts'])
      .where('type', 'in', types)
      .where('run_at', '<=', now)
      .where((eb) =>
        eb.or([eb('status', '=', 'queued'), eb.and([eb('status', '=', 'running'), eb('locked_until', '<', now)])]),
      )
      .orderBy('run_at')
      .limit(1);
    if (tx.kind === 'postgres') query = query.forUpdate().skipLocked();
    const job = await query.executeTakeFirst();
    if (!job) return undefined;
    await tx.db
      .updateTable('jobs')
      .set({
        status: 'running',
        attempts: job.attempts + 1,
        locked_by: worker,
        locked_until: new Date(tx.clock().getTime() + leaseSeconds * 1000).toISOString(),
      })
      .where('id', '=', job.id)
      .execute();
    return { id: job.id, type: job.type, payload: JSON.parse(job.payload) as unknown, attempts: job.attempts + 1 };
  });
}

/** Marks a claimed job done, or failed with an error message (a failed job is not retried; see {@link retryJob}). */
export async function finishJob(store: Store, id: string, error?: string): Promise<void> {
  await store.db
    .updateTable('jobs')
    .set({ status: error ? 'failed' : 'done', locked_until: null, last_error: error ?? null })
    .where('id', '=', id)
    .execute();
}

/** Puts a claimed job back in the queue to run again at `runAt`, keeping the error that made it fail. */
export async function retryJob(store: Store, id: string, runAt: Date, error: string): Promise<void> {
  await store.db
    .updateTable('jobs')
    .set({ status: 'queued', run_at: runAt.toISOString(), locked_by: null, locked_until: null, last_error: error })
    .where('id', '=', id)
    .execute();
}
