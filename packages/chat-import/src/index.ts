/**
 * @im-records/chat-import: reads exported chat archives (WhatsApp, Telegram, Slack, Signal, CSV) into one conversation
 * model, losing nothing. Runs in browsers, Web Workers and Node (no Node-only APIs). Every export is listed by name;
 * types apart from values.
 */

/** The base class of every import error, and one subclass per failure (see the README's "Errors"). */
export {
  ChatImportError,
  ChatSelectionError,
  EmptyInputError,
  InvalidArchiveError,
  InvalidOptionError,
  LimitExceededError,
  MalformedExportError,
  MergeError,
  UnsupportedFormatError,
} from './errors.ts';
export type { Detection, FormatImporter, ImportInput, ParseContext, ParseResult } from './formats/contract.ts';
export type { DetectionResult, ImportSource } from './import.ts';
export {
  /** Says which format an export is without parsing it, e.g. to show the officer before a long import. */
  detectFormat,
  /** Imports an export into a conversation; the one entry point most callers need. */
  importChat,
} from './import.ts';
/** Merges two overlapping exports of the same chat without duplicates. */
export { mergeConversations } from './merge.ts';
export type {
  Attachment,
  AttachmentKind,
  ChatFormat,
  Conversation,
  ConversationSource,
  ImportedArchive,
  ImportWarning,
  Message,
  MessageKind,
  MessageList,
  Participant,
  Poll,
  Reconciliation,
  SourceSpan,
} from './model.ts';
export type { DateOrder, ImportLimits, ImportOptions, ImportStage } from './options.ts';
/** The default safety limits, so callers can show or relax them. */
export { DEFAULT_LIMITS } from './options.ts';
export type { ChatComparison } from './same-chat.ts';
/** Whether two exports are of the same chat, so unrelated chats are kept apart rather than merged. */
export { compareChats } from './same-chat.ts';
/** A message's text without building the whole message (cheap on the importer's columnar list). */
export { messageTextAt } from './table.ts';
