/**
 * Full-text search over every message, for the review screen. MiniSearch keeps an inverted index (a radix tree of
 * terms), so a query costs in proportion to the matching terms, not to the number of messages: at 100,000 messages it
 * answers in a few milliseconds, where a fuzzy scan such as fuse.js compares the query with every message on every
 * keystroke (see README "Why MiniSearch"). The index is built in the worker, in chunks, with progress.
 */
import { nextTurn } from '@im-records/chat-import';
import MiniSearch from 'minisearch';

/** The fields of a message the index reads: its attachments' file names too, so a file can be found by its name. */
export interface SearchableMessage {
  id: string;
  author: string | null;
  text: string;
  attachments?: readonly { fileName: string }[];
}

/** Builds the index of a conversation; yields between chunks so the worker can answer other calls and be cancelled. */
export async function buildSearchIndex(
  messages: { readonly length: number; at(index: number): SearchableMessage | undefined },
  options: { signal?: AbortSignal; onProgress?: (done: number, total: number) => void; chunk?: number } = {},
): Promise<MiniSearch<SearchableMessage>> {
  const index = new MiniSearch<SearchableMessage>({
    fields: ['text', 'author', 'files'],
    idField: 'id',
    extractField: (document, field) =>
      field === 'author'
        ? (document.author ?? '')
        : field === 'files'
          ? (document.attachments ?? []).map((attachment) => attachment.fileName).join(' ')
          : document[field as 'id' | 'text'],
  });
  const chunk = options.chunk ?? 5000;
  for (let at = 0; at < messages.length; at += chunk) {
    options.signal?.throwIfAborted();
    const batch: SearchableMessage[] = [];
    for (let i = at; i < Math.min(at + chunk, messages.length); i++) {
      // Only the fields the index reads: a message from the columnar list is built on read and dropped after.
      const { id, author, text, attachments } = messages.at(i) as SearchableMessage;
      batch.push(attachments && attachments.length > 0 ? { id, author, text, attachments } : { id, author, text });
    }
    index.addAll(batch);
    options.onProgress?.(Math.min(at + chunk, messages.length), messages.length);
    await nextTurn();
  }
  return index;
}

/**
 * Ids of the messages matching every word of the query (the last word also as a prefix, so results narrow while typing;
 * words of five letters or more also match one typo). At most `limit` ids, best first.
 */
export function searchMessages(index: MiniSearch<SearchableMessage>, query: string, limit = 100_000): string[] {
  const trimmed = query.trim();
  if (!trimmed) return [];
  const results = index.search(trimmed, {
    combineWith: 'AND',
    prefix: (term, i, terms) => i === terms.length - 1 && term.length >= 2,
    fuzzy: (term) => (term.length >= 5 ? 1 : false),
    maxFuzzy: 1,
  });
  const ids: string[] = [];
  for (const result of results) {
    ids.push(String(result.id));
    if (ids.length >= limit) break;
  }
  return ids;
}

/**
 * The positions in the conversation of the messages a search found (ids, best first), in the conversation's order:
 * the review narrows its list to these before its other filters, so a search costs in proportion to its hits.
 */
export function hitRows(ids: Iterable<string>, indexOf: ReadonlyMap<string, number>): number[] {
  const rows: number[] = [];
  for (const id of ids) {
    const row = indexOf.get(id);
    if (row !== undefined) rows.push(row);
  }
  return rows.sort((a, b) => a - b);
}

/**
 * Where message `index` is among the rows shown (message indexes in the conversation's order), by binary search;
 * undefined when it is not shown. Saves a map of 100,000 entries rebuilt whenever the list changes.
 */
export function rowOfMessage(shown: readonly number[], index: number): number | undefined {
  let low = 0;
  let high = shown.length - 1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    const at = shown[middle] as number;
    if (at === index) return middle;
    if (at < index) low = middle + 1;
    else high = middle - 1;
  }
  return undefined;
}
