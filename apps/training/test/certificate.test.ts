import type { Attempt } from '@im-records/course';
import { expiryDate, parseIsoDate } from '@im-records/records-policy';
import fc from 'fast-check';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import {
  type CertificateFields,
  canonicalJson,
  decodeCertificateCode,
  ephemeralSigner,
  fromBase64Url,
  keyThumbprint,
  normaliseName,
  signCertificate,
  toBase64Url,
  ukDate,
  verifyCertificateCode,
} from '../src/lib/certificate.ts';
import { nodeFontLoader as fonts } from '../src/lib/certificate-fonts-node.ts';
import { certificateFields, issueCertificate } from '../src/lib/certificate-issue.ts';
import { buildCertificatePdf, checkCertificatePdf, readCertificateCode } from '../src/lib/certificate-pdf.ts';
import { CertificateCodeError, CertificateIssueError } from '../src/lib/errors.ts';

const fields: CertificateFields = {
  certificateId: '6f1c2d8e-4b7a-4f0e-9c3d-2a1b0c9d8e7f',
  name: 'Amara Okafor-Jones',
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
const context = {
  course: fields.course,
  courseVersion: '2026.1',
  passMark: 0.8,
  policyVersionId: 'im-policy-1.0',
  policyVersion: '1.0',
  policyPackageVersion: '0.1.0',
};
const encoder = new TextEncoder();

/** Replaces the payload of a code with other fields, keeping the original signature (a forged edit). */
function swapPayload(code: string, changed: CertificateFields): string {
  const [h, , s] = code.split('.');
  return `${h}.${toBase64Url(encoder.encode(canonicalJson(changed)))}.${s}`;
}

describe('the verification code', () => {
  it('verifies, shows every field, and names the key by its RFC 7638 thumbprint', async () => {
    const signer = await ephemeralSigner();
    const code = await signCertificate(fields, signer);
    const result = await verifyCertificateCode(code);
    expect(result).toEqual({ status: 'valid', issuer: null, keyId: await keyThumbprint(signer.publicJwk), fields });
    expect(decodeCertificateCode(code).header).toEqual({
      alg: 'EdDSA',
      typ: 'imt-certificate+jws',
      jwk: signer.publicJwk,
    });
  });

  it('is deterministic for the same key and fields (Ed25519)', async () => {
    const signer = await ephemeralSigner();
    expect(await signCertificate(fields, signer)).toBe(await signCertificate({ ...fields }, signer));
  });

  it('does not verify when any field is changed', async () => {
    const code = await signCertificate(fields, await ephemeralSigner());
    for (const changed of [
      { name: 'Someone Else' },
      { scoreCorrect: 16 },
      { expiresOn: '2030-03-10' },
      { policyVersion: '2.0' },
      { policyVersionId: 'im-policy-2.0' },
    ]) {
      const result = await verifyCertificateCode(swapPayload(code, { ...fields, ...changed }));
      expect(result.status, JSON.stringify(changed)).toBe('bad-signature');
    }
  });

  it('does not verify with a damaged signature', async () => {
    const code = await signCertificate(fields, await ephemeralSigner());
    const [h, p, s = ''] = code.split('.');
    const sig = fromBase64Url(s);
    sig[10] = (sig[10] ?? 0) ^ 1;
    expect((await verifyCertificateCode(`${h}.${p}.${toBase64Url(sig)}`)).status).toBe('bad-signature');
  });

  it('trusts a kid only when it is in the trusted key list', async () => {
    const signer = await ephemeralSigner();
    const kid = 'attestation-2027';
    const code = await signCertificate(fields, { ...signer, kid });
    expect(await verifyCertificateCode(code)).toMatchObject({ status: 'unknown-key', keyId: kid });
    const trusted = [{ kid, issuer: 'Anytown NHS Trust attestation service', jwk: signer.publicJwk }];
    expect(await verifyCertificateCode(code, trusted)).toMatchObject({
      status: 'valid',
      issuer: 'Anytown NHS Trust attestation service',
    });
    const other = await ephemeralSigner();
    expect(
      await verifyCertificateCode(code, [{ ...trusted[0], jwk: other.publicJwk } as (typeof trusted)[0]]),
    ).toMatchObject({ status: 'bad-signature' });
  });

  it('rejects extra fields, missing fields and non-canonical encodings', async () => {
    const code = await signCertificate(fields, await ephemeralSigner());
    const [h, , s] = code.split('.');
    const withPayload = (json: string) => `${h}.${toBase64Url(encoder.encode(json))}.${s}`;
    expect(() => decodeCertificateCode(withPayload(JSON.stringify({ ...fields, admin: true })))).toThrow(
      'unexpected field "admin"',
    );
    const { name: _name, ...noName } = fields;
    expect(() => decodeCertificateCode(withPayload(JSON.stringify(noName)))).toThrow('"name" is missing');
    expect(() => decodeCertificateCode(withPayload(JSON.stringify(fields, null, 1)))).toThrow('canonical');
    expect(() => decodeCertificateCode(withPayload(canonicalJson({ ...fields, scoreCorrect: 17 })))).toThrow(/score/);
  });

  it('throws only CertificateCodeError on arbitrary input', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.tuple(fc.base64String(), fc.base64String(), fc.base64String()).map((p) => p.join('.')),
        ),
        (text) => {
          try {
            decodeCertificateCode(text);
          } catch (error) {
            expect(error).toBeInstanceOf(CertificateCodeError);
          }
        },
      ),
    );
  });

  it('round-trips base64url for any bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array(), (bytes) => {
        expect(fromBase64Url(toBase64Url(bytes))).toEqual(bytes);
      }),
    );
  });
});

