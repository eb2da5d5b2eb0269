/**
 * Scoring for the evaluation: gold and predicted spans of one text are compared by any overlap (what matters for a
 * leak) and by IoU >= 0.9 against a span of the same category (the presidio-research metric); precision counts
 * predicted spans that overlap any gold span; leaked characters are gold characters no predicted span covers.
 */

/** A labelled span of one text (UTF-16 offsets, end exclusive). */
export interface Span {
  start: number;
  end: number;
  label: string;
}

/** Counts for one category. */
export interface Tally {
  gold: number;
  foundOverlap: number;
  foundIou: number;
  predicted: number;
  predictedCorrect: number;
  goldChars: number;
  leakedChars: number;
}

export const newTally = (): Tally => ({
  gold: 0,
  foundOverlap: 0,
  foundIou: 0,
  predicted: 0,
  predictedCorrect: 0,
  goldChars: 0,
  leakedChars: 0,
});

function iou(a: Span, b: Span): number {
  const inter = Math.max(0, Math.min(a.end, b.end) - Math.max(a.start, b.start));
  const union = Math.max(a.end, b.end) - Math.min(a.start, b.start);
  return union === 0 ? 0 : inter / union;
}

/** Whether two spans share a character. */
export const overlaps = (a: { start: number; end: number }, b: { start: number; end: number }): boolean =>
  a.start < b.end && b.start < a.end;

const direct = new Set([
  'person-name',
  'nhs-number',
  'hospital-number',
  'phone',
  'email',
  'postcode',
  'address',
  'date-of-birth',
  'ni-number',
]);

/** Scores predicted spans against gold spans for one text; returns whether a direct identifier stays visible. */
export function score(gold: readonly Span[], predicted: readonly Span[], tallies: Map<string, Tally>): boolean {
  let visible = false;
  const t = (label: string): Tally => {
    let x = tallies.get(label);
    if (!x) {
      x = newTally();
      tallies.set(label, x);
    }
    return x;
  };
  for (const g of gold) {
    const tally = t(g.label);
    tally.gold++;
    if (predicted.some((p) => overlaps(p, g))) tally.foundOverlap++;
    if (predicted.some((p) => p.label === g.label && iou(p, g) >= 0.9)) tally.foundIou++;
    const len = g.end - g.start;
    let covered = 0;
    for (let i = g.start; i < g.end; i++) if (predicted.some((p) => p.start <= i && i < p.end)) covered++;
    tally.goldChars += len;
    tally.leakedChars += len - covered;
    if (covered < len && direct.has(g.label)) visible = true;
  }
  for (const p of predicted) {
    const tally = t(p.label);
    tally.predicted++;
    if (gold.some((g) => overlaps(p, g))) tally.predictedCorrect++;
  }
  return visible;
}

/** A percentage right-aligned in six characters, or a dash when there is nothing to divide by. */
export const pct = (n: number, d: number): string =>
  d === 0 ? '   -  ' : `${((100 * n) / d).toFixed(1).padStart(5)}%`;

/** Prints one table of tallies (one row per category and a total). */
export function printTable(title: string, tallies: Map<string, Tally>, extra: string): void {
  console.log(`\n${title}`);
  console.log('category          gold  recall(overlap)  recall(IoU>=0.9)  precision  predicted  leaked chars');
  const order = [...tallies.keys()].sort();
  const all = newTally();
  for (const label of order) {
    const x = tallies.get(label) as Tally;
    for (const k of Object.keys(all) as (keyof Tally)[]) all[k] += x[k];
    console.log(row(label, x));
  }
  console.log(row('ALL', all));
  if (extra) console.log(extra);
}

function row(label: string, x: Tally): string {
  return `${label.padEnd(16)} ${String(x.gold).padStart(5)}  ${pct(x.foundOverlap, x.gold).padStart(15)}  ${pct(x.foundIou, x.gold).padStart(16)}  ${pct(x.predictedCorrect, x.predicted).padStart(9)}  ${String(x.predicted).padStart(9)}  ${pct(x.leakedChars, x.goldChars).padStart(12)}`;
}
