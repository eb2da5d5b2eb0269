/**
 * Consistency: a name confirmed anywhere in a chat is proposed at its other uses, so "Igor" redacted in one message is
 * not left visible in the next. {@link ConfirmedNames} collects the evidence as the per-message scan finds names;
 * {@link scanConsistent} then reads each message again for uses of those tokens that nothing found.
 */
import { ruleConfidence } from '../../confidence.ts';
import { nicknamesOf } from '../../data/nicknames.ts';
import {
  CLINICAL,
  COMMON,
  EPONYM,
  FACILITY,
  FIRST,
  FUNCTION,
  isLowerCaseWord,
  LAST,
  lexFlags,
  MONTH,
  SAFE,
  TITLE,
} from '../../lexicon.ts';
import { type Candidate, type FoundSpan, NONE, type PartyRole } from '../../recogniser.ts';
import type { WordCounts } from '../../word-counts.ts';
import { HASH_START, hashStep, WordGate } from '../../word-gate.ts';
import { placeOrDateAt, strongFacility } from './rules.ts';
import { capitalised, isApostrophe, isLetter, onlySpaceBetween, sentenceInitial, urlRanges } from './tokens.ts';

/** What the chat has confirmed about one name token (see {@link ConfirmedNames}). */
interface ConfirmedName {
  confidence: number;
  role: PartyRole;
  personKey: string;
  /** An English or listed common word ("Brook", "Price", "Mark"): only capitalised uses count, with care at a sentence start. */
  common: boolean;
  /**
   * Whether the evidence is good enough to take lower-case uses on their own: a cue, a participant, the model, a list
   * match of four letters or more.
   */
  lowerOk: boolean;
  /** The id of the proposal (or kept span) whose evidence the token rests on: the strongest find, the first of equals. */
  origin: string;
  /** The group the carried proposals share (`name:` and the token). */
  group: string;
  /**
   * Whether some evidence for it is beyond the model's vote (a participant, a title, a cue: see `keepWithModel`), so
   * its carried uses stand wherever they are; otherwise the model may rule a carried use out.
   */
  firm: boolean;
  /**
   * A familiar form of a confirmed given name that is also an English word ("Mags", "Kit", "Rich"): taken only where no
   * capitalised word stands beside it, since beside one it is as likely part of a title or a product ("DIY Kit").
   */
  wordLike?: boolean;
}

function evidenceForLowerCase(c: Candidate, lower: string): boolean {
  if (c.rule === 'name:list' || c.rule === 'name:list-common') return lower.length >= 4;
  return true;
}

/**
 * Names confirmed anywhere in a chat — by a participant, a title, a relation or patient cue, a listed name in name
 * position, the model at high confidence: finds whose candidate `confirms` — so that every other use of the same token
 * in the chat is proposed too ("Igor" redacted in one message is not left visible in the next). A guess (an unknown
 * capitalised word, a neighbour, a fuzzy match) confirms nothing, and {@link finish} drops everyday words the chat
 * itself writes in lower case: one wrong guess must not become hundreds of false redactions.
 */
