/** Base class of every error this package throws, so callers can tell bundle failures from others with one check. */
export class BundleError extends Error {
  override name = 'BundleError';
}

/** Thrown when the request or the disclosed conversation breaks the input contract (a bad date, an unknown type); says which field. */
export class InvalidBundleInputError extends BundleError {
  override name = 'InvalidBundleInputError';
}

/** Thrown when packaging is cancelled through the `signal`; says which stage was running. */
export class BundleAbortedError extends BundleError {
  override name = 'BundleAbortedError';
}

/** Thrown when a font file the bundle needs cannot be loaded or parsed; says which file. */
export class FontLoadError extends BundleError {
  override name = 'FontLoadError';
}
