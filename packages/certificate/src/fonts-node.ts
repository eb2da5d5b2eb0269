/**
 * The certificate's {@link FontLoader} for Node (tests, scripts, a future attestation service): reads each font from
 * the installed npm package. Never imported by a page.
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import type { FontLoader } from './fonts.ts';

const require = createRequire(import.meta.url);

/** Reads a font file by its npm package path from node_modules. */
export const nodeFontLoader: FontLoader = async (packagePath) =>
  new Uint8Array(await readFile(require.resolve(packagePath)));
