/** Base class of every error the redaction engine throws, so callers can catch the engine's failures as one kind. */
export class RedactionError extends Error {
  override name = 'RedactionError';
}

/** Thrown when detection or disclosure options are invalid: a bad hospital-number or custom pattern, an empty subject. */
export class RedactionOptionsError extends RedactionError {
  override name = 'RedactionOptionsError';
}

/** Thrown when a decision cannot apply: unknown message id, a span outside the message text, an empty term. */
export class DecisionError extends RedactionError {
  override name = 'DecisionError';
}

/** Thrown when detection is cancelled through its AbortSignal (the browser's Cancel button). */
export class DetectionAbortedError extends RedactionError {
  override name = 'DetectionAbortedError';
}
