/**
 * The case as the app keeps it: plain JSON data, saved to IndexedDB after every change so a closed tab or a crash
 * resumes exactly where the officer was. Heavy derived data (the parsed conversation, proposals, the search index) is
 * not stored: it is rebuilt in the worker from the stored archive bytes and the decisions.
 */
import type { RequestType } from '@im-records/records-policy';
import type { Decision } from '@im-records/redaction';

/** The steps of the journey, in order. */
export const steps = ['start', 'archives', 'scope', 'review', 'package'] as const;
export type Step = (typeof steps)[number];

/** The request being answered, as typed on the "start a case" form. Dates are `YYYY-MM-DD`. */
export interface CaseRequest {
  type: RequestType;
  reference: string;
  received: string;
  requester: string;
  organisation: string;
}

/** A period when the clock was stopped (e.g. waiting for clarification or a fee); `to` is absent while still paused. */
export interface ClockPause {
  id: string;
  from: string;
  to?: string;
  reason: string;
}

/**
 * An extension of the time limit as records-policy allows it: FOI public-interest test (+20 working days), EIR complex
 * and voluminous (40 working days), SAR complex or numerous (+2 months). FOISA has none.
 */
export interface ClockExtension {
  reason: string;
}

/** Summary of one imported archive, shown on the "add archives" step. */
export interface ArchiveSummary {
  format: string;
  variant: string;
  title: string;
  participants: string[];
  firstMessage: string | null;
  lastMessage: string | null;
  messageCount: number;
  attachmentCount: number;
  attachmentsPresent: number;
  warnings: { line: number; message: string; code?: 'date-order' }[];
  sha256: string;
  /** The conversations of an archive that holds several (Slack channels read together), so the officer can pick one. */
  chats?: ChatChoice[];
}

/**
 * One conversation the officer can choose in an archive that holds several (a Telegram Desktop full export, a Slack
 * workspace export); `messages` is null when the count is not known without reading that chat.
 */
export interface ChatChoice {
  name: string;
  messages: number | null;
}

/** An archive attached to the case; its bytes live in their own IndexedDB store under the same id. */
export interface CaseArchive {
  id: string;
  fileName: string;
  size: number;
  addedAt: string;
  summary: ArchiveSummary;
  /**
   * The conversation chosen in an archive that holds several (chat-import's `chat` option), so a reload re-imports the
   * same one; absent for an archive with one chat, and for a Slack export read with all its channels.
   */
  chat?: string;
  /**
   * Which conversation of the case the export belongs to (0, 1, …): exports of the same chat share one and are merged;
   * an unrelated chat the officer chose to add is a conversation of its own. Absent means the first.
   */
  conversation?: number;
  /** The day/month order the officer chose for an export whose dates could be read either way. */
  dateOrder?: 'dmy' | 'mdy';
}

/** The SAR data subject: their own data is kept, everyone else's withheld. */
export interface DataSubject {
  name: string;
  aliases: string[];
  phone: string;
}

/** What is in scope: a date range (inclusive, `YYYY-MM-DD`, empty for open-ended) and, for a SAR, the subject. */
export interface CaseScope {
  from: string;
  to: string;
  subject: DataSubject;
  /** SAR only: keep health professionals acting in their role (DPA 2018 Sch 2 para 17). */
  keepProfessionals: boolean;
  /**
   * FOI only: senior staff whose names are kept because they act in a public role (one full name each). Optional
   * because cases saved before it existed do not have it.
   */
  keepNames?: string[];
  /**
   * The trust's hospital (MRN) number formats as shapes (`RJ1######`: `#` a digit, `@` a capital letter), found in
   * addition to the built-in format. Optional for the same reason.
   */
  hospitalNumberShapes?: string[];
}

/** The whole case as stored. */
export interface CaseRecord {
  id: string;
  version: 1;
  createdAt: string;
  updatedAt: string;
  step: Step;
  /** Set when the case came from "try it with a sample case": the seed of the synthetic chat. */
  sample?: { seed: number };
  /** Who is making decisions, recorded with each one in the case file. */
  officer: string;
  request: CaseRequest;
  pauses: ClockPause[];
  extension?: ClockExtension;
  archives: CaseArchive[];
  scope: CaseScope;
  decisions: Decision[];
  /** "What was searched" as the officer wrote it on the package step; absent: the tool's wording from the safe title. */
  searched?: string;
  /** The number of the newest journal entry this record includes (journal.ts); absent: none. */
  journaled?: number;
}

/** What the case list shows for each case without decrypting it. */
export interface CaseListing {
  id: string;
  reference: string;
  type: RequestType;
  received: string;
  step: Step;
  updatedAt: string;
  encrypted: boolean;
  pauses: ClockPause[];
  extension?: ClockExtension;
}

/** Human names of the request types, for headings and the case list. */
export const requestTypeNames: Record<RequestType, string> = {
  foi: 'Freedom of Information (FOI)',
  eir: 'Environmental Information Regulations (EIR)',
  foisa: 'Freedom of Information (Scotland) (FOISA)',
  sar: 'Subject access request (SAR)',
};

/** Step names as the step navigation shows them. */
export const stepNames: Record<Step, string> = {
  start: 'Case details',
  archives: 'Add chat exports',
  scope: 'Scope',
  review: 'Review redactions',
  package: 'Package',
};
