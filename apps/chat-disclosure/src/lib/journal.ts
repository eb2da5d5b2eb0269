/**
 * The journal: every change to a case is written the moment it is made, in a small IndexedDB transaction of its own,
 * so a reload, a closed tab or a crash straight after a change loses nothing.
 *
 * The case record is written too, a moment later (case-saver.ts), but that write can miss a page being left: it may
 * queue behind a save still under way, and an encrypted record must be sealed first, which WebCrypto does too late for
 * a page already going. A journal entry is small, sealed at once when the case is encrypted (crypto.ts `sealNow`), and
 * requested in the event handler that made the change. The record says which entries it includes (`journaled`); on
 * the next open, the entries after it are applied again in order. The entries a stored record includes are removed as
 * soon as that record's write has committed ({@link CaseJournal.compact}), and any left (a crash came between) on the
 * next open: so a long session's journal stays small, and at every moment each change is in the journal, the stored
 * record, or both.
 */
import type { CaseRecord } from './case-model.ts';
import { journalKeyOf, openNow, sealNow } from './crypto.ts';
import { type CaseAction, withChange } from './reducer.ts';
import { type CaseStore, type JournalEntry, StorageError } from './store.ts';

/** What {@link CaseJournal.replay} gives back. */
export interface Replayed {
  /** The stored record with the changes journaled after it. */
  record: CaseRecord;
  /** How many journaled changes could not be read (altered or damaged in storage), and were left out. */
  unreadable: number;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** The journal of the cases opened in this tab. One instance per page. */
export class CaseJournal {
  readonly #store: CaseStore;
  /** The number of each open case's newest change. */
  #seq = new Map<string, number>();
  /** The journal keys of encrypted cases unlocked in this tab (memory only, like the case keys). */
  #keys = new Map<string, Uint8Array>();
  /** Entries whose write has not settled yet ({@link settled} waits for them). */
  #writing = new Set<Promise<void>>();

  constructor(store: CaseStore) {
    this.#store = store;
  }

  /**
   * Gets a case's journal key from its case key. Called as a case is unlocked or encrypted, before any change is
   * made under the key: a change must be sealable the moment it is made.
   */
  async unlock(caseId: string, key: CryptoKey): Promise<void> {
    this.#keys.set(caseId, await journalKeyOf(key));
  }

  /**
   * Writes a change to the journal there and then (sealed when `encrypted`), and gives its number, to be kept with
   * the record it makes (reducer.ts `withChange`), and the write, which fails with a {@link StorageError}.
   */
  append(caseId: string, action: CaseAction, encrypted: boolean): { seq: number; written: Promise<void> } {
    const seq = (this.#seq.get(caseId) ?? 0) + 1;
    this.#seq.set(caseId, seq);
    if (!encrypted) return { seq, written: this.#track(this.#store.putJournalEntry({ caseId, seq, action })) };
    const journalKey = this.#keys.get(caseId);
    if (!journalKey) {
      // Never left in clear: the record's own save (sealed) still holds the change unless the page goes first.
      return { seq, written: Promise.reject(new StorageError('This case is encrypted but its key is not ready.')) };
    }
    const sealed = sealNow(journalKey, encoder.encode(JSON.stringify(action)));
    return { seq, written: this.#track(this.#store.putJournalEntry({ caseId, seq, sealed })) };
  }

  /** Waits until every entry this tab has asked to write is written (or failed): before another tab takes the case. */
  async settled(): Promise<void> {
    while (this.#writing.size > 0) await Promise.allSettled([...this.#writing]);
  }

  /**
   * Removes a case's entries up to `journaled`, once a record that includes them is stored (case-saver.ts `onStored`).
   * A failure is not reported: the entries are then removed on the next open, as before.
   */
  compact(caseId: string, journaled: number): Promise<void> {
    return this.#store.dropJournal(caseId, journaled).catch(() => undefined);
  }

  #track(written: Promise<void>): Promise<void> {
    const settled = written.then(
      () => undefined,
      () => undefined,
    );
    this.#writing.add(settled);
    void settled.then(() => this.#writing.delete(settled));
    return written;
  }

  /**
   * Applies to a record just loaded the changes journaled after it was stored, and removes the entries it already
   * includes. `key` is the case key of an encrypted case (its journal key is derived from it). Numbering of the case's
   * changes goes on from the newest entry.
   */
  async replay(record: CaseRecord, key: CryptoKey | null): Promise<Replayed> {
    if (key) await this.unlock(record.id, key);
    const included = record.journaled ?? 0;
    const entries = await this.#store.journalEntries(record.id);
    let current = record;
    let unreadable = 0;
    for (const entry of entries) {
      if (entry.seq <= included) continue;
      const action = this.#actionOf(entry);
      if (action) current = withChange(current, entry.seq, action);
      else unreadable++;
    }
    // A loop, not Math.max(...): a long session's entries could outnumber the arguments a call may take.
    this.#seq.set(
      record.id,
      entries.reduce((newest, entry) => Math.max(newest, entry.seq), included),
    );
    if (included > 0) await this.#store.dropJournal(record.id, included);
    return { record: current, unreadable };
  }

  /** An entry's change, or null when it cannot be read (altered, or sealed with a key this tab does not have). */
  #actionOf(entry: JournalEntry): CaseAction | null {
    if (entry.action) return entry.action;
    const journalKey = this.#keys.get(entry.caseId);
    if (!entry.sealed || !journalKey) return null;
    try {
      return JSON.parse(decoder.decode(openNow(journalKey, entry.sealed))) as CaseAction;
    } catch {
      return null;
    }
  }
}
