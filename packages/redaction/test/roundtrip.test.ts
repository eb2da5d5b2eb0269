import { importChat } from '@im-records/chat-import';
import { generateClinicalChat } from '@im-records/synthetic-chats';
import { describe, expect, it } from 'vitest';
import { detectPersonalDataSync } from '../src/index.ts';

describe('synthetic export → importChat → detection', () => {
  for (const style of ['android', 'ios'] as const) {
    it(`imports the ${style} export with the gold texts unchanged, and the gold identifiers are found`, async () => {
      const chat = await generateClinicalChat({ seed: 21, messages: 300, style });
      const { conversation } = await importChat({
        fileName: `ward-${style}.txt`,
        bytes: new TextEncoder().encode(chat.exportText),
      });
      const gold = Array.from(chat.messages).filter((m) => m.author !== null && !m.attachment);
      const imported = Array.from(conversation.messages).filter(
        (m) => m.kind === 'message' && m.attachments.length === 0,
      );
      expect(imported.map((m) => m.text)).toEqual(gold.map((m) => m.text));
      const result = detectPersonalDataSync(conversation, { mode: 'foi' });
      const byText = new Map(imported.map((m, i) => [m.id, gold[i]]));
      let missed = 0;
      let total = 0;
      for (const m of imported) {
        const g = byText.get(m.id);
        for (const span of g?.spans ?? []) {
          if (span.label === 'person-name' || span.label === 'age' || span.label === 'address') continue;
          total++;
          if (!result.proposals.some((p) => p.messageId === m.id && p.start < span.end && span.start < p.end)) missed++;
        }
      }
      expect(total).toBeGreaterThan(50);
      expect(missed).toBe(0);
    });
  }
});
