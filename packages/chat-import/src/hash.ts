/** Lower-case hex SHA-256 of bytes, with Web Crypto (available in browsers, workers and Node). */
export async function sha256Hex(bytes: Uint8Array): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>));
  let hex = '';
  for (const b of digest) hex += b.toString(16).padStart(2, '0');
  return hex;
}

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
    return (a >>> 0).toString(16).padStart(8, '0') + (b >>> 0).toString(16).padStart(8, '0');
  }
}
