/**
 * Tests on one word or token that the name rules share: is it in the name lists, is it an unknown word (Philter's
 * rule), is the message mostly not English, is the proper noun a place or a condition by the word after it, is it a
 * family's surname in the plural, or a surname with an age or phone after it.
 */
import { monthAbbreviations, placePrefixes, placeWords } from '../../data/safe-terms.ts';
import {
  COMMON,
  EPONYM,
  FACILITY,
  isCommonWord,
  isEnglishWord,
  isFirstName,
  isLowerCaseWord,
  isSurname,
  LAST,
  lexFlags,
} from '../../lexicon.ts';
import { isWorldFirstName, isWorldSurname } from '../../model/world-names.ts';
import { isWorldPlace } from '../../model/world-places.ts';
import { lowerAt, onlySpaceBetween, tokens } from './tokens.ts';

/** Whether a lower-case word (or a part of a hyphenated one) is a listed first name or surname. */
export function inLists(lower: string): boolean {
  if (isFirstName(lower) || isSurname(lower)) return true;
  if (lower.includes('-'))
    return lower.split('-').some((p) => p.length >= 3 && (isFirstName(p) || isSurname(p)) && !isCommonWord(p));
  return false;
}

const laughter = /^(?:ha|he|hi|ah|lo|ja|je|xa)+h?$/;
const drawnOut = /([aeiouyhmsw])\1\1/;
/** A vowel, with y and w (see {@link vowelless}). */
const vowel = /[aeiouyw]/;

/**
 * {@link unknownWord}'s answers for the chat being read: a chat writes the same capitalised words over and over
 * ("Spoke", "Family", "Incident" at the start of its sentences, and its patients' names), and each answer costs a
 * case change, a split and dictionary lookups. Emptied when full and for every chat ({@link forgetUnknownWords}).
 */
const unknownWords = new Map<string, boolean>();
const UNKNOWN_WORDS_MAX = 50_000;

/** Empties the answers {@link unknownWord} kept: their keys are the chat's words. */
export function forgetUnknownWords(): void {
  unknownWords.clear();
}

/** How many words' answers {@link unknownWord} keeps (for `forgetChatCaches`' test). */
export function keptUnknownWordCount(): number {
  return unknownWords.size;
}

/**
 * A capitalised word that is neither English (dictionary, places, inflections) nor safe-listed, nor an acronym or its
 * plural ("URLs"), nor written with digits, nor CamelCase with two inner capitals ("WhatsAppParserTest"), nor laughter
 * or a drawn-out word ("Hahaha", "Sooo", "Awww"), nor a Latin word with no vowel ("Gdns", "Jgh").
 */
export function unknownWord(word: string): boolean {
  let answer = unknownWords.get(word);
  if (answer === undefined) {
    answer = isUnknownWord(word);
    if (unknownWords.size >= UNKNOWN_WORDS_MAX) unknownWords.clear();
    unknownWords.set(word, answer);
  }
  return answer;
}

