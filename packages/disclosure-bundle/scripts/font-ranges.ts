/**
 * Regenerates `src/fonts/noto-sans-sc-ranges.json` from the @fontsource/noto-sans-sc stylesheet: which WOFF slice of the
 * font covers which code points, so the bundle loads only the slices a chat needs. Run after upgrading that package:
 * `node scripts/font-ranges.ts`.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const cssPath = require.resolve('@fontsource/noto-sans-sc/400.css');
const css = readFileSync(cssPath, 'utf8');
const slices: { file: string; ranges: [number, number][] }[] = [];
for (const block of css.split('@font-face').slice(1)) {
  // WOFF, not WOFF2: fontkit's WOFF2 glyph decoding produced blank glyphs in the subsets pdf-lib embeds.
  const file = /url\(\.\/files\/([^)]+\.woff)\)/.exec(block)?.[1];
  const range = /unicode-range:\s*([^;]+);/.exec(block)?.[1];
  if (!file || !range) continue;
  const ranges = range.split(',').map((part): [number, number] => {
    const [from, to] = part.trim().replace(/^U\+/i, '').split('-');
    const start = Number.parseInt(from ?? '', 16);
    return [start, to === undefined ? start : Number.parseInt(to, 16)];
  });
  slices.push({ file: `@fontsource/noto-sans-sc/files/${file}`, ranges });
}
const out = new URL('../src/fonts/noto-sans-sc-ranges.json', import.meta.url);
writeFileSync(out, `${JSON.stringify(slices)}\n`);
console.log(`wrote ${slices.length} slices to ${out.pathname}`);
