#!/usr/bin/env node
// Serves the built apps on localhost: `npm start` runs it after `turbo run build`. The training site and the chat tool
// are static sites; this server only maps URLs to files under their dist/ folders and sets safe headers. The policy
// attestation service is a Node server (apps/attestation/scripts/start.ts): on first start it seeds a demo trust into
// its SQLite file under ./data/ and prints the demo accounts.
import { createReadStream, existsSync, readFileSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, normalize, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(fileURLToPath(new URL('..', import.meta.url)));

/** The apps and their default ports; PORT_<NAME> overrides one (e.g. PORT_TRAINING=8080). */
export const apps = [
  { name: 'training', label: 'Training site', port: 4321 },
  { name: 'chat-disclosure', label: 'Chat disclosure tool', port: 4322 },
  { name: 'attestation', label: 'Policy attestation', port: 4323, server: true },
];

const types = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.pdf': 'application/pdf',
  '.txt': 'text/plain; charset=utf-8',
  '.wasm': 'application/wasm',
};

function resolveFile(dist, urlPath) {
  let pathname;
  try {
    pathname = decodeURIComponent(urlPath.split('?')[0] ?? '/');
  } catch {
    return undefined;
  }
  const candidate = normalize(join(dist, pathname));
  if (!candidate.startsWith(dist)) return undefined;
  if (existsSync(candidate) && statSync(candidate).isFile()) return candidate;
  const index = join(candidate, 'index.html');
  if (existsSync(index)) return index;
  const html = `${candidate}.html`;
  if (existsSync(html)) return html;
  return undefined;
}

/**
 * Extra response headers an app asks for at build time, in dist/_headers.json: `{ "/exact/path": {...}, "*.js": {...} }`.
 * The chat tool uses it to send its Content-Security-Policy as a header on scripts, because Web Workers are not bound
 * by the page's <meta> policy.
 */
function loadHeaderRules(dist) {
  const file = join(dist, '_headers.json');
  if (!existsSync(file)) return [];
  const rules = JSON.parse(readFileSync(file, 'utf8'));
  return Object.entries(rules).map(([pattern, headers]) => ({
    matches: pattern.startsWith('*.') ? (path) => path.endsWith(pattern.slice(1)) : (path) => path === pattern,
    exact: !pattern.startsWith('*'),
    headers,
  }));
}

function headersFor(rules, urlPath) {
  const path = urlPath.split('?')[0] ?? '/';
  // An exact rule wins over a wildcard one for the same file.
  const rule =
    rules.find((candidate) => candidate.exact && candidate.matches(path)) ?? rules.find((r) => r.matches(path));
  return rule ? rule.headers : {};
}

/** Starts one app's server; resolves with its address once listening. */
export function serveApp({ name, port }, host = '127.0.0.1') {
  const dist = join(root, 'apps', name, 'dist');
  if (!existsSync(dist)) throw new Error(`apps/${name}/dist is missing: run 'npm run build' first`);
  const headerRules = loadHeaderRules(dist);
  const server = createServer((request, response) => {
    const file = resolveFile(dist, request.url ?? '/');
    const headers = {
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'no-referrer',
      'Cross-Origin-Opener-Policy': 'same-origin',
      'Permissions-Policy': 'camera=(), microphone=(), geolocation=()',
    };
    if (!file) {
      const notFound = join(dist, '404.html');
      response.writeHead(404, { ...headers, 'Content-Type': 'text/html; charset=utf-8' });
      if (existsSync(notFound)) createReadStream(notFound).pipe(response);
      else response.end('<!doctype html><title>Not found</title><h1>Page not found</h1>');
      return;
    }
    const type = types[extname(file)] ?? 'application/octet-stream';
    // Hashed build assets never change; pages and the service worker must always be revalidated.
    const immutable = file.includes(`${join(dist, '_astro')}`);
    response.writeHead(200, {
      ...headers,
      ...headersFor(headerRules, request.url ?? '/'),
      'Content-Type': type,
      'Cache-Control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
    });
    createReadStream(file).pipe(response);
  });
  return new Promise((resolveListen, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolveListen({ server, url: `http://${host}:${port}/` }));
  });
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  // Serve every app that has been built and say which were not, so one app built on its own can be tried.
  const built = apps.filter((app) => existsSync(join(root, 'apps', app.name, 'dist')));
  for (const app of apps.filter((candidate) => !built.includes(candidate))) {
    console.log(`${app.label.padEnd(22)} not built: run 'npm run build' (or 'npm run build -w apps/${app.name}')`);
  }
  if (built.length === 0) process.exit(1);
  for (const app of built) {
    const override = process.env[`PORT_${app.name.replaceAll('-', '_').toUpperCase()}`];
    const port = override ? Number(override) : app.port;
    const { url } = app.server
      ? await (await import('../apps/attestation/scripts/start.ts')).startAttestation({ port })
      : await serveApp({ ...app, port });
    console.log(`${app.label.padEnd(22)} ${url}`);
  }
  console.log('Press Ctrl+C to stop.');
}
