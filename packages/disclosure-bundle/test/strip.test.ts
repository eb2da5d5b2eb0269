import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { imageType, stripGif, stripImageMetadata, stripJpeg, stripPng, stripWebp } from '../src/index.ts';
import { jpegWithMetadata } from './fixtures.ts';

const ascii = (s: string): number[] => [...s].map((c) => c.charCodeAt(0));
const latin1 = (bytes: Uint8Array): string => Buffer.from(bytes).toString('latin1');

/** JPEG segments as [marker, payload length] read back from a stripped file. */
function markers(bytes: Uint8Array): number[] {
  const out: number[] = [];
  let pos = 2;
  while (pos + 1 < bytes.length && bytes[pos] === 0xff) {
    const marker = bytes[pos + 1] as number;
    out.push(marker);
    if (marker === 0xda || marker === 0xd9) break;
    pos += 2 + (((bytes[pos + 2] as number) << 8) | (bytes[pos + 3] as number));
  }
  return out;
}

function crcTable(): Uint32Array {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
}
const TABLE = crcTable();

function chunk(type: string, data: number[]): number[] {
  const body = [...ascii(type), ...data];
  let crc = 0xffffffff;
  for (const byte of body) crc = (TABLE[(crc ^ byte) & 0xff] as number) ^ (crc >>> 8);
  crc = (crc ^ 0xffffffff) >>> 0;
  const be = (n: number): number[] => [(n >>> 24) & 0xff, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff];
  return [...be(data.length), ...body, ...be(crc)];
}

function pngWithMetadata(): Uint8Array {
  return new Uint8Array([
    0x89,
    0x50,
    0x4e,
    0x47,
    0x0d,
    0x0a,
    0x1a,
    0x0a,
    ...chunk('IHDR', [0, 0, 0, 1, 0, 0, 0, 1, 8, 0, 0, 0, 0]),
    ...chunk('tEXt', [...ascii('Author'), 0, ...ascii('Jane Doe')]),
    ...chunk('iTXt', [...ascii('XML:com.adobe.xmp'), 0, 0, 0, 0, 0, ...ascii('<x:xmpmeta>Jane</x:xmpmeta>')]),
    ...chunk('zTXt', [...ascii('Comment'), 0, 0, 0x78, 0x9c, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01]),
    ...chunk('eXIf', [...ascii('MM'), 0, 42, ...ascii('GPS 51.5')]),
    ...chunk('tIME', [0x07, 0xe8, 3, 4, 9, 15, 0]),
    ...chunk('IDAT', [0x78, 0x9c, 0x63, 0x60, 0x00, 0x00, 0x00, 0x02, 0x00, 0x01]),
    ...chunk('IEND', []),
  ]);
}

describe('stripJpeg', () => {
  it('drops EXIF, XMP and comments, keeps JFIF, tables and the scan data byte for byte', () => {
    const input = jpegWithMetadata();
    const output = stripJpeg(input);
    expect(markers(input)).toEqual([0xe0, 0xe1, 0xe1, 0xfe, 0xdb, 0xda]);
    expect(markers(output)).toEqual([0xe0, 0xdb, 0xda]);
    expect(latin1(output)).not.toMatch(/Exif|xmpmeta|Jane|GPS/);
    expect(latin1(output)).toContain('JFIF');
    // Everything from the first table on is unchanged.
    const tail = (bytes: Uint8Array): string => latin1(bytes).slice(latin1(bytes).indexOf('\xff\xdb'));
    expect(tail(output)).toBe(tail(input));
  });

  it('drops an APP0 that is not JFIF (a JFXX thumbnail) and the APP2..APP15 blocks', () => {
    const seg = (marker: number, payload: number[]): number[] => [0xff, marker, 0, payload.length + 2, ...payload];
    const input = new Uint8Array([
      0xff,
      0xd8,
      ...seg(0xe0, [...ascii('JFXX'), 0, 0x10]),
      ...seg(0xe2, ascii('ICC_PROFILE Jane')),
      ...seg(0xed, ascii('Photoshop 3.0 Jane')),
      ...seg(0xdb, [0, 1, 2]),
      0xff,
      0xd9,
    ]);
    expect(markers(stripJpeg(input))).toEqual([0xdb, 0xd9]);
  });

  it('never throws and never keeps an APP1 or COM segment, whatever the bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 400 }), fc.boolean(), (tail, withHeader) => {
        const input = withHeader ? new Uint8Array([0xff, 0xd8, ...tail]) : tail;
        const output = stripJpeg(input);
        const found = markers(output);
        expect(found).not.toContain(0xe1);
        expect(found).not.toContain(0xfe);
      }),
    );
  });
});

describe('stripPng', () => {
  it('drops tEXt, iTXt, zTXt, eXIf and tIME, keeps the image chunks unchanged', () => {
    const output = stripPng(pngWithMetadata());
    const text = latin1(output);
    expect(text).not.toMatch(/tEXt|iTXt|zTXt|eXIf|tIME|Jane|GPS/);
    for (const type of ['IHDR', 'IDAT', 'IEND']) expect(text).toContain(type);
    expect(output.length).toBe(8 + 25 + 22 + 12);
  });

  it('never throws on damaged input', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (tail) => {
        const input = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, ...tail]);
        expect(() => stripPng(input)).not.toThrow();
      }),
    );
  });
});

