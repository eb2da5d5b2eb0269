import { importChat } from '@im-records/chat-import';
import { detectPersonalDataSync, disclose, type Decision } from './src/index.ts';
import { generateClinicalChat } from '@im-records/synthetic-chats';
for (const [seed, style] of [[11, 'android'], [12, 'ios']] as const) {
  const chat = await generateClinicalChat({ seed, messages: 300, style });
  const { conversation } = await importChat({ fileName: 'chat.txt', bytes: new TextEncoder().encode(chat.exportText) });
  const det = detectPersonalDataSync(conversation, { mode: 'foi' });
  const decisions: Decision[] = det.proposals.map((p) => ({ action: 'accept', proposalId: p.id, by: 't', at: '2024-01-01T00:00:00Z' }));
  const d = disclose(conversation, det.proposals, decisions, { mode: 'foi' });
  const secrets = new Set(det.proposals.filter(p=>p.category==='person-name').map((p) => p.text.toLowerCase()));
  for (const m of d.messages) {
    const text = m.segments.map((s) => (s.type === 'text' ? s.text : '[X]')).join('');
    for (const w of text.match(/[\p{L}][\p{L}'’-]*/gu) ?? []) {
      if (secrets.has(w.toLowerCase()) && w.length >= 3) console.log(seed, JSON.stringify(w), '::', text);
    }
  }
}
