/**
 * Pass 1 of the WhatsApp importer: finding message headers ("12/07/2017, 22:35 - ", "[12/07/2017, 22:35:01] ") at line
 * starts, without regular expressions. {@link scanHeader} reads one header of any layout byte by byte, linear in its
 * length and without backtracking; {@link HeaderShape} reads the next header of the same byte shape (nearly every line)
 * by one comparison loop; {@link findHeaders} runs them over the file and records each header's numbers in
 * {@link Candidates}, from which `layout.ts` decides the file's layout and date order.
 */
import { AMPM_FIRST, AMPM_WORDS, CONNECTORS } from './phrases.ts';
import { bytesAt, charAt, codeOf, digitAt, digitWidth, isMark, isSpace, utf16Length, widthOf } from './utf8.ts';

/** The layout ("signature") of a header, as bits: brackets, separators, word, 12-hour marker, seconds, … */
export const SIG_BRACKET = 1;
const SIG_SEP_DOT = 2;
const SIG_SEP_DASH = 4;
const SIG_DATE_DOT = 8;
const SIG_COMMA = 16;
const SIG_WORD = 32;
export const SIG_AMPM = 64;
const SIG_AMPM_BEFORE = 128;
const SIG_TIME_DOT = 256;
export const SIG_SECONDS = 512;
const SIG_TIME_TRAIL_DOT = 1024;
export const SIG_DASH = 2048;
const SIG_COLON = 4096;
export const SIG_FIRST4 = 8192;
export const SIG_LAST4 = 16384;

/** Indices into a {@link HeaderFields} array. */
export const F_N1 = 0;
export const F_N2 = 1;
export const F_N3 = 2;
export const F_DIGITS1 = 3;
export const F_DIGITS3 = 4;
export const F_HOUR = 5;
export const F_MINUTE = 6;
export const F_SECOND = 7;
export const F_AMPM = 8;
export const F_SIGNATURE = 9;

/**
 * The numbers of one header, filled by {@link scanHeader} and {@link HeaderShape.read}: the date's three numbers, the
 * digit counts of the first and third, hour, minute, second (-1 when absent), 12-hour marker (0 none, 1 am, 2 pm) and
 * the layout signature, at the `F_` indices.
 */
export type HeaderFields = Int32Array;

/** A fresh {@link HeaderFields}. */
export const headerFields = (): HeaderFields => new Int32Array(10);

/** Matches an AM/PM marker at p; returns (length in bytes << 2) | (1 = am, 2 = pm), or 0. */
function ampmAt(b: Uint8Array, p: number, end: number): number {
  const c = codeOf(charAt(b, p, end));
  const lower = c | 32;
  if (lower === 97 || lower === 112) {
    let q = p + 1;
    if (codeOf(charAt(b, q, end)) === 46) q++;
    const space = charAt(b, q, end);
    if (isSpace(codeOf(space))) q += widthOf(space);
    if ((codeOf(charAt(b, q, end)) | 32) === 109) {
      q++;
      if (codeOf(charAt(b, q, end)) === 46) q++;
      return ((q - p) << 2) | (lower === 97 ? 1 : 2);
    }
    return 0;
  }
  if (!AMPM_FIRST.has(c)) return 0;
  for (const [word, value] of AMPM_WORDS) {
    if (bytesAt(b, p, end, word)) return (word.length << 2) | value;
  }
  return 0;
}

function skipMarks(b: Uint8Array, p: number, end: number): number {
  while (p < end && (b[p] as number) >= 0x80) {
    const char = charAt(b, p, end);
    if (!isMark(codeOf(char))) break;
    p += widthOf(char);
  }
  return p;
}

/** Skips up to `max` spaces (and any marks among them). */
function skipBlank(b: Uint8Array, p: number, end: number, max: number): number {
  let n = 0;
  while (p < end && n < max) {
    const ascii = b[p] as number;
    if (ascii === 32) {
      n++;
      p++;
      continue;
    }
    if (ascii < 0x80) break;
    const char = charAt(b, p, end);
    const c = codeOf(char);
    if (isSpace(c)) n++;
    else if (!isMark(c)) break;
    p += widthOf(char);
  }
  return p;
}

/**
 * Reads up to `max` digits at p, not followed by another digit: returns `value * 256 + digits * 16 + bytes` (a digit
 * takes one or two bytes), or -1.
 */
