/**
 * Removes metadata from disclosed images: EXIF (with GPS), XMP, every other APPn block but the JFIF header, and comments from JPEG; text, EXIF and
 * time chunks from PNG; EXIF and XMP chunks from WebP (stickers); comments and application blocks other than the
 * looping one from GIF. Written here rather than borrowed because it is small and must be exact: it never re-encodes
 * pixels, and on a damaged file it keeps only the complete segments it could read (never the metadata).
 */

/** An image format whose metadata this module can remove. */
export type StrippableImage = 'jpeg' | 'png' | 'webp' | 'gif';

const ascii = (bytes: Uint8Array, at: number, text: string): boolean =>
  bytes.length >= at + text.length && [...text].every((ch, i) => bytes[at + i] === ch.charCodeAt(0));

/** What kind of image a file is, by its first bytes. */
export function imageType(bytes: Uint8Array): StrippableImage | undefined {
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'jpeg';
  const png = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  if (bytes.length >= 8 && png.every((byte, i) => bytes[i] === byte)) return 'png';
  if (ascii(bytes, 0, 'RIFF') && ascii(bytes, 8, 'WEBP')) return 'webp';
  if (ascii(bytes, 0, 'GIF87a') || ascii(bytes, 0, 'GIF89a')) return 'gif';
  return undefined;
}

