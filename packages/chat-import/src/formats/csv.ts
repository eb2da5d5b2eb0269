/**
 * The project's CSV layout for anything else (see README "CSV layout"): RFC 4180 CSV, UTF-8, a header row naming at
 * least `timestamp`, `author` and `text`; optional `kind`, `attachments` (`;`-separated file names), `id`,
 * `reply_to`, `edited`. Quoted fields may span lines; each record's span of lines is kept.
 */
import { kindFromFileName, MediaIndex } from '../media.ts';
import type { MessageKind } from '../model.ts';
import type { ArchiveEntry } from '../zip.ts';
import {
  type Detection,
  type FormatImporter,
  type ImportInput,
  makeMessage,
  type ParseContext,
  type ParseResult,
} from './contract.ts';
import { parseDateTime } from './json.ts';
import { unreadableWarning } from './unreadable.ts';

const KINDS = new Set<MessageKind>(['message', 'system', 'deleted', 'poll']);
const REQUIRED = ['timestamp', 'author', 'text'];

/** Separators a "CSV" saved by another tool may use instead of commas, named for the officer. */
const SEPARATORS: readonly (readonly [string, string])[] = [
  [';', 'semicolons'],
  ['\t', 'tabs'],
];

function splitHeader(line: string): string[] {
  return line.split(',').map((h) => h.trim().replace(/^"|"$/g, '').toLowerCase());
}

function csvEntry(input: ImportInput): ArchiveEntry | undefined {
  return input.entries.find((e) => /\.csv$/i.test(e.path)) ?? (input.fromZip ? undefined : input.entries[0]);
}

/** Reads CSV records one at a time: returns fields and the line numbers the record spans. */
function* records(
  text: string,
): Generator<{ fields: string[]; line: number; lineEnd: number; raw: string; unterminated: boolean }> {
  let i = 0;
  let line = 1;
  const n = text.length;
  while (i < n) {
    const startLine = line;
    const start = i;
    const fields: string[] = [];
    let field = '';
    let quoted = false;
    let unterminated = false;
    for (;;) {
      if (i >= n) {
        if (quoted) unterminated = true;
        fields.push(field);
        break;
      }
      const c = text.charCodeAt(i);
      if (quoted) {
        if (c === 34) {
          if (text.charCodeAt(i + 1) === 34) {
            field += '"';
            i += 2;
          } else {
            quoted = false;
            i++;
          }
        } else {
          if (c === 10) line++;
          field += text[i];
          i++;
        }
      } else if (c === 34 && field === '') {
        quoted = true;
        i++;
      } else if (c === 44) {
        fields.push(field);
        field = '';
        i++;
      } else if (c === 10 || c === 13) {
        fields.push(field);
        if (c === 13 && text.charCodeAt(i + 1) === 10) i++;
        i++;
        line++;
        break;
      } else {
        field += text[i];
        i++;
      }
    }
    const lineEnd = i >= n && text.charCodeAt(n - 1) !== 10 ? line : line - 1;
    yield {
      fields: fields.map((f) => f.replace(/\r\n/g, '\n')),
      line: startLine,
      lineEnd: Math.max(startLine, lineEnd),
      raw: text.slice(start, i).replace(/\r?\n$/, ''),
      unterminated,
    };
  }
}

function parseCsv(context: ParseContext): ParseResult {
  const { input, sink } = context;
  const entry = csvEntry(input) as ArchiveEntry;
  const file = input.fromZip ? entry.path : input.fileName;
  const text = input.text(entry);
  const media = new MediaIndex(input.entries, new Set([entry.path]));
  let columns: string[] | undefined;
  let count = 0;
  let lines = 0;
  for (const record of records(text)) {
    lines = record.lineEnd;
    if (!columns) {
      columns = record.fields.map((f) => f.trim().toLowerCase());
      sink.layout(record.line, record.lineEnd);
      continue;
    }
    const get = (name: string): string | undefined => {
      const i = (columns as string[]).indexOf(name);
      return i < 0 ? undefined : record.fields[i];
    };
    const when = parseDateTime(get('timestamp') ?? '');
    if (record.unterminated || !when || record.fields.length !== columns.length) {
      // The field count first: with the fields out of line, the timestamp column holds whatever fell there.
      const why = record.unterminated
        ? 'a quoted field is never closed'
        : record.fields.length !== columns.length
          ? `it has ${record.fields.length} fields, the header has ${columns.length}`
          : 'its timestamp is not written as the format asks (year-month-day, a T, then the time: 2025-09-01T08:03)';
      // Only a row whose fields line up with the header names its author readably.
      const named = !record.unterminated && record.fields.length === columns.length ? (get('author') ?? '').trim() : '';
      sink.keepUnreadable(
        makeMessage(named === '' ? null : named, record.raw, 'message', [], {
          file,
          line: record.line,
          lineEnd: record.lineEnd,
        }),
        why,
        unreadableWarning(file, record.line, record.lineEnd, `The row on line ${record.line}`, why),
      );
      continue;
    }
    const author = (get('author') ?? '').trim();
    const kindText = (get('kind') ?? '').trim() as MessageKind;
    const kind: MessageKind = KINDS.has(kindText) ? kindText : author === '' ? 'system' : 'message';
    const attachments = (get('attachments') ?? '')
      .split(';')
      .map((a) => a.trim())
      .filter((a) => a !== '')
      .map((a) => media.attach(a, kindFromFileName(a)));
    const message = makeMessage(
      author === '' || kind === 'system' ? null : author,
      get('text') ?? '',
      kind,
      attachments,
      { file, line: record.line, lineEnd: record.lineEnd },
    );
    const id = get('id');
    if (id) message.nativeId = id;
    const reply = get('reply_to');
    if (reply) message.replyTo = reply;
    if (/^(true|yes|1)$/i.test(get('edited') ?? '')) message.edited = true;
    sink.add(message, when[0], when[1]);
    if ((++count & 0x3fff) === 0) context.checkAbort();
  }
  sink.linesRead += lines;
  return { title: file.replace(/\.csv$/i, ''), variant: 'csv-v1', media: media.used };
}

/** The CSV importer. */
export const csv: FormatImporter = {
  format: 'csv',
  detect(input: ImportInput): Detection {
    const entry = csvEntry(input);
    if (!entry) return { score: 0, reason: 'no .csv file' };
    const first = input.peek(entry, 2000).split(/\r?\n/)[0] ?? '';
    const header = splitHeader(first);
    const missing = REQUIRED.filter((r) => !header.includes(r));
    if (missing.length === 0) return { score: 0.9, reason: 'CSV header with timestamp, author and text' };
    // Excel in many locales saves "CSV" with semicolons, and some tools with tabs: say so, and what to do, rather
    // than that every column is missing.
    for (const [separator, name] of SEPARATORS) {
      const columns = first.split(separator).map((h) => h.trim().replace(/^"|"$/g, '').toLowerCase());
      if (REQUIRED.every((r) => columns.includes(r)))
        return {
          score: 0,
          reason: `its columns are separated by ${name}, not commas: save it as CSV (comma delimited) and add it again`,
        };
    }
    return {
      score: 0,
      reason: `first line is not a CSV header with timestamp, author and text (missing ${missing.join(', ')})`,
    };
  },
  parse: parseCsv,
};
