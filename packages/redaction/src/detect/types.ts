/**
 * The detection engine's public shapes — its options, what it returns — and the internal decision a mode makes about
 * one candidate.
 */
import type { Recogniser } from '../recogniser.ts';
import type { Proposal, RedactionCategory, RedactionMode } from '../types.ts';

/** The data subject of a SAR: names and aliases (any of which identifies them) and phone numbers. */
export interface SubjectSpec {
  names: readonly string[];
  aliases?: readonly string[];
  phones?: readonly string[];
}

/** Options of `detectPersonalData`. */
export interface DetectOptions {
  mode: RedactionMode;
  /** SAR: who the request is from. Required in SAR mode. */
  subject?: SubjectSpec;
  /** FOI: named senior staff whose names are kept because they act in a public role. */
  keepNames?: readonly string[];
  /** SAR: keep the names of health professionals acting in their role (DPA 2018 Sch 2 para 17). Default false. */
  keepHealthProfessionals?: boolean;
  /** Trust hospital-number patterns (regex sources, matched case-sensitively as whole tokens). */
  hospitalNumberPatterns?: readonly string[];
  /** Officer's terms to withhold wherever they occur (whole words, any case). */
  customTerms?: readonly string[];
  /** Officer's patterns to withhold (regex sources). */
  customPatterns?: readonly string[];
  /** Replaces the built-in recognisers (e.g. to switch one off). */
  recognisers?: readonly Recogniser[];
  /** Added after the built-in recognisers, e.g. a statistical name model. */
  extraRecognisers?: readonly Recogniser[];
  /** Messages per chunk between progress reports and cancellation checks; default 2000. */
  chunkSize?: number;
  /** Called after each chunk with messages done and total (all three passes counted). */
  onProgress?: (done: number, total: number) => void;
  /** Cancels detection; the promise rejects with `DetectionAbortedError`. */
  signal?: AbortSignal;
}

/** Why a span was found but is not withheld (SAR subject's own data, kept staff names). */
export interface KeptSpan {
  messageId: string;
  start: number;
  end: number;
  category: RedactionCategory;
  rule: string;
  reason: string;
}

/** Whether a message is in scope of a SAR and why. */
export interface MessageSelection {
  messageId: string;
  selected: boolean;
  /** Human-readable reasons, e.g. `author is the data subject`, `mentions "Margret" (fuzzy match of Margaret)`. */
  reasons: string[];
  /**
   * Selected only by a name that may be someone else's: a near spelling of the subject's, or a given name someone else
   * in the chat has too. The officer should check who is meant before the message is disclosed.
   */
  uncertain?: true;
}

/** The engine's output: proposals to withhold, spans deliberately kept, and the SAR selection. */
export interface DetectionResult {
  mode: RedactionMode;
  proposals: Proposal[];
  kept: KeptSpan[];
  /** One entry per message in SAR mode; empty in FOI mode (every message is in scope). */
  selection: MessageSelection[];
}

/** What a mode decides about one candidate: withhold it (under which exemptions) or keep it (and why). */
export interface ModeDecision {
  withhold: boolean;
  exemption: string;
  alsoExemptions?: readonly string[];
  keptReason?: string;
}
