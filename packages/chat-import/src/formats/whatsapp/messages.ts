/**
 * Pass 2 of the WhatsApp importer: cutting the file into messages between the headers of the file's layout, and
 * making each into a table row — from its bytes where the byte route can (`plain.ts`), otherwise by decoding it in a
 * batch (`batch.ts`) and classifying it (`classify.ts`). Lines that belong to no message (before the first header, or
 * too long to read) become warnings that keep their text, so every line is placed.
 */
import { hashText, textLanes } from '../../hash.ts';
import type { MediaIndex } from '../../media.ts';
import type { Attachment, ImportWarning, Poll } from '../../model.ts';
import { type MessageExtras, NO_ATTACHMENTS } from '../../table.ts';
import { localMs, validDate } from '../../time.ts';
import { type MessageSink, makeMessage } from '../contract.ts';
import { unreadableWarning } from '../unreadable.ts';
import { Authors, colonRest } from './authors.ts';
import { Batch, IN_ASCII, IN_OTHER } from './batch.ts';
import { type AttachmentRef, classifyText } from './classify.ts';
import { type Candidates, describeSignature, SIG_FIRST4, SIG_LAST4 } from './header.ts';
import type { Layout } from './layout.ts';
import { ANDROID_PLACEHOLDER_KINDS } from './phrases.ts';
import { androidAttachment, androidPlaceholder, FLAG_QUOTE, plainText, TextScan } from './plain.ts';
import { type DecodedPiece, decodePiece, ENCODER, LENIENT, validUtf8 } from './utf8.ts';

/** The table's code for a system event (see `MessageTable.pushPlain`). */
const SYSTEM_KIND = 1;
/** The current region: text before the first header, a line too long to read, or a message (a candidate's index). */
const ORPHAN = -1;
const GIANT = -2;

/** What pass 2 works with: the file, where its rows and warnings go, and what pass 1 found. */
export interface CutInput {
  bytes: Uint8Array;
  /** The file's name as warnings give it. */
  file: string;
  /** Invalid characters were already replaced when the file was transcoded from UTF-16. */
  replaced: boolean;
  sink: MessageSink;
  notes: ImportWarning[];
  media: MediaIndex;
  maxLine: number;
  /** The chat's name from the file name, if it has one. */
  title: string | undefined;
  checkAbort: () => void;
}

/** What pass 2 found besides the rows: the chat's name from a system line, and the lines with unreadable characters. */
export interface CutResult {
  titleFromChat: string | undefined;
  badLines: number[];
}

/**
 * Cuts messages between the headers of `layout.dominant` in `cand` (with the too-long `giant` lines of pass 1 as
 * regions of their own), over lines 1 to `lines`.
 */
export function cutMessages(
  input: CutInput,
  cand: Candidates,
  giant: readonly number[],
  layout: Layout,
  lines: number,
): CutResult {
  const cutter = new MessageCutter(input, cand);
  cutter.cut(giant, layout, lines);
  return { titleFromChat: cutter.titleFromChat, badLines: cutter.badLines };
}

/**
 * Makes copies of strings that share no memory with the batch they were cut from. Texts are slices of 1 MiB batch
 * strings while a batch is read; one slice kept in the table would keep its whole batch alive. One per parse: its
 * cache of repeated short strings (placeholders, file names) goes when the parse ends.
 */
function makeOwner(): (text: string) => string {
  const owned = new Map<string, string>();
  return (text) => {
    // V8 copies slices under 13 characters anyway; longer ones are copied through UTF-8 (no lone surrogates here).
    if (text.length < 13) return text;
    if (text.length > 64) return LENIENT.decode(ENCODER.encode(text));
    let copy = owned.get(text);
    if (copy === undefined) {
      copy = LENIENT.decode(ENCODER.encode(text));
      if (owned.size >= 4096) owned.clear();
      owned.set(copy, copy);
    }
    return copy;
  };
}

