/**
 * The words around a name that say it is one, and whose: titles ("Mrs Okafor", "Dr Shah") and job titles ("HCA
 * Becky", "Tom (SHO)"), relations ("daughter Julie", "Julie's husband"), patient cues ("bed 4 is …", "pt …", "Bill in
 * bed 2", "Surname: Okoro"), where someone works ("Grace from pharmacy") and forms of address ("thanks Sam"). The
 * discovery pass reads the strong ones over the whole chat before any message is scanned, so a name a cue confirms in
 * one message is known in every other.
 */

import { ruleConfidence } from '../../confidence.ts';
import { isTitle, type KnownNames, nameTokens, roleOfTitle } from '../../known-names.ts';
import {
  CLINICAL,
  COMMON,
  FIRST,
  FUNCTION,
  isLowerCaseWord,
  JOB_TITLE,
  JOB_TITLES,
  LAST,
  lexFlags,
  MONTH,
  SAFE,
  TITLE,
} from '../../lexicon.ts';
import { isWorldFirstName, isWorldSurname } from '../../model/world-names.ts';
import { type Candidate, NONE } from '../../recogniser.ts';
import { HASH_START, hashStep, hashWord, WordGate } from '../../word-gate.ts';
import { readHandle } from './handles.ts';
import { capitalised } from './tokens.ts';

const relationWords =
  'daughter|son|wife|husband|partner|sister|brother|mother|mum|mom|father|dad|niece|nephew|granddaughter|grandson|carer|friend|neighbour|fiance|fiancee|fiancée|aunt|uncle|cousin|nok|next of kin|grandma|grandad|grandmother|grandfather|stepson|stepdaughter';

/** A relation word just before a word ("daughter Julie", "husband: Tom"). */
export const relationBefore = new RegExp(`\\b(?:${relationWords})\\s*[(:,-]?\\s*$`, 'i');
/**
 * "bed 4 is", "bay 5:", "side room 3:", "bed 5 (", a handover's "B1 ": a bed, bay or side room before a word, the
 * strongest of the patient cues (see {@link bedBefore}).
 */
const bedCue = String.raw`(?:\b(?:bed|bay|side ?room|sr|cubicle)\s*\d+[a-z]?\s*(?:is|=|:|-|\()|\bb\d{1,2}[a-z]?\s)\s*`;
/** A patient cue just before a word ("bed 4 is", "pt", "spoke to"). */
export const patientBefore = new RegExp(
  String.raw`(?:${bedCue}|\bpt\.?\s+|\bpatient\s+|\bspoke (?:to|with)\s+|\bcalled\s+|\bnamed\s+|\bask\s+|\btell\s+|\bthanks\s+)$`,
  'i',
);
/**
 * A label of patients and the names listed after it so far, just before a word: "Pts for review: Harris, Chen, " before
 * "Nowak", "Patients to see: Ali and " before "Begum". Read in the 80 characters before a listed name that has
 * "pts" or "patients" among them (see {@link patientListBefore}).
 */
const patientListLabel =
  /\b(?:pts|patients)\b[^:\n]{0,30}:\s*(?:[\p{L}'’-]+(?: [\p{L}'’-]+)?\s*(?:,|\band\b|&)\s*)*$/iu;

/** Whether a list of patients is being written just before `start` ({@link patientListLabel}). */
export function patientListBefore(text: string, start: number): boolean {
  const window = text.slice(Math.max(0, start - 80), start);
  return /pts|patients/i.test(window) && patientListLabel.test(window);
}

/** A form's label just before a word ("Name:", "Surname -", "Patient:"): a patient's details follow. */
export const nameLabelBefore =
  /\b(?:(?:sur|first ?|fore|full ?|given ?|family ?|pt ?|patient ?)?name|patient|pt)\s*[:=-]\s*$/i;
/** A bed or bay just before a word ("bed 4 is", "bay 5:"): the strongest of the patient cues. */
export const bedBefore = new RegExp(`${bedCue}$`, 'i');
/** Words that address or reach someone just before a word ("thanks sam", "ring jo"). */
export const addressedBefore =
  /\b(?:thanks|thank you|cheers|ta|hi|hey|hello|morning|ring|call|text|ask|tell|message|page|bleep|spoke to|speak to|can|could)\s+$/i;
