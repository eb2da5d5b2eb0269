/** What every screen is handed: storage, the two workers and the keys of the encrypted cases unlocked in this tab. */
import type { Bridge } from '../lib/bridge.ts';
import type { CaseJournal } from '../lib/journal.ts';
import type { CaseStore } from '../lib/store.ts';
import type { CaseStages, PackageStages } from '../worker/stages.ts';

/** The page's long-lived services. */
export interface Services {
  store: CaseStore;
  /** Each change as it is made, so none is lost to a reload (journal.ts). */
  journal: CaseJournal;
  caseWorker: Bridge<CaseStages>;
  packageWorker: Bridge<PackageStages>;
  /** Keys of encrypted cases unlocked in this tab (memory only: never stored). */
  keys: Map<string, CryptoKey>;
}

/** A new random id for cases, archives and pauses. */
export const newId = (): string => crypto.randomUUID();

/** Now, as an ISO timestamp, for the reducer's actions. */
export const nowIso = (): string => new Date().toISOString();
