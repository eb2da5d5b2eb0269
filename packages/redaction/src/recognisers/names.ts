/**
 * Person names, designed for recall: the chat's own participants and cue-found names (any case, familiar forms,
 * misspellings via fuse.js), titles and relation cues ("Mrs …", "bed 4 is …", "'s daughter"), proper-noun candidates
 * checked against the UK first-name and surname lists, and neighbours of names. Names that are also English words
 * (Will, May, Hope, Grace) need a cue, which keeps the precision traps out.
 */
import type { Message } from '@im-records/chat-import';
import { isTitle, type KnownNames, roleOfTitle } from '../known-names.ts';
import {
  isClinicalWord,
  isCommonWord,
  isFirstName,
  isFunctionWord,
  isMonth,
  isSurname,
} from '../lexicon.ts';
import type { Candidate, PartyRole, Recogniser, RecogniserContext } from '../recogniser.ts';

interface Token {
  start: number;
  end: number;
  /** Token text without a possessive 's. */
  word: string;
  lower: string;
  cap: boolean;
}

const tokenPattern = /[\p{L}][\p{L}\p{M}'’-]*/gu;

function tokenise(text: string): Token[] {
  const tokens: Token[] = [];
  tokenPattern.lastIndex = 0;
  for (let m = tokenPattern.exec(text); m !== null; m = tokenPattern.exec(text)) {
    let word = m[0];
    const start = m.index;
    while (word.length > 1 && /['’-]$/.test(word)) word = word.slice(0, -1);
    if (/['’]s$/i.test(word) && word.length > 3) word = word.slice(0, -2);
    const c = word.charCodeAt(0);
    const cap = c >= 65 && c <= 90 ? true : c >= 97 && c <= 122 ? false : word.charAt(0) !== word.charAt(0).toLowerCase();
    tokens.push({ start, end: start + word.length, word, lower: word.toLowerCase(), cap });
  }
  return tokens;
}

const relationWords =
  'daughter|son|wife|husband|partner|sister|brother|mother|mum|mom|father|dad|niece|nephew|granddaughter|grandson|carer|friend|neighbour|fiance|fiancee|fiancée|aunt|uncle|cousin|nok|next of kin|grandma|grandad|grandmother|grandfather|stepson|stepdaughter';
const relationBefore = new RegExp(`\\b(?:${relationWords})\\s*[(:,-]?\\s*$`, 'i');
const patientBefore = /(?:\bbed\s*\d+[a-z]?\s*(?:is|=|:|-)\s*|\bpt\.?\s+|\bpatient\s+|\bspoke (?:to|with)\s+|\bcalled\s+|\bnamed\s+|\bask\s+|\btell\s+|\bthanks\s+)$/i;
const relationAfter = new RegExp(`^['’]s\\s+(?:${relationWords})\\b`, 'i');

/** Whether the token begins a sentence (message start, or after . ! ? : ; a newline or a bullet). */
function sentenceInitial(text: string, start: number): boolean {
  for (let i = start - 1; i >= 0; i--) {
    const ch = text.charAt(i);
    if (ch === ' ' || ch === '\t' || ch === '"' || ch === '“' || ch === '*' || ch === '_') continue;
    return ch === '.' || ch === '!' || ch === '?' || ch === '\n' || ch === ':' || ch === ';' || ch === '-' || ch === '•';
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
  if (lower.includes('-')) return lower.split('-').some((p) => p.length >= 3 && (isFirstName(p) || isSurname(p)) && !isCommonWord(p));
  return false;
}

/** Options for {@link scanNames}. */
export interface NameScan {
  /** Discovery pass: only report names found by strong cues (titles, relations), for propagation. */
  discoverOnly: boolean;
}

/** Finds name candidates in one text. */
export function scanNames(text: string, known: KnownNames, scan: NameScan): Candidate[] {
  const tokens = tokenise(text);
  const out: Candidate[] = [];
  let previousName = -1;
  for (let i = 0; i < tokens.length; i++) {
    const tok = tokens[i] as Token;
    const { lower, cap } = tok;
    if (lower.length < 2 && !cap) continue;
    const prev = i > 0 ? tokens[i - 1] : undefined;
    const next = i + 1 < tokens.length ? tokens[i + 1] : undefined;
    const titled = prev !== undefined && isTitle(prev.lower) && onlySpaceBetween(text, prev.end, tok.start);
    const adjacentToName = previousName === i - 1 && prev !== undefined && onlySpaceBetween(text, prev.end, tok.start);
    const after = text.slice(tok.end, tok.end + 2);
    const followedByDigit = /^\s?\d/.test(after);
    let hit: Candidate | undefined;
    const make = (confidence: number, rule: string, role: PartyRole = 'unknown', personKey = lower): Candidate => ({
      start: tok.start,
      end: tok.end,
      category: 'person-name',
      confidence,
      rule,
      role,
      personKey,
    });

    if (isTitle(lower) || lower.length < 2) {
      // A title itself is not personal data; single letters are handled as initials below.
    } else if (titled && prev && !followedByDigit && (cap || !isFunctionWord(lower)) && !isClinicalWord(lower)) {
      const k = known.get(lower);
      hit = make(0.9, 'name:title', k?.role ?? roleOfTitle(prev.lower), k?.personKey ?? lower);
      if (scan.discoverOnly) known.addCueName(tok.word, roleOfTitle(prev.lower));
    } else if (scan.discoverOnly) {
      if (cap && !isCommonWord(lower) && !followedByDigit) {
        const before = text.slice(Math.max(0, tok.start - 24), tok.start);
        if (relationBefore.test(before)) known.addCueName(tok.word, 'relative');
        else if (relationAfter.test(text.slice(tok.end, tok.end + 24))) known.addCueName(tok.word, 'patient');
        else if (adjacentToName && inLists(lower)) known.addCueName(tok.word, 'unknown');
        if (inLists(lower) || known.get(lower)) previousName = i;
      }
      continue;
    } else {
      const k = known.get(lower);
      const common = isCommonWord(lower);
      const initial = sentenceInitial(text, tok.start);
      if (k && (!common || (cap && (!initial || adjacentToName)))) {
        hit = make(k.source === 'cue' ? 0.75 : 0.9, `name:${k.source}`, k.role, k.personKey);
      } else if (cap && !followedByDigit) {
        const listed = inLists(lower);
        const before = text.slice(Math.max(0, tok.start - 24), tok.start);
        const relCue = relationBefore.test(before);
        const patCue = patientBefore.test(before);
        const possessiveCue = relationAfter.test(text.slice(tok.end, tok.end + 24));
        const nextListed =
          next !== undefined && next.cap && onlySpaceBetween(text, tok.end, next.start) && inLists(next.lower) && !isCommonWord(next.lower);
        if (listed && !common) {
          hit = make(0.8, 'name:list', relCue ? 'relative' : patCue || possessiveCue ? 'patient' : 'unknown');
        } else if (listed && common) {
          const monthLike = isMonth(lower) && /^\s*\d|^\s*$/.test(after + text.slice(tok.end + 2, tok.end + 4));
          if (!monthLike && (adjacentToName || nextListed || relCue || possessiveCue || (!initial && !isClinicalWord(lower) && !isMonth(lower)))) {
            hit = make(adjacentToName || nextListed || relCue ? 0.7 : 0.5, 'name:list-common', relCue ? 'relative' : 'unknown');
          }
        } else if (!common) {
          const fuzzy = known.fuzzy(lower);
          if (fuzzy) hit = make(0.65, 'name:fuzzy', fuzzy.role, fuzzy.personKey);
          else if (relCue || possessiveCue) hit = make(0.6, 'name:relation-cue', relCue ? 'relative' : 'patient');
          else if (adjacentToName || nextListed) hit = make(0.6, 'name:neighbour');
          else if (patCue && !initial) hit = make(0.55, 'name:patient-cue', 'patient');
          else if (tok.word.length <= 3 && tok.word === tok.word.toUpperCase()) {
            const k2 = known.initials(tok.word);
            if (k2) hit = make(0.6, 'name:initials', k2.role, k2.personKey);
          }
        }
      } else if (!cap && lower.length >= 4 && !common && !followedByDigit && inLists(lower)) {
        hit = make(0.45, 'name:list-lowercase');
      }
    }
    if (hit) {
      // Take in an initial written before the name ("O. Smith", "J Smith").
      const m = /(?:^|[^\p{L}])(\p{Lu})\.?\s$/u.exec(text.slice(Math.max(0, hit.start - 4), hit.start));
      if (m && prev && prev.word.length === 1 && !isTitle(prev.lower) && prev.word !== 'I') hit.start = prev.start;
      out.push(hit);
      previousName = i;
    }
  }
  return out;
}

/** The name recogniser (see the module comment for the design). */
export const nameRecogniser: Recogniser = {
  id: 'name',
  categories: ['person-name'],
  find(message: Message, context: RecogniserContext): Candidate[] {
    return scanNames(message.text, context.known, { discoverOnly: false });
  },
};
