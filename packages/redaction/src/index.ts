/**
 * `@im-records/redaction`: finds personal data in a conversation, proposes redactions with exemptions, applies the
 * officer's decisions and produces the disclosed conversation. Runs in a browser Web Worker (no Node APIs).
 */

// biome-ignore-all assist/source/organizeImports: one export per statement, so each keeps its own doc comment

export type { CategoryLabel } from './category-labels.ts';
/** How each category is named in the review, on a box and in a sentence: one record for every caller. */
export { CATEGORY_LABELS } from './category-labels.ts';

/** What each rule's find rests on, in an officer's words, shown beside a proposal in the review. */
export { describeRule } from './rule-descriptions.ts';
/** Every rule's words (see {@link describeRule}). */
export { RULE_DESCRIPTIONS } from './rule-descriptions.ts';

export type { ConfidenceKey } from './confidence.ts';
/** How sure each rule is: the one table of rule → confidence that `npm run eval -- --calibrate` checks. */
export { ruleConfidence } from './confidence.ts';
/** How sure the name model must be, by rule, for a rule's find to stand (tuned by the eval). */
export { keepWithModel } from './confidence.ts';
/** The name model's probabilities for proposing alone, adding beside the rules and confirming a name chat-wide. */
export { modelThresholds } from './confidence.ts';

export type { AppliedDecisions, AttachmentChoice, DecisionLogEntry, ScopeChoice } from './decisions.ts';
/** Applies accept/reject/add decisions to proposals (terms re-applied each run) and writes the decision log. */
export { applyDecisions } from './decisions.ts';
/** The exemption a mode prints on an officer-added box: `s40(2)` (FOI) or `DPA Sch2 para16` (SAR). */
export { defaultExemption } from './decisions.ts';
/** The officer's latest leave-out / include choice for each message, from the decisions alone. */
export { scopeChoices } from './decisions.ts';

export type { DetectionResult, DetectOptions, KeptSpan, MessageSelection, SubjectSpec } from './detect.ts';
/** Detection in chunks with progress and cancellation, for a Web Worker. */
export { detectPersonalData } from './detect.ts';
/** Detection on the calling thread, for tests and the command line. */
export { detectPersonalDataSync } from './detect.ts';
/** Builds detection's data and warms the engine up, so a worker's first detection runs at full speed (call at start). */
export { type PrepareOptions, prepareDetection } from './detect.ts';
/** The built-in recognisers, so a caller can drop one or add a model after them. */
export { defaultRecognisers } from './detect.ts';
/** Empties the answers detection keeps from a chat's words and numbers (call it when a case is closed). */
export { forgetChatCaches } from './chat-caches.ts';
/** Builds a chat's recogniser context (known names, patterns) — for running a single recogniser in tests or tools. */
export { buildContext } from './detect.ts';
/** Runs recognisers over one message and merges overlaps; the unit the engine repeats for every message. */
export { detectMessage } from './detect.ts';
/** Merges overlapping candidates (contained spans give way, partial overlaps join) so boxes never overlap. */
export { mergeCandidates } from './detect.ts';

export type { DiscloseOptions } from './disclose.ts';
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
/** The one count of redactions (boxes) for a text, as the review counts before a bundle exists. */
export { countRedactions } from './disclose.ts';
/** The people of a conversation with their pseudonyms and roles, for the officer to check and change. */
export { pseudonymTable } from './disclose.ts';
/** The same table from decisions already applied (one application for the proposals and the people). */
export { pseudonymTableFrom } from './disclose.ts';

export type { StillVisible } from './still-visible.ts';
/** Withheld values the disclosed text still shows elsewhere (a link, a place the engine read differently). */
export { stillVisible } from './still-visible.ts';

export type { ProposalGroup } from './groups.ts';
/** Proposals grouped for review: a name carried through the chat from one find, decided with one decision. */
export { proposalGroups } from './groups.ts';

