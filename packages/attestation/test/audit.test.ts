import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { appendAudit, createCheckpoint, verifyAudit } from '../src/audit/log.ts';
import type { AttestationDatabase } from '../src/db/connect.ts';
import { generateServiceKey, registerServiceKey } from '../src/keys.ts';
import { engines, freshStore } from './databases.ts';

describe.each(engines)('audit log on %s', (engine) => {
  let database: AttestationDatabase | undefined;
  afterEach(async () => {
    await database?.close();
    database = undefined;
  });

  async function withEntries(count: number) {
    const fresh = await freshStore(engine);
    database = fresh.database;
    for (let i = 0; i < count; i++) {
      await appendAudit(fresh.store, { actor: 'system', type: 'settings.changed', data: { key: 'target', value: i } });
    }
    return fresh.store;
  }

  it('chains entries and verifies an intact log', async () => {
    const store = await withEntries(5);
    const result = await verifyAudit(store);
    expect(result).toMatchObject({ ok: true, entries: 5, headSeq: 5 });
    const rows = await store.db.selectFrom('audit_log').selectAll().orderBy('seq').execute();
    expect(rows.map((r) => r.seq)).toEqual([1, 2, 3, 4, 5]);
    expect(rows[1]?.prev_hash).toBe(rows[0]?.hash);
  });

  it('refuses UPDATE and DELETE in the database itself', async () => {
    const store = await withEntries(2);
    await expect(
      store.db.updateTable('audit_log').set({ actor: 'someone' }).where('seq', '=', 1).execute(),
    ).rejects.toThrow(/append-only/);
    await expect(store.db.deleteFrom('audit_log').where('seq', '=', 2).execute()).rejects.toThrow(/append-only/);
    expect((await verifyAudit(store)).ok).toBe(true);
  });

  it('names the first changed entry when the triggers are bypassed', async () => {
    const store = await withEntries(6);
    // Someone with the database owner's rights drops the trigger and edits entry 3.
    if (engine === 'sqlite') {
      await sql`drop trigger audit_log_no_update`.execute(store.db);
    } else {
      await sql`drop trigger audit_log_append_only on audit_log`.execute(store.db);
    }
    await store.db.updateTable('audit_log').set({ data: '{"key":"target","value":99}' }).where('seq', '=', 3).execute();
    const result = await verifyAudit(store);
    expect(result.ok).toBe(false);
    expect(result.firstBad?.seq).toBe(3);
    expect(result.firstBad?.reason).toMatch(/entry 3 .*changed/);
  });

  it('detects a removed tail entry and a checkpoint the chain no longer matches', async () => {
    const store = await withEntries(3);
    const key = generateServiceKey('Test Trust');
    await registerServiceKey(store.db, key, store.clock);
    const checkpoint = await createCheckpoint(store, key, 'system');
    expect(checkpoint.seq).toBe(4);
    expect((await verifyAudit(store)).ok).toBe(true);
    if (engine === 'sqlite') await sql`drop trigger audit_log_no_delete`.execute(store.db);
    else await sql`drop trigger audit_log_append_only on audit_log`.execute(store.db);
    await store.db.deleteFrom('audit_log').where('seq', '=', 4).execute();
    const result = await verifyAudit(store);
    expect(result.ok).toBe(false);
    expect(result.firstBad?.reason).toMatch(/missing/);
  });

  it('rejects a checkpoint whose signature was forged', async () => {
    const store = await withEntries(2);
    const key = generateServiceKey('Test Trust');
    await registerServiceKey(store.db, key, store.clock);
    const checkpoint = await createCheckpoint(store, key, 'system');
    const forged = { ...checkpoint, hash: checkpoint.hash.replace(/^./, (c) => (c === 'a' ? 'b' : 'a')) };
    const result = await verifyAudit(store, [forged]);
    expect(result.ok).toBe(false);
    expect(result.firstBad?.reason).toMatch(/bad signature/);
  });
});