function readNumber(b: Uint8Array, p: number, end: number, max: number): number {
  let value = 0;
  let count = 0;
  let q = p;
  while (count < max) {
    const d = digitAt(b, q, end);
    if (d < 0) break;
    value = value * 10 + d;
    q += digitWidth(b, q);
    count++;
  }
  if (count === 0 || digitAt(b, q, end) >= 0) return -1;
  return value * 256 + count * 16 + (q - p);
}

/**
 * Scans a message header at byte `start` (the start of a line) of UTF-8 text ending at `end` (the line end). Returns
 * the byte offset where the body starts and fills `fields`, or returns -1. Linear in the header length, no
 * backtracking, and no string is made: the scanner reads the bytes.
 */
export function scanHeader(b: Uint8Array, start: number, end: number, fields: HeaderFields): number {
  let p = skipMarks(b, start, end);
  let sig = 0;
  if (b[p] === 91 && p < end) {
    sig |= SIG_BRACKET;
    p = skipMarks(b, p + 1, end);
  }
  // Date: three numbers and one separator, the first and last of up to four digits, the middle of up to two.
  let read = readNumber(b, p, end, 4);
  if (read < 0) return -1;
  const n1 = Math.floor(read / 256);
  const d1 = (read >> 4) & 15;
  p = skipMarks(b, p + (read & 15), end);
  const sep = codeOf(charAt(b, p, end));
  if (sep === 46) sig |= SIG_SEP_DOT;
  else if (sep === 45) sig |= SIG_SEP_DASH;
  else if (sep !== 47) return -1;
  p = skipBlank(b, p + 1, end, 1);
  read = readNumber(b, p, end, 2);
  if (read < 0) return -1;
  const n2 = Math.floor(read / 256);
  p = skipMarks(b, p + (read & 15), end);
  if (codeOf(charAt(b, p, end)) !== sep) return -1;
  p = skipBlank(b, p + 1, end, 1);
  read = readNumber(b, p, end, 4);
  if (read < 0) return -1;
  const n3 = Math.floor(read / 256);
  const d3 = (read >> 4) & 15;
  p += read & 15;
  if (d1 === 4) sig |= SIG_FIRST4;
  if (d3 === 4) sig |= SIG_LAST4;
  else if (d3 !== 2 || d1 === 4 || d1 === 3) {
    if (!(d1 === 4 && d3 <= 2)) return -1;
  }
  p = skipMarks(b, p, end);
  if (codeOf(charAt(b, p, end)) === 46) {
    sig |= SIG_DATE_DOT;
    p = skipMarks(b, p + 1, end);
  }
  const comma = charAt(b, p, end);
  if (codeOf(comma) === 44 || codeOf(comma) === 0x60c) {
    sig |= SIG_COMMA;
    p += widthOf(comma);
  }
  p = skipBlank(b, p, end, 3);
  if (digitAt(b, p, end) < 0) {
    for (const word of CONNECTORS) {
      if (bytesAt(b, p, end, word)) {
        sig |= SIG_WORD;
        p = skipBlank(b, p + word.length, end, 2);
        break;
      }
    }
  }
  let ampm = 0;
  if (digitAt(b, p, end) < 0) {
    const m = ampmAt(b, p, end);
    if (m === 0) return -1;
    ampm = m & 3;
    sig |= SIG_AMPM | SIG_AMPM_BEFORE;
    p = skipBlank(b, p + (m >> 2), end, 2);
  }
  // Time: one or two digits of hour, a separator, two of minute, and seconds after the same separator.
  let hour = 0;
  let n = 0;
  while (n < 2) {
    const d = digitAt(b, p, end);
    if (d < 0) break;
    hour = hour * 10 + d;
    p += digitWidth(b, p);
    n++;
  }
  if (n === 0) return -1;
  const tsep = codeOf(charAt(b, p, end));
  if (tsep === 46) sig |= SIG_TIME_DOT;
  else if (tsep !== 58) return -1;
  p++;
  const m1 = digitAt(b, p, end);
  if (m1 < 0) return -1;
  p += digitWidth(b, p);
  const m2 = digitAt(b, p, end);
  if (m2 < 0) return -1;
  p += digitWidth(b, p);
  const minute = m1 * 10 + m2;
  let second = -1;
  if (codeOf(charAt(b, p, end)) === tsep) {
    const s1 = digitAt(b, p + 1, end);
    if (s1 >= 0) {
      const w1 = digitWidth(b, p + 1);
      const s2 = digitAt(b, p + 1 + w1, end);
      if (s2 >= 0) {
        second = s1 * 10 + s2;
        sig |= SIG_SECONDS;
        p += 1 + w1 + digitWidth(b, p + 1 + w1);
      }
    }
  }
  if (digitAt(b, p, end) >= 0) return -1;
  if (ampm === 0) {
    const q = skipBlank(b, p, end, 2);
    const m = q < end ? ampmAt(b, q, end) : 0;
    if (m !== 0) {
      ampm = m & 3;
      sig |= SIG_AMPM;
      p = q + (m >> 2);
    }
  }
  if (codeOf(charAt(b, p, end)) === 46) {
    sig |= SIG_TIME_TRAIL_DOT;
    p++;
  }
  p = skipMarks(b, p, end);
  if (sig & SIG_BRACKET) {
    if (codeOf(charAt(b, p, end)) !== 93) return -1;
    p++;
    const space = charAt(b, p, end);
    if (isSpace(codeOf(space))) p += widthOf(space);
  } else {
    const q = skipBlank(b, p, end, 2);
    const dash = charAt(b, q, end);
    const t = codeOf(dash);
    if ((t === 45 || t === 0x2013) && q > p) {
      sig |= SIG_DASH;
      p = q + widthOf(dash);
      if (p < end) {
        const space = charAt(b, p, end);
        if (!isSpace(codeOf(space))) return -1;
        p += widthOf(space);
      }
    } else if (t === 58 && q === p && p + 1 < end) {
      const space = charAt(b, p + 1, end);
      if (!isSpace(codeOf(space))) return -1;
      sig |= SIG_COLON;
      p += 1 + widthOf(space);
    } else {
      return -1;
    }
  }
  if (hour > 23 || minute > 59 || second > 59 || (ampm !== 0 && hour > 12)) return -1;
  fields[F_N1] = n1;
  fields[F_N2] = n2;
  fields[F_N3] = n3;
  fields[F_DIGITS1] = d1;
  fields[F_DIGITS3] = d3;
  fields[F_HOUR] = hour;
  fields[F_MINUTE] = minute;
  fields[F_SECOND] = second;
  fields[F_AMPM] = ampm;
  fields[F_SIGNATURE] = sig;
  return p;
}

