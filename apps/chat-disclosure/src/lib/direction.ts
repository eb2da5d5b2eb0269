/**
 * Which way a message reads, for the review screen: the direction of its first strong character (Unicode
 * Bidirectional Algorithm rules P2 and P3, by `bidi-js`, the implementation the PDF uses). The page sets it as the
 * paragraph's `dir`, so the browser's own bidi algorithm lays out Arabic or Hebrew mixed with digits and English in the
 * right order and aligns the paragraph to the right; a highlighted span gets the direction of its own text, so a phone
 * number inside an Arabic message still reads left to right.
 */
import bidiFactory from 'bidi-js';

const bidi = bidiFactory();

/**
 * Characters that can make a text read right to left or change which character counts first: the right-to-left
 * blocks (Hebrew, Arabic, Syriac, Thaana, NKo and their neighbours up to U+08FF; the presentation forms; U+10800–U+10FFF
 * and U+1E800–U+1EFFF by their high surrogates), the right-to-left mark and the explicit embeddings and isolates.
 */
const MAYBE_RTL =
  /[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff\u200f\u202a-\u202e\u2066-\u2069]|[\ud802\ud803\ud83a\ud83b]/;
/** A Latin letter: a strong left-to-right character. */
const LATIN_LETTER = /[A-Za-z]/;

/**
 * `rtl` or `ltr` from the first strong character, or `undefined` when the text has none (digits, emoji only). bidi-js
 * reads text code unit by code unit, so characters beyond U+FFFF (emoji) are blanked first: they are neutral anyway.
 */
export function directionOf(text: string): 'rtl' | 'ltr' | undefined {
  // Most messages: a Latin letter and nothing that could read right to left, so the first strong character is
  // left-to-right, whichever it is. Two scans instead of the bidi algorithm for every row drawn while scrolling.
  if (LATIN_LETTER.test(text) && !MAYBE_RTL.test(text)) return 'ltr';
  const plain = text.replace(/[\ud800-\udbff][\udc00-\udfff]/g, '  ');
  if (!/[^\s\d\p{P}\p{S}]/u.test(plain)) return undefined;
  const level = bidi.getEmbeddingLevels(plain, 'auto').paragraphs[0]?.level ?? 0;
  return level % 2 === 1 ? 'rtl' : 'ltr';
}
