import { generateClinicalChat } from '@im-records/synthetic-chats';
const chat = await generateClinicalChat({ seed: 424242, messages: 200000, exportText: false });
const seen = new Map<string, number>(); let chars = 0, dupChars = 0;
for (const m of chat.messages) { const c = seen.get(m.text) ?? 0; if (c) dupChars += m.text.length; chars += m.text.length; seen.set(m.text, c + 1); }
console.log('unique', seen.size, 'of', chat.messages.length, 'dup char share', (dupChars / chars).toFixed(3));
console.log([...seen].sort((a, b) => b[1] - a[1]).slice(0, 15));
console.log(chat.messages.slice(0, 25).map((m) => m.text));
