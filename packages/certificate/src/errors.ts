/**
 * The certificate's errors. One base class, so callers can tell a bad code or an unprintable name from a bug.
 */

/** Base of the certificate package's errors. */
export class CertificateError extends Error {
  override name = 'CertificateError';
}

/** Thrown when a verification code is not in the expected `header.payload.signature` form or its fields are malformed. */
export class CertificateCodeError extends CertificateError {
  override name = 'CertificateCodeError';
}

/** Thrown when a certificate cannot be issued, for example for a failed attempt, an empty name or an unprintable one. */
export class CertificateIssueError extends CertificateError {
  override name = 'CertificateIssueError';
}
