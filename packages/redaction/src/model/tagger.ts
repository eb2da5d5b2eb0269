/**
 * The name model: a logistic regression over hashed features (see `features.ts`), its weights learned by averaged
 * stochastic gradient descent, that reads a message's tokens left to right and says of each whether it is (part of) a
 * person's name, using its own decision on the token before. The margin (the log-odds the weights add up to) is turned
 * into a probability by a logistic fitted on held-out text (Platt scaling), so a threshold reads as "how sure". Trained
 * by `scripts/train-name-model.ts`; the same {@link decode} loop trains and tags.
 */
import { CLINICAL, COMMON, FIRST, FUNCTION, LAST, MONTH, SAFE, TITLE } from '../lexicon.ts';
import { IN_URL, tokens } from '../recognisers/names/tokens.ts';
import type { WordCounts } from '../word-counts.ts';
import {
  contextFeatures,
  type FeatureContext,
  MAX_FEATURES,
  messageCase,
  startMessage,
  wordFeatures,
  wordsAt,
} from './features.ts';

/** A lower-case word the chat writes this often, English and in no name list, is an everyday word there: not read. */
const EVERYDAY = 20;

/**
 * Whether the model reads token i at all. It skips what is never a name on its own: a word inside a URL, a mark with
 * no letter (an emoji's variation selector), a function word, ward word, title, safe-listed word or month ("the",
 * "obs", "NHS", "Mr") that is not also a listed name, and a lower-case English word or listed name that is also a word ("agreed", "ward", "will") when the
 * chat writes it in lower case over and over — most of a clinical chat's text.
 */
export function scored(text: string, i: number, lowerCaseUses: WordCounts): boolean {
  if (tokens.code[i] === IN_URL) return false;
  const start = tokens.start[i] as number;
  const first = text.charCodeAt(start);
  if (first >= 0x300 && !letterPattern.test(text.charAt(start))) return false;
  const flags = tokens.flags[i] as number;
  const listed = (flags & (FIRST | LAST)) !== 0;
  // Capitalised or not, a ward word, title, function word, safe-listed word or month is no name alone ("NHS", "Bed").
  if (flags & NEVER_ALONE && !listed) return false;
  if (tokens.cap[i] === 1) return true;
  if (flags & COMMON && !listed) return false;
  const h = tokens.hash[i] as number;
  if (h === 0 || lowerCaseUses.lowerCaseByHash(h) < EVERYDAY) return true;
  if (listed) return (flags & COMMON) === 0;
  return (wordsAt(text, i) & 3) !== 1;
}

const letterPattern = /\p{L}/u;

/** Lexicon flags of words that are never a name on their own. */
const NEVER_ALONE = CLINICAL | FUNCTION | TITLE | SAFE | MONTH;

/**
 * Scores token i of the message `f` describes from its features (`tokenFeatures(i, f, …)`); for training, also learns
 * from the gold label.
 */
export type ScoreToken = (i: number, f: FeatureContext) => number;

const featureBuffer = new Int32Array(MAX_FEATURES);

/**
 * {@link NameModel}'s sums of the weights of words' own features, by word as written, for the weights `keptFor` (one
 * model's at a time). Emptied at {@link KEPT_WORDS} words and, as the chat's other caches, at the start of each
 * detection ({@link forgetWordWeights}): the dictionaries' answers they hold are kept per chat too.
 */
const keptWordWeights = new Map<string, number>();
let keptFor: Int8Array | undefined;
const KEPT_WORDS = 50_000;

/** Empties the kept sums of words' weights (see `chat-caches.ts`). */
export function forgetWordWeights(): void {
  keptWordWeights.clear();
}

/** How many words' weights are kept (for {@link forgetWordWeights}' test). */
export function keptWordWeightCount(): number {
  return keptWordWeights.size;
}

/** One feature context, reused for every message (a big chat has a million of them). */
const shared: FeatureContext = { text: '', count: 0, caseBucket: 0, lowerCaseUses: null as never, previous: 0 };

/**
 * Reads the tokens of `text` (already tokenised, `count` of them) left to right: for every token the model reads,
 * `score` gives its margin (above 0: a name), which becomes the "previous" feature of the next token. Writes each
 * token's margin into `margins` (NaN for tokens not read) and returns how many tokens it read.
 */
export function decode(
  text: string,
  count: number,
  lowerCaseUses: WordCounts,
  score: ScoreToken,
  margins: Float32Array,
): number {
  startMessage(count);
  const f = shared;
  f.text = text;
  f.count = count;
  f.caseBucket = -1;
  f.lowerCaseUses = lowerCaseUses;
  f.previous = 0;
  let read = 0;
  for (let i = 0; i < count; i++) {
    if (!scored(text, i, lowerCaseUses)) {
      margins[i] = Number.NaN;
      f.previous = 0;
      continue;
    }
    // How the message is written is read once, when the first token needs it (most messages have none to read).
    if (f.caseBucket < 0) f.caseBucket = messageCase(count);
    read++;
    const m = score(i, f);
    margins[i] = m;
    // The previous token counts only when nothing but spaces lies between ("Mitt Romney", not "Mitt. Romney").
    const next = i + 1 < count ? (tokens.start[i + 1] as number) : 0;
    let adjacent = next > 0;
    for (let k = tokens.end[i] as number; adjacent && k < next; k++) if (text.charCodeAt(k) !== 32) adjacent = false;
    f.previous = m > 0 && adjacent ? 1 : 0;
  }
  return read;
}

