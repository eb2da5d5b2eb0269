/**
 * Text a UK ward chat really holds, in the PDF: right-to-left lines mixed with digits, English and emoji laid out by
 * the Unicode Bidirectional Algorithm; Indic scripts and Korean shaped with embedded Noto fonts; emoji ZWJ sequences
 * as one glyph, or one clear stand-in.
 */
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { analyse, visualOrder } from '../src/bidi.ts';
import { buildBundle, type FontLoader } from '../src/index.ts';
import { nodeFontLoader, request, sampleConversation } from './fixtures.ts';

/** A one-message conversation, built into a PDF; returns the pages' text runs with their positions (PDF.js). */
async function layout(text: string, loader: FontLoader = nodeFontLoader) {
  const conversation = sampleConversation();
  conversation.messages = [
    { ...(conversation.messages[2] as (typeof conversation.messages)[number]), segments: [{ type: 'text', text }] },
  ];
  const asked: string[] = [];
  const result = await buildBundle({
    disclosed: conversation,
    request,
    options: {
      loadFont: (file) => {
        asked.push(file);
        return loader(file);
      },
    },
  });
  const pdfBytes = await (await JSZip.loadAsync(result.zip)).file('transcript.pdf')?.async('uint8array');
  const { getDocumentProxy } = await import('unpdf');
  const pdf = await getDocumentProxy(new Uint8Array(pdfBytes as Uint8Array));
  const page = await pdf.getPage(2);
  const items = (await page.getTextContent()).items.flatMap((item) =>
    'str' in item && item.str.trim()
      ? [{ str: item.str, x: item.transform[4] as number, y: item.transform[5] as number }]
      : [],
  );
  return { items, asked, result };
}

describe('the bidi algorithm (bidi-js) in the PDF', async () => {
  const bidi = (await import('bidi-js')).default();

  it('orders a right-to-left line with digits and English as UAX #9 does', () => {
    // Levels: Arabic 1, the digits 2, the English 2: visual order reverses the line and keeps "Ward 25" readable.
    const text = 'عندنا 3 أسرة في Ward 25';
    const analysed = analyse(bidi, text, 'auto');
    expect(analysed.baseLevelAt(0)).toBe(1);
    const words = text.split(' ');
    let at = 0;
    const levels = words.map((word) => {
      const level = analysed.levels[at] as number;
      at += word.length + 1;
      return level;
    });
    expect(visualOrder(levels).map((i) => words[i])).toEqual(['Ward', '25', 'في', 'أسرة', '3', 'عندنا']);
  });

  it('mirrors brackets inside right-to-left text and leaves English paragraphs left to right', () => {
    expect(analyse(bidi, 'اليوم (غداً)', 'auto').mirrored).toBe('اليوم )غداً(');
    expect(analyse(bidi, 'Bed (4) is free', 'auto').mirrored).toBe('Bed (4) is free');
    expect(analyse(bidi, 'Ward 25 عندنا', 'auto').baseLevelAt(0)).toBe(0);
  });

  it('lays out an Arabic message right-aligned, right to left, with digits and English in reading order', async () => {
    const { items } = await layout('عندنا 3 أسرة في Ward 25 👍');
    const line = items.filter((item) => Math.abs(item.y - (items.find((i) => i.str.includes('عندنا'))?.y ?? 0)) < 2);
    // PDF.js may join neighbouring words of one font into one item: compare the items the words start.
    const x = (needle: string) => line.find((item) => item.str.includes(needle))?.x ?? Number.NaN;
    // Right to left: the emoji ends the line, so it is leftmost (bidi-js alone would call it left-to-right and put it
    // after "Ward 25"); the word order within the line is checked by the visualOrder test above.
    expect(x('عندنا')).toBeGreaterThan(x('👍'));
    expect(line.map((item) => item.str)[0]).toBe('👍');
    // Aligned to the right margin: the line ends near the right edge of the text column (595 − 56 pt).
    expect(Math.max(...line.map((item) => item.x))).toBeGreaterThan(350);
  });
});

describe('Indic scripts and Korean', () => {
  it('embeds the Noto font for each script the chat uses, shapes it, and keeps the text extractable', async () => {
    const { items, asked } = await layout('नमस्ते, बिस्तर 4 खाली है। ਸਤਿ ਸ੍ਰੀ ਅਕਾਲ ਕਿਰਪਾ 안녕하세요 স্বাগতম வணக்கம் નમસ્તે');
    const text = items.map((item) => item.str).join(' ');
    expect(text).not.toContain('[U+');
    for (const script of ['devanagari', 'gurmukhi', 'bengali', 'tamil', 'gujarati']) {
      expect(asked.some((file) => file.includes(`noto-sans-${script}-${script}-400`))).toBe(true);
    }
    expect(asked.some((file) => file.startsWith('@fontsource/noto-sans-kr/'))).toBe(true);
    expect(asked.some((file) => file.includes('noto-sans-sc'))).toBe(false);
    for (const word of ['खाली', 'ਅਕਾਲ', '안녕하세요']) expect(text.replace(/\s+/g, '')).toContain(word);
  });

  it('loads no Indic or Korean font for a chat without them', async () => {
    const { asked } = await layout('Plain English, bed 4 is free');
    expect(asked.filter((file) => file.includes('noto-sans'))).toEqual([]);
  });
});

describe('emoji ZWJ sequences', () => {
  it('draws a gendered sequence without a variation selector as one glyph, never a stray ♀ or ♂', async () => {
    // Noto Emoji is monochrome and gender-neutral: its ligature draws the sequence as the one figure (the text layer
    // gives that figure, as it drops skin tones).
    const { items } = await layout('runner 🏃‍♀ officer 👮‍♂ end');
    const text = items
      .map((item) => item.str)
      .join('')
      .replace(/\s+/g, '');
    expect(text).toContain('runner🏃officer👮end');
    expect(text).not.toMatch(/[♀♂]|\[emoji\]/);
  });

  it('draws a sequence no font has as its first figure alone, not its parts side by side', async () => {
    // Not a real sequence: a dog joined to a pizza. Its figure stands in; the pizza is not drawn beside it.
    const { items } = await layout('odd 🐶‍🍕 end');
    const text = items.map((item) => item.str).join('');
    expect(text).toContain('🐶');
    expect(text).not.toContain('🍕');
    expect(text).not.toContain('[emoji]');
  });
});
