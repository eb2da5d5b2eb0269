/**
 * Rules and model together: the model reads the same tokens the rules did and votes. A rule's find stands when the
 * model gives it at least the rule's `keepWithModel` probability (0 for evidence it cannot overrule: a participant, a
 * title, a cue; more for the rules' guesses: an unknown capitalised word, a handle, a neighbour); a run of tokens the
 * model takes for a name that no rule found is added (`name:model`), unless the rules know its words are never names
 * alone (a ward word, a title, a month); and a find the model is very sure of confirms the
 * name, so it is carried to its other uses in the chat.
 */
import type { modelThresholds } from '../../confidence.ts';
import { CLINICAL, EPONYM, FACILITY, FUNCTION, MONTH, SAFE, TITLE } from '../../lexicon.ts';
import { type Candidate, NONE } from '../../recogniser.ts';
import type { WordCounts } from '../../word-counts.ts';
import { modelRuns } from '../name-model.ts';
import { foreignText, vowelless } from './rules.ts';
import { GLUED, tokens } from './tokens.ts';

/** The highest probability among the tokens inside [start, end), or NaN when the model read none of them. */
function spanProbability(probabilities: Float32Array, count: number, start: number, end: number): number {
  let best = Number.NaN;
  for (let i = 0; i < count; i++) {
    const s = tokens.start[i] as number;
    if (s >= end) break;
    if ((tokens.end[i] as number) <= start) continue;
    const p = probabilities[i] as number;
    if (!Number.isNaN(p) && !(p <= best)) best = p;
  }
  return best;
}

/** `keepWithModel` split once by the kind of find: the bars of guesses, and of finds whose own evidence confirms them. */
export interface KeepBars {
  guess: Readonly<Record<string, number>>;
  confirming: Readonly<Record<string, number>>;
}

/** Splits a `keepWithModel` table (`<rule>` and `<rule> confirming` keys) into {@link KeepBars}. */
export function keepBars(keep: Readonly<Record<string, number>>): KeepBars {
  const guess: Record<string, number> = {};
  const confirming: Record<string, number> = {};
  for (const [key, bar] of Object.entries(keep)) {
    if (key.endsWith(' confirming')) confirming[key.slice(0, -' confirming'.length)] = bar;
    else guess[key] = bar;
  }
  return { guess, confirming };
}

/**
 * The bar a guess must pass: its rule's, or for a handle with nothing either way that the chat also writes as a plain
 * word ("@reddit" … "Reddit": a brand's or a place's as often as a person's) the qualified bar `name:handle plain-word`.
 */
function guessBar(
  text: string,
  c: Candidate,
  guess: Readonly<Record<string, number>>,
  words: WordCounts | undefined,
): number {
  const bar = guess[c.rule] ?? 0;
  if (c.rule !== 'name:handle') return bar;
  const plainBar = guess['name:handle plain-word'];
  if (plainBar === undefined || words === undefined || words.texts === 0) return bar;
  const word = text.slice(c.start + 1, c.end).toLowerCase();
  if (!/^[a-z]+$/.test(word) || words.get(word) + words.capitalised(word) === 0) return bar;
  return plainBar;
}

/** The lowest probability among tokens first..last (all read by the model). */
function runMinimum(probabilities: Float32Array, first: number, last: number): number {
  let low = 1;
  for (let i = first; i <= last; i++) low = Math.min(low, probabilities[i] as number);
  return low;
}

/**
 * The carried uses (`name:consistent`) the model does not rule out: each stands unless the model reads its token and
 * gives it less than `keepWithModel['name:consistent']` ("West" carried from "Lord West" to "the West Coast").
 */
export function keepCarried(
  candidates: readonly Candidate[],
  count: number,
  probabilities: Float32Array,
  keep: Readonly<Record<string, number>>,
): Candidate[] {
  const floor = keep['name:consistent'] ?? 0;
  const out: Candidate[] = [];
  for (const c of candidates) {
    const p = spanProbability(probabilities, count, c.start, c.end);
    if (Number.isNaN(p) || p >= floor) out.push(c);
  }
  return out;
}

/** Words the rules know are never a name on their own: ward words, titles, function words, the safe-list, months. */
const NEVER_ALONE = CLINICAL | FUNCTION | TITLE | SAFE | MONTH | FACILITY | EPONYM;

/**
 * Whether the model may add token i: not a word the rules know is never a name alone ("Rainbow Ward"), nor one letter
 * glued to digits ("B1", "B3": beds in a handover).
 */
const notNamesAlone = (i: number): boolean =>
  ((tokens.flags[i] as number) & NEVER_ALONE) === 0 &&
  !(tokens.code[i] === GLUED && (tokens.end[i] as number) - (tokens.start[i] as number) === 1);

/** An initial and a name after it: ". " and a letter ("J . Cole", "W. Bush", "E . G . Plott"). */
const nameAfterInitial = /^ ?\. ?\p{L}/u;

