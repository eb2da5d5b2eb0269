/**
 * The pluggable recogniser interface. Every finder — the rule-based ones here, or a statistical model added later —
 * takes one message's text and the chat-wide context and returns candidate spans; the engine merges them, applies the
 * mode's exemptions and turns them into proposals. A finder reads the text alone: most messages have nothing in them,
 * and a whole message (timestamp, author, source) is built only for those that do.
 */
import type { Message, MessageList } from '@im-records/chat-import';
import type { KnownNames } from './known-names.ts';
import type { RedactionCategory } from './types.ts';
import type { WordCounts } from './word-counts.ts';

/** Whom a span is about, as far as the recogniser can tell; drives exemptions and pseudonyms. */
export type PartyRole = 'staff' | 'patient' | 'relative' | 'unknown';

/** A span a recogniser thinks is personal data. Offsets are UTF-16 into the message's text, end exclusive. */
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
  /**
   * For names: whether this find is evidence enough to propose the same name at its other uses in the chat — a
   * participant, a title or cue, a listed name in name position, the model at high confidence. A guess (an unknown
   * capitalised word, a neighbour) is not: one wrong guess must not spread through a chat.
   */
  confirms?: boolean;
  /** Proposals that stand or fall together (a name carried through the chat from one find): one decision decides all. */
  group?: string;
  /** For a carried name: the id of the proposal (or kept span) whose evidence the group rests on. */
  origin?: string;
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
  /**
   * How often each word is written in lower case in the whole chat (counted before any `find`; empty when a recogniser
   * runs alone), so an everyday word of the chat is not taken for a name everywhere.
   */
  lowerCaseUses: WordCounts;
}

/** What a chat-wide pass sees of a span already found in a message: a candidate, a proposal or a kept span. */
export interface FoundSpan {
  start: number;
  end: number;
  category: string;
  /** Absent on kept spans (the SAR subject's own data, kept staff): the engine is sure of them. */
  confidence?: number;
}

/**
 * The chat-wide passes a recogniser may own besides `find`, made once per detection run so they can hold what they
 * learn about the chat. The engine runs every recogniser's `discover` over the whole chat first, then `find` on every
 * message (telling `confirm` what was found in each), then `rescan` over every message; a message that gains
 * candidates in the rescan is decided again.
 */
export interface ChatPasses {
  /**
   * Pass 1, before any `find`: reads one message's text (e.g. names found by strong cues become known names); `index`
   * is the message's place in the conversation's list (given to `chatPasses`), to read more of it only when needed.
   */
  discover?(text: string, index: number): void;
  /** Pass 2, after every recogniser's `find` on a message: its merged candidates, to learn from (e.g. confirmed names). */
  confirm?(message: Message, found: readonly Candidate[]): void;
  /** After pass 2: whether `rescan` can find anything (false skips pass 3, e.g. when nothing was confirmed). */
  readyToRescan?(): boolean;
  /**
   * Pass 3: more candidates for one message, given the spans already found in it (an array the engine reuses: read it
   * during the call only). Return {@link NONE} when there are none.
   */
  rescan?(text: string, found: readonly FoundSpan[]): Candidate[];
}

/** A finder for one or more categories. Implementations must be pure and fast: they run on every message. */
export interface Recogniser {
  /** Stable id, used in rule names and to switch recognisers off. */
  id: string;
  categories: readonly RedactionCategory[];
  /** The fewest digits a message must hold for this recogniser to find anything; the engine skips it otherwise. */
  minDigits?: number;
  /**
   * The candidates in one message's text. `messageId` is the message's id (absent when a text is read alone), for
   * finds that refer to another message's (a name carried from a cue names the cue's find as its origin).
   */
  find(text: string, context: RecogniserContext, messageId?: string): Candidate[];
  /**
   * Chat-wide discovery and rescanning over `messages` (see {@link ChatPasses}); omitted by recognisers that read one
   * message at a time.
   */
  chatPasses?(context: RecogniserContext, messages: MessageList): ChatPasses;
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
