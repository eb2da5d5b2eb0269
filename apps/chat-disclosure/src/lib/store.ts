/**
 * Cases kept in the browser's IndexedDB (through `idb`, a small promise wrapper): the case record in one store, each
 * archive's bytes in another, so a case resumes after a reload or crash with everything needed to rebuild the review;
 * and a third, the journal, holds each change as it is made until the case record has caught up (journal.ts).
 * An encrypted case keeps only its listing (reference, type, dates: no personal data) in clear; the record, the
 * journal's changes and the archive bytes are sealed with the case key (see crypto.ts).
 */
import { type DBSchema, type IDBPDatabase, openDB } from 'idb';
import type { CaseListing, CaseRecord } from './case-model.ts';
import { createKey, type KeyParams, open, openJson, type Sealed, seal, sealJson } from './crypto.ts';
import { type CaseAction, listingOf, withChange } from './reducer.ts';

/** Base class of storage failures; each subclass's message says what to do next. */
export class StorageError extends Error {
  override name = 'StorageError';
}

/** Thrown when the browser's storage quota is reached while saving. */
export class StorageFullError extends StorageError {
  override name = 'StorageFullError';
  constructor() {
    super(
      'Your browser has run out of storage space for cases. Delete cases you have finished with (on the "Your cases" page), then try again.',
    );
  }
}

/** Thrown when IndexedDB cannot be opened (private browsing, or storage blocked by the laptop's policy). */
export class StorageUnavailableError extends StorageError {
  override name = 'StorageUnavailableError';
  constructor(cause: unknown) {
    super(
      'This browser will not let the tool save your work, so a closed tab would lose it. Open the tool in a normal (not private) window, or ask IT to allow site storage for it.',
      { cause },
    );
  }
}

/** Thrown when a case id is not in storage (deleted in another tab, or storage cleared). */
export class CaseNotFoundError extends StorageError {
  override name = 'CaseNotFoundError';
  constructor(id: string) {
    super(`Case ${id} is no longer stored in this browser. It may have been deleted in another tab.`);
  }
}

interface StoredCase {
  id: string;
  listing: CaseListing;
  keyParams?: KeyParams;
  record?: CaseRecord;
  sealed?: Sealed;
}

/** An encrypted case's record sealed with its key, as it is stored ({@link CaseStore.sealCase}). */
export type SealedCase = StoredCase & { keyParams: KeyParams; sealed: Sealed };

interface StoredArchive {
  id: string;
  caseId: string;
  bytes?: Uint8Array;
  sealed?: Sealed;
}

/**
 * One change to a case, as made (journal.ts): `seq` numbers the case's changes in order; a case in clear keeps the
 * action as it is, an encrypted case keeps it sealed with the journal key.
 */
export interface JournalEntry {
  caseId: string;
  seq: number;
  action?: CaseAction;
  sealed?: Sealed;
}

interface Schema extends DBSchema {
  cases: { key: string; value: StoredCase };
  archives: { key: string; value: StoredArchive; indexes: { byCase: string } };
  journal: { key: [string, number]; value: JournalEntry };
}

/** Every journal key of one case, in order. */
const journalOfCase = (caseId: string) => IDBKeyRange.bound([caseId, 0], [caseId, Number.POSITIVE_INFINITY]);

/**
 * A case in clear's listing with the changes journaled after its stored record (entries in key order, so in the order
 * made); an encrypted case's as stored.
 */
function listingWithJournal(stored: StoredCase, entries: JournalEntry[]): CaseListing {
  if (!stored.record) return stored.listing;
  let record = stored.record;
  for (const entry of entries) {
    if (entry.action && entry.seq > (record.journaled ?? 0)) record = withChange(record, entry.seq, entry.action);
  }
  return record === stored.record ? stored.listing : listingOf(record, false);
}

function isQuotaError(error: unknown): boolean {
  return error instanceof DOMException && error.name === 'QuotaExceededError';
}

async function guard<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (isQuotaError(error)) throw new StorageFullError();
    throw error;
  }
}

/** The app's storage of cases. One instance per page. */
export class CaseStore {
  readonly #db: IDBPDatabase<Schema>;

  private constructor(db: IDBPDatabase<Schema>) {
    this.#db = db;
  }

  /**
   * Opens (creating on first use) the database; throws {@link StorageUnavailableError} when IndexedDB is blocked.
   * `onBlocked` is called when a tab still running an older version of the tool holds the database open: the upgrade
   * (and this open) waits until that tab is closed, so the page must say so rather than sit on its opening screen.
   */
  static async open(name = 'chat-disclosure', options: { onBlocked?: () => void } = {}): Promise<CaseStore> {
    try {
      const db = await openDB<Schema>(name, 2, {
        blocked() {
          options.onBlocked?.();
        },
        upgrade(database, oldVersion) {
          if (oldVersion < 1) {
            database.createObjectStore('cases', { keyPath: 'id' });
            database.createObjectStore('archives', { keyPath: 'id' }).createIndex('byCase', 'caseId');
          }
          // Version 2: the journal, in a store of its own so its small writes never wait behind a case record's.
          if (oldVersion < 2) database.createObjectStore('journal', { keyPath: ['caseId', 'seq'] });
        },
      });
      return new CaseStore(db);
    } catch (error) {
      throw new StorageUnavailableError(error);
    }
  }

