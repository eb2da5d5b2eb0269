/**
 * `node eval/analyse.ts [set …] [--rules] [--examples N] [--rule name:…] [--models DIR] [--bands [--open]]`: where the
 * false names come from, and which names are missed. Runs detection on each set read as one chat (the combined engine,
 * or `--rules` alone) and prints recall and precision, each name rule's proposals and how many are right; with
 * `--examples`, the first false finds of each rule (or of `--rule`) in context, and the first gold names missed with the
 * model's probability for them (the highest among their tokens), so one can see which misses a lower bar would catch.
 * `--bands` also prints, for each rule, its right and wrong proposals by the model's probability for them (the bands of
 * the tuning's grid), which shows what any bar for that rule would keep and lose; `--open` sets every bar the model
 * holds the rules' guesses to at 0 first, so the guesses the bars drop are counted too (what the tuning searches over).
 *
 * Sets: `btc/btc.test` (the default), `wnut17/emerging.dev.conll`, and the training data, `train/btc` (BTC sections E,
 * G, H) and `train/wnut17` (WNUT17 train; its @handles are untagged, so handles are not scored). The training data is
 * where rules are developed, so the evaluation sets stay a fair test. The rules never learned from it, but the model
 * did: the training sets are read by cross-fitting, as `npm run eval -- --tune` does — five models, each trained
 * without one fifth of every source, each fifth read as one chat with the model that did not see it. The five models
 * are trained into `--models DIR` the first time (about a minute and a half) and reused after. By default DIR is a
 * folder in the system's temporary directory named by a hash of this checkout and of the code the models are trained
 * by, so a change to the features or the training trains them afresh.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import {
  createNameRecogniser,
  defaultRecognisers,
  detectPersonalDataSync,
  keepWithModel,
  type Recogniser,
} from '../src/index.ts';
import { KnownNames } from '../src/known-names.ts';
import { builtInNameModel } from '../src/model/load.ts';
import { NameModel, type NameModelData } from '../src/model/tagger.ts';
import { tokenise, tokens } from '../src/recognisers/names/tokens.ts';
import { WordCounts } from '../src/word-counts.ts';
import { documentsAsChat, type LabelledText, readConll } from './conll.ts';

/**
 * A short hash of what the fold models are trained by: this checkout's place, the training script, the model's code and
 * the name scanner's (its tokens are the model's). The default folder is named by it, so two checkouts, or one whose
 * features changed since, never read each other's (or stale) models.
 */
function trainingFingerprint(): string {
  const hash = createHash('sha256').update(fileURLToPath(import.meta.url));
  const sources = ['../scripts/train-name-model.ts', '../src/model/', '../src/recognisers/names/'];
  for (const source of sources) {
    const path = fileURLToPath(new URL(source, import.meta.url));
    const files = source.endsWith('/')
      ? readdirSync(path)
          .sort()
          .map((f) => join(path, f))
      : [path];
    for (const file of files) hash.update(file).update(readFileSync(file));
  }
  return hash.digest('hex').slice(0, 12);
}

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    examples: { type: 'string', default: '0' },
    rule: { type: 'string' },
    rules: { type: 'boolean', default: false },
    models: { type: 'string', default: join(tmpdir(), `redaction-name-model-folds-${trainingFingerprint()}`) },
    bands: { type: 'boolean', default: false },
    open: { type: 'boolean', default: false },
  },
});
const fixtures = new URL('../../../../shared/fixtures/pii/', import.meta.url);
const shown = Number(values.examples);
const FOLDS = 5;

/** One chat to read: its documents, the model to vote with, and whether @handles are scored. */
interface Chat {
  docs: LabelledText[];
  model: NameModel;
}

/** The five cross-fitted models, trained into `dir` when missing. */
function foldModels(dir: string): NameModel[] {
  mkdirSync(dir, { recursive: true });
  const models: NameModel[] = [];
  for (let k = 0; k < FOLDS; k++) {
    const out = join(dir, `fold-${k}.json`);
    if (!existsSync(out)) {
      console.error(`training the model without fold ${k + 1} of ${FOLDS} into ${out}…`);
      const script = fileURLToPath(new URL('../scripts/train-name-model.ts', import.meta.url));
      execFileSync(process.execPath, [script, '--folds', String(FOLDS), '--fold', String(k), '--out', out], {
        stdio: 'ignore',
      });
    }
    models.push(NameModel.fromData(JSON.parse(readFileSync(out, 'utf8')) as NameModelData));
  }
  return models;
}

/** The chats of one set: the evaluation sets whole, with the built-in model; the training sets by fold. */
function chatsOf(set: string): { chats: Chat[]; handlesScored: boolean } {
  const training: Record<string, { files: string[]; tags: RegExp }> = {
    'train/btc': { files: ['btc-e.conll', 'btc-g.conll', 'btc-h.conll'], tags: /^([BI])-PER$/ },
    'train/wnut17': { files: ['wnut17train.conll'], tags: /^([BI])-person$/ },
  };
  const t = training[set];
  if (t === undefined) {
    const docs = readConll(new URL(set, fixtures), set.includes('wnut') ? /^([BI])-person$/ : /^([BI])-PER$/);
    return { chats: [{ docs, model: builtInNameModel() }], handlesScored: true };
  }
  const all = t.files.map((f) => readConll(new URL(`train/${f}`, fixtures), t.tags));
  const models = foldModels(values.models);
  const chats = models.map((model, k) => ({
    model,
    docs: all.flatMap((docs) => docs.filter((_, i) => i % FOLDS === k)),
  }));
  return { chats, handlesScored: !set.includes('wnut') };
}

