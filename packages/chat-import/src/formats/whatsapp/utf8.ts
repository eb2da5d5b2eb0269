/**
 * Reading UTF-8 bytes without decoding them whole: characters at a byte offset, byte comparisons, lengths, and
 * decoding a piece with its invalid bytes reported. The WhatsApp importer reads the export as bytes (see the README's
 * "Why"); these are the primitives it reads them with.
 */

/** Encodes phrases to the UTF-8 bytes they are matched against. */
export const ENCODER = new TextEncoder();
/** Decodes bytes known to be valid (or whose invalid bytes were already reported) without a check. */
export const LENIENT = new TextDecoder('utf-8', { ignoreBOM: true });
const FATAL = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** Invisible direction and byte-order marks WhatsApp writes around names and times (LRM, RLM, BOM, embeddings, isolates). */
export function isMark(c: number): boolean {
  return (
    c === 0x200e ||
    c === 0x200f ||
    c === 0xfeff ||
    (c >= 0x202a && c <= 0x202e) ||
    (c >= 0x2066 && c <= 0x2069) ||
    c === 0x061c
  );
}

/** The spaces headers use: space, no-break space, narrow no-break space, thin space, figure space. */
export function isSpace(c: number): boolean {
  return c === 0x20 || c === 0xa0 || c === 0x202f || c === 0x2009 || c === 0x2007;
}

/** The value of an ASCII, Arabic-Indic or Persian digit's code point, or -1. */
export function digitValue(c: number): number {
  if (c >= 48 && c <= 57) return c - 48;
  if (c >= 0x660 && c <= 0x669) return c - 0x660;
  if (c >= 0x6f0 && c <= 0x6f9) return c - 0x6f0;
  return -1;
}

/**
 * The character at byte p as one number, `code * 4 + width` (width in bytes, 1 to 3), or -1 at `end`: ASCII in one
 * step, two- and three-byte sequences decoded, anything longer or invalid read as U+FFFD one byte wide. Header
 * syntax is all in the Basic Multilingual Plane. Take the parts with {@link codeOf} and {@link widthOf}.
 */
export function charAt(b: Uint8Array, p: number, end: number): number {
  if (p >= end) return -1;
  const c = b[p] as number;
  if (c < 0x80) return c * 4 + 1;
  if (c >= 0xc2 && c < 0xe0 && p + 1 < end) {
    const c1 = b[p + 1] as number;
    if ((c1 & 0xc0) === 0x80) return (((c & 0x1f) << 6) | (c1 & 0x3f)) * 4 + 2;
  } else if (c >= 0xe0 && c < 0xf0 && p + 2 < end) {
    const c1 = b[p + 1] as number;
    const c2 = b[p + 2] as number;
    if ((c1 & 0xc0) === 0x80 && (c2 & 0xc0) === 0x80) {
      const v = ((c & 0x0f) << 12) | ((c1 & 0x3f) << 6) | (c2 & 0x3f);
      if (v >= 0x800 && (v < 0xd800 || v > 0xdfff)) return v * 4 + 3;
    }
  }
  return 0xfffd * 4 + 1;
}

/** The code point of a {@link charAt} result (-1 at the end). */
export const codeOf = (char: number): number => (char < 0 ? -1 : char >> 2);
/** The width in bytes of a {@link charAt} result (0 at the end). */
export const widthOf = (char: number): number => (char < 0 ? 0 : char & 3);

/** The digit at byte p (ASCII, Arabic-Indic or Persian), or -1; {@link digitWidth} gives its width. */
export function digitAt(b: Uint8Array, p: number, end: number): number {
  if (p >= end) return -1;
  const c = b[p] as number;
  if (c >= 48 && c <= 57) return c - 48;
  return c < 0x80 ? -1 : digitValue(codeOf(charAt(b, p, end)));
}

/** The width in bytes of the digit {@link digitAt} found at p: ASCII digits take one, Arabic-Indic and Persian two. */
export const digitWidth = (b: Uint8Array, p: number): number => ((b[p] as number) < 0x80 ? 1 : 2);

/** True when the bytes `word` start at p (and end by `end`). */
export function bytesAt(b: Uint8Array, p: number, end: number, word: Uint8Array): boolean {
  if (p + word.length > end) return false;
  for (let i = 0; i < word.length; i++) if (b[p + i] !== word[i]) return false;
  return true;
}

/** True when bytes [a, e) start with one of `prefixes`. */
export function startsWithBytes(b: Uint8Array, a: number, e: number, prefixes: readonly Uint8Array[]): boolean {
  for (const prefix of prefixes) if (bytesAt(b, a, e, prefix)) return true;
  return false;
}

/** UTF-16 length of the UTF-8 bytes [a, e), as a decoder would produce it for valid input. */
export function utf16Length(b: Uint8Array, a: number, e: number): number {
  let n = 0;
  for (let i = a; i < e; i++) {
    const c = b[i] as number;
    if ((c & 0xc0) !== 0x80) n += c >= 0xf0 ? 2 : 1;
  }
  return n;
}

/** True when bytes are valid UTF-8; streamed in 64 KiB steps so a huge line is never decoded whole. */
export function validUtf8(bytes: Uint8Array): boolean {
  const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
  try {
    for (let off = 0; off < bytes.length; off += 65_536) {
      decoder.decode(bytes.subarray(off, off + 65_536), { stream: true });
    }
    decoder.decode();
    return true;
  } catch {
    return false;
  }
}

/** A decoded piece of the export, and whether it holds characters that could not be read. */
export interface DecodedPiece {
  text: string;
  /** The piece had invalid UTF-8 (now U+FFFD), or U+FFFD left by transcoding a UTF-16 export (`replaced`). */
  bad: boolean;
}

/**
 * Decodes bytes, replacing invalid UTF-8 with U+FFFD. `replaced`: the export was transcoded from UTF-16 with
 * replacements already made, so a U+FFFD in valid bytes is one of those (and is reported too).
 */
export function decodePiece(bytes: Uint8Array, replaced: boolean): DecodedPiece {
  try {
    const text = FATAL.decode(bytes);
    return { text, bad: replaced && text.includes('\ufffd') };
  } catch {
    return { text: LENIENT.decode(bytes), bad: true };
  }
}
