/**
 * The fonts that print a learner's name on the certificate. DejaVu Sans Bold (Latin, Greek, Cyrillic, Hebrew, Arabic
 * and more) draws the name; characters it lacks come from the bold Noto Sans SC slices (Chinese, Japanese kana), and
 * only the slices the name needs are loaded. Fonts are embedded as subsets, so a certificate carries only the glyphs
 * of its own name. Nothing here touches the network or the file system: the caller passes a {@link FontLoader}
 * (`fetch` in the browser, `fs` in Node), so the same code builds the same bytes everywhere.
 */
import type { PDFDocument, PDFFont } from 'pdf-lib';
import { CertificateIssueError } from './errors.ts';

/** Reads a font file named by its npm package path (`dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf`); the host decides how. */
export type FontLoader = (packagePath: string) => Promise<Uint8Array>;

/** The face that draws names. Its bytes are part of the certificate layout: changing them changes every PDF. */
export const NAME_FONT = 'dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf';

/** The package path of one bold Noto Sans SC slice (`116` → `…/noto-sans-sc-116-700-normal.woff`). */
export function cjkSliceFile(slice: string): string {
  return `@fontsource/noto-sans-sc/files/noto-sans-sc-${slice}-700-normal.woff`;
}

/** Hebrew, Arabic, Syriac, Thaana, NKo and their presentation forms: the right-to-left scripts a name may use. */
const RTL = /[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc]/u;
/** Letters and digits set a direction; spaces, hyphens, apostrophes and dots take it from their neighbours. */
const STRONG = /[\p{L}\p{N}]/u;

interface FontkitFont {
  hasGlyphForCodePoint(codePoint: number): boolean;
  createSubset(): unknown;
}
/** The parts of fontkit that pdf-lib's `registerFontkit` uses. */
export interface Fontkit {
  create(data: Uint8Array, postscriptName?: string): FontkitFont;
}
/** The parts of fontkit's TrueType subset that {@link evenGlyphs} touches. */
interface TrueTypeSubset {
  glyf: Uint8Array[];
  offset: number;
  _addGlyph(gid: number): number;
}

/**
 * Makes every glyph a TrueType subset copies an even number of bytes long. fontkit 1.x halves offsets into a short
 * `loca` table without padding glyphs, so a glyph after an odd-length one lands one byte early and draws as garbage or
 * nothing. A glyph may be followed by padding, so the padded subset is a valid font. (The disclosure bundle works round
 * the same fontkit bug; this is the training app's own copy because its bytes are frozen into certificates.)
 */
function evenGlyphs(subset: unknown): unknown {
  const ttf = subset as Partial<TrueTypeSubset>;
  const addGlyph = ttf._addGlyph?.bind(subset);
  if (!addGlyph) return subset;
  ttf._addGlyph = (gid: number): number => {
    const index = addGlyph(gid);
    const glyphs = ttf.glyf as Uint8Array[];
    const data = glyphs[index];
    if (data !== undefined && data.length % 2 === 1) {
      // Keep fontkit's own buffer class (Buffer in Node, its polyfill in a browser).
      const BufferClass = data.constructor as unknown as { from(values: number[]): Uint8Array };
      glyphs[index] = BufferClass.from([...data, 0]);
      ttf.offset = (ttf.offset ?? 0) + 1;
    }
    return index;
  };
  return subset;
}

/** fontkit with subsets that keep every glyph in place ({@link evenGlyphs}); give this to `PDFDocument.registerFontkit`. */
export function certificateFontkit(fontkit: Fontkit): Fontkit {
  return {
    create(data, postscriptName) {
      const font = fontkit.create(data, postscriptName);
      const createSubset = font.createSubset.bind(font);
      font.createSubset = () => evenGlyphs(createSubset());
      return font;
    },
  };
}

/** A piece of one line drawn with one font, in the order it appears left to right on the page. */
export interface NameRun {
  text: string;
  font: PDFFont;
}

interface Face {
  font: PDFFont;
  has(codePoint: number): boolean;
}

/** Reads bold Noto Sans SC's slice table (which slice holds which characters), only when a name needs it. */
async function cjkSlices(): Promise<[string, [number, number][]][]> {
  const table = (await import('@fontsource/noto-sans-sc/unicode.json', { with: { type: 'json' } })).default as Record<
    string,
    string
  >;
  return Object.entries(table).flatMap(([key, ranges]) => {
    const slice = /^\[(\d+)\]$/.exec(key)?.[1];
    if (slice === undefined) return []; // the named slices (latin, cyrillic…) repeat what DejaVu already draws
    const parsed = ranges.split(',').map((range): [number, number] => {
      const [from = '', to] = range.trim().replace(/^U\+/i, '').split('-');
      const start = Number.parseInt(from, 16);
      return [start, to === undefined ? start : Number.parseInt(to, 16)];
    });
    return [[slice, parsed]];
  });
}

/** True when fontkit can read the font's character map (it throws on a few Noto Sans SC slices that lack one). */
function readable(font: FontkitFont): boolean {
  try {
    font.hasGlyphForCodePoint(0x20);
    return true;
  } catch {
    return false;
  }
}

/** The characters of `name` (each once, in order) that none of the given fonts can draw. */
function missing(name: string, has: (codePoint: number) => boolean): string[] {
  return [...new Set([...name].filter((char) => char !== ' ' && !has(char.codePointAt(0) ?? 0)))];
}

