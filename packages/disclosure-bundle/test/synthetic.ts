/**
 * Turns a synthetic chat's gold spans into a DisclosedConversation, standing in for "every proposal accepted" with a perfect
 * engine: every gold span becomes a redaction box, staff are pseudonymised, named files are withheld. Also returns the
 * secrets (every redacted value and real author name) for the leak check. Test and bench use only.
 */
import type {
  DisclosedConversation,
  DisclosedMessage,
  DisclosedSegment,
  RedactionCategory,
} from '@im-records/redaction';
import type { ClinicalChat } from '@im-records/synthetic-chats';

export interface GoldDisclosure {
  disclosed: DisclosedConversation;
  secrets: string[];
  media: Map<string, Uint8Array>;
}

/** Converts gold spans into a disclosed conversation (FOI mode: everyone's personal data withheld). */
export function goldDisclosure(chat: ClinicalChat, image?: Uint8Array): GoldDisclosure {
  const secrets = new Set<string>();
  const pseudonyms = new Map<string, string>();
  const media = new Map<string, Uint8Array>();
  let redactions = 0;
  let attachmentsDisclosed = 0;
  let attachmentsWithheld = 0;
  let fileCounter = 0;
  const pseudonym = (name: string): string => {
    let alias = pseudonyms.get(name);
    if (!alias) {
      alias = `Staff member ${pseudonyms.size + 1}`;
      pseudonyms.set(name, alias);
      secrets.add(name);
    }
    return alias;
  };
  const messages: DisclosedMessage[] = chat.messages.map((message) => {
    const segments: DisclosedSegment[] = [];
    let at = 0;
    for (const span of [...message.spans].sort((a, b) => a.start - b.start)) {
      if (span.start < at) continue;
      if (span.start > at) segments.push({ type: 'text', text: message.text.slice(at, span.start) });
      segments.push({
        type: 'redaction',
        category: span.label as RedactionCategory,
        exemption: 's40(2)',
        label: 's40(2)',
      });
      secrets.add(message.text.slice(span.start, span.end));
      redactions++;
      at = span.end;
    }
    if (at < message.text.length) segments.push({ type: 'text', text: message.text.slice(at) });
    const disclosedMessage: DisclosedMessage = {
      id: message.id,
      timestamp: `${message.timestamp}+00:00`,
      author: message.author === null ? null : pseudonym(message.author),
      kind: message.author === null ? 'system' : 'message',
      segments,
      attachments: [],
    };
    if (message.attachment) {
      fileCounter++;
      const isImage = message.attachment.endsWith('.jpg');
      const displayName = `${isImage ? 'image' : 'document'}-${String(fileCounter).padStart(4, '0')}.${isImage ? 'jpg' : 'pdf'}`;
      if (isImage) {
        const mediaKey = message.attachment;
        if (image) media.set(mediaKey, image);
        disclosedMessage.attachments.push({ displayName, kind: 'image', disclose: true, mediaKey });
        attachmentsDisclosed++;
      } else {
        secrets.add(message.attachment.replace(/ discharge summary\.pdf$/, ''));
        disclosedMessage.attachments.push({
          displayName,
          kind: 'document',
          disclose: false,
          withheldReason: 's40(2): third-party personal data',
        });
        attachmentsWithheld++;
      }
    }
    return disclosedMessage;
  });
  return {
    disclosed: {
      mode: 'foi',
      title: chat.title,
      messages,
      counts: {
        messagesInScope: messages.length,
        messagesDisclosed: messages.length,
        messagesWithheld: 0,
        redactions,
        attachmentsDisclosed,
        attachmentsWithheld,
      },
    },
    secrets: [...secrets],
    media,
  };
}
