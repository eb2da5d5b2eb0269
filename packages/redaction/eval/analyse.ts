/**
 * `node eval/analyse.ts [btc/btc.test | wnut17/emerging.dev.conll] [--rules] [--examples N] [--rule name:…]`: where the
 * false names come from. Runs detection on a corpus read as one chat (the combined engine, or `--rules` alone) and
 * prints each name rule's proposals and how many are right; with `--examples`, the first false finds of each rule (or
 * of `--rule`) in context, and the first gold names missed with the model's probability for them (the highest among
 * their tokens), so one can see which misses a lower bar would catch.
 */
import { parseArgs } from 'node:util';
import { createNameRecogniser, defaultRecognisers, detectPersonalDataSync } from '../src/index.ts';
import { KnownNames } from '../src/known-names.ts';
import { builtInNameModel } from '../src/model/load.ts';
import { tokenise, tokens } from '../src/recognisers/names/tokens.ts';
import { WordCounts } from '../src/word-counts.ts';
import { documentsAsChat, readConll } from './conll.ts';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    examples: { type: 'string', default: '0' },
    rule: { type: 'string' },
    rules: { type: 'boolean', default: false },
  },
});
const fixtures = new URL('../../../../shared/fixtures/pii/', import.meta.url);
const file = positionals[0] ?? 'btc/btc.test';
const docs = readConll(new URL(file, fixtures), file.includes('wnut') ? /^([BI])-person$/ : /^([BI])-PER$/);
const recognisers = values.rules
  ? defaultRecognisers.map((r) => (r.id === 'name' ? createNameRecogniser({ model: null }) : r))
  : defaultRecognisers;
const result = detectPersonalDataSync(documentsAsChat(docs, 'corpus'), { mode: 'foi', recognisers });
const shown = Number(values.examples);

const byRule = new Map<string, { proposed: number; right: number; wrong: string[] }>();
const found = docs.map((d) => d.spans.map(() => false));
const context = (text: string, start: number, end: number): string =>
  `${text.slice(start, end)}  |  ${text.slice(Math.max(0, start - 40), end + 40)}`;
for (const p of result.proposals) {
  if (p.category !== 'person-name') continue;
  const index = Number(p.messageId.slice(1));
  const doc = docs[index];
  if (!doc) continue;
  let right = false;
  for (const [k, g] of doc.spans.entries()) {
    if (g.start < p.end && p.start < g.end) {
      right = true;
      (found[index] as boolean[])[k] = true;
    }
  }
  const row = byRule.get(p.rule) ?? { proposed: 0, right: 0, wrong: [] };
  byRule.set(p.rule, row);
  row.proposed++;
  if (right) row.right++;
  else row.wrong.push(context(doc.text, p.start, p.end));
}

console.log(`${file}, read as one chat (${values.rules ? 'rules only' : 'combined'}): rule, proposed, right, wrong`);
for (const [rule, r] of [...byRule].sort((a, b) => b[1].wrong.length - a[1].wrong.length)) {
  console.log(
    `${rule.padEnd(30)} ${String(r.proposed).padStart(6)} ${String(r.right).padStart(6)} ${String(r.wrong.length).padStart(6)}`,
  );
}
if (shown > 0) {
  for (const [rule, r] of byRule) {
    if (values.rule && rule !== values.rule) continue;
    console.log(`\nfalse ${rule}:\n  ${r.wrong.slice(0, shown).join('\n  ')}`);
  }
  const counts = new WordCounts();
  for (const d of docs) counts.add(d.text);
  const model = builtInNameModel();
  const noNames = new KnownNames();
  const missed: string[] = [];
  for (const [i, doc] of docs.entries()) {
    for (const [k, g] of doc.spans.entries()) {
      if ((found[i] as boolean[])[k] || missed.length >= shown) continue;
      const count = tokenise(doc.text, noNames);
      const p = model.tag(doc.text, count, counts);
      let best = Number.NaN;
      for (let t = 0; t < count; t++) {
        const v = p[t] as number;
        if ((tokens.start[t] as number) < g.end && g.start < (tokens.end[t] as number) && !(v <= best)) best = v;
      }
      missed.push(`p=${best.toFixed(2)}  ${context(doc.text, g.start, g.end)}`);
    }
  }
  console.log(`\nmissed (the model's probability):\n  ${missed.join('\n  ')}`);
}