  /**
   * Every stored case's listing, most recently changed first, as the case stands with its journal: the stored record
   * can lag the journal (the page went before the record was written), and the list showed the older step. A case in
   * clear has its journaled changes applied. An encrypted case's changes are sealed (nothing of them is written in
   * clear), so its listing is the one stored with its record, which catches up as soon as the case is opened. Nothing is
   * written here: the tab holding a case is the only one that writes it (case-hold.ts).
   */
  async list(): Promise<CaseListing[]> {
    const tx = this.#db.transaction(['cases', 'journal']);
    const [all, entries] = await Promise.all([tx.objectStore('cases').getAll(), tx.objectStore('journal').getAll()]);
    const byCase = new Map<string, JournalEntry[]>();
    for (const entry of entries) {
      const list = byCase.get(entry.caseId);
      if (list) list.push(entry);
      else byCase.set(entry.caseId, [entry]);
    }
    return all
      .map((stored) => listingWithJournal(stored, byCase.get(stored.id) ?? []))
      .sort((a, b) => b.updatedAt.localeCompare(a.updatedAt));
  }

  /** The key parameters of an encrypted case, or undefined when it is stored in clear. */
  async keyParams(id: string): Promise<KeyParams | undefined> {
    const stored = await this.#db.get('cases', id);
    if (!stored) throw new CaseNotFoundError(id);
    return stored.keyParams;
  }

