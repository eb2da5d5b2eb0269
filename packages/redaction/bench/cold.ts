/**
 * The first detection in a fresh process, as the chat tool's case worker meets it: the chat is generated and imported
 * first (the app's pipeline bench chat: 40,000 messages, seed 11, Android export), then the engine's module is loaded
 * and detection runs on it several times; each time is printed. The first run pays for everything built on first use
 * (the name model's weights, the Bloom filters, compiled patterns, the JIT's warm-up); later runs show the steady cost.
 * With `--prepare`, `prepareDetection()` is called (and timed) before the first detection, as the worker does at start;
 * with `--warm N`, detection first runs on another generated chat of N messages (seed 99), for comparison.
 * With `--array`, the chat is read as the case worker holds it: its messages built into a plain array with the title
 * message first (`withTitleMessages`), not the importer's table. Each detection's garbage collections are counted
 * (scavenges and mark-compacts, with their time).
 *
 * Usage: node bench/cold.ts [--messages 40000] [--runs 3] [--prepare] [--array] [--warm N]
 *   [--engine ../path/to/src/index.ts]
 */
import { resolve } from 'node:path';
import { PerformanceObserver } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { importChat } from '@im-records/chat-import';
import { generateClinicalChat } from '@im-records/synthetic-chats';

const { values } = parseArgs({
  options: {
    messages: { type: 'string', default: '40000' },
    runs: { type: 'string', default: '3' },
    prepare: { type: 'boolean', default: false },
    array: { type: 'boolean', default: false },
    engine: { type: 'string' },
    warm: { type: 'string', default: '0' },
  },
});

const chat = await generateClinicalChat({ seed: 11, messages: Number(values.messages), style: 'android' });
const bytes = new TextEncoder().encode(chat.exportText);
const { conversation } = await importChat({ fileName: 'WhatsApp Chat with Ward 7.txt', bytes });

let t = performance.now();
// Wall time is printed (what a user waits for); CPU time too, as the machine may be shared.
const engine = await import(
  values.engine ? pathToFileURL(resolve(values.engine)).href : new URL('../src/index.ts', import.meta.url).href
);
const input = values.array
  ? engine.withTitleMessages({ ...conversation, messages: Array.from(conversation.messages) })
  : conversation;

/** Garbage collections since the last call: scavenges (young generation) and mark-compacts (the whole heap). */
const collections: { kind: number; duration: number }[] = [];
new PerformanceObserver((list) => {
  for (const entry of list.getEntries())
    collections.push({
      kind: (entry as PerformanceEntry & { detail: { kind: number } }).detail.kind,
      duration: entry.duration,
    });
}).observe({ entryTypes: ['gc'] });
async function collected(): Promise<string> {
  // Entries are delivered in a later task.
  await new Promise((resolve) => setTimeout(resolve, 0));
  const of = (kinds: number[]) => collections.filter((c) => kinds.includes(c.kind));
  const describe = (list: typeof collections) =>
    `${list.length} (${list.reduce((sum, c) => sum + c.duration, 0).toFixed(0)} ms)`;
  const text = `scavenges ${describe(of([1]))}, mark-compacts ${describe(of([2, 4]))}`;
  collections.length = 0;
  return text;
}

const figures = [`load ${(performance.now() - t).toFixed(0)} ms`];
if (values.prepare) {
  t = performance.now();
  const cpu = process.cpuUsage();
  await engine.prepareDetection();
  const used = process.cpuUsage(cpu);
  figures.push(
    `prepare ${(performance.now() - t).toFixed(0)} ms (CPU ${((used.user + used.system) / 1000).toFixed(0)} ms)`,
  );
}
if (Number(values.warm) > 0) {
  const other = await generateClinicalChat({ seed: 99, messages: Number(values.warm), style: 'android' });
  const warm = await importChat({
    fileName: 'WhatsApp Chat with Ward 7.txt',
    bytes: new TextEncoder().encode(other.exportText),
  });
  t = performance.now();
  await engine.detectPersonalData(warm.conversation, { mode: 'foi' });
  figures.push(`warm-up on ${values.warm} other messages ${(performance.now() - t).toFixed(0)} ms`);
}
await collected(); // the warm-ups' own collections are not the first detection's
for (let run = 0; run < Number(values.runs); run++) {
  t = performance.now();
  const cpu = process.cpuUsage();
  const result = await engine.detectPersonalData(input, { mode: 'foi' });
  const used = process.cpuUsage(cpu);
  const wall = performance.now() - t;
  figures.push(
    `detect ${wall.toFixed(0)} ms (CPU ${((used.user + used.system) / 1000).toFixed(0)} ms, ${result.proposals.length} proposals; ${await collected()})`,
  );
}
console.log(`${input.messages.length} messages${values.array ? ' (an array)' : ''}: ${figures.join(', ')}`);
