/**
 * Time to review-ready for a 40,000-message WhatsApp export (the largest WhatsApp writes): the same stages the case
 * worker runs (import → detect → apply decisions → search index), one after another on one core, with each stage's
 * time. Run with `npm run bench` (MESSAGES=… changes the size).
 */
import { importChat } from '@im-records/chat-import';
import { applyDecisions, detectPersonalData } from '@im-records/redaction';
import { generateClinicalChat } from '@im-records/synthetic-chats';
import { buildSearchIndex } from '../src/lib/search.ts';

const count = Number(process.env.MESSAGES ?? 40_000);
const chat = await generateClinicalChat({ seed: 11, messages: count, style: 'android' });
const bytes = new TextEncoder().encode(chat.exportText);

const timings: [string, number][] = [];
async function stage<T>(name: string, work: () => Promise<T> | T): Promise<T> {
  const started = performance.now();
  const result = await work();
  timings.push([name, performance.now() - started]);
  return result;
}

const total = performance.now();
const archive = await stage('import', () => importChat({ fileName: 'WhatsApp Chat with Ward 7.txt', bytes }));
const detection = await stage('detect', () => detectPersonalData(archive.conversation, { mode: 'foi' }));
await stage('decide', () => applyDecisions(archive.conversation, detection.proposals, [], 'foi'));
await stage('index', () => buildSearchIndex(archive.conversation.messages));
const elapsed = performance.now() - total;

console.log(
  `messages: ${archive.conversation.messages.length.toLocaleString('en-GB')} (${(bytes.length / 1024 / 1024).toFixed(1)} MB export), proposals: ${detection.proposals.length.toLocaleString('en-GB')}`,
);
for (const [name, ms] of timings) console.log(`  ${name.padEnd(8)} ${ms.toFixed(0).padStart(6)} ms`);
console.log(
  `review-ready in ${(elapsed / 1000).toFixed(2)} s (one core, Node ${process.version}; the browser worker runs the same code)`,
);
