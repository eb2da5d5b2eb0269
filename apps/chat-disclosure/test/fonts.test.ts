import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { listFontFiles } from '@im-records/disclosure-bundle';
import { describe, expect, it } from 'vitest';
import { loadFont } from '../src/worker/fonts.ts';

const require = createRequire(import.meta.url);

describe('loadFont (the packaging worker’s fonts)', () => {
  it('serves every font file the bundle can ask for, byte for byte', async () => {
    const files = await listFontFiles();
    // The two DejaVu faces, every Noto Sans SC and KR slice, the Indic fonts and every Noto Emoji slice.
    expect(files.filter((file) => file.startsWith('@fontsource/noto-emoji/')).length).toBeGreaterThan(0);
    expect(files.filter((file) => file.startsWith('@fontsource/noto-sans-sc/')).length).toBeGreaterThan(0);
    for (const file of files) {
      const bytes = await loadFont(file);
      expect(bytes.length, file).toBeGreaterThan(0);
      expect(Buffer.from(bytes).equals(readFileSync(require.resolve(file))), file).toBe(true);
    }
    // About 250 files (the Korean slices doubled the count): decoding them all takes a few seconds on 2 cores.
  }, 30_000);

  it('refuses a font that is not built in, naming it', async () => {
    await expect(loadFont('@fontsource/noto-emoji/files/noto-emoji-0-400-normal.woff2')).rejects.toThrow(
      /noto-emoji-0-400-normal\.woff2 is not built into the app/,
    );
  });
});
