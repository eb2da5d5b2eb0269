/**
 * Lays out the disclosure PDF: cover page, transcript grouped by day, redaction schedule, and "Page n of N" with the
 * reference on every page. Text is drawn as real text with subsetted embedded fonts; every redaction is a filled box whose
 * label is the exemption code. Only the disclosed conversation is drawn: withheld text never reaches this module.
 */

import { formatLongDate } from '@im-records/records-policy';
import type { DisclosedConversation, DisclosedMessage } from '@im-records/redaction';
import type { PDFDocument, PDFFont, PDFPage } from 'pdf-lib';
import type { Face, FontBook, Run } from './fonts.ts';
import { isRtlChar } from './fonts.ts';
import type { MediaPlacement } from './media.ts';
import { categoryWords, cleanForDisplay, dayOf, requestTypeWords, timeOf } from './text.ts';
import type { BundleRequest, ScheduleRow } from './types.ts';

type Deflate = (data: Uint8Array) => Uint8Array;

const PAGE_WIDTH = 595.28;
const PAGE_HEIGHT = 841.89;
const MARGIN_X = 56;
const MARGIN_TOP = 64;
const MARGIN_BOTTOM = 64;
const BODY_SIZE = 10;
const LEADING = 14;
const TEXT_WIDTH = PAGE_WIDTH - 2 * MARGIN_X;

/** A piece of a paragraph: text (possibly bold or grey) or a redaction box. */
export type Atom =
  | { type: 'text'; text: string; bold?: boolean; grey?: boolean }
  | { type: 'box'; label: string; onPlace?: (page: number) => void };

interface Token {
  kind: 'space' | 'word' | 'box';
  runs: Run[];
  width: number;
  rtl: boolean;
  grey: boolean;
  label?: string;
  onPlace?: (page: number) => void;
}

interface PageState {
  page: PDFPage;
  fontKeys: Map<PDFFont, string>;
  /** Content-stream operators not yet written; flushed as one compressed stream when the page is finished. */
  ops: string[];
}

/** Formats a coordinate with at most two decimals (stable text, small streams). */
function num(value: number): string {
  return String(Math.round(value * 100) / 100);
}

/** Everything the PDF writer needs from the bundle. */
export interface PdfInput {
  disclosed: DisclosedConversation;
  request: BundleRequest;
  placements: ReadonlyMap<string, MediaPlacement>;
  toolName: string;
  checkpoint: (done: number) => Promise<void>;
}

/** The laid-out PDF and what the rest of the bundle needs to know about it. */
export interface PdfOutput {
  bytes: Uint8Array;
  pages: number;
  schedule: ScheduleRow[];
}

const RTL_WORD = /^[^\p{L}\p{N}]*[\p{L}\p{M}\p{N}]*$/u;

function isRtlWord(word: string): boolean {
  let sawRtl = false;
  for (const char of word) {
    if (isRtlChar(char)) sawRtl = true;
    else if (/[\p{L}]/u.test(char)) return false;
  }
  return sawRtl && RTL_WORD.test(word.replace(/[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc]/g, 'a'));
}

class Writer {
  private readonly deflate: Deflate;
  private readonly doc: PDFDocument;
  private readonly fonts: FontBook;
  private readonly encoder = new TextEncoder();
  readonly pages: PageState[] = [];
  private y = 0;

  constructor(deflate: Deflate, doc: PDFDocument, fonts: FontBook) {
    this.deflate = deflate;
    this.doc = doc;
    this.fonts = fonts;
  }

  /**
   * Writes a page's pending operators as one FlateDecode content stream. Pages are written as they are finished, so a
   * long transcript holds compressed bytes rather than millions of operator objects.
   */
  finish(state: PageState): void {
    if (state.ops.length === 0) return;
    const bytes = this.deflate(this.encoder.encode(state.ops.join('\n')));
    const stream = this.doc.context.stream(bytes, { Filter: 'FlateDecode' });
    state.page.node.addContentStream(this.doc.context.register(stream));
    state.ops = [];
  }

  get pageNumber(): number {
    return this.pages.length;
  }

  newPage(): void {
    const previous = this.pages[this.pages.length - 1];
    if (previous) this.finish(previous);
    const page = this.doc.addPage([PAGE_WIDTH, PAGE_HEIGHT]);
    this.pages.push({ page, fontKeys: new Map(), ops: [] });
    this.y = PAGE_HEIGHT - MARGIN_TOP;
  }

