/**
 * `@im-records/redaction`: finds personal data in a conversation, proposes redactions with exemptions, applies the
 * officer's decisions and produces the disclosed conversation. Runs in a browser Web Worker (no Node APIs).
 */

export type { CategoryLabel } from './category-labels.ts';
/** How each category is named in the review, on a box and in a sentence: one record for every caller. */
export { CATEGORY_LABELS } from './category-labels.ts';
export type { AppliedDecisions, AttachmentChoice, DecisionLogEntry } from './decisions.ts';
/** Applies accept/reject/add decisions to proposals (terms re-applied each run) and writes the decision log. */
/** The exemption a mode prints on an officer-added box: `s40(2)` (FOI) or `DPA Sch2 para16` (SAR). */
export { applyDecisions, defaultExemption } from './decisions.ts';
export type {
  DetectionResult,
  DetectOptions,
  KeptSpan,
  MessageSelection,
  SubjectSpec,
} from './detect.ts';
/** Detection in chunks with progress and cancellation, for a Web Worker. */
/** Detection on the calling thread, for tests and the command line. */
/** The built-in recognisers, so a caller can drop one or add a model after them. */
/** Builds a chat's recogniser context (known names, patterns) — for running a single recogniser in tests or tools. */
/** Runs recognisers over one message and merges overlaps; the unit the engine repeats for every message. */
/** Merges overlapping candidates (contained spans give way, partial overlaps join) so boxes never overlap. */
export {
  buildContext,
  defaultRecognisers,
  detectMessage,
  detectPersonalData,
  detectPersonalDataSync,
  mergeCandidates,
} from './detect.ts';
export type { DiscloseOptions } from './disclose.ts';
/** The disclosed conversation: segments and labelled boxes, pseudonymised authors, safe attachment names. */
/** The label each category's box carries (`NHS number`, `Phone number`, …). */
/** The text placeholder for a box, `[NHS number — s40(2)]`, as the command line prints it. */
/** Attachment display names that never carry a name or number (WhatsApp's generated names kept, others neutral). */
/** Consistent pseudonyms (Staff member A, Patient 1) in order of first appearance. */
/** The one count of redactions (boxes) for a text, as the review counts before a bundle exists. */
/** The people of a conversation with their pseudonyms and roles, for the officer to check and change. */
export {
  categoryLabels,
  countRedactions,
  disclose,
  Pseudonyms,
  placeholder,
  pseudonymTable,
  safeAttachmentName,
} from './disclose.ts';
/** Errors: the base class and one subclass per failure. */
export { DecisionError, DetectionAbortedError, RedactionError, RedactionOptionsError } from './errors.ts';
export type { KnownName } from './known-names.ts';
/** A chat's known names with exact, familiar-form and fuzzy (fuse.js) lookup. */
export { isRoleAccount, KnownNames } from './known-names.ts';
export type { Candidate, PartyRole, Recogniser, RecogniserContext } from './recogniser.ts';
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
export type { ConversationSection } from './title.ts';
/** Chat titles as messages of their own, so they are detected, reviewed and disclosed by the same decisions. */
export { isTitleMessage, sectionsOf, TITLE_MESSAGE_PREFIX, withTitleMessages } from './title.ts';
export type {
  Decision,
  DisclosedAttachment,
  DisclosedConversation,
  DisclosedMessage,
  DisclosedSection,
  DisclosedSegment,
  DisclosureCounts,
  Proposal,
  ProposalStatus,
  PseudonymEntry,
  PseudonymRole,
  RedactionCategory,
  RedactionMode,
} from './types.ts';
