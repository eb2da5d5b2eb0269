/**
 * Evaluation harness (`npm run eval`): scores the engine on the project's synthetic clinical chats (held-out seeds) and,
 * when present, on ../shared/fixtures/pii (Presidio recogniser cases; BTC and WNUT17 person names).
 *
 * Metrics per category: recall with any overlap (by any withheld span: what matters for a leak) and with IoU >= 0.9
 * against a span of the same category (the presidio-research metric); span precision (withheld spans of that category
 * overlapping any gold span); leaked characters; messages with a direct identifier not fully covered.
 *
 * Usage: node eval/run.ts [--seeds 101,102,103,104,105] [--messages 4000] [--tuning] [--json]
 */
import { existsSync, readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { generateClinicalChat, syntheticHospitalNumberPatterns } from '@im-records/synthetic-chats';
import {
  buildContext,
  defaultRecognisers,
  detectMessage,
  detectPersonalDataSync,
  type RedactionCategory,
} from '../.ref/src/index.ts';
import { toConversation } from '../eval/conversation.ts';

const { values } = parseArgs({
  options: {
    seeds: { type: 'string' },
    messages: { type: 'string', default: '4000' },
    tuning: { type: 'boolean', default: false },
    json: { type: 'boolean', default: false },
  },
});

/** Seeds 1–3 were used while tuning; 101–105 are held out and are the reported numbers. */
const seeds = (values.seeds ?? (values.tuning ? '1,2,3' : '101,102,103,104,105')).split(',').map(Number);
const messageCount = Number(values.messages);

interface Span {
  start: number;
  end: number;
  label: string;
}

interface Tally {
  gold: number;
  foundOverlap: number;
  foundIou: number;
  predicted: number;
  predictedCorrect: number;
  goldChars: number;
  leakedChars: number;
}

const newTally = (): Tally => ({
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

const overlaps = (a: Span, b: Span): boolean => a.start < b.end && b.start < a.end;

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
function score(gold: readonly Span[], predicted: readonly Span[], tallies: Map<string, Tally>): boolean {
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

const pct = (n: number, d: number): string => (d === 0 ? '   -  ' : `${((100 * n) / d).toFixed(1).padStart(5)}%`);

function printTable(title: string, tallies: Map<string, Tally>, extra: string): void {
  console.log(`\n${title}`);
  console.log('category          gold  recall(overlap)  recall(IoU>=0.9)  precision  predicted  leaked chars');
  const order = [...tallies.keys()].sort();
  const all = newTally();
  for (const label of order) {
    const x = tallies.get(label) as Tally;
    for (const k of Object.keys(all) as (keyof Tally)[]) all[k] += x[k];
    console.log(
      `${label.padEnd(16)} ${String(x.gold).padStart(5)}  ${pct(x.foundOverlap, x.gold).padStart(15)}  ${pct(x.foundIou, x.gold).padStart(16)}  ${pct(x.predictedCorrect, x.predicted).padStart(9)}  ${String(x.predicted).padStart(9)}  ${pct(x.leakedChars, x.goldChars).padStart(12)}`,
    );
  }
  console.log(
    `${'ALL'.padEnd(16)} ${String(all.gold).padStart(5)}  ${pct(all.foundOverlap, all.gold).padStart(15)}  ${pct(all.foundIou, all.gold).padStart(16)}  ${pct(all.predictedCorrect, all.predicted).padStart(9)}  ${String(all.predicted).padStart(9)}  ${pct(all.leakedChars, all.goldChars).padStart(12)}`,
  );
  if (extra) console.log(extra);
}

// ---------------------------------------------------------------- synthetic chats
const synthetic = new Map<string, Tally>();
let visibleMessages = 0;
let messagesWithGold = 0;
let totalMessages = 0;
const misses: string[] = [];
// How much recall rests on low-confidence proposals (< 0.5: unknown words, lower-case list names), which a batch run
// could be tempted to drop: names found only by them, and their precision.
let namesGold = 0;
let namesOnlyLow = 0;
let lowPredicted = 0;
let lowCorrect = 0;
const falsePositives: string[] = [];
for (const seed of seeds) {
  const style = seed % 2 === 0 ? 'ios' : 'android';
  const chat = await generateClinicalChat({ seed, messages: messageCount, style, exportText: false });
  const conversation = toConversation(chat);
  const result = detectPersonalDataSync(conversation, {
    mode: 'foi',
    hospitalNumberPatterns: syntheticHospitalNumberPatterns,
  });
  const byMessage = new Map<string, Span[]>();
  const strongByMessage = new Map<string, Span[]>();
  for (const p of result.proposals) {
    const list = byMessage.get(p.messageId) ?? [];
    list.push({ start: p.start, end: p.end, label: p.category });
    byMessage.set(p.messageId, list);
    if (p.confidence >= 0.5) {
      const strong = strongByMessage.get(p.messageId) ?? [];
      strong.push({ start: p.start, end: p.end, label: p.category });
      strongByMessage.set(p.messageId, strong);
    }
  }
  const goldById = new Map(chat.messages.map((m) => [m.id, m]));
  for (const p of result.proposals) {
    if (p.category !== 'person-name' || p.confidence >= 0.5) continue;
    lowPredicted++;
    if (goldById.get(p.messageId)?.spans.some((g) => overlaps({ start: p.start, end: p.end, label: p.category }, g)))
      lowCorrect++;
  }
  for (const m of chat.messages) {
    const strong = strongByMessage.get(m.id) ?? [];
    const all = byMessage.get(m.id) ?? [];
    for (const g of m.spans) {
      if (g.label !== 'person-name') continue;
      namesGold++;
      if (!strong.some((p) => overlaps(p, g)) && all.some((p) => overlaps(p, g))) namesOnlyLow++;
    }
  }
  for (const m of chat.messages) {
    totalMessages++;
    const predicted = byMessage.get(m.id) ?? [];
    if (m.spans.length > 0) messagesWithGold++;
    if (score(m.spans, predicted, synthetic)) visibleMessages++;
    for (const g of m.spans) {
      if (!predicted.some((p) => overlaps(p, g)) && misses.length < 40)
        misses.push(`${g.label}: "${m.text.slice(g.start, g.end)}" in: ${m.text}`);
    }
    for (const p of predicted) {
      if (!m.spans.some((g) => overlaps(p, g)) && falsePositives.length < 40) {
        falsePositives.push(`${p.label}: "${m.text.slice(p.start, p.end)}" in: ${m.text}`);
      }
    }
  }
}
printTable(
  `Synthetic clinical chats — seeds ${seeds.join(',')} × ${messageCount} messages (${values.tuning ? 'tuning' : 'held-out'} seeds)`,
  synthetic,
  `messages with a direct identifier still visible: ${visibleMessages} of ${messagesWithGold} messages with personal data (${pct(visibleMessages, messagesWithGold).trim()}); ${totalMessages} messages in all`,
);
console.log(
  `low-confidence name proposals (< 0.5): ${lowPredicted}, precision ${pct(lowCorrect, lowPredicted).trim()}; names found only by them: ${namesOnlyLow} of ${namesGold} (${pct(namesOnlyLow, namesGold).trim()} of name recall rests on them)`,
);
if (process.env.EVAL_VERBOSE) {
  console.log(`\nfirst misses:\n  ${misses.join('\n  ')}`);
  console.log(`\nfirst false positives:\n  ${falsePositives.join('\n  ')}`);
}

// ---------------------------------------------------------------- shared fixtures
const fixtures = new URL('../../../../shared/fixtures/pii/', import.meta.url);
const emptyConversation = toConversation({ title: 'fixture', messages: [] });
const context = buildContext(emptyConversation, { mode: 'foi' });

function detectText(text: string, id: string): Span[] {
  return detectMessage(
    {
      id,
      timestamp: '',
      author: null,
      text,
      kind: 'message',
      attachments: [],
      source: { file: 'f', line: 1, lineEnd: 1 },
    },
    context,
    defaultRecognisers,
  ).map((c) => ({ start: c.start, end: c.end, label: c.category }));
}

const presidioPath = new URL('presidio_recognizer_cases.jsonl', fixtures);
if (existsSync(presidioPath)) {
  const entityMap: Record<string, RedactionCategory> = {
    UK_NHS: 'nhs-number',
    UK_NINO: 'ni-number',
    UK_POSTCODE: 'postcode',
    PHONE_NUMBER: 'phone',
    EMAIL_ADDRESS: 'email',
  };
  const rows = new Map<
    string,
    { mustFlag: number; flagged: number; mustNot: number; clean: number; otherCategory: number }
  >();
  const wrong: string[] = [];
  for (const line of readFileSync(presidioPath, 'utf8').split('\n')) {
    if (!line.trim()) continue;
    const c = JSON.parse(line) as {
      entity: string;
      text: string;
      expected_count: number;
      spans?: { start: number; end: number }[];
    };
    const category = entityMap[c.entity];
    if (!category) continue;
    const row = rows.get(category) ?? { mustFlag: 0, flagged: 0, mustNot: 0, clean: 0, otherCategory: 0 };
    rows.set(category, row);
    const predicted = detectText(c.text, 'case');
    const own = predicted.filter((p) => p.label === category);
    if (c.expected_count === 0) {
      row.mustNot++;
      if (own.length === 0) row.clean++;
      else wrong.push(`must not flag ${category}: ${c.text}`);
      if (predicted.length > own.length) row.otherCategory++;
    } else {
      for (const s of c.spans ?? []) {
        row.mustFlag++;
        if (own.some((p) => overlaps(p, { ...s, label: category }))) row.flagged++;
        else wrong.push(`must flag ${category}: "${c.text.slice(s.start, s.end)}" in ${c.text}`);
      }
    }
  }
  console.log('\nPresidio recogniser cases (../shared/fixtures/pii/presidio_recognizer_cases.jsonl)');
  console.log('category       must-flag found   must-not-flag clean   (flagged as another category)');
  for (const [category, r] of rows) {
    console.log(
      `${category.padEnd(14)} ${`${r.flagged}/${r.mustFlag}`.padStart(15)}   ${`${r.clean}/${r.mustNot}`.padStart(19)}   ${r.otherCategory}`,
    );
  }
  console.log(wrong.length === 0 ? 'every case right' : `wrong:\n  ${wrong.join('\n  ')}`);
}

function readConll(path: URL, personTags: RegExp): { text: string; spans: Span[] }[] {
  const docs: { text: string; spans: Span[] }[] = [];
  let text = '';
  let spans: Span[] = [];
  let open: Span | undefined;
  const flush = (): void => {
    if (text) docs.push({ text, spans });
    text = '';
    spans = [];
    open = undefined;
  };
  for (const raw of readFileSync(path, 'utf8').split('\n')) {
    const line = raw.replace(/\r$/, '');
    if (!line.trim()) {
      flush();
      continue;
    }
    const [token = '', tag = 'O'] = line.split('\t');
    // Tweets' @handles are split into "@" and the handle: join them back as written, one span.
    const afterAt = text.endsWith('@') && (text.length === 1 || text.charAt(text.length - 2) === ' ');
    if (text && !afterAt) text += ' ';
    const start = text.length;
    text += token;
    const m = personTags.exec(tag);
    if (afterAt && open && open.end === start) {
      open.end = text.length;
    } else if (afterAt && m) {
      open = { start: start - 1, end: text.length, label: 'person-name' };
      spans.push(open);
    } else if (m && m[1] === 'B') {
      open = { start, end: text.length, label: 'person-name' };
      spans.push(open);
    } else if (m && m[1] === 'I' && open) open.end = text.length;
    else open = undefined;
  }
  flush();
  return docs;
}

for (const [name, file, tags] of [
  ['BTC (broad Twitter corpus) PER', 'btc/btc.test', /^([BI])-PER$/],
  ['WNUT17 person', 'wnut17/emerging.dev.conll', /^([BI])-person$/],
] as const) {
  const path = new URL(file, fixtures);
  if (!existsSync(path)) continue;
  const tallies = new Map<string, Tally>();
  for (const [i, doc] of readConll(path, tags).entries()) {
    const predicted = detectText(doc.text, `d${i}`).filter((p) => p.label === 'person-name');
    score(doc.spans, predicted, tallies);
  }
  printTable(`${name} (${file}; names only, no chat participants to seed from)`, tallies, '');
}
