/**
 * A roster file waiting between its dry run and the admin's "Import": kept in the database (any instance can finish
 * the import), for one hour, and for one import. The file holds every member of staff's name and e-mail address, so it
 * is not kept once it is used or has expired: taking it blanks it, and holding a new one blanks the expired ones. An
 * old preview cannot be imported over a newer roster, and a double click imports once.
 */
import { enqueueJob } from '../jobs.ts';
import type { Store } from '../store.ts';

/** The jobs-table type of a waiting upload. */
const TYPE = 'roster.preview';

/** How long an upload waits for its import. */
export const ROSTER_UPLOAD_MINUTES = 60;

/** What is left of an upload once it is used or expired: nothing from the file. */
const EMPTIED = '{}';

function expiry(store: Store): string {
  return new Date(store.clock().getTime() - ROSTER_UPLOAD_MINUTES * 60_000).toISOString();
}

/** Keeps an uploaded roster's text for its import by the same account; returns the id the confirm form posts back. */
export async function holdRosterUpload(store: Store, text: string, actor: string): Promise<string> {
  await store.db
    .updateTable('jobs')
    .set({ status: 'done', payload: EMPTIED })
    .where('type', '=', TYPE)
    .where('status', '=', 'queued')
    .where('created_at', '<', expiry(store))
    .execute();
  return enqueueJob(store, TYPE, { text, actor });
}

/**
 * The text of a waiting upload, taken for import: undefined when there is no such upload, it is another account's,
 * it was already taken (imported, or a second click) or it is more than {@link ROSTER_UPLOAD_MINUTES} old.
 */
export async function takeRosterUpload(store: Store, id: string, actor: string): Promise<string | undefined> {
  const job = await store.db
    .selectFrom('jobs')
    .select(['payload', 'created_at'])
    .where('id', '=', id)
    .where('type', '=', TYPE)
    .where('status', '=', 'queued')
    .executeTakeFirst();
  if (!job) return undefined;
  const payload = JSON.parse(job.payload) as { text?: string; actor?: string };
  if (payload.actor !== actor || typeof payload.text !== 'string') return undefined;
  // Taken by compare-and-set: of two clicks (or two instances) only one sees a row change.
  const taken = await store.db
    .updateTable('jobs')
    .set({ status: 'done', payload: EMPTIED })
    .where('id', '=', id)
    .where('status', '=', 'queued')
    .executeTakeFirst();
  if (Number(taken.numUpdatedRows) !== 1) return undefined;
  return job.created_at < expiry(store) ? undefined : payload.text;
}
