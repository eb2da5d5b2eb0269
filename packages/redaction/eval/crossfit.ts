/**
 * `node eval/crossfit.ts [training options]`: the name model's figures on its own training data by cross-fitting, the
 * way to judge a change to the model without looking at the evaluation sets. Trains five models, each without one fifth
 * of every training source (`--folds 5 --fold k`, any other options passed on to the training script: `--epochs 12`),
 * reads each fifth with the model that did not see it (BTC sections E, G, H as one chat a fold, WNUT17 train the same,
 * its untagged @handles not scored), and prints rules only, model only and combined, with the mean of the two sets.
 * Five times the data of the held-out tenth `npm run eval` prints, so a change of a point is more than noise.
 *
 * `--models DIR` reads fold models already trained (`fold-0.json` …) instead of training them; `--keep DIR` writes
 * them there.
 */
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { createNameModelRecogniser, createNameRecogniser, defaultRecognisers, type Recogniser } from '../src/index.ts';
import { KnownNames } from '../src/known-names.ts';
import { NameModel, type NameModelData } from '../src/model/tagger.ts';
import { tokenise, tokens } from '../src/recognisers/names/tokens.ts';
import { WordCounts } from '../src/word-counts.ts';
import { type LabelledText, readConll } from './conll.ts';
import { type CorpusFigures, corpusFigures, detectAsChat } from './corpora.ts';
import type { Span } from './score.ts';

const folds = 5;
const args = process.argv.slice(2);
const option = (name: string): string | undefined => {
  const at = args.indexOf(name);
  if (at < 0) return undefined;
  const value = args[at + 1];
  args.splice(at, 2);
  return value;
};
const modelsDir = option('--models');
const keepDir = option('--keep');
const dir = modelsDir ?? keepDir ?? mkdtempSync(join(tmpdir(), 'name-model-crossfit-'));
mkdirSync(dir, { recursive: true });

const run = promisify(execFile);
const script = fileURLToPath(new URL('../scripts/train-name-model.ts', import.meta.url));
if (!modelsDir) {
  // Two at a time: the machine this runs on has two cores.
  for (let k = 0; k < folds; k += 2) {
    await Promise.all(
      [k, k + 1]
        .filter((f) => f < folds)
        .map((f) =>
          run(process.execPath, [
            script,
            '--folds',
            String(folds),
            '--fold',
            String(f),
            '--out',
            join(dir, `fold-${f}.json`),
            ...args,
          ]),
        ),
    );
  }
}
const models = Array.from({ length: folds }, (_, k) =>
  NameModel.fromData(JSON.parse(readFileSync(join(dir, `fold-${k}.json`), 'utf8')) as NameModelData),
);

const trainDir = new URL('../../../../shared/fixtures/pii/train/', import.meta.url);
const withNames = (names: Recogniser): Recogniser[] => defaultRecognisers.map((r) => (r.id === 'name' ? names : r));
const engines: { name: string; make: (model: NameModel) => Recogniser[] }[] = [
  { name: 'rules only', make: () => withNames(createNameRecogniser({ model: null })) },
  { name: 'model only', make: (model) => [createNameModelRecogniser(model)] },
  { name: 'combined', make: (model) => withNames(createNameRecogniser({ model })) },
];
const sets = [
  { name: 'BTC E, G, H', files: ['btc-e.conll', 'btc-g.conll', 'btc-h.conll'], tags: /^([BI])-PER$/ },
  { name: 'WNUT17 train', files: ['wnut17train.conll'], tags: /^([BI])-person$/ },
];

console.log(`cross-fitted (${folds} folds) ${args.join(' ') || '(default training options)'}; models in ${dir}`);
console.log('set            engine        gold  recall  precision  predicted');
const means = new Map<string, { recall: number; precision: number }>();
for (const set of sets) {
  const all = set.files.map((f) => readConll(new URL(f, trainDir), set.tags));
  const handle = (text: string, span: Span): boolean =>
    set.name.startsWith('WNUT') && text.charCodeAt(span.start) === 64;
  for (const engine of engines) {
    const docs: LabelledText[] = [];
    const kept: Span[][] = [];
    for (const [k, model] of models.entries()) {
      const fold = all.flatMap((d) => d.filter((_, i) => i % folds === k));
      const predicted = detectAsChat(fold, engine.make(model));
      for (const [i, spans] of predicted.entries()) kept.push(spans.filter((p) => !handle(fold[i]?.text ?? '', p)));
      docs.push(...fold);
    }
    const f: CorpusFigures = corpusFigures(docs, kept);
    const mean = means.get(engine.name) ?? { recall: 0, precision: 0 };
    mean.recall += f.recall / sets.length;
    mean.precision += f.precision / sets.length;
    means.set(engine.name, mean);
    console.log(
      `${set.name.padEnd(14)} ${engine.name.padEnd(12)} ${String(f.gold).padStart(5)}  ${(100 * f.recall).toFixed(1).padStart(5)}%  ${(100 * f.precision).toFixed(1).padStart(8)}%  ${String(f.predicted).padStart(9)}`,
    );
  }
}
// How well the model ranks tokens, whatever the bars: the average precision of its probabilities over the tokens it
// reads (capitalised ones and handles apart: what the rules' guesses are made of).
const noNames = new KnownNames();
for (const set of sets) {
  const all = set.files.map((f) => readConll(new URL(f, trainDir), set.tags));
  const pairs: { p: number; y: number; cap: boolean }[] = [];
  for (const [k, model] of models.entries()) {
    const fold = all.flatMap((d) => d.filter((_, i) => i % folds === k));
    const counts = new WordCounts();
    for (const d of fold) counts.add(d.text);
    for (const doc of fold) {
      const count = tokenise(doc.text, noNames);
      const p = model.tag(doc.text, count, counts);
      for (let i = 0; i < count; i++) {
        const v = p[i] as number;
        const start = tokens.start[i] as number;
        const handle = start > 0 && doc.text.charCodeAt(start - 1) === 64;
        if (Number.isNaN(v) || (handle && set.name.startsWith('WNUT'))) continue;
        const y = doc.spans.some((s) => s.start < (tokens.end[i] as number) && start < s.end) ? 1 : 0;
        pairs.push({ p: v, y, cap: tokens.cap[i] === 1 || handle });
      }
    }
  }
  const ap = (xs: { p: number; y: number }[]): number => {
    const sorted = [...xs].sort((a, b) => b.p - a.p);
    const positives = sorted.reduce((n, x) => n + x.y, 0);
    let right = 0;
    let sum = 0;
    for (const [r, x] of sorted.entries()) {
      if (x.y === 0) continue;
      right++;
      sum += right / (r + 1);
    }
    return sum / Math.max(1, positives);
  };
  console.log(
    `${set.name.padEnd(14)} model token average precision ${(100 * ap(pairs)).toFixed(1)}%, capitalised or handle ${(100 * ap(pairs.filter((x) => x.cap))).toFixed(1)}%`,
  );
}
for (const [name, m] of means) {
  console.log(
    `${'mean'.padEnd(14)} ${name.padEnd(12)} ${''.padStart(5)}  ${(100 * m.recall).toFixed(1).padStart(5)}%  ${(100 * m.precision).toFixed(1).padStart(8)}%`,
  );
}