/** A layout signature as a person reads it, `n/n/yyyy, h:mm -`, for the warning about a pasted header. */
export function describeSignature(sig: number): string {
  const sep = sig & SIG_SEP_DOT ? '.' : sig & SIG_SEP_DASH ? '-' : '/';
  const date = sig & SIG_FIRST4 ? `yyyy${sep}n${sep}n` : `n${sep}n${sep}${sig & SIG_LAST4 ? 'yyyy' : 'yy'}`;
  const time = `${sig & SIG_AMPM_BEFORE ? 'AM ' : ''}h${sig & SIG_TIME_DOT ? '.' : ':'}mm${sig & SIG_SECONDS ? ':ss' : ''}${sig & SIG_AMPM && !(sig & SIG_AMPM_BEFORE) ? ' AM' : ''}`;
  const body = `${date}${sig & SIG_DATE_DOT ? '.' : ''}${sig & SIG_COMMA ? ',' : ''} ${sig & SIG_WORD ? 'word ' : ''}${time}`;
  return sig & SIG_BRACKET ? `[${body}]` : sig & SIG_DASH ? `${body} -` : `${body}:`;
}

/** Longest header a {@link HeaderShape} learns. */
const MAX_SHAPE = 96;

/**
 * The byte shape of the last header {@link scanHeader} read (its literal bytes, and where the digits go), so the next
 * header of the same shape (nearly every line of an export) is read by comparing its literal bytes and reading its
 * runs of digits, instead of by the general scanner. Only all-ASCII headers ending in a space are used as shapes: for
 * those the general scanner looks at no byte past the header, so a line that matches the shape byte for byte (digits
 * for digits) gets exactly the result the scanner would give it.
 */
export class HeaderShape {
  /** Byte length of the header (0: nothing learnt); at most {@link MAX_SHAPE} bytes. */
  length = 0;
  sig = 0;
  ampm = 0;
  d1 = 0;
  d3 = 0;
  /** The shape compiled for {@link HeaderShape.read}: where its literal bytes are, and its runs of digits. */
  readonly #litAt = new Int16Array(MAX_SHAPE);
  readonly #litByte = new Int16Array(MAX_SHAPE);
  #lits = 0;
  readonly #runFrom = new Int16Array(8);
  readonly #runTo = new Int16Array(8);
  #runs = 0;

