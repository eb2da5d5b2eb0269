import { readFileSync, readdirSync } from 'node:fs';
const dir = process.argv[2];
const file = readdirSync(dir).find((f) => f.endsWith('.cpuprofile'));
const p = JSON.parse(readFileSync(`${dir}/${file}`, 'utf8'));
const byId = new Map(p.nodes.map((n) => [n.id, n]));
const parent = new Map();
for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
const self = new Map();
const dt = p.timeDeltas;
// restrict to samples whose stack contains detectPersonalDataSync or are GC
const inDetect = new Map();
function under(id) {
  if (inDetect.has(id)) return inDetect.get(id);
  const n = byId.get(id);
  let r = n.callFrame.functionName === 'detectPersonalDataSync' ? true : parent.has(id) ? under(parent.get(id)) : false;
  inDetect.set(id, r); return r;
}
let total = 0, gc = 0, all = 0;
// the time window of the first (warm-up excluded when there are several) … last sample under detectPersonalDataSync
const lastRun = process.argv[4] === 'last';
let first = -1, last = -1;
for (let i = 0; i < p.samples.length; i++) if (under(p.samples[i])) { if (first < 0) first = i; last = i; }
if (lastRun) { // start of the last contiguous detect run: walk back from last over detect/gc samples
  first = last; while (first > 0) { const n = byId.get(p.samples[first - 1]); if (!under(p.samples[first - 1]) && n.callFrame.functionName !== '(garbage collector)' && n.callFrame.functionName !== '(program)') break; first--; }
}
for (let i = first; i <= last; i++) {
  const id = p.samples[i]; const n = byId.get(id); const t = dt[i] ?? 0; all += t;
  const name = n.callFrame.functionName;
  const isGc = name === '(garbage collector)';
  if (!under(id) && !isGc) continue;
  total += t; if (isGc) gc += t;
  const key = `${name || '(anon)'} ${n.callFrame.url.split('/').slice(-2).join('/')}:${n.callFrame.lineNumber + 1}`;
  self.set(key, (self.get(key) ?? 0) + t);
}
console.log(`detect+gc total ${(total / 1e3).toFixed(0)} ms (gc ${(gc / 1e3).toFixed(0)} ms = ${(100 * gc / total).toFixed(1)}%) of profile ${(all / 1e3).toFixed(0)} ms`);
for (const [k, v] of [...self].sort((a, b) => b[1] - a[1]).slice(0, Number(process.argv[3] ?? 35))) console.log(`${(100 * v / total).toFixed(1).padStart(5)}%  ${(v / 1e3).toFixed(0).padStart(6)} ms  ${k}`);
