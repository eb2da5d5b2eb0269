import { findEmails } from './email.ts';
import type { FindOptions, IdentifierMatch } from './match.ts';
import { findNhsNumbers } from './nhs-number.ts';
import { findNationalInsuranceNumbers } from './ni-number.ts';
import { findPhoneNumbers } from './phone.ts';
import { findPostcodes } from './postcode.ts';

/**
 * Every identifier of every kind in free text, sorted by start offset (then kind), so a redaction engine gets one
 * deterministic candidate list. Overlaps between kinds are left for the caller to resolve.
 */
export function findIdentifiers(text: string, options: FindOptions = {}): IdentifierMatch[] {
  const all = [
    ...findNhsNumbers(text, options),
    ...findNationalInsuranceNumbers(text, options),
    ...findPostcodes(text, options),
    ...findPhoneNumbers(text, options),
    ...findEmails(text, options),
  ];
  return all.sort((a, b) => a.start - b.start || a.end - b.end || a.kind.localeCompare(b.kind));
}