function isUnknownWord(word: string): boolean {
  const n = word.length;
  if (n < 3 || word === word.toUpperCase() || /\d/.test(word)) return false;
  const stem = word.slice(0, -1);
  if (word.charCodeAt(n - 1) === 115 && stem === stem.toUpperCase()) return false;
  let inner = 0;
  for (let i = 1; i < n; i++) {
    const c = word.charCodeAt(i);
    const p = word.charCodeAt(i - 1);
    if (c >= 65 && c <= 90 && p >= 97 && p <= 122) inner++;
  }
  if (inner >= 2) return false;
  const lower = word.toLowerCase();
  if (laughter.test(lower) || drawnOut.test(lower)) return false;
  if (vowelless(word)) return false;
  const parts = lower.split(/[-'’]/).filter((p) => p.length >= 2);
  if (parts.length === 0) return false;
  return parts.some((p) => !isEnglishWord(p) && !isCommonWord(p));
}

/**
 * Whether a word of three characters or more, not all capitals (an acronym), in Latin letters, has no vowel: "Gdns",
 * "Pnt", "Jgh", "Jjbjnbj", "#KKRvsDD" are abbreviations or a key mash, not names (a vowel here includes y, and w as
 * Welsh writes it: "Wmffre"; another script has none of these letters: "Мась").
 */
export function vowelless(word: string): boolean {
  return word.length >= 3 && word !== word.toUpperCase() && !vowel.test(word.toLowerCase()) && !nonLatin(word);
}

/** Letters outside the Latin blocks (Greek, Cyrillic, Arabic, CJK…). */
export function nonLatin(word: string): boolean {
  for (let i = 0; i < word.length; i++) if (word.charCodeAt(i) > 0x24f) return true;
  return false;
}

/**
 * Whether the tokenised message is mostly not English: of its lower-case words of three letters or more (at least two
 * of them), fewer than half are English. In such a message a capital letter is no evidence of a name (German
 * capitalises nouns, every language capitalises the first word), so an unknown capitalised word is proposed at the
 * lowest confidence.
 */
export function foreignText(text: string, count: number): boolean {
  // First the words, and those the lexicon already knows as English (no dictionary lookup for them).
  let words = 0;
  let english = 0;
  for (let i = 0; i < count; i++) {
    if (!lowerCaseWord(i)) continue;
    words++;
    if ((tokens.flags[i] as number) & COMMON) english++;
  }
  if (words < 2) return false;
  // Then the dictionary, only until half the words are English: most messages are settled after a few lookups.
  for (let i = 0; i < count && english * 2 < words; i++) {
    if (!lowerCaseWord(i) || (tokens.flags[i] as number) & COMMON) continue;
    if (isEnglishWord((tokens.lower[i] as string) || text.slice(tokens.start[i] as number, tokens.end[i] as number)))
      english++;
  }
  return english * 2 < words;
}

/** Whether token i is a word {@link foreignText} counts: in lower case, of three letters or more, not code. */
function lowerCaseWord(i: number): boolean {
  return tokens.cap[i] === 0 && tokens.code[i] === 0 && (tokens.end[i] as number) - (tokens.start[i] as number) >= 3;
}

/** Facility words that make the proper noun before them a place even in lower case ("Nightingale ward"). */
export const strongFacility = new Set(
  'ward wards unit wing suite theatre theatres hospital clinic hospice infirmary'.split(' '),
);

/**
 * Whether token i is the name of a place or a condition by the word after it: "Nightingale Ward", "St Mary's
 * Hospital", "Parkinson's disease", "Bell's palsy", "Victoria Park", "Hamilton Police". A title before it still makes
 * it a name (checked by the caller).
 */
export function placeOrCondition(text: string, i: number, count: number): boolean {
  const n = i + 1;
  if (n >= count) return false;
  const flags = tokens.flags[n] as number;
  if (!(flags & (FACILITY | EPONYM))) return placeAfter(text, i, n);
  const end = tokens.end[i] as number;
  const next = tokens.start[n] as number;
  if (next - end > 4) return false;
  let possessive = false;
  for (let j = end; j < next; j++) {
    const c = text.charCodeAt(j);
    if (c === 39 || c === 8217 || c === 115) possessive = true;
    else if (c !== 32) return false;
  }
  if (flags & EPONYM) return true;
  return tokens.cap[n] === 1 || (!possessive && strongFacility.has(lowerAt(text, n)));
}

const places = new Set(placeWords);

/**
 * Whether proper noun i names a place or a body by the capitalised place word after it ("Victoria Park", "Asiana
 * Airlines", "Berry Farm"): the model adds no name there either, as it would otherwise add the word back.
 */
export function placeWordAfter(text: string, i: number, count: number): boolean {
  return i + 1 < count && placeAfter(text, i, i + 1);
}

/**
 * Whether token n, right after proper noun i, is a capitalised place word in no surname list ("Victoria Park",
 * "Hamilton Police"): the proper noun names a place or a body.
 */
function placeAfter(text: string, i: number, n: number): boolean {
  if (tokens.cap[n] !== 1 || tokens.cap[i] !== 1 || (tokens.flags[n] as number) & LAST) return false;
  const start = tokens.start[n] as number;
  if (start - (tokens.end[i] as number) !== 1 || text.charCodeAt(start - 1) !== 32) return false;
  return places.has(lowerAt(text, n));
}

const prefixes = new Set(placePrefixes);

/**
 * Whether token i follows, one space (and at most one full stop) on, a capitalised word that makes it a place: "St
 * Luke's", "St. George", "San Diego", "Lake Charles", "Mt . Albert", "South Carolina" (`placePrefixes`).
 */
export function placeBefore(text: string, i: number): boolean {
  const p = i - 1;
  if (p < 0 || tokens.cap[p] !== 1) return false;
  const from = tokens.end[p] as number;
  const to = tokens.start[i] as number;
  if (to - from > 3) return false;
  let dots = 0;
  for (let j = from; j < to; j++) {
    const c = text.charCodeAt(j);
    if (c === 46) dots++;
    else if (c !== 32) return false;
  }
  return dots <= 1 && to > from && prefixes.has(lowerAt(text, p));
}

const months = new Set(monthAbbreviations);

/** Whether a digit stands within a few characters (spaces, dots, commas, hyphens, slashes between) of [start, end). */
function digitBeside(text: string, start: number, end: number): boolean {
  for (let j = start - 1; j >= Math.max(0, start - 4); j--) {
    const c = text.charCodeAt(j);
    if (c >= 48 && c <= 57) return true;
    if (c !== 32 && c !== 46 && c !== 44 && c !== 45 && c !== 47) break;
  }
  for (let j = end; j < Math.min(text.length, end + 4); j++) {
    const c = text.charCodeAt(j);
    if (c >= 48 && c <= 57) return true;
    if (c !== 32 && c !== 46 && c !== 44 && c !== 45 && c !== 47) break;
  }
  return false;
}

/** Whether token i is an abbreviated month beside a number: "19 Jan", "Jan 2015", "Jan-21-2015", "Jan . 19". */
export function dateWord(text: string, i: number, lower: string): boolean {
  return months.has(lower) && digitBeside(text, tokens.start[i] as number, tokens.end[i] as number);
}

/** Words before a proper noun that say it is where someone is, goes or comes from. */
const placePrepositions = new Set(['in', 'at', 'to', 'from', 'near', 'around', 'into']);

/**
 * Whether token i, a word in no name list, is the name of a town (GeoNames: `isWorldPlace`) right after a preposition
 * of place: "in Dromana", "to Garryvoe", "around Coolum". On the training data (BTC sections E, G, H and WNUT17 train)
 * no unknown word found there was a person.
 */
export function townAfterPreposition(text: string, i: number, lower: string): boolean {
  const p = i - 1;
  if (p < 0 || tokens.cap[p] === 1) return false;
  if ((tokens.start[i] as number) - (tokens.end[p] as number) !== 1) return false;
  const before = lowerAt(text, p) || text.slice(tokens.start[p] as number, tokens.end[p] as number);
  return placePrepositions.has(before) && isWorldPlace(lower);
}

/**
 * The same tests on raw text, for the consistency pass (which reads no tokens): whether the word at [start, end)
 * ("lower" in lower case) is an abbreviated month beside a number, or follows a capitalised place prefix ("St . John").
 */
export function placeOrDateAt(text: string, start: number, end: number, lower: string): boolean {
  if (months.has(lower) && digitBeside(text, start, end)) return true;
  let j = start;
  let dots = 0;
  while (j > 0 && start - j <= 3) {
    const c = text.charCodeAt(j - 1);
    if (c === 46) dots++;
    else if (c !== 32) break;
    j--;
  }
  if (j === start || dots > 1) return false;
  let w = j;
  while (w > 0) {
    const c = text.charCodeAt(w - 1) | 32;
    if (c < 97 || c > 122) break;
    w--;
  }
  if (w === j || j - w > 5) return false;
  const first = text.charCodeAt(w);
  return first >= 65 && first <= 90 && prefixes.has(text.slice(w, j).toLowerCase());
}

/**
 * The surname of a family written in the plural ("Wilsons", "Joneses"), when what is left without the plural's "s" (or
 * "es" after s, x, z, ch or sh) is a listed surname that is no everyday word; otherwise undefined. Read only after
 * "the". Given names are left out: "the Times" is not a family of Tims, nor "the Germans" of Germans.
 */
export function familySurname(lower: string): string | undefined {
  if (lower.length < 4 || lower.charCodeAt(lower.length - 1) !== 115) return undefined;
  const stem = /(?:s|x|z|ch|sh)es$/.test(lower) ? lower.slice(0, -2) : lower.slice(0, -1);
  const flags = lexFlags(stem);
  return flags & LAST && !(flags & COMMON) ? stem : undefined;
}

/** A year just after a word: "New Zealand 2014", "Parker Prize 2014" name an event, not a person. */
const yearAfter = /^ (?:19|20)\d\d(?!\d)/;

/**
 * Whether a capitalised word with a number after it is still a name. A number after a word makes it a bed, bay or
 * ward's ("Bay 4", "Step 1"), but after a name that stands the word is that person's surname, and the number their age
 * or phone: "Pt Winston Adeyemi 72M" and "Tom Adeyemi 07700 900123" left the surname visible. Not an everyday English
 * word, a town ("Air Jordan Bordeaux 7s") or an acronym, not before a year.
 */
export function surnameBeforeNumber(
  text: string,
  end: number,
  word: string,
  lower: string,
  afterName: boolean,
): boolean {
  return (
    afterName &&
    word !== word.toUpperCase() &&
    !isLowerCaseWord(lower) &&
    !isWorldPlace(lower) &&
    !yearAfter.test(text.slice(end, end + 6))
  );
}

const shortAcronym = /^[A-Z]{2,4}$/;
/** A word written with a capital and then small letters ("Horwath", not "HQ" or "JONES"). */
const titleCase = /^\p{Lu}\p{Ll}/u;

/**
 * Whether token i, beside a name, is an acronym of two to four capitals written beside a word in ordinary capitals
 * ("Andrea Horwath HQ", "South Yorkshire PCC Shaun Wright", "Atlanta , GA", "the VP Richard Hawk"): an office, a state
 * or a body, not part of the name. Not a name of any of the world's lists: a record writes a surname in capitals
 * ("Zorbek NG", "Mary LEE"). In a message written in capitals ("JANE NG") a short word in capitals says nothing.
 */
export function acronymBesideName(i: number, count: number): boolean {
  const word = tokens.word[i] as string;
  if (!shortAcronym.test(word)) return false;
  const lower = word.toLowerCase();
  if (inLists(lower) || isWorldFirstName(lower) || isWorldSurname(lower)) return false;
  return (
    (i > 0 && titleCase.test(tokens.word[i - 1] as string)) ||
    (i + 1 < count && titleCase.test(tokens.word[i + 1] as string))
  );
}

/** Particles of surnames, written in lower case between a given name or title and the rest ("van der", "de la"). */
const surnameParticles = new Set([
  'van',
  'von',
  'der',
  'den',
  'de',
  'del',
  'della',
  'di',
  'da',
  'du',
  'la',
  'le',
  'dos',
  'das',
  'ter',
  'ten',
  'bin',
  'ibn',
  'al',
]);

/**
 * Whether token i, just after a name, is a surname's particle with the rest of the surname after it: a capitalised
 * word, or another particle and then one ("van der Merwe"), each one space on. "Dr Shah de facto" has no name after.
 */
export function particleBetween(text: string, i: number, count: number): boolean {
  let at = i;
  for (let particles = 0; particles < 2; particles++) {
    const start = tokens.start[at] as number;
    if (!surnameParticles.has(text.slice(start, tokens.end[at] as number))) return false;
    if (at > 0 && !onlySpaceBetween(text, tokens.end[at - 1] as number, start)) return false;
    const n = at + 1;
    if (n >= count) return false;
    if (tokens.cap[n] === 1) return onlySpaceBetween(text, tokens.end[at] as number, tokens.start[n] as number);
    at = n;
  }
  return false;
}
