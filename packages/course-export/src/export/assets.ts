/**
 * The package's stylesheet and script, made at export time: nhsuk-frontend compiled from its Sass with every asset
 * path relative to the package (no font or image from another address), and the player bundled with esbuild into one
 * file. Sass and esbuild load only when an export runs. Both outputs are deterministic.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);
/** Where nhsuk-frontend's compiled package sits (its exports map allows `./dist/*`). */
const nhsukDist = dirname(require.resolve('nhsuk-frontend/dist/nhsuk/nhsuk.scss'));

/** The CSS plus the image files it refers to, keyed by their path inside the package. */
export interface Stylesheet {
  css: string;
  images: Map<string, Uint8Array>;
}

/** Compiles the design system for the package: no @font-face (the NHS font is only served by assets.nhs.uk). */
export async function buildStylesheet(stylesheetDir: string): Promise<Stylesheet> {
  const sass = await import('sass');
  const source = `@use "nhsuk" with ($nhsuk-include-font-face: false, $nhsuk-images-path: "images/");
html, button, input, select, textarea { font-family: "Frutiger W01", arial, sans-serif; }
${readFileSync(join(here, '..', 'player', 'player.css'), 'utf8')}`;
  const result = sass.compileString(source, {
    loadPaths: [nhsukDist],
    style: 'compressed',
    quietDeps: true,
    silenceDeprecations: ['import'],
  });
  const images = new Map<string, Uint8Array>();
  for (const match of result.css.matchAll(/url\(\s*["']?([^"')]+)["']?\s*\)/g)) {
    const url = match[1] ?? '';
    if (url.startsWith('data:')) continue;
    if (!url.startsWith('images/')) throw new Error(`the stylesheet refers to ${url}, outside the package`);
    images.set(`${stylesheetDir}/${url}`, readFileSync(join(nhsukDist, 'assets', url)));
  }
  return { css: result.css, images };
}

/** Bundles the player for one format into a single minified script. */
export async function buildPlayerScript(format: 'scorm12' | 'cmi5'): Promise<string> {
  const esbuild = await import('esbuild');
  const result = await esbuild.build({
    entryPoints: [join(here, '..', 'player', `main-${format}.ts`)],
    bundle: true,
    write: false,
    format: 'iife',
    platform: 'browser',
    target: 'es2020',
    minify: true,
    legalComments: 'none',
    charset: 'utf8',
    logLevel: 'silent',
  });
  const [file] = result.outputFiles;
  if (!file) throw new Error('the player bundle is empty');
  return file.text;
}
