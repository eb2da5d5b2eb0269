import fc from 'fast-check';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import {
  type CertificateFields,
  canonicalJson,
  decodeCertificateCode,
  ephemeralSigner,
  formatShortCode,
  fromBase64Url,
  keyThumbprint,
  newShortCode,
  normaliseShortCode,
  signCertificate,
  toBase64Url,
  verifyCertificateCode,
} from '../src/code.ts';
import { CertificateCodeError } from '../src/errors.ts';
import { nodeFontLoader as fonts } from '../src/fonts-node.ts';
import { buildCertificatePdf, checkCertificatePdf } from '../src/pdf.ts';

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
const encoder = new TextEncoder();

/** Replaces the payload of a code with other fields, keeping the original signature (a forged edit). */
function swapPayload(code: string, changed: CertificateFields): string {
  const [h, , s] = code.split('.');
  return `${h}.${toBase64Url(encoder.encode(canonicalJson(changed)))}.${s}`;
}

describe('the verification code', () => {
  it('verifies a practice code as self-signed (unchanged, but nobody vouches for it), naming its key by thumbprint', async () => {
    const signer = await ephemeralSigner();
    const code = await signCertificate(fields, signer);
    const result = await verifyCertificateCode(code);
    expect(result).toEqual({ status: 'self-signed', keyId: await keyThumbprint(signer.publicJwk), fields });
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

  it('never reads a self-signed code as genuine, even when its key is on the trusted list', async () => {
    // The "Made Up Person": a code anyone can sign with a key of their own.
    const signer = await ephemeralSigner();
    const code = await signCertificate({ ...fields, name: 'Made Up Person', scoreCorrect: 16 }, signer);
    const trusted = [{ kid: await keyThumbprint(signer.publicJwk), issuer: 'Some Trust', jwk: signer.publicJwk }];
    expect((await verifyCertificateCode(code, trusted)).status).toBe('self-signed');
  });

  it('signs and checks the optional short code and verification address', async () => {
    const signer = await ephemeralSigner();
    const issued = { ...fields, shortCode: 'ABCD2345EFGH', verifyUrl: 'https://attest.example.nhs.uk/verify' };
    const code = await signCertificate(issued, { ...signer, kid: 'k1' });
    const trusted = [{ kid: 'k1', issuer: 'Anytown NHS Trust', jwk: signer.publicJwk }];
    expect(await verifyCertificateCode(code, trusted)).toMatchObject({ status: 'valid', fields: issued });
    const changed = swapPayload(code, { ...issued, verifyUrl: 'https://evil.example/verify' });
    expect((await verifyCertificateCode(changed, trusted)).status).toBe('bad-signature');
    await expect(signCertificate({ ...fields, shortCode: 'abcd-2345-efgh' }, signer)).rejects.toThrow(/canonical/);
    await expect(signCertificate({ ...fields, verifyUrl: 'javascript:alert(1)' }, signer)).rejects.toThrow(
      /web address/,
    );
  });

  it('reads short codes as people type them', () => {
    const code = newShortCode();
    expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{12}$/);
    expect(normaliseShortCode(formatShortCode(code).toLowerCase())).toBe(code);
    expect(normaliseShortCode(' abcd-2345-efgo ')).toBe('ABCD2345EFG0');
    expect(normaliseShortCode('ABCD-2345-EFGI')).toBe('ABCD2345EFG1');
    expect(normaliseShortCode('ABCD-2345-EFU0')).toBeUndefined();
    expect(normaliseShortCode('ABCD-2345')).toBeUndefined();
    expect(formatShortCode('ABCD2345EFGH')).toBe('ABCD-2345-EFGH');
  });

  it('round-trips base64url for any bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array(), (bytes) => {
        expect(fromBase64Url(toBase64Url(bytes))).toEqual(bytes);
      }),
    );
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
    expect(doc.getProducer()).toBe('imt-certificate-pdf/3');
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
    expect(check).toMatchObject({
      status: 'checked',
      unchanged: false,
      verification: { status: 'self-signed', fields },
    });
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
