/**
 * FOI mode: everyone's personal data is withheld under s40(2), a patient's also under s41 (a duty of confidence);
 * named senior staff on the keep list are kept, acting in a public role.
 */
import { S40_2, S41 } from '../exemptions.ts';
import type { Candidate } from '../recogniser.ts';
import type { RedactionCategory } from '../types.ts';
import type { ModeDecision } from './types.ts';

/** Categories that are a patient's by nature (in a ward chat, an NHS number or a date of birth is a patient's). */
export const patientCategories: ReadonlySet<RedactionCategory> = new Set<RedactionCategory>([
  'nhs-number',
  'hospital-number',
  'date-of-birth',
  'age',
  'ni-number',
  'address',
  'postcode',
]);

const foiKeep: ModeDecision = {
  withhold: false,
  exemption: '',
  keptReason: 'named senior staff acting in a public role (FOI keep list)',
};
const foiThirdParty: ModeDecision = { withhold: true, exemption: S40_2 };
/**
 * One frozen array shared by every proposal withheld under s40(2) and s41: a million patient proposals would otherwise
 * each keep an array and its backing store alive, and every scavenge would copy them.
 */
const alsoS41: readonly string[] = Object.freeze([S41]);
const foiPatient: ModeDecision = { withhold: true, exemption: S40_2, alsoExemptions: alsoS41 };

/** The FOI decision on one candidate. */
export function foiDecision(c: Candidate): ModeDecision {
  if (c.category === 'person-name') {
    // Only exact (or familiar-form) matches are kept: a fuzzy match, or a given name someone else in the chat has too,
    // could be someone else.
    if (c.personKey?.startsWith('keep:') && c.rule !== 'name:fuzzy' && c.rule !== 'name:shared') return foiKeep;
    return c.role === 'staff' ? foiThirdParty : foiPatient;
  }
  return patientCategories.has(c.category) ? foiPatient : foiThirdParty;
}
