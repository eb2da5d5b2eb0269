/**
 * The name model as a recogniser of its own: every run of tokens the model takes for a name (probability at or above
 * the threshold) is a candidate `name:model`, its confidence the model's probability. The built-in name recogniser
 * combines the same model with the rules (see `names.ts`); this one is the model alone, for comparison and for
 * callers who want it as an extra recogniser.
 */
import { modelThresholds } from '../confidence.ts';
import { KnownNames } from '../known-names.ts';
import { builtInNameModel } from '../model/load.ts';
import type { NameModel } from '../model/tagger.ts';
import { type Candidate, NONE, type Recogniser, type RecogniserContext } from '../recogniser.ts';
import { tokenise, tokens } from './names/tokens.ts';

/**
 * Runs of tokens whose probability is at least `threshold` (and that `usable` allows), joined across single spaces
 * ("Mitt Romney") and taking in the `@` or `#` written before them; each with the highest probability among its
 * tokens.
 */
export function modelRuns(
  text: string,
  count: number,
  probabilities: Float32Array,
  threshold: number,
  usable: (i: number) => boolean = () => true,
): readonly { start: number; end: number; probability: number; first: number; last: number }[] {
  let out: { start: number; end: number; probability: number; first: number; last: number }[] | undefined;
  for (let i = 0; i < count; i++) {
    const p = probabilities[i] as number;
    if (!(p >= threshold) || !usable(i)) continue;
    out ??= [];
    const start = tokens.start[i] as number;
    const end = tokens.end[i] as number;
    const last = out[out.length - 1];
    if (
      last &&
      last.last === i - 1 &&
      start - last.end <= 1 &&
      (start === last.end || text.charCodeAt(last.end) === 32)
    ) {
      last.end = end;
      last.last = i;
      if (p > last.probability) last.probability = p;
      continue;
    }
    const before = start > 0 ? text.charCodeAt(start - 1) : 32;
    out.push({ start: before === 64 || before === 35 ? start - 1 : start, end, probability: p, first: i, last: i });
  }
  return out ?? noRuns;
}

/** The shared empty list of runs (most messages have none). */
const noRuns: readonly { start: number; end: number; probability: number; first: number; last: number }[] = [];

const noNames = new KnownNames();

/** A recogniser of the model alone, at `threshold` (default: the table's `modelThresholds.alone`). */
export function createNameModelRecogniser(model?: NameModel, threshold = modelThresholds.alone): Recogniser {
  let m = model;
  return {
    id: 'name-model',
    categories: ['person-name'],
    find(text: string, context: RecogniserContext): Candidate[] {
      if (text.length === 0) return NONE;
      m ??= builtInNameModel();
      const count = tokenise(text, noNames);
      const probabilities = m.tag(text, count, context.lowerCaseUses);
      if (m.read === 0) return NONE;
      const runs = modelRuns(text, count, probabilities, threshold);
      if (runs.length === 0) return NONE;
      return runs.map((r) => ({
        start: r.start,
        end: r.end,
        category: 'person-name',
        confidence: Math.round(r.probability * 100) / 100,
        rule: 'name:model',
        role: 'unknown',
        personKey: text.slice(r.start, r.end).replace(/^[@#]/, '').toLowerCase(),
        confirms: r.probability >= modelThresholds.confirm,
      }));
    },
  };
}

/** The built-in model alone (its weights decoded on first use). */
export const nameModelRecogniser: Recogniser = createNameModelRecogniser();
