/**
 * Trains the name model (`src/model/`) and writes `src/data/name-model.json`.
 *
 * Data: `../shared/fixtures/pii/train/` — the Broad Twitter Corpus sections E, G and H (PER) and the WNUT17 training
 * set (person), both CC BY 4.0 (Derczynski, Bontcheva & Roberts, COLING 2016; Derczynski et al., W-NUT 2017) — and
 * the project's synthetic clinical chats (`@im-records/synthetic-chats`, 40 chats of 200 messages, seeds 901–940,
 * which no test or evaluation uses). Only the learned weights are written; no text of the corpora is. Each source is read as one chat, so the
 * chat-wide counts the features use (how often a word is written in lower case) are those the engine computes.
 *
 * One document in ten of every source is held out: the script prints the model's figures on it (tokens and spans,
 * overlap matching) and fits the probability calibration there. The evaluation sets (`btc/btc.test`,
 * `wnut17/emerging.dev.conll`) are never read here.
 *
 * `--folds 5 --fold k` holds out document i when i % 5 === k instead: `npm run eval -- --tune` trains one such model a
 * fold and tunes the vote on the documents each did not see (see `eval/tune.ts`).
 *
 * Usage: node scripts/train-name-model.ts [--epochs 8] [--bits 18] [--rate 0.1] [--l2 0.01] [--adagrad-init 0.1]
 *        [--synthetic-chats 40] [--synthetic-messages 200] [--lowercase 3] [--lowercase-names 6] [--seed 20240601]
 *        [--comment-threads 0] [--comment-posts 60] [--comment-invented 0] [--comment-lower 1] [--comment-everyday 0]
 *        [--comment-sentences 1]
 *        [--folds 10 --fold 9]
 *        [--fixtures ../../../shared/fixtures/pii] [--out src/data/name-model.json]
 */
import { existsSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { generateClinicalChat } from '@im-records/synthetic-chats';
import { type LabelledText, readConll } from '../eval/conll.ts';
import { KnownNames } from '../src/known-names.ts';
import { type FeatureContext, MAX_FEATURES, tokenFeatures } from '../src/model/features.ts';
import { decode, NameModel, type NameModelData } from '../src/model/tagger.ts';
import { tokenise, tokens } from '../src/recognisers/names/tokens.ts';
import { WordCounts } from '../src/word-counts.ts';
import { mulberry32 } from './seeded-random.ts';
import { syntheticCommentThread } from './synthetic-comments.ts';

const { values } = parseArgs({
  options: {
    epochs: { type: 'string', default: '8' },
    bits: { type: 'string', default: '18' },
    rate: { type: 'string', default: '0.1' },
    l2: { type: 'string', default: '0.01' },
    'synthetic-chats': { type: 'string', default: '40' },
    'synthetic-messages': { type: 'string', default: '200' },
    fixtures: { type: 'string' },
    out: { type: 'string' },
    folds: { type: 'string', default: '10' },
    fold: { type: 'string', default: '9' },
    lowercase: { type: 'string', default: '3' },
    'lowercase-names': { type: 'string', default: '6' },
    seed: { type: 'string', default: '20240601' },
    'adagrad-init': { type: 'string', default: '0.1' },
    'comment-threads': { type: 'string', default: '0' },
    'comment-posts': { type: 'string', default: '60' },
    'comment-invented': { type: 'string', default: '0' },
    'comment-lower': { type: 'string', default: '1' },
    'comment-everyday': { type: 'string', default: '0' },
    'comment-sentences': { type: 'string', default: '1' },
  },
});
/** Document i of each source is held out when i % folds === fold (default: one in ten, the tenth). */
const folds = Number(values.folds);
const fold = Number(values.fold);
const epochs = Number(values.epochs);
/** AdaGrad's base step and the L2 penalty (per update of a weight the token uses). */
const rate = Number(values.rate);
const l2 = Number(values.l2);
/**
 * What AdaGrad's sum of squared gradients starts from. Near 0, a weight's first step is the whole base step whatever
 * its gradient, so a feature seen once (a rare word, its trigrams) moves as far on a token the model already reads right
 * as on one it gets wrong; starting at 0.1 scales a small first gradient down with it (cross-fitted average precision
 * BTC 91.9% → 92.1%, WNUT17 76.3% → 77.1%; 0.03 and 0.3 alike).
 */
const adagradInit = Number(values['adagrad-init']);
const syntheticChats = Number(values['synthetic-chats']);
const syntheticMessages = Number(values['synthetic-messages']);
const bits = Number(values.bits);
const size = 1 << bits;
const mask = size - 1;
const fixtures = values.fixtures
  ? new URL(`${values.fixtures.replace(/\/?$/, '/')}`, `file://${process.cwd()}/`)
  : new URL('../../../../shared/fixtures/pii/', import.meta.url);
const trainDir = new URL('train/', fixtures);
if (!existsSync(trainDir)) {
  console.error(`No training data at ${trainDir.pathname}: the script needs ../shared/fixtures/pii/train/.`);
  process.exit(1);
}

/** A source read as one chat: its documents and the chat's lower-case word counts. */
interface Source {
  name: string;
  docs: LabelledText[];
  counts: WordCounts;
  /** Whether its labels say nothing of @handles (WNUT17 leaves every username untagged by its guidelines). */
  handlesUnlabelled: boolean;
}

function source(name: string, docs: LabelledText[], handlesUnlabelled = false): Source {
  const counts = new WordCounts();
  for (const d of docs) counts.add(d.text);
  return { name, docs, counts, handlesUnlabelled };
}

const sources: Source[] = [
  source('btc-e', readConll(new URL('btc-e.conll', trainDir), /^([BI])-PER$/)),
  source('btc-g', readConll(new URL('btc-g.conll', trainDir), /^([BI])-PER$/)),
  source('btc-h', readConll(new URL('btc-h.conll', trainDir), /^([BI])-PER$/)),
  source('wnut17-train', readConll(new URL('wnut17train.conll', trainDir), /^([BI])-person$/), true),
];
// Many short chats rather than a few long ones: each has its own cast, so the model meets thousands of names and
// must learn what makes a word a name rather than remember a few dozen.
for (let seed = 901; seed < 901 + syntheticChats; seed++) {
  const chat = await generateClinicalChat({
    seed,
    messages: syntheticMessages,
    style: seed % 2 === 0 ? 'ios' : 'android',
  });
  sources.push(
    source(
      `synthetic-${seed}`,
      chat.messages.map((m) => ({ text: m.text, spans: m.spans.filter((s) => s.label === 'person-name') })),
    ),
  );
}

/** A document ready to learn from: its source (for the counts) and text. */
interface Example {
  source: Source;
  doc: LabelledText;
}
const train: Example[] = [];
const heldOut: Example[] = [];
for (const s of sources) {
  for (const [i, doc] of s.docs.entries()) (i % folds === fold ? heldOut : train).push({ source: s, doc });
}

// Synthetic comment threads (`--comment-threads N` of `--comment-posts M` posts, seeds 5001…; see
// `synthetic-comments.ts`), each read as one chat, all trained on (none held out: the calibration stays fitted on real
// and clinical text). Off by default: 40 threads moved WNUT17's figures by no more than the training order's noise
// (eval/README.md, fifteenth round), so the committed model is trained without them.
const commentThreads = Number(values['comment-threads']);
const commentPosts = Number(values['comment-posts']);
for (let seed = 5001; seed < 5001 + commentThreads; seed++) {
  const s = source(
    `comments-${seed}`,
    syntheticCommentThread(seed, commentPosts, {
      invented: Number(values['comment-invented']),
      lowerCase: Number(values['comment-lower']),
      everyday: Number(values['comment-everyday']),
      sentences: Number(values['comment-sentences']),
    }),
  );
  for (const doc of s.docs) train.push({ source: s, doc });
}

// One training document in three of each corpus (`--lowercase N`: one in N; 0 for none) is read a second time written
// all in lower case, as a chat of its own: comments and chats often write names so ("trump", "sitaram katel"), which
// the tweets barely show, so the model learns what makes a lower-case word a name (lists, clusters, the words around)
// besides its capital. The synthetic chats are not copied (their names are written as people write them already).
const lowercaseEvery = Number(values.lowercase);
if (lowercaseEvery > 0) {
  /** ASCII capitals to lower case, so every offset (and gold span) stays where it was. */
  const lowerAscii = (text: string): string => text.replace(/[A-Z]/g, (c) => c.toLowerCase());
  for (const s of sources) {
    if (s.name.startsWith('synthetic')) continue;
    const docs = s.docs
      .filter((_, i) => i % folds !== fold && i % lowercaseEvery === 0)
      .map((doc) => ({ text: lowerAscii(doc.text), spans: doc.spans }));
    const copy = source(`${s.name}-lower-case`, docs, s.handlesUnlabelled);
    for (const doc of docs) train.push({ source: copy, doc });
  }
}

// One training document in six of each corpus that names someone (`--lowercase-names N`: one in N; 0 for none) is read
// a second time with only its names written in lower case, as a chat of its own: people write a name so in text that
// is otherwise capitalised ("Did anyone notice gaby gave herself more soda"), which the tweets barely show, and the model
// learned that a name's capital is most of its evidence. The copies are other documents than the all-lower-case ones
// (i % 6 === 1 is never i % 3 === 0). Cross-fitted on the training data, the combined engine's precision on BTC rose
// 78.9% → 79.5% at the same recall, in three shufflings of the data (eval/README.md, thirteenth round).
const lowercaseNamesEvery = Number(values['lowercase-names']);
if (lowercaseNamesEvery > 0) {
  /** The document with the ASCII capitals of its gold names in lower case (offsets unchanged). */
  const namesInLowerCase = (doc: LabelledText): LabelledText => {
    let text = doc.text;
    for (const span of doc.spans) {
      const name = text.slice(span.start, span.end).replace(/[A-Z]/g, (c) => c.toLowerCase());
      text = text.slice(0, span.start) + name + text.slice(span.end);
    }
    return { text, spans: doc.spans };
  };
  for (const s of sources) {
    if (s.name.startsWith('synthetic')) continue;
    const docs = s.docs
      .filter((doc, i) => i % folds !== fold && i % lowercaseNamesEvery === 1 && doc.spans.length > 0)
      .map(namesInLowerCase);
    const copy = source(`${s.name}-names-lower-case`, docs, s.handlesUnlabelled);
    for (const doc of docs) train.push({ source: copy, doc });
  }
}

const noNames = new KnownNames();
/** The counts of no chat: what a message read on its own has. */
const alone = new WordCounts();

/**
 * Tokenises a document and returns each token's gold label: 1 when it overlaps a person span, 0 when not, 2 when the
 * source's labels say nothing of it (an @handle in WNUT17): not learned from.
 */
function labels(doc: LabelledText, handlesUnlabelled = false): Uint8Array {
  const count = tokenise(doc.text, noNames);
  const out = new Uint8Array(count);
  for (let i = 0; i < count; i++) {
    const start = tokens.start[i] as number;
    const end = tokens.end[i] as number;
    out[i] = doc.spans.some((s) => s.start < end && start < s.end) ? 1 : 0;
    if (handlesUnlabelled && start > 0 && doc.text.charCodeAt(start - 1) === 64) out[i] = 2;
  }
  return out;
}

// Logistic regression by stochastic gradient descent with per-weight step sizes (AdaGrad) and a little L2, its
// weights averaged over time (lazily: `total` accumulates each weight over time, brought up to date when the weight
// changes; the averaged weight is total / time). It replaced an averaged perceptron: the perceptron learns only which
// side of 0 a token falls, and the rules' vote needs the model's ranking of doubtful words, which log loss trains
// (cross-fitted on the training data, `node eval/crossfit.ts`: average precision of the model's probabilities on BTC
// 89.9% → 91.0%, WNUT17 72.8% → 74.2%).
const weights = new Float32Array(size);
const squares = new Float64Array(size);
const total = new Float64Array(size);
const stamp = new Float64Array(size);
let time = 1;
let gold: Uint8Array = new Uint8Array(0);
let margins = new Float32Array(4096);
const features = new Int32Array(MAX_FEATURES);
const learn = (i: number, f: FeatureContext): number => {
  const n = tokenFeatures(i, f, features);
  let sum = 0;
  for (let k = 0; k < n; k++) sum += weights[(features[k] as number) & mask] as number;
  if (gold[i] !== 2) {
    const error = 1 / (1 + Math.exp(-sum)) - (gold[i] === 1 ? 1 : 0);
    for (let k = 0; k < n; k++) {
      const f = (features[k] as number) & mask;
      const w = weights[f] as number;
      total[f] = (total[f] as number) + (time - (stamp[f] as number)) * w;
      stamp[f] = time;
      const gradient = error + l2 * w;
      squares[f] = (squares[f] as number) + gradient * gradient;
      weights[f] = w - (rate * gradient) / Math.sqrt((squares[f] as number) + adagradInit);
    }
  }
  time++;
  return sum;
};

// `--seed` shuffles the documents in another order: two seeds' figures say how much of a change is the order's noise.
const random = mulberry32(Number(values.seed));
for (let epoch = 1; epoch <= epochs; epoch++) {
  const order = train.map((_, i) => i);
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [order[i], order[j]] = [order[j] as number, order[i] as number];
  }
  let mistakes = 0;
  let seen = 0;
  for (const index of order) {
    const { source: s, doc } = train[index] as Example;
    gold = labels(doc, s.handlesUnlabelled);
    if (margins.length < gold.length) margins = new Float32Array(gold.length * 2);
    // One document in five is also read alone, with no chat counted (as a single message is, by detectMessage).
    decode(doc.text, gold.length, index % 5 === 0 ? alone : s.counts, learn, margins);
    for (let i = 0; i < gold.length; i++) {
      const m = margins[i] as number;
      if (Number.isNaN(m) || gold[i] === 2) continue;
      seen++;
      if ((m > 0 ? 1 : 0) !== gold[i]) mistakes++;
    }
  }
  console.log(`epoch ${epoch}: ${mistakes} mistakes in ${seen} tokens read`);
}
const averaged = new Float32Array(size);
for (let f = 0; f < size; f++) {
  averaged[f] = ((total[f] as number) + (time - (stamp[f] as number)) * (weights[f] as number)) / time;
}