/**
 * Whether a run the model would add is one letter standing alone ("C @# T", "J 's on my feet", "O says"): the model
 * adds a letter only as an initial, with a full stop and a name after it ("J . Cole").
 */
const loneLetter = (text: string, run: { start: number; end: number }): boolean =>
  run.end - run.start === 1 && !nameAfterInitial.test(text.slice(run.end, run.end + 4));

/**
 * Whether the model's run is one letter standing alone (above) or a word with no vowel ("Jgh", "Ctl"), which the rules
 * take for no word: the model adds neither.
 */
const noWordToAdd = (text: string, run: { start: number; end: number; first: number; last: number }): boolean =>
  loneLetter(text, run) || (run.first === run.last && vowelless(text.slice(run.start, run.end)));

/** Whether a run overlaps one of the spans (start, end pairs). */
function overlapsAny(run: { start: number; end: number }, spans: readonly number[]): boolean {
  for (let k = 0; k < spans.length; k += 2)
    if (run.start < (spans[k + 1] as number) && (spans[k] as number) < run.end) return true;
  return false;
}

/** Whether a name (or another particle) that stands ends just before `c` and another starts just after it. */
function between(c: Candidate, standing: readonly Candidate[] | undefined): boolean {
  const before = standing?.some((s) => s !== c && s.end < c.start && c.start - s.end <= 1);
  const after = standing?.some((s) => s !== c && s.start > c.end && s.start - c.end <= 1);
  return before === true && after === true;
}

/**
 * The candidates that stand, with the model's finds added (see the module comment). `blocked` (start, end pairs: an
 * organisation's handles) is where the model adds nothing; handles it rules out are added to it. `words` (the chat's
 * word counts) chooses the qualified bars (see {@link guessBar}).
 */
export function combine(
  text: string,
  count: number,
  candidates: readonly Candidate[],
  probabilities: Float32Array,
  thresholds: typeof modelThresholds,
  keep: KeepBars,
  blocked: number[] = [],
  words?: WordCounts,
): Candidate[] {
  let out: Candidate[] | undefined;
  let listedDropped: Candidate[] | undefined;
  for (const c of candidates) {
    const p = spanProbability(probabilities, count, c.start, c.end);
    if (!Number.isNaN(p)) {
      // A find whose own evidence confirms it (a neighbour of a known name, a listed name in name position) has its
      // own, lower bar: "Sydie Glover" stands although the model doubts a misspelt first name.
      const bar = c.confirms === true ? (keep.confirming[c.rule] ?? 0) : guessBar(text, c, keep.guess, words);
      if (p < bar) {
        // A handle the model rules out is not added back in parts: the model has read it whole.
        if (c.rule === 'name:handle') blocked.push(c.start, c.end);
        if (c.rule === 'name:list' || c.rule === 'name:list-common') {
          listedDropped ??= [];
          listedDropped.push(c);
        }
        continue;
      }
      // A handle names someone, but its parts ("Tahir_London") are not names to carry through the chat.
      if (p >= thresholds.confirm && c.rule !== 'name:mention' && c.rule !== 'name:handle') c.confirms = true;
    }
    out ??= [];
    out.push(c);
  }
  // A listed name written just before a name that stands is part of it, whatever the model thought of it alone: "ring
  // Faith Chukwu" must not leave "Faith" visible beside a withheld surname.
  if (listedDropped !== undefined && out !== undefined) {
    const standing = out;
    for (const c of listedDropped) {
      const next = standing.find((s) => s.start === c.end + 1 && s.category === 'person-name');
      if (next !== undefined && text.charCodeAt(c.end) === 32) out.push({ ...c, role: next.role ?? c.role });
    }
  }
  // A surname's particle ("der" of "Van der Merwe") stands only between parts of a name that stand.
  if (out?.some((c) => c.rule === 'name:particle'))
    out = out.filter((c) => c.rule !== 'name:particle' || between(c, out));
  // In a message that is mostly not English a capital letter is no evidence of a name (German nouns, every language's
  // first word), and the model learned capitals from English: it adds a name there only when it is surer.
  let add = thresholds.add;
  if (thresholds.addForeign > add && foreignText(text, count)) add = thresholds.addForeign;
  for (const run of modelRuns(text, count, probabilities, add, notNamesAlone)) {
    if (out?.some((c) => c.start < run.end && run.start < c.end)) continue;
    if (overlapsAny(run, blocked) || noWordToAdd(text, run)) continue;
    out ??= [];
    out.push({
      start: run.start,
      end: run.end,
      category: 'person-name',
      confidence: Math.round(run.probability * 100) / 100,
      rule: 'name:model',
      role: 'unknown',
      personKey: text.slice(run.start, run.end).replace(/^[@#]/, '').toLowerCase(),
      // Every token of the run must be sure: "President Obama" confirms neither if the model doubts "President".
      confirms: runMinimum(probabilities, run.first, run.last) >= thresholds.confirm,
    });
  }
  return out ?? NONE;
}
