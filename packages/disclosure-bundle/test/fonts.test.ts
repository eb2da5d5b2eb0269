import { existsSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { DisclosedConversation } from '@im-records/redaction';
import fontkit from '@pdf-lib/fontkit';
import JSZip from 'jszip';
import { decodePDFRawStream, PDFDict, PDFDocument, PDFName, PDFRawStream } from 'pdf-lib';
import { getDocumentProxy } from 'unpdf';
import { describe, expect, it } from 'vitest';
import { buildBundle, FONT_FILES, type FontLoader, listFontFiles } from '../src/index.ts';
import { nodeFontLoader, request } from './fixtures.ts';

const require = createRequire(import.meta.url);

/** One message per line of text, all on one day. */
function chat(lines: readonly string[]): DisclosedConversation {
  return {
    mode: 'foi',
    title: 'Scripts',
    messages: lines.map((line, i) => ({
      id: `m${i}`,
      timestamp: `2024-03-04T09:${String(10 + i).padStart(2, '0')}:00+00:00`,
      author: 'Staff member A',
      kind: 'message' as const,
      segments: [{ type: 'text' as const, text: line }],
      attachments: [],
    })),
    counts: {
      messagesInScope: lines.length,
      messagesDisclosed: lines.length,
      messagesWithheld: 0,
      redactions: 0,
      attachmentsDisclosed: 0,
      attachmentsWithheld: 0,
    },
  };
}

/** Builds a bundle, recording which font files were asked for, and returns the PDF's text page by page. */
async function build(lines: readonly string[], loader: FontLoader | null = nodeFontLoader) {
  const asked: string[] = [];
  const loadFont: FontLoader = (file) => {
    asked.push(file);
    return (loader ?? nodeFontLoader)(file);
  };
  const result = await buildBundle({ disclosed: chat(lines), request, options: loader ? { loadFont } : {} });
  const pdfBytes = await (await JSZip.loadAsync(result.zip)).file('transcript.pdf')?.async('uint8array');
  if (!pdfBytes) throw new Error('no transcript.pdf');
  // VISUAL=dir writes the PDF for a look with `pdftoppm -r 80 -png`.
  if (process.env.VISUAL) writeFileSync(`${process.env.VISUAL}/fonts-${asked.length}.pdf`, pdfBytes);
  const pdf = await getDocumentProxy(new Uint8Array(pdfBytes));
  const pages: string[] = [];
  for (let i = 1; i <= pdf.numPages; i++) {
    const content = await (await pdf.getPage(i)).getTextContent();
    pages.push(content.items.map((item) => ('str' in item ? item.str + (item.hasEOL ? '\n' : ' ') : '')).join(''));
  }
  return { result, asked, pages, pdfBytes, text: pages.join('\n') };
}

/** The embedded font programs (FontFile2 streams) of a PDF by font name, parsed back with fontkit. */
async function embeddedFonts(pdfBytes: Uint8Array) {
  const doc = await PDFDocument.load(pdfBytes, { updateMetadata: false });
  const fonts: { name: string; font: ReturnType<typeof fontkit.create> }[] = [];
  for (const [, object] of doc.context.enumerateIndirectObjects()) {
    if (!(object instanceof PDFDict) || object.get(PDFName.of('Type')) !== PDFName.of('FontDescriptor')) continue;
    const file = object.lookup(PDFName.of('FontFile2'));
    if (!(file instanceof PDFRawStream)) continue;
    const name = String(object.get(PDFName.of('FontName')));
    fonts.push({ name, font: fontkit.create(decodePDFRawStream(file).decode()) });
  }
  return fonts;
}

const emojiLine = 'Emoji 😀 👍🏽 👨‍👩‍👧 🇬🇧 ❤️ 1️⃣ 🏴‍☠️ end';
const many = [
  'Chinese 中文测试 病人 好的',
  emojiLine,
  'Arabic مرحبا بكم and Hebrew שלום עולם',
  'Greek Ελληνικά, Polish Zażółć gęślą jaźń',
  'Text symbols © ® ™ ☺ ❤ stay text; digits 10 after ❤️10',
];

describe('emoji and scripts in the PDF', async () => {
  const built = await build(many);
  const squeezed = built.text.replace(/\s+/g, '');

  it('draws emoji with Noto Emoji slices, loading only the slices the chat needs', () => {
    const emojiFiles = built.asked.filter((file) => file.startsWith('@fontsource/noto-emoji/'));
    expect(emojiFiles.length).toBeGreaterThan(0);
    expect(emojiFiles.length).toBeLessThan(11);
    expect(built.asked.slice(0, 2)).toEqual([FONT_FILES.regular, FONT_FILES.bold]);
  });

  it('embeds every emoji glyph with its outline (fontkit 1.x subsets lost glyphs after an odd-length one)', async () => {
    const fonts = (await embeddedFonts(built.pdfBytes)).filter(({ name }) => name.startsWith('/NotoEmoji'));
    expect(fonts.length).toBeGreaterThan(0);
    let glyphs = 0;
    for (const { name, font } of fonts) {
      for (let id = 1; id < font.numGlyphs; id++) {
        const glyph = font.getGlyph(id);
        const { bbox } = glyph.path;
        expect(bbox.maxX - bbox.minX, `${name} glyph ${id}`).toBeGreaterThan(0);
        glyphs++;
      }
    }
    // 😀 👍 👨‍👩‍👧 🇬🇧 ❤️ 1️⃣ 🏴‍☠️ and the ❤️ of the last line; subsets may share none of them.
    expect(glyphs).toBeGreaterThanOrEqual(7);
  });

  it('keeps emoji text extractable: sequences map back to their characters, skin tones dropped', () => {
    // Ligature glyphs carry the whole sequence (ZWJ, variation selector) in the ToUnicode map.
    for (const emoji of ['😀', '👍', '👨‍👩‍👧', '🇬🇧', '❤️', '1️⃣', '🏴‍☠️']) expect(squeezed).toContain(emoji);
    expect(squeezed).not.toContain('🏽');
    expect(squeezed).toContain('Emoji😀👍👨‍👩‍👧🇬🇧❤️1️⃣🏴‍☠️end');
    expect(built.text).not.toContain('[emoji]');
    expect(built.pages[0]).not.toContain('stand-ins');
  });

  it('draws the other scripts as real text', () => {
    for (const sample of ['中文测试', '病人', 'Ελληνικά', 'Zażółć gęślą jaźń']) {
      expect(squeezed).toContain(sample.replace(/\s+/g, ''));
    }
    for (const word of ['مرحبا', 'بكم', 'שלום', 'עולם']) expect(built.text).toContain(word);
    expect(squeezed).toContain('©®™☺❤staytext;digits10after❤️10');
  });

  it('gives the same bytes for the same chat', async () => {
    const again = await build(many);
    expect(again.result.zipSha256).toBe(built.result.zipSha256);
    expect(again.asked).toEqual(built.asked);
  });

  it('loads no emoji slice for a chat without emoji, and no Chinese slice for one with only emoji', async () => {
    const plain = await build(['Greek Ελληνικά ☺ © only']);
    expect(plain.asked).toEqual([FONT_FILES.regular, FONT_FILES.bold]);
    const emoji = await build(['just 😀']);
    expect(emoji.asked.slice(2).every((file) => file.startsWith('@fontsource/noto-emoji/'))).toBe(true);
    expect(emoji.asked).toHaveLength(3);
  });

  it('shows one [emoji] stand-in per sequence when no font has it, and notes it on the cover', async () => {
    // Without font files the PDF uses Helvetica, which has no emoji at all.
    const fallback = await build(['x 👨‍👩‍👧 y 🇬🇧 z 👍🏽 w ❤️ v'], null);
    expect(fallback.text.replace(/\s+/g, '')).toContain('x[emoji]y[emoji]z[emoji]w[emoji]v');
    expect(fallback.pages[0]).toContain('stand-ins');
  });

  it('keeps [U+XXXX] for characters no font has', async () => {
    const other = await build(['hieroglyph 𓀀 and Thai-free text 😀']);
    expect(other.text).toContain('[U+13000]');
    expect(other.text.replace(/\s+/g, '')).toContain('😀');
  });
});

describe('listFontFiles', () => {
  it('lists the DejaVu faces and every slice, each a file that exists in node_modules', async () => {
    const files = await listFontFiles();
    expect(files.slice(0, 2)).toEqual([FONT_FILES.regular, FONT_FILES.bold]);
    expect(files.filter((f) => f.startsWith('@fontsource/noto-sans-sc/')).length).toBeGreaterThan(90);
    expect(files.filter((f) => f.startsWith('@fontsource/noto-emoji/')).length).toBe(11);
    expect(new Set(files).size).toBe(files.length);
    for (const file of files) {
      expect(file).toMatch(/\.(ttf|woff)$/);
      expect(existsSync(require.resolve(file))).toBe(true);
    }
  });
});