describe('issuing', () => {
  const passed: Attempt = {
    id: 'x',
    startedAt: '2026-06-30T22:00:00Z',
    finishedAt: '2026-06-30T23:30:00Z',
    courseVersion: '2026.1',
    policyVersion: '1.0',
    items: Array.from({ length: 16 }, (_, i) => ({ questionId: `q${i}`, optionOrder: ['a', 'b'], selected: ['a'] })),
    correct: 13,
  };

  it('dates the certificate in UK time and takes its expiry from records-policy', () => {
    const f = certificateFields(passed, '  Amara   Okafor ', context, 'id-1');
    // 23:30 UTC on 30 June is 00:30 BST on 1 July.
    expect(f.completedOn).toBe('2026-07-01');
    expect(f.expiresOn).toBe(expiryDate(parseIsoDate('2026-07-01')));
    expect(f.expiresOn).toBe('2027-07-01');
    expect(f.name).toBe('Amara Okafor');
    expect(f).toMatchObject({
      scoreCorrect: 13,
      scoreTotal: 16,
      passMark: 0.8,
      policyVersionId: 'im-policy-1.0',
      policyVersion: '1.0',
    });
  });

  it('refuses a failed or unfinished attempt, and an empty name', () => {
    expect(() => certificateFields({ ...passed, correct: 12 }, 'A', context, 'id')).toThrow(CertificateIssueError);
    expect(() => certificateFields({ ...passed, finishedAt: null }, 'A', context, 'id')).toThrow(CertificateIssueError);
    expect(() => certificateFields(passed, '   ', context, 'id')).toThrow('enter your full name');
    expect(() => normaliseName('a\u0007b')).toThrow(CertificateIssueError);
  });

  it('gives UK dates across the clock change', () => {
    expect(ukDate(new Date('2026-01-15T23:30:00Z'))).toBe('2026-01-15');
    expect(ukDate(new Date('2026-07-15T23:30:00Z'))).toBe('2026-07-16');
  });

  it('makes a PDF that carries its code and verifies as unchanged', async () => {
    const issued = await issueCertificate(passed, 'Amara Okafor', context, fonts);
    expect(await readCertificateCode(issued.pdf)).toBe(issued.code);
    const check = await checkCertificatePdf(issued.pdf, fonts);
    expect(check).toEqual({
      status: 'checked',
      unchanged: true,
      verification: expect.objectContaining({ status: 'valid', fields: issued.fields }),
    });
  });
});

describe('the certificate PDF', () => {
  it('is the same bytes every time for the same code', async () => {
    const code = await signCertificate(fields, await ephemeralSigner());
    expect(await buildCertificatePdf(code, fonts)).toEqual(await buildCertificatePdf(code, fonts));
  });

  it('sets its metadata on purpose, with no clock time or tool stamp', async () => {
    const code = await signCertificate(fields, await ephemeralSigner());
    const doc = await PDFDocument.load(await buildCertificatePdf(code, fonts), { updateMetadata: false });
    expect(doc.getProducer()).toBe('imt-certificate-pdf/2');
    expect(doc.getCreationDate()?.toISOString()).toBe('2026-03-10T00:00:00.000Z');
    expect(doc.getTitle()).toBe('Training certificate: Amara Okafor-Jones');
  });

  it('does not verify once edited, even when the code is left intact', async () => {
    const code = await signCertificate(fields, await ephemeralSigner());
    const original = await buildCertificatePdf(code, fonts);
    const doc = await PDFDocument.load(original, { updateMetadata: false });
    const page = doc.getPage(0);
    page.drawRectangle({ x: 56, y: 380, width: 400, height: 30 });
    page.drawText('Someone Else', { x: 56, y: 385, size: 26, font: await doc.embedFont(StandardFonts.HelveticaBold) });
    const edited = await doc.save({ useObjectStreams: false });
    const check = await checkCertificatePdf(edited, fonts);
    expect(check).toMatchObject({ status: 'checked', unchanged: false, verification: { status: 'valid', fields } });
  });

  it('does not verify when another certificate code is put in its metadata', async () => {
    const mine = await signCertificate(fields, await ephemeralSigner());
    const theirs = await signCertificate({ ...fields, name: 'Someone Else' }, await ephemeralSigner());
    const doc = await PDFDocument.load(await buildCertificatePdf(mine, fonts), { updateMetadata: false });
    doc.setKeywords([theirs]);
    const check = await checkCertificatePdf(await doc.save({ useObjectStreams: false }), fonts);
    expect(check).toMatchObject({ status: 'checked', unchanged: false });
  });

  it('says when a file is not a certificate', async () => {
    const doc = await PDFDocument.create();
    doc.addPage();
    expect(await checkCertificatePdf(await doc.save(), fonts)).toEqual({ status: 'not-a-certificate' });
    expect(await checkCertificatePdf(encoder.encode('not a pdf'), fonts)).toEqual({ status: 'not-a-certificate' });
  });
});
