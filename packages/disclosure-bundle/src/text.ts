/** Small text helpers shared by the PDF, HTML and CSV writers. */
import type { RequestType } from '@im-records/records-policy';
import { CATEGORY_LABELS, type DisclosedMessage, type RedactionCategory } from '@im-records/redaction';

/** The local calendar day of a model timestamp (`2024-03-31T00:30:00+01:00` → `2024-03-31`). */
export function dayOf(timestamp: string): string {
  return timestamp.slice(0, 10);
}

/** The local wall-clock time of a model timestamp (`…T09:05:00…` → `09:05`). */
export function timeOf(timestamp: string): string {
  return timestamp.slice(11, 16);
}

/** Noon UTC on the response date: the one instant every date in the bundle is derived from. */
export function fixedInstant(responseDate: string): Date {
  return new Date(`${responseDate}T12:00:00Z`);
}

/** Control and bidi-control characters (but not line feed): they would draw as nothing or reorder text unseen. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the purpose
const INVISIBLE = /[\u0000-\u0009\u000b-\u001f\u007f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/** Removes control and bidi-override characters that would render as nothing, keeping line breaks. */
export function cleanForDisplay(text: string): string {
  return text.replace(/\r\n?/g, '\n').replace(/\t/g, '    ').replace(INVISIBLE, '');
}

/** Words for a redaction category in a sentence or a schedule row, e.g. `nhs-number` → `NHS number`. */
export function categoryWords(category: string): string {
  return CATEGORY_LABELS[category as RedactionCategory]?.words ?? category;
}

/** Human words for a request type, as the cover and the manifest print it. */
const REQUEST_TYPE_WORDS: Readonly<Record<RequestType, string>> = {
  foi: 'Freedom of Information Act 2000 request',
  eir: 'Environmental Information Regulations 2004 request',
  foisa: 'Freedom of Information (Scotland) Act 2002 request',
  sar: 'Subject access request (UK GDPR Article 15)',
};

/** Human words for a request type. */
export function requestTypeWords(type: RequestType): string {
  return REQUEST_TYPE_WORDS[type] ?? type;
}

/**
 * The mark on a message the import could not read and kept as written (`DisclosedMessage.unreadable`), worded once
 * for the PDF, the HTML and the CSV. It says whose time the message carries, since it has none of its own: a date range
 * took it in because it took that neighbour.
 */
export function unreadableMark(unreadable: NonNullable<DisclosedMessage['unreadable']>): string {
  const time =
    unreadable.timeFrom === 'previous'
      ? 'with the time of the message before it'
      : unreadable.timeFrom === 'next'
        ? 'with the time of the message after it'
        : 'with no time (none in the export could be read)';
  return `Could not be read: shown as written, ${time}.`;
}
