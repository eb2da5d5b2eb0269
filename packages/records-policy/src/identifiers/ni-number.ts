import { type FindOptions, type IdentifierMatch, scan } from './match.ts';

const NI_NUMBER_SOURCE = String.raw`\b[A-Za-z]{2} ?\d{2} ?\d{2} ?\d{2} ?[A-Za-z]\b`;

/** Prefix pairs HMRC never issues. */
const FORBIDDEN_PREFIXES = new Set(['BG', 'GB', 'NK', 'KN', 'NT', 'TN', 'ZZ']);

/**
 * A new global regex matching National Insurance number candidates: two letters, six digits, one letter, with
 * optional single spaces between the groups, any case. It is deliberately looser than the rules (recall first);
 * validate each candidate with {@link isValidNationalInsuranceNumber}.
 */
export function nationalInsuranceNumberPattern(): RegExp {
  return new RegExp(NI_NUMBER_SOURCE, 'g');
}

/**
 * The canonical form (`QQ123456C`, upper case, no spaces) of a valid National Insurance number, or undefined. Rules:
 * first letter not D, F, I, Q, U or V; second letter not D, F, I, O, Q, U or V; prefix not BG, GB, NK, KN, NT, TN or
 * ZZ; six digits; suffix A, B, C or D. Spaces between groups are allowed and letters may be lower case, because
 * people type them that way in messages.
 */
export function normaliseNationalInsuranceNumber(text: string): string | undefined {
  const compact = text.trim().replace(/ /g, '').toUpperCase();
  if (!/^[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z]\d{6}[A-D]$/.test(compact)) return undefined;
  if (FORBIDDEN_PREFIXES.has(compact.slice(0, 2))) return undefined;
  return compact;
}

/** Whether `text` is a National Insurance number that HMRC could issue; see {@link normaliseNationalInsuranceNumber}. */
export function isValidNationalInsuranceNumber(text: string): boolean {
  return normaliseNationalInsuranceNumber(text) !== undefined;
}

/** Every valid National Insurance number in free text. */
export function findNationalInsuranceNumbers(text: string, options: FindOptions = {}): IdentifierMatch[] {
  return scan(text, nationalInsuranceNumberPattern(), 'ni-number', normaliseNationalInsuranceNumber, options);
}