  /** Remembers the header just read at [start, body) by {@link scanHeader} into `fields`. */
  learn(b: Uint8Array, start: number, body: number, fields: HeaderFields): void {
    this.length = 0;
    const size = body - start;
    if (size > MAX_SHAPE || b[body - 1] !== 32) return;
    let runs = 0;
    let lits = 0;
    let inDigits = false;
    for (let i = 0; i < size; i++) {
      const c = b[start + i] as number;
      if (c >= 0x80) return;
      const isDigit = c >= 48 && c <= 57;
      if (isDigit && !inDigits) {
        if (runs === 8) return;
        this.#runFrom[runs] = i;
        runs++;
      }
      if (!isDigit) {
        if (inDigits) this.#runTo[runs - 1] = i;
        this.#litAt[lits] = i;
        this.#litByte[lits] = c;
        lits++;
      }
      inDigits = isDigit;
    }
    const sig = fields[F_SIGNATURE] as number;
    if (runs !== (sig & SIG_SECONDS ? 6 : 5)) return;
    this.sig = sig;
    this.ampm = fields[F_AMPM] as number;
    this.d1 = fields[F_DIGITS1] as number;
    this.d3 = fields[F_DIGITS3] as number;
    this.#lits = lits;
    this.#runs = runs;
    this.length = size;
  }

  /**
   * Reads a header of this shape at `start` into `fields`; returns the body offset, or -1 if the line differs. The
   * literal bytes are compared first (a line of another shape usually fails there), then each run of digits is read.
   */
  read(b: Uint8Array, start: number, end: number, fields: HeaderFields): number {
    const size = this.length;
    if (size === 0 || end - start < size) return -1;
    const litAt = this.#litAt;
    const litByte = this.#litByte;
    for (let k = 0; k < this.#lits; k++) if (b[start + (litAt[k] as number)] !== litByte[k]) return -1;
    const runFrom = this.#runFrom;
    const runTo = this.#runTo;
    for (let r = 0; r < this.#runs; r++) {
      let v = 0;
      for (let p = start + (runFrom[r] as number), q = start + (runTo[r] as number); p < q; p++) {
        const d = (b[p] as number) - 48;
        if (d < 0 || d > 9) return -1;
        v = v * 10 + d;
      }
      // Runs 0-2 are the date (F_N1..F_N3), 3-5 the hour, minute and second (F_HOUR..F_SECOND).
      fields[r < 3 ? r : r + 2] = v;
    }
    const hour = fields[F_HOUR] as number;
    const minute = fields[F_MINUTE] as number;
    const second = this.sig & SIG_SECONDS ? (fields[F_SECOND] as number) : -1;
    if (hour > 23 || minute > 59 || second > 59 || (this.ampm !== 0 && hour > 12)) return -1;
    fields[F_DIGITS1] = this.d1;
    fields[F_DIGITS3] = this.d3;
    fields[F_SECOND] = second;
    fields[F_AMPM] = this.ampm;
    fields[F_SIGNATURE] = this.sig;
    return start + size;
  }
}

/** Growable typed columns for the header candidates found in pass 1. */
export class Candidates {
  n = 0;
  line = new Int32Array(256);
  start = new Int32Array(256);
  body = new Int32Array(256);
  /** Layout signature (SIG_ bits, all under 2^15). */
  sig = new Uint16Array(256);
  a = new Int16Array(256);
  b = new Int16Array(256);
  c = new Int16Array(256);
  hour = new Uint8Array(256);
  minute = new Uint8Array(256);
  second = new Int8Array(256);
  ampm = new Uint8Array(256);

  constructor(capacity: number) {
    this.grow(Math.max(256, capacity));
  }

  grow(capacity: number): void {
    const copy = <T extends Int32Array | Int16Array | Uint16Array | Uint8Array | Int8Array>(
      old: T,
      make: (n: number) => T,
    ): T => {
      const next = make(capacity);
      next.set(old.subarray(0, this.n) as never);
      return next;
    };
    this.line = copy(this.line, (k) => new Int32Array(k));
    this.start = copy(this.start, (k) => new Int32Array(k));
    this.body = copy(this.body, (k) => new Int32Array(k));
    this.sig = copy(this.sig, (k) => new Uint16Array(k));
    this.a = copy(this.a, (k) => new Int16Array(k));
    this.b = copy(this.b, (k) => new Int16Array(k));
    this.c = copy(this.c, (k) => new Int16Array(k));
    this.hour = copy(this.hour, (k) => new Uint8Array(k));
    this.minute = copy(this.minute, (k) => new Uint8Array(k));
    this.second = copy(this.second, (k) => new Int8Array(k));
    this.ampm = copy(this.ampm, (k) => new Uint8Array(k));
  }

