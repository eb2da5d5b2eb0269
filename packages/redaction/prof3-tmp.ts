import { generateClinicalChat } from '@im-records/synthetic-chats';
import { defaultRecognisers, detectPersonalDataSync } from './src/index.ts';
import { toConversation } from './eval/conversation.ts';
const chat = await generateClinicalChat({ seed: 7, messages: 200000, exportText: false });
const conv = toConversation(chat);
detectPersonalDataSync({ ...conv, messages: conv.messages.slice(0, 20000) }, { mode: 'foi' });
for (const set of [null, null, null, ['name']]) {
  const recognisers = set === null ? defaultRecognisers : defaultRecognisers.filter((r) => set.includes(r.id));
  const t = performance.now();
  const r = detectPersonalDataSync(conv, { mode: 'foi', recognisers });
  console.log(set === null ? 'all' : set.join(',') || 'none', (performance.now() - t).toFixed(0), r.proposals.length);
}
