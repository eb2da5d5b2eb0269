/**
 * The training certificate, shared by the static training site (practice certificates signed on the learner's device)
 * and the attestation service (certificates signed with the trust's published key): its fields and signed code, the
 * short code printed on it. Runs in browsers and Node (WebCrypto). The PDF (pdf-lib, fontkit, the name fonts) is in
 * `@im-records/certificate/pdf`, so pages load it only when a certificate is made or checked; the Node font loader is
 * in `@im-records/certificate/node`.
 */

export type {
  CertificateFields,
  CodeVerification,
  DecodedCode,
  Ed25519PublicJwk,
  Signer,
  SigningKey,
  TrustedKey,
} from './code.ts';
export {
  CERTIFICATE_FIELDS,
  CERTIFICATE_TYPE,
  canonicalJson,
  decodeCertificateCode,
  ephemeralSigner,
  formatShortCode,
  fromBase64Url,
  keyThumbprint,
  newShortCode,
  normaliseName,
  normaliseShortCode,
  OPTIONAL_CERTIFICATE_FIELDS,
  SHORT_CODE_LENGTH,
  signCertificate,
  toBase64Url,
  ukDate,
  verifyCertificateCode,
} from './code.ts';
export { CertificateCodeError, CertificateError, CertificateIssueError } from './errors.ts';
