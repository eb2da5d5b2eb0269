import 'fake-indexeddb/auto';
import type { Decision } from '@im-records/redaction';
import { openDB } from 'idb';
import { describe, expect, it, vi } from 'vitest';
import type { CaseRecord } from '../src/lib/case-model.ts';
import { CaseSaver } from '../src/lib/case-saver.ts';
import { CaseJournal } from '../src/lib/journal.ts';
import { type CaseAction, newCase, withChange } from '../src/lib/reducer.ts';
import { CaseStore } from '../src/lib/store.ts';

let dbCounter = 0;

const first = newCase({
  id: 'c',
  at: '2025-06-01T09:00:00.000Z',
  officer: 'Ann',
  request: { type: 'foi', reference: 'FOI-1', received: '2025-05-20', requester: 'Jo Requester', organisation: '' },
});
const decision = (text: string): CaseAction => ({
  type: 'decision/record',
  at: '2025-06-02T10:00:00.000Z',
  decisions: [{ action: 'reject', proposalId: `p-${text}`, by: 'Ann', at: '2025-06-02T10:00:00.000Z' }],
});
/** The proposal a decision is about (the decisions made here are all accept or reject). */
const proposalOf = (decision: Decision) => ('proposalId' in decision ? decision.proposalId : null);
const toReview: CaseAction = { type: 'step/go', at: '2025-06-02T10:00:01.000Z', step: 'review' };

/**
 * A page with case `c` open (encrypted when `passphrase` is given): its store, journal and the record as loaded. A
 * second call with the same `name` is the page after a reload, on the same database.
 */
async function openPage(name: string, passphrase?: string, key?: CryptoKey) {
  const store = await CaseStore.open(name);
  const journal = new CaseJournal(store);
  const caseKey = key ?? null;
  const replayed = await journal.replay(await store.loadCase('c', caseKey), caseKey);
  return { store, journal, key: caseKey, passphrase, ...replayed };
}

/** A new database with case `c` stored (and encrypted with `passphrase`, whose key is returned). */
async function newDatabase(passphrase?: string): Promise<{ name: string; key?: CryptoKey }> {
  const name = `journal-${++dbCounter}`;
  const store = await CaseStore.open(name);
  await store.saveCase(first, null);
  const key = passphrase ? await store.encryptCase('c', passphrase, 1000) : undefined;
  store.close();
  return key ? { name, key } : { name };
}

/** Every byte the database holds for the journal, as text (what someone reading the disk could see). */
async function rawJournal(name: string): Promise<string> {
  const db = await openDB(name);
  const all = await db.getAll('journal');
  db.close();
  return JSON.stringify(all, (_key, value) =>
    value instanceof Uint8Array ? new TextDecoder('latin1').decode(value) : value,
  );
}

