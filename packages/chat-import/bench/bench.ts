/**
 * `npm run bench`: generates WhatsApp exports of 1,000,000 and 40,000 messages (deterministic), then parses the large
 * one with this package and with whatsapp-chat-parser, each run in a fresh child process, the two parsers taking turns
 * (BENCH_RUNS rounds, default 3) so that load from other processes falls on both alike. Prints messages/s (best and
 * median run), peak memory and the ratios against the targets; see run-one.ts for exactly what is measured. Also
 * prints where our time goes, stage by stage.
 *
 * `BENCH_BASELINE=<git revision>` also measures this package's source as it was at that revision (extracted with
 * `git archive` into `bench-output/`), taking turns with the other two, and prints our speed as a ratio of it: a change
 * to the importer is compared with the code before it in the same run, on the same machine load.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateBenchmarkExport } from '@im-records/synthetic-chats';

interface Figures {
  parser: string;
  ms: number;
  messages: number;
  bytes: number;
  rssBefore: number;
  peakRss: number;
  stages?: Record<string, number>;
}

const large = Number(process.env.BENCH_MESSAGES ?? 1_000_000);
const rounds = Math.max(1, Number(process.env.BENCH_RUNS ?? 3));
const dir = mkdtempSync(join(tmpdir(), 'chat-import-bench-'));
const child = fileURLToPath(new URL('./run-one.ts', import.meta.url));
const mb = (n: number): string => `${(n / 1_048_576).toFixed(1)} MB`;
const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
};

const baselineRevision = process.env.BENCH_BASELINE;
const baselineDir = baselineRevision ? extractBaseline(baselineRevision) : undefined;

/** Extracts this package's `src/` as it was at a git revision into `bench-output/` (git-ignored); returns the folder. */
function extractBaseline(revision: string): string {
  const packageDir = dirname(dirname(child));
  const git = (...args: string[]) => execFileSync('git', args, { cwd: packageDir, encoding: 'utf8' }).trim();
  const prefix = git('rev-parse', '--show-prefix');
  const root = git('rev-parse', '--show-toplevel');
  const target = join(packageDir, 'bench-output', `baseline-${revision.replace(/[^\w.-]+/g, '_')}`);
  rmSync(target, { recursive: true, force: true });
  mkdirSync(target, { recursive: true });
  const tar = execFileSync('git', ['archive', '--format=tar', `${revision}:${prefix}src`], {
    cwd: root,
    maxBuffer: 1 << 28,
  });
  execFileSync('tar', ['-x', '-C', target], { input: tar });
  return target;
}

function run(parser: string, file: string): Figures {
  const args = [child, parser, file, ...(parser === 'baseline' && baselineDir ? [baselineDir] : [])];
  const out = execFileSync(process.execPath, args, { encoding: 'utf8', maxBuffer: 1 << 20 });
  return JSON.parse(out.trim().split('\n').pop() as string) as Figures;
}

try {
  const bigFile = join(dir, 'big.txt');
  const smallFile = join(dir, 'small.txt');
  writeFileSync(bigFile, generateBenchmarkExport(large));
  writeFileSync(smallFile, generateBenchmarkExport(40_000, 7));
  const ours: Figures[] = [];
  const peer: Figures[] = [];
  const baseline: Figures[] = [];
  for (let r = 0; r < rounds; r++) {
    ours.push(run('ours', bigFile));
    if (baselineDir) baseline.push(run('baseline', bigFile));
    peer.push(run('peer', bigFile));
  }
  const small = [run('ours', smallFile), run('ours', smallFile), run('ours', smallFile)];
  const bytes = (ours[0] as Figures).bytes;
  const rate = (ms: number, f: Figures): number => (f.messages / ms) * 1000;
  const summary = (name: string, runs: Figures[]) => {
    const times = runs.map((f) => f.ms);
    const best = Math.min(...times);
    const peak = median(runs.map((f) => f.peakRss));
    const growth = median(runs.map((f) => f.peakRss - f.rssBefore));
    const first = runs[0] as Figures;
    console.log(
      `${name.padEnd(21)} ${String(first.messages).padStart(9)} msgs  best ${(best / 1000).toFixed(2)} s (${Math.round(rate(best, first)).toLocaleString('en-GB')} msg/s)  median ${(median(times) / 1000).toFixed(2)} s  runs: ${times.map((t) => (t / 1000).toFixed(2)).join(', ')}`,
    );
    console.log(
      `${''.padEnd(21)} peak RSS ${mb(peak)} (${(peak / bytes).toFixed(2)}x file)  peak RSS - RSS before parsing ${mb(growth)} (${(growth / bytes).toFixed(2)}x file)  RSS before parsing ${mb(median(runs.map((f) => f.rssBefore)))}`,
    );
    return { best, med: median(times), peak, growth };
  };
  console.log(
    `WhatsApp export: ${large.toLocaleString('en-GB')} messages, file ${mb(bytes)} (${bytes.toLocaleString('en-GB')} bytes), node ${process.version}, ${rounds} rounds, parsers taking turns`,
  );
  const o = summary('ours (chat-import)', ours);
  const b = baselineDir ? summary(`baseline ${baselineRevision}`.slice(0, 21), baseline) : undefined;
  const p = summary('whatsapp-chat-parser', peer);
  const ratioBest = p.best / o.best;
  const ratioMedian = p.med / o.med;
  console.log(
    `speed ratio ours / whatsapp-chat-parser (messages/s): best ${ratioBest.toFixed(2)}x, median ${ratioMedian.toFixed(2)}x   target >= 3x: ${ratioBest >= 3 ? 'met' : 'NOT met'}`,
  );
  console.log(
    `memory, ours: peak RSS / file ${(o.peak / bytes).toFixed(2)}x, (peak RSS - RSS before parsing) / file ${(o.growth / bytes).toFixed(2)}x   target < 4x: ${o.peak / bytes < 4 ? 'met' : o.growth / bytes < 4 ? 'met for the parse growth only' : 'NOT met'}`,
  );
  console.log(
    `memory, whatsapp-chat-parser: peak RSS / file ${(p.peak / bytes).toFixed(2)}x, (peak RSS - RSS before parsing) / file ${(p.growth / bytes).toFixed(2)}x`,
  );
  if (b) {
    console.log(
      `speed ratio ours / baseline ${baselineRevision} (messages/s): best ${(b.best / o.best).toFixed(3)}x, median ${(b.med / o.med).toFixed(3)}x; baseline / whatsapp-chat-parser: best ${(p.best / b.best).toFixed(2)}x, median ${(p.med / b.med).toFixed(2)}x`,
    );
  }
  const stageNames = Object.keys((ours[0] as Figures).stages ?? {});
  const stagesOf = (name: string, runs: Figures[]) =>
    console.log(
      `${name}, stage by stage (median ms): ${stageNames
        .map((stage) => `${stage} ${median(runs.map((f) => f.stages?.[stage] ?? 0)).toFixed(0)}`)
        .join(', ')}`,
    );
  stagesOf('ours', ours);
  if (b) stagesOf('baseline', baseline);
  const smallMs = Math.min(...small.map((s) => s.ms));
  console.log(
    `40,000-message export (${mb((small[0] as Figures).bytes)}), fresh process each, best of 3: ${smallMs.toFixed(0)} ms (runs: ${small.map((s) => s.ms.toFixed(0)).join(', ')})   target < 1000 ms: ${smallMs < 1000 ? 'met' : 'NOT met'}`,
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
