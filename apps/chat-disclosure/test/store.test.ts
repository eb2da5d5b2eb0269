import 'fake-indexeddb/auto';
import { openDB } from 'idb';
import { describe, expect, it } from 'vitest';
import { createKey, unlockKey, WrongPassphraseError } from '../src/lib/crypto.ts';
import { caseReducer, newCase } from '../src/lib/reducer.ts';
import { CaseNotFoundError, CaseStore, StorageError } from '../src/lib/store.ts';

let dbCounter = 0;
const openStore = () => CaseStore.open(`test-${++dbCounter}`);

const record = (id: string, updatedAt = '2025-06-01T09:00:00.000Z') =>
  newCase({
    id,
    at: updatedAt,
    officer: 'Ann',
    request: {
      type: 'sar',
      reference: `SAR-${id}`,
      received: '2025-05-20',
      requester: 'Jo Requester',
      organisation: '',
    },
  });

describe('CaseStore', () => {
  it('saves, lists (newest first) and loads cases', async () => {
    const store = await openStore();
    await store.saveCase(record('a', '2025-06-01T09:00:00.000Z'), null);
    await store.saveCase(record('b', '2025-06-02T09:00:00.000Z'), null);
    expect((await store.list()).map((listing) => listing.id)).toEqual(['b', 'a']);
    const loaded = await store.loadCase('a', null);
    expect(loaded.request.requester).toBe('Jo Requester');
    await expect(store.loadCase('missing', null)).rejects.toBeInstanceOf(CaseNotFoundError);
  });

  it('keeps the chat chosen in an archive through a save and a load', async () => {
    const store = await openStore();
    const summary = {
      format: 'telegram',
      variant: 'telegram-full-export',
      title: 'Night shift',
      participants: ['Ana'],
      firstMessage: null,
      lastMessage: null,
      messageCount: 1,
      attachmentCount: 0,
      attachmentsPresent: 0,
      warnings: [],
      sha256: 'abc',
    };
    const archive = { id: 'x1', fileName: 'result.json', size: 9, addedAt: 't', summary, chat: 'Night shift' };
    const withChat = caseReducer(record('chat'), { type: 'archive/add', at: 't', archive });
    await store.saveCase(withChat, null);
    expect((await store.loadCase('chat', null)).archives[0]?.chat).toBe('Night shift');
  });

  it('keeps archive bytes and deletes a case with all its archives for good', async () => {
    const store = await openStore();
    await store.saveCase(record('a'), null);
    await store.saveCase(record('b'), null);
    await store.putArchive('a', 'a-1', new Uint8Array([1, 2, 3]), null);
    await store.putArchive('a', 'a-2', new Uint8Array([4]), null);
    await store.putArchive('b', 'b-1', new Uint8Array([5]), null);
    expect([...(await store.getArchive('a-1', null))]).toEqual([1, 2, 3]);
    await store.deleteCase('a');
    expect((await store.list()).map((listing) => listing.id)).toEqual(['b']);
    await expect(store.getArchive('a-1', null)).rejects.toBeInstanceOf(StorageError);
    await expect(store.getArchive('a-2', null)).rejects.toBeInstanceOf(StorageError);
    expect([...(await store.getArchive('b-1', null))]).toEqual([5]);
  });

  it('encrypts a case and its archives with a passphrase; the wrong passphrase opens nothing', async () => {
    const store = await openStore();
    const original = record('enc');
    await store.saveCase(original, null);
    await store.putArchive('enc', 'enc-1', new TextEncoder().encode('chat text with a secret'), null);
    const key = await store.encryptCase('enc', 'correct horse battery', 1000);

    const listing = (await store.list())[0];
    expect(listing?.encrypted).toBe(true);
    expect(JSON.stringify(listing)).not.toContain('Jo Requester');
    await expect(store.loadCase('enc', null)).rejects.toBeInstanceOf(StorageError);

    const params = await store.keyParams('enc');
    expect(params?.iterations).toBe(1000);
    await expect(unlockKey('wrong passphrase', params as NonNullable<typeof params>)).rejects.toBeInstanceOf(
      WrongPassphraseError,
    );
    const again = await unlockKey('correct horse battery', params as NonNullable<typeof params>);
    expect((await store.loadCase('enc', again)).request.requester).toBe('Jo Requester');
    expect(new TextDecoder().decode(await store.getArchive('enc-1', again))).toBe('chat text with a secret');

    // Later saves stay encrypted, and a save without the key is refused rather than written in clear.
    const changed = caseReducer(original, { type: 'step/go', at: '2025-06-03T00:00:00.000Z', step: 'review' });
    await store.saveCase(changed, key);
    expect((await store.loadCase('enc', key)).step).toBe('review');
    await expect(store.saveCase(changed, null)).rejects.toBeInstanceOf(StorageError);
    // The refused save wrote nothing: its write, made in the same transaction as the read, was undone.
    expect((await store.list()).find((entry) => entry.id === 'enc')?.encrypted).toBe(true);
    await expect(store.loadCase('enc', null)).rejects.toBeInstanceOf(StorageError);
    await store.putArchive('enc', 'enc-2', new Uint8Array([9, 9]), key);
    expect([...(await store.getArchive('enc-2', key))]).toEqual([9, 9]);
  });

  it('saves at once as the page is left (atOnce): the write is committed without waiting on the read', async () => {
    const store = await openStore();
    await store.saveCase(record('leaving'), null);
    const changed = caseReducer(record('leaving'), { type: 'step/go', at: '2025-06-03T00:00:00.000Z', step: 'review' });
    await store.saveCase(changed, null, { atOnce: true });
    expect((await store.loadCase('leaving', null)).step).toBe('review');
  });

  it('takes its copy of an archive before returning, so the bytes can be moved to a worker while it writes', async () => {
    const store = await openStore();
    await store.saveCase(record('t'), null);
    const { key } = await createKey('passphrase here', 1000);
    for (const [id, caseKey] of [
      ['t-clear', null],
      ['t-sealed', key],
    ] as const) {
      const bytes = new TextEncoder().encode(`the export ${id}`);
      const writing = store.putArchive('t', id, bytes, caseKey);
      // What postMessage(…, [bytes.buffer]) does to the page's copy: the buffer is detached and reads as empty.
      structuredClone(bytes.buffer, { transfer: [bytes.buffer] });
      expect(bytes.length).toBe(0);
      await writing;
      expect(new TextDecoder().decode(await store.getArchive(id, caseKey))).toBe(`the export ${id}`);
    }
  });
});

describe('CaseStore.open while another tab holds the old version', () => {
  it('says it is waiting for that tab, then opens with the journal once the tab is closed', async () => {
    const name = `held-${++dbCounter}`;
    // A tab of the version before the journal: it keeps its connection and does not close it on an upgrade.
    const oldTab = await openDB(name, 1, {
      upgrade(database) {
        database.createObjectStore('cases', { keyPath: 'id' });
        database.createObjectStore('archives', { keyPath: 'id' }).createIndex('byCase', 'caseId');
      },
    });
    let told = false;
    const opening = CaseStore.open(name, { onBlocked: () => (told = true) });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(told).toBe(true);
    oldTab.close();
    const store = await opening;
    await store.putJournalEntry({
      caseId: 'c',
      seq: 1,
      action: { type: 'step/go', at: '2025-06-02T10:00:01.000Z', step: 'review' },
    });
    expect(await store.journalEntries('c')).toHaveLength(1);
  });
});
