// Public API of @im-records/records-policy. Every export is listed by name; types apart from values.

export { findIdentifiers } from './identifiers/all.ts';
export {
  emailPattern,
  findEmails,
  isValidEmail,
  normaliseEmail,
} from './identifiers/email.ts';
export type { FindOptions, IdentifierKind, IdentifierMatch } from './identifiers/match.ts';
export {
  findNhsNumbers,
  isValidNhsNumber,
  nhsNumberCheckDigit,
  nhsNumberPattern,
  normaliseNhsNumber,
} from './identifiers/nhs-number.ts';
export {
  findNationalInsuranceNumbers,
  isValidNationalInsuranceNumber,
  nationalInsuranceNumberPattern,
  normaliseNationalInsuranceNumber,
} from './identifiers/ni-number.ts';
export { findPhoneNumbers, isValidPhoneNumber, normalisePhoneNumber } from './identifiers/phone.ts';
export { findPostcodes, isValidPostcode, normalisePostcode, postcodePattern } from './identifiers/postcode.ts';
