// Builds certificate PDFs in a fresh Node process and prints each one's SHA-256 on its own line, so a test can prove
// the bytes do not depend on anything left over in the test process (font caches, random state).
// Usage: node build-certificate.ts CODE...
import { createHash } from 'node:crypto';
import { nodeFontLoader } from '../src/fonts-node.ts';
import { buildCertificatePdf } from '../src/pdf.ts';

const codes = process.argv.slice(2);
if (codes.length === 0) throw new Error('usage: node build-certificate.ts CODE...');
for (const code of codes) {
  const pdf = await buildCertificatePdf(code, nodeFontLoader);
  process.stdout.write(`${createHash('sha256').update(pdf).digest('hex')}\n`);
}