  /** Starts a new page unless `height` more points fit on this one. */
  ensure(height: number): void {
    if (this.pages.length === 0 || this.y - height < MARGIN_BOTTOM) this.newPage();
  }

  gap(points: number): void {
    this.y -= points;
  }

  private current(): PageState {
    const state = this.pages[this.pages.length - 1];
    if (!state) throw new Error('no page');
    return state;
  }

  private fontKey(state: PageState, font: PDFFont): string {
    let key = state.fontKeys.get(font);
    if (!key) {
      key = state.page.node.newFontDictionary(font.name, font.ref).toString();
      state.fontKeys.set(font, key);
    }
    return key;
  }

  /** Draws runs left to right from x on the baseline y; right-to-left phrases were already ordered by the caller. */
  drawRuns(state: PageState, runs: readonly Run[], x: number, y: number, size: number, gray: number): number {
    const ops: string[] = [`BT ${num(gray)} g`];
    let cursor = x;
    let drawn = false;
    for (const run of runs) {
      if (run.text.trim()) {
        ops.push(
          `${this.fontKey(state, run.face.font)} ${num(size)} Tf 1 0 0 1 ${num(cursor)} ${num(y)} Tm ${run.face.font.encodeText(run.text).toString()} Tj`,
        );
        drawn = true;
      }
      cursor += run.width * size;
    }
    if (drawn) {
      ops.push('ET');
      state.ops.push(ops.join(' '));
    }
    return cursor;
  }

  private tokenise(atoms: readonly Atom[], size: number, boxSize: number): Token[] {
    const tokens: Token[] = [];
    for (const atom of atoms) {
      if (atom.type === 'box') {
        const runs = this.fonts.runs(atom.label, true);
        const width = runs.reduce((sum, run) => sum + run.width, 0) * boxSize + 8;
        const token: Token = { kind: 'box', runs, width, rtl: false, grey: false, label: atom.label };
        if (atom.onPlace) token.onPlace = atom.onPlace;
        tokens.push(token);
        continue;
      }
      const bold = atom.bold ?? false;
      const grey = atom.grey ?? false;
      const pieces = atom.text.match(/\n|[^\S\n]+|[^\s]+/g) ?? [];
      for (const piece of pieces) {
        if (piece === '\n') {
          tokens.push({ kind: 'space', runs: [], width: -1, rtl: false, grey });
          continue;
        }
        const space = /^\s/.test(piece);
        const rtl = !space && isRtlWord(piece);
        const runs = this.fonts.runs(piece, bold, rtl);
        const width = runs.reduce((sum, run) => sum + run.width, 0) * size;
        tokens.push({ kind: space ? 'space' : 'word', runs, width, rtl, grey });
      }
    }
    return tokens;
  }

  /** Splits a word token too wide for a line into pieces that fit. */
  private splitWide(token: Token, size: number, maxWidth: number): Token[] {
    const out: Token[] = [];
    let current: Run[] = [];
    let width = 0;
    for (const run of token.runs) {
      for (const char of run.text) {
        const w = run.face.width(char) * size;
        if (width + w > maxWidth && current.length > 0) {
          out.push({ ...token, runs: current, width });
          current = [];
          width = 0;
        }
        const last = current[current.length - 1];
        if (last && last.face === run.face && last.rtl === run.rtl) {
          last.text += char;
          last.width += w / size;
        } else current.push({ text: char, face: run.face, rtl: run.rtl, width: w / size });
        width += w;
      }
    }
    if (current.length > 0) out.push({ ...token, runs: current, width });
    return out;
  }

