import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const src = new URL('../src/', import.meta.url);
const files = readdirSync(src, { recursive: true, encoding: 'utf8' }).filter((name) => name.endsWith('.ts'));

describe('heavy libraries are loaded only when packaging starts', () => {
  it('no module imports pdf-lib, fontkit, jszip or fflate statically (only `import type` or `import()`)', () => {
    expect(files.length).toBeGreaterThan(5);
    for (const name of files) {
      const text = readFileSync(new URL(name, src), 'utf8');
      const statics = [...text.matchAll(/^import\s+(?!type\b)[^;]*?from\s+'([^']+)'/gms)].map((m) => m[1]);
      for (const specifier of statics)
        expect(['pdf-lib', '@pdf-lib/fontkit', 'jszip', 'fflate']).not.toContain(specifier);
    }
  });

  it('uses no Node-only API in src (it must run in a Web Worker)', () => {
    for (const name of files) {
      const text = readFileSync(new URL(name, src), 'utf8');
      expect(text).not.toMatch(/from 'node:|\bBuffer\.|\bprocess\.|require\(/);
    }
  });
});
