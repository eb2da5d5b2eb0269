/**
 * The columnar message list the importer returns. A million messages held as a million objects cost Node about
 * 300 bytes each before any text (the object, its `source`, its id and timestamp strings), more than the export
 * itself; here each message is a row of typed arrays — instant, offset, author, kind, lines, id hash — plus its text,
 * and the {@link Message} a caller reads is built from the row when it is read. Ids and ISO timestamps are made on
 * read from the hash and the instant, so they cost nothing until asked for.
 */

import { hashText, laneHex, textLanes } from './hash.ts';
import type { Attachment, Message, MessageKind, MessageList } from './model.ts';
import { ZoneClock } from './time.ts';

/** The optional fields of a message, kept only for the rows that have them. */
export type MessageExtras = Pick<
  Message,
  'edited' | 'replyTo' | 'thread' | 'channel' | 'nativeId' | 'poll' | 'unreadable'
>;

/** Invalid bytes read as U+FFFD, as the importer read them (and reported them) when it parsed the export. */
const TEXT_DECODER = new TextDecoder('utf-8', { ignoreBOM: true });
const KINDS: readonly MessageKind[] = ['message', 'system', 'deleted', 'poll'];
const KIND_CODE: Readonly<Record<MessageKind, number>> = { message: 0, system: 1, deleted: 2, poll: 3 };
const BASE_KEYS = new Set(['id', 'timestamp', 'author', 'text', 'kind', 'attachments', 'source']);
/** Row marks: the row has attachments, or optional fields. */
export const HAS_ATTACHMENTS = 1;
const HAS_EXTRAS = 2;
/** The text-hash lanes of the empty text. */
const EMPTY_TEXT_LANES: Int32Array = (() => {
  hashText('', 0, 0);
  return Int32Array.from(textLanes);
})();
/**
 * Freezes a row's attachment list and its attachments, like the shared empty list: a caller gets the table's own list
 * with each message it reads, so an edit to it must fail loudly rather than change the chat for every later reader.
 */
function freezeAttachments(attachments: Attachment[]): void {
  if (Object.isFrozen(attachments)) return;
  for (const attachment of attachments) Object.freeze(attachment);
  Object.freeze(attachments);
}
/** Shared by every row without attachments; frozen, so a caller that tries to add to it hears about it. */
export const NO_ATTACHMENTS: Attachment[] = Object.freeze([]) as unknown as Attachment[];
/**
 * The text of message `index` (0 ≤ index < length) of a list. On the importer's table it is read without building the
 * whole message, which is most of the cost of a pass that needs only the texts (detection's first pass, say).
 */
export function messageTextAt(messages: MessageList, index: number): string {
  return messages instanceof MessageTable ? messages.textAt(index) : (messages.at(index)?.text ?? '');
}

/** The id of message `index` (0 ≤ index < length) of a list; on the importer's table, without building the message. */
export function messageIdAt(messages: MessageList, index: number): string {
  return messages instanceof MessageTable ? messages.idAt(index) : (messages.at(index)?.id ?? '');
}

/**
 * The attachments of message `index` (0 ≤ index < length) of a list; on the importer's table, without building the
 * message (whose text, id and time are most of the cost of a pass that counts attachments).
 */
export function messageAttachmentsAt(messages: MessageList, index: number): readonly Attachment[] {
  return messages instanceof MessageTable ? messages.attachmentsAt(index) : (messages.at(index)?.attachments ?? []);
}

/**
 * Messages in columns. The importer appends rows while parsing ({@link MessageTable.push}), the pipeline fills in
 * instants, offsets and id hashes, then hands the table out as the conversation's {@link MessageList}.
 */
