/**
 * `npm run bench`: packages the synthetic benchmark chat at 10,000 and 100,000 messages, each in its own process so peak
 * memory is that size's alone, and prints seconds, pages per second, peak memory and the growth ratio. The peer in the same
 * run is the plainest pdf-lib transcript (Helvetica, one drawText per message, no layout, fonts or ZIP), for scale.
 * Target: 100,000 messages in under 60 s and under 2 GB, time growing linearly.
 */
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

interface Figures {
  size: number;
  mode: string;
  seconds: number;
  pages: number;
  zipBytes: number;
  peakRssMb: number;
}

const script = fileURLToPath(new URL('./run-one.ts', import.meta.url));
function measure(size: number, mode: 'bundle' | 'peer'): Figures {
  const out = execFileSync(process.execPath, [script, String(size), mode], { encoding: 'utf8', maxBuffer: 1 << 20 });
  return JSON.parse(out.trim().split('\n').at(-1) ?? '{}') as Figures;
}

const rows: Figures[] = [];
for (const size of [10_000, 100_000]) {
  for (const mode of ['bundle', 'peer'] as const) {
    const figures = measure(size, mode);
    rows.push(figures);
    console.log(
      `${mode.padEnd(6)} ${String(size).padStart(7)} messages: ${figures.seconds.toFixed(2)} s, ${figures.pages} pages, ` +
        `${(figures.pages / figures.seconds).toFixed(0)} pages/s, peak ${figures.peakRssMb.toFixed(0)} MB, output ${(figures.zipBytes / 1e6).toFixed(1)} MB`,
    );
  }
}
const small = rows.find((r) => r.mode === 'bundle' && r.size === 10_000);
const large = rows.find((r) => r.mode === 'bundle' && r.size === 100_000);
if (small && large) {
  const growth = large.seconds / small.seconds;
  console.log(
    `growth 10k → 100k (10× messages): time ×${growth.toFixed(1)}, memory ×${(large.peakRssMb / small.peakRssMb).toFixed(1)}`,
  );
  const ok = large.seconds < 60 && large.peakRssMb < 2048;
  console.log(
    `target 100,000 messages < 60 s and < 2 GB: ${ok ? 'met' : 'NOT met'} (${large.seconds.toFixed(1)} s, ${large.peakRssMb.toFixed(0)} MB)`,
  );
}
