/**
 * The first detection in a fresh process, as the chat tool's case worker meets it: the chat is generated and imported
 * first (the app's pipeline bench chat: 40,000 messages, seed 11, Android export), then the engine's module is loaded
 * and detection runs on it several times; each time is printed. The first run pays for everything built on first use
 * (the name model's weights, the Bloom filters, compiled patterns, the JIT's warm-up); later runs show the steady cost.
 * With `--prepare`, `prepareDetection()` is called (and timed) before the first detection, as the worker does at start;
 * with `--warm N`, detection first runs on another generated chat of N messages (seed 99), for comparison.
 *
 * Usage: node bench/cold.ts [--messages 40000] [--runs 3] [--prepare] [--warm N] [--engine ../path/to/src/index.ts]
 */
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { importChat } from '@im-records/chat-import';
import { generateClinicalChat } from '@im-records/synthetic-chats';

const { values } = parseArgs({
  options: {
    messages: { type: 'string', default: '40000' },
    runs: { type: 'string', default: '3' },
    prepare: { type: 'boolean', default: false },
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
for (let run = 0; run < Number(values.runs); run++) {
  t = performance.now();
  const cpu = process.cpuUsage();
  const result = await engine.detectPersonalData(conversation, { mode: 'foi' });
  const used = process.cpuUsage(cpu);
  figures.push(
    `detect ${(performance.now() - t).toFixed(0)} ms (CPU ${((used.user + used.system) / 1000).toFixed(0)} ms, ${result.proposals.length} proposals)`,
  );
}
console.log(`${conversation.messages.length} messages: ${figures.join(', ')}`);
