/**
 * The named stages of the two pipeline workers and their input, output and progress types: the contract between the
 * page and the workers. Everything here is plain data, cloned (or transferred) across the worker boundary.
 *
 * Case worker (stateful: holds the parsed archives, proposals and search index of the open case):
 *   import → prepare (merge → detect → scope → decide) → people / search / decide / media → disclose
 *   (the search index is built after prepare answers: `indexed` resolves when it is ready, and a search waits for it;
 *   the people table is asked for once prepare has answered, so the review shows first)
 * Package worker (stateless, torn down when idle; loads pdf-lib and jszip only when packaging starts):
 *   package
 */
import type { CaseSettings, InScope } from '@im-records/case-settings';
import type { Conversation, Message, Participant } from '@im-records/chat-import';
import type {
  Decision,
  DisclosedConversation,
  DisclosureCounts,
  Proposal,
  PseudonymEntry,
  StillVisible,
} from '@im-records/redaction';
import type { StageProgress } from '../lib/bridge.ts';
import type { ArchiveSummary, CaseRequest, ChatChoice } from '../lib/case-model.ts';
import type { PackedMessages, PackedProposals, PackedScope } from '../lib/compact.ts';
import type { ReviewCounts } from '../lib/review.ts';

/** One archive to parse. */
export interface ImportInput {
  archiveId: string;
  fileName: string;
  bytes: Uint8Array;
  timeZone?: string;
  /** The conversation to read when the archive holds several (see `CaseArchive.chat`). */
  chat?: string;
  /** The day/month order the officer chose (see `CaseArchive.dateOrder`). */
  dateOrder?: 'dmy' | 'mdy';
}

/**
 * What `import` gives back: the archive's summary, or, for an archive of several chats that cannot be read without a
 * choice (a Telegram Desktop full export), the chats to choose from. Nothing is kept in the worker in that case.
 */
export type ImportOutput = { kind: 'summary'; summary: ArchiveSummary } | { kind: 'choose'; chats: ChatChoice[] };

/**
 * What the review needs, computed by `prepare`: its {@link PreparedChat}, then the rest as its result. The people table
 * is not part of it: the `people` stage lists them after `prepare` has answered (see {@link PeopleList}).
 */
export interface PreparedCase extends PreparedChat, PreparedFindings {}

/**
 * The merged chat as the review shows it. `prepare` sends it to the page as soon as the exports are merged, so the
 * page takes its copy of the messages (the largest part) while the worker is still detecting.
 */
export interface PreparedChat {
  title: string;
  /** Each chat's title as a message of its own (reviewed like one, printed on the cover, never a transcript line). */
  titles: Message[];
  messages: Message[];
  participants: Participant[];
}

/** The {@link PreparedChat} as `prepare` sends it: its messages in columns (see `compact.ts`), their buffers moved. */
export interface PackedChat extends Omit<PreparedChat, 'messages'> {
  messages: PackedMessages;
}

/** What `prepare` finds in the merged chat: its result. */
export interface PreparedFindings {
  proposals: Proposal[];
  /** Each proposal's message, by its place in the chat: its titles, then its messages (see `compact.ts`). */
  proposalPlaces: Uint32Array;
  /** Ids of in-scope messages with their reasons; every other message is out of scope. */
  inScope: InScope[];
  /** 1 for each message in scope, 0 for one out of scope, by its index in `messages`. */
  messagesInScope: Uint8Array;
  /**
   * The review's counts as the worker worked them out, when `prepare` was given no decisions (so every proposal has
   * detection's status): the review shows them while the officer has made no decision, rather than working them out
   * in its first render. Absent otherwise; the review counts for itself after any decision.
   */
  counts?: ReviewCounts;
  /** Out-of-scope messages by reason, counted, for the scope summary. */
  outOfScope: { reason: string; count: number }[];
  /** Sources of the merged archives (file name, SHA-256, format), for the case file. */
  sources: Conversation['source'][];
  warnings: Conversation['warnings'];
}

/** What prepare needs: which stored archives, in order, and the case's settings. */
export interface PrepareInput {
  archiveIds: string[];
  /** The conversation each archive belongs to (`CaseArchive.conversation`), in the same order; absent: all one. */
  groups?: number[];
  /** The request type and scope, from which the engine's options are built (see `caseSettingsOf`). */
  settings: CaseSettings;
  decisions: Decision[];
}

/**
 * What `prepare` reports as it runs: its progress, and each large part of the prepared case as soon as it is computed,
 * so the page copies one part while the worker computes the next (the chat during detection, the scope during the
 * decisions). The chat, the scope and the proposals go in columns (see `compact.ts`).
 * Its result is the rest ({@link PreparedRest}).
 */
