/**
 * Child process of the benchmark: parses one file with one parser and prints JSON figures. Each parser runs in a
 * process of its own so that its peak memory is its own.
 *
 * Measured, the same way for both parsers:
 * - `ms`: wall time from the file's bytes being in memory to the parsed result (ours: `importChat`, which also
 *   hashes the file with SHA-256 and builds the full model; the peer: UTF-8 decoding, which it needs, then
 *   `parseString`). Reading the file is not timed.
 * - `rssBefore`: resident set size (RSS) after Node has started, the modules are loaded and the file has been read.
 * - `peakRss`: the process's peak RSS (`VmHWM`, via `process.resourceUsage().maxRSS`) at the end.
 * - `stages` (ours, and the baseline's): wall time of each named import stage, from `onProgress`.
 */
import { readFileSync } from 'node:fs';
import { resourceUsage } from 'node:process';
import { parseString } from 'whatsapp-chat-parser';

const [parser, file, baselineDir] = process.argv.slice(2) as [string, string, string | undefined];
// `baseline` is an earlier version of this package's source (see bench.ts, BENCH_BASELINE), measured like ours.
const { importChat } = (await import(
  parser === 'baseline' && baselineDir ? `${baselineDir}/index.ts` : '../src/index.ts'
)) as typeof import('../src/index.ts');
const buffer = readFileSync(file);
// A view, not a copy: the file's bytes are held once.
const bytes = new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
const rssBefore = process.memoryUsage().rss;
const started = performance.now();
let messages = 0;
/** Wall time of each named stage of our import (from its start to the next stage's), for the breakdown. */
const stages: Record<string, number> = {};
if (parser === 'ours' || parser === 'baseline') {
  let stage = '';
  let since = started;
  const archive = await importChat(
    { fileName: 'WhatsApp Chat with Ward 7.txt', bytes },
    {
      onProgress: (name) => {
        if (name === stage) return;
        const now = performance.now();
        // Before the first stage: checking the options and handing the bytes to Web Crypto (which copies them).
        stages[stage || 'setup'] = now - since;
        stage = name;
        since = now;
      },
    },
  );
  stages[stage] = performance.now() - since;
  messages = archive.conversation.messages.length;
  if (archive.conversation.reconciliation.linesRead !== archive.conversation.reconciliation.linesPlaced)
    throw new Error('reconciliation failed');
} else {
  const text = new TextDecoder().decode(bytes);
  messages = parseString(text, { parseAttachments: true }).length;
}
const ms = performance.now() - started;
process.stdout.write(
  `${JSON.stringify({ parser, ms, messages, bytes: bytes.length, rssBefore, peakRss: resourceUsage().maxRSS * 1024, stages })}\n`,
);
