/**
 * localStorage access for the islands: JSON in and out, and no crash when storage is blocked (private browsing, a
 * locked-down ward computer). What is read back is untrusted and must be checked by the caller.
 */

/** Reads and parses a stored value; undefined when absent, unreadable or blocked. */
export function readStored(key: string): unknown {
  try {
    const raw = globalThis.localStorage?.getItem(key);
    return raw == null ? undefined : (JSON.parse(raw) as unknown);
  } catch {
    return undefined;
  }
}

/** Stores a value as JSON; returns false if the browser refused (then progress lasts only for this visit). */
export function writeStored(key: string, value: unknown): boolean {
  try {
    globalThis.localStorage.setItem(key, JSON.stringify(value));
    return true;
  } catch {
    return false;
  }
}

/** Removes a stored value, ignoring blocked storage. */
export function removeStored(key: string): void {
  try {
    globalThis.localStorage.removeItem(key);
  } catch {
    // Nothing stored means nothing to remove.
  }
}

/**
 * Removes everything the site keeps in this browser (every key under `imt:`): answers, passes, scenario progress and
 * certificates, for a learner leaving a shared computer. Returns how many values went.
 */
export function removeAllStored(): number {
  try {
    const storage = globalThis.localStorage;
    const ours: string[] = [];
    for (let i = 0; i < storage.length; i++) {
      const key = storage.key(i);
      if (key?.startsWith(STORAGE_PREFIX)) ours.push(key);
    }
    for (const key of ours) storage.removeItem(key);
    return ours.length;
  } catch {
    return 0;
  }
}

/** What every key the site stores starts with. */
const STORAGE_PREFIX = 'imt:';

/** The storage keys the site uses, in one place so they never drift between islands. */
export const storageKeys = {
  scenario: (slug: string) => `imt:scenario:${slug}`,
  attempts: 'imt:attempts',
  certificates: 'imt:certificates',
} as const;