/** The model's data as committed: table size, int8 weights (base64) and their scale, and the calibration. */
export interface NameModelData {
  version: 1;
  /** log2 of the weight table's size. */
  bits: number;
  /** Weight = int8 value × scale. */
  scale: number;
  /** Probability = 1 / (1 + exp(-(a × margin + b))). */
  a: number;
  b: number;
  /** The weights, one signed byte each, as base64. */
  weights: string;
  /** What it was trained on and how it scored (for the README and the curious). */
  about: Record<string, string | number>;
}

/** A loaded name model. */
export class NameModel {
  readonly #weights: Int8Array;
  readonly #mask: number;
  readonly #scale: number;
  readonly #a: number;
  readonly #b: number;
  #margins = new Float32Array(256);
  #read = 0;

  constructor(weights: Int8Array, bits: number, scale: number, a: number, b: number) {
    if (weights.length !== 1 << bits) throw new Error(`name model: ${weights.length} weights for a table of 2^${bits}`);
    this.#weights = weights;
    this.#mask = (1 << bits) - 1;
    this.#scale = scale;
    this.#a = a;
    this.#b = b;
  }

  /** Decodes committed model data (base64 int8 weights). */
  static fromData(data: NameModelData): NameModel {
    const raw = atob(data.weights);
    const weights = new Int8Array(raw.length);
    for (let i = 0; i < raw.length; i++) weights[i] = (raw.charCodeAt(i) << 24) >> 24;
    return new NameModel(weights, data.bits, data.scale, data.a, data.b);
  }

  /**
   * The margin of one token: the weights of its word's own features (kept by word: `#wordWeights`) plus those
   * of where it stands. The weights are whole numbers until scaled, so the sum is the same in any order.
   */
  readonly #score: ScoreToken = (i, f) => {
    // The word's first: on a miss its features are written into the buffer, which then takes the context's.
    const word = this.#wordWeights(f.text, i);
    return (word + this.#sum(contextFeatures(i, f, featureBuffer, 0))) * this.#scale;
  };

  /** The sum of the (unscaled) weights of the first `n` features in the buffer. */
  #sum(n: number): number {
    const w = this.#weights;
    const mask = this.#mask;
    let sum = 0;
    for (let k = 0; k < n; k++) sum += w[(featureBuffer[k] as number) & mask] as number;
    return sum;
  }

  /**
   * The sum of the weights of token i's word's own features (`wordFeatures`), kept by the word as written: they are
   * half of a token's features and the same at every use of the word, and a chat names the same few people again and
   * again (the app's pipeline chat: 73,000 tokens read, 379 distinct words).
   */
  #wordWeights(text: string, i: number): number {
    if (keptFor !== this.#weights) {
      keptWordWeights.clear();
      keptFor = this.#weights;
    }
    const word = (tokens.word[i] as string) || text.slice(tokens.start[i] as number, tokens.end[i] as number);
    let sum = keptWordWeights.get(word);
    if (sum === undefined) {
      if (keptWordWeights.size >= KEPT_WORDS) keptWordWeights.clear();
      sum = this.#sum(wordFeatures(text, i, featureBuffer));
      keptWordWeights.set(word, sum);
    }
    return sum;
  }

  /** The probability a margin stands for. */
  probability(margin: number): number {
    return 1 / (1 + Math.exp(-(this.#a * margin + this.#b)));
  }

  /**
   * The margins of the tokens of `text` (already tokenised): above 0 the model takes the token for (part of) a name;
   * NaN for tokens it does not read. The array is reused: read it before the next call.
   */
  margins(text: string, count: number, lowerCaseUses: WordCounts): Float32Array {
    if (this.#margins.length < count) this.#margins = new Float32Array(tokens.start.length);
    this.#read = decode(text, count, lowerCaseUses, this.#score, this.#margins);
    return this.#margins;
  }

  /** How many tokens the last {@link margins} or {@link tag} call read (0: the message has nothing to read). */
  get read(): number {
    return this.#read;
  }

  /** Like {@link margins}, as probabilities (NaN for tokens not read). */
  tag(text: string, count: number, lowerCaseUses: WordCounts): Float32Array {
    const margins = this.margins(text, count, lowerCaseUses);
    if (this.#read === 0) return margins;
    for (let i = 0; i < count; i++) {
      const m = margins[i] as number;
      if (!Number.isNaN(m)) margins[i] = this.probability(m);
    }
    return margins;
  }
}