  /** Lays out a wrapped paragraph; returns nothing, advancing the cursor. */
  paragraph(atoms: readonly Atom[], options: { size?: number; indent?: number; gray?: number } = {}): void {
    const size = options.size ?? BODY_SIZE;
    const indent = options.indent ?? 0;
    const leading = size * 1.4;
    const maxWidth = TEXT_WIDTH - indent;
    const boxSize = size - 1.5;
    const lines: Token[][] = [[]];
    let lineWidth = 0;
    let pendingSpace: Token | undefined;
    for (const raw of this.tokenise(atoms, size, boxSize)) {
      if (raw.kind === 'space' && raw.width < 0) {
        lines.push([]);
        lineWidth = 0;
        pendingSpace = undefined;
        continue;
      }
      if (raw.kind === 'space') {
        pendingSpace = raw;
        continue;
      }
      const parts = raw.width > maxWidth ? this.splitWide(raw, size, maxWidth) : [raw];
      for (const token of parts) {
        const line = lines[lines.length - 1] as Token[];
        const spaceWidth = line.length > 0 && pendingSpace ? pendingSpace.width : 0;
        if (line.length > 0 && lineWidth + spaceWidth + token.width > maxWidth) {
          lines.push([token]);
          lineWidth = token.width;
        } else {
          if (spaceWidth > 0 && pendingSpace) line.push(pendingSpace);
          line.push(token);
          lineWidth += spaceWidth + token.width;
        }
        pendingSpace = undefined;
      }
    }
    for (const line of lines) {
      this.ensure(leading);
      this.y -= leading;
      this.drawLine(line, MARGIN_X + indent, this.y + leading * 0.25, size, boxSize, options.gray ?? 0);
    }
  }

  private drawLine(line: Token[], x: number, y: number, size: number, boxSize: number, gray: number): void {
    const state = this.current();
    // Simplified bidi for a left-to-right paragraph: a run of right-to-left words (with the spaces between them) is shown
    // in reverse word order; each word's glyphs are laid out right to left by fontkit.
    const ordered: Token[] = [];
    for (let i = 0; i < line.length; ) {
      const token = line[i] as Token;
      if (!token.rtl) {
        ordered.push(token);
        i++;
        continue;
      }
      let j = i;
      while (j + 1 < line.length) {
        const next = line[j + 1] as Token;
        const after = line[j + 2];
        if (next.rtl) j++;
        else if (next.kind === 'space' && after?.rtl) j += 2;
        else break;
      }
      ordered.push(...line.slice(i, j + 1).reverse());
      i = j + 1;
    }
    let cursor = x;
    let textRuns: Run[] = [];
    let runsGrey = false;
    let runsStart = x;
    const flushText = (): void => {
      if (textRuns.length > 0) this.drawRuns(state, textRuns, runsStart, y, size, runsGrey ? 0.35 : gray);
      textRuns = [];
    };
    for (const token of ordered) {
      if (token.kind === 'box') {
        flushText();
        const height = boxSize + 4;
        state.ops.push(`q 0.15 g ${num(cursor)} ${num(y - 3)} ${num(token.width)} ${num(height)} re f Q`);
        this.drawRuns(state, token.runs, cursor + 4, y, boxSize, 1);
        token.onPlace?.(this.pageNumber);
        cursor += token.width;
        runsStart = cursor;
        continue;
      }
      if (textRuns.length > 0 && token.grey !== runsGrey) {
        flushText();
        runsStart = cursor;
      }
      if (textRuns.length === 0) {
        runsStart = cursor;
        runsGrey = token.grey;
      }
      textRuns.push(...(token.rtl && token.runs.length > 1 ? [...token.runs].reverse() : token.runs));
      cursor += token.width;
    }
    flushText();
  }

  /** Draws one line of text at an absolute position (headers, footers, table cells); returns its width. */
  textAt(
    text: string,
    x: number,
    y: number,
    size: number,
    options: { bold?: boolean; gray?: number; alignRight?: boolean } = {},
  ): number {
    const state = this.current();
    const runs = this.fonts.runs(cleanForDisplay(text).replace(/\n/g, ' '), options.bold ?? false);
    const width = runs.reduce((sum, run) => sum + run.width, 0) * size;
    this.drawRuns(state, runs, options.alignRight ? x - width : x, y, size, options.gray ?? 0);
    return width;
  }

  textAtPage(index: number, text: string, x: number, y: number, size: number, alignRight = false): void {
    const state = this.pages[index];
    if (!state) return;
    const runs = this.fonts.runs(text, false);
    const width = runs.reduce((sum, run) => sum + run.width, 0) * size;
    this.drawRuns(state, runs, alignRight ? x - width : x, y, size, 0.3);
  }

  rule(): void {
    const state = this.current();
    state.ops.push(`q 0.6 g ${num(MARGIN_X)} ${num(this.y - 4)} ${num(TEXT_WIDTH)} 0.5 re f Q`);
    this.y -= 8;
  }

  get cursorY(): number {
    return this.y;
  }

  set cursorY(value: number) {
    this.y = value;
  }
}

