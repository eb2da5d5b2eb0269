/**
 * The byte route: reading a message's text from the export's bytes, without decoding it, when nothing in it needs
 * reading as text. About nine messages in ten of a ward chat are plain (well-formed UTF-8, no carriage return, and
 * none of the forms `classify.ts` looks for), and become a row that points at their bytes, hashed for their id in the
 * same scan. The rules here are the byte forms of `classify.ts`'s: each is made from the same phrase list
 * (`phrases.ts`), and a text any rule might apply to goes the long way, through decoding and classification. So the
 * two routes always agree (the property tests in `whatsapp.test.ts` read every text both ways).
 */
import { finishLane1, finishLane2, TEXT_P1, TEXT_P2, TEXT_SEED1, TEXT_SEED2_M } from '../../hash.ts';
import { kindFromFileName, type MediaIndex } from '../../media.ts';
import type { Attachment } from '../../model.ts';
import {
  ANDROID_PLACEHOLDER_BYTES,
  DELETED_FIRST,
  DELETED_MAX_LENGTH,
  FILE_ATTACHED,
  NOTICE_STARTS,
  PLACEHOLDER_ENDINGS,
  POLL_HEADINGS,
  QUOTE_CODES,
  QUOTE_MARKS,
  WA_MEDIA_NAME,
} from './phrases.ts';
import { bytesAt, ENCODER, LENIENT, startsWithBytes } from './utf8.ts';

/** A carriage return: the text's line ends are rewritten. */
export const FLAG_CR = 1;
/** A "<": iOS attachments, Android placeholders and edited markers. */
export const FLAG_LT = 2;
/** A line feed: the text has several lines (forms that look at the first line find where it ends). */
export const FLAG_LF = 4;
/** A "?": a map link. */
export const FLAG_QUESTION = 8;
/** A quotation mark: a system line with one may name the chat (see `TITLE_PATTERNS`). */
export const FLAG_QUOTE = 16;
/** Every flag: a text whose bytes were not looked at. */
export const ALL_FLAGS = 31;
/** Flags that send a text the long way wherever they are. */
const QUICK_FLAGS = FLAG_CR | FLAG_LT | FLAG_QUESTION;
/** The flag of each byte value (bytes of multi-byte characters are none of these). */
const TEXT_CLASS = new Uint8Array(256);
TEXT_CLASS[13] = FLAG_CR;
TEXT_CLASS[60] = FLAG_LT;
TEXT_CLASS[10] = FLAG_LF;
TEXT_CLASS[63] = FLAG_QUESTION;
for (const mark of QUOTE_MARKS) if (mark.charCodeAt(0) < 0x80) TEXT_CLASS[mark.charCodeAt(0)] = FLAG_QUOTE;

/** Opening bytes of the texts the byte route leaves to classification: polls, and encryption and business notices. */
const NOTICE_PREFIXES = [...POLL_HEADINGS, ...NOTICE_STARTS].map((start) => ENCODER.encode(start));
/** First bytes of {@link NOTICE_PREFIXES}, so most texts are passed without comparing prefixes. */
const NOTICE_FIRST = new Uint8Array(128);
for (const prefix of NOTICE_PREFIXES) NOTICE_FIRST[prefix[0] as number] = 1;

/** The last three characters of a first line as one number (ASCII only), a cheap filter for placeholder endings. */
const tailKey = (a: number, b: number, c: number): number => (a << 16) ^ (b << 8) ^ c;
/** Tail keys of {@link PLACEHOLDER_ENDINGS}. */
export const PLACEHOLDER_TAILS: ReadonlySet<number> = new Set(
  PLACEHOLDER_ENDINGS.map((e) =>
    tailKey(e.charCodeAt(e.length - 3), e.charCodeAt(e.length - 2), e.charCodeAt(e.length - 1)),
  ),
);

/** Whether a string's first line, [0, end), may end in a placeholder ending (the string form of the byte test). */
export function mayEndInPlaceholder(text: string, end: number): boolean {
  if (end < 3) return false;
  return PLACEHOLDER_TAILS.has(tailKey(text.charCodeAt(end - 3), text.charCodeAt(end - 2), text.charCodeAt(end - 1)));
}

/**
 * What the byte route found in a text. One per parse, refilled by each call of {@link scanText}, {@link plainText} and
 * {@link androidAttachment} (a result object, so a million calls allocate nothing).
 */
