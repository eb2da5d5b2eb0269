/**
 * `@im-records/redaction`: finds personal data in a conversation, proposes redactions with exemptions, applies the
 * officer's decisions and produces the disclosed conversation. Runs in a browser Web Worker (no Node APIs).
 */

export type { AppliedDecisions, DecisionLogEntry } from './decisions.ts';
export type {
  DetectionResult,
  DetectOptions,
  KeptSpan,
  MessageSelection,
  SubjectSpec,
} from './detect.ts';
export type { DiscloseOptions } from './disclose.ts';
export type { KnownName } from './known-names.ts';
export type { Candidate, PartyRole, Recogniser, RecogniserContext } from './recogniser.ts';
export type {
  Decision,
  DisclosedAttachment,
  DisclosedConversation,
  DisclosedMessage,
  DisclosedSegment,
  DisclosureCounts,
  Proposal,
  ProposalStatus,
  RedactionCategory,
  RedactionMode,
} from './types.ts';

/** Applies accept/reject/add decisions to proposals (terms re-applied each run) and writes the decision log. */
export { applyDecisions } from './decisions.ts';
/** The exemption a mode prints on an officer-added box: `s40(2)` (FOI) or `DPA Sch2 para16` (SAR). */
export { defaultExemption } from './decisions.ts';
/** Detection in chunks with progress and cancellation, for a Web Worker. */
export { detectPersonalData } from './detect.ts';
/** Detection on the calling thread, for tests and the command line. */
export { detectPersonalDataSync } from './detect.ts';
/** The built-in recognisers, so a caller can drop one or add a model after them. */
export { defaultRecognisers } from './detect.ts';
/** Builds a chat's recogniser context (known names, patterns) — for running a single recogniser in tests or tools. */
export { buildContext } from './detect.ts';
/** Runs recognisers over one message and merges overlaps; the unit the engine repeats for every message. */
export { detectMessage } from './detect.ts';
/** Merges overlapping candidates (contained spans give way, partial overlaps join) so boxes never overlap. */
export { mergeCandidates } from './detect.ts';
/** The disclosed conversation: segments and labelled boxes, pseudonymised authors, safe attachment names. */
export { disclose } from './disclose.ts';
/** The label each category's box carries (`NHS number`, `Phone number`, …). */
export { categoryLabels } from './disclose.ts';
/** The text placeholder for a box, `[NHS number — s40(2)]`, as the command line prints it. */
export { placeholder } from './disclose.ts';
/** Attachment display names that never carry a name or number (WhatsApp's generated names kept, others neutral). */
export { safeAttachmentName } from './disclose.ts';
/** Consistent pseudonyms (Staff member A, Patient 1) in order of first appearance. */
export { Pseudonyms } from './disclose.ts';
/** Errors: the base class and one subclass per failure. */
export { DecisionError, DetectionAbortedError, RedactionError, RedactionOptionsError } from './errors.ts';
/** A chat's known names with exact, familiar-form and fuzzy (fuse.js) lookup. */
export { KnownNames } from './known-names.ts';
/** Built-in recognisers for structured clinical data, usable on their own. */
export {
  addressRecogniser,
  ageRecogniser,
  customRecogniser,
  dateOfBirthRecogniser,
  defaultHospitalNumberPatterns,
  hospitalNumberRecogniser,
} from './recognisers/clinical.ts';
/** Built-in recognisers for identifiers validated by records-policy. */
export {
  emailRecogniser,
  mentionRecogniser,
  nhsNumberRecogniser,
  niNumberRecogniser,
  phoneRecogniser,
  postcodeRecogniser,
} from './recognisers/identifiers.ts';
/** The high-recall name recogniser. */
export { nameRecogniser } from './recognisers/names.ts';
