/**
 * How often each word is written in lower case in a chat, and how often capitalised, counted in one cheap walk over
 * the text (no word is cut out): saturating 8-bit counters indexed by the word's 32-bit FNV-1a hash. A collision can
 * only raise a count, never lower it (two words of a chat share a counter about once in fifty).
 *
 * Consistency uses it so that a word the chat uses as an everyday word ("best", "sales", "new") is not carried from
 * one capitalised use to every other; the name model reads both counts as features.
 */
import { HASH_START, hashStep, hashWord } from './word-gate.ts';

const SIZE = 1 << 21;
const MASK = SIZE - 1;

/** Letters (ASCII or beyond) and digits. */
const isWordCode = (c: number): boolean =>
  (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c >= 128 || (c >= 48 && c <= 57);

/** Lower-case (and capitalised) word counts of one chat. */
export class WordCounts {
  readonly #lower = new Uint8Array(SIZE);
  readonly #capitalised = new Uint8Array(SIZE);
  #texts = 0;

  /** How many texts were counted (0: nothing is known about the chat's words). */
  get texts(): number {
    return this.#texts;
  }

  /**
   * Counts the plain ASCII words of one text written in lower case ("best") or capitalised ("Best"); other words
   * (capitals throughout, CamelCase, digits, other scripts) and words in addresses, handles and paths are skipped.
   */
  add(text: string): void {
    this.#texts++;
    const n = text.length;
    let i = 0;
    while (i < n) {
      let c = text.charCodeAt(i);
      const upperFirst = c >= 65 && c <= 90;
      if (!upperFirst && (c < 97 || c > 122)) {
        i++;
        if (isWordCode(c)) while (i < n && isWordCode(text.charCodeAt(i))) i++;
        continue;
      }
      const start = i;
      let h = hashStep(HASH_START, c | 32);
      let plain = true;
      for (i++; i < n; i++) {
        c = text.charCodeAt(i);
        if (c >= 97 && c <= 122) h = hashStep(h, c);
        else if (isWordCode(c)) plain = false;
        else break;
      }
      if (!plain) continue;
      // A word inside an address, a handle or a path ("abbey.leffler31@example.org", "@sam", "/news/") is not prose.
      if (start > 0) {
        const before = text.charCodeAt(start - 1);
        if (before === 64 || before === 46 || before === 47 || before === 95 || before === 35) continue;
      }
      if (i < n && (c === 64 || c === 95 || c === 47 || (c === 46 && i + 1 < n && isWordCode(text.charCodeAt(i + 1)))))
        continue;
      const table = upperFirst ? this.#capitalised : this.#lower;
      const slot = h & MASK;
      const count = table[slot] as number;
      if (count < 255) table[slot] = count + 1;
    }
  }

  /** How many times a lower-case ASCII word was written in lower case (at least; up to 255). */
  get(lower: string): number {
    return this.lowerCaseByHash(hashWord(lower));
  }

  /** {@link get} by the word's FNV-1a hash (`hashWord`), for callers that have it already. */
  lowerCaseByHash(h: number): number {
    return this.#lower[h & MASK] as number;
  }

  /** How many times a lower-case ASCII word was written capitalised ("Best" for "best"; at least, up to 255). */
  capitalised(lower: string): number {
    return this.capitalisedByHash(hashWord(lower));
  }

  /** {@link capitalised} by the word's FNV-1a hash. */
  capitalisedByHash(h: number): number {
    return this.#capitalised[h & MASK] as number;
  }
}
