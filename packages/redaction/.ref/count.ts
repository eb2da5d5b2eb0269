import { generateClinicalChat } from '@im-records/synthetic-chats';
import { toConversation } from '../eval/conversation.ts';
import { detectPersonalDataSync } from '../src/index.ts';
const conversation = toConversation(await generateClinicalChat({ seed: 424242, messages: 100000, exportText: false }));
const r = detectPersonalDataSync(conversation, { mode: 'foi' });
const g = globalThis as any;
console.log('proposals', r.proposals.length, 'toProposal calls', g.__tp, 're-decided messages', g.__re, 'consistent finds', g.__more);
const rules = new Map<string, number>(); for (const p of r.proposals) rules.set(p.rule, (rules.get(p.rule) ?? 0) + 1);
console.log([...rules].sort((a, b) => b[1] - a[1]).slice(0, 20));
