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
