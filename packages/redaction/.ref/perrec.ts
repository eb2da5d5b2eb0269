import { generateClinicalChat } from '@im-records/synthetic-chats';
import { toConversation } from '../eval/conversation.ts';
import { buildContext, defaultRecognisers, detectPersonalDataSync } from '../src/index.ts';
import { discoverNames } from '../src/recognisers/names.ts';
const n = Number(process.argv[2] ?? 200000);
const conversation = toConversation(await generateClinicalChat({ seed: 424242, messages: n, exportText: false }));
const ctx = buildContext(conversation, { mode: 'foi' });
for (const m of conversation.messages) discoverNames(m.text, ctx.known);
const msgs = conversation.messages;
for (let rep = 0; rep < 2; rep++) {
  const out: string[] = [];
  let t = performance.now();
  for (const m of msgs) discoverNames(m.text, ctx.known);
  out.push(`discover ${(performance.now() - t).toFixed(0)}`);
  for (const r of defaultRecognisers) {
    t = performance.now(); let c = 0;
    for (const m of msgs) c += r.find(m, ctx).length;
    out.push(`${r.id} ${(performance.now() - t).toFixed(0)}`);
  }
  t = performance.now();
  detectPersonalDataSync(conversation, { mode: 'foi' });
  out.push(`full ${(performance.now() - t).toFixed(0)}`);
  console.log(out.join(' | '));
}
(globalThis as any).__T = {};
for (let i = 0; i < 3; i++) detectPersonalDataSync(conversation, { mode: 'foi' });
console.log((globalThis as any).__T);
