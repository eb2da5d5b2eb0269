/**
 * Person names, designed for recall: the chat's own participants and cue-found names (any case, familiar forms,
 * misspellings via fuse.js), titles and relation cues ("Mrs …", "bed 4 is …", "'s daughter"), proper-noun candidates
 * checked against the UK first-name and surname lists, and neighbours of names. Names that are also English words
 * (Will, May, Hope, Grace) need a cue, which keeps the precision traps out.
 */
import type { Message } from '@im-records/chat-import';
import { type KnownNames, roleOfTitle } from '../known-names.ts';
import {
  CLINICAL,
  COMMON,
  FIRST,
  FUNCTION,
  isCommonWord,
  isEnglishWord,
  isFirstName,
  isSurname,
  LAST,
  lexFlags,
  MONTH,
  mayHaveFlags,
  TITLE,
} from '../lexicon.ts';
import type { Candidate, PartyRole, Recogniser, RecogniserContext } from '../recogniser.ts';
import { HASH_START, hashStep } from '../word-gate.ts';

/**
 * Tokens of the message being scanned, held in reusable arrays (struct of arrays) rather than one object per token:
 * the scanner sees tens of millions of tokens on a big chat and object churn would dominate its time.
 */
let cap = 256;
let tStart = new Int32Array(cap);
let tEnd = new Int32Array(cap);
let tFlags = new Int32Array(cap);
let tCap = new Uint8Array(cap);
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
}

const letterPattern = /[\p{L}\p{M}]/u;

function isLetter(c: number, text: string, i: number): boolean {
  if (c < 128) return (c >= 97 && c <= 122) || (c >= 65 && c <= 90);
  return letterPattern.test(text.charAt(i));
}

/** Splits text into word tokens (letters with inner apostrophes and hyphens), dropping a possessive 's; returns the count. */
function tokenise(text: string, known: KnownNames): number {
  const n = text.length;
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
      } else if ((c === 39 || c === 8217 || c === 45) && i + 1 < n && isLetter(text.charCodeAt(i + 1), text, i + 1)) {
        plain = false;
        i += 2;
      } else break;
    }
    let end = i;
    if (count === cap) grow();
    if (folded && plain && !mayHaveFlags(h) && !known.mayKnow(h)) {
      // A plain lower-case word in no list and no chat name: recorded without cutting it out of the text.
      tStart[count] = start;
      tEnd[count] = end;
      tFlags[count] = 0;
      tCap[count] = 0;
      tWord[count] = '';
      tLower[count] = '';
      count++;
      continue;
    }
    const last2 = text.charCodeAt(end - 2);
    if (end - start > 3 && (last2 === 39 || last2 === 8217) && (text.charCodeAt(end - 1) | 32) === 115) end -= 2;
    const word = text.slice(start, end);
    const f = word.charCodeAt(0);
    const isCap =
      f >= 65 && f <= 90 ? true : f >= 97 && f <= 122 ? false : word.charAt(0) !== word.charAt(0).toLowerCase();
    // Lower-case ASCII words are their own lower-case form: skip the copy on the hot path.
    const lower = folded && plain ? word : word.toLowerCase();
    tStart[count] = start;
    tEnd[count] = end;
    tFlags[count] = lexFlags(lower);
    tCap[count] = isCap ? 1 : 0;
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
    return (
      ch === '.' || ch === '!' || ch === '?' || ch === '\n' || ch === ':' || ch === ';' || ch === '-' || ch === '•'
    );
  }
  return true;
}

function onlySpaceBetween(text: string, from: number, to: number): boolean {
  if (to - from > 3) return false;
  for (let i = from; i < to; i++) {
    const ch = text.charAt(i);
    if (ch !== ' ' && ch !== '.') return false;
  }
  return true;
}

function inLists(lower: string): boolean {
  if (isFirstName(lower) || isSurname(lower)) return true;
  if (lower.includes('-'))
    return lower.split('-').some((p) => p.length >= 3 && (isFirstName(p) || isSurname(p)) && !isCommonWord(p));
  return false;
}