  /**
   * Saves a case (sealed with `key` when the case is encrypted; the stored key parameters are kept). A case in clear is
   * read and written in one transaction, which a case found encrypted after all (sealed by the case details step while
   * this save was waiting) aborts, undoing the write. With `atOnce` (the case view's save as the page is hidden or
   * reloaded) the transaction is committed as soon as its requests are made: a transaction left to commit itself once a
   * read had answered was dropped with the page, and the officer's last decision with it. It then cannot be undone, so
   * `atOnce` is for a case this page holds in clear. An encrypted case is sealed first ({@link sealCase}), which takes
   * time a page being left does not give: the case view seals each change as it happens and writes the newest sealed
   * copy with {@link putSealedCase} as the page goes.
   */
  async saveCase(record: CaseRecord, key: CryptoKey | null, options: { atOnce?: boolean } = {}): Promise<void> {
    if (key) {
      const keyParams = (await this.#db.get('cases', record.id))?.keyParams;
      if (keyParams) return this.putSealedCase(await this.sealCase(record, key, keyParams), options);
    }
    await guard(async () => {
      const tx = this.#db.transaction('cases', 'readwrite');
      const existing = tx.store.get(record.id);
      const written = tx.store.put({ id: record.id, listing: listingOf(record, false), record });
      if (options.atOnce) {
        tx.commit();
        await Promise.all([written, tx.done]);
        return;
      }
      if ((await existing)?.keyParams) {
        tx.abort();
        await Promise.allSettled([written, tx.done]);
        throw new StorageError('This case is encrypted: unlock it before saving.');
      }
      await Promise.all([written, tx.done]);
    });
  }

  /** Seals an encrypted case's record with its key, ready to be written by {@link putSealedCase}. */
  async sealCase(record: CaseRecord, key: CryptoKey, keyParams: KeyParams): Promise<SealedCase> {
    return {
      id: record.id,
      listing: listingOf(record, true),
      keyParams,
      sealed: await sealJson(key, record),
    };
  }

  /** Writes a sealed case: one put, requested before it returns, and committed at once with `atOnce`. */
  putSealedCase(sealedCase: SealedCase, options: { atOnce?: boolean } = {}): Promise<void> {
    const tx = this.#db.transaction('cases', 'readwrite');
    const written = tx.store.put(sealedCase);
    if (options.atOnce) tx.commit();
    return guard(async () => {
      await Promise.all([written, tx.done]);
    });
  }

  /**
   * Writes one journal entry, requested before it returns and committed at once, in a transaction of its own on the
   * journal alone: nothing else queues it, so the write is made even when the page is reloaded or closed next.
   */
  putJournalEntry(entry: JournalEntry): Promise<void> {
    const tx = this.#db.transaction('journal', 'readwrite');
    const written = tx.store.put(entry);
    tx.commit();
    return guard(async () => {
      await Promise.all([written, tx.done]);
    });
  }

  /** A case's journal entries, in the order the changes were made. */
  async journalEntries(caseId: string): Promise<JournalEntry[]> {
    return this.#db.getAll('journal', journalOfCase(caseId));
  }

  /** Removes a case's journal entries up to and including `seq` (the record stored has them). */
  async dropJournal(caseId: string, seq: number): Promise<void> {
    await this.#db.delete('journal', IDBKeyRange.bound([caseId, 0], [caseId, seq]));
  }

  /** Loads a case; `key` is needed when it is encrypted (a wrong one throws WrongPassphraseError). */
  async loadCase(id: string, key: CryptoKey | null): Promise<CaseRecord> {
    const stored = await this.#db.get('cases', id);
    if (!stored) throw new CaseNotFoundError(id);
    if (stored.record) return stored.record;
    if (!stored.sealed || !key) throw new StorageError('This case is encrypted: enter its passphrase to open it.');
    return openJson<CaseRecord>(key, stored.sealed);
  }

  /**
   * Stores an archive's bytes for a case. Not async on purpose: the bytes are copied before it returns (IndexedDB's
   * `put` clones its value at once; WebCrypto copies what it encrypts), so the caller may then transfer them to a
   * worker while the write completes.
   */
  putArchive(caseId: string, archiveId: string, bytes: Uint8Array, key: CryptoKey | null): Promise<void> {
    const stored: Promise<StoredArchive> = key
      ? seal(key, bytes).then((sealed) => ({ id: archiveId, caseId, sealed }))
      : Promise.resolve({ id: archiveId, caseId, bytes: bytes.slice() });
    return guard(async () => {
      await this.#db.put('archives', await stored);
    });
  }

  /** An archive's bytes. */
  async getArchive(archiveId: string, key: CryptoKey | null): Promise<Uint8Array> {
    const stored = await this.#db.get('archives', archiveId);
    if (!stored)
      throw new StorageError(`The stored copy of a chat export (${archiveId}) is missing. Add the file again.`);
    if (stored.bytes) return stored.bytes;
    if (!stored.sealed || !key) throw new StorageError('This case is encrypted: enter its passphrase to open it.');
    return open(key, stored.sealed);
  }

  /** Removes one archive's bytes. */
  async deleteArchive(archiveId: string): Promise<void> {
    await this.#db.delete('archives', archiveId);
  }

  /**
   * Deletes a case, every archive stored for it and its journal, in one transaction: nothing of it is left in this
   * browser.
   */
  async deleteCase(id: string): Promise<void> {
    const tx = this.#db.transaction(['cases', 'archives', 'journal'], 'readwrite');
    const archives = tx.objectStore('archives');
    tx.objectStore('journal').delete(journalOfCase(id));
    const keys = await archives.index('byCase').getAllKeys(id);
    await Promise.all([...keys.map((key) => archives.delete(key)), tx.objectStore('cases').delete(id), tx.done]);
  }

  /**
   * Encrypts a stored case and its archives with a new passphrase, in place; returns the key to keep in memory while
   * the case is open. The clear copies are overwritten in the same transaction, and its journal (changes in clear,
   * all in the record it seals) is emptied.
   */
  async encryptCase(id: string, passphrase: string, iterations?: number): Promise<CryptoKey> {
    const stored = await this.#db.get('cases', id);
    if (!stored) throw new CaseNotFoundError(id);
    if (!stored.record) throw new StorageError('This case is already encrypted.');
    // Changes journaled after the record was stored go into the sealed record: the journal in clear is emptied.
    let record = stored.record;
    for (const entry of await this.journalEntries(id)) {
      if (entry.action && entry.seq > (record.journaled ?? 0)) record = withChange(record, entry.seq, entry.action);
    }
    const { key, params } = await createKey(passphrase, iterations);
    const archives = await this.#db.getAllFromIndex('archives', 'byCase', id);
    const sealedArchives: StoredArchive[] = [];
    for (const archive of archives) {
      if (archive.bytes) sealedArchives.push({ id: archive.id, caseId: id, sealed: await seal(key, archive.bytes) });
    }
    const sealedCase: StoredCase = {
      id,
      listing: listingOf(record, true),
      keyParams: params,
      sealed: await sealJson(key, record),
    };
    await guard(async () => {
      const tx = this.#db.transaction(['cases', 'archives', 'journal'], 'readwrite');
      await Promise.all([
        ...sealedArchives.map((archive) => tx.objectStore('archives').put(archive)),
        tx.objectStore('cases').put(sealedCase),
        tx.objectStore('journal').delete(journalOfCase(id)),
        tx.done,
      ]);
    });
    return key;
  }

  /** Closes the connection (tests, and before deleting the database). */
  close(): void {
    this.#db.close();
  }
}
