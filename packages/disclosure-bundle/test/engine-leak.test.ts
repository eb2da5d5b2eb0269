import { importChat } from '@im-records/chat-import';
import { type Decision, detectPersonalDataSync, disclose, withTitleMessages } from '@im-records/redaction';
import { generateClinicalChat } from '@im-records/synthetic-chats';
import { describe, expect, it } from 'vitest';
import { buildBundle } from '../src/index.ts';
import { checkBundleForLeaks, labelSecrets } from '../src/testing/leak-check.ts';
import { nodeFontLoader, request } from './fixtures.ts';

// The whole pipeline on the project's synthetic chats: WhatsApp export → importChat → the engine's proposals, all
// accepted → bundle. Every value the engine redacted must be unreadable everywhere in the bundle, and so must the chat's
// title and the export's file name: each export is named as a one-to-one chat is, after a participant.
describe('leak check over synthetic chats through the real import and redaction engine', () => {
  for (const [seed, style] of [
    [11, 'android'],
    [12, 'ios'],
  ] as const) {
    it(`leaks no redacted value (seed ${seed}, ${style} export)`, async () => {
      const chat = await generateClinicalChat({ seed, messages: 300, style });
      const person = chat.cast.staff.find((member) =>
        /^[A-Z][a-z]+ [A-Z][a-z]+$/.test(member.displayName),
      )?.displayName;
      if (!person) throw new Error('no staff member with a plain two-word name in this cast');
      const fileName = `WhatsApp Chat with ${person}.txt`;
      const imported = await importChat({ fileName, bytes: new TextEncoder().encode(chat.exportText) });
      const { media } = imported;
      expect(imported.conversation.title).toBe(person);
      const conversation = withTitleMessages(imported.conversation);
      const detection = detectPersonalDataSync(conversation, { mode: 'foi' });
      const decisions: Decision[] = detection.proposals.map((p) => ({
        action: 'accept',
        proposalId: p.id,
        by: 'test',
        at: '2024-04-25T12:00:00Z',
      }));
      const disclosed = disclose(conversation, detection.proposals, decisions, { mode: 'foi' });
      // What was searched is written from the disclosed title, as the browser tool writes it.
      const searched = `WhatsApp chat "${disclosed.title}"`;
      const result = await buildBundle({
        disclosed,
        request: { ...request, searched },
        media,
        options: { loadFont: nodeFontLoader },
      });
      const secrets = [
        ...detection.proposals.map((p) => p.text),
        ...conversation.participants.map((p) => p.name),
        ...labelSecrets({ titles: [imported.conversation.title], fileNames: [fileName] }),
      ];
      expect(secrets).toContain(person);
      expect(secrets).toContain(fileName);
      const disclosedText = disclosed.messages.flatMap((m) =>
        m.segments.flatMap((s) => (s.type === 'text' ? [s.text] : [])),
      );
      const report = await checkBundleForLeaks(result.zip, secrets, { disclosedText });
      expect(detection.proposals.length).toBeGreaterThan(50);
      expect(report.checkedSecrets).toBeGreaterThan(30);
      expect(report.findings).toEqual([]);
      // Redacted in one message, left visible in another: the engine's inconsistency, listed for the record.
      if (report.visibleInDisclosedText.length > 0) {
        console.info(
          `seed ${seed}: redacted elsewhere but visible in the disclosed text: ${report.visibleInDisclosedText.join(', ')}`,
        );
      }
    });
  }
});