export class ConfirmedNames {
  readonly #names = new Map<string, ConfirmedName>();
  #gate = new WordGate();
  /** The strongest confidence each span was added with, by the role it was found in (no string built per find). */
  readonly #seen: Record<PartyRole, Map<string, number>> = {
    staff: new Map(),
    patient: new Map(),
    relative: new Map(),
    unknown: new Map(),
  };
  readonly #keep: Readonly<Record<string, number>>;

  /** `keep`: how sure the model must be for each rule's find to stand; a rule at 0 is evidence beyond its vote. */
  constructor(keep: Readonly<Record<string, number>> = {}) {
    this.#keep = keep;
  }

  /** How many tokens are confirmed. */
  get size(): number {
    return this.#names.size;
  }

  /** Records the tokens of a name candidate found in `text` (message `messageId`) when its evidence confirms. */
  add(messageId: string, text: string, c: Candidate): void {
    if (c.category !== 'person-name' || c.confirms !== true) return;
    const span = text.slice(c.start, c.end);
    // A handle names someone, but its parts ("@Tahir_London") are not names to carry.
    if (span.charCodeAt(0) === 64) return;
    // Most finds repeat a name already confirmed as strongly (and with the same role): skip the split then.
    const seenInRole = this.#seen[c.role ?? 'unknown'];
    const seen = seenInRole.get(span);
    if (seen !== undefined && seen >= c.confidence) return;
    seenInRole.set(span, c.confidence);
    const origin = `${messageId}:${c.start}-${c.end}:person-name`;
    for (const m of span.matchAll(wordPattern)) {
      const word = m[0].replace(/^@/, '').replace(/['’]s$/, '');
      const lower = word.toLowerCase();
      this.#put(lower, c, origin);
      if (lower.includes('-')) for (const part of lower.split('-')) if (part.length >= 3) this.#put(part, c, origin);
      if (lexFlags(lower) & FIRST)
        for (const familiar of nicknamesOf(lower)) this.#putFamiliar(familiar, lower, c, origin);
    }
  }

  /**
   * A familiar form of a confirmed given name ("Mags" once "Margaret" is confirmed): the same person's, carried only
   * where written with a capital (as an everyday word is), and never one that is an everyday word in any chat ("Will",
   * "Bill", "Sue", "Pat"). A participant's and a cue's familiar forms are known names already (`KnownNames`); this
   * brings them for a name found by a list or the model.
   */
  #putFamiliar(familiar: string, formal: string, c: Candidate, origin: string): void {
    if (this.#names.has(familiar) || lexFlags(familiar) & (COMMON | FUNCTION | CLINICAL | TITLE | MONTH | SAFE)) return;
    this.#names.set(familiar, {
      confidence: c.confidence,
      role: c.role ?? 'unknown',
      personKey: c.personKey ?? formal,
      common: true,
      lowerOk: false,
      origin,
      group: `name:${familiar}`,
      // The model, reading "Mags" alone, cannot know it is Margaret's: the link is the evidence, so its vote is not asked.
      firm: true,
      wordLike: isLowerCaseWord(familiar),
    });
    this.#gate.add(familiar);
  }

  #put(lower: string, c: Candidate, origin: string): void {
    if (lower.length < 2) return;
    const flags = lexFlags(lower);
    if (flags & (FUNCTION | CLINICAL | TITLE | MONTH | SAFE)) return;
    const lowerOk = evidenceForLowerCase(c, lower);
    const firm = (this.#keep[c.rule] ?? 0) === 0;
    const existing = this.#names.get(lower);
    if (existing) {
      if (lowerOk) existing.lowerOk = true;
      if (firm) existing.firm = true;
      // A role a cue gives ("pt Krystian") is kept whichever find is the strongest evidence of the name.
      const role = c.role !== undefined && c.role !== 'unknown' ? c.role : undefined;
      if (existing.role === 'unknown' && role) existing.role = role;
      if (existing.confidence >= c.confidence) return;
      existing.confidence = c.confidence;
      if (role) existing.role = role;
      existing.personKey = c.personKey ?? lower;
      existing.origin = origin;
      return;
    }
    const common = (flags & COMMON) !== 0 || isLowerCaseWord(lower.replace(/[-'’]/g, ''));
    this.#names.set(lower, {
      confidence: c.confidence,
      role: c.role ?? 'unknown',
      personKey: c.personKey ?? lower,
      common,
      lowerOk,
      origin,
      group: `name:${lower}`,
      firm,
    });
    this.#gate.add(lower);
  }

  /**
   * Closes the list once every message was scanned: an everyday English word in no name list that the chat writes in
   * lower case at least `everydayUses` times ("best", "sales", "new") is not carried — the chat itself says it is a
   * word there. Listed names that are words too ("Grant", "Glover") keep their care for capitals instead.
   */
  finish(lowerCaseUses: WordCounts, everydayUses: number): void {
    if (lowerCaseUses.texts === 0) return;
    const gate = new WordGate();
    for (const [lower, entry] of this.#names) {
      if (
        entry.common &&
        /^[a-z]+$/.test(lower) &&
        (lexFlags(lower) & (FIRST | LAST)) === 0 &&
        lowerCaseUses.get(lower) >= everydayUses
      ) {
        this.#names.delete(lower);
        continue;
      }
      gate.add(lower);
    }
    this.#gate = gate;
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
export function scanConsistent(text: string, confirmed: ConfirmedNames, found: readonly FoundSpan[]): Candidate[] {
  const n = text.length;
  let deferred: { start: number; end: number; entry: ConfirmedName }[] | undefined;
  let out: Candidate[] | undefined;
  let urls: number[] | undefined;
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
    if (coveredIn(found, start, end) || (out && coveredIn(out, start, end))) continue;
    const word = text.slice(start, end);
    let lower = word.toLowerCase();
    let entry = confirmed.get(lower);
    if (entry === undefined && stemEnd > 0 && end !== stemEnd) {
      end = stemEnd;
      lower = lower.slice(0, stemEnd - start);
      entry = confirmed.get(lower);
    }
    if (entry === undefined) continue;
    // Words inside a URL are not prose ("http", a path that happens to spell a name).
    urls ??= urlRanges(text);
    if (urls.length > 0 && inRanges(urls, start)) continue;
    // "19 Jan", "St John's wort": a date or a place.
    if (placeOrDateAt(text, start, end, lower)) continue;
    const before = start > 0 ? text.charCodeAt(start - 1) : 32;
    const after = end < n ? text.charCodeAt(end) : 32;
    const glued = (before >= 48 && before <= 57) || before === 95 || (after >= 48 && after <= 57) || after === 95;
    if (glued && (lower.length < 3 || word === word.toUpperCase())) continue;
    const isCap = capitalised(word);
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
      if (take && entry.wordLike) take = !capitalisedBeside(text, start, nextRaw);
    } else {
      take = nextToName(found, start, end, text) || (out !== undefined && nextToName(out, start, end, text));
      if (!take) {
        // "jon price" once "Price" is confirmed: a listed first name written just before it makes it the surname.
        const from = previousWordStart(text, start);
        if (from >= 0) {
          const prev = text.slice(from, start - 1).toLowerCase();
          const prevFlags = lexFlags(prev);
          if (prevFlags & FIRST && !(prevFlags & COMMON) && !coveredIn(found, from, start - 1)) {
            take = true;
            out ??= [];
            out.push(carried(from, start - 1, entry, ruleConfidence['name:consistent first-name-before']));
          }
        }
      }
    }
    if (!take) continue;
    out ??= [];
    out.push(carried(start, end, entry, ruleConfidence['name:consistent']));
  }
  if (deferred) {
    // Right to left, so "dinu savu" gains "dinu" once "savu" is in.
    for (let j = deferred.length - 1; j >= 0; j--) {
      const d = deferred[j] as { start: number; end: number; entry: ConfirmedName };
      const near =
        nextToName(found, d.start, d.end, text) || (out !== undefined && nextToName(out, d.start, d.end, text));
      if (!near) continue;
      out ??= [];
      out.push(carried(d.start, d.end, d.entry, ruleConfidence['name:consistent']));
    }
  }
  return out ?? NONE;
}

