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
 * `rtl` or `ltr` from the first strong character, or `undefined` when the text has none (digits, emoji only). bidi-js
 * reads text code unit by code unit, so characters beyond U+FFFF (emoji) are blanked first: they are neutral anyway.
 */
export function directionOf(text: string): 'rtl' | 'ltr' | undefined {
  const plain = text.replace(/[\ud800-\udbff][\udc00-\udfff]/g, '  ');
  if (!/[^\s\d\p{P}\p{S}]/u.test(plain)) return undefined;
  const level = bidi.getEmbeddingLevels(plain, 'auto').paragraphs[0]?.level ?? 0;
  return level % 2 === 1 ? 'rtl' : 'ltr';
}
