const mode = process.argv[2];
const keep: string[] = [];
const cats = ['person-name', 'nhs-number', 'phone'];
const t = performance.now(); let cpu = process.cpuUsage();
for (let i = 0; i < 1_200_000; i++) {
  const mid = `m${(i * 7) % 1000000}`;
  const s = i % 40, e = s + 5 + (i % 9);
  let id = `${mid}:${s}-${e}:${cats[i % 3]}`;
  if (mode === 'flat') id.charCodeAt(0);
  if (mode === 'num') { id = (Number(id) , id); }
  keep.push(id);
}
(globalThis as any).gc?.();
cpu = process.cpuUsage(cpu);
console.log(mode, 'heap', (process.memoryUsage().heapUsed / 1e6).toFixed(0), 'MB', 'cpu', ((cpu.user + cpu.system) / 1e3).toFixed(0), 'ms', keep.length);