// Quantise to one signed byte a weight.
let largest = 0;
for (let f = 0; f < size; f++) largest = Math.max(largest, Math.abs(averaged[f] as number));
const scale = largest / 127;
const quantised = new Int8Array(size);
for (let f = 0; f < size; f++) quantised[f] = Math.round((averaged[f] as number) / scale);

/** Margins of the held-out tokens under the quantised model, with their gold labels. */
const probe = new NameModel(quantised, bits, scale, 1, 0);
const pairs: { margin: number; y: number }[] = [];
for (const example of heldOut) {
  const y = labels(example.doc, example.source.handlesUnlabelled);
  const m = probe.margins(example.doc.text, y.length, example.source.counts);
  for (let i = 0; i < y.length; i++) {
    const v = m[i] as number;
    if (!Number.isNaN(v) && y[i] !== 2) pairs.push({ margin: v, y: y[i] as number });
  }
}

// Platt scaling: fit a, b of 1 / (1 + exp(-(a m + b))) on the held-out margins by Newton's method (log loss, with a
// little ridge so it cannot diverge when the margins separate the classes).
let a = 0;
let b = 0;
for (let step = 0; step < 50; step++) {
  let ga = 1e-3 * a;
  let gb = 0;
  let haa = 1e-3;
  let hab = 0;
  let hbb = 1e-9;
  for (const { margin, y } of pairs) {
    const p = 1 / (1 + Math.exp(-(a * margin + b)));
    const w = p * (1 - p);
    ga += (p - y) * margin;
    gb += p - y;
    haa += w * margin * margin;
    hab += w * margin;
    hbb += w;
  }
  const det = haa * hbb - hab * hab;
  const da = (hbb * ga - hab * gb) / det;
  const db = (haa * gb - hab * ga) / det;
  a -= da;
  b -= db;
  if (Math.abs(da) < 1e-9 && Math.abs(db) < 1e-9) break;
}

