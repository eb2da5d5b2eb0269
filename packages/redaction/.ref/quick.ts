import { generateClinicalChat } from '@im-records/synthetic-chats';
import { toConversation } from '../eval/conversation.ts';
import { detectPersonalDataSync } from '../src/index.ts';
const n = Number(process.argv[2] ?? 200000);
const conversation = toConversation(await generateClinicalChat({ seed: 424242, messages: n, exportText: false }));
const enc = new TextEncoder();
const mb = conversation.messages.reduce((s, m) => s + enc.encode(m.text).length, 0) / 1e6;
detectPersonalDataSync({ ...conversation, messages: conversation.messages.slice(0, 20000) }, { mode: 'foi' });
const r: string[] = [];
for (let k = 0; k < 3; k++) {
  const t = performance.now(); let cpu = process.cpuUsage();
  const res = detectPersonalDataSync(conversation, { mode: 'foi' });
  cpu = process.cpuUsage(cpu); const s = (cpu.user + cpu.system) / 1e6; const w = (performance.now() - t) / 1000;
  r.push(`cpu ${(mb / s).toFixed(2)} wall ${(mb / w).toFixed(2)} (${res.proposals.length})`);
}
console.log(r.join(' | '));
