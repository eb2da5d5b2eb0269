/**
 * Keeps the stored case record up to date with the page's record. Each change is also in the journal from the moment it
 * is made (journal.ts), which is what makes a reload at any moment lose nothing; the record written here is what the
 * journal is applied to on the next open, so the more recent it is, the less there is to apply.
 *
 * A change is saved a moment after it happens (a run of quick changes is one write), and at once as the page is hidden
 * or left. Leaving gives no time to wait: the browser drops a transaction still waiting on a read, and any promise not
 * settled yet. So the write made as the page goes is requested there and then:
 * - a case in clear writes the newest record at once (and again one whose save was still under way);
 * - an encrypted case cannot seal its record then (sealing is asynchronous), so it seals each change as soon as it
 *   happens, and writes the newest copy already sealed. Sealing takes a few milliseconds, far less than it takes a
 *   person to reach for reload after a decision.
 */
import type { CaseRecord } from './case-model.ts';
import type { KeyParams } from './crypto.ts';
import type { CaseStore, SealedCase } from './store.ts';
import { timed } from './timeline.ts';

/** What the saver needs from the page. */
export interface CaseSaverOptions {
  store: CaseStore;
  /** The case's key while it is unlocked in this tab, or null for a case in clear. */
  keyOf: (caseId: string) => CryptoKey | null;
  /** A save that failed (storage full, case deleted in another tab). */
  onError: (error: unknown) => void;
  /** The pause after a change before it is written. */
  delayMs?: number;
  /**
   * A record was stored that includes the case's journal entries up to `journaled`: they can be removed (journal.ts
   * compaction). Called only once the record's write has committed, so a crash at any moment leaves each change either
   * in the journal or in the stored record.
   */
  onStored?: (caseId: string, journaled: number) => void;
}

/** A sealed copy of a record, numbered in the order the changes happened. */
interface SealedChange {
  change: number;
  sealed: SealedCase;
  /** The journal entries the sealed record includes. */
  journaled: number;
}

export class CaseSaver {
  readonly #options: Required<Omit<CaseSaverOptions, 'onStored'>> & Pick<CaseSaverOptions, 'onStored'>;
  #timer: ReturnType<typeof setTimeout> | undefined;
  /** Changes are numbered as they arrive. */
  #changes = 0;
  /** The change waiting for the pause to end, and the one whose write was last requested. */
  #pending: { change: number; record: CaseRecord } | null = null;
  #saving: { change: number; record: CaseRecord } | null = null;
  /** The newest change whose write was requested, and the newest whose write is done. */
  #requested = 0;
  #saved = 0;
  /** An encrypted case's changes being sealed, and the newest sealed so far. */
  #sealing = new Map<number, Promise<SealedCase>>();
  #newestSealed: SealedChange | null = null;
  #keyParams = new Map<string, Promise<KeyParams | undefined>>();
  /** Seals and writes not settled yet ({@link drain} waits for them). */
  #inFlight = new Set<Promise<unknown>>();

  constructor(options: CaseSaverOptions) {
    this.#options = { delayMs: 200, ...options };
  }

  /** The page's record changed: save it after the pause, and start sealing it now when the case is encrypted. */
  changed(record: CaseRecord): void {
    const change = ++this.#changes;
    this.#pending = { change, record };
    const key = this.#options.keyOf(record.id);
    if (key) this.#seal(change, record, key);
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => this.flush(), this.#options.delayMs);
  }

  /** Writes the pending change now (the pause is over, or the case view is closing). */
  flush(): void {
    clearTimeout(this.#timer);
    const pending = this.#pending;
    if (!pending) return;
    this.#pending = null;
    this.#saving = pending;
    const sealing = this.#sealing.get(pending.change);
    const { record } = pending;
    if (!sealing) {
      this.#write(pending.change, record, () => this.#options.store.saveCase(record, this.#options.keyOf(record.id)));
      return;
    }
    this.#track(
      sealing.then(
        (sealed) => this.#write(pending.change, record, () => this.#options.store.putSealedCase(sealed)),
        (error: unknown) => this.#options.onError(error),
      ),
    );
  }

  /**
   * Writes the pending change now and waits until every write asked for has settled: used before another tab takes
   * the case over (case-hold.ts), so that tab loads everything this one had. Failures go to `onError` as usual.
   */
  async drain(): Promise<void> {
    this.flush();
    while (this.#inFlight.size > 0) await Promise.allSettled([...this.#inFlight]);
  }

  /** The page is being hidden or left: write the newest change at once, without waiting on anything. */
  leaving(): void {
    const newest = this.#pending ?? this.#saving;
    if (!newest || newest.change <= this.#saved) return;
    if (this.#options.keyOf(newest.record.id)) {
      // The newest copy already sealed. A change still being sealed keeps its timer: if the page stays (the tab was
      // only hidden), it is written as usual.
      const sealed = this.#newestSealed;
      if (sealed && sealed.change > this.#saved) {
        this.#write(
          sealed.change,
          { id: newest.record.id, journaled: sealed.journaled },
          () => this.#options.store.putSealedCase(sealed.sealed, { atOnce: true }),
          true,
        );
      }
      return;
    }
    clearTimeout(this.#timer);
    this.#pending = null;
    this.#saving = newest;
    this.#write(
      newest.change,
      newest.record,
      () => this.#options.store.saveCase(newest.record, null, { atOnce: true }),
      true,
    );
  }

  #seal(change: number, record: CaseRecord, key: CryptoKey): void {
    let params = this.#keyParams.get(record.id);
    if (!params) {
      params = this.#options.store.keyParams(record.id);
      this.#keyParams.set(record.id, params);
    }
    const sealing = params.then((keyParams) => {
      if (!keyParams) throw new Error(`Case ${record.id} has a key in this tab but is stored in clear.`);
      return this.#options.store.sealCase(record, key, keyParams);
    });
    this.#sealing.set(change, sealing);
    this.#track(sealing);
    sealing.then(
      (sealed) => {
        if ((this.#newestSealed?.change ?? 0) < change) {
          this.#newestSealed = { change, sealed, journaled: record.journaled ?? 0 };
        }
      },
      () => {},
    );
  }

  /**
   * Requests a change's write, unless a newer one was requested already (an older copy must never land on a newer:
   * sealing does not always finish in order). `again` writes even so: the page is going, and a write requested
   * before may be dropped with it.
   */
  #write(
    change: number,
    record: Pick<CaseRecord, 'id' | 'journaled'>,
    request: () => Promise<void>,
    again = false,
  ): void {
    if (change < this.#requested || (change === this.#requested && !again)) return;
    this.#requested = change;
    this.#track(
      timed('idb:case', request).then(
        () => {
          if (this.#saved < change) this.#saved = change;
          for (const done of this.#sealing.keys()) if (done <= this.#saved) this.#sealing.delete(done);
          // Committed: the journal entries this record includes are no longer needed.
          if (record.journaled) this.#options.onStored?.(record.id, record.journaled);
        },
        (error: unknown) => this.#options.onError(error),
      ),
    );
  }

  /** Keeps a seal or write in {@link drain}'s sight until it settles. */
  #track(work: Promise<unknown>): void {
    const settled = work.then(
      () => undefined,
      () => undefined,
    );
    this.#inFlight.add(settled);
    void settled.then(() => this.#inFlight.delete(settled));
  }
}
