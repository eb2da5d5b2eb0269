import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { appendAudit, createCheckpoint, ensureDailyCheckpoint, entryHash, verifyAudit } from '../src/audit/log.ts';
import type { AttestationDatabase } from '../src/db/connect.ts';
import { ConflictError } from '../src/errors.ts';
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

  it('signs no checkpoint over a log that no longer checks out, and the daily one skips it without failing', async () => {
    const store = await withEntries(3);
    const key = generateServiceKey('Test Trust');
    await registerServiceKey(store.db, key, store.clock);
    await createCheckpoint(store, key, 'system');
    await appendAudit(store, { actor: 'system', type: 'settings.changed', data: { key: 'target', value: 5 } });
    await appendAudit(store, { actor: 'system', type: 'settings.changed', data: { key: 'target', value: 6 } });
    if (engine === 'sqlite') await sql`drop trigger audit_log_no_update`.execute(store.db);
    else await sql`drop trigger audit_log_append_only on audit_log`.execute(store.db);
    const countCheckpoints = async () =>
      (await store.db.selectFrom('audit_checkpoints').select('seq').execute()).map((r) => r.seq);

    // An entry after the last checkpoint edited: signing now would vouch for it.
    await store.db.updateTable('audit_log').set({ data: '{"key":"target","value":99}' }).where('seq', '=', 5).execute();
    await expect(createCheckpoint(store, key, 'admin')).rejects.toThrow(ConflictError);
    await expect(createCheckpoint(store, key, 'admin')).rejects.toThrow(/broken at entry 5: entry 5 .*changed/);
    expect(await countCheckpoints()).toEqual([4]);
    expect((await store.db.selectFrom('audit_head').select('seq').executeTakeFirstOrThrow()).seq).toBe(6);
    await expect(ensureDailyCheckpoint(store, key, '2026-03-03')).resolves.toBeUndefined();
    expect(await countCheckpoints()).toEqual([4]);
    await store.db.updateTable('audit_log').set({ data: '{"key":"target","value":5}' }).where('seq', '=', 5).execute();
    expect((await verifyAudit(store)).ok).toBe(true);

    // An entry before it changed and every hash after it recomputed, head included: the chain now differs from the
    // signed checkpoint, and a new checkpoint over the rewritten head is refused too.
    const rows = await store.db.selectFrom('audit_log').selectAll().orderBy('seq').execute();
    let prevHash = rows[0]?.hash ?? '';
    for (const row of rows.slice(1)) {
      const data = row.seq === 2 ? { key: 'target', value: 42 } : JSON.parse(row.data);
      const hash = entryHash(prevHash, { ...row, data });
      await store.db
        .updateTable('audit_log')
        .set({ data: JSON.stringify(data), prev_hash: prevHash, hash })
        .where('seq', '=', row.seq)
        .execute();
      prevHash = hash;
    }
    await store.db.updateTable('audit_head').set({ hash: prevHash }).where('id', '=', 1).execute();
    await expect(createCheckpoint(store, key, 'admin')).rejects.toThrow(
      /differs from the checkpoint signed at entry 4/,
    );
    expect(await countCheckpoints()).toEqual([4]);
  });
});