describe('CaseJournal', () => {
  for (const passphrase of [undefined, 'correct horse battery']) {
    const which = passphrase ? 'an encrypted' : 'a';

    it(`keeps a change made just before the page went, with nothing awaited after it (${which} case)`, async () => {
      const { name, key } = await newDatabase(passphrase);
      const page = await openPage(name, passphrase, key);
      // The page's event handler: journal, then change the record. The page goes before anything else runs.
      const { seq } = page.journal.append('c', decision('first'), Boolean(key));
      page.journal.append('c', toReview, Boolean(key));
      page.store.close();
      const reloaded = await openPage(name, passphrase, key);
      expect(reloaded.record.decisions.map(proposalOf)).toEqual(['p-first']);
      expect(reloaded.record.step).toBe('review');
      expect(reloaded.record.journaled).toBe(seq + 1);
      expect(reloaded.unreadable).toBe(0);
    });

    it(`applies only the changes the stored record lacks, and then removes the rest (${which} case)`, async () => {
      const { name, key } = await newDatabase(passphrase);
      const page = await openPage(name, passphrase, key);
      let record: CaseRecord = page.record;
      const one = page.journal.append('c', decision('one'), Boolean(key));
      record = withChange(record, one.seq, decision('one'));
      await one.written;
      // The record with change one is stored; change two is only in the journal.
      await page.store.saveCase(record, key ?? null);
      const two = page.journal.append('c', decision('two'), Boolean(key));
      await two.written;
      page.store.close();
      const reloaded = await openPage(name, passphrase, key);
      expect(reloaded.record.decisions.map(proposalOf)).toEqual(['p-one', 'p-two']);
      expect((await reloaded.store.journalEntries('c')).map((entry) => entry.seq)).toEqual([two.seq]);
      // Numbering goes on after the newest entry.
      expect(reloaded.journal.append('c', toReview, Boolean(key)).seq).toBe(two.seq + 1);
    });
  }

  it('leaves nothing of an encrypted case readable in the journal, and cannot be altered unseen', async () => {
    const { name, key } = await newDatabase('correct horse battery');
    const page = await openPage(name, 'correct horse battery', key);
    await page.journal.append('c', decision('Jane Okafor bed 4'), true).written;
    await page.journal.append('c', toReview, true).written;
    page.store.close();
    const raw = await rawJournal(name);
    expect(raw).not.toContain('Jane Okafor');
    expect(raw).not.toContain('review');
    expect(raw).not.toContain('decision');
    // A byte of the first entry flipped on disk: that change is left out and counted, the other still applies.
    const db = await openDB(name);
    const [entry] = await db.getAll('journal');
    entry.sealed.data[0] ^= 1;
    await db.put('journal', entry);
    db.close();
    const reloaded = await openPage(name, 'correct horse battery', key);
    expect(reloaded.unreadable).toBe(1);
    expect(reloaded.record.decisions).toEqual([]);
    expect(reloaded.record.step).toBe('review');
  });

  it('never writes a change in clear for an encrypted case whose journal key is not ready', async () => {
    const { name, key } = await newDatabase('correct horse battery');
    const store = await CaseStore.open(name);
    const journal = new CaseJournal(store); // never unlocked
    await expect(journal.append('c', decision('Jane Okafor'), true).written).rejects.toThrow(/key is not ready/);
    expect(await rawJournal(name)).toBe('[]');
    expect(key).toBeDefined();
    store.close();
  });

  it('folds changes journaled in clear into the record when the case is encrypted, and keeps none in clear', async () => {
    const { name } = await newDatabase();
    const page = await openPage(name);
    await page.journal.append('c', decision('Jane Okafor'), false).written;
    const key = await page.store.encryptCase('c', 'correct horse battery', 1000);
    expect(await rawJournal(name)).toBe('[]');
    const loaded = await page.store.loadCase('c', key);
    expect(loaded.decisions.map(proposalOf)).toEqual(['p-Jane Okafor']);
    expect(loaded.journaled).toBe(1);
  });

  it('is deleted with its case', async () => {
    const { name } = await newDatabase();
    const page = await openPage(name);
    await page.journal.append('c', decision('one'), false).written;
    await page.store.deleteCase('c');
    expect(await rawJournal(name)).toBe('[]');
  });

  it('holds what the case saver alone loses: an encrypted change still being sealed as the page goes', async () => {
    const { name, key } = await newDatabase('correct horse battery');
    const page = await openPage(name, 'correct horse battery', key);
    const saver = new CaseSaver({ store: page.store, keyOf: () => key ?? null, onError: () => {}, delayMs: 50 });
    const action = decision('one');
    const { seq } = page.journal.append('c', action, true);
    saver.changed(withChange(page.record, seq, action));
    saver.leaving(); // the record is still being sealed: the saver has nothing it can write yet
    page.store.close();
    // The stored record lacks the change (the saver's write never came); the journal has it.
    const after = await CaseStore.open(name);
    expect((await after.loadCase('c', key ?? null)).decisions).toEqual([]);
    after.close();
    const reloaded = await openPage(name, 'correct horse battery', key);
    expect(reloaded.record.decisions.map(proposalOf)).toEqual(['p-one']);
  });

  for (const passphrase of [undefined, 'correct horse battery']) {
    const which = passphrase ? 'an encrypted' : 'a';

    it(`removes the entries a stored record includes once it is stored, not on the next open (${which} case)`, async () => {
      const { name, key } = await newDatabase(passphrase);
      const page = await openPage(name, passphrase, key);
      const saver = new CaseSaver({
        store: page.store,
        keyOf: () => key ?? null,
        onError: (error) => {
          throw error;
        },
        onStored: (id, journaled) => void page.journal.compact(id, journaled),
        delayMs: 10_000,
      });
      let record = page.record;
      for (const text of ['one', 'two', 'three']) {
        const { seq, written } = page.journal.append('c', decision(text), Boolean(key));
        await written;
        record = withChange(record, seq, decision(text));
        saver.changed(record);
      }
      // drain() writes at once (not after the pause) and waits: what a tab does before another takes the case.
      await saver.drain();
      await page.journal.settled();
      // The removal is its own small transaction, after the save: waited for, as a fixed wait can be too short under load.
      await vi.waitFor(async () => expect(await page.store.journalEntries('c')).toEqual([]), { timeout: 5000 });
      // A change made after the save stays in the journal until a record with it is stored.
      const four = page.journal.append('c', decision('four'), Boolean(key));
      await four.written;
      expect((await page.store.journalEntries('c')).map((entry) => entry.seq)).toEqual([four.seq]);
      page.store.close();
      const reloaded = await openPage(name, passphrase, key);
      expect(reloaded.record.decisions.map(proposalOf)).toEqual(['p-one', 'p-two', 'p-three', 'p-four']);
    });
  }

  it('lists a case at the step its journal has reached, not the older one of its stored record', async () => {
    const { name } = await newDatabase();
    const page = await openPage(name);
    await page.journal.append('c', toReview, false).written;
    expect((await page.store.list()).map((listing) => listing.step)).toEqual(['review']);
    // Nothing is written by listing: the record is still the one stored.
    expect((await page.store.loadCase('c', null)).step).toBe('start');
  });
});
