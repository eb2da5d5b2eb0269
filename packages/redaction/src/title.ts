/**
 * A chat's title is personal data like its messages: a one-to-one WhatsApp chat is titled with the other person's name
 * (from the export's file name), a Slack direct message with both people's. {@link withTitleMessages} adds each title
 * to the conversation as a message of its own, so detection finds what is in it, the officer reviews and decides it
 * like any other text, and {@link disclose} prints it with the same decisions applied. Nothing prints a raw title.
 */
import type { Conversation, Message } from '@im-records/chat-import';

/** Ids of title messages start with this; no importer makes such an id (theirs are hex hashes). */
export const TITLE_MESSAGE_PREFIX = 'title:';

/** One conversation of a case: the `channel` its messages carry (empty when there is one), and its title. */
export interface ConversationSection {
  key: string;
  title: string;
}

/** Whether a message id is a chat title's (see {@link withTitleMessages}). */
export function isTitleMessage(id: string): boolean {
  return id.startsWith(TITLE_MESSAGE_PREFIX);
}

/**
 * The conversations of a (possibly combined) conversation: one per distinct `channel` of its messages, in order of
 * first appearance and titled with the channel's name unless `titles` names it, or one titled `conversation.title`
 * when no message carries a channel.
 */
export function sectionsOf(conversation: Conversation, titles?: ReadonlyMap<string, string>): ConversationSection[] {
  const keys: string[] = [];
  const seen = new Set<string>();
  for (const message of conversation.messages) {
    const key = message.channel ?? '';
    if (!seen.has(key)) {
      seen.add(key);
      keys.push(key);
    }
  }
  if (keys.length === 0 || (keys.length === 1 && keys[0] === '')) return [{ key: '', title: conversation.title }];
  return keys.map((key) => ({ key, title: titles?.get(key) ?? (key || conversation.title) }));
}

/**
 * The conversation with one title message per section in front of its messages: id `title:N`, kind `system`, no
 * author, the section's title as text and the section's key as `channel`. Detect, review, decide and disclose this
 * conversation; {@link disclose} prints the titles (as the disclosed title and section headings), never as messages,
 * and never counts them as messages. A conversation that already has title messages is returned as it is.
 */
export function withTitleMessages(conversation: Conversation, titles?: ReadonlyMap<string, string>): Conversation {
  const first = conversation.messages.at(0);
  if (first && isTitleMessage(first.id)) return conversation;
  const sections = sectionsOf(conversation, titles);
  const firstTimestamp = new Map<string, string>();
  for (const message of conversation.messages) {
    const key = message.channel ?? '';
    if (!firstTimestamp.has(key)) firstTimestamp.set(key, message.timestamp);
  }
  const fallback = first?.timestamp ?? '1970-01-01T00:00:00+00:00';
  const titleMessages: Message[] = sections.map((section, index) => ({
    id: `${TITLE_MESSAGE_PREFIX}${index + 1}`,
    timestamp: firstTimestamp.get(section.key) ?? fallback,
    author: null,
    text: section.title,
    kind: 'system',
    attachments: [],
    ...(section.key ? { channel: section.key } : {}),
    source: { file: conversation.source.fileName, line: 0, lineEnd: 0 },
  }));
  return { ...conversation, messages: [...titleMessages, ...conversation.messages] };
}
