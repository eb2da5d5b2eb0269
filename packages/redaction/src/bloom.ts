/**
 * A read-only Bloom filter: answers "is this probably an English word?" from a compact bit array, so the whole
 * dictionary-en-gb word list (about 60 KB as bits instead of 500 KB as text) can ship to a browser worker. A false
 * positive (about 1 in 100) only means an unknown capitalised word is not proposed as a name on that evidence alone.
 */

function fnv1a(s: string, seed: number): number {
  let h = (0x811c9dc5 ^ seed) >>> 0;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/** A Bloom filter over lower-case words (m bits, k hashes). */
export class BloomFilter {
  readonly #bits: Uint8Array;
  readonly #m: number;
  readonly #k: number;

  constructor(bits: Uint8Array, m: number, k: number) {
    this.#bits = bits;
    this.#m = m;
    this.#k = k;
  }

  /** An empty filter for `m` bits and `k` hashes (used by the build script). */
  static empty(m: number, k: number): BloomFilter {
    return new BloomFilter(new Uint8Array(Math.ceil(m / 8)), m, k);
  }

  /** A filter from its base64 bits. */
  static fromBase64(base64: string, m: number, k: number): BloomFilter {
    const raw = atob(base64);
    const bits = new Uint8Array(raw.length);
    for (let i = 0; i < raw.length; i++) bits[i] = raw.charCodeAt(i);
    return new BloomFilter(bits, m, k);
  }

  /** The i-th of a word's `k` bit positions, from its two hashes (double hashing). */
  #position(h1: number, h2: number, i: number): number {
    return ((h1 + Math.imul(i, h2)) >>> 0) % this.#m;
  }

  /** Adds a word (build time only). */
  add(word: string): void {
    const h1 = fnv1a(word, 0);
    const h2 = fnv1a(word, 0x5bd1e995) | 1;
    for (let i = 0; i < this.#k; i++) {
      const p = this.#position(h1, h2, i);
      this.#bits[p >>> 3] = (this.#bits[p >>> 3] ?? 0) | (1 << (p & 7));
    }
  }

  /** Whether the word was probably added (no array is made: this runs for many words of every chat). */
  has(word: string): boolean {
    const h1 = fnv1a(word, 0);
    const h2 = fnv1a(word, 0x5bd1e995) | 1;
    for (let i = 0; i < this.#k; i++) {
      const p = this.#position(h1, h2, i);
      if (((this.#bits[p >>> 3] ?? 0) & (1 << (p & 7))) === 0) return false;
    }
    return true;
  }

  /** The bits as base64 (build time only). */
  toBase64(): string {
    let raw = '';
    for (const b of this.#bits) raw += String.fromCharCode(b);
    return btoa(raw);
  }
}
