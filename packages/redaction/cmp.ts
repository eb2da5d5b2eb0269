import { generateClinicalChat, syntheticHospitalNumberPatterns } from '@im-records/synthetic-chats';
import * as A from './src-orig/index.ts';
import * as B from './src/index.ts';
import { toConversation } from './eval/conversation.ts';
const seeds = (process.argv[2] ?? '101,102,103,104,105').split(',').map(Number);
const ov = (a: {start:number,end:number}, b: {start:number,end:number}) => a.start < b.end && b.start < a.end;
for (const seed of seeds) {
  const chat = await generateClinicalChat({ seed, messages: 4000, style: seed % 2 === 0 ? 'ios' : 'android', exportText: false });
  const conv = toConversation(chat);
  const ra = A.detectPersonalDataSync(conv, { mode: 'foi', hospitalNumberPatterns: syntheticHospitalNumberPatterns });
  const rb = B.detectPersonalDataSync(conv, { mode: 'foi', hospitalNumberPatterns: syntheticHospitalNumberPatterns });
  const group = (r: typeof ra) => { const m = new Map<string, typeof ra.proposals>(); for (const p of r.proposals) { const l = m.get(p.messageId) ?? []; l.push(p); m.set(p.messageId, l); } return m; };
  const ga = group(ra), gb = group(rb);
  for (const m of chat.messages) {
    const pa = ga.get(m.id) ?? [], pb = gb.get(m.id) ?? [];
    for (const g of m.spans) {
      const fa = pa.some(p => ov(p, g)), fb = pb.some(p => ov(p, g));
      if (fa !== fb) console.log(fb ? 'NOW FOUND' : 'NOW MISSED', g.label, JSON.stringify(m.text.slice(g.start, g.end)), '::', m.text);
    }
    for (const p of pb) if (!m.spans.some(g => ov(p, g)) && !pa.some(q => q.start === p.start && q.end === p.end)) console.log('NEW FP', p.category, p.rule, JSON.stringify(p.text), '::', m.text);
    for (const p of pa) if (!m.spans.some(g => ov(p, g)) && !pb.some(q => q.start === p.start && q.end === p.end)) console.log('FP GONE', p.category, p.rule, JSON.stringify(p.text), '::', m.text);
  }
}
