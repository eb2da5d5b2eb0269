/**
 * Lays out the disclosure PDF: cover page, transcript grouped by day, redaction schedule, and "Page n of N" with the
 * reference on every page. Text is drawn as real text with subsetted embedded fonts; every redaction is a filled box whose
 * label is the exemption code. Only the disclosed conversation is drawn: withheld text never reaches this module.
 */

import { formatLongDate } from '@im-records/records-policy';
import type { DisclosedConversation, DisclosedMessage } from '@im-records/redaction';
import type { PDFDocument, PDFFont, PDFPage } from 'pdf-lib';
import { analyse, type Bidi, visualOrder } from './bidi.ts';
import type { Face, FontBook, Run } from './fonts.ts';
import type { MediaPlacement } from './media.ts';
import { inSectionOrder, sectionsOf } from './sections.ts';
import { categoryWords, cleanForDisplay, dayOf, requestTypeWords, timeOf, unreadableMark } from './text.ts';
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

/** A piece of a word (or a space, or a box) at one bidi embedding level, measured. */
interface Piece {
  runs: Run[];
  width: number;
  level: number;
  /** A redaction box: drawn as a dark box with this label. */
  box?: { label: string; onPlace?: (page: number) => void };
}

/** What line breaking sees: a word (its pieces stay together), a space, or a hard line break. */
interface Token {
  kind: 'space' | 'word' | 'break';
  pieces: Piece[];
  width: number;
  grey: boolean;
  /** Offset in the paragraph's text, for the base level of the line it starts. */
  at: number;
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

class Writer {
  private readonly deflate: Deflate;
  private readonly doc: PDFDocument;
  private readonly fonts: FontBook;
  private readonly bidi: Bidi;
  private readonly encoder = new TextEncoder();
  readonly pages: PageState[] = [];
  private y = 0;