class MessageCutter {
  /** The chat's name as the latest system line that names it gives it. */
  titleFromChat: string | undefined = undefined;
  readonly badLines: number[] = [];
  readonly #in: CutInput;
  readonly #b: Uint8Array;
  readonly #cand: Candidates;
  readonly #table: MessageSink['table'];
  readonly #fileIndex: number;
  readonly #authors: Authors;
  readonly #batch: Batch;
  readonly #scan = new TextScan();
  readonly #own = makeOwner();
  readonly #inArchive = (name: string): boolean => this.#in.media.find(name) !== undefined;
  /** One attachment list per Android placeholder ("<Media omitted>"), shared by the rows that have it. */
  readonly #placeholderLists = new Map<string, Attachment[]>();
  /** The table's author index for each of this parse's author ids (-1 until first used). */
  #tableAuthor = new Int32Array(16).fill(-1);
  // The region being read: its first line, the offset of that line, and whose it is (a candidate, ORPHAN or GIANT).
  #regionLine = 1;
  #regionStart = 0;
  #current = ORPHAN;
  #giantChars = 0;
  /**
   * The region's local time, in a typed array: a number that is not a small integer, kept in a field and written a
   * million times, would be boxed anew on each write.
   */
  readonly #regionWhen = new Float64Array(1);

  constructor(input: CutInput, cand: Candidates) {
    this.#in = input;
    this.#b = input.bytes;
    this.#cand = cand;
    const { sink } = input;
    this.#batch = new Batch(input.bytes.length, this.#scan);
    this.#authors = new Authors((bytes) => this.#decode(bytes));
    sink.reserve(sink.count + cand.n);
    this.#table = sink.table;
    this.#table.textBytes = input.bytes;
    this.#fileIndex = this.#table.fileIndex(input.file);
  }

  /** Reads every region in file order: the text before the first header, each message, and the too-long lines. */
  cut(giant: readonly number[], layout: Layout, lines: number): void {
    const cand = this.#cand;
    const { notes, file } = this.#in;
    const { dominant, order } = layout;
    const first4 = (dominant & SIG_FIRST4) !== 0;
    const last4 = (dominant & SIG_LAST4) !== 0;
    let gi = 0;
    let lastA = -1;
    let lastB = -1;
    let lastC = -1;
    let lastDay = Number.NaN;
    for (let i = 0; i <= cand.n; i++) {
      const isEnd = i === cand.n;
      const candLine = isEnd ? lines + 1 : (cand.line[i] as number);
      // Giant lines before this candidate become regions of their own.
      while (gi < giant.length && (giant[gi] as number) < candLine) {
        const gLine = giant[gi] as number;
        const gStart = giant[gi + 1] as number;
        this.#closeRegion(gLine - 1, gStart);
        this.#current = GIANT;
        this.#regionLine = gLine;
        this.#regionStart = gStart;
        this.#giantChars = giant[gi + 2] as number;
        gi += 3;
      }
      if (isEnd) break;
      const sig = cand.sig[i] as number;
      if (sig !== dominant) {
        notes.push({
          line: candLine,
          file,
          message: `Line ${candLine} looks like the start of a message written in another layout (${describeSignature(sig)}; this export writes ${describeSignature(dominant)}), as when part of another chat is pasted in. It was kept as part of the message above it.`,
        });
        continue;
      }
      const a = cand.a[i] as number;
      const bb = cand.b[i] as number;
      const c = cand.c[i] as number;
      // Neighbouring messages are mostly on the same day: its date is read and checked once.
      if (a !== lastA || bb !== lastB || c !== lastC) {
        lastA = a;
        lastB = bb;
        lastC = c;
        const y = order === 'ymd' ? fullYear(a, first4) : fullYear(c, last4);
        const mo = order === 'mdy' ? a : bb;
        const d = order === 'ymd' ? c : order === 'dmy' ? a : bb;
        lastDay = validDate(y, mo, d) ? localMs(y, mo, d, 0, 0, 0) : Number.NaN;
      }
      if (Number.isNaN(lastDay)) {
        notes.push({
          line: candLine,
          file,
          message: `Line ${candLine} starts like a message, but its date is not a real date when read ${order === 'ymd' ? 'year first' : order === 'dmy' ? 'day first' : 'month first'}, so it was kept as part of the message above it.`,
        });
        continue;
      }
      let hour = cand.hour[i] as number;
      const ampm = cand.ampm[i] as number;
      if (ampm !== 0) hour = (hour % 12) + (ampm === 2 ? 12 : 0);
      const second = cand.second[i] as number;
      this.#closeRegion(candLine - 1, cand.start[i] as number);
      this.#current = i;
      this.#regionLine = candLine;
      this.#regionStart = cand.start[i] as number;
      this.#regionWhen[0] = lastDay + ((hour * 60 + (cand.minute[i] as number)) * 60 + Math.max(second, 0)) * 1000;
    }
    this.#closeRegion(lines, this.#b.length);
    this.#flush();
  }

  /** Decodes an author's name or a batch; the lines of invalid characters are reported by the caller. */
  #decode(bytes: Uint8Array): DecodedPiece {
    return decodePiece(bytes, this.#in.replaced);
  }

