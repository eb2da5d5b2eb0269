import { type FindOptions, type IdentifierMatch, scan } from './match.ts';

const POSTCODE_SOURCE = String.raw`\b(?:GIR ?0AA|[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2})\b`;

/**
 * Outward codes in their positional forms (A9, A99, AA9, AA99, A9A, AA9A). Position 1 is never Q, V or X; position 2
 * (when a letter) never I, J or Z; the third-position letter of A9A is one of ABCDEFGHJKPSTUW; the fourth-position
 * letter of AA9A is one of ABEHMNPRVWXY.
 */
const OUTWARD =
  /^(?:[A-PR-UWYZ]\d{1,2}|[A-PR-UWYZ][A-HK-Y]\d{1,2}|[A-PR-UWYZ]\d[A-HJKPSTUW]|[A-PR-UWYZ][A-HK-Y]\d[ABEHMNPRVWXY])$/;

/** Inward code: a digit and two letters, never C, I, K, M, O or V. */
const INWARD = /^\d[ABD-HJLNP-UW-Z]{2}$/;

/**
 * A new global regex matching UK postcode candidates in free text (any case, with or without the space). Looser than
 * the positional rules on purpose; validate each candidate with {@link isValidPostcode}.
 */
export function postcodePattern(): RegExp {
  return new RegExp(POSTCODE_SOURCE, 'gi');
}

/**
 * The canonical form of a valid UK postcode (upper case, one space before the inward code, e.g. `SW1A 1AA`), or
 * undefined when it breaks the positional rules. `GIR 0AA` (Girobank) is accepted as the one historic exception.
 */
export function normalisePostcode(text: string): string | undefined {
  const compact = text.trim().replace(/\s+/g, '').toUpperCase();
  if (compact.length < 5 || compact.length > 7) return undefined;
  const outward = compact.slice(0, -3);
  const inward = compact.slice(-3);
  if (compact === 'GIR0AA') return 'GIR 0AA';
  if (!OUTWARD.test(outward) || !INWARD.test(inward)) return undefined;
  return `${outward} ${inward}`;
}

/** Whether `text` is a UK postcode that obeys the positional letter rules; see {@link normalisePostcode}. */
export function isValidPostcode(text: string): boolean {
  return normalisePostcode(text) !== undefined;
}

/** Every valid UK postcode in free text. */
export function findPostcodes(text: string, options: FindOptions = {}): IdentifierMatch[] {
  return scan(text, postcodePattern(), 'postcode', normalisePostcode, options);
}
