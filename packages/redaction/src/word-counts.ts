/**
 * How often each word is written in lower case in a chat, counted in one cheap walk over the text (no word is cut
 * out): a count-min sketch of two rows of 2^20 saturating 16-bit counters, indexed by two parts of the word's 32-bit
 * FNV-1a hash. A collision can only raise a count, never lower it, and needs both rows to collide to matter.
 *
 * Consistency uses it so that a word the chat uses as an everyday word ("best", "sales", "new") is not carried from
 * one capitalised use to every other.
 */
import { HASH_START, hashStep, hashWord } from './word-gate.ts';

const BITS = 20;
const SIZE = 1 << BITS;
const MASK = SIZE - 1;

/** Letters (ASCII or beyond) and digits. */
const isWordCode = (c: number): boolean =>
  (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c >= 128 || (c >= 48 && c <= 57);

/** Lower-case word counts of one chat. */
export class WordCounts {
  readonly #low = new Uint16Array(SIZE);
  readonly #high = new Uint16Array(SIZE);
  #texts = 0;

  /** How many texts were counted (0: nothing is known about the chat's words). */
  get texts(): number {
    return this.#texts;
  }

  /** Counts the lower-case ASCII words of one text (a word starting with a capital, or with other letters, is skipped). */
  add(text: string): void {
    this.#texts++;
    const n = text.length;
    let i = 0;
    while (i < n) {
      let c = text.charCodeAt(i);
      if (c < 97 || c > 122) {
        // Skip a word that does not start in lower case (capitalised, digits, other scripts) to its end.
        i++;
        if (isWordCode(c)) while (i < n && isWordCode(text.charCodeAt(i))) i++;
        continue;
      }
      const start = i;
      let h = HASH_START;
      let plain = true;
      while (i < n) {
        c = text.charCodeAt(i);
        if (c >= 97 && c <= 122) h = hashStep(h, c);
        else if (isWordCode(c)) plain = false;
        else break;
        i++;
      }
      if (!plain) continue;
      // A word inside an address, a handle or a path ("abbey.leffler31@example.org", "@sam", "/news/") is not prose.
      const before = start > 0 ? text.charCodeAt(start - 1) : 32;
      if (before === 64 || before === 46 || before === 47 || before === 95 || before === 35) continue;
      if (c === 64 || c === 95 || c === 47) continue;
      if (c === 46 && i + 1 < n && isWordCode(text.charCodeAt(i + 1))) continue;
      const a = h & MASK;
      const b = (h >>> 12) & MASK;
      const low = this.#low[a] as number;
      if (low < 65535) this.#low[a] = low + 1;
      const high = this.#high[b] as number;
      if (high < 65535) this.#high[b] = high + 1;
    }
  }

  /** How many times a lower-case ASCII word was written in lower case (at least; never fewer). */
  get(lower: string): number {
    const h = hashWord(lower);
    return Math.min(this.#low[h & MASK] as number, this.#high[(h >>> 12) & MASK] as number);
  }
}
