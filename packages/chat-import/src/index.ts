/**
 * @im-records/chat-import: reads exported chat archives (WhatsApp, Telegram, Slack, Signal, CSV) into one conversation
 * model, losing nothing. Runs in browsers, Web Workers and Node (no Node-only APIs). Every export is listed by name,
 * one value to a statement with what it is for; types apart from values.
 */
// biome-ignore-all assist/source/organizeImports: one export per statement, so each keeps its own doc comment

/** The base class of every import error: catch it to handle any import failure (see the README's "Errors"). */
export { ChatImportError } from './errors.ts';
/** The archive holds several chats and the `chat` option chose none of them; lists those available. */
export { ChatSelectionError } from './errors.ts';
/** The input has no bytes, or only white space. */
export { EmptyInputError } from './errors.ts';
/** The zip is corrupt, encrypted or uses a compression the reader does not support. */
export { InvalidArchiveError } from './errors.ts';
/** An option is invalid: an unknown time zone, date order or format name. */
export { InvalidOptionError } from './errors.ts';
/** The input breaks a safety limit (size, compression ratio, nesting, entries): zip bombs stop here. */
export { LimitExceededError } from './errors.ts';
/** A structured export (Telegram, Slack JSON) is not valid JSON or lacks its required shape. */
export { MalformedExportError } from './errors.ts';
/** Two conversations cannot be merged (different formats or time zones). */
export { MergeError } from './errors.ts';
/** The input is none of the supported formats; says what was tried. */
export { UnsupportedFormatError } from './errors.ts';
export type { Detection, FormatImporter, ImportInput, ParseContext, ParseResult } from './formats/contract.ts';
export type { DetectionResult, ImportSource } from './import.ts';
/** Says which format an export is without parsing it, e.g. to show the officer before a long import. */
export { detectFormat } from './import.ts';
/** Imports an export into a conversation; the one entry point most callers need. */
export { importChat } from './import.ts';
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
  Unreadable,
  Reconciliation,
  SourceSpan,
} from './model.ts';
export type { DateOrder, ImportLimits, ImportOptions, ImportStage } from './options.ts';
/** The default safety limits, so callers can show or relax them. */
export { DEFAULT_LIMITS } from './options.ts';
export type { ChatComparison } from './same-chat.ts';
/** Whether two exports are of the same chat, so unrelated chats are kept apart rather than merged. */
export { compareChats } from './same-chat.ts';
/** Lets the event loop turn at once (no 4 ms timer clamp), so long work in a worker can be paused, cancelled and reported. */
export { nextTurn } from './next-turn.ts';
/** A message's text without building the whole message (cheap on the importer's columnar list). */
export { messageTextAt } from './table.ts';
/** A message's id without building the whole message (cheap on the importer's columnar list). */
export { messageIdAt } from './table.ts';
/** A message's attachments without building the whole message (cheap on the importer's columnar list). */
export { messageAttachmentsAt } from './table.ts';