export type PrepareProgress =
  | StageProgress
  | { stage: 'merged'; chat: PackedChat }
  | { stage: 'scoped'; scope: { inScope: PackedScope; outOfScope: PreparedFindings['outOfScope'] } }
  | { stage: 'decided'; proposals: PackedProposals }
  | { stage: 'counted'; counts: ReviewCounts };

/** The part of the prepared case that `prepare` returns, the others having gone ahead as progress. */
export type PreparedRest = Omit<
  PreparedFindings,
  'inScope' | 'messagesInScope' | 'outOfScope' | 'proposals' | 'proposalPlaces' | 'counts'
>;

/**
 * Everyone the disclosure names, with the pseudonym (or kept name) it prints, for the officer to check: the `people`
 * stage's answer, and part of `decide`'s. Listing them takes a few hundred milliseconds at 40,000 messages, so the
 * review does not wait for it: `people` is asked for when `prepare` has answered.
 */
export type PeopleList = PseudonymEntry[];

/**
 * What `decide` gives back: the proposals (in columns, as `prepare` sends them) and the people after the decisions,
 * and the scope when the officer's choices of messages to leave out or bring in changed it.
 */
export interface Redecided {
  proposals: PackedProposals;
  people: PeopleList;
  scope?: { inScope: PackedScope; outOfScope: PreparedFindings['outOfScope'] };
}

/** The result of a search. */
export interface SearchOutput {
  ids: string[];
  ms: number;
}

/** The disclosed conversation and the bytes of the attachments it discloses, as the case worker sends them. */
export interface Disclosure {
  disclosed: DisclosedConversation;
  media: [string, Uint8Array][];
}

/**
 * Input of the package stage. The disclosure comes straight from the case worker on `from` (one end of a
 * `MessageChannel` whose other end the `disclose` stage writes to), so the conversation and the media are copied once,
 * worker to worker, and never held by the page.
 */
export interface PackageInput {
  from: MessagePort;
  request: CaseRequest & { due: string; responseDate: string; searched: string };
  decisions: Decision[];
  settings: Record<string, unknown>;
  sources: Conversation['source'][];
}

/** The bundle, the case file and the PDF (for the in-page preview). */
export interface PackageOutput {
  zip: Uint8Array;
  caseFile: Uint8Array;
  pdf: Uint8Array;
  zipSha256: string;
  fileCount: number;
  counts: DisclosedConversation['counts'];
}

/** The case worker's stages. */
export type CaseStages = {
  import: { input: ImportInput; output: ImportOutput; progress: StageProgress };
  forget: { input: { archiveId: string }; output: null; progress: StageProgress };
  prepare: { input: PrepareInput; output: PreparedRest; progress: PrepareProgress };
  decide: { input: { decisions: Decision[] }; output: Redecided; progress: StageProgress };
  /** The people table of the prepared case with these decisions applied (the review asks once `prepare` answers). */
  people: { input: { decisions: Decision[] }; output: PeopleList; progress: StageProgress };
  /** Which conversation of the case an added archive is the same chat as (null: none, with the reason). */
  match: {
    input: { archiveId: string; groups: string[][] };
    output: { group: number | null; reason: string };
    progress: StageProgress;
  };
  /** The disclosed title(s) and counts, for the package step's "what was searched" before a bundle is built. */
  summary: {
    input: { decisions: Decision[] };
    /** `stillVisible`: values withheld in one place that the disclosure still shows elsewhere (redaction's). */
    output: { title: string; sections: string[]; counts: DisclosureCounts; stillVisible: StillVisible[] };
    progress: StageProgress;
  };
  /** Waits for the search index: true once it is ready, false when there is none (not prepared, or dropped). */
  indexed: { input: null; output: boolean; progress: StageProgress };
  search: { input: { query: string }; output: SearchOutput; progress: StageProgress };
  media: { input: { mediaKey: string }; output: Uint8Array | null; progress: StageProgress };
  /** Applies the decisions and sends the {@link Disclosure} on `to`, for the package worker; returns its counts. */
  disclose: {
    input: { decisions: Decision[]; to: MessagePort };
    output: { counts: DisclosureCounts };
    progress: StageProgress;
  };
  sample: {
    input: { seed: number; messages: number };
    output: { fileName: string; bytes: Uint8Array };
    progress: StageProgress;
  };
};

/** The package worker's stages. */
export type PackageStages = {
  package: { input: PackageInput; output: PackageOutput; progress: StageProgress };
};