function concat(parts: Uint8Array[]): Uint8Array {
  let length = 0;
  for (const part of parts) length += part.length;
  const out = new Uint8Array(length);
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

function isJfif(bytes: Uint8Array, start: number, end: number): boolean {
  const id = [0x4a, 0x46, 0x49, 0x46, 0x00]; // "JFIF\0"
  return end - start >= id.length && id.every((byte, i) => bytes[start + i] === byte);
}

/**
 * Strips a JPEG: drops APP1–APP15 (EXIF, XMP, ICC, Photoshop IRB…), APP0 unless it is the JFIF header, and COM segments.
 * Entropy-coded data is copied unchanged.
 */
export function stripJpeg(bytes: Uint8Array): Uint8Array {
  const parts: Uint8Array[] = [bytes.subarray(0, 2)];
  let pos = 2;
  let complete = false;
  while (pos + 1 < bytes.length) {
    if (bytes[pos] !== 0xff) break; // damaged: stop at what we could read
    const marker = bytes[pos + 1] as number;
    if (marker === 0xff) {
      pos++; // fill byte
      continue;
    }
    if (marker === 0xd9) {
      parts.push(bytes.subarray(pos, pos + 2));
      complete = true;
      break;
    }
    if ((marker >= 0xd0 && marker <= 0xd7) || marker === 0x01) {
      parts.push(bytes.subarray(pos, pos + 2));
      pos += 2;
      continue;
    }
    if (pos + 3 >= bytes.length) break;
    const length = ((bytes[pos + 2] as number) << 8) | (bytes[pos + 3] as number);
    const end = pos + 2 + length;
    if (length < 2 || end > bytes.length) break;
    const isApp = marker >= 0xe0 && marker <= 0xef;
    const keep = marker === 0xfe ? false : isApp ? marker === 0xe0 && isJfif(bytes, pos + 4, end) : true;
    if (marker === 0xda) {
      // Start of scan: copy the header and the entropy-coded data up to the next real marker.
      let scan = end;
      while (scan + 1 < bytes.length) {
        if (bytes[scan] === 0xff) {
          const next = bytes[scan + 1] as number;
          if (next !== 0x00 && !(next >= 0xd0 && next <= 0xd7) && next !== 0xff) break;
        }
        scan++;
      }
      if (scan + 1 >= bytes.length) scan = bytes.length;
      parts.push(bytes.subarray(pos, scan));
      pos = scan;
      continue;
    }
    if (keep) parts.push(bytes.subarray(pos, end));
    pos = end;
  }
  if (!complete) parts.push(new Uint8Array([0xff, 0xd9]));
  return concat(parts);
}

const PNG_DROP = new Set(['tEXt', 'iTXt', 'zTXt', 'eXIf', 'tIME']);

/** Strips a PNG: drops tEXt, iTXt, zTXt, eXIf and tIME chunks; every other chunk is copied unchanged. */
export function stripPng(bytes: Uint8Array): Uint8Array {
  const parts: Uint8Array[] = [bytes.subarray(0, 8)];
  let pos = 8;
  while (pos + 12 <= bytes.length) {
    const length =
      (((bytes[pos] as number) << 24) >>> 0) +
      ((bytes[pos + 1] as number) << 16) +
      ((bytes[pos + 2] as number) << 8) +
      (bytes[pos + 3] as number);
    const end = pos + 12 + length;
    if (end > bytes.length) break;
    const type = String.fromCharCode(...bytes.subarray(pos + 4, pos + 8));
    if (!PNG_DROP.has(type)) parts.push(bytes.subarray(pos, end));
    pos = end;
    if (type === 'IEND') break;
  }
  return concat(parts);
}

/** VP8X flag bits saying the file has EXIF (0x08) and XMP (0x04) chunks; cleared with the chunks. */
const WEBP_METADATA_FLAGS = 0x08 | 0x04;

/**
 * Strips a WebP: drops the `EXIF` and `XMP ` chunks and clears their flags in the `VP8X` header; image, alpha,
 * animation and colour-profile chunks are copied unchanged, and the RIFF size is rewritten. A chunk that runs past the
 * end of the file ends the copy (its bytes are not kept).
 */
export function stripWebp(bytes: Uint8Array): Uint8Array {
  const parts: Uint8Array[] = [];
  let pos = 12;
  while (pos + 8 <= bytes.length) {
    const size =
      ((bytes[pos + 4] as number) |
        ((bytes[pos + 5] as number) << 8) |
        ((bytes[pos + 6] as number) << 16) |
        ((bytes[pos + 7] as number) << 24)) >>>
      0;
    const end = pos + 8 + size + (size & 1);
    if (pos + 8 + size > bytes.length) break;
    const chunkEnd = Math.min(end, bytes.length);
    if (ascii(bytes, pos, 'VP8X')) {
      const copy = bytes.slice(pos, chunkEnd);
      copy[8] = (copy[8] as number) & ~WEBP_METADATA_FLAGS;
      parts.push(copy);
    } else if (!ascii(bytes, pos, 'EXIF') && !ascii(bytes, pos, 'XMP ')) {
      parts.push(bytes.subarray(pos, chunkEnd));
    }
    pos = end;
  }
  const body = concat(parts);
  const out = new Uint8Array(12 + body.length);
  out.set(bytes.subarray(0, 12));
  out.set(body, 12);
  const riffSize = out.length - 8;
  out[4] = riffSize & 0xff;
  out[5] = (riffSize >>> 8) & 0xff;
  out[6] = (riffSize >>> 16) & 0xff;
  out[7] = (riffSize >>> 24) & 0xff;
  return out;
}

/** End offset of the data sub-blocks starting at `pos` (just after the zero-length terminator), or -1 if cut short. */
function subBlocksEnd(bytes: Uint8Array, pos: number): number {
  let at = pos;
  while (at < bytes.length) {
    const length = bytes[at] as number;
    if (length === 0) return at + 1;
    at += 1 + length;
  }
  return -1;
}

/**
 * Strips a GIF: drops comment extensions and every application extension except the looping one (`NETSCAPE2.0`,
 * `ANIMEXTS1.0`), which removes XMP and any vendor data; images, palettes and frame timing are copied unchanged. A
 * file cut short is closed with a trailer after the last complete block.
 */
export function stripGif(bytes: Uint8Array): Uint8Array {
  if (bytes.length < 13) return bytes.slice(0, Math.min(bytes.length, 6));
  const flags = bytes[10] as number;
  let pos = 13 + (flags & 0x80 ? 3 * (1 << ((flags & 0x07) + 1)) : 0);
  const parts: Uint8Array[] = [bytes.subarray(0, Math.min(pos, bytes.length))];
  while (pos < bytes.length) {
    const introducer = bytes[pos] as number;
    if (introducer === 0x3b) break; // the trailer, written below
    if (introducer === 0x21) {
      const label = bytes[pos + 1] as number;
      const end = subBlocksEnd(bytes, pos + 2);
      if (end < 0) break;
      const looping = label === 0xff && (ascii(bytes, pos + 3, 'NETSCAPE2.0') || ascii(bytes, pos + 3, 'ANIMEXTS1.0'));
      if (label !== 0xfe && (label !== 0xff || looping)) parts.push(bytes.subarray(pos, end));
      pos = end;
      continue;
    }
    if (introducer === 0x2c) {
      if (pos + 10 > bytes.length) break;
      const local = bytes[pos + 9] as number;
      const table = local & 0x80 ? 3 * (1 << ((local & 0x07) + 1)) : 0;
      const end = subBlocksEnd(bytes, pos + 10 + table + 1);
      if (end < 0) break;
      parts.push(bytes.subarray(pos, end));
      pos = end;
      continue;
    }
    break; // damaged: stop at what we could read
  }
  parts.push(new Uint8Array([0x3b]));
  return concat(parts);
}

/**
 * Strips metadata from a JPEG, PNG, WebP or GIF; other files are returned unchanged with `stripped: false` (the bundle
 * records which files were cleaned; see the README for what is not).
 */
export function stripImageMetadata(bytes: Uint8Array): { bytes: Uint8Array; stripped: boolean } {
  const type = imageType(bytes);
  if (type === 'jpeg') return { bytes: stripJpeg(bytes), stripped: true };
  if (type === 'png') return { bytes: stripPng(bytes), stripped: true };
  if (type === 'webp') return { bytes: stripWebp(bytes), stripped: true };
  if (type === 'gif') return { bytes: stripGif(bytes), stripped: true };
  return { bytes, stripped: false };
}