export class TextScan {
  /** False when the scan stopped at a pair of bytes holding a non-ASCII one (at {@link TextScan.stop}). */
  ascii = true;
  /** The {@link TEXT_CLASS} flags of the bytes scanned (the whole text after a `true` from {@link plainText}). */
  flags = 0;
  /** Where a non-ASCII text's scan stopped (an even number of bytes from its start). */
  stop = 0;
  /** The hash state where the scan stopped: the first lane, and the second as `m` (see `TEXT_SEED2_M`). */
  h1 = 0;
  m = 0;
  /** The text's hash lanes, as `hashText` makes them from the decoded text (when the scan was complete). */
  lane1 = 0;
  lane2 = 0;
  /** Where the caption of the attachment {@link androidAttachment} read starts (its end is the text's). */
  caption = 0;
}

/**
 * Scans text bytes [a, e) once while they are ASCII, hashing them with the steps of `hashText` two at a time (an
 * ASCII byte is its UTF-16 code unit) and collecting their flags. At the first pair holding a non-ASCII byte it stops,
 * leaving where and the hash state there (a UTF-8 text's ASCII start hashes the same, so {@link plainText} goes on from
 * it); the flags then cover only the bytes before the stop.
 */
export function scanText(b: Uint8Array, a: number, e: number, scan: TextScan): void {
  let flags = 0;
  let h1 = TEXT_SEED1;
  let m = TEXT_SEED2_M;
  let i = a;
  for (; i + 1 < e; i += 2) {
    const c0 = b[i] as number;
    const c1 = b[i + 1] as number;
    if ((c0 | c1) >= 0x80) break;
    flags |= (TEXT_CLASS[c0] as number) | (TEXT_CLASS[c1] as number);
    const x = c0 | (c1 << 16);
    h1 = Math.imul(h1 ^ x, TEXT_P1);
    m = Math.imul(m ^ x ^ (m >>> 15), TEXT_P2);
  }
  scan.flags = flags;
  if (i + 1 < e || (i < e && (b[i] as number) >= 0x80)) {
    scan.ascii = false;
    scan.stop = i;
    scan.h1 = h1;
    scan.m = m;
    return;
  }
  if (i < e) {
    const c = b[i] as number;
    scan.flags |= TEXT_CLASS[c] as number;
    h1 = Math.imul(h1 ^ c, TEXT_P1);
    m = Math.imul(m ^ c ^ (m >>> 15), TEXT_P2);
  }
  scan.ascii = true;
  scan.lane1 = finishLane1(h1, e - a);
  scan.lane2 = finishLane2(m ^ (m >>> 15), e - a);
}

/** The flags of the bytes of [from, e) (non-ASCII bytes have none), for a text {@link scanText} stopped in. */
export function flagsFrom(b: Uint8Array, from: number, e: number): number {
  let flags = 0;
  for (let i = from; i < e; i++) flags |= TEXT_CLASS[b[i] as number] as number;
  return flags;
}

/**
 * True when an author's text [a, e) can be kept as it stands, which is what classification would conclude after
 * decoding it: well-formed UTF-8 without U+FFFD, no carriage return, no "<" or "?" (attachment and map forms), not
 * ending in ">" (edited marker) or its first line in an Android attachment's ending or a placeholder's, and not
 * starting like a deleted-message notice, a poll or a notice. Then `scan` holds the text's flags and hash lanes.
 */
export function plainText(b: Uint8Array, a: number, e: number, scan: TextScan): boolean {
  const size = e - a;
  if (size <= 0 || size > 2000) return false;
  scanText(b, a, e, scan);
  // A non-ASCII text (emoji, accents) goes on from where the ASCII scan stopped, with its hash so far.
  if (!scan.ascii) return plainUtf8(b, a, e, scan);
  return (scan.flags & QUICK_FLAGS) === 0 && plainShape(b, a, e, scan.flags, size);
}

/**
 * The checks of {@link plainText} that look at the text's ends: `units` is its length in UTF-16 code units. The first
 * byte and the last bytes of the first line must be ASCII (a leading mark or a non-ASCII ending goes the long way).
 */
function plainShape(b: Uint8Array, a: number, e: number, flags: number, units: number): boolean {
  if (b[e - 1] === 62 /* > */ || !plainStart(b, a, e, units)) return false;
  let firstEnd = e;
  if (flags & FLAG_LF) {
    const nl = b.indexOf(10, a);
    if (nl >= 0 && nl < e) firstEnd = nl;
  }
  if (firstEnd > a && b[firstEnd - 1] === 41 /* ) */ && androidBracket(b, a, firstEnd) >= 0) return false;
  if (firstEnd - a >= 3) {
    const t0 = b[firstEnd - 3] as number;
    const t1 = b[firstEnd - 2] as number;
    const t2 = b[firstEnd - 1] as number;
    // An ending that might be a placeholder's (whatever the line's length) is read the long way. Those endings are
    // ASCII, so a line ending in another character (an emoji, say) is not one.
    if ((t0 | t1 | t2) < 0x80 && PLACEHOLDER_TAILS.has(tailKey(t0, t1, t2))) return false;
  }
  return true;
}

