/**
 * The name scanner's tokens: words of one message (letters with inner apostrophes and hyphens) held in reusable typed
 * arrays (a struct of arrays) rather than one object per token — a big chat has tens of millions of tokens and object
 * churn would dominate the scanner's time — plus the small text tests the rules share (sentence starts, spacing).
 */
import type { KnownNames } from '../../known-names.ts';
import { COMMON, FIRST, FUNCTION, LAST, lexFlags, lexFlagsAt, mayHaveFlags } from '../../lexicon.ts';
import { HASH_START, hashStep, hashWord } from '../../word-gate.ts';

/**
 * The tokens of the text last tokenised: offsets, lexicon flags, capitalised (1/0), code ({@link GLUED} to digits,
 * {@link IN_URL}, or 0), lazy (1 when the word's strings were left empty although it has lexicon flags: cut out on demand by
 * {@link lowerAt}), hash (FNV-1a of a plain lower-case word, read for free while tokenising; 0 for other words: see
 * {@link hashAt}), and the word as written and in lower case
 * ('' for plain lower-case words in no list, which most rules never read). Valid until the next {@link tokenise}.
 */
export const tokens = {
  count: 0,
  start: new Int32Array(256),
  end: new Int32Array(256),
  flags: new Int32Array(256),
  cap: new Uint8Array(256),
  code: new Uint8Array(256),
  lazy: new Uint8Array(256),
  hash: new Int32Array(256),
  word: [] as string[],
  lower: [] as string[],
};

function grow(): void {
  const size = tokens.start.length * 2;
  const ints = (from: Int32Array): Int32Array<ArrayBuffer> => {
    const to = new Int32Array(size);
    to.set(from);
    return to;
  };
  const bytes = (from: Uint8Array): Uint8Array<ArrayBuffer> => {
    const to = new Uint8Array(size);
    to.set(from);
    return to;
  };
  tokens.start = ints(tokens.start);
  tokens.end = ints(tokens.end);
  tokens.flags = ints(tokens.flags);
  tokens.cap = bytes(tokens.cap);
  tokens.code = bytes(tokens.code);
  tokens.lazy = bytes(tokens.lazy);
  tokens.hash = ints(tokens.hash);
}

const letterPattern = /[\p{L}\p{M}]/u;

/** Whether the code unit `c` at `text[i]` is a letter (ASCII fast path; Unicode letters and marks otherwise). */
export function isLetter(c: number, text: string, i: number): boolean {
  if (c < 128) return (c >= 97 && c <= 122) || (c >= 65 && c <= 90);
  return letterPattern.test(text.charAt(i));
}

/** Code unit: apostrophe (straight or curly). */
export const isApostrophe = (c: number): boolean => c === 39 || c === 8217;

/** `tokens.code`: a word glued to a digit or underscore ("B0JL6", "sam_jones"). */
export const GLUED = 1;
/** `tokens.code`: a word inside a URL. */
export const IN_URL = 2;

/** Lexicon flag given to negated auxiliaries ("Isn't", "Don't", "Won't"): never names. */
const NEGATED = COMMON | FUNCTION;

