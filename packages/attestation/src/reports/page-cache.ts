/**
 * Rendered pages kept gzipped in the database, so a repeated view of a large page (the dashboard for 300 departments is
 * about 300 KB of HTML) is one indexed read of about 30 KB, sent as it is stored to a browser that accepts gzip. The
 * caller makes the key from everything the page shows (see the attestation app's middleware); any instance can serve
 * what another rendered.
 */
import { createHash } from 'node:crypto';
import { gunzipSync, gzipSync } from 'node:zlib';
import { auditHead } from '../audit/log.ts';
import { ukDate } from '../clock.ts';
import type { Store } from '../store.ts';

/** Entries older than this are never read again (the audit head or the date has moved on) and are dropped. */
const PAGE_CACHE_HOURS = 1;

/**
 * The key of a rendered page: whoever is viewing (their session, so the account, its departments and its CSRF token
 * are the same), the address with its query, the day, and the audit log's head, which moves with every change to
 * people, attestations, completions, policies and settings.
 */
export async function pageCacheKey(store: Store, viewer: string, address: string): Promise<string> {
  const head = await auditHead(store);
  return createHash('sha256')
    .update(JSON.stringify([viewer, address, ukDate(store.clock()), head.seq, head.hash]))
    .digest('hex');
}

/** The stored page, gzipped, or undefined when none is kept under the key. */
export async function readCachedPage(store: Store, key: string): Promise<Uint8Array<ArrayBuffer> | undefined> {
  const row = await store.db.selectFrom('page_cache').select('gzipped').where('key', '=', key).executeTakeFirst();
  return row ? new Uint8Array(row.gzipped) : undefined;
}

/** Keeps a rendered page under its key and returns it gzipped; now and then drops entries nobody will read again. */
export async function keepCachedPage(store: Store, key: string, html: string): Promise<Uint8Array<ArrayBuffer>> {
  const gzipped = new Uint8Array(gzipSync(html));
  const now = store.clock();
  await store.db
    .insertInto('page_cache')
    .values({ key, gzipped, created_at: now.toISOString() })
    .onConflict((oc) => oc.column('key').doNothing())
    .execute();
  if (key.startsWith('0')) {
    await store.db
      .deleteFrom('page_cache')
      .where('created_at', '<', new Date(now.getTime() - PAGE_CACHE_HOURS * 3_600_000).toISOString())
      .execute();
  }
  return gzipped;
}

/** The HTML of a stored page, for a client that does not accept gzip. */
export function unzipCachedPage(gzipped: Uint8Array): string {
  return gunzipSync(gzipped).toString('utf8');
}
