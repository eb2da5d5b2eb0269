/**
 * Right-to-left text in the PDF, by the Unicode Bidirectional Algorithm (UAX #9) as `bidi-js` implements it: each
 * paragraph's direction from its first strong character (or given), every character's embedding level, mirrored
 * brackets, and rule L2's reordering of a laid-out line. The PDF writer asks this module what order to draw a line's
 * pieces in; the glyphs of a right-to-left piece are shaped and laid out right to left by fontkit.
 */
import type { Bidi, EmbeddingLevels } from 'bidi-js';

export type { Bidi };

/** The bidi analysis of one paragraph's text (which may hold several lines separated by `\n`). */
export interface BidiText {
  levels: Uint8Array;
  /** The text with brackets and other mirrored characters swapped where they sit in a right-to-left run. */
  mirrored: string;
  /** The base level of the paragraph (`\n`-separated) that holds each position. */
  baseLevelAt(index: number): number;
}

/** A character of the Basic Multilingual Plane for each bidi class an astral character may have. */
const STAND_IN: Record<string, string> = {
  L: 'a',
  R: '\u05d0',
  AL: '\u0627',
  EN: '0',
  AN: '\u0660',
  NSM: '\u0300',
  BN: '\u200b',
  WS: ' ',
};

/**
 * bidi-js classifies a string code unit by code unit, so an emoji or any character beyond U+FFFF (two code units) would
 * count as a strong left-to-right character. Each is replaced, for the analysis only, by two characters of its own
 * class (an emoji is "other neutral"), keeping every offset.
 */
function forAnalysis(bidi: Bidi, text: string): string {
  if (!/[\ud800-\udbff]/.test(text)) return text;
  let out = '';
  for (const char of text) {
    if (char.length === 1) out += char;
    else {
      const stand = STAND_IN[bidi.getBidiCharTypeName(char)] ?? '!';
      out += stand + stand;
    }
  }
  return out;
}

/**
 * Characters that can make any level odd: right-to-left letters (Hebrew, Arabic, Syriac, Thaana, N'Ko… and their
 * presentation forms and astral blocks) and the explicit right-to-left embeddings, overrides and isolates. A text
 * without any (nearly every message of a UK ward chat) is all level 0: nothing to reorder or mirror.
 */
const MAY_BE_RTL =
  /[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc\u200f\u202b\u202e\u2067\u061c]|\ud802|\ud803|\ud83a|\ud83b/;

/** Levels for `text`: `auto` takes each paragraph's direction from its first strong character (rules P2, P3). */
export function analyse(bidi: Bidi, text: string, direction: 'ltr' | 'auto'): BidiText {
  if (!MAY_BE_RTL.test(text)) {
    return { levels: new Uint8Array(text.length), mirrored: text, baseLevelAt: () => 0 };
  }
  const proxy = forAnalysis(bidi, text);
  const result: EmbeddingLevels = bidi.getEmbeddingLevels(proxy, direction);
  let mirrored = text;
  const swaps = bidi.getMirroredCharactersMap(proxy, result.levels);
  if (swaps.size > 0) {
    const chars = text.split('');
    for (const [index, char] of swaps) chars[index] = char;
    mirrored = chars.join('');
  }
  return {
    levels: result.levels,
    mirrored,
    baseLevelAt(index) {
      for (const paragraph of result.paragraphs) if (index <= paragraph.end) return paragraph.level;
      return result.paragraphs.at(-1)?.level ?? 0;
    },
  };
}

/**
 * Rule L2: the visual order (left to right) of a line's pieces, given each piece's embedding level in logical order.
 * From the highest level down to the lowest odd one, every run of pieces at that level or higher is reversed.
 */
export function visualOrder(levels: readonly number[]): number[] {
  const order = levels.map((_, i) => i);
  if (levels.length === 0) return order;
  const highest = Math.max(...levels);
  let lowestOdd = Math.min(...levels.map((level) => (level % 2 === 1 ? level : level + 1)));
  if (lowestOdd > highest) return order;
  lowestOdd = Math.max(lowestOdd, 1);
  for (let level = highest; level >= lowestOdd; level--) {
    let i = 0;
    while (i < order.length) {
      if ((levels[order[i] as number] as number) >= level) {
        let j = i;
        while (j + 1 < order.length && (levels[order[j + 1] as number] as number) >= level) j++;
        const run = order.slice(i, j + 1).reverse();
        order.splice(i, run.length, ...run);
        i = j + 1;
      } else i++;
    }
  }
  return order;
}
