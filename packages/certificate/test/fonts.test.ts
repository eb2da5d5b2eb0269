import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { currentPolicyVersion, mustReattest, POLICY_VERSIONS } from '@im-records/records-policy';

const policyVersionId = currentPolicyVersion().id;
const policyVersion = currentPolicyVersion().version;

import fontkit from '@pdf-lib/fontkit';
import { PDFDocument, rgb } from 'pdf-lib';
import { extractText, getDocumentProxy } from 'unpdf';
import { describe, expect, it } from 'vitest';
import { type CertificateFields, type Signer, signCertificate } from '../src/code.ts';
import { CertificateIssueError } from '../src/errors.ts';
import { certificateFontkit, type Fontkit, NAME_FONT, NameFonts } from '../src/fonts.ts';
import { nodeFontLoader as fonts } from '../src/fonts-node.ts';
import { buildCertificatePdf, checkCertificatePdf } from '../src/pdf.ts';

const base: Omit<CertificateFields, 'name'> = {
  certificateId: '6f1c2d8e-4b7a-4f0e-9c3d-2a1b0c9d8e7f',
  course: 'Using instant messaging safely in patient care',
  courseVersion: '2026.1',
  completedOn: '2026-03-10',
  expiresOn: '2027-03-10',
  scoreCorrect: 14,
  scoreTotal: 16,
  passMark: 0.8,
  policyVersionId: 'im-policy-1.0',
  policyVersion: '1.0',
  policyPackageVersion: '0.1.0',
};

/** A fixed test-only key, so a code (Ed25519 is deterministic) and therefore its PDF are the same in every run. */
const testKey = {
  kty: 'OKP',
  crv: 'Ed25519',
  d: 'mpBtvuHde0C77aSmYoEIF57heyLjNONeU5L0qNO-fT4',
  x: 'p7X8dJ9gs_9Z4S3ARJJGwA_OJG5v4S5uyA7-5qmwWLo',
} as const;
const signer: Signer = {
  privateKey: await crypto.subtle.importKey('jwk', testKey, { name: 'Ed25519' }, false, ['sign']),
  publicJwk: { kty: 'OKP', crv: 'Ed25519', x: testKey.x },
};
const codeFor = (name: string) => signCertificate({ ...base, name }, signer);

async function pdfText(pdf: Uint8Array): Promise<string> {
  const { text } = await extractText(await getDocumentProxy(pdf.slice()), { mergePages: true });
  return text;
}

/** Names in several scripts, with text a PDF reader gives back (right-to-left text comes back in visual order). */
const names = [
  { script: 'Latin with Polish, Irish and diaeresis', name: 'Zoë Łukasiewicz-Ní Bhriain' },
  { script: 'Romanian and Turkish', name: 'Ștefan Ğüneş' },
  { script: 'Greek', name: 'Αλέξανδρος Παπαδόπουλος' },
  { script: 'Cyrillic', name: 'Ярослава Петренко' },
  { script: 'Arabic', name: 'محمد عبد الله' },
  { script: 'Hebrew', name: 'דוד כהן' },
  { script: 'Chinese', name: '王小明' },
  { script: 'Japanese kana and kanji', name: '山田 さくら' },
  { script: 'Latin and Arabic together', name: 'Sara محمد Cohen' },
];
const ltr = (name: string) => !/[\u0590-\u08ff]/.test(name);

describe('names in any script the fonts cover', () => {
  for (const { script, name } of names) {
    it(`prints, verifies and catches an edit: ${script}`, async () => {
      const code = await codeFor(name);
      const pdf = await buildCertificatePdf(code, fonts);
      expect(await checkCertificatePdf(pdf, fonts)).toMatchObject({
        status: 'checked',
        unchanged: true,
        verification: { status: 'self-signed', fields: { name } },
      });
      const text = await pdfText(pdf);
      if (ltr(name)) expect(text).toContain(name);
      else
        for (const word of name.split(' '))
          expect(text.replace(/\s/g, '')).toMatch(new RegExp(`[${word}]{${word.length}}`, 'u'));

      // Paint over part of the name: the code still verifies, but the file is not the one issued.
      const doc = await PDFDocument.load(pdf, { updateMetadata: false });
      doc.getPage(0).drawRectangle({ x: 56, y: 420, width: 60, height: 30, color: rgb(1, 1, 1) });
      const edited = await doc.save({ useObjectStreams: false });
      expect(await checkCertificatePdf(edited, fonts)).toMatchObject({
        status: 'checked',
        unchanged: false,
        verification: { status: 'self-signed' },
      });
    });
  }

  it('embeds only the fonts a name needs, as subsets', async () => {
    const latin = await buildCertificatePdf(await codeFor('Zoë Łukasiewicz-Ní Bhriain'), fonts);
    const chinese = await buildCertificatePdf(await codeFor('王小明'), fonts);
    const fontNames = (pdf: Uint8Array) =>
      [...new TextDecoder('latin1').decode(pdf).matchAll(/\/BaseFont \/([\w-]+?)(-\d+)?\s/g)].map((m) => m[1]);
    expect(new Set(fontNames(latin))).toEqual(new Set(['DejaVuSans-Bold', 'Helvetica', 'Helvetica-Bold', 'Courier']));
    expect(fontNames(chinese)).toContain('NotoSansSC-Bold');
    // Subsets: far smaller than the 690 KB DejaVu Sans Bold file.
    expect(latin.length).toBeLessThan(40_000);
    expect(chinese.length).toBeLessThan(40_000);
  });
});