  constructor(deflate: Deflate, doc: PDFDocument, fonts: FontBook, bidi: Bidi) {
    this.deflate = deflate;
    this.doc = doc;
    this.fonts = fonts;
    this.bidi = bidi;
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

  /**
   * Splits a paragraph into tokens for line breaking, each word cut into pieces of one bidi embedding level (so "3"
   * inside an Arabic sentence is its own left-to-right piece) and measured with the faces that draw it. Brackets in a
   * right-to-left run are mirrored first. A box is one neutral character (U+FFFC) to the algorithm.
   */
  private tokenise(atoms: readonly Atom[], size: number, boxSize: number, direction: 'ltr' | 'auto') {
    let text = '';
    const parts: { atom: Atom; start: number; end: number }[] = [];
    for (const atom of atoms) {
      const start = text.length;
      text += atom.type === 'box' ? '\ufffc' : atom.text;
      parts.push({ atom, start, end: text.length });
    }
    const analysed = analyse(this.bidi, text, direction);
    const tokens: Token[] = [];
    for (const { atom, start } of parts) {
      if (atom.type === 'box') {
        const runs = this.fonts.runs(atom.label, true);
        const width = runs.reduce((sum, run) => sum + run.width, 0) * boxSize + 8;
        const piece: Piece = { runs, width, level: analysed.levels[start] ?? 0, box: { label: atom.label } };
        if (atom.onPlace) (piece.box as { onPlace?: (page: number) => void }).onPlace = atom.onPlace;
        tokens.push({ kind: 'word', pieces: [piece], width, grey: false, at: start });
        continue;
      }
      const bold = atom.bold ?? false;
      const grey = atom.grey ?? false;
      for (const match of atom.text.matchAll(/\n|[^\S\n]+|[^\s]+/g)) {
        const at = start + match.index;
        if (match[0] === '\n') {
          tokens.push({ kind: 'break', pieces: [], width: 0, grey, at });
          continue;
        }
        const pieces: Piece[] = [];
        let from = at;
        const end = at + match[0].length;
        while (from < end) {
          const level = analysed.levels[from] ?? 0;
          let to = from + 1;
          while (to < end && analysed.levels[to] === level) to++;
          const piece = analysed.mirrored.slice(from, to);
          const runs = this.fonts.runs(piece, bold, level % 2 === 1);
          pieces.push({ runs, width: runs.reduce((sum, run) => sum + run.width, 0) * size, level });
          from = to;
        }
        const width = pieces.reduce((sum, piece) => sum + piece.width, 0);
        tokens.push({ kind: /^\s/.test(match[0]) ? 'space' : 'word', pieces, width, grey, at });
      }
    }
    return { tokens, analysed };
  }

  /** Splits a word token too wide for a line into pieces that fit. */
  private splitWide(token: Token, size: number, maxWidth: number): Token[] {
    const out: Token[] = [];
    let current: Piece[] = [];
    let width = 0;
    const push = (): void => {
      out.push({ ...token, pieces: current, width });
      current = [];
      width = 0;
    };
    for (const piece of token.pieces) {
      if (piece.box) {
        if (width + piece.width > maxWidth && current.length > 0) push();
        current.push(piece);
        width += piece.width;
        continue;
      }
      for (const run of piece.runs) {
        for (const char of run.text) {
          const w = run.face.width(char) * size;
          if (width + w > maxWidth && current.length > 0) push();
          const last = current[current.length - 1];
          const lastRun = last?.runs[last.runs.length - 1];
          if (last && !last.box && last.level === piece.level && lastRun && lastRun.face === run.face) {
            lastRun.text += char;
            lastRun.width += w / size;
            last.width += w;
          } else {
            current.push({ runs: [{ ...run, text: char, width: w / size }], width: w, level: piece.level });
          }
          width += w;
        }
      }
    }
    if (current.length > 0) push();
    return out;
  }

  /**
   * Lays out a wrapped paragraph, advancing the cursor. Lines are broken in logical order, then each line is drawn in
   * visual order by the bidi algorithm and aligned by its paragraph's direction: a right-to-left paragraph to the right.
   * `direction`: `auto` (the default) takes it from the first strong character, as a message's text needs.
   */
  paragraph(
    atoms: readonly Atom[],
    options: { size?: number; indent?: number; gray?: number; direction?: 'ltr' | 'auto' } = {},
  ): void {
    const size = options.size ?? BODY_SIZE;
    const indent = options.indent ?? 0;
    const leading = size * 1.4;
    const maxWidth = TEXT_WIDTH - indent;
    const boxSize = size - 1.5;
    const { tokens, analysed } = this.tokenise(atoms, size, boxSize, options.direction ?? 'auto');
    const lines: { tokens: Token[]; at: number }[] = [{ tokens: [], at: 0 }];
    let lineWidth = 0;
    let pendingSpace: Token | undefined;
    for (const raw of tokens) {
      if (raw.kind === 'break') {
        lines.push({ tokens: [], at: raw.at + 1 });
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
        const line = lines[lines.length - 1] as { tokens: Token[]; at: number };
        const spaceWidth = line.tokens.length > 0 && pendingSpace ? pendingSpace.width : 0;
        if (line.tokens.length > 0 && lineWidth + spaceWidth + token.width > maxWidth) {
          lines.push({ tokens: [token], at: token.at });
          lineWidth = token.width;
        } else {
          if (line.tokens.length === 0) line.at = token.at;
          if (spaceWidth > 0 && pendingSpace) line.tokens.push(pendingSpace);
          line.tokens.push(token);
          lineWidth += spaceWidth + token.width;
        }
        pendingSpace = undefined;
      }
    }
    for (const line of lines) {
      this.ensure(leading);
      this.y -= leading;
      const rtl = analysed.baseLevelAt(line.at) % 2 === 1;
      this.drawLine(line.tokens, indent, rtl, this.y + leading * 0.25, size, boxSize, options.gray ?? 0);
    }
  }

  private drawLine(
    line: Token[],
    indent: number,
    rtl: boolean,
    y: number,
    size: number,
    boxSize: number,
    gray: number,
  ): void {
    const state = this.current();
    const pieces: { piece: Piece; grey: boolean }[] = [];
    for (const token of line) for (const piece of token.pieces) pieces.push({ piece, grey: token.grey });
    const order = visualOrder(pieces.map(({ piece }) => piece.level));
    const width = pieces.reduce((sum, { piece }) => sum + piece.width, 0);
    let cursor = rtl ? MARGIN_X + TEXT_WIDTH - width : MARGIN_X + indent;
    let textRuns: Run[] = [];
    let runsGrey = false;
    let runsStart = cursor;
    const flushText = (): void => {
      if (textRuns.length > 0) this.drawRuns(state, textRuns, runsStart, y, size, runsGrey ? 0.35 : gray);
      textRuns = [];
    };
    for (const index of order) {
      const { piece, grey } = pieces[index] as { piece: Piece; grey: boolean };
      if (piece.box) {
        flushText();
        const height = boxSize + 4;
        state.ops.push(`q 0.15 g ${num(cursor)} ${num(y - 3)} ${num(piece.width)} ${num(height)} re f Q`);
        this.drawRuns(state, piece.runs, cursor + 4, y, boxSize, 1);
        piece.box.onPlace?.(this.pageNumber);
        cursor += piece.width;
        runsStart = cursor;
        continue;
      }
      if (textRuns.length > 0 && grey !== runsGrey) {
        flushText();
        runsStart = cursor;
      }
      if (textRuns.length === 0) {
        runsStart = cursor;
        runsGrey = grey;
      }
      // A right-to-left piece drawn with several faces: the faces' runs go right to left too.
      textRuns.push(...(piece.level % 2 === 1 && piece.runs.length > 1 ? [...piece.runs].reverse() : piece.runs));
      cursor += piece.width;
    }
    flushText();
  }

  /** The width one line of text would have at this size, as {@link textAt} would draw it. */
  widthOf(text: string, size: number, bold = false): number {
    return (
      this.fonts.runs(cleanForDisplay(text).replace(/\n/g, ' '), bold).reduce((sum, run) => sum + run.width, 0) * size
    );
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

const disclosed = (input: PdfInput): DisclosedConversation => input.disclosed;

/**
 * Schedule rows for redactions in the chats' titles (printed on the cover, page 1, with the names as pseudonyms): they
 * count as redactions like any other, so the schedule adds up to the count on the cover.
 */
function titleRedactions(conversation: DisclosedConversation): ScheduleRow[] {
  const rows: ScheduleRow[] = [];
  for (const [i, section] of (conversation.sections ?? []).entries()) {
    const counts = new Map<string, ScheduleRow>();
    for (const segment of section.segments) {
      if (segment.type !== 'redaction') continue;
      const key = `${segment.category}\u0000${segment.exemption}`;
      const row = counts.get(key);
      if (row) row.count++;
      else {
        const created: ScheduleRow = {
          page: 1,
          messageId: `title:${i + 1}`,
          messageTime: (conversation.sections?.length ?? 0) > 1 ? `title of conversation ${i + 1}` : 'chat title',
          category: segment.category,
          exemption: segment.exemption,
          count: 1,
        };
        counts.set(key, created);
        rows.push(created);
      }
    }
  }
  return rows;
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
    ...sectionsOf(disclosed).map((section, i, all): [string, string] => [
      all.length > 1 ? `Conversation ${i + 1} of ${all.length}` : 'Conversation',
      section.title,
    ]),
    ['Messages in scope', String(counts.messagesInScope)],
    ['Messages disclosed', String(counts.messagesDisclosed)],
    ['Messages outside the request', String(counts.messagesWithheld)],
    ['Redactions', String(counts.redactions)],
    ['Attachments disclosed', String(counts.attachmentsDisclosed)],
    ['Attachments withheld', String(counts.attachmentsWithheld)],
  ];
  // The values start clear of the widest label ("Messages outside the request" is 170 points in bold): a fixed 150
  // drew its count over the label's last letters.
  const indent = Math.max(
    150,
    Math.ceil(Math.max(...rows.map(([label]) => writer.widthOf(label, BODY_SIZE, true)))) + 12,
  );
  for (const [label, value] of rows) {
    const top = writer.cursorY;
    writer.textAt(label, MARGIN_X, top - LEADING + 3.5, BODY_SIZE, { bold: true });
    writer.cursorY = top;
    writer.paragraph([{ type: 'text', text: cleanForDisplay(value) }], { indent });
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
  if (message.unreadable) atoms.push({ type: 'text', text: `(${unreadableMark(message.unreadable)}) `, grey: true });
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
  const sections = sectionsOf(disclosed);
  let section: string | undefined;
  const run = async (): Promise<void> => {
    for (const message of inSectionOrder(disclosed)) {
      if (index % 500 === 0) await input.checkpoint(index);
      index++;
      if (sections.length > 1 && (message.section ?? '') !== section) {
        // Each conversation of the case has its own section, its days counted afresh.
        section = message.section ?? '';
        const at = sections.findIndex((candidate) => candidate.key === section);
        writer.ensure(LEADING * 6);
        writer.gap(10);
        writer.paragraph(
          [
            { type: 'text', text: `Conversation ${at + 1} of ${sections.length}: `, bold: true },
            { type: 'text', text: cleanForDisplay(sections[at]?.title ?? ''), bold: true },
          ],
          { size: 14, direction: 'ltr' },
        );
        day = '';
      }
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
      writer.paragraph(
        [
          { type: 'text', text: `${time}  `, bold: true },
          { type: 'text', text: cleanForDisplay(author), bold: true, grey: message.author === null },
        ],
        { direction: 'ltr' },
      );
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
  bidi: Bidi,
  input: PdfInput,
  fixedDate: Date,
): Promise<PdfOutput> {
  const writer = new Writer(deflate, doc, fonts, bidi);
  const schedule: ScheduleRow[] = [];
  // Stand-ins are only known after layout, so their note is added to the cover page at the end.
  coverPage(writer, input);
  schedule.push(...titleRedactions(disclosed(input)));
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
