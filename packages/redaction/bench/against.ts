/**
 * `node bench/against.ts REV [--messages 300000] [--runs 10] [--chat benchmark|clinical]`: this engine against the one
 * at git revision REV, in one process, alternately, on the benchmark chat (the import benchmark's WhatsApp export) or
 * the chat tool's pipeline chat (`--chat clinical`: the synthetic clinical chat of seed 11, dense with names and
 * identifiers, as `apps/chat-disclosure`'s `bench/pipeline.bench.ts` reads it), and prints each run's CPU time, the
 * medians and their ratio. Separate processes on a shared machine swing by a quarter from run to run, more
 * than most changes move; two engines in one process, run in turns after the same warm-up, see the same machine.
 *
 * REV's `src` is unpacked (`git archive`) into `.ref/against/REV/` (git ignores `.ref/`), beside this `src`, so its
 * imports resolve to the same workspace packages. Both engines must give the same proposals, or it says so.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { importChat } from '@im-records/chat-import';
import { generateBenchmarkExport, generateClinicalChat } from '@im-records/synthetic-chats';
import * as current from '../src/index.ts';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    messages: { type: 'string', default: '300000' },
    runs: { type: 'string', default: '10' },
    chat: { type: 'string', default: 'benchmark' },
  },
});
const rev = positionals[0];
if (!rev) throw new Error('Give a git revision to compare with: node bench/against.ts 7609906');
const packageDir = fileURLToPath(new URL('..', import.meta.url));
const sha = execFileSync('git', ['rev-parse', '--short', rev], { cwd: packageDir, encoding: 'utf8' }).trim();
const dir = `${packageDir}.ref/against/${sha}`;
if (!existsSync(`${dir}/src/index.ts`)) {
  mkdirSync(dir, { recursive: true });
  const tar = execFileSync('git', ['archive', sha, 'src'], { cwd: packageDir, maxBuffer: 1 << 28 });
  execFileSync('tar', ['-x', '-C', dir], { input: tar });
}
const base = (await import(`${dir}/src/index.ts`)) as typeof current;

if (values.chat !== 'benchmark' && values.chat !== 'clinical') throw new Error('--chat is benchmark or clinical');
const exportText =
  values.chat === 'clinical'
    ? (await generateClinicalChat({ seed: 11, messages: Number(values.messages), style: 'android' })).exportText
    : generateBenchmarkExport(Number(values.messages));
const { conversation } = await importChat({
  fileName: 'WhatsApp Chat with Ward 7.txt',
  bytes: new TextEncoder().encode(exportText),
});
const warmUp = { ...conversation, messages: Array.from(conversation.messages).slice(0, 20000) };
const engines = { [sha]: base, current } as const;
const proposals: Record<string, number> = {};
for (const [name, engine] of Object.entries(engines)) {
  proposals[name] = engine.detectPersonalDataSync(warmUp, { mode: 'foi' }).proposals.length;
}
const times: Record<string, number[]> = { [sha]: [], current: [] };
for (let run = 0; run < Number(values.runs); run++) {
  // Each goes first in turn, so neither always runs on the heap the other left.
  const order = run % 2 === 0 ? [sha, 'current'] : ['current', sha];
  for (const name of order) {
    const cpu = process.cpuUsage();
    const found = (engines[name as keyof typeof engines] ?? current).detectPersonalDataSync(conversation, {
      mode: 'foi',
    });
    const used = process.cpuUsage(cpu);
    times[name]?.push((used.user + used.system) / 1000);
    proposals[name] = found.proposals.length;
  }
}
const median = (list: number[]) => [...list].sort((a, b) => a - b)[Math.floor(list.length / 2)] ?? 0;
console.log(
  `${conversation.messages.length.toLocaleString('en-GB')} messages, ${values.runs} runs each, CPU ms per run:`,
);
for (const name of [sha, 'current']) {
  const list = times[name] ?? [];
  console.log(
    `  ${name.padEnd(8)} ${list.map((t) => t.toFixed(0)).join(' ')}  median ${median(list).toFixed(0)} (${proposals[name]} proposals)`,
  );
}
const ratio = median(times[sha] ?? []) / median(times.current ?? []);
console.log(`  ${sha} / current (medians): ${ratio.toFixed(3)}x${ratio >= 1 ? ' (current faster or level)' : ''}`);
if (proposals[sha] !== proposals.current) console.log('  note: the two engines give different numbers of proposals');
