/**
 * Removes metadata from disclosed images: EXIF (with GPS), XMP, every other APPn block but the JFIF header, and comments from JPEG; text, EXIF and
 * time chunks from PNG. Written here rather than borrowed because it is small and must be exact: it never re-encodes
 * pixels, and on a damaged file it keeps only the complete segments it could read (never the metadata).
 */

/** What kind of image a file is, by its first bytes. */
export function imageType(bytes: Uint8Array): 'jpeg' | 'png' | undefined {
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'jpeg';
  const png = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  if (bytes.length >= 8 && png.every((byte, i) => bytes[i] === byte)) return 'png';
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

/** Strips metadata from a JPEG or PNG; other files are returned unchanged (see the README for what is not cleaned). */
export function stripImageMetadata(bytes: Uint8Array): { bytes: Uint8Array; stripped: boolean } {
  const type = imageType(bytes);
  if (type === 'jpeg') return { bytes: stripJpeg(bytes), stripped: true };
  if (type === 'png') return { bytes: stripPng(bytes), stripped: true };
  return { bytes, stripped: false };
}
