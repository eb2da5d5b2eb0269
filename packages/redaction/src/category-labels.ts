/**
 * How each redaction category is named, in the three places it is shown: the review's filters and legends, the label
 * on a redaction box, and the words of a sentence or a schedule row. One record, so the app, the engine and the
 * bundle say the same thing; the box label is short because it is printed inside the box.
 */
import type { RedactionCategory } from './types.ts';

/** A category's names. */
export interface CategoryLabel {
  /** As a heading or a filter in the review: `National Insurance number`. */
  name: string;
  /** On a redaction box and its text placeholder, where space is short: `NI number`. */
  box: string;
  /** Inside a sentence or a schedule row, in lower case unless a proper name: `National Insurance number`. */
  words: string;
}

/** Every category's names; a new category is a type error here until it is named. */
export const CATEGORY_LABELS: Readonly<Record<RedactionCategory, CategoryLabel>> = {
  'person-name': { name: 'Name', box: 'Name', words: 'name' },
  'nhs-number': { name: 'NHS number', box: 'NHS number', words: 'NHS number' },
  'hospital-number': { name: 'Hospital number', box: 'Hospital number', words: 'hospital number' },
  phone: { name: 'Phone number', box: 'Phone number', words: 'phone number' },
  email: { name: 'Email address', box: 'Email address', words: 'email address' },
  postcode: { name: 'Postcode', box: 'Postcode', words: 'postcode' },
  address: { name: 'Address', box: 'Address', words: 'address' },
  'date-of-birth': { name: 'Date of birth', box: 'Date of birth', words: 'date of birth' },
  age: { name: 'Age', box: 'Age', words: 'age' },
  'ni-number': { name: 'National Insurance number', box: 'NI number', words: 'National Insurance number' },
  custom: { name: 'Custom term', box: 'Redacted', words: 'other information' },
};
