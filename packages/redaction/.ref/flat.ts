import { generateClinicalChat } from '@im-records/synthetic-chats';
const chat = await generateClinicalChat({ seed: 424242, messages: 200000, exportText: false });
const texts = chat.messages.map((m) => m.text);
const flat = JSON.parse(JSON.stringify(texts)) as string[];
function count(arr: string[]): number { let d = 0; for (const t of arr) for (let i = 0; i < t.length; i++) { const c = t.charCodeAt(i); if (c >= 48 && c <= 57) d++; } return d; }
for (let r = 0; r < 4; r++) {
  let t = performance.now(); const a = count(texts); const ta = performance.now() - t;
  t = performance.now(); const b = count(flat); const tb = performance.now() - t;
  console.log('orig', ta.toFixed(1), 'flat', tb.toFixed(1), a === b);
}
