/**
 * The pluggable recogniser interface. Every finder — the rule-based ones here, or a statistical model added later —
 * takes one message and the chat-wide context and returns candidate spans; the engine merges them, applies the mode's
 * exemptions and turns them into proposals.
 */
import type { Message } from '@im-records/chat-import';
import type { KnownNames } from './known-names.ts';
import type { RedactionCategory } from './types.ts';

/** Whom a span is about, as far as the recogniser can tell; drives exemptions and pseudonyms. */
export type PartyRole = 'staff' | 'patient' | 'relative' | 'unknown';

/** A span a recogniser thinks is personal data. Offsets are UTF-16 into `message.text`, end exclusive. */
export interface Candidate {
  start: number;
  end: number;
  category: RedactionCategory;
  /** 0..1. */
  confidence: number;
  /** The rule that found it, e.g. `nhs-number:checksum+context`. */
  rule: string;
  /** For names: whom the name is about, when a cue says so (title, relation, participant). */
  role?: PartyRole;
  /** For names: a key grouping mentions of one person (lower-case surname or first name), for pseudonyms. */
  personKey?: string;
}

/** What a recogniser may consult beyond the message itself. */
export interface RecogniserContext {
  /** Names known in this chat: participants, their parts and familiar forms, names found by strong cues. */
  known: KnownNames;
  /** Trust hospital-number patterns (regex sources), already validated. */
  hospitalNumberPatterns: readonly RegExp[];
  /** Officer-supplied terms (lower case) and patterns. */
  customTerms: readonly string[];
  customPatterns: readonly RegExp[];
}

/** A finder for one or more categories. Implementations must be pure and fast: they run on every message. */
export interface Recogniser {
  /** Stable id, used in rule names and to switch recognisers off. */
  id: string;
  categories: readonly RedactionCategory[];
  /** The fewest digits a message must hold for this recogniser to find anything; the engine skips it otherwise. */
  minDigits?: number;
  find(message: Message, context: RecogniserContext): Candidate[];
}

/**
 * The shared empty result recognisers return when a message has nothing for them (most messages), so the engine does
 * not allocate a fresh array per recogniser per message. Callers must not push into a recogniser's result.
 */
export const NONE: Candidate[] = [];

/**
 * Whether a span in `list` overlaps [start, end) — a plain loop, so a recogniser checking its earlier finds does not
 * allocate a closure (and its captured variables) per match. `list` may be undefined (nothing found yet).
 */
export function overlapsAny(list: readonly Candidate[] | undefined, start: number, end: number): boolean {
  if (list === undefined) return false;
  for (let j = 0; j < list.length; j++) {
    const c = list[j] as Candidate;
    if (c.start < end && start < c.end) return true;
  }
  return false;
}
