/**
 * Builds a chat-import Conversation straight from a generated synthetic chat, so the eval and the bench do not depend
 * on the importer (the CLI test covers the importer round trip).
 */
import type { Conversation, Message, Participant } from '@im-records/chat-import';
import type { ClinicalChat, GoldMessage } from '@im-records/synthetic-chats';

const phoneLike = /^\+?[\d\s()-]{7,}$/;

/** A Conversation from gold messages (ids kept, timestamps given a +00:00 offset). */
export function toConversation(
  chat: Pick<ClinicalChat, 'messages' | 'title'>,
  messages?: readonly GoldMessage[],
): Conversation {
  const list = messages ?? chat.messages;
  const counts = new Map<string, number>();
  const out: Message[] = [];
  for (const [i, m] of list.entries()) {
    if (m.author !== null) counts.set(m.author, (counts.get(m.author) ?? 0) + 1);
    out.push({
      id: m.id,
      timestamp: `${m.timestamp}+00:00`,
      author: m.author,
      text: m.text,
      kind: m.author === null ? 'system' : 'message',
      attachments: m.attachment
        ? [{ fileName: m.attachment, kind: m.attachment.endsWith('.pdf') ? 'document' : 'image', included: false }]
        : [],
      source: { file: 'synthetic.txt', line: i + 1, lineEnd: i + 1 },
    });
  }
  const participants: Participant[] = [...counts.entries()].map(([name, messageCount]) =>
    phoneLike.test(name) ? { name, phone: `+${name.replace(/\D/g, '')}`, messageCount } : { name, messageCount },
  );
  return {
    title: chat.title,
    source: { fileName: 'synthetic.txt', sha256: '0'.repeat(64), format: 'whatsapp', variant: 'synthetic' },
    timeZone: 'Europe/London',
    participants,
    messages: out,
    warnings: [],
    reconciliation: { linesRead: out.length, linesPlaced: out.length },
  };
}
