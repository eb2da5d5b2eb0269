// @ts-check
/**
 * A tiny Astro integration: after the build, lists every file in dist/ and writes dist/sw.js from sw-template.js with
 * that list and a version (a hash of all the files), so the service worker precaches exactly what was built and a new
 * build replaces the old cache.
 */
import { createHash } from 'node:crypto';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

/** @param {string} dir @returns {Promise<string[]>} */
async function walk(dir) {
  const entries = await readdir(dir, { withFileTypes: true });
  const files = await Promise.all(
    entries.map((entry) => (entry.isDirectory() ? walk(join(dir, entry.name)) : Promise.resolve([join(dir, entry.name)]))),
  );
  return files.flat();
}

/** @returns {import('astro').AstroIntegration} */
export function precache() {
  return {
    name: 'chat-disclosure-precache',
    hooks: {
      'astro:build:done': async ({ dir, logger }) => {
        const root = fileURLToPath(dir);
        const files = (await walk(root)).filter((file) => !file.endsWith(`${sep}sw.js`)).sort();
        const hash = createHash('sha256');
        const urls = [];
        for (const file of files) {
          const path = relative(root, file).split(sep).join('/');
          hash.update(path).update(await readFile(file));
          urls.push(path === 'index.html' ? '/' : path.endsWith('/index.html') ? `/${path.slice(0, -'index.html'.length)}` : `/${path}`);
        }
        const template = await readFile(new URL('./sw-template.js', import.meta.url), 'utf8');
        const version = hash.digest('hex').slice(0, 16);
        const sw = template.replace('__VERSION__', version).replace('__PRECACHE__', JSON.stringify(urls, null, 2));
        await writeFile(join(root, 'sw.js'), sw);
        logger.info(`sw.js precaches ${urls.length} files (version ${version})`);
      },
    },
  };
}
