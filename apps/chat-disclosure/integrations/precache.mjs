// @ts-check
/**
 * A tiny Astro integration: after the build, lists every file in dist/ and writes dist/sw.js from sw-template.js with
 * that list and a version (a hash of all the files), so the service worker precaches exactly what was built and a new
 * build replaces the old cache; and writes dist/_headers.json, the response headers a server should add (the CSP as a
 * header for scripts, so Web Workers are bound by it too).
 */
import { createHash } from 'node:crypto';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

/** @param {string} dir @returns {Promise<string[]>} */
async function walk(dir) {
  const entries = await readdir(dir, { withFileTypes: true });
  const files = await Promise.all(
    entries.map((entry) =>
      entry.isDirectory() ? walk(join(dir, entry.name)) : Promise.resolve([join(dir, entry.name)]),
    ),
  );
  return files.flat();
}

/**
 * @param {{ directives: string[] }} options the app's CSP directives (the same list astro.config.mjs gives Astro)
 * @returns {import('astro').AstroIntegration}
 */
export function precache({ directives }) {
  return {
    name: 'chat-disclosure-precache',
    hooks: {
      'astro:build:done': async ({ dir, logger }) => {
        const root = fileURLToPath(dir);
        const generated = [`${sep}sw.js`, `${sep}_headers.json`];
        const files = (await walk(root)).filter((file) => !generated.some((name) => file.endsWith(name))).sort();
        const hash = createHash('sha256');
        const urls = [];
        for (const file of files) {
          const path = relative(root, file).split(sep).join('/');
          hash.update(path).update(await readFile(file));
          urls.push(
            path === 'index.html'
              ? '/'
              : path.endsWith('/index.html')
                ? `/${path.slice(0, -'index.html'.length)}`
                : `/${path}`,
          );
        }
        const template = await readFile(new URL('./sw-template.js', import.meta.url), 'utf8');
        const version = hash.digest('hex').slice(0, 16);
        const sw = template.replace('__VERSION__', version).replace('__PRECACHE__', JSON.stringify(urls, null, 2));
        await writeFile(join(root, 'sw.js'), sw);
        logger.info(`sw.js precaches ${urls.length} files (version ${version})`);
        // Headers for a static server to send (see README "Serving"): workers do not inherit the page's <meta> policy,
        // so every script is served with the same policy as a header; the service worker alone may connect to its own
        // origin, to precache these files.
        const policy = directives.join('; ');
        const headers = {
          '/sw.js': {
            'Content-Security-Policy': policy.replace("connect-src 'none'", "connect-src 'self'"),
            'Service-Worker-Allowed': '/',
          },
          '*.js': { 'Content-Security-Policy': policy },
        };
        await writeFile(join(root, '_headers.json'), `${JSON.stringify(headers, null, 2)}\n`);
      },
    },
  };
}
