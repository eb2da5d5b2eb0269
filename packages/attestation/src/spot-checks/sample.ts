/**
 * The monthly spot check draw as a pure function: the same eligible roster and seed always give the same people, on
 * any machine and in any language that has SHA-256, so anyone can re-run a draw and check it. The random stream is
 * SHA-256 in counter mode (block i = SHA-256 of `seed`, a colon and i), read as big-endian 32-bit words; a number below
 * n takes rejection sampling, so no person is more likely than another. Without stratification the sample is a
 * partial Fisher–Yates shuffle of the roster sorted by employee number. With stratification by department each
 * department gets its share of the sample in proportion to its size (largest remainders, ties to the department that
 * sorts first), then a partial shuffle within each department, departments in the order of their ids.
 */
import { createHash } from 'node:crypto';

/** One person who could be drawn. */
export interface RosterEntry {
  employeeNumber: string;
  departmentId: string;
}

/** How to draw. */
export interface SampleOptions {
  seed: string;
  size: number;
  stratify: 'department' | 'none';
}

/** The eligible roster in its canonical order (by employee number). */
export function canonicalRoster(entries: readonly RosterEntry[]): RosterEntry[] {
  return [...entries].sort((a, b) =>
    a.employeeNumber < b.employeeNumber ? -1 : a.employeeNumber > b.employeeNumber ? 1 : 0,
  );
}

/** SHA-256 of the canonical roster, one `employeeNumber<TAB>departmentId` line each: names the roster a draw used. */
export function rosterSha256(entries: readonly RosterEntry[]): string {
  const text = canonicalRoster(entries)
    .map((e) => `${e.employeeNumber}\t${e.departmentId}\n`)
    .join('');
  return createHash('sha256').update(text).digest('hex');
}

/** A deterministic stream of uniform integers from a seed. */
export class SeededStream {
  readonly #seed: string;
  #block = 0;
  #words: number[] = [];

  constructor(seed: string) {
    this.#seed = seed;
  }

  /** The next 32-bit unsigned word. */
  nextWord(): number {
    if (this.#words.length === 0) {
      const digest = createHash('sha256').update(`${this.#seed}:${this.#block}`).digest();
      this.#block += 1;
      for (let i = 0; i < 32; i += 4) this.#words.push(digest.readUInt32BE(i));
    }
    return this.#words.shift() as number;
  }

  /** A uniform integer in [0, n). */
  below(n: number): number {
    if (!(n >= 1 && n <= 2 ** 32)) throw new RangeError(`cannot draw below ${n}`);
    const limit = Math.floor(2 ** 32 / n) * n;
    for (;;) {
      const word = this.nextWord();
      if (word < limit) return word % n;
    }
  }
}

function partialShuffle<T>(list: readonly T[], count: number, stream: SeededStream): T[] {
  const copy = [...list];
  const k = Math.min(count, copy.length);
  for (let i = 0; i < k; i++) {
    const j = i + stream.below(copy.length - i);
    [copy[i], copy[j]] = [copy[j] as T, copy[i] as T];
  }
  return copy.slice(0, k);
}

/** Each department's share of a sample of `size` from groups of the given sizes (largest remainders). */
export function allocate(sizes: ReadonlyMap<string, number>, size: number): Map<string, number> {
  const total = [...sizes.values()].reduce((a, b) => a + b, 0);
  const wanted = Math.min(size, total);
  const ids = [...sizes.keys()].sort();
  const quotas = new Map<string, number>();
  const remainders: { id: string; fraction: number }[] = [];
  let given = 0;
  for (const id of ids) {
    const exact = total === 0 ? 0 : (wanted * (sizes.get(id) ?? 0)) / total;
    const whole = Math.floor(exact);
    quotas.set(id, whole);
    given += whole;
    remainders.push({ id, fraction: exact - whole });
  }
  remainders.sort((a, b) => b.fraction - a.fraction || (a.id < b.id ? -1 : 1));
  for (const { id } of remainders.slice(0, wanted - given)) quotas.set(id, (quotas.get(id) ?? 0) + 1);
  return quotas;
}

/** Draws the sample. Same roster (in any order) and options, same people. */
export function drawSample(entries: readonly RosterEntry[], options: SampleOptions): RosterEntry[] {
  const roster = canonicalRoster(entries);
  const stream = new SeededStream(options.seed);
  if (options.stratify === 'none') return partialShuffle(roster, options.size, stream);
  const groups = new Map<string, RosterEntry[]>();
  for (const entry of roster) {
    const list = groups.get(entry.departmentId);
    if (list) list.push(entry);
    else groups.set(entry.departmentId, [entry]);
  }
  const quotas = allocate(new Map([...groups].map(([id, list]) => [id, list.length])), options.size);
  const drawn: RosterEntry[] = [];
  for (const id of [...groups.keys()].sort())
    drawn.push(...partialShuffle(groups.get(id) ?? [], quotas.get(id) ?? 0, stream));
  return drawn;
}
