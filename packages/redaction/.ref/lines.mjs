import { readFileSync, readdirSync } from 'node:fs';
const dir = process.argv[2]; const fns = process.argv.slice(3);
const file = readdirSync(dir).find((f) => f.endsWith('.cpuprofile'));
const p = JSON.parse(readFileSync(`${dir}/${file}`, 'utf8'));
const lines = new Map();
for (const n of p.nodes) {
  if (!fns.includes(n.callFrame.functionName)) continue;
  for (const t of n.positionTicks ?? []) { const k = `${n.callFrame.functionName}:${t.line}`; lines.set(k, (lines.get(k) ?? 0) + t.ticks); }
}
for (const [k, v] of [...lines].sort((a, b) => b[1] - a[1]).slice(0, 40)) console.log(String(v).padStart(6), k);