// Held-out figures at a few thresholds, tokens and spans (overlap matching, as the evaluation scores).
const model = new NameModel(quantised, bits, scale, a, b);
const report: Record<string, string | number> = {};
console.log(
  `\nheld out: ${heldOut.length} documents (one in ten of each source), calibration a=${a.toFixed(4)} b=${b.toFixed(3)}`,
);
console.log('threshold  source            gold  recall  precision');
for (const threshold of [0.3, 0.5, 0.7, 0.9]) {
  const bySource = new Map<string, { gold: number; found: number; predicted: number; right: number }>();
  for (const example of heldOut) {
    const count = tokenise(example.doc.text, noNames);
    const p = model.tag(example.doc.text, count, example.source.counts);
    const spans: { start: number; end: number }[] = [];
    for (let i = 0; i < count; i++) {
      const v = p[i] as number;
      if (!(v >= threshold)) continue;
      const start = tokens.start[i] as number;
      const end = tokens.end[i] as number;
      const last = spans[spans.length - 1];
      if (last && /^ ?$/.test(example.doc.text.slice(last.end, start))) last.end = end;
      else spans.push({ start, end });
    }
    const key = example.source.name.replace(/-\d+$/, '').replace(/-[egh]$/, '');
    const t = bySource.get(key) ?? { gold: 0, found: 0, predicted: 0, right: 0 };
    bySource.set(key, t);
    for (const g of example.doc.spans) {
      t.gold++;
      if (spans.some((s) => s.start < g.end && g.start < s.end)) t.found++;
    }
    for (const s of spans) {
      // WNUT17 leaves @handles untagged: a handle the model takes for a name is neither right nor wrong there.
      if (example.source.handlesUnlabelled && s.start > 0 && example.doc.text.charCodeAt(s.start - 1) === 64) continue;
      t.predicted++;
      if (example.doc.spans.some((g) => s.start < g.end && g.start < s.end)) t.right++;
    }
  }
  for (const [name, t] of bySource) {
    const recall = t.found / Math.max(1, t.gold);
    const precision = t.right / Math.max(1, t.predicted);
    console.log(
      `${threshold.toFixed(1).padStart(9)}  ${name.padEnd(16)} ${String(t.gold).padStart(5)}  ${(100 * recall).toFixed(1).padStart(5)}%  ${(100 * precision).toFixed(1).padStart(8)}%`,
    );
    report[`held-out ${name} @${threshold}`] =
      `recall ${(100 * recall).toFixed(1)}%, precision ${(100 * precision).toFixed(1)}%`;
  }
}