const withNames = (names: Recogniser): Recogniser[] => defaultRecognisers.map((r) => (r.id === 'name' ? names : r));
/** With `--open`, every bar above 0 at 0 (the model still adds its own finds at `add`). */
const open: Record<string, number> = {};
if (values.open) for (const [rule, bar] of Object.entries(keepWithModel)) if (bar > 0) open[rule] = 0;
/** The probability bands of `--bands` (the tuning's grid). */
const bands = [0, 0.05, 0.1, 0.15, 0.2, 0.3, 0.4, 0.5, 0.7, 0.9];
const bandOf = (p: number): number => {
  let b = 0;
  while (b + 1 < bands.length && p >= (bands[b + 1] as number)) b++;
  return b;
};
const context = (text: string, start: number, end: number): string =>
  `${text.slice(start, end)}  |  ${text.slice(Math.max(0, start - 40), end + 40)}`;

for (const set of positionals.length > 0 ? positionals : ['btc/btc.test']) {
  const { chats, handlesScored } = chatsOf(set);
  const byRule = new Map<string, { proposed: number; right: number; wrong: string[] }>();
  /** Per rule, right and wrong proposals by band (the last pair: the model read none of its tokens). */
  const banded = new Map<string, number[]>();
  const missed: string[] = [];
  let gold = 0;
  let found = 0;
  let proposed = 0;
  let right = 0;
  for (const chat of chats) {
    const { docs } = chat;
    const names = createNameRecogniser({ model: values.rules ? null : chat.model, keep: open });
    const result = detectPersonalDataSync(documentsAsChat(docs, 'corpus'), {
      mode: 'foi',
      recognisers: withNames(names),
    });
    const hit = docs.map((d) => d.spans.map(() => false));
    const counts = new WordCounts();
    for (const d of docs) counts.add(d.text);
    const noNames = new KnownNames();
    /** The model's probability for a span of a document: the highest among its tokens (NaN: none read). */
    const probabilityOf = (text: string, start: number, end: number): number => {
      const count = tokenise(text, noNames);
      const p = chat.model.tag(text, count, counts);
      let best = Number.NaN;
      for (let t = 0; t < count; t++) {
        const v = p[t] as number;
        if ((tokens.start[t] as number) < end && start < (tokens.end[t] as number) && !(v <= best)) best = v;
      }
      return best;
    };
    for (const p of result.proposals) {
      if (p.category !== 'person-name') continue;
      const index = Number(p.messageId.slice(1));
      const doc = docs[index];
      if (!doc || (!handlesScored && doc.text.charCodeAt(p.start) === 64)) continue;
      let isRight = false;
      for (const [k, g] of doc.spans.entries()) {
        if (g.start < p.end && p.start < g.end) {
          isRight = true;
          (hit[index] as boolean[])[k] = true;
        }
      }
      const row = byRule.get(p.rule) ?? { proposed: 0, right: 0, wrong: [] };
      byRule.set(p.rule, row);
      row.proposed++;
      proposed++;
      if (isRight) {
        row.right++;
        right++;
      } else row.wrong.push(context(doc.text, p.start, p.end));
      if (values.bands) {
        const pairs = banded.get(p.rule) ?? new Array<number>(2 * bands.length + 2).fill(0);
        banded.set(p.rule, pairs);
        const v = probabilityOf(doc.text, p.start, p.end);
        const at = 2 * (Number.isNaN(v) ? bands.length : bandOf(v)) + (isRight ? 0 : 1);
        pairs[at] = (pairs[at] as number) + 1;
      }
    }
    for (const [i, doc] of docs.entries()) {
      for (const [k, g] of doc.spans.entries()) {
        gold++;
        if ((hit[i] as boolean[])[k]) {
          found++;
          continue;
        }
        if (missed.length >= shown) continue;
        const best = probabilityOf(doc.text, g.start, g.end);
        missed.push(`p=${best.toFixed(2)}  ${context(doc.text, g.start, g.end)}`);
      }
    }
  }
  const pc = (a: number, b: number): string => `${((100 * a) / Math.max(1, b)).toFixed(1)}%`;
  console.log(
    `\n${set}, read as ${chats.length === 1 ? 'one chat' : `${chats.length} cross-fitted chats`} (${values.rules ? 'rules only' : 'combined'}): recall ${pc(found, gold)} (${found} of ${gold}), precision ${pc(right, proposed)} (${right} of ${proposed})${handlesScored ? '' : '; @handles not scored'}`,
  );
  console.log('rule                          proposed  right  wrong');
  for (const [rule, r] of [...byRule].sort((a, b) => b[1].wrong.length - a[1].wrong.length)) {
    console.log(
      `${rule.padEnd(30)} ${String(r.proposed).padStart(6)} ${String(r.right).padStart(6)} ${String(r.wrong.length).padStart(6)}`,
    );
  }
  if (values.bands) {
    console.log(
      `\nright/wrong by the model's probability${values.open ? ' (every bar at 0)' : ''}\nrule                          ${bands.map((b) => `>=${b}`.padStart(8)).join('')}     unread`,
    );
    for (const [rule, pairs] of [...banded].sort((a, b) => a[0].localeCompare(b[0]))) {
      const cells: string[] = [];
      for (let b = 0; b <= bands.length; b++) cells.push(`${pairs[2 * b]}/${pairs[2 * b + 1]}`.padStart(8));
      console.log(`${rule.padEnd(30)}${cells.join('')}`);
    }
  }
  if (shown > 0) {
    for (const [rule, r] of byRule) {
      if (values.rule && rule !== values.rule) continue;
      console.log(`\nfalse ${rule}:\n  ${r.wrong.slice(0, shown).join('\n  ')}`);
    }
    console.log(`\nmissed (the model's probability):\n  ${missed.join('\n  ')}`);
  }
}