export class MessageTable implements MessageList {
  length = 0;
  /** Local wall time encoded as if UTC (or a true UTC instant when `isUtc` is 1) until resolved; then UTC ms. */
  when = new Float64Array(1024);
  isUtc = new Uint8Array(1024);
  /** UTC offset in force at the instant, in ms (set when times are resolved). */
  offsetMs = new Int32Array(1024);
  /** Index into {@link MessageTable.authors}, or -1 for no author. */
  author = new Int32Array(1024);
  kind = new Uint8Array(1024);
  /** Index into {@link MessageTable.files}. */
  file = new Int32Array(1024);
  line = new Int32Array(1024);
  lineEnd = new Int32Array(1024);
  /**
   * Two hash lanes per row, at 2i and 2i + 1: the text's (see `hashText`, valid when `hashed[i]` is 1) until ids are
   * assigned, then the id's finalised lanes (one array for both saves 8 bytes a row).
   */
  hash = new Int32Array(2048);
  hashed = new Uint8Array(1024);
  /** Occurrence numbers of the rows whose ids need one (the second and later of identical messages at one instant). */
  readonly repeats = new Map<number, number>();
  /** Per row: {@link HAS_ATTACHMENTS} and {@link HAS_EXTRAS}, so the side maps are only asked about rows in them. */
  marks = new Uint8Array(1024);
  /**
   * Where row i's text is: `textFrom[i] >= 0` — UTF-8 bytes [textFrom, textTo) of {@link MessageTable.textBytes},
   * decoded on read; otherwise `strings[-1 - textFrom[i]]`.
   */
  textFrom = new Int32Array(1024);
  textTo = new Int32Array(1024);
  /**
   * The export's own bytes, which the texts of most WhatsApp messages are read from: the table keeps a reference
   * instead of a decoded copy, so it holds no second copy of the chat (callers must not change the bytes after import).
   */
  textBytes: Uint8Array = new Uint8Array(0);
  /** Texts held as strings: those an importer changed while reading (marks, line ends) and every non-byte format's. */
  readonly strings: string[] = [];
  readonly authors: string[] = [];
  readonly files: string[] = [];
  readonly attachments = new Map<number, Attachment[]>();
  readonly extras = new Map<number, MessageExtras>();
  readonly #authorIndex = new Map<string, number>();
  #lastAuthor: string | null = null;
  #lastAuthorIndex = -1;
  #lastFile = '';
  #lastFileIndex = -1;
  #clock: ZoneClock | undefined;
  #isoUtc = Number.NaN;
  #isoOffset = 0;
  #iso = '';

  /** Makes room for `count` rows at once (the typed arrays otherwise double as they fill). */
  reserve(count: number): void {
    if (count > this.when.length) this.#grow(count);
  }

