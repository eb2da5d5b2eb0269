/**
 * The name model's features: what it sees of one token, hashed into a fixed table so no vocabulary ships with the
 * weights. Templates: the word, its neighbours, word shapes, prefixes and suffixes, the lexicon's flags (name lists,
 * English words, titles, ward vocabulary, the safe-list), what kind of word it and its neighbours are (clusters of word
 * vectors, `word-clusters.ts`), the characters around it (`@handle`, `#tag`, `'s`), where it
 * stands (sentence start), how the message is written (mostly capitalised, as headlines are), how often the chat
 * writes the word in lower case, and the model's own decision on the previous token. The training script and the
 * recogniser call the same function, so a model scores exactly what it was trained on.
 */
import {
  CLINICAL,
  COMMON,
  EPONYM,
  FACILITY,
  FIRST,
  FUNCTION,
  isEnglishWord,
  isLowerCaseWord,
  LAST,
  lexFlags,
  MONTH,
  SAFE,
  TITLE,
} from '../lexicon.ts';
import { hashAt, lowerAt, sentenceInitial, tokens } from '../recognisers/names/tokens.ts';
import type { WordCounts } from '../word-counts.ts';
import { clusterGroup, wordCluster } from './word-clusters.ts';
import { isWorldFirstName, isWorldSurname } from './world-names.ts';
import { isWorldPlace } from './world-places.ts';

