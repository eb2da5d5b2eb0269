/**
 * Font selection for the PDF: which embedded (subsetted) font draws each character, and what stands in when no font has
 * it. DejaVu Sans (Latin, Greek, Cyrillic, Hebrew, Arabic, many symbols) is the primary face; Noto Sans SC slices cover
 * Chinese and Japanese kana and Noto Emoji slices cover emoji (monochrome), each loaded only when the chat uses them.
 * Anything else becomes a visible stand-in (`[emoji]`, `[U+XXXX]`), so no text is ever dropped silently or throws.
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
// Emoji sequences (ZWJ, variation selector, keycap, flags, tags, skin tones) become one glyph by the font's ligatures.
const SEQUENCE = /[\u200d\ufe0f\u20e3]|[\u{1f1e6}-\u{1f1ff}\u{1f3fb}-\u{1f3ff}\u{e0020}-\u{e007f}]/u;
const EMOJI = /\p{Extended_Pictographic}|\p{Regional_Indicator}/u;
const PICTOGRAPHIC = /\p{Extended_Pictographic}/u;
const EMOJI_PRESENTATION = /^(?:\p{Emoji_Presentation}|\p{Regional_Indicator})/u;
// Marks that ask for emoji presentation: variation selector 16, ZWJ, keycap, skin tones, tag sequences.
const EMOJI_MARK = /\ufe0f|\u200d|\u20e3|[\u{1f3fb}-\u{1f3ff}\u{e0020}-\u{e007f}]/u;
/**
 * One emoji as the reader sees it: a flag (two regional indicators), a keycap, or pictographs joined by ZWJ, each with
 * an optional variation selector, skin tone or tag sequence (UTS #51, simplified).
 */
const EMOJI_CLUSTER = new RegExp(
  [
    String.raw`\p{Regional_Indicator}{1,2}`,
    String.raw`[#*0-9]\ufe0f?\u20e3`,
    String.raw`\p{Extended_Pictographic}[\ufe0e\ufe0f]?(?:[\u{1f3fb}-\u{1f3ff}]|[\u{e0020}-\u{e007e}]+\u{e007f})?` +
      String.raw`(?:\u200d\p{Extended_Pictographic}[\ufe0e\ufe0f]?[\u{1f3fb}-\u{1f3ff}]?)*`,
  ].join('|'),
  'gu',
);

/** True when a character belongs to a right-to-left script. */
export function isRtlChar(char: string): boolean {
  return RTL_CHAR.test(char);
}

/** Characters that modify their neighbour and are kept only when the face drawing it has them. */
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

/** Parts of an emoji sequence a face may lack and still draw it: variation selectors and skin tones. */
function isOptionalInEmoji(cp: number): boolean {
  return cp === 0xfe0e || cp === 0xfe0f || (cp >= 0x1f3fb && cp <= 0x1f3ff);
}

/** True when a matched emoji cluster is meant as an emoji picture rather than a text symbol such as © or ☺. */
function wantsEmojiPresentation(cluster: string): boolean {
  if (cluster.includes('\ufe0e') && !cluster.includes('\u200d')) return false;
  return EMOJI_MARK.test(cluster) || EMOJI_PRESENTATION.test(cluster);
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
  createSubset(): unknown;
}
/** The parts of fontkit's TrueType subset that {@link padOddGlyphs} touches. */
interface TrueTypeSubset {
  glyf: Uint8Array[];
  offset: number;
  _addGlyph(gid: number): number;
}
interface Fontkit {
  create(data: Uint8Array, postscriptName?: string): FontkitFont;
}

/** True when text needs fontkit's full layout (shaping or ligatures) rather than one glyph per character. */
function needsLayout(text: string): boolean {
  return COMPLEX.test(text) || SEQUENCE.test(text);
}

/**
 * Pads each glyph a TrueType subset copies to an even length. fontkit 1.x writes a short `loca` table (offsets halved)
 * for subsets under 64 KB without padding, so every glyph after an odd-length one was misplaced and drew blank (most
 * Noto Emoji glyphs have odd lengths). A glyph may be followed by padding, so the padded font is valid.
 */
