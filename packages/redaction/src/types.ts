/**
 * Public types of the redaction engine. The engine proposes {@link Proposal}s, the officer's {@link Decision}s are applied
 * to them, and {@link disclose} (see index) turns the result into a {@link DisclosedConversation}: the only shape the
 * bundle and the browser's preview ever render, so a withheld value never reaches them.
 */
import type { AttachmentKind, MessageKind, Unreadable } from '@im-records/chat-import';

/** What kind of personal data a span is. */
export type RedactionCategory =
  | 'person-name'
  | 'nhs-number'
  | 'hospital-number'
  | 'phone'
  | 'email'
  | 'postcode'
  | 'address'
  | 'date-of-birth'
  | 'age'
  | 'ni-number'
  | 'custom';

/** FOI: everyone's personal data withheld. SAR: the data subject's own data kept, other people's withheld. */
export type RedactionMode = 'foi' | 'sar';

/** The lifecycle of a proposal in review. */
export type ProposalStatus = 'proposed' | 'accepted' | 'rejected';

/** A span the engine (or the officer) says should be withheld. Offsets are UTF-16, end exclusive. */
export interface Proposal {
  /** Stable id derived from message id, offsets and category, so decisions survive a re-run of detection. */
  id: string;
  messageId: string;
  start: number;
  end: number;
  /** The text of the span; internal only (case file and review screen), never rendered into a bundle. */
  text: string;
  category: RedactionCategory;
  /** 0..1: how sure the rule is. */
  confidence: number;
  /** The rule that found it, e.g. `nhs-number:checksum+context`, `name:participant`, `manual`. */
  rule: string;
  /** Short exemption code printed on the redaction box, e.g. `s40(2)`, `DPA Sch2 para16`. */
  exemption: string;
  status: ProposalStatus;
  /**
   * Further exemptions that also apply (e.g. `s41` for a patient's information withheld under `s40(2)`). Optional, added
   * by the engine; read-only because the engine shares one frozen array between proposals.
   */
  alsoExemptions?: readonly string[];
  /** For names: whom the name is about (`staff`, `patient`, `relative`, `unknown`), for pseudonym labels. Optional. */
  role?: 'staff' | 'patient' | 'relative' | 'unknown';
  /** For names: groups mentions of one person so each gets the same pseudonym. Optional. */
  personKey?: string;
  /**
   * Proposals that stand or fall together: the other uses of a name the chat confirmed once (`name:best`), carried by
   * the consistency pass. An `accept-group`/`reject-group` decision decides every member, now and after a re-run.
   * Optional; see `proposalGroups`.
   */
  group?: string;
  /** For a group member: the id of the proposal (or kept span) whose evidence the group rests on. Optional. */
  origin?: string;
}

/** One officer decision, recorded for the case file (who, when, what, why). */
export type Decision =
  | { action: 'accept' | 'reject'; proposalId: string; by: string; at: string; reason?: string }
  | {
      action: 'add-span';
      messageId: string;
      start: number;
      end: number;
      category: RedactionCategory;
      /** Exemption to print on the box; defaults to the mode's (`s40(2)` or `DPA Sch2 para16`). Optional. */
      exemption?: string;
      by: string;
      at: string;
      reason?: string;
    }
  | {
      action: 'add-term';
      term: string;
      category: RedactionCategory;
      /** Exemption to print on the boxes; defaults to the mode's. Optional. */
      exemption?: string;
      by: string;
      at: string;
      reason?: string;
    }
  | {
      /** Every proposal of a group (see {@link Proposal.group}): one decision for a name carried through the chat. */
      action: 'accept-group' | 'reject-group';
      group: string;
      by: string;
      at: string;
      reason?: string;
    }
  | {
      action: 'withhold-attachment' | 'include-attachment';
      messageId: string;
      fileName: string;
      /**
       * Withheld only: the exemption code the file is withheld under (from records-policy's `withholdingReasonsFor`),
       * or null when it is outside the scope of the request (no exemption applies). Absent in decisions recorded before
       * it existed: the mode's third-party code is printed then, as it was. Optional.
       */
      exemption?: string | null;
      by: string;
      at: string;
      reason?: string;
    }
  | {
      /**
       * The officer's choice of whether one message is in the disclosure, over the scope's own (the date range and,
       * for a SAR, detection's selection by or about the subject): `leave-out-message` takes out a message that is not
       * part of the request (say, about another patient of the same name), `include-message` brings in one the scope
       * missed (a reply about the subject that does not name them). The latest choice for a message wins.
       */
      action: 'leave-out-message' | 'include-message';
      messageId: string;
      by: string;
      at: string;
      reason?: string;
    }
  | {
      /**
       * The officer's choice of how one person is shown: their role (which kind of pseudonym) and, optionally, the
       * label itself. `person` is the key {@link PseudonymEntry.person} gives.
       */
      action: 'set-pseudonym';
      person: string;
      role?: PseudonymRole;
      /** A label of the officer's own, e.g. `Pharmacy`; empty or absent keeps the numbered one. Optional. */
      label?: string;
      by: string;
      at: string;
      reason?: string;
    };