/** Mixes a template id and a value into one 32-bit feature hash (murmur3's finaliser). */
export function mix(template: number, value: number): number {
  let h = Math.imul(template ^ Math.imul(value, 0x9e3779b1), 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return h ^ (h >>> 16);
}

/** The most features one token can have (the buffer {@link tokenFeatures} fills). */
export const MAX_FEATURES = 160;

/**
 * The shape of a token: capitalised, all capitals, all lower case or mixed (CamelCase); an apostrophe or hyphen inside;
 * letters outside ASCII; and a length bucket. A small integer.
 */
function shapeOf(text: string, start: number, end: number): number {
  let upper = 0;
  let lower = 0;
  let inner = 0;
  let mark = 0;
  let wide = 0;
  for (let k = start; k < end; k++) {
    const c = text.charCodeAt(k);
    if (c >= 65 && c <= 90) {
      upper++;
      if (k > start) inner++;
    } else if (c >= 97 && c <= 122) lower++;
    else if (c === 39 || c === 8217 || c === 45) mark = 1;
    else if (c >= 128) {
      wide = 1;
      const ch = text.charAt(k);
      if (ch !== ch.toLowerCase()) {
        upper++;
        if (k > start) inner++;
      } else lower++;
    }
  }
  const first = text.charCodeAt(start);
  const firstUpper =
    (first >= 65 && first <= 90) || (first >= 128 && text.charAt(start) !== text.charAt(start).toLowerCase());
  const n = end - start;
  const length = n <= 2 ? n : n <= 4 ? 3 : n <= 7 ? 4 : n <= 10 ? 5 : 6;
  const caseCode = lower === 0 && upper > 0 ? 1 : !firstUpper ? (inner > 0 ? 2 : 0) : inner > 0 ? 3 : 4;
  return caseCode | (mark << 3) | (wide << 4) | (length << 5);
}

/** The class of the character at `at` (start-of-text and end-of-text count as a space). */
function charClass(text: string, at: number): number {
  if (at < 0 || at >= text.length) return 0;
  const c = text.charCodeAt(at);
  if (c === 32 || c === 9 || c === 10 || c === 13) return 0;
  if (c === 64) return 1; // @
  if (c === 35) return 2; // #
  if (c === 39 || c === 8217) return 3; // apostrophe
  if (c === 46 || c === 33 || c === 63) return 4; // . ! ?
  if (c === 44 || c === 59) return 5; // , ;
  if (c === 58) return 6; // :
  if (c === 40 || c === 41 || c === 91 || c === 93) return 7; // brackets
  if (c === 34 || c === 8220 || c === 8221) return 8; // quotes
  if (c >= 48 && c <= 57) return 9; // digit
  if (c === 95) return 10; // _
  if (c === 45 || c === 8211 || c === 8212) return 11; // dash
  if (c === 47) return 12; // /
  return 13;
}

/** How the message is written: share of capitalised words among words of two letters or more, in five buckets. */
export function messageCase(count: number): number {
  let words = 0;
  let capitals = 0;
  for (let i = 0; i < count; i++) {
    if ((tokens.end[i] as number) - (tokens.start[i] as number) < 2) continue;
    words++;
    if (tokens.cap[i] === 1) capitals++;
  }
  if (words < 3) return 0;
  const share = capitals / words;
  return share < 0.2 ? 1 : share < 0.4 ? 2 : share < 0.6 ? 3 : share < 0.8 ? 4 : 5;
}

/** Per-message caches of token shapes and dictionary classes, valid for the message {@link startMessage} began. */
let shapes = new Int32Array(256);
let english = new Int8Array(256);
/** Each token's word cluster (see `word-clusters.ts`; -1: none), valid with its {@link englishStamp}. */
let clusters = new Int16Array(256);
/** The message each token's cached values belong to (no clearing per message: a stale stamp means "not computed"). */
let shapeStamp = new Int32Array(256);
let englishStamp = new Int32Array(256);
let message = 0;

/** Starts the per-token caches afresh for a newly tokenised message of `count` tokens. */
export function startMessage(count: number): void {
  if (shapes.length < count) {
    const size = tokens.start.length;
    shapes = new Int32Array(size);
    english = new Int8Array(size);
    clusters = new Int16Array(size);
    shapeStamp = new Int32Array(size);
    englishStamp = new Int32Array(size);
  }
  message = (message + 1) | 0;
}

function shapeAt(text: string, i: number): number {
  let s = shapes[i] as number;
  if (shapeStamp[i] !== message) {
    s = shapeOf(text, tokens.start[i] as number, tokens.end[i] as number);
    shapes[i] = s;
    shapeStamp[i] = message;
  }
  return s;
}

/** What the dictionaries say of words, by hash: a direct-mapped cache shared by every message (a chat repeats words). */
const CACHE_BITS = 16;
const cacheKeys = new Int32Array(1 << CACHE_BITS);
const cacheValues = new Int8Array(1 << CACHE_BITS).fill(-1);
const cacheClusters = new Int16Array(1 << CACHE_BITS);

/** Empties the dictionaries' answers kept by word hash, so one chat's words never decide another's. */
export function forgetKeptWordFlags(): void {
  cacheKeys.fill(0);
  cacheValues.fill(-1);
}

/** How many words' flags are kept (for {@link forgetKeptWordFlags}' test). */
export function keptWordFlagCount(): number {
  let n = 0;
  for (const v of cacheValues) if (v >= 0) n++;
  return n;
}

/**
 * What the dictionaries say of token i: bits 0–1 English (1 in lower case, 2 only as a proper noun: "Igor", "London"),
 * bit 2 a world first name, bit 3 a world surname, bit 4 a town or city somewhere in the world.
 */
export function wordsAt(text: string, i: number): number {
  let e = english[i] as number;
  if (englishStamp[i] === message) return e;
  const h = hashAt(text, i);
  const slot = h & ((1 << CACHE_BITS) - 1);
  if (cacheKeys[slot] === h && (cacheValues[slot] as number) >= 0) {
    e = cacheValues[slot] as number;
    clusters[i] = cacheClusters[slot] as number;
  } else {
    const lower = lowerAt(text, i) || text.slice(tokens.start[i] as number, tokens.end[i] as number).toLowerCase();
    e = !isEnglishWord(lower) ? 0 : isLowerCaseWord(lower) ? 1 : 2;
    if (isWorldFirstName(lower)) e |= 4;
    if (isWorldSurname(lower)) e |= 8;
    if (isWorldPlace(lower)) e |= 16;
    const cluster = wordCluster(h);
    cacheKeys[slot] = h;
    cacheValues[slot] = e;
    cacheClusters[slot] = cluster;
    clusters[i] = cluster;
  }
  english[i] = e;
  englishStamp[i] = message;
  return e;
}

/** A bucket for how often the chat writes a word in lower case: 0, 1, 2–3, 4–9, 10 or more. */
function usesBucket(n: number): number {
  return n === 0 ? 0 : n === 1 ? 1 : n < 4 ? 2 : n < 10 ? 3 : 4;
}

/** What the features of a token need besides the tokens: the message's case, the chat's counts, the last decision. */
export interface FeatureContext {
  text: string;
  count: number;
  /** {@link messageCase} of the message. */
  caseBucket: number;
  lowerCaseUses: WordCounts;
  /** 1 when the model took the previous token for (part of) a name, else 0. */
  previous: number;
}

const T = {
  bias: 1,
  word: 2,
  prevWord: 3,
  nextWord: 4,
  shape: 5,
  prevShape: 6,
  nextShape: 7,
  suffix3: 8,
  suffix2: 9,
  prefix3: 10,
  flag: 11,
  flagShape: 12,
  prevFlag: 13,
  nextFlag: 14,
  english: 15,
  englishShape: 16,
  initial: 17,
  initialShape: 18,
  charBefore: 19,
  charAfter: 20,
  charsShape: 21,
  caseShape: 22,
  uses: 23,
  usesShape: 24,
  previous: 25,
  previousShape: 26,
  prevWordShape: 27,
  nextWordShape: 28,
  code: 29,
  wordShape: 30,
  twoBefore: 31,
  nextEnglish: 32,
  prevEnglish: 33,
  firstInside: 34,
  lastInside: 35,
  segment: 36,
  segments: 37,
  suffix4: 38,
  prefix4: 39,
  prefix2: 40,
  twoAfter: 41,
  affixShape: 42,
  gram: 43,
  cluster: 44,
  clusterShape: 45,
  prevGroup: 46,
  nextGroup: 47,
  groupInitial: 48,
} as const;

/**
 * What the CamelCase parts of a handle or hashtag are ("NancyPelosi": a first name then a surname; "SonyCentreTO": a
 * word then capitals): one small code a part (see {@link partCode}), written into `out` from `n`; returns the new `n`.
 */
function segmentFeatures(text: string, start: number, end: number, out: Int32Array, n: number): number {
  let from = start;
  let pattern = 0;
  let parts = 0;
  for (let k = start + 1; k <= end && parts < 4; k++) {
    const c = k < end ? text.charCodeAt(k) : 0;
    const p = text.charCodeAt(k - 1);
    const boundary = k === end || (c >= 65 && c <= 90 && p >= 97 && p <= 122);
    if (!boundary) continue;
    const code = partCode(text.slice(from, k));
    out[n++] = mix(T.segment, code);
    pattern = pattern * 16 + code;
    parts++;
    from = k;
  }
  out[n++] = mix(T.segments, pattern);
  return n;
}

/**
 * A part of a run-together word: English (1, 2 as a proper noun), a first name (4), a surname (8), capitals (3); a
 * part that is only a place (no name, no English word) counts as a proper-noun word (2).
 */
function partCode(part: string): number {
  if (part.length > 1 && part === part.toUpperCase()) return 3;
  const lower = part.toLowerCase();
  let code = isEnglishWord(lower) ? (isLowerCaseWord(lower) ? 1 : 2) : 0;
  if (lexFlags(lower) & FIRST || isWorldFirstName(lower)) code |= 4;
  if (lexFlags(lower) & LAST || isWorldSurname(lower)) code |= 8;
  if (code === 0 && lower.length >= 4 && isWorldPlace(lower)) code = 2;
  return code;
}

/**
 * Whether a run-together word starts with a listed first name or ends with a listed surname of three letters or more
 * ("kellyexeter", "NancyPelosi", "tonyabbottmhr"): 1 for the first name, 2 for the surname, 3 for both.
 */
function namesInside(text: string, start: number, end: number): number {
  const lower = text.slice(start, end).toLowerCase();
  const n = lower.length;
  let found = 0;
  for (let k = Math.min(n - 2, 10); k >= 3; k--) {
    const part = lower.slice(0, k);
    if (lexFlags(part) & FIRST || (k >= 4 && isWorldFirstName(part))) {
      found |= 1;
      break;
    }
  }
  for (let k = Math.min(n - 2, 10); k >= 3; k--) {
    const part = lower.slice(n - k);
    if (lexFlags(part) & LAST || (k >= 4 && isWorldSurname(part))) {
      found |= 2;
      break;
    }
  }
  return found;
}

const flagBits = [FIRST, LAST, COMMON, FUNCTION, CLINICAL, MONTH, TITLE, SAFE, FACILITY, EPONYM] as const;

/** The first `n` characters of token i in lower case, hashed (prefix); or its last `n` (suffix). */
function affix(text: string, i: number, n: number, suffix: boolean): number {
  const start = tokens.start[i] as number;
  const end = tokens.end[i] as number;
  const from = suffix ? Math.max(start, end - n) : start;
  const to = suffix ? end : Math.min(end, start + n);
  let h = 0x811c9dc5 | 0;
  for (let k = from; k < to; k++) {
    let c = text.charCodeAt(k);
    if (c >= 65 && c <= 90) c |= 32;
    h = Math.imul(h ^ c, 0x01000193);
  }
  return h;
}

/** The most character trigrams one token contributes (a long handle would otherwise crowd the buffer). */
const MAX_GRAMS = 24;

/**
 * The character trigrams of token i in lower case, its edges marked ("^ke", "kel", …, "ly$"): what a word is made of
 * says much of whether it is a name ("-son", "-ova", "news", "radio", "-ville") where the word itself was never seen.
 * Written into `out` from `n`; returns the new `n`.
 */
function charGrams(text: string, start: number, end: number, out: Int32Array, n: number): number {
  let a = 94; // ^
  let b = lowerCode(text.charCodeAt(start));
  let grams = 0;
  for (let k = start + 1; k <= end && grams < MAX_GRAMS; k++) {
    const c = k < end ? lowerCode(text.charCodeAt(k)) : 36; // $
    out[n++] = mix(T.gram, (a * 65599 + b) * 65599 + c);
    a = b;
    b = c;
    grams++;
  }
  return n;
}

/** A character code in lower case (ASCII letters only; others as they are). */
function lowerCode(c: number): number {
  return c >= 65 && c <= 90 ? c | 32 : c;
}

/**
 * Writes the feature hashes of token i into `out` and returns how many. Tokens must be those of `f.text` (the name
 * tokeniser's, see `tokens.ts`). They are the word's own ({@link wordFeatures}) then where it stands
 * ({@link contextFeatures}), always in this order: training adds weights in it.
 */
export function tokenFeatures(i: number, f: FeatureContext, out: Int32Array): number {
  return contextFeatures(i, f, out, wordFeatures(f.text, i, out));
}

/**
 * The features of token i's word as written, whatever stands around it (the word, its shape, affixes and letter
 * trigrams, what the lexicon and dictionaries say of it), written into `out` from 0; returns how many. The same word
 * always has the same ones, so the model can keep their weights' sum by word (`tagger.ts`): a chat repeats its words.
 */
export function wordFeatures(text: string, i: number, out: Int32Array): number {
  const start = tokens.start[i] as number;
  const end = tokens.end[i] as number;
  let n = 0;
  const shape = shapeAt(text, i);
  const word = hashAt(text, i);
  out[n++] = mix(T.bias, 0);
  out[n++] = mix(T.word, word);
  out[n++] = mix(T.shape, shape);
  out[n++] = mix(T.wordShape, word ^ Math.imul(shape, 31));
  out[n++] = mix(T.suffix3, affix(text, i, 3, true));
  out[n++] = mix(T.suffix2, affix(text, i, 2, true));
  out[n++] = mix(T.prefix3, affix(text, i, 3, false));
  if (end - start >= 5) {
    out[n++] = mix(T.suffix4, affix(text, i, 4, true));
    out[n++] = mix(T.prefix4, affix(text, i, 4, false));
  }
  out[n++] = mix(T.prefix2, affix(text, i, 2, false));
  out[n++] = mix(T.affixShape, affix(text, i, 3, true) ^ Math.imul(shape, 131));
  n = charGrams(text, start, end, out, n);
  const flags = tokens.flags[i] as number;
  for (const bit of flagBits) {
    if ((flags & bit) === 0) continue;
    out[n++] = mix(T.flag, bit);
    out[n++] = mix(T.flagShape, bit * 1024 + shape);
  }
  const words = wordsAt(text, i);
  out[n++] = mix(T.english, words);
  out[n++] = mix(T.englishShape, words * 1024 + shape);
  // What kind of word it is by what it means (its cluster of word vectors), and with its shape: a capitalised word in
  // the towns' cluster is probably a town, in the first names' a name.
  const cluster = (clusters[i] as number) + 1;
  out[n++] = mix(T.cluster, cluster);
  out[n++] = mix(T.clusterShape, cluster * 1024 + shape);
  return n;
}

/**
 * The features of where token i stands (its neighbours, the characters around it, the sentence, the message's case,
 * the chat's counts, the model's decision on the token before), written into `out` from `n`; returns the new `n`.
 */
export function contextFeatures(i: number, f: FeatureContext, out: Int32Array, n: number): number {
  const { text, count } = f;
  const start = tokens.start[i] as number;
  const end = tokens.end[i] as number;
  const shape = shapeAt(text, i);
  const word = hashAt(text, i);
  const en = wordsAt(text, i) & 3;
  const cluster = (clusters[i] as number) + 1;
  const initial = sentenceInitial(text, start) ? 1 : 0;
  out[n++] = mix(T.groupInitial, (clusterGroup(cluster - 1) + 1) * 4 + initial * 2 + (tokens.cap[i] as number));
  out[n++] = mix(T.initial, initial);
  out[n++] = mix(T.initialShape, initial * 1024 + shape);
  const before = charClass(text, start - 1);
  const after = charClass(text, end);
  out[n++] = mix(T.charBefore, before);
  out[n++] = mix(T.charAfter, after);
  out[n++] = mix(T.charsShape, (before * 16 + after) * 1024 + shape);
  out[n++] = mix(T.caseShape, f.caseBucket * 1024 + shape);
  // A handle, a hashtag or a long lower-case word in no dictionary may be names run together ("@kellyexeter",
  // "tonyabbottmhr").
  if ((before === 1 || before === 2 || (en === 0 && tokens.cap[i] === 0)) && end - start >= 6) {
    const inside = namesInside(text, start, end);
    if (inside & 1) out[n++] = mix(T.firstInside, before);
    if (inside & 2) out[n++] = mix(T.lastInside, before);
  }
  if (before === 1 || before === 2) n = segmentFeatures(text, start, end, out, n);
  out[n++] = mix(T.code, tokens.code[i] as number);
  // How often the chat writes this word in lower case (a capitalised word the chat also writes as a word is a word).
  // and how often it writes it capitalised (a name is written capitalised, seldom in lower case).
  // (A message read alone, with no chat counted, says so: a value of its own.)
  const uses =
    f.lowerCaseUses.texts === 0
      ? 63
      : usesBucket(f.lowerCaseUses.lowerCaseByHash(word)) * 8 + usesBucket(f.lowerCaseUses.capitalisedByHash(word));
  out[n++] = mix(T.uses, uses);
  out[n++] = mix(T.usesShape, uses * 1024 + shape);
  out[n++] = mix(T.previous, f.previous);
  out[n++] = mix(T.previousShape, f.previous * 1024 + shape);
  if (i > 0) {
    const p = i - 1;
    const pShape = shapeAt(text, p);
    const pWord = hashAt(text, p);
    out[n++] = mix(T.prevWord, pWord);
    out[n++] = mix(T.prevShape, pShape * 1024 + shape);
    out[n++] = mix(T.prevWordShape, pWord ^ Math.imul(shape, 31));
    const pFlags = tokens.flags[p] as number;
    for (const bit of flagBits) if (pFlags & bit) out[n++] = mix(T.prevFlag, bit * 1024 + shape);
    out[n++] = mix(T.prevEnglish, wordsAt(text, p) * 1024 + shape);
    out[n++] = mix(T.prevGroup, (clusterGroup(clusters[p] as number) + 1) * 1024 + shape);
    if (i > 1) out[n++] = mix(T.twoBefore, hashAt(text, i - 2) ^ Math.imul(pWord, 7));
  } else out[n++] = mix(T.prevWord, 0);
  if (i + 1 < count) {
    const x = i + 1;
    const xShape = shapeAt(text, x);
    const xWord = hashAt(text, x);
    out[n++] = mix(T.nextWord, xWord);
    out[n++] = mix(T.nextShape, xShape * 1024 + shape);
    out[n++] = mix(T.nextWordShape, xWord ^ Math.imul(shape, 31));
    const xFlags = tokens.flags[x] as number;
    for (const bit of flagBits) if (xFlags & bit) out[n++] = mix(T.nextFlag, bit * 1024 + shape);
    out[n++] = mix(T.nextEnglish, wordsAt(text, x) * 1024 + shape);
    out[n++] = mix(T.nextGroup, (clusterGroup(clusters[x] as number) + 1) * 1024 + shape);
    if (i + 2 < count) out[n++] = mix(T.twoAfter, hashAt(text, i + 2) ^ Math.imul(xWord, 7));
  } else out[n++] = mix(T.nextWord, 0);
  return n;
}
