import type { Conversation, Message, Participant } from '@im-records/chat-import';

/** A Message with defaults, for tests. */
export function msg(id: string, author: string | null, text: string, extra: Partial<Message> = {}): Message {
  return {
    id,
    timestamp: '2024-03-04T09:00:00+00:00',
    author,
    text,
    kind: author === null ? 'system' : 'message',
    attachments: [],
    source: { file: 'chat.txt', line: 1, lineEnd: 1 },
    ...extra,
  };
}

/** A Conversation from messages; participants are the authors (phone-number authors get `phone`). */
export function conv(messages: Message[]): Conversation {
  const counts = new Map<string, number>();
  for (const m of messages) if (m.author !== null) counts.set(m.author, (counts.get(m.author) ?? 0) + 1);
  const participants: Participant[] = [...counts].map(([name, messageCount]) =>
    /^\+?[\d\s]+$/.test(name) ? { name, phone: `+${name.replace(/\D/g, '')}`, messageCount } : { name, messageCount },
  );
  return {
    title: 'Test chat',
    source: { fileName: 'chat.txt', sha256: '0'.repeat(64), format: 'whatsapp', variant: 'android-dmy-24h' },
    timeZone: 'Europe/London',
    participants,
    messages,
    warnings: [],
    reconciliation: { linesRead: messages.length, linesPlaced: messages.length },
  };
}

/** The texts of spans found in a message, for readable assertions. */
export function texts(text: string, spans: readonly { start: number; end: number }[]): string[] {
  return spans.map((s) => text.slice(s.start, s.end));
}
