/**
 * The attestation package's errors. Every one says what is wrong and where, in words a person can act on; the server
 * maps them to HTTP statuses and the CLI to one line and an exit code.
 */

/** Base of every error this package throws on purpose. */
export class AttestationError extends Error {
  override name = 'AttestationError';
}

/** Input that breaks a rule (an impossible date, a due date before the effective date, an unknown role). */
export class ValidationError extends AttestationError {
  override name = 'ValidationError';
}

/**
 * An assessment sent with questions left unanswered: nothing is marked or recorded. `questions` are their numbers as
 * the person saw them (1 for the first question on the page), so each can be named and linked to.
 */
export class UnansweredError extends ValidationError {
  override name = 'UnansweredError';
  readonly questions: readonly number[];
  constructor(questions: readonly number[]) {
    super(`answer question${questions.length === 1 ? '' : 's'} ${questions.join(', ')}: nothing was marked`);
    this.questions = questions;
  }
}

/** A roster file that cannot be imported at all (no header, a missing required column, or `--strict` with bad rows). */
export class RosterFileError extends AttestationError {
  override name = 'RosterFileError';
}

/** Something asked for by id that does not exist (or that the caller may not know exists). */
export class NotFoundError extends AttestationError {
  override name = 'NotFoundError';
}

/** The caller's role or departments do not allow the action (a manager recording for another department). */
export class ForbiddenError extends AttestationError {
  override name = 'ForbiddenError';
}

/** The action clashes with what is stored (an e-mail already has an account, an attempt already finished). */
export class ConflictError extends AttestationError {
  override name = 'ConflictError';
}

/** Sign-in refused: wrong details, a locked or disabled account, or too many attempts. The message is safe to show. */
export class SignInError extends AttestationError {
  override name = 'SignInError';
  readonly reason: 'invalid' | 'locked' | 'rate-limited' | 'disabled';
  constructor(reason: 'invalid' | 'locked' | 'rate-limited' | 'disabled', message: string) {
    super(message);
    this.reason = reason;
  }
}
