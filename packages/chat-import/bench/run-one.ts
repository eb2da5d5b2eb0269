/**
 * Child process of the benchmark: parses one file with one parser and prints JSON figures. Run alone so that each
 * parser's peak memory (maxRSS) is its own.
 */
import { readFileSync } from 'node:fs';
import { resourceUsage } from 'node:process';
import { parseString } from 'whatsapp-chat-parser';
import { importChat } from '../src/index.ts';

const [parser, file] = process.argv.slice(2) as [string, string];
const baselineRss = resourceUsage().maxRSS * 1024;
let peakHeap = 0;
const sampler = setInterval(() => {
  const m = process.memoryUsage();
  peakHeap = Math.max(peakHeap, m.heapUsed + m.external + m.arrayBuffers);
}, 5);
const started = performance.now();
const bytes = new Uint8Array(readFileSync(file));
let messages = 0;
if (parser === 'ours') {
  const archive = await importChat({ fileName: 'WhatsApp Chat with Ward 7.txt', bytes });
  messages = archive.conversation.messages.length;
  if (archive.conversation.reconciliation.linesRead !== archive.conversation.reconciliation.linesPlaced)
    throw new Error('reconciliation failed');
} else {
  const text = new TextDecoder().decode(bytes);
  messages = parseString(text, { parseAttachments: true }).length;
}
const ms = performance.now() - started;
clearInterval(sampler);
const m = process.memoryUsage();
peakHeap = Math.max(peakHeap, m.heapUsed + m.external + m.arrayBuffers);
process.stdout.write(
  `${JSON.stringify({ parser, ms, messages, bytes: bytes.length, peakRss: resourceUsage().maxRSS * 1024, baselineRss, peakHeap })}\n`,
);