function coverPage(writer: Writer, input: PdfInput): void {
  const { request, disclosed } = input;
  const counts = disclosed.counts;
  writer.newPage();
  writer.paragraph([{ type: 'text', text: 'Disclosure of instant-messaging records', bold: true }], { size: 18 });
  writer.gap(6);
  writer.paragraph([{ type: 'text', text: requestTypeWords(request.type) }], { size: 12 });
  writer.gap(10);
  writer.rule();
  const rows: [string, string][] = [
    ['Organisation', request.organisation],
    ['Reference', request.reference],
    ['Request type', request.type.toUpperCase()],
    ['Date received', formatLongDate(request.received)],
    ['Date due', formatLongDate(request.due)],
    ['Date of response', formatLongDate(request.responseDate)],
    ['What was searched', request.searched],
    ['Conversation', disclosed.title],
    ['Messages in scope', String(counts.messagesInScope)],
    ['Messages disclosed', String(counts.messagesDisclosed)],
    ['Messages withheld', String(counts.messagesWithheld)],
    ['Redactions', String(counts.redactions)],
    ['Attachments disclosed', String(counts.attachmentsDisclosed)],
    ['Attachments withheld', String(counts.attachmentsWithheld)],
  ];
  for (const [label, value] of rows) {
    const top = writer.cursorY;
    writer.textAt(label, MARGIN_X, top - LEADING + 3.5, BODY_SIZE, { bold: true });
    writer.cursorY = top;
    writer.paragraph([{ type: 'text', text: cleanForDisplay(value) }], { indent: 150 });
    writer.gap(2);
  }
  writer.gap(8);
  writer.rule();
  const notes = [
    'Withheld text is shown as a dark box labelled with the exemption relied on (for example s40(2)). The withheld text is not present in this document in any form.',
    'The transcript is grouped by day; times are local times as recorded in the exported chat. Authors may be shown by a role or pseudonym.',
    'A redaction schedule at the end lists each redaction by page, message time, category and exemption.',
  ];
  for (const note of notes) {
    writer.paragraph([{ type: 'text', text: note }], { size: 9 });
    writer.gap(4);
  }
}

function messageAtoms(
  message: DisclosedMessage,
  onBox: (category: string, exemption: string, page: number) => void,
): Atom[] {
  const atoms: Atom[] = [];
  if (message.kind === 'deleted') atoms.push({ type: 'text', text: '(This message was deleted.)', grey: true });
  for (const segment of message.segments) {
    if (segment.type === 'text')
      atoms.push({ type: 'text', text: cleanForDisplay(segment.text), grey: message.kind === 'system' });
    else {
      const { category, exemption } = segment;
      atoms.push({ type: 'box', label: exemption, onPlace: (page) => onBox(category, exemption, page) });
    }
  }
  return atoms;
}

function transcript(writer: Writer, input: PdfInput, schedule: ScheduleRow[]): Promise<void> {
  const { disclosed, placements } = input;
  writer.newPage();
  writer.paragraph([{ type: 'text', text: 'Transcript', bold: true }], { size: 16 });
  writer.gap(4);
  let day = '';
  let index = 0;
  const run = async (): Promise<void> => {
    for (const message of disclosed.messages) {
      if (index % 500 === 0) await input.checkpoint(index);
      index++;
      const messageDay = dayOf(message.timestamp);
      if (messageDay !== day) {
        day = messageDay;
        writer.ensure(LEADING * 4);
        writer.gap(8);
        writer.paragraph([{ type: 'text', text: formatLongDate(day, { weekday: true }), bold: true }], { size: 12.5 });
        writer.gap(2);
      }
      writer.ensure(LEADING * 2);
      const time = timeOf(message.timestamp);
      const author = message.author ?? (message.kind === 'system' ? 'System event' : 'Unknown author');
      writer.paragraph([
        { type: 'text', text: `${time}  `, bold: true },
        { type: 'text', text: cleanForDisplay(author), bold: true, grey: message.author === null },
      ]);
      const rows = new Map<string, ScheduleRow>();
      const atoms = messageAtoms(message, (category, exemption, page) => {
        const key = `${category}\u0000${exemption}`;
        const row = rows.get(key);
        if (row) row.count++;
        else {
          const created: ScheduleRow = {
            page,
            messageId: message.id,
            messageTime: `${dayOf(message.timestamp)} ${time}`,
            category,
            exemption,
            count: 1,
          };
          rows.set(key, created);
          schedule.push(created);
        }
      });
      if (atoms.length > 0) writer.paragraph(atoms, { indent: 12 });
      for (const attachment of message.attachments) {
        const placement = attachment.mediaKey ? placements.get(`${message.id}\u0000${attachment.mediaKey}`) : undefined;
        const text = attachment.disclose
          ? placement
            ? `Attachment included: ${placement.path} (${attachment.kind}, shown in the chat as ${attachment.displayName})`
            : `Attachment disclosed but not present in the export: ${attachment.displayName} (${attachment.kind})`
          : `Attachment withheld: ${attachment.displayName} (${attachment.kind}) — ${attachment.withheldReason ?? 'withheld'}`;
        writer.paragraph([{ type: 'text', text: cleanForDisplay(text), grey: true }], { indent: 12, size: 9 });
      }
      writer.gap(5);
    }
  };
  return run();
}

