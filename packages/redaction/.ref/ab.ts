import { generateClinicalChat } from '@im-records/synthetic-chats';
import { toConversation } from '../eval/conversation.ts';
import * as cur from '../src/index.ts';
import * as ref from './src/index.ts';
const n = Number(process.argv[2] ?? 1000000);
const conversation = toConversation(await generateClinicalChat({ seed: 424242, messages: n, exportText: false }));
const enc = new TextEncoder();
const mb = conversation.messages.reduce((s, m) => s + enc.encode(m.text).length, 0) / 1e6;
const warm = { ...conversation, messages: conversation.messages.slice(0, 20000) };
ref.detectPersonalDataSync(warm, { mode: 'foi' }); cur.detectPersonalDataSync(warm, { mode: 'foi' });
const out: Record<string, string[]> = { ref: [], cur: [] };
for (let k = 0; k < Number(process.argv[3] ?? 2); k++) {
  for (const [name, engine] of (k % 2 ? [['ref', ref], ['cur', cur]] : [['cur', cur], ['ref', ref]]) as const) {
    const t = performance.now(); let cpu = process.cpuUsage();
    const res = engine.detectPersonalDataSync(conversation, { mode: 'foi' });
    cpu = process.cpuUsage(cpu); const s = (cpu.user + cpu.system) / 1e6; const w = (performance.now() - t) / 1000;
    out[name]?.push(`cpu ${(mb / s).toFixed(2)} wall ${(mb / w).toFixed(2)} MB/s (${res.proposals.length})`);
  }
}
console.log(mb.toFixed(1), 'MB', JSON.stringify(out, null, 1));
