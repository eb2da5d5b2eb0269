/**
 * Whose an @handle is. A chat's "@Sarah" or a tweet's "@AmandaRishworth" names a person; "@BBCNews", "@NRL_Bulldogs" or
 * "@VirginTrains" names an organisation, and an organisation's name is not personal data. The handle is read in its
 * parts — split at capitals ("AmandaRishworth" → Amanda, Rishworth), underscores, dots, hyphens and digits; a long
 * lower-case run ("grainnewalsh") is read for a given name at its start and a surname at its end — and judged by
 * what they are:
 *
 * 1. a name the chat knows (a participant, the subject, a name a title or relation named): **a person** of the chat;
 * 2. a given name followed by a surname ("LouiseByrneNews", "grainnewalsh"): **a person**, whatever else is in it;
 * 3. an organisation word ("news", "tv", "fc", "police", "shop", "official": `data/organisation-words.ts`; a country code counts for neither side), or
 *    the whole handle a short acronym in capitals ("@BBC", "@NRL"): **an organisation**, not proposed;
 * 4. a listed given name or surname ("@Sarah", "katy_weaver", "greghands"): **a person**;
 * 5. anything else ("@ratminer", "@popcornhack"): **unknown** — proposed, and the name model decides.
 */
import { organisationWords } from '../../data/organisation-words.ts';
import type { KnownName, KnownNames } from '../../known-names.ts';
import { FIRST, LAST, lexFlags } from '../../lexicon.ts';
import { isWorldFirstName, isWorldSurname } from '../../model/world-names.ts';

/** What a handle's parts say of whose it is (see the module comment), and the chat's person when it is one's. */
export interface HandleReading {
  kind: 'known' | 'full-name' | 'organisation' | 'name' | 'unknown';
  known?: KnownName;
}

const organisations = new Set(organisationWords);

/** Capitals, a capitalised or lower-case word, or digits: "BBCJames_Landale2" → BBC, James, Landale, 2. */
const partPattern = /\p{Lu}+(?!\p{Ll})|\p{Lu}?[\p{Ll}\p{M}]+|\d+/gu;

/** A lower-case part this long or longer, in no list, may be words run together ("grainnewalsh"). */
const RUN_TOGETHER = 6;

/** Whether a lower-case word is a given name: the UK list, or (four letters or more, `world`) the world's. */
function isGivenName(lower: string, world: boolean): boolean {
  return (lexFlags(lower) & FIRST) !== 0 || (world && lower.length >= 4 && isWorldFirstName(lower));
}

/** Whether a lower-case word is a surname: the UK list, or (four letters or more, `world`) the world's. */
function isFamilyName(lower: string, world: boolean): boolean {
  return (lexFlags(lower) & LAST) !== 0 || (world && lower.length >= 4 && isWorldSurname(lower));
}

/**
 * The length of the longest given name (three letters or more) a run-together word starts with, leaving three or
 * more letters; 0 when none.
 */
function givenNameAtStart(lower: string, world: boolean): number {
  for (let k = Math.min(lower.length - 3, 10); k >= 3; k--) if (isGivenName(lower.slice(0, k), world)) return k;
  return 0;
}

/** Whether a run-together word ends with a surname of three letters or more that leaves `keep` letters before it. */
function surnameAtEnd(lower: string, keep: number, world: boolean): boolean {
  for (let k = Math.min(lower.length - keep, 12); k >= 3; k--) {
    if (isFamilyName(lower.slice(lower.length - k), world)) return true;
  }
  return false;
}

/** Whether a run-together word ends with an organisation word of four letters or more ("cornwallradio"). */
function organisationAtEnd(lower: string): boolean {
  for (let k = Math.min(lower.length - 2, 12); k >= 4; k--)
    if (organisations.has(lower.slice(lower.length - k))) return true;
  return false;
}

/** Reads a handle (without its @) in its parts; see the module comment. */
export function readHandle(handle: string, known: KnownNames): HandleReading {
  const parts = handle.match(partPattern) ?? [];
  let letters = 0;
  let given = false;
  let names = 0;
  let fullName = false;
  let organisation = false;
  for (const part of parts) {
    const c = part.charCodeAt(0);
    if (c >= 48 && c <= 57) continue;
    letters++;
    const lower = part.toLowerCase();
    const person = lower.length >= 2 ? known.get(lower) : undefined;
    if (person !== undefined) return { kind: 'known', known: person };
    if (organisations.has(lower)) {
      organisation = true;
      continue;
    }
    const first = isGivenName(lower, true);
    if (first || isFamilyName(lower, true)) {
      names++;
      if (first) given = true;
      continue;
    }
    // A long lower-case run in no list may be words run together: a given name at its start ("emily…"), a surname at
    // its end ("…walsh"), or an organisation word at its end ("…radio"). The world's lists (Bloom filters, which
    // answer yes for about one word in a hundred) count only when both ends agree, as a full name.
    if (lower.length < RUN_TOGETHER || part !== lower) continue;
    const at = givenNameAtStart(lower, true);
    const person2 = at > 0 ? known.get(lower.slice(0, at)) : undefined;
    if (person2 !== undefined) return { kind: 'known', known: person2 };
    if (at > 0 && surnameAtEnd(lower, at, true)) fullName = true;
    else if (organisationAtEnd(lower)) organisation = true;
    else if (givenNameAtStart(lower, false) > 0 || surnameAtEnd(lower, 3, false)) names++;
  }
  if (letters === 0) return { kind: 'unknown' };
  // Two names, one of them a given name ("PriyaShah", "JaneMorrisNews"): a full name outweighs an organisation word.
  if (fullName || (given && names >= 2)) return { kind: 'full-name' };
  const acronym = letters === 1 && parts.length === 1 && /^\p{Lu}{2,5}$/u.test(handle);
  if (organisation || acronym) return { kind: 'organisation' };
  return { kind: names > 0 ? 'name' : 'unknown' };
}
