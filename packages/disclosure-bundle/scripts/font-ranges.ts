/**
 * Regenerates the slice tables in `src/fonts/` from the @fontsource stylesheets: which WOFF slice of a font covers which
 * code points, so the bundle loads only the slices a chat needs. Run after upgrading any of the @fontsource packages
 * below: `node scripts/font-ranges.ts`. The Indic fonts share one table and keep only their script's slice (their
 * Latin slices would never be used: DejaVu draws Latin first).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/** The sliced fonts: npm packages, the table written for them, and which of their slices to keep. */
const indic = ['devanagari', 'bengali', 'gurmukhi', 'gujarati', 'tamil'];
const fonts = [
  { names: ['@fontsource/noto-sans-sc'], table: 'noto-sans-sc-ranges.json', keep: /./ },
  { names: ['@fontsource/noto-sans-kr'], table: 'noto-sans-kr-ranges.json', keep: /./ },
  { names: ['@fontsource/noto-emoji'], table: 'noto-emoji-ranges.json', keep: /./ },
  {
    names: indic.map((script) => `@fontsource/noto-sans-${script}`),
    table: 'noto-sans-indic-ranges.json',
    keep: new RegExp(`-(${indic.join('|')})-400-normal\\.woff$`),
  },
];

for (const { names, table, keep } of fonts) {
  // Each slice keeps its CSS unicode-range as one compact string (`4e00-4e0f,4e11`), parsed when the fonts are chosen.
  const slices: { file: string; ranges: string }[] = [];
  for (const name of names) {
    const css = readFileSync(require.resolve(`${name}/400.css`), 'utf8');
    for (const block of css.split('@font-face').slice(1)) {
      // WOFF, not WOFF2: fontkit's WOFF2 glyph decoding produced blank glyphs in the subsets pdf-lib embeds.
      const file = /url\(\.\/files\/([^)]+\.woff)\)/.exec(block)?.[1];
      const range = /unicode-range:\s*([^;]+);/.exec(block)?.[1];
      if (!file || !range || !keep.test(file)) continue;
      const ranges = range
        .split(',')
        .map((part) => part.trim().replace(/^U\+/i, '').toLowerCase())
        .join(',');
      slices.push({ file: `${name}/files/${file}`, ranges });
    }
  }
  if (slices.length === 0) throw new Error(`${names.join(', ')}: no WOFF slices with a unicode-range found`);
  const out = new URL(`../src/fonts/${table}`, import.meta.url);
  writeFileSync(out, `${JSON.stringify(slices, null, 2)}\n`);
  console.log(`wrote ${slices.length} slices to ${out.pathname}`);
}
