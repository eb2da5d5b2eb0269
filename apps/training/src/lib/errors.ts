/**
 * The training site's own errors: certificate codes and issuing. They extend the course's error family, so
 * `instanceof TrainingError` still tells the site's failures apart from bugs.
 */
import { TrainingError } from '@im-records/course';

/** Thrown when a certificate verification code is not in the expected `header.payload.signature` form or its fields are malformed. */
export class CertificateCodeError extends TrainingError {
  override name = 'CertificateCodeError';
}

/** Thrown when a certificate cannot be issued, for example for a failed attempt or an empty name. */
export class CertificateIssueError extends TrainingError {
  override name = 'CertificateIssueError';
}
