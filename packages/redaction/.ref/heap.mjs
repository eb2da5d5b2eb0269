import { readFileSync, readdirSync } from 'node:fs';
const dir = process.argv[2];
const file = readdirSync(dir).find((f) => f.endsWith('.heapprofile'));
const p = JSON.parse(readFileSync(`${dir}/${file}`, 'utf8'));
const self = new Map();
function walk(n, inDet) {
  const d = inDet || n.callFrame.functionName === 'detectPersonalDataSync';
  const size = (n.selfSize ?? 0);
  if (d && size) { const k = `${n.callFrame.functionName || '(anon)'} ${n.callFrame.url.split('/').slice(-2).join('/')}:${n.callFrame.lineNumber + 1}`; self.set(k, (self.get(k) ?? 0) + size); }
  for (const c of n.children ?? []) walk(c, d);
}
walk(p.head, false);
let total = 0; for (const v of self.values()) total += v;
console.log('retained-at-end sampled in detect', (total / 1e6).toFixed(1), 'MB');
for (const [k, v] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 25)) console.log((v / 1e6).toFixed(1).padStart(7), 'MB', k);
