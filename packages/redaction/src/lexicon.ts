/**
 * The word lists behind name finding: UK first names and surnames (built from faker's en_GB data plus the project's
 * supplement by `scripts/build-name-data.ts`), the safe-list of names that are also English words, and the small
 * English and clinical word sets that keep precision (function words, months, ward vocabulary).
 */
import { BloomFilter } from './bloom.ts';
import englishData from './data/english-words.json' with { type: 'json' };
import lists from './data/name-lists.json' with { type: 'json' };
import { chatTerms, dayTerms, eponymWords, facilityWords, safeTerms } from './data/safe-terms.ts';
import { hashWord, WordGate } from './word-gate.ts';

const english = BloomFilter.fromBase64(englishData.bits, englishData.m, englishData.k);
const properNouns = BloomFilter.fromBase64(englishData.properBits, englishData.properM, englishData.k);

const firstNames = new Set(lists.first.toLowerCase().split('|'));
const surnames = new Set(lists.last.toLowerCase().split('|'));
const common = new Set(lists.common.toLowerCase().split('|'));

/** Ward words that are capitalised at the start of a message but never a name on their own. */
const clinicalWords = new Set(
  'sister nurse doctor matron ward bed bay side room theatre theatres resus bleep ext pharmacy sats obs bloods meds med handover shift rota bank agency porter porters physio pt pts patient patients consultant reg registrar team night day am pm ok thanks thank cheers please pls hi hello morning evening afternoon yes no nope yep sure fine great good well right left urgent stat review chase chased chasing discharge discharged admitted admission ambulance ed a&e gp dn district clinic ot salt dietitian datix teams cerner epr emis systmone lorenzo careflow nervecentre vocera pacs ice oramorph zomorph tazocin augmentin clexane fragmin fortisip movicol laxido senna lactulose gaviscon oramorph sando ondansetron cyclizine salbutamol ventolin seretide co-amoxiclav amoxicillin'.split(
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

/** Whether a lower-case token is an English, ward, safe-listed or calendar word (a capitalised use needs a cue). */
export function isCommonWord(lower: string): boolean {
  return ((flagTable.get(lower) ?? 0) & COMMON) !== 0;
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
  return ((flagTable.get(lower) ?? 0) & CLINICAL) !== 0;
}

/**
 * What the inflection rules said of words the dictionary does not hold as written, kept because a chat repeats its
 * words ("bloods" after every "doctor" of a ward chat); emptied when full, so it stays small.
 */
const inflectedWords = new Map<string, boolean>();
const INFLECTED_WORDS_MAX = 50_000;

/** Whether a lower-case word is (probably) in the English dictionary, place names included; names are not. */
export function isEnglishWord(lower: string): boolean {
  if (english.has(lower)) return true;
  let inflected = inflectedWords.get(lower);
  if (inflected === undefined) {
    inflected = isInflectedEnglishWord(lower);
    if (inflectedWords.size >= INFLECTED_WORDS_MAX) inflectedWords.clear();
    inflectedWords.set(lower, inflected);
  }
  return inflected;
}

/** Whether a word is a plural, past, participle or adverb form of a dictionary word ("bloods", "created", "hurried"). */
function isInflectedEnglishWord(lower: string): boolean {
  const n = lower.length;
  for (const [suffix, replacement] of inflections) {
    if (n <= suffix.length + 2 || !lower.endsWith(suffix)) continue;
    const stem = lower.slice(0, n - suffix.length);
    if (english.has(stem + replacement)) return true;
    // A doubled final consonant ("running", "stopped").
    if (replacement === '' && stem.length > 3 && stem.charAt(stem.length - 1) === stem.charAt(stem.length - 2)) {
      if (english.has(stem.slice(0, -1))) return true;
    }
  }
  return false;
}

/**
 * {@link isLowerCaseWord}'s answers, kept for the same reason as the inflections': discovery asks it of the word after
 * every title or relation word ("doctor handover", "nurse bloods"), and two Bloom filters cost more than one lookup.
 */
const lowerCaseWords = new Map<string, boolean>();

/**
 * Whether a lower-case word is an English word in lower case too — not a proper noun that the dictionary has only
 * with a capital ("Igor", "London"): a lower-case "igor" is then the name, a lower-case "crystal" is not.
 */
export function isLowerCaseWord(lower: string): boolean {
  let answer = lowerCaseWords.get(lower);
  if (answer === undefined) {
    answer = isEnglishWord(lower) && !properNouns.has(lower);
    if (lowerCaseWords.size >= INFLECTED_WORDS_MAX) lowerCaseWords.clear();
    lowerCaseWords.set(lower, answer);
  }
  return answer;
}

/** Empties the answers kept for {@link isEnglishWord} and {@link isLowerCaseWord}: their keys are the chat's words. */
export function forgetKeptWords(): void {
  inflectedWords.clear();
  lowerCaseWords.clear();
}

/** How many words' answers are kept (for {@link forgetKeptWords}' test). */
export function keptWordCount(): number {
  return inflectedWords.size + lowerCaseWords.size;
}

/** Suffixes of regular inflections and what replaces them to give the dictionary form. */
const inflections: readonly (readonly [string, string])[] = [
  ['s', ''],
  ['es', ''],
  ['ies', 'y'],
  ['ed', ''],
  ['ed', 'e'],
  ['ied', 'y'],
  ['ing', ''],
  ['ing', 'e'],
  ['ly', ''],
  ['ily', 'y'],
  ['er', ''],
  ['er', 'e'],
  ['est', ''],
  ['ness', ''],
  ['ment', ''],
];

/** Lexicon flag: in the first-name list. */
export const FIRST = 1;
/** Lexicon flag: in the surname list. */
export const LAST = 2;
/** Lexicon flag: an English or ward word (a capitalised use needs a cue). */
export const COMMON = 4;
/** Lexicon flag: a short function word. */
export const FUNCTION = 8;
/** Lexicon flag: ward vocabulary. */
export const CLINICAL = 16;
/** Lexicon flag: a month name. */
export const MONTH = 32;
/** Lexicon flag: a personal title (Mr, Dr, Sister…). */
export const TITLE = 64;
/** Lexicon flag: on the safe-list (apps, systems, organisations, drugs, eponyms): a name only with a title or relation cue. */
export const SAFE = 128;
/** Lexicon flag: a word that makes the proper noun before it a place ("Nightingale Ward", "St Mary's Hospital"). */
export const FACILITY = 256;
/** Lexicon flag: a word that makes the name before it a condition or score ("Bell's palsy", "Braden score"). */
export const EPONYM = 512;
/** Lexicon flag: a job title written before a name ("HCA Becky", "SpR Olu", "Physio Jess"): that name is staff's. */
export const JOB_TITLE = 1024;

/** Titles and role words that put a name after them (Mrs Okafor, Sister Adeyemi); shared with known-names. */
export const TITLES: readonly string[] = [
  'mr',
  'mrs',
  'ms',
  'miss',
  'mx',
  'dr',
  'doctor',
  'sister',
  'sr',
  'nurse',
  'prof',
  'professor',
  'matron',
  'rev',
  'sir',
  'dame',
  'lady',
  'lord',
];
/**
 * Job titles a ward chat writes before a colleague's name ("HCA Becky", "SpR Olu", "Porter Gary", "FY1 Hannah"): the
 * name after one is a member of staff's, and the title itself is never a name ("HCA" was withheld as Becky's
 * neighbour). Unlike {@link TITLES} they are ordinary words of the chat everywhere else ("the physio", "on call reg"),
 * so they name someone only before a word that can be a name (see `jobTitleName` in the name rules).
 */
export const JOB_TITLES: readonly string[] = [
  'hca',
  'hcsw',
  'anp',
  'acp',
  'cns',
  'sho',
  'spr',
  'fy',
  'reg',
  'registrar',
  'consultant',
  'anaesthetist',
  'physio',
  'physiotherapist',
  'ot',
  'salt',
  'dietitian',
  'pharmacist',
  'midwife',
  'paramedic',
  'radiographer',
  'phlebotomist',
  'porter',
  'clerk',
  'housekeeper',
  'rmn',
  'odp',
  // "Ward manager Bev", "Bed manager Sue", "Site coordinator Raj".
  'manager',
  'coordinator',
];
const flagTable = new Map<string, number>();
const mark = (words: Iterable<string>, flag: number): void => {
  for (const w of words) flagTable.set(w, (flagTable.get(w) ?? 0) | flag);
};
mark(firstNames, FIRST);
mark(surnames, LAST);
mark(common, COMMON);
mark(clinicalWords, COMMON | CLINICAL);
mark(functionWords, COMMON | FUNCTION);
mark(months, COMMON | MONTH);
mark(dayTerms, COMMON | MONTH);
mark(chatTerms, COMMON | FUNCTION);
mark(safeTerms, COMMON | SAFE);
mark(TITLES, TITLE);
mark(JOB_TITLES, COMMON | CLINICAL | JOB_TITLE);
mark(facilityWords, FACILITY);
mark(eponymWords, EPONYM);

/** All lexicon flags of a lower-case word in one lookup (the name scanner's hot path). */
export function lexFlags(lower: string): number {
  return flagTable.get(lower) ?? 0;
}

const lexiconGate = new WordGate();
for (const word of flagTable.keys()) if (/^[a-z]+$/.test(word)) lexiconGate.add(word);

/**
 * The lexicon's plain lower-case words in an open-addressing table keyed by their FNV-1a hash (the name scanner's
 * {@link hashStep}), so a word can be looked up where it stands in the text, without cutting it out.
 */
const plainWords = [...flagTable.keys()].filter((word) => /^[a-z]+$/.test(word));
const slots = 1 << Math.ceil(Math.log2(plainWords.length * 2 + 1));
const slotHash = new Int32Array(slots);
const slotFlags = new Int32Array(slots);
const slotWord: string[] = new Array<string>(slots).fill('');
for (const word of plainWords) {
  const h = hashWord(word);
  let s = h & (slots - 1);
  while (slotWord[s] !== '') s = (s + 1) & (slots - 1);
  slotHash[s] = h;
  slotFlags[s] = flagTable.get(word) ?? 0;
  slotWord[s] = word;
}

/**
 * {@link lexFlags} of the plain lower-case word text[start, end) whose hash is `h`, read in place (no substring):
 * the same answer as `lexFlags(text.slice(start, end))` for a word of letters a–z only.
 */
export function lexFlagsAt(text: string, start: number, end: number, h: number): number {
  const length = end - start;
  for (let s = h & (slots - 1); ; s = (s + 1) & (slots - 1)) {
    const word = slotWord[s] as string;
    if (word === '') return 0;
    if (slotHash[s] !== h || word.length !== length) continue;
    let same = true;
    for (let k = 0; k < length; k++) {
      if (text.charCodeAt(start + k) !== word.charCodeAt(k)) {
        same = false;
        break;
      }
    }
    if (same) return slotFlags[s] as number;
  }
}

/** Whether a plain lower-case word with this hash may have lexicon flags (false: it certainly has none). */
export function mayHaveFlags(h: number): boolean {
  return lexiconGate.has(h);
}