/** The message given when a name has characters no embedded font can print: which ones, and what to do instead. */
export function unprintableMessage(characters: readonly string[]): string {
  const list = characters
    .map((char) => `${char} (U+${(char.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')})`)
    .join(', ');
  return (
    `the certificate cannot print ${characters.length === 1 ? 'this character' : 'these characters'} in your name: ${list}. ` +
    'Enter your name in Latin letters, spelt as it is on your staff record'
  );
}

/**
 * The fonts one certificate's name needs, embedded as subsets: DejaVu Sans Bold, then any Noto Sans SC slices, in slice
 * order so the file is the same every time. `font` and `fontkit` are created by the caller (they load lazily with pdf-lib).
 */
export class NameFonts {
  private readonly faces: readonly Face[];

  private constructor(faces: readonly Face[]) {
    this.faces = faces;
  }

  /**
   * Embeds the fonts `name` needs into `doc` (which must have {@link certificateFontkit} registered). Throws
   * {@link CertificateIssueError} naming the characters when some cannot be printed (Korean Hangul, Devanagari, Thai…).
   */
  static async embed(doc: PDFDocument, name: string, load: FontLoader, fontkit: Fontkit): Promise<NameFonts> {
    const primaryBytes = await load(NAME_FONT);
    const primary = fontkit.create(primaryBytes);
    const face = async (bytes: Uint8Array, probe: FontkitFont): Promise<Face> => ({
      font: await doc.embedFont(bytes, { subset: true }),
      has: (codePoint) => probe.hasGlyphForCodePoint(codePoint),
    });
    const lacking = missing(name, (cp) => primary.hasGlyphForCodePoint(cp));
    const extra: { bytes: Uint8Array; probe: FontkitFont }[] = [];
    if (lacking.length > 0) {
      const slices = await cjkSlices();
      const wanted = new Set<string>();
      for (const char of lacking) {
        const cp = char.codePointAt(0) ?? 0;
        const slice = slices.find(([, ranges]) => ranges.some(([from, to]) => cp >= from && cp <= to))?.[0];
        if (slice !== undefined) wanted.add(slice);
      }
      for (const slice of [...wanted].sort((a, b) => Number(a) - Number(b))) {
        const bytes = await load(cjkSliceFile(slice));
        const probe = fontkit.create(bytes);
        // A few slices hold only marks for other scripts and have no character map fontkit can read: skip them.
        if (readable(probe)) extra.push({ bytes, probe });
      }
      // A slice's range can promise more than its font holds (the SC slices list Hangul they do not draw).
      const unprintable = missing(name, (cp) =>
        [primary, ...extra.map((e) => e.probe)].some((f) => f.hasGlyphForCodePoint(cp)),
      );
      if (unprintable.length > 0) throw new CertificateIssueError(unprintableMessage(unprintable));
    }
    const faces = [await face(primaryBytes, primary)];
    for (const { bytes, probe } of extra) faces.push(await face(bytes, probe));
    return new NameFonts(faces);
  }

  /** The font for one character: DejaVu if it has it, else the first slice that does. */
  private fontFor(char: string, previous: Face | undefined): Face {
    const cp = char.codePointAt(0) ?? 0;
    // Spaces and punctuation stay in the font already in use, so a run is not split for them.
    if (previous && !STRONG.test(char) && previous.has(cp)) return previous;
    return this.faces.find((f) => f.has(cp)) ?? (this.faces[0] as Face);
  }

  /**
   * Splits one line of a name into runs ordered left to right. Right-to-left stretches (Arabic, Hebrew) become their own
   * runs, which fontkit shapes and lays out right to left; the line's direction is that of its first letter, and a line
   * that starts right to left lists its runs from the right. This is the simple case of the Unicode bidi algorithm: it
   * covers names, not nested embeddings or numbers inside right-to-left text.
   */
  runs(line: string): NameRun[] {
    const chars = [...line];
    const strong = chars.map((char) => (STRONG.test(char) ? (RTL.test(char) ? 'r' : 'l') : null));
    const firstStrong = strong.find((dir) => dir !== null) ?? 'l';
    // A neutral between two letters of the same direction takes it; otherwise the line's direction.
    const dirs = chars.map((_, i) => {
      const own = strong[i];
      if (own) return own;
      const before = strong.slice(0, i).findLast((d) => d !== null);
      const after = strong.slice(i + 1).find((d) => d !== null);
      return before !== undefined && before === after ? before : firstStrong;
    });
    const groups: { dir: 'l' | 'r'; parts: { face: Face; text: string }[] }[] = [];
    chars.forEach((char, i) => {
      const dir = dirs[i] ?? 'l';
      let group = groups.at(-1);
      if (!group || group.dir !== dir) {
        group = { dir, parts: [] };
        groups.push(group);
      }
      const last = group.parts.at(-1);
      const face = this.fontFor(char, last?.face);
      if (last && last.face === face) last.text += char;
      else group.parts.push({ face, text: char });
    });
    const ordered = firstStrong === 'r' ? groups.reverse() : groups;
    return ordered.flatMap((group) =>
      (group.dir === 'r' ? group.parts.reverse() : group.parts).map((part) => ({
        text: part.text,
        font: part.face.font,
      })),
    );
  }

  /** The width of one line of a name at `size` points. */
  width(line: string, size: number): number {
    return this.runs(line).reduce((total, run) => total + run.font.widthOfTextAtSize(run.text, size), 0);
  }
}
