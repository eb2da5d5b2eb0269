/**
 * The service's background worker, started beside the web server by start.ts: every few seconds it sends queued
 * statements to the trust's learning record store, runs reminder runs an IG lead queued ("Run today's reminders now"),
 * and retries reminder e-mails the mail server refused. Each piece of work is claimed in the database first
 * (`SKIP LOCKED` on PostgreSQL), so several instances can each run a worker and nothing is done twice. It logs kinds of
 * failure only, never personal data. `ATTESTATION_WORKER_INTERVAL_MS` sets the pause (default 15000; 0 turns it off).
 */
import { randomUUID } from 'node:crypto';
import {
  claimJob,
  finishJob,
  REMINDERS_JOB,
  runReminders,
  sendQueuedReminders,
  sendQueuedStatements,
} from '@im-records/attestation';
import { mailerFor, services } from '../src/lib/services.ts';

/** A running worker. */
export interface Worker {
  stop(): Promise<void>;
}

/** One pass over the queues; returns what it did (for logs and tests). */
export async function workOnce(
  worker: string,
): Promise<{ statements: number; reminderRuns: number; reminders: number }> {
  const { store, key, config, division } = await services();
  const statements = await sendQueuedStatements(store, {
    key,
    worker,
    iriBase: config.publicUrl,
    platform: 'im-records policy attestation service',
  });
  let reminderRuns = 0;
  let reminders = 0;
  const mailer = await mailerFor(config);
  try {
    for (;;) {
      const job = await claimJob(store, worker, [REMINDERS_JOB], 600);
      if (!job) break;
      try {
        const report = await runReminders(store, {
          actor: String((job.payload as { actor?: unknown }).actor ?? 'system'),
          division,
          mailer,
          worker,
          context: { trustName: config.issuer, signInUrl: `${config.publicUrl}/sign-in` },
        });
        reminders += report.sent;
        await finishJob(store, job.id);
      } catch (error) {
        await finishJob(store, job.id, error instanceof Error ? error.name : 'failed');
        throw error;
      }
      reminderRuns += 1;
    }
    if (mailer) reminders += (await sendQueuedReminders(store, mailer, { worker })).sent;
  } finally {
    await mailer?.close();
  }
  return { statements: statements.sent, reminderRuns, reminders };
}

/** Starts the worker loop. */
export function startWorker(options: { intervalMs: number; log: (line: string) => void }): Worker {
  const id = `worker-${randomUUID()}`;
  let stopped = false;
  let running: Promise<unknown> = Promise.resolve();
  let timer: NodeJS.Timeout | undefined;
  const tick = () => {
    if (stopped) return;
    running = workOnce(id)
      .catch((error: unknown) =>
        options.log(`Background work failed: ${error instanceof Error ? error.name : 'error'}`),
      )
      .finally(() => {
        if (!stopped) timer = setTimeout(tick, options.intervalMs);
      });
  };
  timer = setTimeout(tick, Math.min(options.intervalMs, 2000));
  return {
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
    },
  };
}
