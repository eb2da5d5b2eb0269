/**
 * Reading the CoNLL files in ../shared/fixtures/pii (BTC, WNUT17: one token and its BIO tag a line, a blank line
 * between documents) as texts with person-name spans, and turning a file into one chat the way the tool reads an
 * export: every document a message of the same conversation, so chat-wide passes (discovery, consistency) see them all.
 */
import { readFileSync } from 'node:fs';
import type { Conversation, Message } from '@im-records/chat-import';
import type { Span } from './score.ts';

/** One labelled document: its text (tokens joined by spaces) and person spans. */
export interface LabelledText {
  text: string;
  spans: Span[];
}

/** The documents of a CoNLL file whose person tags match `personTags` (`^([BI])-PER$`). */
export function readConll(path: URL | string, personTags: RegExp): LabelledText[] {
  const docs: LabelledText[] = [];
  let text = '';
  let spans: Span[] = [];
  let open: Span | undefined;
  const flush = (): void => {
    if (text) docs.push({ text, spans });
    text = '';
    spans = [];
    open = undefined;
  };
  for (const raw of readFileSync(path, 'utf8').split('\n')) {
    const line = raw.replace(/\r$/, '');
    if (!line.trim()) {
      flush();
      continue;
    }
    const [token = '', tag = 'O'] = line.split('\t');
    // Tweets' @handles are split into "@" and the handle: join them back as written, one span.
    const afterAt = text.endsWith('@') && (text.length === 1 || text.charAt(text.length - 2) === ' ');
    if (text && !afterAt) text += ' ';
    const start = text.length;
    text += token;
    const m = personTags.exec(tag);
    if (afterAt && open && open.end === start) {
      open.end = text.length;
    } else if (afterAt && m) {
      open = { start: start - 1, end: text.length, label: 'person-name' };
      spans.push(open);
    } else if (m && m[1] === 'B') {
      open = { start, end: text.length, label: 'person-name' };
      spans.push(open);
    } else if (m && m[1] === 'I' && open) open.end = text.length;
    else open = undefined;
  }
  flush();
  return docs;
}

/** A message holding one document's text, with no author (a post, not a participant's line). */
export function documentMessage(text: string, index: number): Message {
  return {
    id: `d${index}`,
    timestamp: '2024-01-01T00:00:00+00:00',
    author: null,
    text,
    kind: 'message',
    attachments: [],
    source: { file: 'corpus.conll', line: index + 1, lineEnd: index + 1 },
  };
}

/** The documents as one chat: one message each, in file order, no participants (nothing to seed names from). */
export function documentsAsChat(docs: readonly LabelledText[], title: string): Conversation {
  const messages = docs.map((d, i) => documentMessage(d.text, i));
  return {
    title,
    source: { fileName: `${title}.conll`, sha256: '0'.repeat(64), format: 'whatsapp', variant: 'corpus' },
    timeZone: 'Europe/London',
    participants: [],
    messages,
    warnings: [],
    reconciliation: { linesRead: messages.length, linesPlaced: messages.length },
  };
}
