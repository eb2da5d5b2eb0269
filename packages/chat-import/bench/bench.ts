/**
 * `npm run bench`: generates WhatsApp exports of 1,000,000 and 40,000 messages (deterministic), then parses the large
 * one with this package and with whatsapp-chat-parser, each in its own child process, and prints messages/s, peak
 * memory, the speed ratio and the 40,000-message time, against the targets.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateExport } from './generate.ts';

interface Figures {
  parser: string;
  ms: number;
  messages: number;
  bytes: number;
  peakRss: number;
  baselineRss: number;
  peakHeap: number;
}

const large = Number(process.env.BENCH_MESSAGES ?? 1_000_000);
const dir = mkdtempSync(join(tmpdir(), 'chat-import-bench-'));
const child = fileURLToPath(new URL('./run-one.ts', import.meta.url));
const mb = (n: number): string => `${(n / 1_048_576).toFixed(1)} MB`;

function run(parser: string, file: string): Figures {
  const out = execFileSync(process.execPath, ['--max-old-space-size=4096', child, parser, file], {
    encoding: 'utf8',
    maxBuffer: 1 << 20,
  });
  return JSON.parse(out.trim().split('\n').pop() as string) as Figures;
}

try {
  const bigFile = join(dir, 'big.txt');
  const smallFile = join(dir, 'small.txt');
  writeFileSync(bigFile, generateExport(large));
  writeFileSync(smallFile, generateExport(40_000, 7));
  const ours = run('ours', bigFile);
  const peer = run('peer', bigFile);
  const small = [run('ours', smallFile), run('ours', smallFile), run('ours', smallFile)];
  const rate = (f: Figures): number => (f.messages / f.ms) * 1000;
  const row = (f: Figures): string =>
    `${f.parser.padEnd(22)} ${String(f.messages).padStart(9)} msgs ${(f.ms / 1000).toFixed(2).padStart(7)} s ${Math.round(rate(f)).toLocaleString('en-GB').padStart(11)} msg/s  peak RSS ${mb(f.peakRss).padStart(9)} (${(f.peakRss / f.bytes).toFixed(2)}x file)  peak heap+external ${mb(f.peakHeap).padStart(9)} (${(f.peakHeap / f.bytes).toFixed(2)}x file)  RSS before parse ${mb(f.baselineRss)}`;
  console.log(
    `WhatsApp export: ${large.toLocaleString('en-GB')} messages, ${mb(ours.bytes)} (node ${process.version})`,
  );
  console.log(row(ours));
  console.log(row({ ...peer, parser: 'whatsapp-chat-parser' }));
  const ratio = rate(ours) / rate(peer);
  const memRatio = ours.peakRss / ours.bytes;
  const smallMs = Math.min(...small.map((s) => s.ms));
  console.log(
    `speed ratio (ours / whatsapp-chat-parser): ${ratio.toFixed(2)}x   target >= 3x: ${ratio >= 3 ? 'met' : 'NOT met'}`,
  );
  console.log(`peak RSS / file size: ${memRatio.toFixed(2)}x   target < 4x: ${memRatio < 4 ? 'met' : 'NOT met'}`);
  console.log(
    `40,000-message export (${mb(small[0]?.bytes ?? 0)}), fresh process each, best of 3: ${smallMs.toFixed(0)} ms (runs: ${small.map((s) => s.ms.toFixed(0)).join(', ')})   target < 1000 ms: ${smallMs < 1000 ? 'met' : 'NOT met'}`,
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
