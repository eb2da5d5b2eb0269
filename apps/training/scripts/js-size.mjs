#!/usr/bin/env node
// Measures the JavaScript each built page loads before any interaction: its <script> tags, its islands' component and
// renderer modules, and everything those import statically. Dynamic import() chunks (pdf-lib, the certificate code) are
// loaded only on request and listed apart. Prints gzip and brotli sizes; exits 1 if a guidance page ships any JavaScript
// or an interactive page exceeds the budget. Run after `npm run build`: `npm run size`.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const dist = resolve(dirname(fileURLToPath(import.meta.url)), '..', 'dist');
const budget = 100 * 1024;

const walk = (dir) =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)],
  );
const gz = (buf) => gzipSync(buf, { level: 9 }).length;
const br = (buf) => brotliCompressSync(buf, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;

const staticImports = (code) => [
  ...[...code.matchAll(/(?:^|[;}\s])import\s*(?:[\w*{}\s,$]+from\s*)?["']([^"']+)["']/g)].map((m) => m[1]),
  ...[...code.matchAll(/(?:^|[;}\s])export\s*[\w*{}\s,$]*from\s*["']([^"']+)["']/g)].map((m) => m[1]),
];
const dynamicImports = (code) => [...code.matchAll(/import\(\s*["'`]([^"'`]+)["'`]\s*\)/g)].map((m) => m[1]);

function closure(entries) {
  const seen = new Set();
  const lazy = new Set();
  const visit = (file) => {
    if (seen.has(file)) return;
    seen.add(file);
    const code = readFileSync(file, 'utf8');
    for (const spec of staticImports(code))
      if (spec.startsWith('.') || spec.startsWith('/'))
        visit(spec.startsWith('/') ? join(dist, spec) : resolve(dirname(file), spec));
    for (const spec of dynamicImports(code))
      if (spec.startsWith('.') || spec.startsWith('/'))
        lazy.add(spec.startsWith('/') ? join(dist, spec) : resolve(dirname(file), spec));
  };
  for (const entry of entries) visit(entry);
  const initial = new Set(seen);
  // Everything the lazy chunks pull in, beyond what the page already loaded.
  for (const entry of lazy) visit(entry);
  return { files: [...initial], lazy: [...seen].filter((file) => !initial.has(file)) };
}

const rows = [];
const failures = [];
for (const page of walk(dist)
  .filter((f) => f.endsWith('.html'))
  .sort()) {
  const html = readFileSync(page, 'utf8');
  const urls = [
    ...[...html.matchAll(/<script[^>]*\bsrc="([^"]+)"/g)].map((m) => m[1]),
    ...[...html.matchAll(/\b(?:component-url|renderer-url)="([^"]+)"/g)].map((m) => m[1]),
  ];
  const inline = [
    ...html.matchAll(/<script(?![^>]*\bsrc=)(?![^>]*type="application\/(?:ld\+)?json")[^>]*>([\s\S]*?)<\/script>/g),
  ]
    .map((m) => m[1])
    .join('\n');
  const { files, lazy } = closure([...new Set(urls)].map((u) => join(dist, u)));
  const buffers = [...files.map((f) => readFileSync(f)), Buffer.from(inline)];
  const raw = buffers.reduce((n, b) => n + b.length, 0);
  const gzip = buffers.reduce((n, b) => n + (b.length ? gz(b) : 0), 0);
  const brotli = buffers.reduce((n, b) => n + (b.length ? br(b) : 0), 0);
  const lazyGzip = lazy.reduce((n, f) => n + gz(readFileSync(f)), 0);
  const route = `/${relative(dist, page)
    .replace(/index\.html$/, '')
    .replaceAll('\\', '/')}`;
  rows.push({ route, raw, gzip, brotli, lazyGzip });
  if (route.startsWith('/guidance/') && (raw > 0 || inline.trim()))
    failures.push(`${route} ships ${kb(raw)} of JavaScript; guidance pages must ship none`);
  if (gzip > budget) failures.push(`${route} loads ${kb(gzip)} gzipped JavaScript; the budget is ${kb(budget)}`);
}

const width = Math.max(...rows.map((r) => r.route.length));
console.log(
  `${'page'.padEnd(width)}  ${'raw'.padStart(9)}  ${'gzip'.padStart(9)}  ${'brotli'.padStart(9)}  ${'lazy (gzip)'.padStart(11)}`,
);
for (const r of rows) {
  console.log(
    `${r.route.padEnd(width)}  ${kb(r.raw).padStart(9)}  ${kb(r.gzip).padStart(9)}  ${kb(r.brotli).padStart(9)}  ${(r.lazyGzip ? kb(r.lazyGzip) : '-').padStart(11)}`,
  );
}
console.log(
  `\nBudget: guidance pages 0 B; every page under ${kb(budget)} gzipped before interaction (lazy chunks load on request).`,
);
if (failures.length) {
  console.error(`\n${failures.join('\n')}`);
  process.exit(1);
}
console.log('All pages within budget.');
