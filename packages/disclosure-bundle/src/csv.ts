/**
 * CSV writers (RFC 4180: comma-separated, CRLF line ends, fields quoted when needed, quotes doubled). Cells that a
 * spreadsheet would read as a formula (starting with = + - @, tab or carriage return) are prefixed with a single quote.
 */
import type { DisclosedConversation } from '@im-records/redaction';
import type { MediaPlacement } from './media.ts';
import { placementKey } from './media.ts';
import { inSectionOrder, sectionsOf } from './sections.ts';
import { categoryWords, dayOf, timeOf, unreadableMark } from './text.ts';
import type { ScheduleRow } from './types.ts';

/** Makes one cell safe: neutralises formula triggers, then quotes per RFC 4180 when needed. */
export function csvCell(value: string | number): string {
  let text = String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Joins rows into a CSV document. */
export function csvDocument(rows: readonly (readonly (string | number)[])[]): string {
  return `${rows.map((row) => row.map(csvCell).join(',')).join('\r\n')}\r\n`;
}

/** Renders a message's segments as plain text, each redaction as `[Redacted: CODE]`. */
export function plainText(segments: DisclosedConversation['messages'][number]['segments']): string {
  return segments
    .map((segment) => (segment.type === 'text' ? segment.text : `[Redacted: ${segment.exemption}]`))
    .join('');
}

/** `transcript.csv`: one row per message. */
export function transcriptCsv(
  disclosed: DisclosedConversation,
  placements: ReadonlyMap<string, MediaPlacement>,
): string {
  // A case of several conversations adds a first column saying which (1, 2, …), the order of the cover page.
  const sections = sectionsOf(disclosed);
  const several = sections.length > 1;
  const header = ['date', 'time', 'author', 'kind', 'text', 'redactions', 'attachments'];
  const rows: (string | number)[][] = [several ? ['conversation', ...header] : header];
  for (const message of inSectionOrder(disclosed)) {
    const redactions = message.segments.filter((segment) => segment.type === 'redaction').length;
    const attachments = message.attachments
      .map((attachment) => {
        const placement = attachment.mediaKey
          ? placements.get(placementKey(message.id, attachment.mediaKey))
          : undefined;
        if (!attachment.disclose)
          return `withheld: ${attachment.displayName} (${attachment.withheldReason ?? 'withheld'})`;
        return placement ? `included: ${placement.path}` : `not present: ${attachment.displayName}`;
      })
      .join('; ');
    const conversation = sections.findIndex((section) => section.key === (message.section ?? '')) + 1;
    rows.push([
      ...(several ? [conversation] : []),
      dayOf(message.timestamp),
      timeOf(message.timestamp),
      message.author ?? '',
      message.unreadable ? `${message.kind}: ${unreadableMark(message.unreadable)}` : message.kind,
      plainText(message.segments),
      redactions,
      attachments,
    ]);
  }
  return csvDocument(rows);
}

/** `redaction-schedule.csv`: one row per category and exemption per message, with the PDF page. */
export function scheduleCsv(schedule: readonly ScheduleRow[]): string {
  const rows: (string | number)[][] = [['page', 'message_time', 'category', 'exemption', 'count']];
  for (const row of schedule)
    rows.push([row.page, row.messageTime, categoryWords(row.category), row.exemption, row.count]);
  return csvDocument(rows);
}
