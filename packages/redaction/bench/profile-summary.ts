/**
 * Summarises a V8 CPU profile (`node --cpu-prof`): self time by function (name, file and line), largest first, and
 * optionally the total (self plus callees) time of the functions whose name matches a pattern.
 *
 * `--under pattern` counts only the samples taken inside a function whose name matches (e.g. `detectPersonalData`).
 *
 * Usage: node bench/profile-summary.ts <file.cpuprofile> [--top 40] [--total pattern] [--under pattern]
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { top: { type: 'string', default: '40' }, total: { type: 'string' }, under: { type: 'string' } },
});
const file = positionals[0];
if (!file) throw new Error('usage: node bench/profile-summary.ts <file.cpuprofile> [--top 40] [--total pattern]');
const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;

const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const parent = new Map<number, number>();
for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
const label = (n: ProfileNode): string => {
  const { functionName, url, lineNumber } = n.callFrame;
  const where = url ? `${url.replace(/^.*\/(packages|apps|node_modules)\//, '$1/')}:${lineNumber + 1}` : '';
  return `${functionName || '(anonymous)'} ${where}`.trim();
};

const self = new Map<string, number>();
const total = new Map<string, number>();
const under = values.under ? new RegExp(values.under) : undefined;
/** Whether the sample's stack (from `id` up) holds a function matching `under`. */
const inside = (id: number): boolean => {
  for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
    const n = byId.get(at);
    if (n && under?.test(n.callFrame.functionName)) return true;
  }
  return false;
};
let all = 0;
for (let i = 0; i < profile.samples.length; i++) {
  const dt = (profile.timeDeltas[i] ?? 0) / 1000;
  const node = byId.get(profile.samples[i] as number);
  if (!node || (under && !inside(node.id))) continue;
  all += dt;
  const name = label(node);
  self.set(name, (self.get(name) ?? 0) + dt);
  // Total time: each distinct function on the stack once.
  const seen = new Set<string>();
  for (let id: number | undefined = node.id; id !== undefined; id = parent.get(id)) {
    const n = byId.get(id);
    if (!n) break;
    const l = label(n);
    if (seen.has(l)) continue;
    seen.add(l);
    total.set(l, (total.get(l) ?? 0) + dt);
  }
}

console.log(`${all.toFixed(0)} ms sampled\n\nself time:`);
for (const [name, ms] of [...self.entries()].sort((a, b) => b[1] - a[1]).slice(0, Number(values.top))) {
  console.log(`${ms.toFixed(1).padStart(9)} ms ${((100 * ms) / all).toFixed(1).padStart(5)}%  ${name}`);
}
if (values.total) {
  const pattern = new RegExp(values.total);
  console.log(`\ntotal time (self and callees) of /${values.total}/:`);
  for (const [name, ms] of [...total.entries()].filter(([n]) => pattern.test(n)).sort((a, b) => b[1] - a[1])) {
    console.log(`${ms.toFixed(1).padStart(9)} ms ${((100 * ms) / all).toFixed(1).padStart(5)}%  ${name}`);
  }
}