/** Which kind of pseudonym a person gets: `Staff member A`, `Patient 1`, `Relative 1` or `Person 1`. */
export type PseudonymRole = 'staff' | 'patient' | 'relative' | 'unknown';

/** One person of a conversation as the disclosure shows them, for the officer to check in review. */
export interface PseudonymEntry {
  /** Stable key of the person (the name as written together, lower case), used by `set-pseudonym` decisions. */
  person: string;
  /** How the person is written in the chat (internal: the review screen only, never a bundle). */
  names: string[];
  /** True when the person wrote in the chat (an author). */
  participant: boolean;
  role: PseudonymRole;
  /** What the bundle prints for them: a pseudonym, or their own name when it is kept (SAR subject, kept staff). */
  shownAs: string;
  /** True when the name is shown as it is (the SAR subject, FOI senior staff, para 17 staff in a SAR). */
  keptByName: boolean;
  /** True when the officer chose the role or label. */
  chosenByOfficer: boolean;
}

/** A run of disclosed text, or a redaction box standing in for withheld text. */
export type DisclosedSegment =
  | { type: 'text'; text: string }
  | { type: 'redaction'; category: RedactionCategory; exemption: string; label: string };

/** An attachment as it will be disclosed (name already safe) or listed as withheld with the reason. */
export interface DisclosedAttachment {
  /** A safe display name: the original name when it holds no personal data, else a neutral one such as `image-0003.jpg`. */
  displayName: string;
  kind: AttachmentKind;
  disclose: boolean;
  /** Why it is withheld (exemption code and reason) when `disclose` is false. */
  withheldReason?: string;
  /** Key into the archive's media map when the file is present and disclosed. */
  mediaKey?: string;
}

/** A message as the requester will see it. */
export interface DisclosedMessage {
  id: string;
  timestamp: string;
  /** Author as disclosed: the real name (SAR subject, kept staff) or a pseudonym such as `Staff member A`; null for system events. */
  author: string | null;
  kind: MessageKind;
  segments: DisclosedSegment[];
  attachments: DisclosedAttachment[];
  /** Which conversation of the case the message belongs to ({@link DisclosedSection.key}); absent when there is one. */
  section?: string;
  /**
   * Present when the message is a record the importer could not read, kept as written (`Message.unreadable`): the
   * bundle marks it so, and says its time is its neighbour's.
   */
  unreadable?: Unreadable;
}

/**
 * One conversation of a disclosure that holds several (unrelated chats added to one case, the channels of a Slack
 * export): the bundle gives each its own transcript section under its title.
 */
export interface DisclosedSection {
  key: string;
  /** The chat's title as disclosed: names replaced by their pseudonyms, other personal data by `[its kind]`. */
  title: string;
  /** The title's segments, so the bundle can list its redactions in the schedule. */
  segments: DisclosedSegment[];
}

/** Counts for the cover page and the manifest. */
export interface DisclosureCounts {
  messagesInScope: number;
  messagesDisclosed: number;
  /**
   * Messages not in scope: outside the date range, not by or about a SAR's subject, or left out by the officer. None is
   * withheld under an exemption (a message in scope is disclosed, with its redactions), so the bundle's cover calls
   * them "Messages outside the request"; the name stays for the manifest's format.
   */
  messagesWithheld: number;
  /**
   * Redaction boxes, the one count the review, the bundle and the case file all print: a run of withheld text is one
   * redaction, and the parts of one name written together ("Margaret Thompson") are one; boxes in chat titles count.
   */
  redactions: number;
  attachmentsDisclosed: number;
  attachmentsWithheld: number;
}

/** The redacted conversation: everything a bundle needs and nothing it must not contain. */
export interface DisclosedConversation {
  mode: RedactionMode;
  /**
   * A safe title: the chat's own title with the same decisions as its messages applied (names as pseudonyms, other
   * personal data as `[its kind]`), or a neutral title when the conversation carried no title message.
   */
  title: string;
  messages: DisclosedMessage[];
  /** The conversations, in order, each with its safe title; absent for output made before sections existed. */
  sections?: DisclosedSection[];
  counts: DisclosureCounts;
}
