/**
 * Font selection for the PDF: which embedded (subsetted) font draws each character, and what stands in when no font has
 * it. DejaVu Sans (Latin, Greek, Cyrillic, Hebrew, Arabic, many symbols) is the primary face; Noto Sans SC slices cover
 * Chinese and Japanese kana and are loaded only when the chat uses them. Anything else becomes a visible stand-in
 * (`[emoji]`, `[U+XXXX]`), so no text is ever dropped silently or throws.
 */
import type { PDFDocument, PDFFont } from 'pdf-lib';
import { FontLoadError } from './errors.ts';
import type { FontLoader } from './types.ts';

/** npm package paths of the fonts the bundle may embed. */
export const FONT_FILES = {
  regular: 'dejavu-fonts-ttf/ttf/DejaVuSans.ttf',
  bold: 'dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf',
} as const;

/** One embedded font and what it can draw. */
export interface Face {
  font: PDFFont;
  has(codePoint: number): boolean;
  /** Width of `text` at size 1. */
  width(text: string): number;
}

/** A piece of text drawn with one face, left to right in logical order (or right to left when `rtl`). */
export interface Run {
  text: string;
  face: Face;
  rtl: boolean;
  /** Width at size 1. */
  width: number;
}

const RTL_CHAR = /[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc]|[\u{10800}-\u{10fff}\u{1e800}-\u{1efff}]/u;
const ARABIC_CHAR = /[\u0600-\u08ff\ufb50-\ufdff\ufe70-\ufefc]/;
// Combining marks and Indic/Thai scripts need fontkit's shaping.
const COMPLEX =
  // biome-ignore lint/suspicious/noMisleadingCharacterClass: a class of combining marks on their own is the purpose
  /[\u0300-\u036f\u0483-\u0489\u0900-\u0dff\u0e00-\u0eff\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]/;
const EMOJI = /\p{Extended_Pictographic}|\p{Regional_Indicator}/u;

/** True when a character belongs to a right-to-left script. */
export function isRtlChar(char: string): boolean {
  return RTL_CHAR.test(char);
}

function isJoiner(cp: number): boolean {
  return (
    cp === 0x200d ||
    cp === 0x200c ||
    (cp >= 0xfe00 && cp <= 0xfe0f) ||
    (cp >= 0x1f3fb && cp <= 0x1f3ff) ||
    (cp >= 0xe0020 && cp <= 0xe007f) ||
    cp === 0x20e3
  );
}

interface FontkitGlyph {
  id: number;
  advanceWidth: number;
}
interface FontkitFont {
  layout(
    text: string,
    features?: unknown,
    script?: string,
    language?: string,
    direction?: string,
  ): { glyphs: FontkitGlyph[] };
  glyphForCodePoint(cp: number): FontkitGlyph;
}
interface Fontkit {
  create(data: Uint8Array, postscriptName?: string): FontkitFont;
}

/**
 * Wraps fontkit so pdf-lib's text encoding takes a fast path (one cmap look-up per character) for text that needs no
 * shaping, and right-to-left runs are shaped and laid out right to left by fontkit.
 */
export function fastFontkit(fontkit: Fontkit): Fontkit {
  return {
    create(data, postscriptName) {
      const font = fontkit.create(data, postscriptName);
      const layout = font.layout.bind(font);
      font.layout = (text, features) => {
        if (RTL_CHAR.test(text)) {
          return layout(text, features, ARABIC_CHAR.test(text) ? 'arab' : 'hebr', undefined, 'rtl');
        }
        if (COMPLEX.test(text)) return layout(text, features);
        const glyphs: FontkitGlyph[] = [];
        for (const char of text) glyphs.push(font.glyphForCodePoint(char.codePointAt(0) ?? 0));
        return { glyphs };
      };
      return font;
    },
  };
}

function makeFace(font: PDFFont): Face {
  const set = new Set(font.getCharacterSet());
  const widths = new Map<number, number>();
  return {
    font,
    has: (cp) => set.has(cp),
    width(text) {
      if (RTL_CHAR.test(text) || COMPLEX.test(text)) return font.widthOfTextAtSize(text, 1);
      let total = 0;
      for (const char of text) {
        const cp = char.codePointAt(0) ?? 0;
        let w = widths.get(cp);
        if (w === undefined) {
          w = font.widthOfTextAtSize(char, 1);
          widths.set(cp, w);
        }
        total += w;
      }
      return total;
    },
  };
}

interface Slice {
  file: string;
  /** CSS unicode-range without the `U+`: `4e00-4e0f,4e11`. */
  ranges: string;
}

type ParsedSlice = { file: string; ranges: [number, number][] };

/** Loads the slice table (68 KB) only when a chat has characters DejaVu Sans lacks. */
async function loadSlices(): Promise<ParsedSlice[]> {
  const table = (await import('./fonts/noto-sans-sc-ranges.json', { with: { type: 'json' } })).default as Slice[];
  return table.map((slice) => ({
    file: slice.file,
    ranges: slice.ranges.split(',').map((part): [number, number] => {
      const [from, to] = part.split('-');
      const start = Number.parseInt(from ?? '', 16);
      return [start, to === undefined ? start : Number.parseInt(to, 16)];
    }),
  }));
}

