/**
 * A CSV reader for roster files (RFC 4180 as spreadsheets and ESR write it): UTF-8 with or without a byte-order mark,
 * CRLF or LF line ends, fields in double quotes with `""` for a quote and line breaks allowed inside. Each record keeps
 * the line it starts on, so a rejected row can be reported by the line number a person sees in their editor.
 */
import { RosterFileError } from '../errors.ts';

/** One record: its fields and the 1-based line it starts on. */
export interface CsvRecord {
  line: number;
  fields: string[];
}

/**
 * Splits CSV text into records. Throws {@link RosterFileError} for a quote left open at the end of the file, and for a
 * quoted field that runs over line ends and is followed by more text after its closing quote: that is a stray quote
 * pairing with the opening quote of a later row, and reading on would merge (and lose) every row in between.
 */
export function parseCsv(input: string): CsvRecord[] {
  const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  const records: CsvRecord[] = [];
  let fields: string[] = [];
  let field = '';
  let line = 1;
  let recordLine = 1;
  let inQuotes = false;
  let quotedAt = 0;
  let atFieldStart = true;
  const endRecord = () => {
    fields.push(field);
    // A blank line is not a record.
    if (!(fields.length === 1 && fields[0] === '')) records.push({ line: recordLine, fields });
    fields = [];
    field = '';
    atFieldStart = true;
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (inQuotes) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else {
          inQuotes = false;
          const next = text[i + 1];
          const ends = next === undefined || next === ',' || next === '\r' || next === '\n';
          if (line > quotedAt && !ends) {
            throw new RosterFileError(
              `line ${quotedAt}: a quoted field opened here runs on to line ${line}, where text follows its closing quote; look for a stray double quote on line ${quotedAt}`,
            );
          }
        }
      } else {
        if (ch === '\n') line++;
        field += ch;
      }
      continue;
    }
    if (ch === '"' && atFieldStart) {
      inQuotes = true;
      quotedAt = line;
      atFieldStart = false;
    } else if (ch === ',') {
      fields.push(field);
      field = '';
      atFieldStart = true;
    } else if (ch === '\r' && text[i + 1] === '\n') {
      // CRLF: the LF ends the record.
    } else if (ch === '\n' || ch === '\r') {
      endRecord();
      line++;
      recordLine = line;
    } else {
      field += ch;
      atFieldStart = false;
    }
  }
  if (inQuotes) throw new RosterFileError(`line ${quotedAt}: a quoted field is never closed`);
  if (field !== '' || fields.length > 0) endRecord();
  return records;
}

/** Formulas a spreadsheet would run when the file is opened: a cell starting with one of these is prefixed with `'`. */
const FORMULA_START = /^[=+\-@\t\r]/;

/** One CSV cell: quoted when needed, and neutralised when a spreadsheet would read it as a formula (CSV injection). */
export function csvCell(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return String(value);
  const safe = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/** A CSV document from a header and rows, CRLF line ends (RFC 4180), every cell through {@link csvCell}. */
export function toCsv(
  header: readonly string[],
  rows: readonly (readonly (string | number | null | undefined)[])[],
): string {
  return `${[header, ...rows].map((row) => row.map(csvCell).join(',')).join('\r\n')}\r\n`;
}
