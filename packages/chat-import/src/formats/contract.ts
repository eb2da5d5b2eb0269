/**
 * The importer contract: what every format module exports and what the pipeline gives it. See README "Importer
 * contract" for the rules each importer must follow (place every line, never throw on bad records, no Node APIs).
 */
import type { Attachment, ChatFormat, ImportWarning, Message, MessageKind, SourceSpan } from '../model.ts';
import type { ResolvedOptions } from '../options.ts';
import { MessageTable } from '../table.ts';
import type { ArchiveEntry } from '../zip.ts';

/** What `detect` says about an input: a score (0 = not this format) and the reason, shown when nothing fits. */
export interface Detection {
  score: number;
  reason: string;
}

/** The files an importer reads: the zip's entries, or the single imported file as one entry. */
export interface ImportInput {
  fileName: string;
  entries: readonly ArchiveEntry[];
  fromZip: boolean;
  /** Decoded text of an entry (cached; decoding notes and invalid-UTF-8 flags are recorded once). */
  text(entry: ArchiveEntry): string;
  /** Lines holding U+FFFD replacements, only known when decoding replaced something. */
  replaced(entry: ArchiveEntry): boolean;
  /** First characters of an entry's text, for detection without decoding a large file twice. */
  peek(entry: ArchiveEntry, chars?: number): string;
  /**
   * The entry as UTF-8 bytes (BOM removed, UTF-16 transcoded), for parsers that decode only the parts they keep
   * instead of the whole file. `replaced` is true when U+FFFD replacements were already made (invalid UTF-16);
   * invalid UTF-8 is left in the bytes for the parser to find, replace and report line by line.
   */
  utf8(entry: ArchiveEntry): { bytes: Uint8Array; encoding: 'utf-8' | 'utf-16le' | 'utf-16be'; replaced: boolean };
  /** Makes the decode-stage checks (empty, binary, only white space, NUL bytes) without decoding the whole entry. */
  check(entry: ArchiveEntry): void;
}

/** Where parsers put messages: the columnar {@link MessageTable} the conversation will hold, and raw-line warnings. */
export class MessageSink {
  readonly table = new MessageTable();
  /** Warnings that hold raw lines not placed in a message (each counts its line range in the reconciliation). */
  readonly warnings: ImportWarning[] = [];
  /** Lines (or records) read, for the reconciliation. */
  linesRead = 0;
  /** Lines of the export's own layout (a CSV's header row): placed, with nothing in them to check or disclose. */
  layoutLines = 0;
  /**
   * Warnings about records kept as messages by {@link MessageSink.keepUnreadable}: their lines are placed by the
   * message, so these are shown but not counted again in the reconciliation.
   */
  readonly keptWarnings: ImportWarning[] = [];
  /** Rows kept by {@link MessageSink.keepUnreadable}, in file order; their times are lent by {@link lendTimes}. */
  readonly unreadableRows: number[] = [];

  /** Messages added so far. */
  get count(): number {
    return this.table.length;
  }

  /** Makes room for `count` messages at once (avoids repeated growth of the typed arrays). */
  reserve(count: number): void {
    this.table.reserve(count);
  }

  /**
   * Adds a message. `when` is local wall time encoded as if UTC, or a true UTC instant when `isUtc` is true; the
   * resolve-times stage turns it into an instant and an offset.
   */
  add(message: Message, when: number, isUtc: boolean): void {
    this.table.pushMessage(message, when, isUtc);
  }

  /**
   * Records the text hash lanes of row `i`: a parser that has the text's characters at hand while reading them can
   * hash them there (with `hashText`'s steps), saving a second pass when ids are made.
   */
  setTextHash(i: number, h1: number, h2: number): void {
    const table = this.table;
    table.hash[2 * i] = h1;
    table.hash[2 * i + 1] = h2;
    table.hashed[i] = 1;
  }

  warn(warning: ImportWarning): void {
    this.warnings.push(warning);
  }

  /**
   * Keeps a record that could not be read as a message of its own, in file order: `message` holds the record as
   * written (its author only when the record gives one readably), `reason` says what was wrong. The warning tells the
   * officer where it is; the message's time is lent by a neighbour once every row is in (see {@link lendTimes}).
   */
  keepUnreadable(message: Message, reason: string, warning: ImportWarning): void {
    message.unreadable = { reason, timeFrom: 'none' };
    this.unreadableRows.push(this.table.pushMessage(message, 0, true));
    this.keptWarnings.push(warning);
  }

