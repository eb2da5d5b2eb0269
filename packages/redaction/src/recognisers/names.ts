/**
 * Person names, designed for recall: the chat's own participants and cue-found names (any case, familiar forms,
 * misspellings via fuse.js), titles and relation cues ("Mrs …", "bed 4 is …", "'s daughter"), proper-noun candidates
 * checked against the UK first-name and surname lists, and neighbours of names. Names that are also English words
 * (Will, May, Hope, Grace) need a cue, which keeps the precision traps out.
 */
import type { Message } from '@im-records/chat-import';
import { type KnownName, type KnownNames, roleOfTitle } from '../known-names.ts';
import {
  CLINICAL,
  COMMON,
  EPONYM,
  FACILITY,
  FIRST,
  FUNCTION,
  isCommonWord,
  isEnglishWord,
  isFirstName,
  isLowerCaseWord,
  isSurname,
  LAST,
  lexFlags,
  lexFlagsAt,
  MONTH,
  mayHaveFlags,
  SAFE,
  TITLE,
} from '../lexicon.ts';
import { type Candidate, NONE, type PartyRole, type Recogniser, type RecogniserContext } from '../recogniser.ts';
import { HASH_START, hashStep, WordGate } from '../word-gate.ts';

/**
 * Tokens of the message being scanned, held in reusable arrays (struct of arrays) rather than one object per token:
 * the scanner sees tens of millions of tokens on a big chat and object churn would dominate its time.
 */
let cap = 256;
let tStart = new Int32Array(cap);
let tEnd = new Int32Array(cap);
let tFlags = new Int32Array(cap);
let tCap = new Uint8Array(cap);
let tCode = new Uint8Array(cap);
/** 1 when a token's strings were left empty although it has lexicon flags (cut out on demand by {@link lowerAt}). */
let tLazy = new Uint8Array(cap);
const tWord: string[] = [];
const tLower: string[] = [];

function grow(): void {
  cap *= 2;
  const s2 = new Int32Array(cap);
  s2.set(tStart);
  tStart = s2;
  const e2 = new Int32Array(cap);
  e2.set(tEnd);
  tEnd = e2;
  const f2 = new Int32Array(cap);
  f2.set(tFlags);
  tFlags = f2;
  const c2 = new Uint8Array(cap);
  c2.set(tCap);
  tCap = c2;
  const k2 = new Uint8Array(cap);
  k2.set(tCode);
  tCode = k2;
  const l2 = new Uint8Array(cap);
  l2.set(tLazy);
  tLazy = l2;
}

const letterPattern = /[\p{L}\p{M}]/u;

function isLetter(c: number, text: string, i: number): boolean {
  if (c < 128) return (c >= 97 && c <= 122) || (c >= 65 && c <= 90);
  return letterPattern.test(text.charAt(i));
}

/** Lexicon flag given to negated auxiliaries ("Isn't", "Don't", "Won't"): never names. */
const NEGATED = COMMON | FUNCTION;

