/**
 * The word lists behind name finding: UK first names and surnames (built from faker's en_GB data plus the project's
 * supplement by `scripts/build-name-data.ts`), the safe-list of names that are also English words, and the small
 * English and clinical word sets that keep precision (function words, months, ward vocabulary).
 */
import lists from './data/name-lists.json' with { type: 'json' };

const firstNames = new Set(lists.first.toLowerCase().split('|'));
const surnames = new Set(lists.last.toLowerCase().split('|'));
const common = new Set(lists.common.toLowerCase().split('|'));

/** Ward words that are capitalised at the start of a message but never a name on their own. */
const clinicalWords = new Set(
  'sister nurse doctor matron ward bed bay side room theatre theatres resus bleep ext pharmacy sats obs bloods handover shift rota bank agency porter porters physio pt pts patient patients consultant reg registrar team night day am pm ok thanks thank cheers please pls hi hello morning evening afternoon yes no nope yep sure fine great good well right left urgent stat review chase chased chasing discharge discharged admitted admission ambulance ed a&e gp dn district clinic ot salt dietitian'.split(
    ' ',
  ),
);

/** Short English words that follow a title without being a name ("Dr on call", "Sister on ward 7"). */
const functionWords = new Set(
  'a an the on in at to of for from by with and or but is are was were be been being has have had do does did will would can could shall should may might must not no yes this that these those it its he she they them his her their our your my me we you i who whom which what when where why how all any some each every one two three four five here there now then today tomorrow yesterday tonight on-call oncall said says asked wants rang called says also just still only about after before over under up down out off please pls thanks ok'.split(
    ' ',
  ),
);

const months = new Set([
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
]);

/** Whether a lower-case token is in the UK first-name list. */
export function isFirstName(lower: string): boolean {
  return firstNames.has(lower);
}

/** Whether a lower-case token is in the UK surname list. */
export function isSurname(lower: string): boolean {
  return surnames.has(lower);
}

/** Whether a lower-case token is an English or ward word (so a capitalised use needs a cue to be a name). */
export function isCommonWord(lower: string): boolean {
  return common.has(lower) || clinicalWords.has(lower) || functionWords.has(lower) || months.has(lower);
}

/** Whether a lower-case token is a short English function word. */
export function isFunctionWord(lower: string): boolean {
  return functionWords.has(lower);
}

/** Whether a lower-case token names a month (May, June, August are names too). */
export function isMonth(lower: string): boolean {
  return months.has(lower);
}

/** Whether a lower-case token is ward vocabulary (never a name by itself). */
export function isClinicalWord(lower: string): boolean {
  return clinicalWords.has(lower);
}
