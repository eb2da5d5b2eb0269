/**
 * Whether two exports are of the same chat, before they are merged: {@link mergeConversations} joins whatever it is
 * given, so a caller that adds exports one by one (the browser tool) asks first and offers to keep an unrelated chat
 * apart instead of silently combining two conversations into one.
 */
import { contentOf } from './merge.ts';
import type { Conversation } from './model.ts';

/** What {@link compareChats} found. */
export interface ChatComparison {
  /** True when the exports are of one chat: they share messages, or most of their participants. */
  sameChat: boolean;
  /** Messages present in both (by content: instant, author, text, attachments). */
  sharedMessages: number;
  /** Participants (by name, ignoring case) who wrote in both. */
  sharedParticipants: string[];
  /** Why, in plain English, naming both files. */
  reason: string;
}

/** Names that stand for whoever exported the chat, which every export from that phone shares. */
const SELF = new Set(['you', 'du', 'me', 'tú', 'vous']);

/**
 * Compares two exports: the same chat when they have a message in common (overlapping exports of one chat), or when
 * neither has a message the other has but most of their participants are the same people (exports of one chat made
 * at different times: at least half of everyone who wrote in either wrote in both). Exports in different formats are
 * never the same chat. Two one-to-one chats exported from one phone share only the phone's owner, so they differ.
 */
export function compareChats(a: Conversation, b: Conversation): ChatComparison {
  const files = `${a.source.fileName} and ${b.source.fileName}`;
  if (a.source.format !== b.source.format) {
    return {
      sameChat: false,
      sharedMessages: 0,
      sharedParticipants: [],
      reason: `${files} come from different apps (${a.source.format} and ${b.source.format}), so they are different chats.`,
    };
  }
  const seen = new Set<string>();
  for (const message of a.messages) seen.add(contentOf(message.id));
  let sharedMessages = 0;
  for (const message of b.messages) if (seen.has(contentOf(message.id))) sharedMessages++;
  const names = (c: Conversation): Map<string, string> =>
    new Map(
      c.participants
        .map((p) => [p.name.trim().toLowerCase(), p.name] as const)
        .filter(([key]) => key && !SELF.has(key)),
    );
  const namesA = names(a);
  const namesB = names(b);
  const sharedParticipants = [...namesA].filter(([key]) => namesB.has(key)).map(([, name]) => name);
  const union = new Set([...namesA.keys(), ...namesB.keys()]).size;
  if (sharedMessages > 0) {
    return {
      sameChat: true,
      sharedMessages,
      sharedParticipants,
      reason: `${files} have ${sharedMessages === 1 ? 'a message' : `${sharedMessages} messages`} in common: they are exports of the same chat.`,
    };
  }
  const sameChat = union > 0 && sharedParticipants.length * 2 >= union;
  return {
    sameChat,
    sharedMessages,
    sharedParticipants,
    reason: sameChat
      ? `${files} have no message in common, but the same people wrote in both: they look like exports of the same chat made at different times.`
      : `${files} have no message in common and ${sharedParticipants.length === 0 ? 'no one wrote in both' : `only ${sharedParticipants.join(', ')} wrote in both`}: they are different chats.`,
  };
}
