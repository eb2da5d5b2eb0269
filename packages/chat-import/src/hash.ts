/** Lower-case hex SHA-256 of bytes, with Web Crypto (available in browsers, workers and Node). */
export async function sha256Hex(bytes: Uint8Array): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>));
  let hex = '';
  for (const b of digest) hex += b.toString(16).padStart(2, '0');
  return hex;
}

const HEX_CODES = Array.from('0123456789abcdef', (ch) => ch.charCodeAt(0));

/** Multipliers of the two lanes of the text hash (FNV-1a's prime, and MurmurHash2's constant with a shift). */
export const TEXT_P1 = 0x01000193;
export const TEXT_P2 = 0x5bd1e995;
/** Starting values of the two lanes of the text hash. */
export const TEXT_SEED1 = 0x811c9dc5 | 0;
export const TEXT_SEED2 = 0x9747b28c | 0;

/**
 * The second lane's state before its `h2 ^= h2 >>> 15` step, as the hashing loops keep it: with `m` such that
 * `h2 = m ^ (m >>> 15)`, a step is `m = imul(m ^ x ^ (m >>> 15), P2)`, the same arithmetic in an order whose xor and
 * shift do not wait for each other (the second lane's chain of dependent steps is the loops' speed limit). This is
 * the `m` whose `h2` is {@link TEXT_SEED2}: the inverse of the xor-shift.
 */
export const TEXT_SEED2_M = (TEXT_SEED2 ^ (TEXT_SEED2 >>> 15) ^ (TEXT_SEED2 >>> 30)) | 0;

/** The two 32-bit lanes written by {@link hashText} (read them right after the call). */
export const textLanes = new Int32Array(2);

/**
 * Hashes UTF-16 code units [from, to) of a string into {@link textLanes}, two units per step: with
 * `x = c[i] | (c[i + 1] << 16)` (a last odd unit alone), `h1 = imul(h1 ^ x, P1); h2 = imul(h2 ^ x, P2);
 * h2 ^= h2 >>> 15`; then the length is mixed in. Importers that copy ASCII text byte by byte may run the same steps
 * over the bytes (an ASCII byte is its code unit).
 */
export function hashText(s: string, from: number, to: number): void {
  let h1 = TEXT_SEED1;
  let m = TEXT_SEED2_M;
  let i = from;
  for (; i + 1 < to; i += 2) {
    const x = s.charCodeAt(i) | (s.charCodeAt(i + 1) << 16);
    h1 = Math.imul(h1 ^ x, TEXT_P1);
    m = Math.imul(m ^ x ^ (m >>> 15), TEXT_P2);
  }
  if (i < to) {
    const x = s.charCodeAt(i);
    h1 = Math.imul(h1 ^ x, TEXT_P1);
    m = Math.imul(m ^ x ^ (m >>> 15), TEXT_P2);
  }
  finishText(h1, m ^ (m >>> 15), to - from);
}

/** The first text-hash lane with the length mixed in: its final value. */
export const finishLane1 = (h1: number, length: number): number => Math.imul(h1 ^ length, TEXT_P1);
/** The second text-hash lane with the length mixed in: its final value. */
export const finishLane2 = (h2: number, length: number): number => Math.imul(h2 ^ length, TEXT_P2);

/** Mixes the length into text-hash lanes and stores them in {@link textLanes}. */
export function finishText(h1: number, h2: number, length: number): void {
  textLanes[0] = finishLane1(h1, length);
  textLanes[1] = finishLane2(h2, length);
}

/**
 * A 64-bit content hash in two independent 32-bit lanes (not cryptographic; used for ids). Numbers, pre-hashed
 * lanes and strings are mixed in; {@link IdHasher.finish} gives the two finalised lanes ({@link laneHex} writes them as 16 hex digits).
 */
/** One step of {@link IdHasher}'s first lane (MurmurHash3's block mix), for loops that keep the lanes in locals. */
export function mixLane1(h: number, x: number): number {
  let k = Math.imul(h ^ x, 0xcc9e2d51);
  k = (k << 13) | (k >>> 19);
  return (Math.imul(k, 5) + 0xe6546b64) | 0;
}

/** One step of {@link IdHasher}'s second lane. */
export function mixLane2(h: number, x: number): number {
  let k = Math.imul(h ^ x, 0x1b873593);
  k = (k << 15) | (k >>> 17);
  return (Math.imul(k, 5) + 0x561ccd1b) | 0;
}

/** MurmurHash3's finaliser, a bijection on 32 bits. */
export function finalMix(h: number): number {
  let a = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  a = Math.imul(a ^ (a >>> 13), 0xc2b2ae35);
  return a ^ (a >>> 16);
}

/** The lanes {@link IdHasher} starts from. */
export const ID_SEED1 = 0x9e3779b9 | 0;
export const ID_SEED2 = 0x85ebca6b | 0;

export class IdHasher {
  h1 = 0;
  h2 = 0;
  reset(): void {
    this.h1 = ID_SEED1;
    this.h2 = ID_SEED2;
  }
  /** Mixes in two lanes (of a text hash, say). */
  addLanes(a: number, b: number): void {
    this.h1 = mixLane1(this.h1, a);
    this.h2 = mixLane2(this.h2, b);
  }
  /** Mixes in a string's text hash. */
  add(text: string): void {
    hashText(text, 0, text.length);
    this.addLanes(textLanes[0] as number, textLanes[1] as number);
  }
  /** Mixes in a number (an instant in ms, a small code) without turning it into a string. */
  addNumber(value: number): void {
    this.addLanes((value % 4294967296) | 0, Math.floor(value / 4294967296) | 0);
  }
  /** Final mix of both lanes (MurmurHash3's finaliser on each, a bijection, so they keep their 64 bits) into `out`. */
  finish(out: Int32Array, at: number): void {
    out[at] = finalMix(this.h1);
    out[at + 1] = finalMix(this.h2);
  }
}

/** Two finalised 32-bit lanes as 16 lower-case hex digits: one flat string from char codes (cheap for many ids). */
export function laneHex(a: number, b: number): string {
  const c = HEX_CODES;
  return String.fromCharCode(
    c[(a >>> 28) & 15] as number,
    c[(a >>> 24) & 15] as number,
    c[(a >>> 20) & 15] as number,
    c[(a >>> 16) & 15] as number,
    c[(a >>> 12) & 15] as number,
    c[(a >>> 8) & 15] as number,
    c[(a >>> 4) & 15] as number,
    c[a & 15] as number,
    c[(b >>> 28) & 15] as number,
    c[(b >>> 24) & 15] as number,
    c[(b >>> 20) & 15] as number,
    c[(b >>> 16) & 15] as number,
    c[(b >>> 12) & 15] as number,
    c[(b >>> 8) & 15] as number,
    c[(b >>> 4) & 15] as number,
    c[b & 15] as number,
  );
}
