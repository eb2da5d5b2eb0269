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
// Each slice keeps its CSS unicode-range as one compact string (`4e00-4e0f,4e11`), parsed when the fonts are chosen.
const slices: { file: string; ranges: string }[] = [];
for (const block of css.split('@font-face').slice(1)) {
  // WOFF, not WOFF2: fontkit's WOFF2 glyph decoding produced blank glyphs in the subsets pdf-lib embeds.
  const file = /url\(\.\/files\/([^)]+\.woff)\)/.exec(block)?.[1];
  const range = /unicode-range:\s*([^;]+);/.exec(block)?.[1];
  if (!file || !range) continue;
  const ranges = range
    .split(',')
    .map((part) => part.trim().replace(/^U\+/i, '').toLowerCase())
    .join(',');
  slices.push({ file: `@fontsource/noto-sans-sc/files/${file}`, ranges });
}
const out = new URL('../src/fonts/noto-sans-sc-ranges.json', import.meta.url);
writeFileSync(out, `${JSON.stringify(slices, null, 2)}\n`);
console.log(`wrote ${slices.length} slices to ${out.pathname}`);