describe('names the fonts cannot print', () => {
  it.each([
    ['Korean Hangul', '김민준', '김 (U+AE40), 민 (U+BBFC), 준 (U+C900)'],
    ['Devanagari', 'Priya प्रिया', 'प (U+092A)'],
  ])('refuses %s, naming the characters and suggesting the Latin spelling', async (_, name, listed) => {
    const attempt = buildCertificatePdf(await codeFor(name), fonts);
    await expect(attempt).rejects.toThrow(CertificateIssueError);
    await expect(attempt).rejects.toThrow(listed);
    await expect(attempt).rejects.toThrow('Enter your name in Latin letters, spelt as it is on your staff record');
  });

  it('reports a signed but unprintable name as a changed file, not a crash', async () => {
    const doc = await PDFDocument.create({ updateMetadata: false });
    doc.addPage();
    doc.setKeywords([await codeFor('김민준')]);
    expect(await checkCertificatePdf(await doc.save(), fonts)).toMatchObject({ status: 'checked', unchanged: false });
  });
});

describe('right-to-left names', () => {
  const runsOf = async (line: string) => {
    const doc = await PDFDocument.create({ updateMetadata: false });
    const kit = certificateFontkit(fontkit as unknown as Fontkit);
    doc.registerFontkit(kit as unknown as Parameters<typeof doc.registerFontkit>[0]);
    const nameFonts = await NameFonts.embed(doc, line, fonts, kit);
    return nameFonts.runs(line).map((run) => run.text);
  };

  it('keeps a right-to-left stretch in its own run inside a left-to-right line', async () => {
    expect(await runsOf('Sara محمد Cohen')).toEqual(['Sara ', 'محمد', ' Cohen']);
  });

  it('lists runs from the right when the line starts right to left', async () => {
    expect(await runsOf('محمد Sara')).toEqual(['Sara', 'محمد ']);
    expect(await runsOf('محمد عبد الله')).toEqual(['محمد عبد الله']);
  });
});

describe('the same bytes every time', () => {
  it('builds byte-identical PDFs twice in one process and again in a fresh process', async () => {
    const codes = await Promise.all(names.map(({ name }) => codeFor(name)));
    const hashes: string[] = [];
    for (const code of codes) {
      const first = await buildCertificatePdf(code, fonts);
      expect(await buildCertificatePdf(code, fonts)).toEqual(first);
      hashes.push(createHash('sha256').update(first).digest('hex'));
    }
    const script = fileURLToPath(new URL('./build-certificate.ts', import.meta.url));
    const fresh = spawnSync(process.execPath, [script, ...codes], { encoding: 'utf8' });
    expect(fresh.stderr).toBe('');
    expect(fresh.stdout.trim().split('\n')).toEqual(hashes);
  }, 60_000);

  it('still builds the exact file issued with layout imt-certificate-pdf/3 and these font packages', async () => {
    // A pinned fingerprint: if pdf-lib, fontkit, DejaVu or Noto Sans SC change the bytes, certificates already issued
    // would report "This file has been changed". Changing it means a new layout version (see the README).
    const dejavu = readFileSync(createRequire(import.meta.url).resolve(NAME_FONT));
    expect(createHash('sha256').update(dejavu).digest('hex')).toBe(
      'e6476c1b80502924294eed40894c5b18e06c181444ca953e5334262df9c27724',
    );
    const pdf = await buildCertificatePdf(await codeFor('Zoë Łukasiewicz-Ní Bhriain 王小明'), fonts);
    expect(createHash('sha256').update(pdf).digest('hex')).toBe(
      '4ee7489de6b9709fece0657615cfb6d310b0402aa1accd430796a79e93d7a7e8',
    );
  });
});

describe('the policy version on the certificate', () => {
  it('records records-policy’s version id, which mustReattest accepts, beside the human version', () => {
    expect(policyVersionId).toBe(currentPolicyVersion().id);
    expect(policyVersion).toBe(currentPolicyVersion().version);
    expect(policyVersionId).not.toBe(policyVersion);
    expect(mustReattest(policyVersionId, POLICY_VERSIONS)).toBe(false);
  });

  it("prints a service certificate's short code and verification address in legible type", async () => {
    const code = await signCertificate(
      { ...base, name: 'Amara Okafor', shortCode: 'ABCD2345EFGH', verifyUrl: 'https://attest.example.nhs.uk/verify' },
      { ...signer, kid: 'trust-key-1' },
    );
    const pdf = await buildCertificatePdf(code, fonts);
    const text = await pdfText(pdf);
    expect(text).toContain('ABCD-2345-EFGH');
    expect(text).toContain('Enter this code at https://attest.example.nhs.uk/verify');
    expect(text).not.toContain('Practice');
    expect(text).not.toContain(code.slice(0, 40));
    const trusted = [{ kid: 'trust-key-1', issuer: 'Anytown NHS Trust', jwk: signer.publicJwk }];
    expect(await checkCertificatePdf(pdf, fonts, trusted)).toMatchObject({
      status: 'checked',
      unchanged: true,
      verification: { status: 'valid', issuer: 'Anytown NHS Trust' },
    });
  });

  it('labels a self-signed certificate as a practice one that nobody vouches for', async () => {
    const text = await pdfText(await buildCertificatePdf(await codeFor('Amara Okafor'), fonts));
    expect(text).toContain('Practice certificate of completion');
    expect(text).toContain('nobody vouches for it');
  });

  it('prints both on the PDF', async () => {
    const text = await pdfText(await buildCertificatePdf(await codeFor('Amara Okafor'), fonts));
    expect(text).toContain('1.0 (im-policy-1.0)');
  });
});
