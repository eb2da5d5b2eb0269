/**
 * Search latency at 100,000 messages: the app's MiniSearch index (src/lib/search.ts) against fuse.js, the peer a
 * newcomer might reach for, over the same synthetic clinical chat, in the same run. Prints index build time, per-query
 * latency (median and 95th percentile over the queries) and the ratio. Run with `npm run bench`.
 */
import { generateClinicalChat } from '@im-records/synthetic-chats';
import Fuse from 'fuse.js';
import { buildSearchIndex, searchMessages } from '../src/lib/search.ts';

const count = Number(process.env.MESSAGES ?? 100_000);
const chat = await generateClinicalChat({ seed: 7, messages: count, exportText: false });
const messages = chat.messages.map((m) => ({ id: m.id, author: m.author, text: m.text }));
const queries = [
  'bed 4',
  'daughter',
  'discharge',
  'obs',
  'NHS',
  'seminar room',
  'call back',
  'ward 7',
  'bloods',
  'Sister',
  'drug round late',
];

function stats(samples: number[]): { median: number; p95: number; max: number } {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
  return { median: at(0.5), p95: at(0.95), max: sorted.at(-1) ?? 0 };
}

let started = performance.now();
const index = await buildSearchIndex(messages);
const miniBuild = performance.now() - started;
const miniTimes: number[] = [];
const miniHits: number[] = [];
// One warm-up round (JIT), not counted; then five timed rounds.
for (const query of queries) searchMessages(index, query);
for (let round = 0; round < 5; round++) {
  for (const query of queries) {
    const t = performance.now();
    const ids = searchMessages(index, query);
    miniTimes.push(performance.now() - t);
    if (round === 0) miniHits.push(ids.length);
  }
}

started = performance.now();
const fuse = new Fuse(messages, { keys: ['text', 'author'], threshold: 0.3, ignoreLocation: true });
const fuseBuild = performance.now() - started;
const fuseTimes: number[] = [];
for (const query of queries.slice(0, 2)) fuse.search(query);
for (const query of queries) {
  const t = performance.now();
  fuse.search(query);
  fuseTimes.push(performance.now() - t);
}

const mini = stats(miniTimes);
const peer = stats(fuseTimes);
console.log(`messages: ${count.toLocaleString('en-GB')}`);
console.log(
  `minisearch: build ${miniBuild.toFixed(0)} ms, query median ${mini.median.toFixed(2)} ms, p95 ${mini.p95.toFixed(2)} ms, max ${mini.max.toFixed(2)} ms (hits per query: ${miniHits.join(', ')})`,
);
console.log(
  `fuse.js:    build ${fuseBuild.toFixed(0)} ms, query median ${peer.median.toFixed(2)} ms, p95 ${peer.p95.toFixed(2)} ms, max ${peer.max.toFixed(2)} ms`,
);
console.log(
  `median query: minisearch is ${(peer.median / mini.median).toFixed(0)}x faster than fuse.js; target well under 100 ms`,
);