/** A carried use of a confirmed token: the evidence's confidence (capped), role, person, group and origin. */
function carried(start: number, end: number, entry: ConfirmedName, cap: number): Candidate {
  return {
    start,
    end,
    category: 'person-name',
    confidence: Math.min(entry.confidence, cap),
    rule: 'name:consistent',
    role: entry.role,
    personKey: entry.personKey,
    confirms: false,
    group: entry.group,
    origin: entry.origin,
  };
}

/** Whether `at` lies in one of the (start, end) pairs of `ranges`. */
function inRanges(ranges: readonly number[], at: number): boolean {
  for (let j = 0; j < ranges.length; j += 2)
    if ((ranges[j] as number) <= at && at < (ranges[j + 1] as number)) return true;
  return false;
}

/** Whether the word before `start` or the word after (`next`, as written) begins with a capital ("DIY Kit", "Kit Kat"). */
function capitalisedBeside(text: string, start: number, next: string): boolean {
  const upper = (c: number): boolean => c >= 65 && c <= 90;
  const from = previousWordStart(text, start);
  return (from >= 0 && upper(text.charCodeAt(from))) || upper(next.charCodeAt(0));
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

function coveredIn(list: readonly FoundSpan[], start: number, end: number): boolean {
  for (let j = 0; j < list.length; j++) {
    const c = list[j] as FoundSpan;
    if (c.start < end && start < c.end) return true;
  }
  return false;
}

/**
 * Whether a name span of `list` (at confidence 0.4 or more; kept spans carry none and count) ends one space before
 * `start` or starts one space after `end`.
 */
function nextToName(
  list: readonly FoundSpan[],
  start: number,
  end: number,
  text: string,
  minConfidence = 0.4,
): boolean {
  for (let j = 0; j < list.length; j++) {
    const c = list[j] as FoundSpan;
    if (c.category !== 'person-name' || (c.confidence ?? 1) < minConfidence) continue;
    if (c.end <= start && start - c.end <= 2 && onlySpaceBetween(text, c.end, start)) return true;
    if (c.start >= end && c.start - end <= 2 && onlySpaceBetween(text, end, c.start)) return true;
  }
  return false;
}
