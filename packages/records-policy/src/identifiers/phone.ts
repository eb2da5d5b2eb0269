import { findPhoneNumbersInText, parsePhoneNumberFromString } from 'libphonenumber-js';
import type { FindOptions, IdentifierMatch } from './match.ts';

/**
 * Whether a written number starts the way people write phone numbers in the UK (`0…`, `+…`, `00…`, or `(0…`).
 * Bare digit runs without a leading zero are more often NHS numbers, hospital numbers or bleeps than phone numbers.
 */
function looksDialled(raw: string): boolean {
  return /^(?:\+|0|\(\s*[0+])/.test(raw);
}

/**
 * The E.164 form (`+447700900123`) of a possible phone number, read with region GB, or undefined. "Possible" (length
 * fits the numbering plan) rather than "valid" (range allocated) so that Ofcom's drama ranges such as 07700 900xxx and
 * 01632 960xxx — used in fiction and test data, and by people disguising numbers — are still caught.
 */
export function normalisePhoneNumber(text: string): string | undefined {
  const trimmed = text.trim();
  if (!looksDialled(trimmed)) return undefined;
  if (!/^[+(]?[\d\s().-]+$/.test(trimmed)) return undefined;
  const parsed = parsePhoneNumberFromString(trimmed, 'GB');
  if (parsed === undefined || !parsed.isPossible()) return undefined;
  return parsed.number;
}

/** Whether `text` is a possible UK (or international, `+…`) phone number; see {@link normalisePhoneNumber}. */
export function isValidPhoneNumber(text: string): boolean {
  return normalisePhoneNumber(text) !== undefined;
}

/**
 * Every possible phone number in free text, found with libphonenumber-js (region GB, "possible" leniency) and kept
 * only when written with a leading `0`, `+`, `00` or `(`. With `includeInvalid`, numbers the library found but that
 * fail that check are returned with `valid: false`.
 */
export function findPhoneNumbers(text: string, options: FindOptions = {}): IdentifierMatch[] {
  const matches: IdentifierMatch[] = [];
  for (const found of findPhoneNumbersInText(text, { defaultCountry: 'GB', extended: true })) {
    const raw = text.slice(found.startsAt, found.endsAt);
    const valid = looksDialled(raw) && found.number.isPossible();
    if (!valid && options.includeInvalid !== true) continue;
    matches.push({
      kind: 'phone',
      start: found.startsAt,
      end: found.endsAt,
      text: raw,
      normalised: found.number.number,
      valid,
    });
  }
  return matches;
}