  /** Counts lines `line` to `lineEnd` as the export's layout (placed in the reconciliation, not warned about). */
  layout(line: number, lineEnd: number): void {
    this.layoutLines += lineEnd - line + 1;
  }
}

/** Builds a message with every field in the same order (one hidden class for all messages, and stable JSON). */
export function makeMessage(
  author: string | null,
  text: string,
  kind: MessageKind,
  attachments: Attachment[],
  source: SourceSpan,
): Message {
  return { id: '', timestamp: '', author, text, kind, attachments, source };
}

/** What an importer returns besides the messages it put in the sink. */
export interface ParseResult {
  title: string;
  variant: string;
  /** Native ids of participants by display name, where the format has them. */
  nativeIds?: Map<string, string>;
  /** Attachment bytes found in the archive, keyed by entry path (the attachments' `mediaKey`). */
  media: Map<string, Uint8Array>;
}

/** The pipeline's context for one parse. */
export interface ParseContext {
  input: ImportInput;
  options: ResolvedOptions;
  sink: MessageSink;
  /** Warnings that do not place lines (guesses, conflicts); shown with the others. */
  notes: ImportWarning[];
  /** Throws if the import was aborted; importers call it every few thousand records. */
  checkAbort(): void;
  /**
   * Lets the pipeline run between two passes over a large input: it answers an abort, and takes the file's SHA-256
   * from Web Crypto, which frees the copy of the file Web Crypto hashed (so that copy is gone before the next pass
   * builds the messages).
   */
  pause(): Promise<void>;
}

/** What each format module exports. */
export interface FormatImporter {
  format: ChatFormat;
  /** Looks at the entries (names and first characters only) and says how well they fit this format. */
  detect(input: ImportInput): Detection;
  /** Parses the input; must place every line in a message or a raw warning and never throw on bad records. */
  parse(context: ParseContext): ParseResult | Promise<ParseResult>;
}

/**
 * Gives each row kept by {@link MessageSink.keepUnreadable} the time of the nearest readable message before it in the
 * same file, else the nearest after it in that file, else the nearest before or after it anywhere (a Slack day file
 * of one bad record), else none (1970-01-01T00:00Z). Runs before times are resolved, so a borrowed local time
 * resolves exactly as its lender's does and a date range keeps the two together.
 */
export function lendTimes(sink: MessageSink): void {
  const rows = sink.unreadableRows;
  if (rows.length === 0) return;
  const table = sink.table;
  const kept = new Uint8Array(table.length);
  for (const i of rows) kept[i] = 1;
  // The nearest readable row before each row, in its file and anywhere; then the same after it.
  const before = new Int32Array(table.length).fill(-1);
  const beforeAny = new Int32Array(table.length).fill(-1);
  const after = new Int32Array(table.length).fill(-1);
  const afterAny = new Int32Array(table.length).fill(-1);
  let last = new Map<number, number>();
  let any = -1;
  for (let i = 0; i < table.length; i++) {
    before[i] = last.get(table.file[i] as number) ?? -1;
    beforeAny[i] = any;
    if (!kept[i]) {
      last.set(table.file[i] as number, i);
      any = i;
    }
  }
  last = new Map<number, number>();
  any = -1;
  for (let i = table.length - 1; i >= 0; i--) {
    after[i] = last.get(table.file[i] as number) ?? -1;
    afterAny[i] = any;
    if (!kept[i]) {
      last.set(table.file[i] as number, i);
      any = i;
    }
  }
  for (const i of rows) {
    const sameFile = (before[i] as number) >= 0 || (after[i] as number) >= 0;
    const previous = sameFile ? (before[i] as number) : (beforeAny[i] as number);
    const next = sameFile ? (after[i] as number) : (afterAny[i] as number);
    const from = previous >= 0 ? previous : next;
    const extras = table.extras.get(i);
    if (from < 0 || extras?.unreadable === undefined) continue;
    table.when[i] = table.when[from] as number;
    table.isUtc[i] = table.isUtc[from] as number;
    const timeFrom = from === previous ? 'previous' : 'next';
    table.extras.set(i, { ...extras, unreadable: Object.freeze({ ...extras.unreadable, timeFrom }) });
  }
}
