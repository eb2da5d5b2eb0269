import type { ChatFormat } from '@im-records/chat-import';
import { formatLongDate } from '@im-records/records-policy';

/** The apps' names as they write them. */
const APP_NAMES: Record<ChatFormat, string> = {
  whatsapp: 'WhatsApp',
  telegram: 'Telegram',
  slack: 'Slack',
  signal: 'Signal',
  csv: 'CSV',
};

/** What a bundle's cover says was searched, before the officer edits it. */
export interface SearchedChats {
  /** The format of each export in the case (repeats are named once). */
  formats: readonly ChatFormat[];
  /**
   * The chats' titles as disclosed (redaction's `DisclosedConversation.sections[].title`, or its `title` for one chat):
   * never the raw title, because a one-to-one chat is titled with the other person's name.
   */
  titles: readonly string[];
  /** The request's date range as ISO dates, when it has one. */
  from?: string;
  to?: string;
}

/**
 * The cover's "what was searched", e.g. `WhatsApp chat "Ward 7 handover", 1 January 2024 to 31 March 2024`. One
 * function, so the browser tool and `records package` describe the same case in the same words.
 */
export function describeSearch({ formats, titles, from, to }: SearchedChats): string {
  const apps = [...new Set(formats)].map((format) => APP_NAMES[format]);
  const chats = titles.length > 1 ? 'chats' : 'chat';
  const named = titles.map((title) => `"${title}"`);
  return `${list(apps)} ${chats} ${list(named)}${dateRange(from, to)}`;
}

/** "A", "A and B", "A, B and C". */
function list(items: readonly string[]): string {
  return items.length > 1 ? `${items.slice(0, -1).join(', ')} and ${items.at(-1)}` : (items[0] ?? '');
}

/** ", 1 March 2024 to 31 March 2024", ", from 1 March 2024", ", up to 31 March 2024", or nothing. */
function dateRange(from?: string, to?: string): string {
  if (from && to) return `, ${formatLongDate(from)} to ${formatLongDate(to)}`;
  if (from) return `, from ${formatLongDate(from)}`;
  if (to) return `, up to ${formatLongDate(to)}`;
  return '';
}
