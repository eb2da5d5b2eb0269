/**
 * Message authors: where a name ends on a header line ({@link colonRest}), and the names met so far, interned by their
 * raw bytes so each distinct name is decoded and cleaned once and a known name is recognised at the start of a line
 * before any scan for the colon.
 */
import { QUOTE } from './phrases.ts';
import { type DecodedPiece, isMark, isSpace } from './utf8.ts';

/** A name longer than this (in UTF-16 units) is not an author: the line is text with a colon in it. */
const MAX_AUTHOR = 100;
/** A name longer than this is suspect: the line may be a system event with a colon in it. */
const SUSPECT_AUTHOR = 60;

/**
 * Whether the ":" at k (before `textEnd`) ends an author's name, and how many bytes after it come before the text: 1
 * for a space, a line end or the end; 2 for a CRLF (the text starts on the next line, as after an LF alone) or a
 * no-break space (2 bytes in UTF-8); 0 when it does not end a name.
 */
export function colonRest(b: Uint8Array, k: number, textEnd: number): number {
  const next = k + 1 < textEnd ? (b[k + 1] as number) : -1;
  if (next === 32 || next === -1 || next === 10) return 1;
  if (next === 13 && (k + 2 >= textEnd || b[k + 2] === 10)) return 2;
  if (next === 0xc2 && k + 2 < textEnd && b[k + 2] === 0xa0) return 2;
  return 0;
}

/** An author's name as shown: marks and spaces trimmed, and WhatsApp's `~` before a name not saved in contacts dropped. */
export function cleanAuthor(raw: string): string {
  let a = 0;
  let b = raw.length;
  while (a < b && (isMark(raw.charCodeAt(a)) || isSpace(raw.charCodeAt(a)))) a++;
  while (b > a && (isMark(raw.charCodeAt(b - 1)) || isSpace(raw.charCodeAt(b - 1)))) b--;
  if (raw.charCodeAt(a) === 126 /* ~ */) {
    a++;
    while (a < b && (isSpace(raw.charCodeAt(a)) || isMark(raw.charCodeAt(a)))) a++;
  }
  return a === 0 && b === raw.length ? raw : raw.slice(a, b);
}

const AUTHOR_SEED = 0x811c9dc5 | 0;

/** Author names interned by their raw bytes, so each distinct name is decoded and cleaned once. */
export class Authors {
  readonly #first = new Map<number, number>();
  readonly #next: number[] = [];
  readonly #raw: Uint8Array[] = [];
  /** Cleaned name, or null when the cleaned name is empty or too long (then it is not an author). */
  readonly names: (string | null)[] = [];
  /** The name has quotes or is long: the line may be a system event with a colon in it. */
  readonly suspect: boolean[] = [];
  /** Decoding the name replaced invalid bytes. */
  readonly bad: boolean[] = [];
  readonly #canonical = new Map<string, string>();
  readonly #decode: (bytes: Uint8Array) => DecodedPiece;

  /**
   * Direct-mapped cache of ids (plus one), checked before the map: a chat has a handful of authors. Its key is cheap
   * (the name's length and its first and last bytes), so the name's hash is only made when the cache misses.
   */
  readonly #recent = new Int32Array(1024);
  /**
   * Ids by the first two bytes of their header line's body (the name's first byte, and its second or the colon), each
   * chained to the next with the same two; see {@link Authors.match}.
   */
  readonly #byStart = new Int32Array(65_536).fill(-1);
  readonly #nextByStart: number[] = [];
  /** Set by a successful {@link Authors.match}: the colon's offset, and the bytes after it before the text. */
  matchedColon = 0;
  matchedRest = 0;

  /** `decode` reads a new name's bytes (and says whether they held invalid UTF-8). */
  constructor(decode: (bytes: Uint8Array) => DecodedPiece) {
    this.#decode = decode;
  }

  /**
   * The id of a known author whose name's bytes start the body at `a` and are followed by the colon that ends a name
   * (see {@link colonRest}), or -1; then {@link Authors.matchedColon} and {@link Authors.matchedRest} say where the
   * text starts. The colon is the first such on the line, as a scan for it would find: the known name came from a
   * line where the colon after it was the first, and the same bytes decide the same here. So a line by a known author
   * is read without scanning for the colon first.
   */
  match(b: Uint8Array, a: number, textEnd: number): number {
    if (a + 1 >= textEnd) return -1;
    let id = this.#byStart[((b[a] as number) << 8) | (b[a + 1] as number)] as number;
    while (id >= 0) {
      const raw = this.#raw[id] as Uint8Array;
      const k = a + raw.length;
      if (k < textEnd && b[k] === 58 && this.#same(id, b, a, k)) {
        const rest = colonRest(b, k, textEnd);
        if (rest > 0) {
          this.matchedColon = k;
          this.matchedRest = rest;
          return id;
        }
      }
      id = this.#nextByStart[id] as number;
    }
    return -1;
  }

  /** The id of the author whose raw bytes are [a, e), adding the name the first time it is met. */
  id(b: Uint8Array, a: number, e: number): number {
    const slot = (((b[a] as number) * 31 + (b[e - 1] as number)) * 31 + (e - a)) & 1023;
    const cached = (this.#recent[slot] as number) - 1;
    if (cached >= 0 && this.#same(cached, b, a, e)) return cached;
    let h = AUTHOR_SEED; // FNV-1a of the name's bytes, for the map
    for (let k = a; k < e; k++) h = Math.imul(h ^ (b[k] as number), 0x01000193);
    const id = this.#find(b, a, e, h);
    this.#recent[slot] = id + 1;
    return id;
  }

  #same(id: number, b: Uint8Array, a: number, e: number): boolean {
    const raw = this.#raw[id] as Uint8Array;
    if (raw.length !== e - a) return false;
    for (let i = 0; i < raw.length; i++) if (raw[i] !== b[a + i]) return false;
    return true;
  }

  #find(b: Uint8Array, a: number, e: number, h: number): number {
    const first = this.#first.get(h);
    let id = first ?? -1;
    while (id >= 0) {
      if (this.#same(id, b, a, e)) return id;
      id = this.#next[id] as number;
    }
    id = this.names.length;
    const raw = b.slice(a, e);
    this.#raw.push(raw);
    this.#next.push(first ?? -1);
    this.#first.set(h, id);
    const start = ((raw[0] as number) << 8) | (raw.length > 1 ? (raw[1] as number) : 58);
    this.#nextByStart.push(this.#byStart[start] as number);
    this.#byStart[start] = id;
    const { text, bad } = this.#decode(raw);
    this.bad.push(bad);
    const clean = cleanAuthor(text);
    const ok = clean.length > 0 && clean.length <= MAX_AUTHOR;
    // Different raw bytes can clean to the same name ("~ Ana", "Ana"): all messages share one string.
    const name = this.#canonical.get(clean) ?? clean;
    this.#canonical.set(name, name);
    this.names.push(ok ? name : null);
    this.suspect.push(ok && (QUOTE.test(name) || name.length > SUSPECT_AUTHOR));
    return id;
  }
}