/** The base class of every redaction error: catch it to handle any failure of this package. */
export { RedactionError } from './errors.ts';
/** A decision that cannot apply: an unknown message id, a span outside the message text, an empty term. */
export { DecisionError } from './errors.ts';
/** Detection was cancelled through its AbortSignal (the browser's Cancel button). */
export { DetectionAbortedError } from './errors.ts';
/** Invalid detection or disclosure options: a bad hospital-number or custom pattern, an empty subject. */
export { RedactionOptionsError } from './errors.ts';

export type { KnownName } from './known-names.ts';
/** A chat's known names with exact, familiar-form and fuzzy (fuse.js) lookup. */
export { KnownNames } from './known-names.ts';
/** Whether a name's words make a role account ("Consultant On Call", "Ward 7 Sister") rather than a person. */
export { isRoleAccount } from './known-names.ts';

export type { NameModelData } from './model/tagger.ts';
/** The name model (a logistic regression over hashed features), to load other trained data. */
export { NameModel } from './model/tagger.ts';

export type { Candidate, ChatPasses, FoundSpan, PartyRole, Recogniser, RecogniserContext } from './recogniser.ts';
/** Street addresses ("12 Acacia Avenue") and the town that follows them. */
export { addressRecogniser } from './recognisers/clinical.ts';
/** Ages (`84yo`, `aged 84`, `(84F)`). */
export { ageRecogniser } from './recognisers/clinical.ts';
/** The officer's custom terms (whole words, any case) and patterns. */
export { customRecogniser } from './recognisers/clinical.ts';
/** Dates of birth: a date counts only with a cue ("DOB", "born", "date of birth"). */
export { dateOfBirthRecogniser } from './recognisers/clinical.ts';
/** The hospital-number pattern used unless a trust gives its own (`RX1234567`, `K123456`). */
export { defaultHospitalNumberPatterns } from './recognisers/clinical.ts';
/** Hospital (MRN) numbers, by the trust's patterns. */
export { hospitalNumberRecogniser } from './recognisers/clinical.ts';
/** Email addresses. */
export { emailRecogniser } from './recognisers/identifiers.ts';
/** WhatsApp @mentions: `@447700900123` is a phone number, `@Sarah` a name. */
export { mentionRecogniser } from './recognisers/identifiers.ts';
/** NHS numbers: shape and modulus-11 check, with context raising confidence. */
export { nhsNumberRecogniser } from './recognisers/identifiers.ts';
/** National Insurance numbers (records-policy's prefix and suffix rules). */
export { niNumberRecogniser } from './recognisers/identifiers.ts';
/** Phone numbers: records-policy's UK finder, and other countries' numbers with a phone cue. */
export { phoneRecogniser } from './recognisers/identifiers.ts';
/** UK postcodes (records-policy's positional rules). */
export { postcodeRecogniser } from './recognisers/identifiers.ts';
/** The statistical name model alone, as a recogniser (the built-in name recogniser already combines it with the rules). */
export { nameModelRecogniser } from './recognisers/name-model.ts';
/** A name-model recogniser over other trained data. */
export { createNameModelRecogniser } from './recognisers/name-model.ts';
export type { NameRecogniserOptions } from './recognisers/names.ts';
/** The name recogniser: the rules with the built-in model voting. */
export { nameRecogniser } from './recognisers/names.ts';
/** A name recogniser with other options: the rules alone, or another model. */
export { createNameRecogniser } from './recognisers/names.ts';

export type { ConversationSection } from './title.ts';
/** Chat titles as messages of their own, so they are detected, reviewed and disclosed by the same decisions. */
export { withTitleMessages } from './title.ts';
/** Whether a message is a chat title made by {@link withTitleMessages}. */
export { isTitleMessage } from './title.ts';
/** The conversations of a combined conversation, one per channel, each with its title. */
export { sectionsOf } from './title.ts';
/** The prefix of a title message's id (no importer makes such an id). */
export { TITLE_MESSAGE_PREFIX } from './title.ts';

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

/** How often a chat writes each word in lower case and capitalised (the recognisers' `context.lowerCaseUses`). */
export { WordCounts } from './word-counts.ts';
