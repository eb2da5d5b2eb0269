/// <reference types="vite/client" />
/**
 * The certificate's {@link FontLoader} in the browser. Each font file is built into the site as its own asset (Vite
 * `?url`) and fetched only when a certificate is made or a PDF is checked, because this module is itself imported
 * lazily; a name in Chinese or Japanese fetches just the Noto Sans SC slices it uses. The files are the ones
 * `certificate-fonts.ts` asks for by npm package path.
 */

import { cjkSliceFile, type FontLoader, NAME_FONT } from '@im-records/certificate/pdf';
import dejavuBold from 'dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf?url';

/*
 * Vite's glob takes relative paths, not package names, so the slices are found where npm installs them: hoisted to the
 * repository's node_modules, or under this app when a version clash stops npm hoisting. A glob of a missing folder
 * finds nothing. Only the numbered bold slices are included: the named ones repeat what DejaVu draws.
 */
const slices: Record<string, string> = {
  ...import.meta.glob<string>(
    '../../../../node_modules/@fontsource/noto-sans-sc/files/noto-sans-sc-[0-9]*-700-normal.woff',
    {
      query: '?url',
      import: 'default',
      eager: true,
    },
  ),
  ...import.meta.glob<string>('../../node_modules/@fontsource/noto-sans-sc/files/noto-sans-sc-[0-9]*-700-normal.woff', {
    query: '?url',
    import: 'default',
    eager: true,
  }),
};

function urlOf(packagePath: string): string | undefined {
  if (packagePath === NAME_FONT) return dejavuBold;
  const slice = /noto-sans-sc-(\d+)-700-normal\.woff$/.exec(packagePath)?.[1];
  if (slice === undefined || cjkSliceFile(slice) !== packagePath) return undefined;
  return Object.entries(slices).find(([path]) => path.endsWith(`/node_modules/${packagePath}`))?.[1];
}

/** Fetches a font file built into the site; throws when the file is not one of them or cannot be fetched. */
export const browserFontLoader: FontLoader = async (packagePath) => {
  const url = urlOf(packagePath);
  if (url === undefined) throw new Error(`the font ${packagePath} is not built into the site`);
  const response = await fetch(url);
  if (!response.ok) throw new Error(`the font ${packagePath} could not be fetched (HTTP ${response.status})`);
  return new Uint8Array(await response.arrayBuffer());
};
