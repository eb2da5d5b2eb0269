/**
 * The training site's certificate errors, from the certificate package (shared with the attestation service), so
 * `instanceof` checks in the site and in the package agree.
 */
export { CertificateCodeError, CertificateIssueError } from '@im-records/certificate';
