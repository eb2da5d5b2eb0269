/** The kinds of identifier this package can find in free text. */
export type IdentifierKind = 'nhs-number' | 'ni-number' | 'postcode' | 'phone' | 'email';

/**
 * One identifier found in free text: a span (UTF-16 offsets, end exclusive) so a redaction engine can mark exactly
 * the characters it covers, plus a normalised form so the same identifier written two ways is recognised as one.
 */
export interface IdentifierMatch {
  kind: IdentifierKind;
  /** Offset of the first character (UTF-16 code units). */
  start: number;
  /** Offset after the last character (exclusive). */
  end: number;
  /** The text exactly as written. */
  text: string;
  /** Canonical form (digits only, upper case, standard spacing or E.164, per kind). */
  normalised: string;
  /** Whether the candidate passed the full validation (checksum, positional rules, numbering plan). */
  valid: boolean;
}

/** Options shared by the `find…` functions. */
export interface FindOptions {
  /**
   * Also return candidates that have the right shape but fail validation (for example an NHS-number-shaped string
   * with a wrong check digit), marked `valid: false`, so a reviewer can be shown near misses. Default false.
   */
  includeInvalid?: boolean;
}

/** Runs a fresh global regex over `text` and turns each candidate into a match, validating it. */
export function scan(
  text: string,
  pattern: RegExp,
  kind: IdentifierKind,
  normalise: (candidate: string) => string | undefined,
  options: FindOptions,
): IdentifierMatch[] {
  const matches: IdentifierMatch[] = [];
  for (const found of text.matchAll(pattern)) {
    const candidate = found[0];
    const start = found.index;
    const normalised = normalise(candidate);
    if (normalised === undefined && options.includeInvalid !== true) continue;
    matches.push({
      kind,
      start,
      end: start + candidate.length,
      text: candidate,
      normalised: normalised ?? candidate,
      valid: normalised !== undefined,
    });
  }
  return matches;
}
