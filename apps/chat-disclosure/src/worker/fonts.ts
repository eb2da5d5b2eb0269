/**
 * Font bytes for the PDF, for the packaging worker. The page's Content Security Policy forbids every network
 * connection (`connect-src 'none'`), including to its own origin, so fonts cannot be fetched: each font is built into
 * its own lazily loaded script chunk as base64 (Vite `?inline`) and decoded here. Nothing is loaded until a bundle is
 * built, and the Chinese, Korean, Indic and emoji fonts only when the chat uses those characters. The file names are the ones
 * `@im-records/disclosure-bundle` asks for (`listFontFiles()`): the WOFF slices, not WOFF2 (see that package's README).
 */
import { FontLoadError } from '@im-records/disclosure-bundle';

const inlineFonts: Record<string, () => Promise<string>> = {
  'dejavu-fonts-ttf/ttf/DejaVuSans.ttf': () =>
    import('dejavu-fonts-ttf/ttf/DejaVuSans.ttf?inline').then((module) => module.default as string),
  'dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf': () =>
    import('dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf?inline').then((module) => module.default as string),
};

/*
 * Vite's glob takes relative or root paths, not package names, so the slices are found where npm workspaces install
 * them: hoisted to the repository's node_modules, or nested under the bundle package or this app if a version clash
 * stops npm hoisting them. One glob per place, because a glob whose patterns span several folders, one of them
 * missing, finds nothing at all; a glob of a missing folder adds nothing. test/fonts.test.ts checks that every file
 * the bundle can ask for is found. The names are those of the bundle's slice tables: numbered slices plus a few named
 * ones (latin, cyrillic…), never the 1.5 MB `chinese-simplified` file.
 */
const slices: Record<string, () => Promise<string>> = {
  ...import.meta.glob<string>(
    [
      '../../../../node_modules/@fontsource/noto-sans-sc/files/noto-sans-sc-{[0-9]*,latin,latin-ext,cyrillic,vietnamese}-400-normal.woff',
      '../../../../node_modules/@fontsource/noto-emoji/files/noto-emoji-[0-9]*-400-normal.woff',
      '../../../../node_modules/@fontsource/noto-sans-kr/files/noto-sans-kr-{[0-9]*,latin,latin-ext,cyrillic,vietnamese}-400-normal.woff',
      '../../../../node_modules/@fontsource/noto-sans-*/files/noto-sans-{devanagari-devanagari,bengali-bengali,gurmukhi-gurmukhi,gujarati-gujarati,tamil-tamil}-400-normal.woff',
    ],
    { query: '?inline', import: 'default' },
  ),
  ...import.meta.glob<string>(
    [
      '../../../../packages/disclosure-bundle/node_modules/@fontsource/noto-sans-sc/files/noto-sans-sc-{[0-9]*,latin,latin-ext,cyrillic,vietnamese}-400-normal.woff',
      '../../../../packages/disclosure-bundle/node_modules/@fontsource/noto-emoji/files/noto-emoji-[0-9]*-400-normal.woff',
      '../../../../packages/disclosure-bundle/node_modules/@fontsource/noto-sans-kr/files/noto-sans-kr-{[0-9]*,latin,latin-ext,cyrillic,vietnamese}-400-normal.woff',
      '../../../../packages/disclosure-bundle/node_modules/@fontsource/noto-sans-*/files/noto-sans-{devanagari-devanagari,bengali-bengali,gurmukhi-gurmukhi,gujarati-gujarati,tamil-tamil}-400-normal.woff',
    ],
    { query: '?inline', import: 'default' },
  ),
  ...import.meta.glob<string>(
    [
      '../../node_modules/@fontsource/noto-sans-sc/files/noto-sans-sc-{[0-9]*,latin,latin-ext,cyrillic,vietnamese}-400-normal.woff',
      '../../node_modules/@fontsource/noto-emoji/files/noto-emoji-[0-9]*-400-normal.woff',
      '../../node_modules/@fontsource/noto-sans-kr/files/noto-sans-kr-{[0-9]*,latin,latin-ext,cyrillic,vietnamese}-400-normal.woff',
      '../../node_modules/@fontsource/noto-sans-*/files/noto-sans-{devanagari-devanagari,bengali-bengali,gurmukhi-gurmukhi,gujarati-gujarati,tamil-tamil}-400-normal.woff',
    ],
    { query: '?inline', import: 'default' },
  ),
};

function decodeDataUrl(dataUrl: string): Uint8Array {
  const base64 = dataUrl.slice(dataUrl.indexOf(',') + 1);
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** The bundle's FontLoader for the browser: package path in, font bytes out. */
export async function loadFont(packagePath: string): Promise<Uint8Array> {
  const direct = inlineFonts[packagePath];
  if (direct) return decodeDataUrl(await direct());
  // `@fontsource/noto-emoji/files/noto-emoji-3-400-normal.woff` matches a glob key ending in that same path.
  const slice = Object.entries(slices).find(([path]) => path.endsWith(`/node_modules/${packagePath}`))?.[1];
  if (!slice) throw new FontLoadError(`Font ${packagePath} is not built into the app`);
  return decodeDataUrl(await slice());
}
