/**
 * WhatsApp "Export chat" text (iOS `[date, time] Author: text`, Android `date, time - Author: text`, legacy
 * `date time: Author: text`), plain or in a zip with its media.
 *
 * Two passes over the text's bytes, without regular expressions on the hot path: pass 1 (`header.ts`) finds every
 * header and records its numbers; the layout most headers use and the day/month order are then decided from the whole
 * file (`layout.ts`); pass 2 (`messages.ts`) cuts messages between headers of that layout, so a pasted line in another
 * layout stays inside its message (with a warning) instead of splitting it. This module chooses the chat file, runs
 * the passes and finishes with the chat's title and the warnings about the whole file.
 */
import { replacedNote } from '../../decode.ts';
import { ChatSelectionError, UnsupportedFormatError } from '../../errors.ts';
import { MediaIndex } from '../../media.ts';
import type { ArchiveEntry } from '../../zip.ts';
import type { Detection, FormatImporter, ImportInput, ParseContext, ParseResult } from '../contract.ts';
import { Candidates, findHeaders, headerFields, scanHeader } from './header.ts';
import { decideLayout, dominantSignature, orderDoubtMessage } from './layout.ts';
import { cutMessages } from './messages.ts';
import { CHAT_FILE, CHAT_FILE_TITLE, YOU } from './phrases.ts';
import { ENCODER } from './utf8.ts';

/** Counts how many of the first non-empty lines of a text sample start with a WhatsApp header. */
export function headerShare(sample: string): { headers: number; lines: number; firstIsHeader: boolean } {
  const lines = sample.split('\n').slice(0, 40);
  if (sample.length >= 8000 && lines.length > 1) lines.pop();
  const fields = headerFields();
  let headers = 0;
  let counted = 0;
  let firstIsHeader = false;
  for (const raw of lines) {
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (line.trim() === '') continue;
    const bytes = ENCODER.encode(line);
    const ok = scanHeader(bytes, 0, bytes.length, fields) >= 0;
    if (counted === 0) firstIsHeader = ok;
    counted++;
    if (ok) headers++;
  }
  return { headers, lines: counted, firstIsHeader };
}

/** Whether a text sample reads as a WhatsApp export: its first line a header, or half its lines. */
function looksLikeChat(share: ReturnType<typeof headerShare>): boolean {
  return share.headers > 0 && (share.firstIsHeader || share.headers * 2 >= share.lines);
}

/** The entries that may be the chat: those named like one, else text files that read like one. */
function chatEntries(input: ImportInput): ArchiveEntry[] {
  const named = input.entries.filter((e) => CHAT_FILE.test(e.path));
  if (named.length > 0) return named;
  return input.entries.filter((e) => {
    if (input.fromZip && !/\.txt$/i.test(e.path)) return false;
    return looksLikeChat(headerShare(input.peek(e, 8000)));
  });
}

/** The chat's name in an export's file name ("WhatsApp Chat with Ward 7.zip" → "Ward 7"), if it has one. */
function titleFromName(name: string): string | undefined {
  const base = name.slice(name.lastIndexOf('/') + 1).replace(/\.(txt|zip)$/i, '');
  return CHAT_FILE_TITLE.exec(base)?.[1]?.trim();
}

function chooseError(available: string[], fileName: string, chosen: string | undefined): ChatSelectionError {
  return new ChatSelectionError(
    available.length === 0
      ? `${fileName} holds no WhatsApp chat text file.`
      : chosen
        ? `No chat in ${fileName} matches '${chosen}'. Available: ${available.join(', ')}.`
        : `${fileName} holds ${available.length} WhatsApp chats; choose one with the chat option (--chat). Available: ${available.join(', ')}.`,
    available,
  );
}

/** The chat file to read: the only one, or the one the caller chose among several. */
function chooseEntry(input: ImportInput, chosen: string | undefined): ArchiveEntry {
  const candidates = chatEntries(input);
  let entry: ArchiveEntry | undefined;
  if (candidates.length === 1 || (!input.fromZip && candidates.length > 0)) entry = candidates[0];
  else if (candidates.length === 0) entry = input.entries.find((e) => /\.txt$/i.test(e.path));
  else {
    entry = chosen
      ? candidates.find((e) => e.path === chosen || titleFromName(e.path) === chosen || e.path.includes(chosen))
      : undefined;
    if (!entry) {
      throw chooseError(
        candidates.map((e) => e.path),
        input.fileName,
        chosen,
      );
    }
  }
  if (!entry) throw chooseError([], input.fileName, chosen);
  return entry;
}