  /** Decodes bytes [a, e), which start on line `firstLine`, and records the lines that held invalid characters. */
  #decodeChecked(a: number, e: number, firstLine: number): string {
    const { text, bad } = this.#decode(this.#b.subarray(a, e));
    if (bad) this.#markBad(text, firstLine);
    return text;
  }

  /** Records the line of every U+FFFD in a decoded piece that starts on `firstLine`. */
  #markBad(text: string, firstLine: number): void {
    let at = text.indexOf('\ufffd');
    let line = firstLine;
    let from = 0;
    while (at >= 0) {
      for (let nl = text.indexOf('\n', from); nl >= 0 && nl < at; nl = text.indexOf('\n', nl + 1)) {
        line++;
        from = nl + 1;
      }
      this.badLines.push(line);
      at = text.indexOf('\ufffd', at + 1);
    }
  }

  #tableAuthorOf(authorId: number): number {
    if (authorId >= this.#tableAuthor.length) {
      const grown = new Int32Array(Math.max(authorId + 1, this.#tableAuthor.length * 2)).fill(-1);
      grown.set(this.#tableAuthor);
      this.#tableAuthor = grown;
    }
    let author = this.#tableAuthor[authorId] as number;
    if (author < 0) {
      author = this.#table.authorIndex(this.#authors.names[authorId] as string);
      this.#tableAuthor[authorId] = author;
    }
    return author;
  }

  /**
   * Ends the current region before the next one's line start `endOffset` (or the file's end): it covers lines
   * regionLine..endLine.
   */
  #closeRegion(endLine: number, endOffset: number): void {
    if (endLine < this.#regionLine) return;
    const b = this.#b;
    let textEnd = endOffset;
    if (textEnd > 0 && textEnd <= b.length && b[textEnd - 1] === 10) textEnd--;
    if (textEnd > 0 && b[textEnd - 1] === 13) textEnd--;
    if (this.#current === GIANT) this.#giantRegion(endLine, textEnd);
    else if (this.#current === ORPHAN) this.#orphanRegion(endLine, textEnd);
    else this.#messageRegion(endLine, textEnd);
  }

  /** A line too long to be a message: a warning that keeps its start, and one for the lines after it. */
  #giantRegion(endLine: number, textEnd: number): void {
    const b = this.#b;
    const { sink, notes, file, maxLine } = this.#in;
    const regionLine = this.#regionLine;
    const regionStart = this.#regionStart;
    notes.push({
      line: regionLine,
      file,
      message: `Line ${regionLine} is too long to be a chat message (${this.#giantChars} characters; at most ${maxLine} are read), so it was left out of the messages. Its first 200 characters are kept with the import warnings: check the original export if they matter.`,
    });
    let lineEnd = b.indexOf(10, regionStart);
    if (lineEnd < 0 || lineEnd > textEnd) lineEnd = textEnd;
    if (!validUtf8(b.subarray(regionStart, lineEnd))) this.badLines.push(regionLine);
    sink.warn({
      line: regionLine,
      lineEnd: regionLine,
      file,
      message: `The start of line ${regionLine}, which is too long to be a chat message.`,
      raw: LENIENT.decode(b.subarray(regionStart, Math.min(lineEnd, regionStart + 800))).slice(0, 200),
    });
    if (endLine > regionLine) {
      // Lines after the giant line up to the next boundary have no message to belong to.
      const rawStart = lineEnd < textEnd ? lineEnd + 1 : textEnd;
      sink.warn({
        line: regionLine + 1,
        lineEnd: endLine,
        file,
        message: `Lines ${regionLine + 1} to ${endLine} follow a line that was too long and belong to no message; its text is kept with the import warnings.`,
        raw: this.#decodeChecked(rawStart, textEnd, regionLine + 1),
      });
    }
  }

  /**
   * Lines before the first message: blank ones are only noted; any text is kept as a message of its own, as written
   * (a chat cut at its start, or words pasted above it), so it reaches the reviewer and is redacted like the rest.
   */
  #orphanRegion(endLine: number, textEnd: number): void {
    const { sink, file } = this.#in;
    const regionLine = this.#regionLine;
    const raw = this.#decodeChecked(this.#regionStart, textEnd, regionLine);
    if (raw.trim() === '') {
      sink.warn({
        line: regionLine,
        lineEnd: endLine,
        file,
        message: `The export starts with blank lines (${regionLine} to ${endLine}): nothing to check.`,
        raw,
      });
      return;
    }
    const why = 'it comes before the first message, so who wrote it is not known';
    const lines = regionLine === endLine ? `Line ${regionLine}` : `Lines ${regionLine} to ${endLine}`;
    sink.keepUnreadable(
      makeMessage(null, raw.replace(/\r?\n$/, ''), 'message', [], { file, line: regionLine, lineEnd: endLine }),
      why,
      unreadableWarning(file, regionLine, endLine, lines, why),
    );
  }

  /** A message: its author, then a row from its bytes where it is plain, else held in the batch to be classified. */
  #messageRegion(endLine: number, textEnd: number): void {
    const b = this.#b;
    const table = this.#table;
    const authors = this.#authors;
    const scan = this.#scan;
    const regionLine = this.#regionLine;
    const bodyStart = this.#cand.body[this.#current] as number;
    // Author: up to the first ": " (or ":" and a no-break space, or ":" at the end) on the header line; a known
    // author's name is recognised without the scan.
    let colon = -1;
    let afterColon = 1;
    const known = authors.match(b, bodyStart, textEnd);
    if (known >= 0) {
      colon = authors.matchedColon;
      afterColon = authors.matchedRest;
    } else {
      for (let k = bodyStart; k < textEnd; k++) {
        const c = b[k] as number;
        if (c === 10) break;
        if (c === 58) {
          const rest = colonRest(b, k, textEnd);
          if (rest > 0) {
            colon = k;
            afterColon = rest;
            break;
          }
        }
      }
    }
    let authorId = -1;
    let textStart = bodyStart;
    if (colon > bodyStart) {
      const id = known >= 0 ? known : authors.id(b, bodyStart, colon);
      if (authors.bad[id]) this.badLines.push(regionLine);
      if (authors.names[id] !== null) {
        authorId = id;
        textStart = Math.min(colon + 1 + afterColon, textEnd);
      }
    }
    const plainAuthor = authorId >= 0 && !authors.suspect[authorId];
    // Nothing in the text needs reading as text: the row is made from its bytes' place, with the hash just made. A
    // system line ("Ana added Ben") qualifies too, unless it may name the chat in quotation marks.
    if (
      (authorId < 0 || plainAuthor) &&
      plainText(b, textStart, textEnd, scan) &&
      (authorId >= 0 || (scan.flags & FLAG_QUOTE) === 0)
    ) {
      table.pushPlain(
        authorId >= 0 ? this.#tableAuthorOf(authorId) : -1,
        this.#fileIndex,
        regionLine,
        endLine,
        this.#regionWhen[0] as number,
        textStart,
        textEnd,
        scan.lane1,
        scan.lane2,
        authorId >= 0 ? 0 : SYSTEM_KIND,
      );
      return;
    }
    if (plainAuthor && b[textStart] === 60 /* < */ && b[textEnd - 1] === 62 /* > */ && textEnd - textStart <= 64) {
      // Android's "<Media omitted>" (or a translation): what classification makes of it, without the batch.
      const placeholder = androidPlaceholder(b, textStart, textEnd);
      if (placeholder !== undefined) {
        // Every row with this placeholder shares one (frozen) attachment list.
        let attachments = this.#placeholderLists.get(placeholder);
        if (attachments === undefined) {
          const kind = ANDROID_PLACEHOLDER_KINDS.get(placeholder) ?? 'other';
          attachments = [{ fileName: placeholder, kind, included: false }];
          this.#placeholderLists.set(placeholder, attachments);
        }
        table.pushAttachmentsOnly(
          this.#tableAuthorOf(authorId),
          this.#fileIndex,
          regionLine,
          endLine,
          this.#regionWhen[0] as number,
          textStart,
          attachments,
        );
        return;
      }
    }
    if (plainAuthor) {
      // Android's "IMG-….jpg (file attached)": what classification makes of it, without the batch.
      const attachment = androidAttachment(b, textStart, textEnd, this.#in.media, scan);
      if (attachment !== undefined) {
        table.push(
          authors.names[authorId] as string,
          null,
          'message',
          [attachment],
          this.#in.file,
          regionLine,
          endLine,
          this.#regionWhen[0] as number,
          false,
          undefined,
          scan.caption,
          textEnd,
        );
        return;
      }
    }
    const batch = this.#batch;
    if (!batch.fits(textEnd - textStart)) this.#flush();
    const k = batch.add(b, textStart, textEnd);
    // The row is appended now, to keep file order, and filled in when its text has been decoded.
    batch.row[k] = table.push(
      null,
      null,
      'message',
      NO_ATTACHMENTS,
      this.#in.file,
      regionLine,
      endLine,
      this.#regionWhen[0] as number,
      false,
    );
    batch.line[k] = regionLine;
    batch.bodyStart[k] = bodyStart;
    batch.textStart[k] = textStart;
    batch.textEnd[k] = textEnd;
    batch.author[k] = authorId;
  }

  /** Decodes the batches and finishes every held message, in file order. */
  #flush(): void {
    const batch = this.#batch;
    const b = this.#b;
    const asciiText = batch.asciiUsed > 0 ? LENIENT.decode(batch.ascii.subarray(0, batch.asciiUsed)) : '';
    const other = batch.otherUsed > 0 ? this.#decode(batch.other.subarray(0, batch.otherUsed)) : undefined;
    const otherText = other?.text ?? '';
    const otherBad = other?.bad ?? false;
    for (let k = 0; k < batch.n; k++) {
      const where = batch.where[k];
      let text: string;
      if (where === IN_ASCII) {
        text = asciiText.slice(batch.from[k], batch.to[k]);
      } else if (where === IN_OTHER && !otherBad) {
        const from = batch.from[k] as number;
        const to = batch.to[k] as number;
        text = otherText.slice(from, to);
        hashText(otherText, from, to);
        batch.th1[k] = textLanes[0] as number;
        batch.th2[k] = textLanes[1] as number;
      } else {
        // ALONE, or a text of a batch with invalid bytes: decoded on its own, so its own bad lines are reported.
        const a = batch.textStart[k] as number;
        const e = batch.textEnd[k] as number;
        text = a < e ? this.#decodeChecked(a, e, (batch.line[k] as number) + (a > 0 && b[a - 1] === 10 ? 1 : 0)) : '';
        hashText(text, 0, text.length);
        batch.th1[k] = textLanes[0] as number;
        batch.th2[k] = textLanes[1] as number;
      }
      this.#finish(k, text);
    }
    batch.clear();
    this.#in.checkAbort();
  }

  /** Classifies held message k, with its decoded text, and fills in its row. */
  #finish(k: number, raw: string): void {
    const batch = this.#batch;
    const authors = this.#authors;
    const authorId = batch.author[k] as number;
    const suspect = authorId >= 0 && authors.suspect[authorId] === true;
    const classified = classifyText({
      text: raw,
      author: authorId < 0 ? null : (authors.names[authorId] ?? null),
      suspect,
      ...(suspect ? { body: LENIENT.decode(this.#b.subarray(batch.bodyStart[k], batch.textEnd[k])) } : {}),
      flags: batch.flags[k] as number,
      titles: [this.#in.title, this.titleFromChat],
      inArchive: this.#inArchive,
    });
    if (classified.chatTitle !== undefined) this.titleFromChat = this.#own(classified.chatTitle);
    const own = this.#own;
    const attachments =
      classified.attachments.length === 0 ? NO_ATTACHMENTS : classified.attachments.map((ref) => this.#attach(ref));
    const { edited, poll } = classified;
    const extras: MessageExtras | undefined =
      edited || poll
        ? { ...(edited ? { edited: true } : {}), ...(poll ? { poll: ownPoll(poll, own) } : {}) }
        : undefined;
    // A text read as it stands in the file is kept as its bytes' place, not as a string (see MessageTable).
    const asRead = classified.text === raw;
    const row = batch.row[k] as number;
    this.#table.fill(
      row,
      classified.author,
      asRead ? null : own(classified.text),
      classified.kind,
      attachments,
      extras,
      batch.textStart[k] as number,
      batch.textEnd[k] as number,
    );
    if (asRead) this.#in.sink.setTextHash(row, batch.th1[k] as number, batch.th2[k] as number);
  }

  /** An attachment for a reference: the archive's file (recorded as used), or left out of the export. */
  #attach(ref: AttachmentRef): Attachment {
    const fileName = this.#own(ref.fileName);
    return ref.inArchive ? this.#in.media.attach(fileName, ref.kind) : { fileName, kind: ref.kind, included: false };
  }
}

function fullYear(y: number, digits4: boolean): number {
  return digits4 || y >= 100 ? y : 2000 + y;
}

function ownPoll(poll: Poll, own: (text: string) => string): Poll {
  return {
    question: own(poll.question),
    options: poll.options.map((option) => ({ ...option, text: own(option.text) })),
  };
}