  #grow(capacity: number): void {
    const grow = <T extends Float64Array | Int32Array | Uint8Array>(old: T, size: number): T => {
      const next = new (old.constructor as new (n: number) => T)(size);
      next.set(old);
      return next;
    };
    this.when = grow(this.when, capacity);
    this.isUtc = grow(this.isUtc, capacity);
    this.offsetMs = grow(this.offsetMs, capacity);
    this.author = grow(this.author, capacity);
    this.kind = grow(this.kind, capacity);
    this.file = grow(this.file, capacity);
    this.line = grow(this.line, capacity);
    this.lineEnd = grow(this.lineEnd, capacity);
    this.hash = grow(this.hash, capacity * 2);
    this.hashed = grow(this.hashed, capacity);
    this.marks = grow(this.marks, capacity);
    this.textFrom = grow(this.textFrom, capacity);
    this.textTo = grow(this.textTo, capacity);
  }

  /** The index of an author name, adding it the first time (importers share one string per name, so this is cheap). */
  authorIndex(name: string | null): number {
    if (name === null) return -1;
    if (name === this.#lastAuthor) return this.#lastAuthorIndex;
    let index = this.#authorIndex.get(name);
    if (index === undefined) {
      index = this.authors.length;
      this.authors.push(name);
      this.#authorIndex.set(name, index);
    }
    this.#lastAuthor = name;
    this.#lastAuthorIndex = index;
    return index;
  }

  /** The index of a source file name, adding it the first time. */
  fileIndex(name: string): number {
    if (name === this.#lastFile && this.#lastFileIndex >= 0) return this.#lastFileIndex;
    let index = this.files.indexOf(name);
    if (index < 0) {
      index = this.files.length;
      this.files.push(name);
    }
    this.#lastFile = name;
    this.#lastFileIndex = index;
    return index;
  }

  /**
   * Appends a row whose text is `text`, or, when `text` is null, UTF-8 bytes [from, to) of
   * {@link MessageTable.textBytes}; returns its index. `extras` holds only the optional fields the message has.
   */
  push(
    author: string | null,
    text: string | null,
    kind: MessageKind,
    attachments: Attachment[],
    file: string,
    line: number,
    lineEnd: number,
    when: number,
    isUtc: boolean,
    extras?: MessageExtras,
    from = 0,
    to = 0,
  ): number {
    const i = this.length;
    if (i === this.when.length) this.#grow(i * 2);
    this.when[i] = when;
    this.isUtc[i] = isUtc ? 1 : 0;
    this.file[i] = this.fileIndex(file);
    this.line[i] = line;
    this.lineEnd[i] = lineEnd;
    this.length = i + 1;
    this.fill(i, author, text, kind, attachments, extras, from, to);
    return i;
  }

  /**
   * Appends a message with no attachments or optional fields (kind `message` by default; `kind` is the code of
   * another, 1 for a system event with `author` -1) whose text is UTF-8 bytes [from, to) of
   * {@link MessageTable.textBytes} with known hash lanes: the common row of a WhatsApp export, written without the
   * lookups {@link MessageTable.push} makes. `author` and `file` are indices from {@link MessageTable.authorIndex} and
   * {@link MessageTable.fileIndex}.
   */
  pushPlain(
    author: number,
    file: number,
    line: number,
    lineEnd: number,
    when: number,
    from: number,
    to: number,
    h1: number,
    h2: number,
    kind = 0,
  ): void {
    const i = this.length;
    if (i === this.when.length) this.#grow(i * 2);
    if (kind !== 0) this.kind[i] = kind;
    // Rows past `length` are still zero (the table only grows, into zero-filled arrays), so the columns whose value
    // here is 0 (isUtc, kind, marks, and file 0) are not written: their pages are never touched for such rows.
    this.when[i] = when;
    if (file !== 0) this.file[i] = file;
    this.line[i] = line;
    this.lineEnd[i] = lineEnd;
    this.author[i] = author;
    this.textFrom[i] = from;
    this.textTo[i] = to;
    this.hash[2 * i] = h1;
    this.hash[2 * i + 1] = h2;
    this.hashed[i] = 1;
    this.length = i + 1;
  }

  /**
   * Appends a message with no text and only `attachments` (a WhatsApp "<Media omitted>" line, say): as
   * {@link MessageTable.pushPlain}, with `attachments` frozen and kept for the row. Rows may share one list.
   */
  pushAttachmentsOnly(
    author: number,
    file: number,
    line: number,
    lineEnd: number,
    when: number,
    at: number,
    attachments: Attachment[],
  ): void {
    const i = this.length;
    this.pushPlain(
      author,
      file,
      line,
      lineEnd,
      when,
      at,
      at,
      EMPTY_TEXT_LANES[0] as number,
      EMPTY_TEXT_LANES[1] as number,
    );
    freezeAttachments(attachments);
    this.attachments.set(i, attachments);
    this.marks[i] = HAS_ATTACHMENTS;
  }

  /**
   * Sets the fields of row `i` that depend on reading its text: an importer may append a row as soon as it knows
   * where the message is (keeping file order) and fill it in once its text has been read.
   */
  fill(
    i: number,
    author: string | null,
    text: string | null,
    kind: MessageKind,
    attachments: Attachment[],
    extras?: MessageExtras,
    from = 0,
    to = 0,
  ): void {
    this.author[i] = this.authorIndex(author);
    this.kind[i] = KIND_CODE[kind];
    if (text === null) {
      this.textFrom[i] = from;
      this.textTo[i] = to;
    } else {
      this.textFrom[i] = -1 - this.strings.length;
      this.strings.push(text);
    }
    let marks = 0;
    if (attachments.length > 0) {
      freezeAttachments(attachments);
      this.attachments.set(i, attachments);
      marks |= HAS_ATTACHMENTS;
    }
    if (extras !== undefined) {
      // A poll is handed out as it is stored, so it is frozen for the same reason as attachments (the other optional
      // fields are strings and flags, copied onto each message read).
      if (extras.poll !== undefined) {
        for (const option of extras.poll.options) Object.freeze(option);
        Object.freeze(extras.poll.options);
        Object.freeze(extras.poll);
      }
      if (extras.unreadable !== undefined) Object.freeze(extras.unreadable);
      this.extras.set(i, extras);
      marks |= HAS_EXTRAS;
    }
    this.marks[i] = marks;
  }

  /**
   * Author indices in order of first appearance in the rows, with each one's row count (an author may have been
   * registered while a row was provisional and have no row in the end: it is left out).
   */
  authorsByAppearance(): { order: number[]; counts: Int32Array } {
    const counts = new Int32Array(this.authors.length);
    const order: number[] = [];
    for (let i = 0; i < this.length; i++) {
      const a = this.author[i] as number;
      if (a < 0) continue;
      if (counts[a] === 0) order.push(a);
      counts[a] = (counts[a] as number) + 1;
    }
    return { order, counts };
  }

  /** Appends a message object (importers that build one per record); its optional fields are kept in their order. */
  pushMessage(message: Message, when: number, isUtc: boolean): number {
    let extras: Record<string, unknown> | undefined;
    for (const key in message) {
      if (BASE_KEYS.has(key)) continue;
      const value = (message as unknown as Record<string, unknown>)[key];
      if (value === undefined) continue;
      extras ??= {};
      extras[key] = value;
    }
    const { source } = message;
    return this.push(
      message.author,
      message.text,
      message.kind,
      message.attachments,
      source.file,
      source.line,
      source.lineEnd,
      when,
      isUtc,
      extras as MessageExtras | undefined,
    );
  }

  /** The text of row `i`. */
  textAt(i: number): string {
    const from = this.textFrom[i] as number;
    if (from < 0) return this.strings[-1 - from] as string;
    const to = this.textTo[i] as number;
    return from === to ? '' : TEXT_DECODER.decode(this.textBytes.subarray(from, to));
  }

  kindAt(i: number): MessageKind {
    return KINDS[this.kind[i] as number] as MessageKind;
  }

  authorAt(i: number): string | null {
    const a = this.author[i] as number;
    return a < 0 ? null : (this.authors[a] as string);
  }

  attachmentsAt(i: number): Attachment[] {
    return (this.marks[i] as number) & HAS_ATTACHMENTS ? (this.attachments.get(i) as Attachment[]) : NO_ATTACHMENTS;
  }

  /** The optional fields of row `i`, if it has any. */
  extrasAt(i: number): MessageExtras | undefined {
    return (this.marks[i] as number) & HAS_EXTRAS ? this.extras.get(i) : undefined;
  }

  /** Uses `clock`'s caches for the ISO strings made on read. */
  useClock(clock: ZoneClock): void {
    this.#clock = clock;
  }

  /** The ISO 8601 timestamp of row `i` (once times are resolved). */
  timestampAt(i: number): string {
    const utc = this.when[i] as number;
    const offset = this.offsetMs[i] as number;
    // Neighbouring rows often share a minute: reuse the last string.
    if (utc === this.#isoUtc && offset === this.#isoOffset) return this.#iso;
    this.#clock ??= new ZoneClock('UTC');
    this.#iso = this.#clock.iso(utc, offset);
    this.#isoUtc = utc;
    this.#isoOffset = offset;
    return this.#iso;
  }

  /** The id of row `i` (once ids are assigned): the content hash, with `-n` for the nth identical message. */
  idAt(i: number): string {
    const hex = laneHex(this.hash[2 * i] as number, this.hash[2 * i + 1] as number);
    const n = this.repeats.size > 0 ? this.repeats.get(i) : undefined;
    return n === undefined ? hex : `${hex}-${n}`;
  }

  at(index: number): Message | undefined {
    const i = index < 0 ? this.length + index : index;
    if (!(i >= 0 && i < this.length)) return undefined;
    const message: Message = {
      id: this.idAt(i),
      timestamp: this.timestampAt(i),
      author: this.authorAt(i),
      text: this.textAt(i),
      kind: this.kindAt(i),
      attachments: this.attachmentsAt(i),
      source: {
        file: this.files[this.file[i] as number] as string,
        line: this.line[i] as number,
        lineEnd: this.lineEnd[i] as number,
      },
    };
    const extras = this.extrasAt(i);
    return extras === undefined ? message : Object.assign(message, extras);
  }

  [Symbol.iterator](): Iterator<Message> {
    let i = 0;
    return {
      next: (): IteratorResult<Message> =>
        i < this.length ? { value: this.at(i++) as Message, done: false } : { value: undefined, done: true },
    };
  }

  /** JSON of a conversation holds its messages as an array, as it did when they were one. */
  toJSON(): Message[] {
    return Array.from(this);
  }
}
