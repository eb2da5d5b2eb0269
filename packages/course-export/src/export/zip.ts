/**
 * Deterministic zip writing: entries sorted by path, every entry dated the same fixed moment, the same compression
 * level, so the same files always give the same bytes (and an LMS administrator can compare two exports by hash).
 */
import { type Zippable, zipSync } from 'fflate';

/** Zips `files` (path → bytes) with every entry dated `date` (YYYY-MM-DD, noon, so no time zone moves it a day). */
export function deterministicZip(files: ReadonlyMap<string, Uint8Array>, date: string): Uint8Array {
  const [year, month, day] = date.split('-').map(Number);
  // fflate writes DOS times from the local-time fields of the Date, so build it from local fields.
  const mtime = new Date(Math.max(1980, year ?? 1980), (month ?? 1) - 1, day ?? 1, 12, 0, 0);
  const entries: Zippable = {};
  for (const path of [...files.keys()].sort()) {
    const data = files.get(path) as Uint8Array;
    entries[path] = [data, { mtime, level: 9 }];
  }
  return zipSync(entries);
}
