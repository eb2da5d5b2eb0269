import { EmptyInputError, UnsupportedFormatError } from './errors.ts';

/** Text decoded from bytes, with notes on how it was decoded. */
export interface DecodedText {
  text: string;
  encoding: 'utf-8' | 'utf-16le' | 'utf-16be';
  /** True when invalid byte sequences were replaced with U+FFFD. */
  replaced: boolean;
  /** Notes for the warnings list (guessed encoding, replacements). */
  notes: string[];
}

const MAGIC: readonly { bytes: readonly number[]; what: string }[] = [
  { bytes: [0x25, 0x50, 0x44, 0x46, 0x2d], what: 'a PDF document' },
  { bytes: [0x89, 0x50, 0x4e, 0x47], what: 'a PNG image' },
  { bytes: [0xff, 0xd8, 0xff], what: 'a JPEG image' },
  { bytes: [0x47, 0x49, 0x46, 0x38], what: 'a GIF image' },
  { bytes: [0xd0, 0xcf, 0x11, 0xe0], what: 'an old Microsoft Office document' },
  { bytes: [0x1f, 0x8b], what: 'a gzip file' },
  { bytes: [0x52, 0x61, 0x72, 0x21], what: 'a RAR archive' },
  { bytes: [0x37, 0x7a, 0xbc, 0xaf], what: 'a 7-Zip archive' },
];

/** Names the binary type of a file from its first bytes, or returns undefined for anything that may be text. */
export function sniffBinary(bytes: Uint8Array): string | undefined {
  for (const { bytes: magic, what } of MAGIC) {
    if (bytes.length >= magic.length && magic.every((b, i) => bytes[i] === b)) return what;
  }
  return undefined;
}

function guessUtf16(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | undefined {
  const n = Math.min(bytes.length, 4096) & ~1;
  if (n < 4) return undefined;
  let evenZero = 0;
  let oddZero = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) evenZero++;
    if (bytes[i + 1] === 0) oddZero++;
  }
  const half = n / 2;
  if (oddZero > half * 0.3 && evenZero < half * 0.05) return 'utf-16le';
  if (evenZero > half * 0.3 && oddZero < half * 0.05) return 'utf-16be';
  return undefined;
}

/** How an entry's bytes are encoded, found from its first bytes without decoding it. */
export interface Encoding {
  encoding: DecodedText['encoding'];
  /** Bytes of byte-order mark to skip. */
  offset: number;
  /** Notes for the warnings list (the encoding, when it is not UTF-8 or was guessed). */
  notes: string[];
}

const SUPPORTED =
  'Supported: WhatsApp .txt/.zip, Telegram result.json, Slack export .zip, Signal (signal-export) chat.md/data.json, CSV.';

/** Refuses empty and binary files and finds the encoding (BOM, else UTF-16 guessed from zero bytes, else UTF-8). */
export function detectEncoding(bytes: Uint8Array, fileName: string): Encoding {
  if (bytes.length === 0) throw new EmptyInputError(`${fileName} is empty (0 bytes); there is nothing to import.`);
  const binary = sniffBinary(bytes);
  if (binary) {
    throw new UnsupportedFormatError(
      `${fileName} is ${binary}, not a chat export (it was recognised from its first bytes). ${SUPPORTED}`,
      [],
    );
  }
  const notes: string[] = [];
  let encoding: DecodedText['encoding'] = 'utf-8';
  let offset = 0;
  if (bytes[0] === 0xff && bytes[1] === 0xfe) {
    encoding = 'utf-16le';
    offset = 2;
  } else if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    encoding = 'utf-16be';
    offset = 2;
  } else if (!(bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf)) {
    const guess = guessUtf16(bytes);
    if (guess) {
      encoding = guess;
      notes.push(
        `${fileName} is saved as ${guess.toUpperCase()} text without the usual marker at its start; it was read as ${guess.toUpperCase()}.`,
      );
    }
  } else {
    offset = 3;
  }
  if (encoding !== 'utf-8')
    notes.unshift(`${fileName} is saved as ${encoding.toUpperCase()} text; it was read as such.`);
  return { encoding, offset, notes };
}

function refuseNul(sample: string, fileName: string): void {
  let nul = 0;
  for (let i = 0; i < sample.length; i++) if (sample.charCodeAt(i) === 0) nul++;
  if (nul > sample.length * 0.01) {
    throw new UnsupportedFormatError(
      `${fileName} looks like a binary file (${nul} NUL characters in its first ${sample.length}), not a chat export.`,
      [],
    );
  }
}

/** The note recorded when invalid UTF-8 (or UTF-16) was replaced with U+FFFD. */
export function replacedNote(fileName: string, encoding: DecodedText['encoding']): string {
  return `${fileName} has characters that could not be read as ${encoding.toUpperCase()} text; they are shown as \ufffd (each line affected is listed).`;
}

/**
 * Decodes an export's bytes: UTF-8 (BOM stripped), UTF-16 by BOM or by the pattern of zero bytes; invalid UTF-8 is
 * replaced with U+FFFD and noted. Binary files (PDF, images, other archives) are refused with a clear error.
 */
export function decodeText(bytes: Uint8Array, fileName: string): DecodedText {
  const { encoding, offset, notes } = detectEncoding(bytes, fileName);
  const body = offset ? bytes.subarray(offset) : bytes;
  let text: string;
  let replaced = false;
  try {
    text = new TextDecoder(encoding, { fatal: true, ignoreBOM: true }).decode(body);
  } catch {
    text = new TextDecoder(encoding, { fatal: false, ignoreBOM: true }).decode(body);
    replaced = true;
    notes.push(replacedNote(fileName, encoding));
  }
  if (text.trim().length === 0)
    throw new EmptyInputError(`${fileName} holds only white space; there is nothing to import.`);
  refuseNul(text.slice(0, 4096), fileName);
  return { text, encoding, replaced, notes };
}

const isAsciiSpace = (b: number): boolean => b === 32 || (b >= 9 && b <= 13);

/**
 * The checks {@link decodeText} makes (empty, binary, only white space, NUL bytes) on UTF-8 bytes without decoding
 * them all, so a large export is refused or accepted before it is parsed. `body` is the bytes after any BOM.
 */
export function checkUtf8(body: Uint8Array, fileName: string): void {
  const decoder = new TextDecoder('utf-8', { ignoreBOM: true });
  let p = 0;
  for (;;) {
    while (p < body.length && isAsciiSpace(body[p] as number)) p++;
    if (p >= body.length) throw new EmptyInputError(`${fileName} holds only white space; there is nothing to import.`);
    if ((body[p] as number) < 0x80) break;
    // Non-ASCII: decode a window and let String.prototype.trim judge Unicode white space.
    const end = Math.min(body.length, p + 4096);
    let stop = end;
    while (stop < body.length && stop > p && ((body[stop] as number) & 0xc0) === 0x80) stop--;
    if (stop <= p) stop = end;
    if (decoder.decode(body.subarray(p, stop)).trim().length > 0) break;
    p = stop;
  }
  refuseNul(decoder.decode(body.subarray(0, 4096)), fileName);
}