  /** Records the header at line `line`, bytes [start, body), whose numbers are in `fields`. */
  push(line: number, start: number, body: number, fields: HeaderFields): void {
    if (this.n === this.line.length) this.grow(this.n * 2);
    const i = this.n++;
    this.line[i] = line;
    this.start[i] = start;
    this.body[i] = body;
    this.sig[i] = fields[F_SIGNATURE] as number;
    this.a[i] = fields[F_N1] as number;
    this.b[i] = fields[F_N2] as number;
    this.c[i] = fields[F_N3] as number;
    this.hour[i] = fields[F_HOUR] as number;
    this.minute[i] = fields[F_MINUTE] as number;
    this.second[i] = fields[F_SECOND] as number;
    this.ampm[i] = fields[F_AMPM] as number;
  }
}

/** What pass 1 found besides the header candidates. */
export interface HeaderScan {
  /** Lines in the file. */
  lines: number;
  /** Lines too long to read as a message, as triples: line number, start offset, length in characters. */
  giant: number[];
  /**
   * Lines that look like a message's start but whose date or time cannot be read ("31/02/2024, 99:99 - …"), as pairs:
   * line number, the date and time as written. Each stays in the message before it, and is reported.
   */
  unreadableHeaders: (number | string)[];
}

/**
 * The start of a line that looks like a message's date and time, whatever their values: a time of digits, or a
 * garbled one ("1x:4", "08:0", "8:O5": a digit and a colon or dot, up to eight characters) followed by the header's
 * separator (" - " or "]"), so a line of a message that merely begins with a date ("12/03/2024, at 10 - …") is not one.
 */
const headerLike =
  /^\[?\d{1,4}[./-]\d{1,2}[./-]\d{1,4}\.?,?\s+(?:\d{1,2}[:.]\d{2}(?:[:.]\d{2})?|(?=[^\s\]]{0,7}\d)(?=[^\s\]]{0,7}[:.])[^\s\]]{2,8}(?:\s?[AaPp]\.?\s?[Mm]\.?)?(?=\s[-\u2013]\s|\]))/;

/** The date and time a line starts with when it looks like a header's (ASCII only), or undefined. */
function headerLikeStart(b: Uint8Array, pos: number, end: number): string | undefined {
  const head = String.fromCharCode(...b.subarray(pos, Math.min(end, pos + 32)));
  return headerLike.exec(head)?.[0];
}

/**
 * Pass 1: every line start is checked for a message header, and each header found is recorded in `cand`; lines
 * longer than `maxLine` characters are listed apart. A function of its own, small, so the engine optimises this loop
 * (a million lines) early.
 */
export function findHeaders(b: Uint8Array, maxLine: number, cand: Candidates, checkAbort: () => void): HeaderScan {
  const len = b.length;
  const shape = new HeaderShape();
  const fields = headerFields();
  const giant: number[] = [];
  const unreadableHeaders: (number | string)[] = [];
  let pos = 0;
  let line = 0;
  while (pos < len) {
    line++;
    let nl = b.indexOf(10, pos);
    if (nl < 0) nl = len;
    let end = nl;
    if (end > pos && b[end - 1] === 13) end--;
    const size = end - pos;
    const chars = size > maxLine ? utf16Length(b, pos, end) : size;
    if (chars > maxLine) {
      giant.push(line, pos, chars);
    } else {
      const c = b[pos] as number;
      if (c === 91 || (c >= 48 && c <= 57) || c >= 0xd8) {
        let body = shape.read(b, pos, end, fields);
        if (body < 0) {
          body = scanHeader(b, pos, end, fields);
          if (body >= 0) shape.learn(b, pos, body, fields);
        }
        if (body >= 0) cand.push(line, pos, body, fields);
        else {
          const start = headerLikeStart(b, pos, end);
          if (start !== undefined) unreadableHeaders.push(line, start);
        }
      }
    }
    pos = nl + 1;
    if ((line & 0xffff) === 0) checkAbort();
  }
  return { lines: line, giant, unreadableHeaders };
}
