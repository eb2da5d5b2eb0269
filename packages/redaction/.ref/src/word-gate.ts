/**
 * A bit set of 32-bit FNV-1a hashes of lower-case ASCII words, so the name scanner can tell, without cutting the word
 * out of the text, that a plain lower-case word is in no list and no chat name (most words of most messages). A hash
 * collision only means the word is looked up properly.
 */

const BITS = 1 << 20;

/** FNV-1a offset basis; {@link hashStep} folds in one character code. */
export const HASH_START = 0x811c9dc5 | 0;

/** One FNV-1a step. */
export function hashStep(h: number, c: number): number {
  return Math.imul(h ^ c, 0x01000193);
}

/** The hash of a whole word (build time of the gates). */
export function hashWord(word: string): number {
  let h = HASH_START;
  for (let i = 0; i < word.length; i++) h = hashStep(h, word.charCodeAt(i));
  return h;
}

/** A set of word hashes. */
export class WordGate {
  readonly #bits = new Uint8Array(BITS >>> 3);

  /** Adds a word (only plain lower-case ASCII words can ever be asked about). */
  add(word: string): void {
    const b = hashWord(word) & (BITS - 1);
    this.#bits[b >>> 3] = (this.#bits[b >>> 3] ?? 0) | (1 << (b & 7));
  }

  /** Whether a word with this hash may be in the set. */
  has(h: number): boolean {
    const b = h & (BITS - 1);
    return ((this.#bits[b >>> 3] ?? 0) & (1 << (b & 7))) !== 0;
  }
}
