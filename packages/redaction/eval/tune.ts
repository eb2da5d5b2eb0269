/**
 * `npm run eval -- --tune`: searches the name model's thresholds in `src/confidence.ts` (`keepWithModel`, the bar a
 * rule's guess must pass, and `modelThresholds.add`) on the visible sets read as one chat, one threshold at a time
 * (coordinate ascent over a grid, two rounds), and prints the table to paste back.
 *
 * The aim is recall first: no set may lose recall against a floor — BTC the target (0.90, with a half-point margin),
 * WNUT17 what the rules alone reach — and within that, the mean precision is as high as it goes. Evidence the model
 * cannot overrule (participants, titles, cues: bar 0) is not searched; nor are the bars of confirming finds, set so the
 * synthetic chats keep their recall (the eval's first table shows it).
 */
import { createNameRecogniser, keepWithModel, modelThresholds, type Recogniser, ruleConfidence } from '../src/index.ts';
import type { LabelledText } from './conll.ts';
import { corpusFigures, detectAsChat } from './corpora.ts';

const grid = [0, 0.05, 0.1, 0.2, 0.3, 0.5, 0.7, 1.01];

export function tuneModelVote(
  sets: readonly { name: string; docs: readonly LabelledText[] }[],
  withNames: (names: Recogniser) => Recogniser[],
): void {
  const figures = (names: Recogniser): { recall: number; precision: number }[] =>
    sets.map((s) => corpusFigures(s.docs, detectAsChat(s.docs, withNames(names))));
  const rulesAlone = figures(createNameRecogniser({ model: null }));
  const floors = sets.map((s, i) => (s.name.startsWith('btc') ? 0.905 : (rulesAlone[i]?.recall ?? 0)));
  const objective = (keep: Record<string, number>, add: number): number => {
    const f = figures(createNameRecogniser({ keep, thresholds: { add } }));
    let value = 0;
    for (const [i, x] of f.entries()) value += x.precision / f.length - 10 * Math.max(0, (floors[i] ?? 0) - x.recall);
    return value;
  };
  const keep: Record<string, number> = { ...keepWithModel };
  const searched = Object.keys(keep).filter((rule) => (keep[rule] ?? 0) > 0 && !rule.endsWith(' confirming'));
  let add = modelThresholds.add;
  console.log(
    `\nTuning on ${sets.map((s) => s.name).join(' and ')} (one chat each); recall floors ${floors.map((f) => f.toFixed(3)).join(', ')}`,
  );
  let best = objective(keep, add);
  for (let round = 1; round <= 2; round++) {
    for (const rule of [...searched, 'add']) {
      for (const value of grid) {
        const trial = rule === 'add' ? objective(keep, value) : objective({ ...keep, [rule]: value }, add);
        if (trial > best + 1e-9) {
          best = trial;
          if (rule === 'add') add = value;
          else keep[rule] = value;
        }
      }
    }
    console.log(`round ${round}: objective ${best.toFixed(4)}`);
  }
  const f = figures(createNameRecogniser({ keep, thresholds: { add } }));
  for (const [i, s] of sets.entries()) {
    console.log(
      `${s.name}: recall ${(100 * (f[i]?.recall ?? 0)).toFixed(1)}%, precision ${(100 * (f[i]?.precision ?? 0)).toFixed(1)}% (rules alone ${(100 * (rulesAlone[i]?.recall ?? 0)).toFixed(1)}% / ${(100 * (rulesAlone[i]?.precision ?? 0)).toFixed(1)}%)`,
    );
  }
  console.log(`modelThresholds.add: ${add}`);
  console.log(`keepWithModel: ${JSON.stringify(keep, null, 2)}`);
}

/** Proposals of one chat with their gold spans, for {@link calibrate}. */
export interface ScoredChat {
  name: string;
  proposals: readonly { messageId: string; start: number; end: number; category: string; rule: string }[];
  gold: ReadonlyMap<string, readonly { start: number; end: number; label: string }[]>;
}

/**
 * `npm run eval -- --calibrate`: each name rule's measured precision on the tuning data (synthetic tuning seeds, and
 * BTC and WNUT17 read as one chat) beside its value in `ruleConfidence`, so the table can be set from measurements.
 */
export function calibrate(chats: readonly ScoredChat[]): void {
  const byRule = new Map<string, Map<string, [number, number]>>();
  for (const chat of chats) {
    for (const p of chat.proposals) {
      if (p.category !== 'person-name') continue;
      const rule = p.rule.replace(/\+.*/, '');
      const right = (chat.gold.get(p.messageId) ?? []).some(
        (g) => g.label === 'person-name' && g.start < p.end && p.start < g.end,
      );
      const row = byRule.get(rule) ?? new Map<string, [number, number]>();
      byRule.set(rule, row);
      const cell = row.get(chat.name) ?? [0, 0];
      cell[0]++;
      if (right) cell[1]++;
      row.set(chat.name, cell);
    }
  }
  console.log("\nName rules: the table's confidence beside the precision measured (proposals, share right)");
  console.log(`rule                          table       ${chats.map((c) => c.name.padEnd(22)).join('')}`);
  const table = ruleConfidence as Record<string, number>;
  for (const [rule, row] of [...byRule].sort()) {
    const values = Object.keys(table)
      .filter((key) => key === rule || key.startsWith(`${rule} `))
      .map((key) => table[key]);
    const cells = chats.map((c) => {
      const cell = row.get(c.name);
      return (cell ? `${cell[0]} / ${((100 * cell[1]) / cell[0]).toFixed(0)}%` : '-').padEnd(22);
    });
    console.log(`${rule.padEnd(30)}${(values.join(', ') || '-').padEnd(12)}${cells.join('')}`);
  }
}