/** A capitalised word that is neither English (dictionary, places) nor an acronym, nor written with digits. */
function unknownWord(word: string): boolean {
  if (word.length < 3 || word === word.toUpperCase() || /\d/.test(word)) return false;
  const parts = word
    .toLowerCase()
    .split(/[-'’]/)
    .filter((p) => p.length >= 2);
  if (parts.length === 0) return false;
  return parts.some((p) => !isEnglishWord(p) && !isCommonWord(p));
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
    if (name.length < 2 || lexFlags(lower) & (FUNCTION | CLINICAL | TITLE)) continue;
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

function candidate(i: number, confidence: number, rule: string, role: PartyRole, personKey: string): Candidate {
  return { start: tStart[i] ?? 0, end: tEnd[i] ?? 0, category: 'person-name', confidence, rule, role, personKey };
}

/** Finds name candidates in one text. */
export function scanNames(text: string, known: KnownNames): Candidate[] {
  const count = tokenise(text, known);
  const out: Candidate[] = [];
  let previousName = -1;
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
    const listed = (flags & (FIRST | LAST)) !== 0 || (lower.includes('-') && inLists(lower));
    // Fast exit: a lower-case word that is neither known nor a listed name cannot be a name on its own.
    if (!isCap && k === undefined && !listed && !(prevFlags & TITLE)) continue;
    const start = tStart[i] as number;
    const end = tEnd[i] as number;
    const word = tWord[i] as string;
    const prevEnd = hasPrev ? (tEnd[p] as number) : 0;
    const prevWord = hasPrev ? (tWord[p] as string) : '';
    const spaceBefore = hasPrev && onlySpaceBetween(text, prevEnd, start);
    const titled = (prevFlags & TITLE) !== 0 && spaceBefore;
    const adjacentToName = previousName === p && spaceBefore;
    const c1 = text.charCodeAt(end);
    const c2 = text.charCodeAt(end + 1);
    const followedByDigit = (c1 >= 48 && c1 <= 57) || (c1 === 32 && c2 >= 48 && c2 <= 57);
    const common = (flags & COMMON) !== 0;
    const prevInitial =
      hasPrev &&
      prevWord.length === 1 &&
      tCap[p] === 1 &&
      prevWord !== 'I' &&
      /^\.?\s$/.test(text.slice(prevEnd, start));
    let hit: Candidate | undefined;

    if (titled && !followedByDigit && (isCap || !(flags & FUNCTION)) && !(flags & CLINICAL)) {
      const titleRole = roleOfTitle(tLower[p] as string);
      hit = candidate(i, 0.9, 'name:title', k && k.role !== 'unknown' ? k.role : titleRole, k?.personKey ?? lower);
    } else {
      const initial = sentenceInitial(text, start);
      if (k && (!common || (isCap && (!initial || adjacentToName || prevInitial)))) {
        // "bed 4 is Margaret" says a participant (or anyone known) is a patient.
        const role =
          k.role === 'unknown' && patientBefore.test(text.slice(Math.max(0, start - 24), start)) ? 'patient' : k.role;
        hit = candidate(i, k.source === 'cue' ? 0.75 : 0.9, `name:${k.source}`, role, k.personKey);
      } else if (
        k &&
        !isCap &&
        !(flags & (FUNCTION | CLINICAL)) &&
        addressedBefore.test(text.slice(Math.max(0, start - 16), start))
      ) {
        hit = candidate(i, k.source === 'cue' ? 0.75 : 0.9, `name:${k.source}`, k.role, k.personKey);
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
          onlySpaceBetween(text, end, tStart[n] as number);
        // A listed name that is a misspelling of someone in the chat ("Margret" for Margaret) is that person.
        const fz = listed && !common ? known.fuzzy(lower) : undefined;
        if (fz && fz.source !== 'cue' && fz.source !== 'nickname') {
          hit = candidate(i, 0.7, 'name:fuzzy', fz.role, fz.personKey);
        } else if (listed && !common) {
          const role = relCue ? 'relative' : possessiveCue || patientBefore.test(before) ? 'patient' : 'unknown';
          hit = candidate(i, 0.8, 'name:list', role, lower);
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
            // Philter's rule: a proper noun that no list proves safe is proposed (low confidence, for review).
            hit = candidate(i, initial ? 0.35 : 0.4, 'name:unknown-proper-noun', 'unknown', lower);
          }
        }
      } else if (!isCap && lower.length >= 4 && !common && !followedByDigit && listed) {
        hit = candidate(i, 0.45, 'name:list-lowercase', 'unknown', lower);
      }
    }
    if (!hit) continue;
    if (spaceBefore && previousName !== p && prevWord.length >= 2) {
      // A first name written before a found name ("rod mclaughlin", "Just Greenfelder") is part of it.
      if (
        prevFlags & FIRST &&
        !(prevFlags & (TITLE | CLINICAL)) &&
        (tCap[p] === 1 || !(prevFlags & FUNCTION)) &&
        !text.slice(prevEnd, start).includes('.')
      ) {
        out.push({ ...hit, start: tStart[p] as number, end: prevEnd, confidence: 0.6, rule: 'name:neighbour-before' });
      }
    }
    // Take in an initial written before the name ("O. Smith", "J Smith").
    if (prevInitial) hit.start = tStart[p] as number;
    out.push(hit);
    previousName = i;
  }
  return out;
}

/** The name recogniser (see the module comment for the design). */
export const nameRecogniser: Recogniser = {
  id: 'name',
  categories: ['person-name'],
  find(message: Message, context: RecogniserContext): Candidate[] {
    return scanNames(message.text, context.known);
  },
};