/** Where the URLs of a text are (start, end pairs), or an empty list: words inside a URL are not prose. */
const urlPattern = /\b(?:https?:\/\/|www\.)[^\s<>"]+/gi;
const noUrls: number[] = [];
export function urlRanges(text: string): number[] {
  if (!text.includes('://') && !text.includes('www.')) return noUrls;
  const out: number[] = [];
  urlPattern.lastIndex = 0;
  for (let m = urlPattern.exec(text); m !== null; m = urlPattern.exec(text)) out.push(m.index, m.index + m[0].length);
  return out;
}

/**
 * Splits text into word tokens and returns the count. A clitic is cut off the end ("Dave'll" → "Dave", "it's" → "it",
 * "Okafor's" → "Okafor"); a negated auxiliary ("Isn't", "won't") is one function word; an apostrophe near the start
 * stays part of a name ("O'Brien", "D'Souza"). Words glued to digits or underscores ("B0JL6", "hfaran_x") and words
 * inside URLs are marked as code: only a chat name counts there.
 */
export function tokenise(text: string, known: KnownNames): number {
  const n = text.length;
  const urls = urlRanges(text);
  let urlAt = 0;
  let count = 0;
  let i = 0;
  while (i < n) {
    let c = text.charCodeAt(i);
    if (!isLetter(c, text, i)) {
      i++;
      continue;
    }
    const start = i;
    const folded = c >= 97 && c <= 122;
    let plain = true;
    let lastApostrophe = -1;
    let h = hashStep(HASH_START, c);
    i++;
    while (i < n) {
      c = text.charCodeAt(i);
      if (c >= 97 && c <= 122) {
        h = hashStep(h, c);
        i++;
      } else if (isLetter(c, text, i)) {
        plain = false;
        i++;
      } else if ((isApostrophe(c) || c === 45) && i + 1 < n && isLetter(text.charCodeAt(i + 1), text, i + 1)) {
        plain = false;
        if (c !== 45) lastApostrophe = i;
        i += 2;
      } else break;
    }
    let end = i;
    if (count === tokens.start.length) grow();
    // Code: a word glued to a digit or underscore, or inside a URL.
    const before = start > 0 ? text.charCodeAt(start - 1) : 32;
    const after = end < n ? text.charCodeAt(end) : 32;
    let code =
      (before >= 48 && before <= 57) || before === 95 || (after >= 48 && after <= 57) || after === 95 ? GLUED : 0;
    if (urls.length > 0) {
      while (urlAt < urls.length && (urls[urlAt + 1] as number) <= start) urlAt += 2;
      if (urlAt < urls.length && (urls[urlAt] as number) <= start) code = IN_URL;
    }
    if (folded && plain && code === 0 && !known.mayKnow(h)) {
      if (!mayHaveFlags(h)) {
        // A plain lower-case word in no list and no chat name: recorded without cutting it out of the text.
        tokens.start[count] = start;
        tokens.end[count] = end;
        tokens.flags[count] = 0;
        tokens.cap[count] = 0;
        tokens.code[count] = 0;
        tokens.lazy[count] = 0;
        tokens.hash[count] = h;
        tokens.word[count] = '';
        tokens.lower[count] = '';
        count++;
        continue;
      }
      // A plain lower-case word of the lexicon that is not a listed name ("the", "ward", "mr"): its flags are read in
      // place, and its text is cut out only if a later rule asks for it (lowerAt).
      const flags = lexFlagsAt(text, start, end, h);
      if ((flags & (FIRST | LAST)) === 0) {
        tokens.start[count] = start;
        tokens.end[count] = end;
        tokens.flags[count] = flags;
        tokens.cap[count] = 0;
        tokens.code[count] = 0;
        tokens.lazy[count] = 1;
        tokens.hash[count] = h;
        tokens.word[count] = '';
        tokens.lower[count] = '';
        count++;
        continue;
      }
    }
    let negated = false;
    if (lastApostrophe > start) {
      const tail = end - lastApostrophe - 1;
      const t0 = text.charCodeAt(lastApostrophe + 1) | 32;
      const t1 = tail === 2 ? text.charCodeAt(lastApostrophe + 2) | 32 : 0;
      if (tail === 1 && t0 === 116 && (text.charCodeAt(lastApostrophe - 1) | 32) === 110) {
        negated = true; // n't
      } else if (
        (tail === 1 && (t0 === 115 || t0 === 109 || t0 === 100)) || // 's 'm 'd
        (tail === 2 && ((t0 === 114 && t1 === 101) || (t0 === 118 && t1 === 101) || (t0 === 108 && t1 === 108))) // 're 've 'll
      ) {
        if (lastApostrophe - start >= 1) end = lastApostrophe;
      }
    }
    const word = text.slice(start, end);
    const isCap = capitalised(word);
    // Lower-case ASCII words are their own lower-case form: skip the copy on the hot path.
    const lower = folded && plain ? word : word.toLowerCase();
    tokens.start[count] = start;
    tokens.end[count] = end;
    tokens.flags[count] = negated ? NEGATED : lexFlags(lower);
    tokens.cap[count] = isCap ? 1 : 0;
    tokens.code[count] = code;
    tokens.lazy[count] = 0;
    tokens.hash[count] = folded && plain && end === i ? h : 0;
    tokens.word[count] = word;
    tokens.lower[count] = lower;
    count++;
  }
  tokens.count = count;
  return count;
}

/** Token j's lower-case text, cut out of `text` now if tokenise left it for later. */
export function lowerAt(text: string, j: number): string {
  if (tokens.lazy[j] === 1 && tokens.lower[j] === '') {
    const lower = text.slice(tokens.start[j] as number, tokens.end[j] as number);
    tokens.word[j] = lower;
    tokens.lower[j] = lower;
  }
  return tokens.lower[j] as string;
}

/** The FNV-1a hash of token j's lower-case word ({@link hashWord}), computed now if tokenise did not. */
export function hashAt(text: string, j: number): number {
  let h = tokens.hash[j] as number;
  if (h === 0) {
    h = hashWord(lowerAt(text, j) || text.slice(tokens.start[j] as number, tokens.end[j] as number).toLowerCase());
    tokens.hash[j] = h;
  }
  return h;
}

/** The length of token j's word as the scanner reads it (0 for a plain word outside every list). */
export function wordLength(j: number): number {
  return tokens.lazy[j] === 1
    ? (tokens.end[j] as number) - (tokens.start[j] as number)
    : (tokens.word[j] as string).length;
}

/** Whether the word at `start` begins a sentence (message start, or after . ! ? : ; a newline, a dash or a bullet). */
export function sentenceInitial(text: string, start: number): boolean {
  for (let i = start - 1; i >= 0; i--) {
    const ch = text.charAt(i);
    if (ch === ' ' || ch === '\t' || ch === '"' || ch === '“' || ch === '*' || ch === '_') continue;
    // Invisible marks that exports put before a message (left-to-right mark, byte-order mark, word joiner).
    if (ch === '\u200e' || ch === '\u200f' || ch === '\ufeff' || ch === '\u2060') continue;
    return (
      ch === '.' || ch === '!' || ch === '?' || ch === '\n' || ch === ':' || ch === ';' || ch === '-' || ch === '•'
    );
  }
  return true;
}

/** Whether only spaces (and, after an initial or a title, a full stop) lie between two tokens. */
export function onlySpaceBetween(text: string, from: number, to: number, allowDot = false): boolean {
  if (to - from > 3) return false;
  for (let i = from; i < to; i++) {
    const ch = text.charCodeAt(i);
    if (ch !== 32 && !(allowDot && ch === 46)) return false;
  }
  return true;
}

/** Whether a word is capitalised (its first letter is upper case: ASCII fast path). */
export function capitalised(word: string): boolean {
  const f = word.charCodeAt(0);
  return f >= 65 && f <= 90 ? true : f >= 97 && f <= 122 ? false : word.charAt(0) !== word.charAt(0).toLowerCase();
}