/**
 * The start checks of {@link plainShape}: an ASCII first byte, and not the start of a deleted-message notice, a poll
 * or a notice (`units`: the text's length in UTF-16 code units).
 */
function plainStart(b: Uint8Array, a: number, e: number, units: number): boolean {
  const c0 = b[a] as number;
  if (c0 >= 0x80) return false;
  if (units < DELETED_MAX_LENGTH && DELETED_FIRST.has(c0)) return false;
  if (NOTICE_FIRST[c0] === 1 && startsWithBytes(b, a, e, NOTICE_PREFIXES)) return false;
  return true;
}

/**
 * {@link plainText} for text with non-ASCII characters, from where {@link scanText} stopped: the bytes must be
 * well-formed UTF-8 without U+FFFD, and are hashed as the UTF-16 code units they decode to, two at a time, exactly as
 * `hashText` hashes the decoded string.
 */
function plainUtf8(b: Uint8Array, a: number, e: number, scan: TextScan): boolean {
  // [a, from) is ASCII, already hashed into h1 and m, an even number of units.
  const from = scan.stop;
  let h1 = scan.h1;
  let m = scan.m;
  let flags = scan.flags;
  let units = from - a;
  let held = -1;
  let i = from;
  while (i < e) {
    const c = b[i] as number;
    // Two ASCII bytes on a pair boundary: one step, as in scanText (most of such a text is ASCII).
    if (c < 0x80 && held < 0 && i + 1 < e && (b[i + 1] as number) < 0x80) {
      const c1 = b[i + 1] as number;
      flags |= (TEXT_CLASS[c] as number) | (TEXT_CLASS[c1] as number);
      const x = c | (c1 << 16);
      h1 = Math.imul(h1 ^ x, TEXT_P1);
      m = Math.imul(m ^ x ^ (m >>> 15), TEXT_P2);
      units += 2;
      i += 2;
      continue;
    }
    let cp: number;
    if (c < 0x80) {
      flags |= TEXT_CLASS[c] as number;
      cp = c;
      i++;
    } else if (c >= 0xc2 && c <= 0xdf) {
      const c1 = i + 1 < e ? (b[i + 1] as number) : 0;
      if ((c1 & 0xc0) !== 0x80) return false;
      cp = ((c & 0x1f) << 6) | (c1 & 0x3f);
      i += 2;
    } else if (c >= 0xe0 && c <= 0xef) {
      const c1 = i + 1 < e ? (b[i + 1] as number) : 0;
      const c2 = i + 2 < e ? (b[i + 2] as number) : 0;
      if ((c1 & 0xc0) !== 0x80 || (c2 & 0xc0) !== 0x80) return false;
      cp = ((c & 0x0f) << 12) | ((c1 & 0x3f) << 6) | (c2 & 0x3f);
      if (cp < 0x800 || (cp >= 0xd800 && cp <= 0xdfff) || cp === 0xfffd) return false;
      if (QUOTE_CODES.has(cp)) flags |= FLAG_QUOTE;
      i += 3;
    } else if (c >= 0xf0 && c <= 0xf4) {
      const c1 = i + 1 < e ? (b[i + 1] as number) : 0;
      const c2 = i + 2 < e ? (b[i + 2] as number) : 0;
      const c3 = i + 3 < e ? (b[i + 3] as number) : 0;
      if ((c1 & 0xc0) !== 0x80 || (c2 & 0xc0) !== 0x80 || (c3 & 0xc0) !== 0x80) return false;
      cp = ((c & 0x07) << 18) | ((c1 & 0x3f) << 12) | ((c2 & 0x3f) << 6) | (c3 & 0x3f);
      if (cp < 0x10000 || cp > 0x10ffff) return false;
      i += 4;
    } else {
      return false;
    }
    // One or two UTF-16 units, hashed in pairs.
    const count = cp < 0x10000 ? 1 : 2;
    for (let u = 0; u < count; u++) {
      const unit = count === 1 ? cp : u === 0 ? 0xd800 + ((cp - 0x10000) >> 10) : 0xdc00 + ((cp - 0x10000) & 0x3ff);
      units++;
      if (held < 0) {
        held = unit;
      } else {
        const x = held | (unit << 16);
        h1 = Math.imul(h1 ^ x, TEXT_P1);
        m = Math.imul(m ^ x ^ (m >>> 15), TEXT_P2);
        held = -1;
      }
    }
  }
  if (held >= 0) {
    h1 = Math.imul(h1 ^ held, TEXT_P1);
    m = Math.imul(m ^ held ^ (m >>> 15), TEXT_P2);
  }
  if (flags & QUICK_FLAGS) return false;
  if (!plainShape(b, a, e, flags, units)) return false;
  scan.flags = flags;
  scan.lane1 = finishLane1(h1, units);
  scan.lane2 = finishLane2(m ^ (m >>> 15), units);
  return true;
}