let base64 = '';
const chunk = 0x8000;
for (let i = 0; i < size; i += chunk) {
  base64 += String.fromCharCode(...new Uint8Array(quantised.buffer, i, Math.min(chunk, size - i)));
}
const data: NameModelData = {
  version: 1,
  bits,
  scale: Number(scale.toPrecision(8)),
  a: Number(a.toPrecision(8)),
  b: Number(b.toPrecision(8)),
  weights: btoa(base64),
  about: {
    trainedOn: `Broad Twitter Corpus sections E, G, H and WNUT17 train (CC BY 4.0), synthetic clinical chats seeds 901-${900 + syntheticChats} (${syntheticMessages} messages each); one document in ten held out; one training document in ${lowercaseEvery} of the corpora also read in lower case, one in ${lowercaseNamesEvery} with its names in lower case${commentThreads > 0 ? `; ${commentThreads} synthetic comment threads of ${commentPosts} posts (invented names ${values['comment-invented']})` : ''}`,
    learner: `logistic regression, AdaGrad rate ${rate} (squares from ${adagradInit}), L2 ${l2}, averaged`,
    epochs,
    ...report,
  },
};
const out = values.out
  ? new URL(values.out, `file://${process.cwd()}/`)
  : new URL('../src/data/name-model.json', import.meta.url);
writeFileSync(out, `${JSON.stringify(data, null, 2)}\n`);
console.log(`\nwrote ${out.pathname} (${(JSON.stringify(data).length / 1024).toFixed(0)} KB)`);
