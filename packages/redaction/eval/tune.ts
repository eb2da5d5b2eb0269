/**
 * `npm run eval -- --tune`: searches the name model's thresholds in `src/confidence.ts` (`keepWithModel`, the bar a
 * rule's guess must pass, and `modelThresholds.add` / `addForeign`) one threshold at a time (coordinate ascent over a
 * grid, two rounds), and prints the table to paste back. It tunes on the model's training data by cross-fitting, never
 * on the evaluation sets, so the figures printed for those stay a fair test: the training script trains five models,
 * each without one fifth of every source (`--folds 5 --fold k`), and each fifth is read (as one chat a source) with the
 * model that did not see it. BTC sections E, G, H and WNUT17 train are tuned on; WNUT17's untagged @handles are not
 * scored.
 *
 * The aim is recall first: no set may fall below the recall the rules alone reach on it or (`--recall-kept`, 100% unless
 * told) the bars as they stand do, whichever is higher, and within that the
 * mean precision is as high as it goes. Evidence the model cannot overrule (participants, titles, cues: bar 0) is not
 * searched; nor are the bars of confirming finds, set so the synthetic chats keep their recall (the eval's first table
 * shows it).
 */
import { createNameRecogniser, keepWithModel, modelThresholds, type Recogniser, ruleConfidence } from '../src/index.ts';
import type { NameModel } from '../src/model/tagger.ts';
import type { LabelledText } from './conll.ts';
import { corpusFigures, detectAsChat } from './corpora.ts';
import type { Span } from './score.ts';

const grid = [0, 0.05, 0.1, 0.15, 0.2, 0.3, 0.4, 0.5, 0.7, 0.9, 1.01];

/** A set to tune on: its folds (documents read as one chat, with the model that did not see them), and proposals that
 * are neither right nor wrong there. */
export interface TuningSet {
  name: string;
  folds: readonly { docs: readonly LabelledText[]; model: NameModel }[];
  unscored?: (text: string, span: Span) => boolean;
}

type Thresholds = { add: number; addForeign: number };

/**
 * `recallKept` is the share of the floor's recall every set must keep (1: all of it); below 1, recall the model gained
 * over the bars as they stand may be traded for precision, never the rules' own (the floor is never below the rules
 * alone).
 */
export function tuneModelVote(
  sets: readonly TuningSet[],
  withNames: (names: Recogniser) => Recogniser[],
  recallKept = 1,
): void {
  const figures = (make: (model: NameModel) => Recogniser): { recall: number; precision: number }[] =>
    sets.map((s) => {
      const docs: LabelledText[] = [];
      const kept: Span[][] = [];
      for (const f of s.folds) {
        const predicted = detectAsChat(f.docs, withNames(make(f.model)));
        for (const [i, spans] of predicted.entries()) {
          const text = f.docs[i]?.text ?? '';
          kept.push(s.unscored ? spans.filter((p) => !s.unscored?.(text, p)) : spans);
        }
        docs.push(...f.docs);
      }
      return corpusFigures(docs, kept);
    });
  const rulesAlone = figures(() => createNameRecogniser({ model: null }));
  // Recall first: no set may lose recall against the rules alone or against the bars as they stand.
  const standing = figures((model) => createNameRecogniser({ model }));
  const floors = rulesAlone.map((f, i) =>
    Math.max(f.recall, recallKept * Math.max(f.recall, standing[i]?.recall ?? 0)),
  );
  const objective = (keep: Record<string, number>, thresholds: Thresholds): number => {
    const f = figures((model) => createNameRecogniser({ model, keep, thresholds }));
    let value = 0;
    for (const [i, x] of f.entries()) value += x.precision / f.length - 10 * Math.max(0, (floors[i] ?? 0) - x.recall);
    return value;
  };
  const keep: Record<string, number> = { ...keepWithModel };
  const searched = Object.keys(keep).filter((rule) => (keep[rule] ?? 0) > 0 && !rule.endsWith(' confirming'));
  const thresholds: Thresholds = { add: modelThresholds.add, addForeign: modelThresholds.addForeign };
  console.log(
    `\nTuning on ${sets.map((s) => s.name).join(' and ')} (cross-fitted, one chat a fold); recall floors ${floors.map((f) => f.toFixed(3)).join(', ')}`,
  );
  let best = objective(keep, thresholds);
  console.log(`start: objective ${best.toFixed(4)}`);
  for (let round = 1; round <= 2; round++) {
    for (const rule of [...searched, 'add', 'addForeign'] as const) {
      for (const value of grid) {
        const trial =
          rule === 'add' || rule === 'addForeign'
            ? objective(keep, { ...thresholds, [rule]: value })
            : objective({ ...keep, [rule]: value }, thresholds);
        if (trial > best + 1e-9) {
          best = trial;
          if (rule === 'add' || rule === 'addForeign') thresholds[rule] = value;
          else keep[rule] = value;
        }
      }
    }
    console.log(`round ${round}: objective ${best.toFixed(4)}`);
  }
  const f = figures((model) => createNameRecogniser({ model, keep, thresholds }));
  for (const [i, s] of sets.entries()) {
    console.log(
      `${s.name}: recall ${(100 * (f[i]?.recall ?? 0)).toFixed(1)}%, precision ${(100 * (f[i]?.precision ?? 0)).toFixed(1)}% (rules alone ${(100 * (rulesAlone[i]?.recall ?? 0)).toFixed(1)}% / ${(100 * (rulesAlone[i]?.precision ?? 0)).toFixed(1)}%)`,
    );
  }
  console.log(`modelThresholds.add: ${thresholds.add}, addForeign: ${thresholds.addForeign}`);
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