/** A RIFF chunk: four-character code, little-endian size, payload and a pad byte when the size is odd. */
function riffChunk(fourcc: string, data: number[]): number[] {
  const n = data.length;
  return [
    ...ascii(fourcc),
    n & 0xff,
    (n >>> 8) & 0xff,
    (n >>> 16) & 0xff,
    (n >>> 24) & 0xff,
    ...data,
    ...(n & 1 ? [0] : []),
  ];
}

function webpWithMetadata(): Uint8Array {
  const vp8x = [0x08 | 0x04 | 0x20, 0, 0, 0, 0, 0, 0, 0, 0, 0]; // EXIF, XMP and ICC flags; 1×1 canvas
  const body = [
    ...riffChunk('VP8X', vp8x),
    ...riffChunk('ICCP', ascii('icc-profile')),
    ...riffChunk('VP8 ', [0x30, 0x01, 0x00, 0x9d, 0x01, 0x2a, 1, 0, 1, 0, 0x02]),
    ...riffChunk('EXIF', [...ascii('MM'), 0, 42, ...ascii('GPS 51.5 Jane Doe')]),
    ...riffChunk('XMP ', ascii('<x:xmpmeta>Jane</x:xmpmeta>')),
  ];
  const size = body.length + 4;
  return new Uint8Array([...ascii('RIFF'), size & 0xff, (size >>> 8) & 0xff, 0, 0, ...ascii('WEBP'), ...body]);
}

function gifWithMetadata(): Uint8Array {
  return new Uint8Array([
    ...ascii('GIF89a'),
    1,
    0,
    1,
    0,
    0x80,
    0,
    0, // 1×1, global colour table of 2 entries
    0,
    0,
    0,
    255,
    255,
    255,
    0x21,
    0xff,
    11,
    ...ascii('NETSCAPE2.0'),
    3,
    1,
    0,
    0,
    0, // loop forever
    0x21,
    0xfe,
    8,
    ...ascii('Jane Doe'),
    0, // comment
    0x21,
    0xff,
    11,
    ...ascii('XMP DataXMP'),
    5,
    ...ascii('Jane!'),
    0, // XMP application block
    0x21,
    0xf9,
    4,
    0,
    10,
    0,
    0,
    0, // graphic control: frame timing
    0x2c,
    0,
    0,
    0,
    0,
    1,
    0,
    1,
    0,
    0,
    2,
    2,
    0x44,
    0x01,
    0, // image: LZW size 2, one data sub-block
    0x3b,
  ]);
}

describe('stripWebp', () => {
  it('drops EXIF and XMP chunks, clears their flags, keeps image and colour chunks, and fixes the RIFF size', () => {
    const output = stripWebp(webpWithMetadata());
    const text = latin1(output);
    expect(text).not.toMatch(/EXIF|XMP |Jane|GPS/);
    for (const fourcc of ['VP8X', 'ICCP', 'VP8 ']) expect(text).toContain(fourcc);
    expect(output[20] as number).toBe(0x20); // only the ICC flag is left
    const riffSize = (output[4] as number) | ((output[5] as number) << 8) | ((output[6] as number) << 16);
    expect(riffSize).toBe(output.length - 8);
    expect(imageType(output)).toBe('webp');
    expect(text).toContain(
      latin1(new Uint8Array(riffChunk('VP8 ', [0x30, 0x01, 0x00, 0x9d, 0x01, 0x2a, 1, 0, 1, 0, 0x02]))),
    );
  });

  it('never throws on damaged input and never keeps a chunk cut short', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (tail) => {
        const input = new Uint8Array([...ascii('RIFF'), 0, 1, 0, 0, ...ascii('WEBP'), ...tail]);
        expect(() => stripWebp(input)).not.toThrow();
      }),
    );
    const whole = webpWithMetadata();
    const cut = whole.slice(0, whole.length - 10); // the XMP chunk is cut short
    expect(latin1(stripWebp(cut))).not.toContain('Jane');
  });
});

describe('stripGif', () => {
  it('drops comments and application blocks other than looping, and keeps frames unchanged', () => {
    const input = gifWithMetadata();
    const output = stripGif(input);
    const text = latin1(output);
    expect(text).not.toMatch(/Jane|XMP/);
    expect(text).toContain('NETSCAPE2.0');
    expect(output[output.length - 1]).toBe(0x3b);
    // Header, palette, loop block, frame timing and the image, byte for byte: only the two metadata blocks are gone.
    expect(output.length).toBe(input.length - (3 + 8 + 1) - (3 + 11 + 1 + 5 + 1));
    expect(text.endsWith(latin1(input.slice(input.length - 24)))).toBe(true);
  });

  it('never throws on damaged input', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (tail) => {
        const input = new Uint8Array([...ascii('GIF89a'), ...tail]);
        expect(() => stripGif(input)).not.toThrow();
      }),
    );
  });
});

describe('stripImageMetadata', () => {
  it('recognises JPEG, PNG, WebP and GIF by their bytes and leaves other files alone', () => {
    expect(imageType(jpegWithMetadata())).toBe('jpeg');
    expect(imageType(pngWithMetadata())).toBe('png');
    expect(imageType(webpWithMetadata())).toBe('webp');
    expect(imageType(gifWithMetadata())).toBe('gif');
    expect(stripImageMetadata(webpWithMetadata()).stripped).toBe(true);
    expect(stripImageMetadata(gifWithMetadata()).stripped).toBe(true);
    const pdf = new Uint8Array(ascii('%PDF-1.7 Jane'));
    expect(stripImageMetadata(pdf)).toEqual({ bytes: pdf, stripped: false });
    expect(stripImageMetadata(jpegWithMetadata()).stripped).toBe(true);
  });
});
