import { generateClinicalChat } from '@im-records/synthetic-chats';
import { toConversation } from '../eval/conversation.ts';
import * as cur from '../src/index.ts';
import * as ref from './src/index.ts';
const n = Number(process.argv[2] ?? 100000);
const reps = Number(process.argv[3] ?? 10);
const conversation = toConversation(await generateClinicalChat({ seed: 424242, messages: n, exportText: false }));
const enc = new TextEncoder();
const mb = conversation.messages.reduce((s, m) => s + enc.encode(m.text).length, 0) / 1e6;
const times: Record<string, number[]> = { ref: [], cur: [] };
for (let k = 0; k < reps; k++) {
  for (const [name, engine] of (k % 2 ? [['ref', ref], ['cur', cur]] : [['cur', cur], ['ref', ref]]) as const) {
    let cpu = process.cpuUsage();
    engine.detectPersonalDataSync(conversation, { mode: 'foi' });
    cpu = process.cpuUsage(cpu);
    times[name]?.push((cpu.user + cpu.system) / 1e6);
  }
}
const stat = (a: number[]) => { const s = [...a].sort((x, y) => x - y); return `min ${(mb / (s[0] as number)).toFixed(2)} median ${(mb / (s[s.length >> 1] as number)).toFixed(2)} MB/s`; };
console.log(`${mb.toFixed(1)} MB; ref ${stat(times.ref as number[])}; cur ${stat(times.cur as number[])}`);