function padOddGlyphs(subset: unknown): unknown {
  const ttf = subset as Partial<TrueTypeSubset>;
  const addGlyph = ttf._addGlyph?.bind(subset);
  if (!addGlyph) return subset; // a CFF subset has no loca table
  ttf._addGlyph = (gid) => {
    const index = addGlyph(gid);
    const glyf = ttf.glyf as Uint8Array[];
    const data = glyf[index];
    if (data && data.length % 2 === 1) {
      // Same class as fontkit's own buffers (Buffer in Node, its polyfill in a browser), one zero byte longer.
      const bufferClass = data.constructor as unknown as { from(values: number[]): Uint8Array };
      glyf[index] = bufferClass.from([...data, 0]);
      ttf.offset = (ttf.offset ?? 0) + 1;
    }
    return index;
  };
  return subset;
}

/** The part of fontkit's GPOS processor that {@link guardNullAnchors} touches. */
interface GposProcessor {
  applyAnchor(markRecord: { markAnchor: unknown }, baseAnchor: unknown, baseGlyphIndex: number): void;
}
const guarded = new WeakSet<object>();

/**
 * fontkit 1.x (pdf-lib's) reads a mark attachment whose anchor offset is null (OpenType's "no anchor for this class",
 * which Noto's Indic fonts use) as an anchor and throws, so a Hindi or Punjabi message could not be laid out. A mark
 * with no anchor is simply not attached, as later fontkit versions do: the processor's `applyAnchor` skips it.
 */
function guardNullAnchors(font: FontkitFont): void {
  const engine = (font as unknown as { _layoutEngine?: { engine?: { GPOSProcessor?: GposProcessor | null } } })
    ._layoutEngine?.engine;
  const processor = engine?.GPOSProcessor;
  if (!processor) return;
  const proto = Object.getPrototypeOf(processor) as GposProcessor;
  if (guarded.has(proto)) return;
  guarded.add(proto);
  const applyAnchor = proto.applyAnchor;
  proto.applyAnchor = function (this: GposProcessor, markRecord, baseAnchor, baseGlyphIndex) {
    if (!baseAnchor || !markRecord?.markAnchor) return;
    applyAnchor.call(this, markRecord, baseAnchor, baseGlyphIndex);
  };
}

/**
 * Wraps fontkit so pdf-lib's text encoding takes a fast path (one cmap look-up per character) for text that needs no
 * shaping, right-to-left runs are shaped and laid out right to left, emoji sequences form the font's ligatures, and
 * subsets keep every glyph in place ({@link padOddGlyphs}).
 */
