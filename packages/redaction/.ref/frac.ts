import { generateClinicalChat } from '@im-records/synthetic-chats';
import { toConversation } from '../eval/conversation.ts';
import { detectPersonalDataSync } from '../src/index.ts';
const conversation = toConversation(await generateClinicalChat({ seed: 424242, messages: 200000, exportText: false }));
detectPersonalDataSync(conversation, { mode: 'foi' });
console.log('pass-3 scans', (globalThis as any).__g, 'of', conversation.messages.length);
