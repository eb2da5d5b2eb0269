/**
 * The certificate as the training site uses it: everything comes from `@im-records/certificate` (shared with the
 * attestation service, so both sign and check the same format); this module keeps the site's imports in one place.
 */
export type { CertificateFields, CodeVerification, Signer, TrustedKey } from '@im-records/certificate';
export { ukDate, verifyCertificateCode } from '@im-records/certificate';
