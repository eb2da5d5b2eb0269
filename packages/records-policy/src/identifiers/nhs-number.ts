import { type FindOptions, type IdentifierMatch, scan } from './match.ts';

const NHS_NUMBER_SOURCE = String.raw`(?<![\d])\d{3}[- ]?\d{3}[- ]?\d{4}(?![\d])`;

/**
 * A new global regex matching NHS-number-shaped text (ten digits, optionally grouped 3-3-4 with spaces or hyphens).
 * A fresh object is returned on each call because global regexes carry `lastIndex` state that must not be shared.
 * Shape alone is weak evidence: about 1 in 11 random ten-digit strings also passes the checksum, so callers should
 * validate with {@link isValidNhsNumber} and weigh context words.
 */
export function nhsNumberPattern(): RegExp {
  return new RegExp(NHS_NUMBER_SOURCE, 'g');
}

/**
 * The modulus-11 check digit for the first nine digits of an NHS number, or undefined when no number with these
 * nine digits can be valid (the remainder gives 10). Useful for generating synthetic test numbers.
 */
export function nhsNumberCheckDigit(firstNine: string): number | undefined {
  if (!/^\d{9}$/.test(firstNine)) return undefined;
  let sum = 0;
  for (let i = 0; i < 9; i += 1) {
    sum += Number(firstNine[i]) * (10 - i);
  }
  const check = 11 - (sum % 11);
  if (check === 11) return 0;
  if (check === 10) return undefined;
  return check;
}

/**
 * The ten bare digits of a valid NHS number, or undefined: the text must be ten digits (optionally grouped 3-3-4 by
 * spaces or hyphens), pass the modulus-11 check, and not be one digit repeated (such as 1111111111, which passes the
 * checksum but is never issued).
 */
export function normaliseNhsNumber(text: string): string | undefined {
  const trimmed = text.trim();
  if (!/^\d{3}[- ]?\d{3}[- ]?\d{4}$/.test(trimmed)) return undefined;
  const digits = trimmed.replace(/[- ]/g, '');
  if (/^(\d)\1{9}$/.test(digits)) return undefined;
  const check = nhsNumberCheckDigit(digits.slice(0, 9));
  if (check === undefined || check !== Number(digits[9])) return undefined;
  return digits;
}

/** Whether `text` is a valid NHS number (shape, modulus 11, not all one digit); see {@link normaliseNhsNumber}. */
export function isValidNhsNumber(text: string): boolean {
  return normaliseNhsNumber(text) !== undefined;
}

/** Every NHS number in free text, validated, so a redaction engine does not flag arbitrary ten-digit strings. */
export function findNhsNumbers(text: string, options: FindOptions = {}): IdentifierMatch[] {
  return scan(text, nhsNumberPattern(), 'nhs-number', normaliseNhsNumber, options);
}
