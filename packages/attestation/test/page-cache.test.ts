import { gunzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { appendAudit } from '../src/audit/log.ts';
import type { AttestationDatabase } from '../src/db/connect.ts';
import { keepCachedPage, pageCacheKey, readCachedPage, unzipCachedPage } from '../src/reports/page-cache.ts';
import { engines, freshStore } from './databases.ts';

describe.each(engines)('rendered page cache on %s', (engine) => {
  let database: AttestationDatabase | undefined;
  afterEach(async () => {
    await database?.close();
    database = undefined;
  });

  async function store() {
    const fresh = await freshStore(engine, '2026-03-02T10:00:00Z');
    database = fresh.database;
    return fresh;
  }

  it('gives back the page it kept, gzipped, byte for byte', async () => {
    const { store: s } = await store();
    const html = `<h1>Completion dashboard</h1>${'<tr><td>Siân Ó Dálaigh — ward 7</td></tr>'.repeat(2_000)}`;
    const key = await pageCacheKey(s, 'session-a', '/dashboard?group=Nursing');
    expect(await readCachedPage(s, key)).toBeUndefined();
    const kept = await keepCachedPage(s, key, html);
    expect(gunzipSync(kept).toString('utf8')).toBe(html);
    expect(kept.byteLength).toBeLessThan(Buffer.byteLength(html) / 10);
    const read = await readCachedPage(s, key);
    expect(read && Buffer.from(read).equals(Buffer.from(kept))).toBe(true);
    expect(unzipCachedPage(read ?? new Uint8Array())).toBe(html);
  });

  it('keys a page by viewer, address, day and audit head, so any change shows a fresh page', async () => {
    const { store: s, setNow } = await store();
    const key = await pageCacheKey(s, 'session-a', '/dashboard');
    expect(await pageCacheKey(s, 'session-a', '/dashboard')).toBe(key);
    expect(await pageCacheKey(s, 'session-b', '/dashboard')).not.toBe(key);
    expect(await pageCacheKey(s, 'session-a', '/dashboard?department=d1')).not.toBe(key);
    setNow('2026-03-02T23:30:00Z'); // still 2 March in the UK
    expect(await pageCacheKey(s, 'session-a', '/dashboard')).toBe(key);
    setNow('2026-03-03T00:30:00Z');
    const nextDay = await pageCacheKey(s, 'session-a', '/dashboard');
    expect(nextDay).not.toBe(key);
    await appendAudit(s, { actor: 'system', type: 'settings.changed', data: { key: 'target', value: 0.9 } });
    expect(await pageCacheKey(s, 'session-a', '/dashboard')).not.toBe(nextDay);
  });

  it('drops pages over an hour old when it keeps another', async () => {
    const { store: s, setNow } = await store();
    await keepCachedPage(s, 'a-old-page', '<p>old</p>');
    setNow('2026-03-02T11:30:00Z');
    await keepCachedPage(s, 'b-recent-page', '<p>recent</p>');
    expect(await readCachedPage(s, 'a-old-page')).toBeDefined();
    setNow('2026-03-02T12:00:00Z');
    // Pruning runs when a kept key starts with 0 (one write in sixteen), so it costs nothing on most views.
    await keepCachedPage(s, '0-new-page', '<p>new</p>');
    expect(await readCachedPage(s, 'a-old-page')).toBeUndefined();
    expect(await readCachedPage(s, 'b-recent-page')).toBeDefined();
    expect(await readCachedPage(s, '0-new-page')).toBeDefined();
  });
});
