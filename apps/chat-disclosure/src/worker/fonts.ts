/**
 * Font bytes for the PDF, for the packaging worker. The page's Content Security Policy forbids every network
 * connection (`connect-src 'none'`), including to its own origin, so fonts cannot be fetched: each font is built into
 * its own lazily loaded script chunk as base64 (Vite `?inline`) and decoded here. Nothing is loaded until a bundle is
 * built, and the Chinese slices only when the chat uses those characters.
 */
const inlineFonts: Record<string, () => Promise<string>> = {
  'dejavu-fonts-ttf/ttf/DejaVuSans.ttf': () =>
    import('dejavu-fonts-ttf/ttf/DejaVuSans.ttf?inline').then((module) => module.default as string),
  'dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf': () =>
    import('dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf?inline').then((module) => module.default as string),
};

const cjkSlices = import.meta.glob<string>(
  '../../../../node_modules/@fontsource/noto-sans-sc/files/noto-sans-sc-[0-9]*-400-normal.woff2',
  {
    query: '?inline',
    import: 'default',
  },
);

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
  const sliceName = packagePath.split('/').pop() ?? '';
  const slice = Object.entries(cjkSlices).find(([path]) => path.endsWith(`/${sliceName}`))?.[1];
  if (!slice) throw new Error(`Font ${packagePath} is not built into the app`);
  return decodeDataUrl(await slice());
}
