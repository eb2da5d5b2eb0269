/**
 * A first guess at what a piece of text the officer selected is, for the "What it is" question asked before it is
 * redacted: the records-policy validators decide the identifiers, a capitalised word is taken for a name, anything
 * else is "other information". The officer can always choose another.
 */
import {
  isValidEmail,
  isValidNationalInsuranceNumber,
  isValidNhsNumber,
  isValidPhoneNumber,
  isValidPostcode,
} from '@im-records/records-policy';
import type { RedactionCategory } from '@im-records/redaction';

/** The category a selection most likely is. */
export function guessCategory(text: string): RedactionCategory {
  const value = text.trim();
  if (isValidEmail(value)) return 'email';
  if (isValidNhsNumber(value)) return 'nhs-number';
  if (isValidNationalInsuranceNumber(value)) return 'ni-number';
  if (isValidPostcode(value)) return 'postcode';
  if (/\d/.test(value) && isValidPhoneNumber(value)) return 'phone';
  if (/^(?:\p{Lu}[\p{L}'’-]*)(?:\s+\p{Lu}[\p{L}'’-]*){0,3}$/u.test(value)) return 'person-name';
  return 'custom';
}