/** Where the URLs of a text are (start, end pairs), or an empty list: words inside a URL are not prose. */
const urlPattern = /\b(?:https?:\/\/|www\.)[^\s<>"]+/gi;
const noUrls: number[] = [];
function urlRanges(text: string): number[] {
  if (!text.includes('://') && !text.includes('www.')) return noUrls;
  const out: number[] = [];
  urlPattern.lastIndex = 0;
  for (let m = urlPattern.exec(text); m !== null; m = urlPattern.exec(text)) out.push(m.index, m.index + m[0].length);
  return out;
}

/** Code unit: apostrophe (straight or curly). */
const isApostrophe = (c: number): boolean => c === 39 || c === 8217;

/**
 * Splits text into word tokens (letters with inner apostrophes and hyphens) and returns the count. A clitic is cut
 * off the end ("Dave'll" → "Dave", "it's" → "it", "Okafor's" → "Okafor"); a negated auxiliary ("Isn't", "won't")
 * is one function word; an apostrophe near the start stays part of a name ("O'Brien", "D'Souza"). Words glued to
 * digits or underscores ("B0JL6", "hfaran_x") and words inside URLs are marked as code: only a chat name counts there.
 */
function tokenise(text: string, known: KnownNames): number {
  const n = text.length;
  const urls = urlRanges(text);
  let urlAt = 0;
  let count = 0;
  let i = 0;
  while (i < n) {
    let c = text.charCodeAt(i);
    if (!isLetter(c, text, i)) {
      i++;
      continue;
    }
    const start = i;
    const folded = c >= 97 && c <= 122;
    let plain = true;
    let lastApostrophe = -1;
    let h = hashStep(HASH_START, c);
    i++;
    while (i < n) {
      c = text.charCodeAt(i);
      if (c >= 97 && c <= 122) {
        h = hashStep(h, c);
        i++;
      } else if (isLetter(c, text, i)) {
        plain = false;
        i++;
      } else if ((isApostrophe(c) || c === 45) && i + 1 < n && isLetter(text.charCodeAt(i + 1), text, i + 1)) {
        plain = false;
        if (c !== 45) lastApostrophe = i;
        i += 2;
      } else break;
    }
    let end = i;
    if (count === cap) grow();
    // Code: a word glued to a digit or underscore, or inside a URL.
    const before = start > 0 ? text.charCodeAt(start - 1) : 32;
    const after = end < n ? text.charCodeAt(end) : 32;
    let code = (before >= 48 && before <= 57) || before === 95 || (after >= 48 && after <= 57) || after === 95;
    if (urls.length > 0) {
      while (urlAt < urls.length && (urls[urlAt + 1] as number) <= start) urlAt += 2;
      if (urlAt < urls.length && (urls[urlAt] as number) <= start) code = true;
    }
    if (folded && plain && !code && !known.mayKnow(h)) {
      if (!mayHaveFlags(h)) {
        // A plain lower-case word in no list and no chat name: recorded without cutting it out of the text.
        tStart[count] = start;
        tEnd[count] = end;
        tFlags[count] = 0;
        tCap[count] = 0;
        tCode[count] = 0;
        tLazy[count] = 0;
        tWord[count] = '';
        tLower[count] = '';
        count++;
        continue;
      }
      // A plain lower-case word of the lexicon that is not a listed name ("the", "ward", "mr"): its flags are read in
      // place, and its text is cut out only if a later rule asks for it (lowerAt).
      const flags = lexFlagsAt(text, start, end, h);
      if ((flags & (FIRST | LAST)) === 0) {
        tStart[count] = start;
        tEnd[count] = end;
        tFlags[count] = flags;
        tCap[count] = 0;
        tCode[count] = 0;
        tLazy[count] = 1;
        tWord[count] = '';
        tLower[count] = '';
        count++;
        continue;
      }
    }
    let negated = false;
    if (lastApostrophe > start) {
      const tail = end - lastApostrophe - 1;
      const t0 = text.charCodeAt(lastApostrophe + 1) | 32;
      const t1 = tail === 2 ? text.charCodeAt(lastApostrophe + 2) | 32 : 0;
      if (tail === 1 && t0 === 116 && (text.charCodeAt(lastApostrophe - 1) | 32) === 110) {
        negated = true; // n't
      } else if (
        (tail === 1 && (t0 === 115 || t0 === 109 || t0 === 100)) || // 's 'm 'd
        (tail === 2 && ((t0 === 114 && t1 === 101) || (t0 === 118 && t1 === 101) || (t0 === 108 && t1 === 108))) // 're 've 'll
      ) {
        if (lastApostrophe - start >= 1) end = lastApostrophe;
      }
    }
    const word = text.slice(start, end);
    const f = word.charCodeAt(0);
    const isCap =
      f >= 65 && f <= 90 ? true : f >= 97 && f <= 122 ? false : word.charAt(0) !== word.charAt(0).toLowerCase();
    // Lower-case ASCII words are their own lower-case form: skip the copy on the hot path.
    const lower = folded && plain ? word : word.toLowerCase();
    tStart[count] = start;
    tEnd[count] = end;
    tFlags[count] = negated ? NEGATED : lexFlags(lower);
    tCap[count] = isCap ? 1 : 0;
    tCode[count] = code ? 1 : 0;
    tLazy[count] = 0;
    tWord[count] = word;
    tLower[count] = lower;
    count++;
  }
  return count;
}

const relationWords =
  'daughter|son|wife|husband|partner|sister|brother|mother|mum|mom|father|dad|niece|nephew|granddaughter|grandson|carer|friend|neighbour|fiance|fiancee|fiancée|aunt|uncle|cousin|nok|next of kin|grandma|grandad|grandmother|grandfather|stepson|stepdaughter';
const relationBefore = new RegExp(`\\b(?:${relationWords})\\s*[(:,-]?\\s*$`, 'i');
const patientBefore =
  /(?:\bbed\s*\d+[a-z]?\s*(?:is|=|:|-)\s*|\bpt\.?\s+|\bpatient\s+|\bspoke (?:to|with)\s+|\bcalled\s+|\bnamed\s+|\bask\s+|\btell\s+|\bthanks\s+)$/i;
const addressedBefore =
  /\b(?:thanks|thank you|cheers|ta|hi|hey|hello|morning|ring|call|text|ask|tell|message|page|bleep|spoke to|speak to|can|could)\s+$/i;
const relationAfter = new RegExp(`^['’]s\\s+(?:${relationWords})\\b`, 'i');

/** Whether the token begins a sentence (message start, or after . ! ? : ; a newline or a bullet). */
function sentenceInitial(text: string, start: number): boolean {
  for (let i = start - 1; i >= 0; i--) {
    const ch = text.charAt(i);
    if (ch === ' ' || ch === '\t' || ch === '"' || ch === '“' || ch === '*' || ch === '_') continue;
    // Invisible marks that exports put before a message (left-to-right mark, byte-order mark, word joiner).
    if (ch === '\u200e' || ch === '\u200f' || ch === '\ufeff' || ch === '\u2060') continue;
    return (
      ch === '.' || ch === '!' || ch === '?' || ch === '\n' || ch === ':' || ch === ';' || ch === '-' || ch === '•'
    );
  }
  return true;
}

/** Whether only spaces (and, after an initial or a title, a full stop) lie between two tokens. */
function onlySpaceBetween(text: string, from: number, to: number, allowDot = false): boolean {
  if (to - from > 3) return false;
  for (let i = from; i < to; i++) {
    const ch = text.charCodeAt(i);
    if (ch !== 32 && !(allowDot && ch === 46)) return false;
  }
  return true;
}

function inLists(lower: string): boolean {
  if (isFirstName(lower) || isSurname(lower)) return true;
  if (lower.includes('-'))
    return lower.split('-').some((p) => p.length >= 3 && (isFirstName(p) || isSurname(p)) && !isCommonWord(p));
  return false;
}

const laughter = /^(?:ha|he|hi|ah|lo|ja|je|xa)+h?$/;
const drawnOut = /([aeiouyhms])\1\1/;

/**
 * A capitalised word that is neither English (dictionary, places, inflections) nor safe-listed, nor an acronym or its
 * plural ("URLs"), nor written with digits, nor CamelCase with two inner capitals ("WhatsAppParserTest"), nor laughter
 * or a drawn-out word ("Hahaha", "Sooo").
 */
export function unknownWord(word: string): boolean {
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
  const parts = lower.split(/[-'’]/).filter((p) => p.length >= 2);
  if (parts.length === 0) return false;
  return parts.some((p) => !isEnglishWord(p) && !isCommonWord(p));
}

/** Letters outside the Latin blocks (Greek, Cyrillic, Arabic, CJK…). */
function nonLatin(word: string): boolean {
  for (let i = 0; i < word.length; i++) if (word.charCodeAt(i) > 0x24f) return true;
  return false;
}

/** Token j's lower-case text, cut out of `text` now if tokenise left it for later. */
function lowerAt(text: string, j: number): string {
  if (tLazy[j] === 1 && tLower[j] === '') {
    const lower = text.slice(tStart[j] as number, tEnd[j] as number);
    tWord[j] = lower;
    tLower[j] = lower;
  }
  return tLower[j] as string;
}

/** The length of token j's word as the scanner reads it (0 for a plain word outside every list, as before). */
function wordLength(j: number): number {
  return tLazy[j] === 1 ? (tEnd[j] as number) - (tStart[j] as number) : (tWord[j] as string).length;
}

/**
 * Whether the message is mostly not English: of its lower-case words of three letters or more (at least two of
 * them), fewer than half are English. In such a message a capital letter is no evidence of a name (German capitalises
 * nouns, every language capitalises the first word), so an unknown capitalised word is proposed at the lowest confidence.
 */
function foreignText(text: string, count: number): boolean {
  let words = 0;
  let english = 0;
  for (let i = 0; i < count; i++) {
    if (tCap[i] === 1 || tCode[i] === 1) continue;
    const start = tStart[i] as number;
    const end = tEnd[i] as number;
    if (end - start < 3) continue;
    const lower = (tLower[i] as string) || text.slice(start, end);
    words++;
    if ((tFlags[i] as number) & COMMON || isEnglishWord(lower)) english++;
  }
  return words >= 2 && english * 2 < words;
}

/** Facility words that make the proper noun before them a place even in lower case ("Nightingale ward"). */
const strongFacility = new Set(
  'ward wards unit wing suite theatre theatres hospital clinic hospice infirmary'.split(' '),
);

/**
 * Whether token i is the name of a place or a condition by the word after it: "Nightingale Ward", "St Mary's
 * Hospital", "Parkinson's disease", "Bell's palsy". A title before it still makes it a name (checked by the caller).
 */
function placeOrCondition(text: string, i: number, count: number): boolean {
  const n = i + 1;
  if (n >= count) return false;
  const flags = tFlags[n] as number;
  if (!(flags & (FACILITY | EPONYM))) return false;
  const end = tEnd[i] as number;
  const next = tStart[n] as number;
  if (next - end > 4) return false;
  let possessive = false;
  for (let j = end; j < next; j++) {
    const c = text.charCodeAt(j);
    if (c === 39 || c === 8217 || c === 115) possessive = true;
    else if (c !== 32) return false;
  }
  if (flags & EPONYM) return true;
  return tCap[n] === 1 || (!possessive && strongFacility.has(lowerAt(text, n)));
}

/**
 * Whether a word written in lower case after a title can be a name: a listed first name or surname ("mrs smith"), or a
 * word that is not everyday English in lower case ("dr okafor"). "doctor agreed" and "nurse family" are not names.
 */
function lowerCaseNameAfterCue(lower: string, flags: number): boolean {
  return (flags & (FIRST | LAST)) !== 0 || !isLowerCaseWord(lower);
}

const discoveryTitles = 'mr|mrs|ms|miss|mx|dr|doctor|sister|sr|nurse|prof|professor|matron';
/** "word" as written in lower case, with a capital, or in capitals, without the slow case-insensitive Unicode mode. */
const anyCase = (words: string): string =>
  words
    .split('|')
    .flatMap((w) => [w, w.charAt(0).toUpperCase() + w.slice(1), w.toUpperCase()])
    .join('|');
const discoveryPattern = new RegExp(
  `(?<![A-Za-z])(${anyCase(discoveryTitles)}|${anyCase(relationWords)})(?![A-Za-z])\\.?\\s*[(:,-]?\\s*([\\p{L}][\\p{L}\\p{M}'’-]*)`,
  'gu',
);
const titleWordSet = new Set(discoveryTitles.split('|'));
const nameThenRelation = new RegExp(`([\\p{L}][\\p{L}\\p{M}'’-]*)['’]s\\s+(?:${relationWords})\\b`, 'giu');

/**
 * Discovery pass: names found by strong cues (a title, a relation word, "'s daughter") become known names of the chat,
 * so a later bare or lower-case "okafor" is found too. Common English words are never propagated.
 */
export function discoverNames(text: string, known: KnownNames): void {
  discoveryPattern.lastIndex = 0;
  for (let m = discoveryPattern.exec(text); m !== null; m = discoveryPattern.exec(text)) {
    const cue = (m[1] ?? '').toLowerCase();
    const name = (m[2] ?? '').replace(/['’]s$/, '');
    const lower = name.toLowerCase();
    const flags = lexFlags(lower);
    if (name.length < 2 || flags & (FUNCTION | CLINICAL | TITLE)) continue;
    // "doctor agreed", "nurse family": a lower-case everyday word after a title is not a name; "dr okafor" is.
    if (name.charAt(0) === lower.charAt(0) && !lowerCaseNameAfterCue(lower, flags)) continue;
    if (titleWordSet.has(cue)) known.addCueName(name, roleOfTitle(cue));
    else if (name.charAt(0) !== lower.charAt(0)) known.addCueName(name, 'relative');
  }
  if (text.includes("'s ") || text.includes('’s ')) {
    nameThenRelation.lastIndex = 0;
    for (let m = nameThenRelation.exec(text); m !== null; m = nameThenRelation.exec(text)) {
      const name = m[1] ?? '';
      if (name.charAt(0) !== name.charAt(0).toLowerCase()) known.addCueName(name, 'patient');
    }
  }
}

/** Rule names of known-name finds, interned so a candidate does not build its rule string. */
const knownRules: Record<KnownName['source'], string> = {
  participant: 'name:participant',
  subject: 'name:subject',
  keep: 'name:keep',
  nickname: 'name:nickname',
  cue: 'name:cue',
};

function candidate(i: number, confidence: number, rule: string, role: PartyRole, personKey: string): Candidate {
  return { start: tStart[i] ?? 0, end: tEnd[i] ?? 0, category: 'person-name', confidence, rule, role, personKey };
}

/** Finds name candidates in one text. */
export function scanNames(text: string, known: KnownNames): Candidate[] {
  const count = tokenise(text, known);
  let out: Candidate[] | undefined;
  let previousName = -1;
  let foreign = -1;
  for (let i = 0; i < count; i++) {
    let lower = tLower[i] as string;
    const flags = tFlags[i] as number;
    const isCap = tCap[i] === 1;
    const hasPrev = i > 0;
    const p = i - 1;
    const prevFlags = hasPrev ? (tFlags[p] as number) : 0;
    if (lower === '') {
      // A gated plain word: only a title before it ("mrs larkin") makes it worth reading.
      if (!(prevFlags & TITLE)) continue;
      lower = text.slice(tStart[i] as number, tEnd[i] as number);
      tWord[i] = lower;
      tLower[i] = lower;
    }
    if (lower.length < 2 || flags & TITLE) continue;
    const k = known.get(lower);
    if (tCode[i] === 1) {
      // Inside a URL or glued to digits: only a chat name of three letters or more, written with lower case, counts.
      if (k && lower.length >= 3 && !(flags & COMMON) && tWord[i] !== (tWord[i] as string).toUpperCase()) {
        out ??= [];
        out.push(candidate(i, k.source === 'cue' ? 0.75 : 0.9, knownRules[k.source], k.role, k.personKey));
        previousName = i;
      }
      continue;
    }
    const listed = (flags & (FIRST | LAST)) !== 0 || (lower.includes('-') && inLists(lower));
    // Fast exit: a lower-case word that is neither known nor a listed name cannot be a name on its own.
    if (!isCap && k === undefined && !listed && !(prevFlags & TITLE)) continue;
    const start = tStart[i] as number;
    const end = tEnd[i] as number;
    const word = tWord[i] as string;
    const prevEnd = hasPrev ? (tEnd[p] as number) : 0;
    const prevWord = hasPrev ? (tWord[p] as string) : '';
    const prevLength = hasPrev ? wordLength(p) : 0;
    const spaceBefore = hasPrev && onlySpaceBetween(text, prevEnd, start, prevLength === 1 || !!(prevFlags & TITLE));
    const titled = (prevFlags & TITLE) !== 0 && spaceBefore;
    const adjacentToName = previousName === p && spaceBefore;
    const c1 = text.charCodeAt(end);
    const c2 = text.charCodeAt(end + 1);
    const followedByDigit = (c1 >= 48 && c1 <= 57) || (c1 === 32 && c2 >= 48 && c2 <= 57);
    const common = (flags & COMMON) !== 0;
    const prevInitial =
      hasPrev &&
      prevLength === 1 &&
      tCap[p] === 1 &&
      (prevWord !== 'I' ? /^\.?\s$/ : /^\.\s$/).test(text.slice(prevEnd, start));
    let hit: Candidate | undefined;

    if (
      titled &&
      !followedByDigit &&
      (isCap || (!(flags & FUNCTION) && (k !== undefined || lowerCaseNameAfterCue(lower, flags)))) &&
      !(flags & CLINICAL)
    ) {
      const titleRole = roleOfTitle(lowerAt(text, p));
      hit = candidate(i, 0.9, 'name:title', k && k.role !== 'unknown' ? k.role : titleRole, k?.personKey ?? lower);
    } else if (
      placeOrCondition(text, i, count) ||
      (hasPrev && isCap && (c1 === 39 || c1 === 8217) && (lowerAt(text, p) === 'st' || lowerAt(text, p) === 'saint'))
    ) {
      // "Nightingale Ward", "Parkinson's disease", "St Mary's": a place, a saint or a condition, not a person.
    } else {
      const initial = sentenceInitial(text, start);
      if (k && (!common || (isCap && (!initial || adjacentToName || prevInitial)))) {
        // "bed 4 is Margaret" says a participant (or anyone known) is a patient.
        const role =
          k.role === 'unknown' && patientBefore.test(text.slice(Math.max(0, start - 24), start)) ? 'patient' : k.role;
        hit = candidate(i, k.source === 'cue' ? 0.75 : 0.9, knownRules[k.source], role, k.personKey);
      } else if (
        k &&
        !isCap &&
        !(flags & (FUNCTION | CLINICAL)) &&
        addressedBefore.test(text.slice(Math.max(0, start - 16), start))
      ) {
        hit = candidate(i, k.source === 'cue' ? 0.75 : 0.9, knownRules[k.source], k.role, k.personKey);
      } else if (isCap && !followedByDigit) {
        const before = text.slice(Math.max(0, start - 24), start);
        const relCue = relationBefore.test(before);
        const possessiveCue = c1 === 39 || c1 === 8217 ? relationAfter.test(text.slice(end, end + 24)) : false;
        const n = i + 1;
        const nextListed =
          n < count &&
          tCap[n] === 1 &&
          ((tFlags[n] as number) & (FIRST | LAST)) !== 0 &&
          !((tFlags[n] as number) & COMMON) &&
          onlySpaceBetween(text, end, tStart[n] as number, word.length === 1);
        // A listed name that is a misspelling of someone in the chat ("Margret" for Margaret) is that person.
        const fz = listed && !common ? known.fuzzy(lower) : undefined;
        if (fz && fz.source !== 'cue' && fz.source !== 'nickname') {
          hit = candidate(i, 0.7, 'name:fuzzy', fz.role, fz.personKey);
        } else if (listed && !common) {
          const role = relCue ? 'relative' : possessiveCue || patientBefore.test(before) ? 'patient' : 'unknown';
          hit = candidate(i, 0.8, 'name:list', role, lower);
        } else if (flags & SAFE) {
          // Safe-listed (an app, a system, a drug): a name only after a relation cue.
          if (relCue || possessiveCue)
            hit = candidate(i, 0.6, 'name:relation-cue', relCue ? 'relative' : 'patient', lower);
        } else if (listed && common) {
          const monthLike = (flags & MONTH) !== 0 && /^\s*\d|^\s*$/.test(text.slice(end, end + 4));
          const cued = adjacentToName || nextListed || relCue || possessiveCue || prevInitial;
          if (!monthLike && (cued || (!initial && !(flags & (CLINICAL | MONTH))))) {
            hit = candidate(i, cued ? 0.7 : 0.5, 'name:list-common', relCue ? 'relative' : 'unknown', lower);
          }
        } else if (!common) {
          const fuzzy = known.fuzzy(lower);
          if (fuzzy) hit = candidate(i, 0.65, 'name:fuzzy', fuzzy.role, fuzzy.personKey);
          else if (relCue || possessiveCue)
            hit = candidate(i, 0.6, 'name:relation-cue', relCue ? 'relative' : 'patient', lower);
          else if (adjacentToName || nextListed) hit = candidate(i, 0.6, 'name:neighbour', 'unknown', lower);
          else if (!initial && patientBefore.test(before))
            hit = candidate(i, 0.55, 'name:patient-cue', 'patient', lower);
          else if (word.length <= 3 && word === word.toUpperCase()) {
            const k2 = known.initials(word);
            if (k2) hit = candidate(i, 0.6, 'name:initials', k2.role, k2.personKey);
          } else if (unknownWord(word)) {
            // Philter's rule: a proper noun that no list proves safe is proposed (low confidence, for review). In a
            // message that is mostly not English, or in another script, the capital is no evidence: lowest confidence.
            if (foreign === -1) foreign = foreignText(text, count) ? 1 : 0;
            if (foreign === 1 || nonLatin(word)) hit = candidate(i, 0.2, 'name:unknown-word-foreign', 'unknown', lower);
            else hit = candidate(i, initial ? 0.35 : 0.4, 'name:unknown-proper-noun', 'unknown', lower);
          }
        }
      } else if (!isCap && lower.length >= 4 && !common && !followedByDigit && listed) {
        hit = candidate(i, 0.45, 'name:list-lowercase', 'unknown', lower);
      }
    }
    if (!hit) continue;
    if (spaceBefore && previousName !== p && prevLength >= 2 && tCode[p] === 0) {
      // A first name written before a found name ("rod mclaughlin", "Just Greenfelder") is part of it.
      if (
        prevFlags & FIRST &&
        !(prevFlags & (TITLE | CLINICAL | SAFE)) &&
        (tCap[p] === 1 || !(prevFlags & FUNCTION)) &&
        !text.slice(prevEnd, start).includes('.')
      ) {
        out ??= [];
        out.push({
          ...hit,
          start: tStart[p] as number,
          end: prevEnd,
          confidence: 0.6,
          rule: 'name:neighbour-before',
        });
      }
    }
    // Take in an initial written before the name ("O. Smith", "J Smith").
    if (prevInitial) hit.start = tStart[p] as number;
    out ??= [];
    out.push(hit);
    previousName = i;
  }
  return out ?? NONE;
}

/** The name recogniser (see the module comment for the design). */
export const nameRecogniser: Recogniser = {
  id: 'name',
  categories: ['person-name'],
  find(message: Message, context: RecogniserContext): Candidate[] {
    return scanNames(message.text, context.known);
  },
};

/** What the chat has confirmed about one name token (see {@link ConfirmedNames}). */
interface ConfirmedName {
  confidence: number;
  role: PartyRole;
  personKey: string;
  /** An English or listed common word ("Brook", "Price", "Mark"): only capitalised uses count, with care at a sentence start. */
  common: boolean;
  /**
   * Whether the evidence is good enough to take lower-case uses on their own: a cue, a participant, a neighbouring
   * name, a list match of four letters or more, or an unknown word capitalised mid-sentence — not a capital that
   * only starts a sentence or sits in text that is not English ("Und", "Ich").
   */
  lowerOk: boolean;
}

const weakForLowerCase = /unknown-word-foreign|consistent|list-lowercase/;

function evidenceForLowerCase(c: Candidate, lower: string): boolean {
  if (weakForLowerCase.test(c.rule)) return false;
  if (c.rule === 'name:unknown-proper-noun') return c.confidence >= 0.4;
  if (c.rule === 'name:list' || c.rule === 'name:list-common') return lower.length >= 4;
  return true;
}

/** Rules whose finds are not evidence enough to propagate (a misspelling or initials stand for someone else's token). */
const notConfirming = (rule: string): boolean => rule.includes('fuzzy') || rule.includes('initials');

/**
 * Names confirmed anywhere in a chat — by a participant, a title, a relation or patient cue, a list match, a
 * neighbouring name, or (weakly) as an unknown proper noun — so that every other use of the same token in the chat is
 * proposed too (issue: "Igor" redacted in one message and visible in the next). Confidence is carried over from the
 * strongest evidence, so a token known only as an unknown word stays a low-confidence proposal everywhere.
 */
export class ConfirmedNames {
  readonly #names = new Map<string, ConfirmedName>();
  readonly #gate = new WordGate();
  readonly #seen = new Map<string, number>();

  /** How many tokens are confirmed. */
  get size(): number {
    return this.#names.size;
  }

  /** Records the tokens of a name candidate found in `text`. */
  add(text: string, c: Candidate): void {
    if (c.category !== 'person-name' || notConfirming(c.rule)) return;
    const span = text.slice(c.start, c.end);
    // Most finds repeat a name already confirmed as strongly: skip the split by the span as written.
    const seen = this.#seen.get(span);
    if (seen !== undefined && seen >= c.confidence) return;
    this.#seen.set(span, c.confidence);
    for (const m of span.matchAll(wordPattern)) {
      const word = m[0].replace(/^@/, '').replace(/['’]s$/, '');
      const lower = word.toLowerCase();
      this.#put(lower, c);
      if (lower.includes('-')) for (const part of lower.split('-')) if (part.length >= 3) this.#put(part, c);
    }
  }

  #put(lower: string, c: Candidate): void {
    if (lower.length < 2) return;
    const flags = lexFlags(lower);
    if (flags & (FUNCTION | CLINICAL | TITLE | MONTH | SAFE)) return;
    const lowerOk = evidenceForLowerCase(c, lower);
    const existing = this.#names.get(lower);
    if (existing) {
      if (lowerOk) existing.lowerOk = true;
      if (existing.confidence >= c.confidence) return;
      existing.confidence = c.confidence;
      existing.role = c.role ?? 'unknown';
      existing.personKey = c.personKey ?? lower;
      return;
    }
    const common = (flags & COMMON) !== 0 || isLowerCaseWord(lower.replace(/[-'’]/g, ''));
    this.#names.set(lower, {
      confidence: c.confidence,
      role: c.role ?? 'unknown',
      personKey: c.personKey ?? lower,
      common,
      lowerOk,
    });
    this.#gate.add(lower);
  }

  /** The entry of a lower-case token. */
  get(lower: string): ConfirmedName | undefined {
    return this.#names.get(lower);
  }

  /** Whether a lower-case word with this hash may be confirmed. */
  mayHave(h: number): boolean {
    return this.#gate.has(h);
  }
}

const wordPattern = /@?[\p{L}][\p{L}\p{M}'’-]*/gu;

/** Words after a capitalised word at a sentence start that make it a verb or an auxiliary, not a name ("Mark the chart"). */
const verbFollowers = new Set(
  'the a an this that these those it its them him her his their your my our me us you i up out down off to for with all some any every no not sure so too if as by from into over about back away round there here what who how why please'.split(
    ' ',
  ),
);

/** The word that follows position `end` (after spaces) as written, or '' when a mark or the end comes first. */
function nextWord(text: string, end: number): string {
  let i = end;
  while (i < text.length && text.charCodeAt(i) === 32) i++;
  const from = i;
  while (i < text.length && i - from < 12) {
    const c = text.charCodeAt(i) | 32;
    if (c < 97 || c > 122) break;
    i++;
  }
  return text.slice(from, i);
}

/**
 * The consistency pass over one message: every use of a confirmed token not already covered by a candidate —
 * capitalised (at a sentence start only when no verb-like word follows: "Brook aged 92" yes, "Mark the chart" no),
 * in any case when the token is not an English word ("olumide"), and in lower case next to a found name ("jon
 * price"). Words naming a place or condition ("Nightingale Ward") are skipped. Returns the new candidates (or none).
 */
export function scanConsistent(
  text: string,
  confirmed: ConfirmedNames,
  proposals: readonly SpanLike[],
  p0: number,
  p1: number,
  kept: readonly SpanLike[],
  k0: number,
  k1: number,
): Candidate[] {
  const n = text.length;
  let deferred: { start: number; end: number; entry: ConfirmedName }[] | undefined;
  let out: Candidate[] | undefined;
  let i = 0;
  while (i < n) {
    let c = text.charCodeAt(i);
    if (c < 65 || (c > 90 && c < 97) || (c > 122 && c < 128) || (c >= 128 && !isLetter(c, text, i))) {
      i++;
      continue;
    }
    const start = i;
    let h = HASH_START;
    let stemHash = 0;
    let stemEnd = -1;
    for (;;) {
      if (c >= 65 && c <= 90) c |= 32;
      else if (c >= 128) c = text.charAt(i).toLowerCase().charCodeAt(0);
      h = hashStep(h, c);
      i++;
      if (i >= n) break;
      c = text.charCodeAt(i);
      if ((c >= 97 && c <= 122) || (c >= 65 && c <= 90)) continue;
      if (c >= 128 && isLetter(c, text, i)) continue;
      if ((isApostrophe(c) || c === 45) && i + 1 < n && isLetter(text.charCodeAt(i + 1), text, i + 1)) {
        if (c !== 45) {
          stemHash = h;
          stemEnd = i;
        }
        continue;
      }
      break;
    }
    let end = i;
    if (!confirmed.mayHave(h)) {
      if (stemEnd < 0 || !confirmed.mayHave(stemHash)) continue;
      end = stemEnd;
    }
    // Most uses of a confirmed name were found already: check that before cutting the word out.
    if (
      coveredIn(proposals, p0, p1, start, end) ||
      coveredIn(kept, k0, k1, start, end) ||
      (out && coveredIn(out, 0, out.length, start, end))
    )
      continue;
    const word = text.slice(start, end);
    let lower = word.toLowerCase();
    let entry = confirmed.get(lower);
    if (entry === undefined && stemEnd > 0 && end !== stemEnd) {
      end = stemEnd;
      lower = lower.slice(0, stemEnd - start);
      entry = confirmed.get(lower);
    }
    if (entry === undefined) continue;
    const before = start > 0 ? text.charCodeAt(start - 1) : 32;
    const after = end < n ? text.charCodeAt(end) : 32;
    const glued = (before >= 48 && before <= 57) || before === 95 || (after >= 48 && after <= 57) || after === 95;
    if (glued && (lower.length < 3 || word === word.toUpperCase())) continue;
    const f = word.charCodeAt(0);
    const isCap =
      f >= 65 && f <= 90 ? true : f >= 97 && f <= 122 ? false : word.charAt(0) !== word.charAt(0).toLowerCase();
    const nextRaw = nextWord(text, end);
    const following = nextRaw.toLowerCase();
    const followingFlags = following ? lexFlags(following) : 0;
    if (followingFlags & (FACILITY | EPONYM)) {
      // "Nightingale Ward", "Parkinson's disease": a place or a condition.
      const capitalNext = nextRaw.charCodeAt(0) <= 90;
      if (followingFlags & EPONYM || capitalNext || strongFacility.has(following)) continue;
    }
    let take = false;
    if (!entry.common && (isCap || entry.lowerOk)) take = true;
    else if (!entry.common) {
      // Weak evidence: a lower-case use counts only next to a name ("dinu savu" once "Savu" is taken).
      deferred ??= [];
      deferred.push({ start, end, entry });
      continue;
    } else if (isCap) {
      const d = text.charCodeAt(end + 1);
      const digitAfter = (after >= 48 && after <= 57) || (after === 32 && d >= 48 && d <= 57);
      take = !digitAfter && (!sentenceInitial(text, start) || !verbFollowers.has(following));
    } else {
      take =
        nextToName(proposals, p0, p1, start, end, text) ||
        nextToName(kept, k0, k1, start, end, text) ||
        (out !== undefined && nextToName(out, 0, out.length, start, end, text));
      if (!take) {
        // "jon price" once "Price" is confirmed: a listed first name written just before it makes it the surname.
        const from = previousWordStart(text, start);
        if (from >= 0) {
          const prev = text.slice(from, start - 1).toLowerCase();
          const prevFlags = lexFlags(prev);
          if (
            prevFlags & FIRST &&
            !(prevFlags & COMMON) &&
            !coveredIn(proposals, p0, p1, from, start - 1) &&
            !coveredIn(kept, k0, k1, from, start - 1)
          ) {
            take = true;
            out ??= [];
            out.push({
              start: from,
              end: start - 1,
              category: 'person-name',
              confidence: Math.min(entry.confidence, 0.6),
              rule: 'name:consistent',
              role: entry.role,
              personKey: entry.personKey,
            });
          }
        }
      }
    }
    if (!take) continue;
    out ??= [];
    out.push({
      start,
      end,
      category: 'person-name',
      confidence: Math.min(entry.confidence, 0.85),
      rule: 'name:consistent',
      role: entry.role,
      personKey: entry.personKey,
    });
  }
  if (deferred) {
    // Right to left, so "dinu savu" gains "dinu" once "savu" is in.
    for (let j = deferred.length - 1; j >= 0; j--) {
      const d = deferred[j] as { start: number; end: number; entry: ConfirmedName };
      const near =
        nextToName(proposals, p0, p1, d.start, d.end, text, 0.4) ||
        nextToName(kept, k0, k1, d.start, d.end, text, 0) ||
        (out !== undefined && nextToName(out, 0, out.length, d.start, d.end, text, 0.4));
      if (!near) continue;
      out ??= [];
      out.push({
        start: d.start,
        end: d.end,
        category: 'person-name',
        confidence: Math.min(d.entry.confidence, 0.85),
        rule: 'name:consistent',
        role: d.entry.role,
        personKey: d.entry.personKey,
      });
    }
  }
  return out ?? NONE;
}

/** The start of the plain word that ends one space before `start`, or -1. */
function previousWordStart(text: string, start: number): number {
  if (start < 2 || text.charCodeAt(start - 1) !== 32) return -1;
  let i = start - 1;
  while (i > 0) {
    const c = text.charCodeAt(i - 1) | 32;
    if (c < 97 || c > 122) break;
    i--;
  }
  if (i === start - 1) return -1;
  const c = i > 0 ? text.charCodeAt(i - 1) : 32;
  return (c >= 48 && c <= 57) || c === 95 ? -1 : i;
}

/** What the consistency pass needs of a found span (a candidate, proposal or kept span). */
export interface SpanLike {
  start: number;
  end: number;
  category: string;
  /** Absent on kept spans (they are names the engine is sure of). */
  confidence?: number;
}

function coveredIn(list: readonly SpanLike[], from: number, to: number, start: number, end: number): boolean {
  for (let j = from; j < to; j++) {
    const c = list[j] as SpanLike;
    if (c.start < end && start < c.end) return true;
  }
  return false;
}

/** Whether a name span in list[from, to) ends one space before `start` or starts one space after `end`. */
function nextToName(
  list: readonly SpanLike[],
  from: number,
  to: number,
  start: number,
  end: number,
  text: string,
  minConfidence = 0.4,
): boolean {
  for (let j = from; j < to; j++) {
    const c = list[j] as SpanLike;
    if (c.category !== 'person-name' || (c.confidence ?? 1) < minConfidence) continue;
    if (c.end <= start && start - c.end <= 2 && onlySpaceBetween(text, c.end, start)) return true;
    if (c.start >= end && c.start - end <= 2 && onlySpaceBetween(text, end, c.start)) return true;
  }
  return false;
}