async function parseWhatsApp(context: ParseContext): Promise<ParseResult> {
  const { input, options, sink, notes } = context;
  const entry = chooseEntry(input, options.chat);
  const file = input.fromZip ? entry.path : input.fileName;
  const { bytes, encoding, replaced } = input.utf8(entry);

  // Pass 1: find header candidates, then decide the layout and the date order from the whole file.
  const cand = new Candidates(Math.min(Math.ceil(bytes.length / 64), 1 << 22));
  const scanned = findHeaders(bytes, options.limits.maxLineLength, cand, context.checkAbort);
  sink.linesRead += scanned.lines;
  const dominant = dominantSignature(cand);
  if (dominant < 0) {
    throw new UnsupportedFormatError(
      `${file} has no line that starts with a WhatsApp date and time, so it is not a WhatsApp export.`,
      ['whatsapp: no message header found'],
    );
  }
  const layout = decideLayout(cand, dominant, options.dateOrder);
  const doubt = orderDoubtMessage(layout);
  if (doubt) notes.push({ line: 0, file, code: 'date-order', message: doubt });

  await context.pause();

  // Pass 2: cut messages between headers of the dominant layout.
  const media = new MediaIndex(input.entries, new Set([entry.path]));
  const fromName = titleFromName(input.fileName) ?? titleFromName(entry.path);
  const cut = cutMessages(
    {
      bytes,
      file,
      replaced,
      sink,
      notes,
      media,
      maxLine: options.limits.maxLineLength,
      title: fromName,
      checkAbort: context.checkAbort,
    },
    cand,
    scanned.giant,
    layout,
    scanned.lines,
  );
  noteBadLines(cut.badLines, replaced, encoding, input, entry, file, notes);
  noteUnreadableHeaders(scanned.unreadableHeaders, file, notes);
  const title = fromName || cut.titleFromChat || titleFromPeople(sink, input.fileName);
  const unreferenced = media.unreferenced();
  if (input.fromZip && unreferenced > 0) {
    notes.push({
      line: 0,
      file: input.fileName,
      message: `${unreferenced === 1 ? '1 file' : `${unreferenced} files`} in the export ${unreferenced === 1 ? 'is' : 'are'} not attached to any message, so ${unreferenced === 1 ? 'it was' : 'they were'} left out.`,
    });
  }
  return { title, variant: layout.variant, media: media.used };
}

/** A chat without a name anywhere is named after the people in it (up to three, not the phone's owner), or its file. */
function titleFromPeople(sink: ParseContext['sink'], fileName: string): string {
  const table = sink.table;
  const others = table
    .authorsByAppearance()
    .order.map((a) => table.authors[a] as string)
    .filter((a) => !YOU.includes(a));
  return others.length > 0 && others.length <= 3 ? others.join(', ') : fileName.replace(/\.(txt|zip)$/i, '');
}

/** How many lines that look like a message's start but cannot be read are reported one by one. */
const UNREADABLE_HEADERS_LISTED = 20;

/**
 * One warning per line that looks like a message's start but whose date or time cannot be read ("31/02/2024, 99:99 -
 * …", an export edited by hand or damaged): its text stays in the message before it, and the officer is told where.
 */
function noteUnreadableHeaders(pairs: (number | string)[], file: string, notes: ParseContext['notes']): void {
  const count = pairs.length / 2;
  for (let k = 0; k < Math.min(count, UNREADABLE_HEADERS_LISTED); k++) {
    const line = pairs[2 * k] as number;
    notes.push({
      line,
      file,
      message: `Line ${line} looks like the start of a message, but its date and time ("${pairs[2 * k + 1]}") cannot be read, so it was kept as part of the message above it. Check it in the original export.`,
    });
  }
  if (count > UNREADABLE_HEADERS_LISTED) {
    notes.push({
      line: pairs[2 * UNREADABLE_HEADERS_LISTED] as number,
      file,
      message: `${count - UNREADABLE_HEADERS_LISTED} more lines look like the start of a message but their date and time cannot be read; each was kept as part of the message before it.`,
    });
  }
}

/** One warning per line with unreadable characters, and one for the file unless decoding it already said so. */
function noteBadLines(
  badLines: number[],
  replaced: boolean,
  encoding: Parameters<typeof replacedNote>[1],
  input: ImportInput,
  entry: ArchiveEntry,
  file: string,
  notes: ParseContext['notes'],
): void {
  if (badLines.length === 0) return;
  if (!replaced) {
    notes.push({
      line: 0,
      file,
      message: replacedNote(input.fromZip ? `${input.fileName}:${entry.path}` : input.fileName, encoding),
    });
  }
  badLines.sort((x, y) => x - y);
  let last = -1;
  for (const bad of badLines) {
    if (bad === last) continue;
    last = bad;
    notes.push({
      line: bad,
      file,
      message: `Line ${bad} has characters that could not be read; they are shown as \ufffd.`,
    });
  }
}

/** The WhatsApp importer (see the module comment). */
export const whatsapp: FormatImporter = {
  format: 'whatsapp',
  detect(input: ImportInput): Detection {
    const named = input.entries.filter((e) => CHAT_FILE.test(e.path));
    if (named.length > 0) return { score: 0.95, reason: `chat file ${named[0]?.path}` };
    for (const entry of input.entries) {
      if (input.fromZip && !/\.txt$/i.test(entry.path)) continue;
      const share = headerShare(input.peek(entry, 8000));
      if (looksLikeChat(share)) {
        return {
          score: 0.5 + (0.4 * share.headers) / share.lines,
          reason: `${share.headers} of the first ${share.lines} lines start with a WhatsApp date and time`,
        };
      }
    }
    return {
      score: 0,
      reason:
        'no line starts with a WhatsApp date and time ("12/07/2017, 22:35 - Name: text" or "[12/07/2017, 22:35:01] Name: text")',
    };
  },
  parse: parseWhatsApp,
};
