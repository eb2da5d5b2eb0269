/**
 * The long way's decoding, in batches: messages whose text must be read as a string are held here, their text bytes
 * copied into two batches (pure ASCII, and the rest) that are each decoded with one `TextDecoder` call; each text is
 * then a slice of a batch string. The batch strings hold only message text (no headers), ASCII ones at one byte per
 * character, and nothing keeps the whole file decoded, which is what keeps peak memory near the size of the result.
 */
import { ALL_FLAGS, flagsFrom, scanText, type TextScan } from './plain.ts';

/** Messages held before a flush, at most. */
const PENDING = 16_384;
/** Bytes per batch, at most. */
const BATCH_BYTES = 1 << 20;

/** Where a held text is: in the ASCII batch, in the other batch, or to be decoded on its own (empty or large). */
export const IN_ASCII = 0;
export const IN_OTHER = 1;
export const ALONE = 2;

/** Message regions cut in pass 2 but not yet made into messages, with their texts' places in the batches. */
export class Batch {
  n = 0;
  /** Regions held before a flush, and bytes per batch: up to 16,384 and 1 MiB, less for a small file. */
  readonly capacity: number;
  readonly batchBytes: number;
  readonly line: Int32Array;
  readonly bodyStart: Int32Array;
  readonly textStart: Int32Array;
  readonly textEnd: Int32Array;
  readonly author: Int32Array;
  /** The table row appended for the region (filled in when the batch is decoded). */
  readonly row: Int32Array;
  /** {@link IN_ASCII}, {@link IN_OTHER} or {@link ALONE}. */
  readonly where: Uint8Array;
  /** The text's place in its batch: bytes in the ASCII one, UTF-16 units of the decoded other one. */
  readonly from: Int32Array;
  readonly to: Int32Array;
  /** Hash lanes of each text (see `hashText`), made while copying ASCII text, else when the batch is read. */
  readonly th1: Int32Array;
  readonly th2: Int32Array;
  /** Which flags the text's bytes have (see `plain.ts`), so classification skips searches. */
  readonly flags: Uint8Array;
  readonly ascii: Uint8Array;
  asciiUsed = 0;
  readonly other: Uint8Array;
  otherUsed = 0;
  /** UTF-16 length of the other batch so far (its slices are in UTF-16 units). */
  otherUnits = 0;
  readonly #scan: TextScan;

  /** `scan` is the parse's scan result object, used while copying ASCII texts. */
  constructor(fileBytes: number, scan: TextScan) {
    this.capacity = Math.min(PENDING, Math.max(64, fileBytes >> 5));
    this.batchBytes = Math.min(BATCH_BYTES, Math.max(4096, fileBytes));
    this.line = new Int32Array(this.capacity);
    this.bodyStart = new Int32Array(this.capacity);
    this.textStart = new Int32Array(this.capacity);
    this.textEnd = new Int32Array(this.capacity);
    this.author = new Int32Array(this.capacity);
    this.row = new Int32Array(this.capacity);
    this.where = new Uint8Array(this.capacity);
    this.from = new Int32Array(this.capacity);
    this.to = new Int32Array(this.capacity);
    this.th1 = new Int32Array(this.capacity);
    this.th2 = new Int32Array(this.capacity);
    this.flags = new Uint8Array(this.capacity);
    this.ascii = new Uint8Array(this.batchBytes);
    this.other = new Uint8Array(this.batchBytes);
    this.#scan = scan;
  }

  /** True when one more text of `size` bytes fits without a flush. */
  fits(size: number): boolean {
    if (this.n >= this.capacity) return false;
    return (
      size > this.batchBytes >> 2 ||
      (this.asciiUsed + size <= this.batchBytes && this.otherUsed + size <= this.batchBytes)
    );
  }

  /** Copies text bytes [a, e) into a batch and records where; returns the held index. */
  add(b: Uint8Array, a: number, e: number): number {
    const k = this.n++;
    const size = e - a;
    if (size <= 0 || size > this.batchBytes >> 2) {
      this.where[k] = ALONE;
      this.flags[k] = ALL_FLAGS;
      return k;
    }
    const scan = this.#scan;
    scanText(b, a, e, scan);
    // A non-ASCII text's scan stopped early: the rest of its flags (non-ASCII bytes have none).
    this.flags[k] = scan.ascii ? scan.flags : scan.flags | flagsFrom(b, scan.stop, e);
    if (scan.ascii) {
      this.ascii.set(b.subarray(a, e), this.asciiUsed);
      this.th1[k] = scan.lane1;
      this.th2[k] = scan.lane2;
      this.where[k] = IN_ASCII;
      this.from[k] = this.asciiUsed;
      this.asciiUsed += size;
      this.to[k] = this.asciiUsed;
      return k;
    }
    const other = this.other;
    let u = this.otherUnits;
    let o = this.otherUsed;
    this.from[k] = u;
    for (let i = a; i < e; i++) {
      const c = b[i] as number;
      other[o++] = c;
      if ((c & 0xc0) !== 0x80) u += c >= 0xf0 ? 2 : 1;
    }
    this.where[k] = IN_OTHER;
    this.to[k] = u;
    this.otherUsed = o;
    this.otherUnits = u;
    return k;
  }

  clear(): void {
    this.n = 0;
    this.asciiUsed = 0;
    this.otherUsed = 0;
    this.otherUnits = 0;
  }
}