const fromPlace = /^ from (?:the )?([A-Za-z]+)/;

/**
 * Where someone works, when the text at `end`, just after a word, says so: "ward" for a ward's department ("Grace from
 * pharmacy", "Sue from the discharge team": a colleague, staff), "elsewhere" for another capitalised place ("Will from
 * IT", "Jo from Tesco": a name, nobody's in particular), or undefined ("No Chance from the beginning").
 */
export function workplaceAfter(text: string, end: number): 'ward' | 'elsewhere' | undefined {
  if (!text.startsWith(' from ', end)) return undefined;
  const m = fromPlace.exec(text.slice(end, end + 24));
  if (m === null) return undefined;
  const place = m[1] as string;
  if (lexFlags(place.toLowerCase()) & CLINICAL) return 'ward';
  return place.charAt(0) !== place.charAt(0).toLowerCase() ? 'elsewhere' : undefined;
}
const bedPlace = /^\s*(?:\(\s*|[,-]\s*|(?:is |now )?(?:in|on) )?(?:bed|bay|side ?room|sr|cubicle)\s*\d/i;

/**
 * Whether a bed or bay is written just after a word ("Bill in bed 2", "Ivy (bed 8)", "Summer is in bay 4"): the word
 * is the patient's name, as "bed 4 is …" before it says.
 */
export function bedAfter(text: string, end: number): boolean {
  return end < text.length && bedPlace.test(text.slice(end, end + 24));
}
const addressPlace =
  /^\s*,\s*(?:can|could|would|will|are|r|do|did|have|pls|please|thanks|thank you|any|is|when|where|what)\b/i;

/** Whether someone is addressed by the word at `end`: a comma, then a question or a request ("Aoife, can you…"). */
export function addressedAfter(text: string, end: number): boolean {
  return text.charCodeAt(end) === 44 && addressPlace.test(text.slice(end, end + 16));
}
/** A possessive relation just after a word ("'s daughter"). */
export const relationAfter = new RegExp(`^['’]s\\s+(?:${relationWords})\\b`, 'i');
/** A patient's care just after a possessive ("'s bloods", "'s obs", "'s TTOs"): the word before is a patient's name. */
export const careAfter =
  /^['’]s\s+(?:bloods?|obs|meds|drugs|notes|results|bp|sats|temp|ecg|cxr|ct|mri|scan|x-?ray|fluids|catheter|cannula|wound|dressing|ttos?|discharge|referral|urine|bms?|inr|swab|cultures?|drug chart|obs chart|news score)\b/i;

/**
 * Whether a word written in lower case after a title can be a name: a listed first name or surname ("mrs smith"), or a
 * word that is not everyday English in lower case ("dr okafor"). "doctor agreed" and "nurse family" are not names.
 */
export function lowerCaseNameAfterCue(lower: string, flags: number): boolean {
  return (flags & (FIRST | LAST)) !== 0 || !isLowerCaseWord(lower);
}

/**
 * Whether a word written after a job title is a name ("HCA Becky", "SpR Olu", "Ward clerk Sue", "hca becky"): a listed
 * name that is no function, ward, month, safe-listed word or title, or, capitalised, a word that is not everyday
 * English. "OT Assessment", "Physio Tuesday", "Reg Review", "SHO ASAP" and "spr tmrw" are not names.
 */
export function jobTitleName(word: string, lower: string, flags: number): boolean {
  if (word === word.toUpperCase() || flags & (FUNCTION | CLINICAL | MONTH | SAFE | TITLE)) return false;
  if (word.charAt(0) === lower.charAt(0)) return (flags & (FIRST | LAST)) !== 0 && (flags & COMMON) === 0;
  return (flags & (FIRST | LAST)) !== 0 || ((flags & COMMON) === 0 && !isLowerCaseWord(lower));
}

const jobTitleInBrackets = new RegExp(
  `^\\s*\\(\\s*(?:${JOB_TITLES.map((t) => (t === 'fy' ? 'fy[12]|f[12]' : t)).join('|')})\\s*\\)`,
  'i',
);

/** Whether a job title in brackets follows the word at `end` ("Tom (SHO)", "Hannah Bloggs (FY2)"): a colleague. */
export function jobTitleAfter(text: string, end: number): boolean {
  return (
    text.charCodeAt(end) === 32 && text.charCodeAt(end + 1) === 40 && jobTitleInBrackets.test(text.slice(end, end + 24))
  );
}

/** Whether the word just before `at` (a space between) is a job title: "Consultant Mr Venkat" is staff, not a patient. */
export function jobTitleBefore(text: string, at: number): boolean {
  const m = /([A-Za-z]+)\s+$/.exec(text.slice(Math.max(0, at - 24), at));
  return m !== null && (lexFlags((m[1] as string).toLowerCase()) & JOB_TITLE) !== 0;
}

const discoveryTitles = 'mr|mrs|ms|miss|mx|dr|doctor|sister|sr|nurse|prof|professor|matron';
/** "word" as written in lower case, with a capital, or in capitals, without the slow case-insensitive Unicode mode. */
const anyCase = (words: string): string =>
  words
    .split('|')
    .flatMap((w) => [w, w.charAt(0).toUpperCase() + w.slice(1), w.toUpperCase()])
    .join('|');
/** Job titles as a ward chat writes them before a name: "FY1" and "FY2" with their year, "SpR" in mixed case. */
const jobTitleCues = `${anyCase(JOB_TITLES.map((t) => (t === 'fy' ? 'fy[12]' : t)).join('|'))}|SpR`;
const discoveryPattern = new RegExp(
  `(?<![A-Za-z])(${anyCase(discoveryTitles)}|${jobTitleCues}|${anyCase(relationWords)})(?![A-Za-z])\\.?\\s*[(:,-]?\\s*([\\p{L}][\\p{L}\\p{M}'’-]*)`,
  'gu',
);
/** Whether a text has a title or relation word in any case (`'s daughter` needs one: see {@link discoverNames}). */
const anyCue = new RegExp(`(?:^|[^A-Za-z])(?:${discoveryTitles}|${relationWords})(?![A-Za-z])`, 'i');

/**
 * The title and relation words in lower case, as word hashes: for a run of ASCII letters, the whole word ("daughter"),
 * or the part before a space or accent of those that have one ("next" of "next of kin", "fianc" of "fiancée").
 */
const cueWords = new WordGate();
for (const cue of [...`${discoveryTitles}|${relationWords}`.split('|'), ...JOB_TITLES]) {
  cueWords.add(/^[a-z]+/.exec(cue)?.[0] ?? cue);
}
/** "bed" and "bay" are cues only with a number after them ("bay 5"): most ward messages say "bed" some other way. */
const BED = hashWord('bed');
const BAY = hashWord('bay');

/** Whether a digit follows position `i`, after any spaces ("bay 5", "bed4"). */
function digitAfter(text: string, i: number): boolean {
  while (text.charCodeAt(i) === 32) i++;
  const c = text.charCodeAt(i);
  return c >= 48 && c <= 57;
}

/** Code unit: an ASCII letter. */
const isAsciiLetter = (c: number): boolean => (c >= 97 && c <= 122) || (c >= 65 && c <= 90);

/**
 * Where the first title, relation word or numbered bed of a text may be, or -1 when it has none (two thirds of a ward
 * chat's messages): the first run of ASCII letters that is, in any case, one of {@link cueWords}. A walk that hashes each
 * word, several times faster than a case-insensitive pattern of fifty words, lets discovery skip the rest; a hash
 * collision only means more of the text is read.
 */
function firstCueAt(text: string): number {
  const n = text.length;
  let i = 0;
  while (i < n) {
    let c = text.charCodeAt(i);
    if (!isAsciiLetter(c)) {
      i++;
      continue;
    }
    const start = i;
    let h = HASH_START;
    while (isAsciiLetter(c)) {
      h = hashStep(h, c | 32);
      i++;
      c = i < n ? text.charCodeAt(i) : 0;
    }
    if (h === BED || h === BAY ? digitAfter(text, i) : cueWords.has(h)) return start;
  }
  return -1;
}
const titleWordSet = new Set(discoveryTitles.split('|'));
const relationWordSet = new Set(relationWords.split('|'));

/** Whether a lower-case word is a relation ("dad", "wife", "nok"): after a relation cue it is not a name. */
export function isRelationWord(lower: string): boolean {
  return relationWordSet.has(lower);
}
const nameThenRelation = new RegExp(`([\\p{L}][\\p{L}\\p{M}'’-]*)['’]s\\s+(?:${relationWords})\\b`, 'giu');

/** A numbered bed or bay ("bed 4", "Bay 5"). */
const bedAt = /\b(?:bed|bay)\s*\d/gi;
/** "bay 5: Ng", "bed 4 is Mr Ng": the word a bed before it names (a courtesy title may stand between), read at a bed. */
const nameAfterBed = new RegExp(`${bedCue}(?:(?:mr|mrs|ms|miss|mx)\\.?\\s+)?([\\p{L}][\\p{L}\\p{M}'’-]*)`, 'iuy');
/** "Ng (bed 8)", "Bill in bed 2", "Summer is in bay 4": the word a bed after it names, read in the text before a bed. */
const nameBeforeBed = /([\p{L}][\p{L}\p{M}'’-]*)\s*(?:\(\s*|[,-]\s*|(?:is |now )?(?:in|on) )?$/u;

/**
 * The words numbered beds name from position `from` on ("bay 5: Ng", "Ng (bed 8)"), capitalised. They become known only
 * as a patient's (see `KnownNames.noteBedName`), so that a name a cue gives a colleague elsewhere ("Sister Ng") is
 * known to be shared before any message is scanned, whichever the chat writes first.
 */
function discoverBedNames(text: string, known: KnownNames, from: number): void {
  bedAt.lastIndex = from;
  for (let m = bedAt.exec(text); m !== null; m = bedAt.exec(text)) {
    nameAfterBed.lastIndex = m.index;
    const after = nameAfterBed.exec(text)?.[1] ?? '';
    if (after.length >= 2 && capitalised(after)) known.noteBedName(after);
    const lead = Math.max(0, m.index - 32);
    const before = nameBeforeBed.exec(text.slice(lead, m.index));
    // A word cut by the 32 characters read is not read.
    const cut = before !== null && before.index === 0 && lead > 0 && /\p{L}/u.test(text.charAt(lead - 1));
    const word = before?.[1] ?? '';
    if (!cut && word.length >= 2 && capitalised(word)) known.noteBedName(word);
  }
}

/**
 * Whether a capitalised word after a relation word is an everyday English word in no name list, the world's included
 * ("Son Involved In Car Crash", "Mom : Fucking nerd"), which a headline's or a quote's capital explains: the cue does
 * not make it a name of the chat (it would be carried to every lower-case use). "son Will", "daughter Hope" and
 * "brother Tari" are names of some list and stay.
 */
function everydayWordAfterRelation(lower: string, flags: number): boolean {
  return (flags & (FIRST | LAST)) === 0 && isLowerCaseWord(lower) && !isWorldFirstName(lower) && !isWorldSurname(lower);
}

/**
 * Discovery pass: names found by strong cues (a title, a relation word, "'s daughter") become known names of the chat,
 * so a later bare or lower-case "okafor" is found too; names a numbered bed gives are noted as patients'. Common English
 * words are never propagated. `idAt(index)` gives the message's id, read only when a cue names someone (to record where).
 */
export function discoverNames(text: string, known: KnownNames, index: number, idAt: (index: number) => string): void {
  const from = firstCueAt(text);
  if (from < 0) return;
  discoverBedNames(text, known, from);
  // No cue starts before the first cue word (the pattern's look-behind still reads the character before it).
  discoveryPattern.lastIndex = from;
  for (let m = discoveryPattern.exec(text); m !== null; m = discoveryPattern.exec(text)) {
    const cue = (m[1] ?? '').toLowerCase().replace(/\d$/, '');
    const name = (m[2] ?? '').replace(/['’]s$/, '');
    const lower = name.toLowerCase();
    const flags = lexFlags(lower);
    const start = m.index + m[0].length - (m[2] ?? '').length;
    // "Consultant Mr Venkat", "Ward sister HCA Becky": a title after a cue is read next, as a cue of its own.
    if (flags & (TITLE | JOB_TITLE)) discoveryPattern.lastIndex = start;
    // "Mom, Dad", "son Dad": a relation word after a cue is another relation, not a name.
    if (name.length < 2 || flags & (FUNCTION | CLINICAL | TITLE) || relationWordSet.has(lower)) continue;
    const origin = (): string => `${idAt(index)}:${start}-${start + name.length}:person-name`;
    if (lexFlags(cue) & JOB_TITLE) {
      if (jobTitleName(name, lower, flags)) known.addCueName(name, 'staff', origin);
      continue;
    }
    // "doctor agreed", "nurse family": a lower-case everyday word after a title is not a name; "dr okafor" is.
    if (name.charAt(0) === lower.charAt(0) && !lowerCaseNameAfterCue(lower, flags)) continue;
    if (titleWordSet.has(cue)) {
      known.addCueName(name, jobTitleBefore(text, m.index) ? 'staff' : roleOfTitle(cue), origin);
    } else if (name.charAt(0) !== lower.charAt(0) && !everydayWordAfterRelation(lower, flags))
      known.addCueName(name, 'relative', origin);
  }
  // Rare ("Julie's daughter"), and its pattern reads relation words in any case: the case-insensitive test decides.
  if ((text.includes("'s ") || text.includes('’s ')) && anyCue.test(text)) {
    nameThenRelation.lastIndex = 0;
    for (let m = nameThenRelation.exec(text); m !== null; m = nameThenRelation.exec(text)) {
      const name = m[1] ?? '';
      const start = m.index;
      const origin = (): string => `${idAt(index)}:${start}-${start + name.length}:person-name`;
      if (name.charAt(0) !== name.charAt(0).toLowerCase()) known.addCueName(name, 'patient', origin);
    }
  }
}

/** The capitalised word just after a name, one space on ("Margaret Evans" → "Evans"). */
const wordAfterName = /^ ([\p{Lu}][\p{L}\p{M}'’-]+)/u;

/**
 * Whether the word at `end`, one space after the given name of someone whose name is kept (`personKey`: the SAR
 * subject, a keep-list name), is another person's surname: capitalised, none of that person's names, and a surname
 * (listed, or in no dictionary). "Margaret Evans" when the subject is Margaret Thompson; not "Margaret Thompson",
 * "Margaret Says" or "Margaret Bed 4".
 */
export function namesakeSurnameAt(text: string, end: number, known: KnownNames, personKey: string): boolean {
  if (text.charCodeAt(end) !== 32) return false;
  const word = wordAfterName.exec(text.slice(end, end + 40))?.[1];
  if (word === undefined) return false;
  const lower = word.toLowerCase();
  if (known.get(lower)?.personKey === personKey) return false;
  const flags = lexFlags(lower);
  if (flags & (COMMON | FUNCTION | CLINICAL | TITLE | MONTH | SAFE | JOB_TITLE)) return false;
  return (flags & LAST) !== 0 || ((flags & FIRST) === 0 && !isLowerCaseWord(lower));
}

/**
 * Discovery of namesakes of the people whose names are kept: such a given name written before another surname
 * anywhere in the chat ("Margaret Evans") marks it shared before any message is scanned (see
 * `KnownNames.noteNamesake`). Only when someone's name is kept: elsewhere there are no given names to look for.
 */
export function discoverNamesakes(text: string, known: KnownNames): void {
  for (const { given, personKey } of known.keptGivenNames) {
    for (let at = text.indexOf(given); at >= 0; at = text.indexOf(given, at + given.length)) {
      const end = at + given.length;
      const before = at > 0 ? text.charAt(at - 1) : ' ';
      if (/[\p{L}\p{M}'’-]/u.test(before)) continue;
      if (namesakeSurnameAt(text, end, known, personKey)) {
        known.noteNamesake(given.toLowerCase());
        break;
      }
    }
  }
}

const mentionPattern = /(?<![\w@])@([\p{L}][\p{L}\p{M}\d_.'’-]*)/gu;

/**
 * A WhatsApp mention as exported: "@⁨Priya Raman⁩", the member's name as saved on the exporting phone between
 * directional isolates (U+2068, U+2069), or their number when it is not saved ("@⁨+44 7700 900123⁩", left to the phone
 * recogniser). WhatsApp lets only a group's members be mentioned, so the name is a person's.
 */
const whatsAppMentionPattern = /@\u2068([^\u2069\n]{1,100})\u2069/g;

/** Whether a mention's text is a phone number, not a name. */
const numberOnly = /^[\d\s+()./-]+$/;

/** The names of a text's WhatsApp mentions ("@⁨Priya Raman⁩" → "Priya Raman"), numbers left out. */
function whatsAppMentions(text: string): string[] {
  if (!text.includes('\u2069')) return [];
  const names: string[] = [];
  whatsAppMentionPattern.lastIndex = 0;
  for (let m = whatsAppMentionPattern.exec(text); m !== null; m = whatsAppMentionPattern.exec(text)) {
    const name = (m[1] ?? '').trim();
    if (name !== '' && !numberOnly.test(name)) names.push(name);
  }
  return names;
}

/**
 * Discovery of WhatsApp mentions: each mentioned member becomes a known person of the chat, as a participant is, so
 * the name is found wherever else it is written ("Priya can you…") even when the member never wrote in the chat.
 */
export function discoverMentionedMembers(text: string, known: KnownNames): void {
  for (const name of whatsAppMentions(text)) known.addPerson(name, 'unknown', 'participant');
}

/** The WhatsApp mentions of a text as names, the whole "@⁨…⁩" withheld; numbers are the phone recogniser's. */
function whatsAppMentionNames(text: string, known: KnownNames, out: Candidate[]): void {
  whatsAppMentionPattern.lastIndex = 0;
  for (let m = whatsAppMentionPattern.exec(text); m !== null; m = whatsAppMentionPattern.exec(text)) {
    const name = (m[1] ?? '').trim();
    if (name === '' || numberOnly.test(name)) continue;
    const first = nameTokens(name)[0]?.toLowerCase();
    const person = first === undefined ? undefined : known.get(first);
    out.push({
      start: m.index,
      end: m.index + m[0].length,
      category: 'person-name',
      confidence: ruleConfidence['name:mention'],
      rule: 'name:mention',
      role: person?.role ?? 'unknown',
      personKey: person?.personKey ?? name.toLowerCase(),
    });
  }
}

/**
 * @mentions (`@Sarah`, `@kellyexeter`, `@BBCNews`), read for whose they are (see `handles.ts`): a handle of someone the
 * chat knows or with a name in it is `name:mention` (with the known person's key and role: "@Sarah" is Sarah Jones of
 * the chat); one with nothing either way is `name:handle` (the model decides); an organisation's is not proposed, and
 * its start and end are pushed onto `organisations` so that nothing else proposes its parts. The handle is the name,
 * `@` included; trailing marks left out. A WhatsApp mention ("@⁨Priya Raman⁩") is `name:mention` whole, isolates
 * included.
 */
export function mentionNames(text: string, known: KnownNames, organisations?: number[]): Candidate[] {
  if (!text.includes('@')) return NONE;
  let out: Candidate[] | undefined;
  if (text.includes('\u2069')) {
    out = [];
    whatsAppMentionNames(text, known, out);
    if (out.length === 0) out = undefined;
  }
  mentionPattern.lastIndex = 0;
  for (let m = mentionPattern.exec(text); m !== null; m = mentionPattern.exec(text)) {
    let end = m.index + m[0].length;
    while (end > m.index + 1 && /[.'’-]/.test(text.charAt(end - 1))) end--;
    // "@http://…": a link written straight after an @, not a handle.
    if (text.startsWith('://', end)) continue;
    const handle = text.slice(m.index + 1, end);
    // "@Dr Patel", "@Sister Jones": a title typed after an @; the title rule reads the name after it.
    if (isTitle(handle.toLowerCase())) continue;
    const reading = readHandle(handle, known);
    if (reading.kind === 'organisation') {
      organisations?.push(m.index, end);
      continue;
    }
    const person = reading.known;
    out ??= [];
    out.push({
      start: m.index,
      end,
      category: 'person-name',
      confidence: reading.kind === 'unknown' ? ruleConfidence['name:handle'] : ruleConfidence['name:mention'],
      rule: reading.kind === 'unknown' ? 'name:handle' : 'name:mention',
      role: person?.role ?? 'unknown',
      personKey: person?.personKey ?? handle.toLowerCase(),
    });
  }
  return out ?? NONE;
}