/**
 * For a first line [a, e) ending in ")": the offset of its "(" when the line has the ending of Android's attachment
 * line (see `ANDROID_ATTACHED`) — a dot and up to six letters or digits, a space, then a bracketed phrase of 2 to 40
 * characters without brackets — else -1. Most lines ending in ")" ("obs stable (bed 4)") do not, and need not be read
 * the long way.
 */
function androidBracket(b: Uint8Array, a: number, e: number): number {
  const close = e - 1;
  let open = close - 1;
  while (open >= a && b[open] !== 40 /* ( */ && b[open] !== 41 && b[open] !== 10) open--;
  if (open < a || b[open] !== 40) return -1;
  // The phrase's length in characters is at least its bytes / 4 and at most its bytes.
  const phraseBytes = close - open - 1;
  if (phraseBytes < 2 || phraseBytes > 160) return -1;
  if (open - 1 < a || b[open - 1] !== 32) return -1;
  let k = open - 2;
  let alnum = 0;
  while (k >= a && alnum <= 6) {
    const c = b[k] as number;
    if (!((c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122))) break;
    alnum++;
    k--;
  }
  return alnum <= 6 && k > a && b[k] === 46 /* . */ ? open : -1;
}

/**
 * An author's text [a, e) that is Android's attachment line ("IMG-20240101-WA0001.jpg (file attached)", any caption on
 * the lines after), read from its bytes to what classification makes of it: the attachment, with the caption from
 * `scan.caption` to the text's end. Undefined when the text is not plainly one (non-ASCII, a flag that sends it the
 * long way, another form first, a name that is not a file, …); then it goes the long way.
 */
export function androidAttachment(
  b: Uint8Array,
  a: number,
  e: number,
  media: MediaIndex,
  scan: TextScan,
): Attachment | undefined {
  const size = e - a;
  if (size <= 0 || size > 2000) return undefined;
  scanText(b, a, e, scan);
  if (!scan.ascii || (scan.flags & QUICK_FLAGS) !== 0) return undefined;
  // A space or control character first would be trimmed from the name: such a text goes the long way.
  if (b[e - 1] === 62 /* > */ || !plainStart(b, a, e, size) || (b[a] as number) <= 32) return undefined;
  let firstEnd = e;
  if (scan.flags & FLAG_LF) {
    const nl = b.indexOf(10, a);
    if (nl >= 0 && nl < e) firstEnd = nl;
  }
  const open = b[firstEnd - 1] === 41 /* ) */ ? androidBracket(b, a, firstEnd) : -1;
  if (open < 0) return undefined;
  // As ANDROID_ATTACHED reads it: the name up to " (", a dot at most 255 characters in; a phrase of 2 to 40.
  const phraseLength = firstEnd - 1 - (open + 1);
  if (phraseLength < 2 || phraseLength > 40 || b.lastIndexOf(46 /* . */, open - 2) - a > 255) return undefined;
  const name = LENIENT.decode(b.subarray(a, open - 1));
  const phrase = LENIENT.decode(b.subarray(open + 1, firstEnd - 1));
  if (!(FILE_ATTACHED.has(phrase) || WA_MEDIA_NAME.test(name) || media.find(name))) return undefined;
  scan.caption = firstEnd < e ? firstEnd + 1 : e;
  return media.attach(name, kindFromFileName(name));
}

/** The Android placeholder ("<Media omitted>" or a translation) that bytes [a, e) are, if they are one. */
export function androidPlaceholder(b: Uint8Array, a: number, e: number): string | undefined {
  for (const [bytes, placeholder] of ANDROID_PLACEHOLDER_BYTES)
    if (bytes.length === e - a && bytesAt(b, a, e, bytes)) return placeholder;
  return undefined;
}