function scheduleSection(writer: Writer, schedule: readonly ScheduleRow[]): void {
  writer.newPage();
  writer.paragraph([{ type: 'text', text: 'Redaction schedule', bold: true }], { size: 16 });
  writer.gap(4);
  if (schedule.length === 0) {
    writer.paragraph([{ type: 'text', text: 'No text was redacted.' }]);
    return;
  }
  const columns = [0, 45, 160, 330, 440];
  const header = (): void => {
    const y = writer.cursorY - LEADING + 3.5;
    ['Page', 'Message time', 'Category', 'Exemption', 'Count'].forEach((label, i) => {
      writer.textAt(label, MARGIN_X + (columns[i] ?? 0), y, 9.5, { bold: true });
    });
    writer.cursorY -= LEADING;
    writer.rule();
  };
  header();
  for (const row of schedule) {
    if (writer.cursorY - LEADING < MARGIN_BOTTOM) {
      writer.newPage();
      header();
    }
    const y = writer.cursorY - LEADING + 3.5;
    const cells = [String(row.page), row.messageTime, categoryWords(row.category), row.exemption, String(row.count)];
    cells.forEach((cell, i) => {
      writer.textAt(cell, MARGIN_X + (columns[i] ?? 0), y, 9.5);
    });
    writer.cursorY -= LEADING;
  }
}

/** Builds the PDF bytes (deterministic for the same input: fixed dates, no XMP, no producer URL). */
export async function buildPdf(
  deflate: Deflate,
  doc: PDFDocument,
  fonts: FontBook,
  input: PdfInput,
  fixedDate: Date,
): Promise<PdfOutput> {
  const writer = new Writer(deflate, doc, fonts);
  const schedule: ScheduleRow[] = [];
  // Stand-ins are only known after layout, so their note is added to the cover page at the end.
  coverPage(writer, input);
  await transcript(writer, input, schedule);
  scheduleSection(writer, schedule);
  if (fonts.standIns.size > 0) {
    writer.textAtPage(
      0,
      'Some characters could not be drawn with the embedded fonts and are shown as stand-ins: [emoji] for',
      MARGIN_X,
      MARGIN_BOTTOM + 24,
      8,
    );
    writer.textAtPage(
      0,
      'an emoji, [U+XXXX] (its Unicode code point) for any other character. The HTML and CSV files hold the originals.',
      MARGIN_X,
      MARGIN_BOTTOM + 14,
      8,
    );
  }
  const total = writer.pages.length;
  for (let i = 0; i < total; i++) {
    writer.textAtPage(i, input.request.reference, MARGIN_X, MARGIN_BOTTOM - 28, 8.5);
    writer.textAtPage(i, `Page ${i + 1} of ${total}`, PAGE_WIDTH - MARGIN_X, MARGIN_BOTTOM - 28, 8.5, true);
    writer.finish(writer.pages[i] as PageState);
  }
  doc.setTitle(input.request.reference, { showInWindowTitleBar: true });
  doc.setAuthor(input.request.organisation);
  doc.setSubject(`Disclosure bundle: ${requestTypeWords(input.request.type)}`);
  doc.setProducer(input.toolName);
  doc.setCreator(input.toolName);
  doc.setCreationDate(fixedDate);
  doc.setModificationDate(fixedDate);
  doc.setLanguage('en-GB');
  const bytes = await doc.save({ updateFieldAppearances: false, objectsPerTick: Number.POSITIVE_INFINITY });
  return { bytes, pages: total, schedule };
}

export type { Face };