export function fastFontkit(fontkit: Fontkit): Fontkit {
  return {
    create(data, postscriptName) {
      const font = fontkit.create(data, postscriptName);
      guardNullAnchors(font);
      const layout = font.layout.bind(font);
      font.layout = (text, features) => {
        if (RTL_CHAR.test(text)) {
          return layout(text, features, ARABIC_CHAR.test(text) ? 'arab' : 'hebr', undefined, 'rtl');
        }
        if (needsLayout(text)) return layout(text, features);
        const glyphs: FontkitGlyph[] = [];
        for (const char of text) glyphs.push(font.glyphForCodePoint(char.codePointAt(0) ?? 0));
        return { glyphs };
      };
      const createSubset = font.createSubset.bind(font);
      font.createSubset = () => padOddGlyphs(createSubset());
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
      if (RTL_CHAR.test(text) || needsLayout(text)) return font.widthOfTextAtSize(text, 1);
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

/** One entry of a slice table in `src/fonts/`. */
interface Slice {
  file: string;
  /** CSS unicode-range without the `U+`: `4e00-4e0f,4e11`. */
  ranges: string;
}

type ParsedSlice = { file: string; ranges: [number, number][] };

/** The sliced fonts, each with its table (generated by `scripts/font-ranges.ts`). */
type SlicedFont = 'cjk' | 'kr' | 'indic' | 'emoji';

/** Loads a slice table only when a chat needs it (the Chinese table is 68 KB), so it stays out of the main chunk. */
async function loadTable(font: SlicedFont): Promise<Slice[]> {
  const module =
    font === 'cjk'
      ? await import('./fonts/noto-sans-sc-ranges.json', { with: { type: 'json' } })
      : font === 'kr'
        ? await import('./fonts/noto-sans-kr-ranges.json', { with: { type: 'json' } })
        : font === 'indic'
          ? await import('./fonts/noto-sans-indic-ranges.json', { with: { type: 'json' } })
          : await import('./fonts/noto-emoji-ranges.json', { with: { type: 'json' } });
  return module.default as Slice[];
}

async function loadSlices(font: SlicedFont): Promise<ParsedSlice[]> {
  return (await loadTable(font)).map((slice) => ({
    file: slice.file,
    ranges: slice.ranges.split(',').map((part): [number, number] => {
      const [from, to] = part.split('-');
      const start = Number.parseInt(from ?? '', 16);
      return [start, to === undefined ? start : Number.parseInt(to, 16)];
    }),
  }));
}

/** The slices that hold a code point, in table order. */
function slicesFor(slices: readonly ParsedSlice[], cp: number): string[] {
  const files: string[] = [];
  for (const slice of slices) {
    if (slice.ranges.some(([from, to]) => cp >= from && cp <= to)) files.push(slice.file);
  }
  return files;
}

/**
 * Every font file the bundle may ask its {@link FontLoader} for: the two DejaVu faces, every Noto Sans SC and KR
 * slice, the five Indic fonts and every Noto Emoji slice. A host that builds fonts in ahead of time (the browser app)
 * checks its list against this one.
 */
export async function listFontFiles(): Promise<string[]> {
  const [cjk, kr, indic, emoji] = await Promise.all([
    loadTable('cjk'),
    loadTable('kr'),
    loadTable('indic'),
    loadTable('emoji'),
  ]);
  return [FONT_FILES.regular, FONT_FILES.bold, ...[...cjk, ...kr, ...indic, ...emoji].map((s) => s.file)];
}

/** Which text fonts may hold a code point DejaVu lacks, in order of preference. */
function textFontsFor(cp: number): SlicedFont[] {
  if ((cp >= 0x0900 && cp <= 0x0dff) || (cp >= 0x1cd0 && cp <= 0x1cff) || (cp >= 0xa830 && cp <= 0xa8ff)) {
    return ['indic'];
  }
  const hangul =
    (cp >= 0x1100 && cp <= 0x11ff) ||
    (cp >= 0x3130 && cp <= 0x318f) ||
    (cp >= 0xa960 && cp <= 0xa97f) ||
    (cp >= 0xac00 && cp <= 0xd7ff);
  if (hangul) return ['kr'];
  return cp >= 0x2e80 ? ['cjk', 'kr'] : [];
}

/** Characters several scripts share (dandas, Vedic marks): taken from a font the chat needs anyway, when one has them. */
const SHARED_INDIC = new Set([0x0951, 0x0952, 0x0964, 0x0965]);

/**
 * Chooses the slice files a document needs. Emoji shown as pictures (emoji presentation, or any pictograph when the
 * chat has a variation selector 16) come from Noto Emoji even where DejaVu has a glyph, so all emoji look alike; when
 * the chat has ZWJ sequences every emoji slice holding a component is loaded, because the ligature for a sequence lives
 * in one slice with all its parts. Other characters DejaVu lacks come from the Indic fonts (Devanagari, Bengali,
 * Gurmukhi, Gujarati, Tamil), Noto Sans SC or KR, else Noto Emoji: only the fonts and slices the chat uses.
 */
async function chooseSlices(codePoints: ReadonlySet<number>, regular: Face): Promise<Record<SlicedFont, string[]>> {
  const chosen: Record<SlicedFont, Set<string>> = {
    cjk: new Set(),
    kr: new Set(),
    indic: new Set(),
    emoji: new Set(),
  };
  const tables = new Map<SlicedFont, ParsedSlice[]>();
  const table = async (font: SlicedFont): Promise<ParsedSlice[]> => {
    let slices = tables.get(font);
    if (!slices) {
      slices = await loadSlices(font);
      tables.set(font, slices);
    }
    return slices;
  };
  const hasVs16 = codePoints.has(0xfe0f);
  const hasZwj = codePoints.has(0x200d);
  const addEmoji = async (cp: number, all: boolean): Promise<boolean> => {
    const files = slicesFor(await table('emoji'), cp);
    for (const file of all ? files : files.slice(0, 1)) chosen.emoji.add(file);
    return files.length > 0;
  };
  if (codePoints.has(0x20e3)) await addEmoji(0x20e3, false);
  // A ZWJ sequence's ligature lives in a slice that also holds the joiner and (for gendered and other fully qualified
  // sequences) the variation selector, which phones often leave out.
  if (hasZwj) {
    await addEmoji(0x200d, true);
    await addEmoji(0xfe0f, true);
  }
  const ordered = [...codePoints].sort((a, b) => Number(SHARED_INDIC.has(a)) - Number(SHARED_INDIC.has(b)) || a - b);
  for (const cp of ordered) {
    if (isJoiner(cp) || cp < 0x80) continue;
    const char = String.fromCodePoint(cp);
    // A ZWJ sequence's parts (♀, ♂, ❤) may be text symbols DejaVu has: the sequence still needs them from Noto Emoji.
    const picture = EMOJI_PRESENTATION.test(char) || ((hasVs16 || hasZwj) && PICTOGRAPHIC.test(char));
    if (picture && (await addEmoji(cp, hasZwj))) continue;
    if (regular.has(cp)) continue;
    let found = false;
    for (const font of textFontsFor(cp)) {
      const files = slicesFor(await table(font), cp);
      const file = files.find((candidate) => chosen[font].has(candidate)) ?? files[0];
      if (file) {
        chosen[font].add(file);
        found = true;
        break;
      }
    }
    if (!found) await addEmoji(cp, hasZwj);
  }
  return {
    cjk: [...chosen.cjk].sort(),
    kr: [...chosen.kr].sort(),
    indic: [...chosen.indic].sort(),
    emoji: [...chosen.emoji].sort(),
  };
}

/** The faces of one document, chosen for the code points it will draw. */
export class FontBook {
  readonly regular: Face;
  readonly bold: Face;
  /** Faces for text, in order of preference: DejaVu, then the Indic, Noto Sans SC and KR faces, then Noto Emoji. */
  readonly regularChain: Face[];
  readonly boldChain: Face[];
  /** Faces for pictographs, in order of preference: DejaVu, then Noto Emoji slices, then Noto Sans SC slices. */
  private readonly regularPictureChain: Face[];
  private readonly boldPictureChain: Face[];
  private readonly emojiFaces: Face[];
  /** The face and text chosen for each emoji sequence seen (`null` when no slice draws it whole). */
  private readonly emojiChoices = new Map<string, { face: Face; text: string } | null>();
  /** Code points that no face could draw and were shown as stand-ins. */
  readonly standIns = new Set<number>();
  /** The font files embedded, for the README's and the tests' benefit. */
  readonly embedded: string[];

  private constructor(regular: Face, bold: Face, text: Face[], emoji: Face[], embedded: string[]) {
    const cjk = text;
    this.regular = regular;
    this.bold = bold;
    this.emojiFaces = emoji;
    this.regularChain = [regular, ...cjk, ...emoji];
    this.boldChain = [bold, regular, ...cjk, ...emoji];
    this.regularPictureChain = [regular, ...emoji, ...cjk];
    this.boldPictureChain = [bold, regular, ...emoji, ...cjk];
    this.embedded = embedded;
  }

  /** Embeds the primary faces and whichever CJK and emoji slices the given code points need. */
  static async create(
    doc: PDFDocument,
    codePoints: ReadonlySet<number>,
    loader: FontLoader | undefined,
    standardFonts: { Helvetica: string; HelveticaBold: string },
  ): Promise<FontBook> {
    if (!loader) {
      const regular = makeFace(await doc.embedFont(standardFonts.Helvetica));
      const bold = makeFace(await doc.embedFont(standardFonts.HelveticaBold));
      return new FontBook(regular, bold, [], [], []);
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
    const files = await chooseSlices(codePoints, regular);
    const text: Face[] = [];
    for (const file of [...files.indic, ...files.cjk, ...files.kr]) text.push(makeFace(await load(file)));
    const emoji: Face[] = [];
    for (const file of files.emoji) emoji.push(makeFace(await load(file)));
    return new FontBook(regular, bold, text, emoji, [
      FONT_FILES.regular,
      FONT_FILES.bold,
      ...files.indic,
      ...files.cjk,
      ...files.kr,
      ...files.emoji,
    ]);
  }

  /**
   * Splits one line's text into runs by face. `rtl` marks a right-to-left phrase (laid out as one run per face). An
   * emoji sequence is drawn whole by the first emoji slice that has all its parts (its ligature, if the font has one;
   * skin tones and variation selectors are dropped when the slice lacks them), else part by part. Characters no face
   * has become stand-ins: `[emoji]` for emoji (one per emoji sequence), `[U+XXXX]` for anything else.
   */
  runs(text: string, bold: boolean, rtl = false): Run[] {
    const chain = bold ? this.boldChain : this.regularChain;
    const pictureChain = bold ? this.boldPictureChain : this.regularPictureChain;
    const emojiFaces = new Set(this.emojiFaces);
    const primary = chain[0] as Face;
    const runs: Run[] = [];
    let face: Face | undefined;
    let buffer = '';
    let standIn = false;
    /** True right after an `[emoji]` stand-in of the current emoji sequence, so the sequence gets only one. */
    let emojiStandInOpen = false;
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
    /** Draws one character with the best face, or a stand-in. */
    const drawChar = (char: string, faces: readonly Face[]): void => {
      const cp = char.codePointAt(0) ?? 0;
      if (isJoiner(cp)) {
        if (face && !standIn && face.has(cp)) buffer += char;
        return;
      }
      // Stay in the current face (fewer runs), unless it is an emoji face: its digits and symbols are pictures.
      const sticky = face && !standIn && !emojiFaces.has(face) && face.has(cp);
      const found = sticky ? face : faces.find((candidate) => candidate.has(cp));
      if (found) {
        push(found, char, false);
        emojiStandInOpen = false;
      } else if (EMOJI.test(char)) {
        this.standIns.add(cp);
        if (!emojiStandInOpen) push(primary, '[emoji]', true);
        emojiStandInOpen = true;
      } else {
        this.standIns.add(cp);
        push(primary, `[U+${cp.toString(16).toUpperCase().padStart(4, '0')}]`, true);
        emojiStandInOpen = false;
      }
    };
    const drawPlain = (piece: string): void => {
      for (const char of piece) {
        emojiStandInOpen = false;
        drawChar(char, PICTOGRAPHIC.test(char) ? pictureChain : chain);
      }
    };
    const chooseEmojiFace = (cluster: string): { face: Face; text: string } | null => {
      const chars = [...cluster];
      const required = chars.filter((char) => !isOptionalInEmoji(char.codePointAt(0) ?? 0));
      let best: { face: Face; text: string; width: number } | null = null;
      for (const candidate of this.emojiFaces) {
        if (!required.every((char) => candidate.has(char.codePointAt(0) ?? 0))) continue;
        const kept = chars.filter((char) => candidate.has(char.codePointAt(0) ?? 0)).join('');
        // Several slices may hold every part; the one with the ligature draws the sequence narrowest.
        const width = required.length > 1 ? candidate.width(kept) : 0;
        if (!best || width < best.width) best = { face: candidate, text: kept, width };
        if (required.length === 1) break;
      }
      return best && { face: best.face, text: best.text };
    };
    const drawEmoji = (cluster: string): void => {
      let best = this.emojiChoices.get(cluster);
      if (best === undefined) {
        // The font's ligatures are for fully qualified sequences (UTS #51): "🏃‍♀" as phones often send it needs the
        // variation selector after ♀ to become one runner, not a runner and a stray ♀.
        const qualified = cluster.includes('\u200d')
          ? cluster.replace(/\p{Extended_Pictographic}(?![\ufe0e\ufe0f\u{1f3fb}-\u{1f3ff}])/gu, (char) =>
              EMOJI_PRESENTATION.test(char) ? char : `${char}\ufe0f`,
            )
          : cluster;
        best = chooseEmojiFace(qualified);
        this.emojiChoices.set(cluster, best);
      }
      if (best) {
        push(best.face, best.text, false);
        emojiStandInOpen = false;
        return;
      }
      emojiStandInOpen = false;
      const faces = [...this.emojiFaces, ...pictureChain];
      if (cluster.includes('\u200d')) {
        // No slice has the whole ZWJ sequence (a newer one): its first figure stands in for it, alone — never the
        // figures side by side with a stray ♀ or ♂ — or one [emoji] when no face has even that.
        const base = [...cluster][0] as string;
        drawChar(base, faces);
        return;
      }
      // A flag or keycap no slice has whole: its parts (the flag's letters), one stand-in for the rest.
      for (const char of cluster) drawChar(char, faces);
    };
    let last = 0;
    for (const match of text.matchAll(EMOJI_CLUSTER)) {
      drawPlain(text.slice(last, match.index));
      if (wantsEmojiPresentation(match[0])) drawEmoji(match[0]);
      else drawPlain(match[0]);
      last = match.index + match[0].length;
    }
    drawPlain(text.slice(last));
    flush();
    return runs;
  }
}
