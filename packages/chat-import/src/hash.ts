/** Lower-case hex SHA-256 of bytes, with Web Crypto (available in browsers, workers and Node). */
export async function sha256Hex(bytes: Uint8Array): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>));
  let hex = '';
  for (const b of digest) hex += b.toString(16).padStart(2, '0');
  return hex;
}

const HEX_CODES = Array.from('0123456789abcdef', (ch) => ch.charCodeAt(0));

/** Two independent 32-bit lanes of a fast string hash (murmur-style mixing); not cryptographic, used for ids. */
export class IdHasher {
  h1 = 0;
  h2 = 0;
  reset(): void {
    this.h1 = 0x9e3779b9;
    this.h2 = 0x85ebca6b;
  }
  add(text: string): void {
    let h1 = this.h1;
    let h2 = this.h2;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      h1 = Math.imul(h1 ^ c, 0x01000193);
      h2 = Math.imul(h2 ^ c, 0x5bd1e995);
      h2 ^= h2 >>> 15;
    }
    h1 = Math.imul(h1 ^ 0x1f, 0x01000193);
    h2 = Math.imul(h2 ^ 0x1f, 0x5bd1e995);
    this.h1 = h1;
    this.h2 = h2;
  }
  /** Final mix of both lanes as 16 hex digits. */
  hex(): string {
    let a = this.h1 ^ (this.h1 >>> 16);
    a = Math.imul(a, 0x85ebca6b);
    a ^= a >>> 13;
    a = Math.imul(a, 0xc2b2ae35);
    a ^= a >>> 16;
    let b = this.h2 ^ (this.h2 >>> 16);
    b = Math.imul(b, 0x27d4eb2f);
    b ^= b >>> 15;
    this.h1 = a >>> 0;
    this.h2 = b >>> 0;
    const c = HEX_CODES;
    // One flat string from 16 char codes: much cheaper than toString(16) + padStart for a million ids.
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
  /** Adds a number without turning it into a string first. */
  addNumber(value: number): void {
    const lo = (value % 4294967296) | 0;
    const hi = Math.floor(value / 4294967296) | 0;
    this.h1 = Math.imul(this.h1 ^ lo, 0x01000193);
    this.h1 = Math.imul(this.h1 ^ hi, 0x01000193);
    this.h2 = Math.imul(this.h2 ^ lo, 0x5bd1e995);
    this.h2 ^= this.h2 >>> 15;
    this.h2 = Math.imul(this.h2 ^ hi, 0x5bd1e995);
  }
}
