import { generateClinicalChat } from '@im-records/synthetic-chats';
import * as A from './src-orig/index.ts';
import * as B from './src/index.ts';
import { toConversation } from './eval/conversation.ts';
const conversation = toConversation(await generateClinicalChat({ seed: 424242, messages: 200000, exportText: false }));
const mb = conversation.messages.reduce((n, m) => n + Buffer.byteLength(m.text), 0) / 1e6;
const time = (f: () => void) => { const c = process.cpuUsage(); f(); const d = process.cpuUsage(c); return (d.user + d.system) / 1e6; };
A.detectPersonalDataSync({ ...conversation, messages: conversation.messages.slice(0, 20000) }, { mode: 'foi' });
B.detectPersonalDataSync({ ...conversation, messages: conversation.messages.slice(0, 20000) }, { mode: 'foi' });
for (let r = 0; r < 3; r++) {
  const a = time(() => A.detectPersonalDataSync(conversation, { mode: 'foi' }));
  const b = time(() => B.detectPersonalDataSync(conversation, { mode: 'foi' }));
  console.log(`orig ${(mb / a).toFixed(1)} MB/s  new ${(mb / b).toFixed(1)} MB/s  ratio ${(a / b).toFixed(2)}`);
}
