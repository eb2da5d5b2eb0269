/**
 * The xAPI side's errors: one base class, one subclass per failure, each saying what went wrong and where, and never
 * carrying the LRS credentials.
 */

/** Base class of every error from the statement builders, the validator and the LRS client. */
export class XapiError extends Error {
  override name = 'XapiError';
}

/** A statement breaks the xAPI rules (or cmi5's); `problems` lists each one with the property path. */
export class StatementError extends XapiError {
  override name = 'StatementError';
  readonly problems: readonly string[];
  constructor(problems: readonly string[]) {
    super(`statement is not valid xAPI: ${problems.join('; ')}`);
    this.problems = problems;
  }
}

/** The LRS answered with an error status; `status` is the HTTP status and `detail` the start of its reply. */
export class LrsResponseError extends XapiError {
  override name = 'LrsResponseError';
  readonly status: number;
  readonly detail: string;
  constructor(what: string, status: number, detail: string) {
    super(`${what}: the LRS answered ${status}${detail ? ` (${detail})` : ''}`);
    this.status = status;
    this.detail = detail;
  }
}

/** The LRS did not answer within the client's timeout. */
export class LrsTimeoutError extends XapiError {
  override name = 'LrsTimeoutError';
}

/** The LRS could not be reached at all (address wrong, server down, connection refused, blocked by CORS). */
export class LrsUnreachableError extends XapiError {
  override name = 'LrsUnreachableError';
}