/** Finds the Noto Sans SC slice that holds a code point, if any. */
function sliceFor(slices: readonly ParsedSlice[], cp: number): string | undefined {
  for (const slice of slices) {
    for (const [from, to] of slice.ranges) if (cp >= from && cp <= to) return slice.file;
  }
  return undefined;
}

/** The faces of one document, chosen for the code points it will draw. */
export class FontBook {
  readonly regular: Face;
  readonly bold: Face;
  readonly regularChain: Face[];
  readonly boldChain: Face[];
  /** Code points that no face could draw and were shown as stand-ins. */
  readonly standIns = new Set<number>();
  /** The font files embedded, for the README's and the tests' benefit. */
  readonly embedded: string[];

  private constructor(regular: Face, bold: Face, extra: Face[], embedded: string[]) {
    this.regular = regular;
    this.bold = bold;
    this.regularChain = [regular, ...extra];
    this.boldChain = [bold, regular, ...extra];
    this.embedded = embedded;
  }

  /** Embeds the primary faces and whichever CJK slices the given code points need. */
  static async create(
    doc: PDFDocument,
    codePoints: ReadonlySet<number>,
    loader: FontLoader | undefined,
    standardFonts: { Helvetica: string; HelveticaBold: string },
  ): Promise<FontBook> {
    if (!loader) {
      const regular = makeFace(await doc.embedFont(standardFonts.Helvetica));
      const bold = makeFace(await doc.embedFont(standardFonts.HelveticaBold));
      return new FontBook(regular, bold, [], []);
    }
    const load = async (file: string): Promise<PDFFont> => {
      let bytes: Uint8Array;
      try {
        bytes = await loader(file);
      } catch (error) {
        throw new FontLoadError(
          `could not load font file ${file}: ${error instanceof Error ? error.message : String(error)}`,
        );
      }
      try {
        return await doc.embedFont(bytes, { subset: true });
      } catch (error) {
        throw new FontLoadError(
          `could not parse font file ${file}: ${error instanceof Error ? error.message : String(error)}`,
        );
      }
    };
    const regular = makeFace(await load(FONT_FILES.regular));
    const bold = makeFace(await load(FONT_FILES.bold));
    const needed = new Set<string>();
    let slices: ParsedSlice[] | undefined;
    for (const cp of codePoints) {
      if (regular.has(cp) || cp < 0x2e80) continue;
      slices ??= await loadSlices();
      const file = sliceFor(slices, cp);
      if (file) needed.add(file);
    }
    const files = [...needed].sort();
    const extra: Face[] = [];
    for (const file of files) extra.push(makeFace(await load(file)));
    return new FontBook(regular, bold, extra, [FONT_FILES.regular, FONT_FILES.bold, ...files]);
  }

  /**
   * Splits one line's text into runs by face. `rtl` marks a right-to-left phrase (laid out as one run per face). Characters
   * no face has become stand-ins: `[emoji]` for emoji (one per emoji sequence), `[U+XXXX]` for anything else.
   */
  runs(text: string, bold: boolean, rtl = false): Run[] {
    const chain = bold ? this.boldChain : this.regularChain;
    const primary = chain[0] as Face;
    const runs: Run[] = [];
    let face: Face | undefined;
    let buffer = '';
    let standIn = false;
    let lastWasEmojiStandIn = false;
    let joined = false;
    let openFlag = false;
    const flush = (): void => {
      if (buffer && face) runs.push({ text: buffer, face, rtl: rtl && !standIn, width: face.width(buffer) });
      buffer = '';
    };
    const push = (target: Face, piece: string, isStandIn: boolean): void => {
      if (target !== face || isStandIn !== standIn) {
        flush();
        face = target;
        standIn = isStandIn;
      }
      buffer += piece;
    };
    for (const char of text) {
      const cp = char.codePointAt(0) ?? 0;
      if (isJoiner(cp)) {
        if (face && !standIn && face.has(cp)) buffer += char;
        if (cp === 0x200d && lastWasEmojiStandIn) joined = true;
        continue;
      }
      const regional = cp >= 0x1f1e6 && cp <= 0x1f1ff;
      const found = face && !standIn && face.has(cp) ? face : chain.find((candidate) => candidate.has(cp));
      if (found) {
        push(found, char, false);
        lastWasEmojiStandIn = false;
      } else if (EMOJI.test(char)) {
        this.standIns.add(cp);
        // A ZWJ sequence or the second half of a flag is one emoji: one stand-in.
        const continues: boolean = lastWasEmojiStandIn && (joined || (regional && openFlag));
        if (!continues) push(primary, '[emoji]', true);
        openFlag = regional && !continues;
        lastWasEmojiStandIn = true;
      } else {
        this.standIns.add(cp);
        push(primary, `[U+${cp.toString(16).toUpperCase().padStart(4, '0')}]`, true);
        lastWasEmojiStandIn = false;
      }
      joined = false;
    }
    flush();
    return runs;
  }
}
