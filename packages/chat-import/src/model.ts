/**
 * The conversation model: the one shape every importer produces and every later stage (redaction, packaging, the
 * browser tool) consumes. Each message is plain data (JSON-serialisable, structured-clonable); the list of them is a
 * {@link MessageList}, which the importer fills with a columnar table (copy it with `Array.from` to post it).
 */

/** Formats the importer recognises. */
export type ChatFormat = 'whatsapp' | 'telegram' | 'slack' | 'signal' | 'csv';

/** What a message is; redaction and packaging treat each kind differently (system events carry no author). */
export type MessageKind = 'message' | 'system' | 'deleted' | 'poll';

/** Broad type of an attachment, used to decide how it is listed, previewed and disclosed. */
export type AttachmentKind = 'image' | 'video' | 'audio' | 'document' | 'sticker' | 'contact' | 'location' | 'other';

/** A file referred to by a message. */
export interface Attachment {
  /** File name as the export names it (may be a placeholder such as "image omitted" when no file exists). */
  fileName: string;
  kind: AttachmentKind;
  /** True when the file's bytes are present in the imported archive (see {@link ImportedArchive.media}). */
  included: boolean;
  /** Key into {@link ImportedArchive.media} when included. */
  mediaKey?: string;
  mimeType?: string;
}

/** Where a message came from in its source file, so every message can be traced back and nothing is lost. */
export interface SourceSpan {
  /** File inside the archive (for zips), else the imported file's name. */
  file: string;
  /** 1-based first line (for line-based formats) or record index (for JSON formats). */
  line: number;
  /** 1-based last line, inclusive. */
  lineEnd: number;
}

/** One chat message or event. */
export interface Message {
  /** Stable id: the same message in the same file always gets the same id (hash of source, position and content). */
  id: string;
  /** Local time as ISO 8601 with the UTC offset in force in the chosen zone, e.g. `2024-03-31T00:30:00+00:00`. */
  timestamp: string;
  /** Display name of the author; null for system events. */
  author: string | null;
  text: string;
  kind: MessageKind;
  attachments: Attachment[];
  /** Present when the format marks the message as edited. */
  edited?: boolean;
  /** Id (in this model) or native id of the message this replies to, where the format has it. */
  replyTo?: string;
  /** Thread or channel key (Slack thread_ts, Telegram chat) where the format has it. */
  thread?: string;
  /** Channel, group or DM the message was posted in, for archives holding several (Slack workspace exports). */
  channel?: string;
  /** The message's own id in the source format (Telegram message id, Slack ts), kept for cross-reference. */
  nativeId?: string;
  /** Question and options of a poll (kind `poll`), with vote counts where the export gives them. */
  poll?: Poll;
  /**
   * Present when the record could not be read (a bad timestamp, the wrong number of fields, not a message at all): its
   * text is then the record as written, kept so that it reaches the reviewer and is redacted like any other message.
   */
  unreadable?: Unreadable;
  source: SourceSpan;
}

/**
 * Why a message is a record the importer could not read, and where its time came from. Such a message has no time of
 * its own: it takes the time of the message before it in the same file (or the one after it, when it comes first), so
 * a date range takes it in exactly when it takes that neighbour.
 */
export interface Unreadable {
  /** What was wrong with the record, in plain words ("its timestamp is not a date and time the tool can read"). */
  reason: string;
  /**
   * Whose time the message carries: the message before it, the one after it, or none when the file has no readable
   * message (the time is then 1 January 1970, UTC, and only an import with no date range takes it in).
   */
  timeFrom: 'previous' | 'next' | 'none';
}

/**
 * The messages of a conversation, in file order, read-only. A plain `Message[]` is one; the importer returns a
 * columnar list that keeps a million messages in typed arrays and builds each {@link Message} when it is read, so
 * every read returns a fresh object: keep what you need from it, and build new messages rather than edit these.
 * To cross a worker boundary or to use array methods, copy it with `Array.from(list)`.
 */
export interface MessageList extends Iterable<Message> {
  readonly length: number;
  /** The message at `index` (negative counts from the end, as `Array.prototype.at`), or undefined. */
  at(index: number): Message | undefined;
}

/** A poll as exported (WhatsApp `POLL:` blocks, Telegram polls). */
export interface Poll {
  question: string;
  options: { text: string; votes?: number }[];
}

/** A person or account that took part in the conversation. */
export interface Participant {
  /** Name as it appears in the export (may be a phone number for unsaved contacts). */
  name: string;
  /** Native id where the format has one (Slack U123, Telegram user123). */
  nativeId?: string;
  /** Phone number when the display name is one, normalised to digits with a leading + where known. */
  phone?: string;
  messageCount: number;
}

/** Something the officer should know about the import: a line that could not be parsed, a suspicious time, … */
export interface ImportWarning {
  /** 1-based line (or record index) in {@link ImportWarning.file}; 0 when it applies to the whole file. */
  line: number;
  /** 1-based last line covered when the warning holds several lines' raw text (inclusive). */
  lineEnd?: number;
  file?: string;
  message: string;
  /**
   * What the warning is about, for a page that offers a control for it: `date-order` when the day/month order of the
   * dates could not be told from the file (the caller can import again with `dateOrder`). Optional.
   */
  code?: 'date-order';
  /** The raw text kept when a line could not be placed in a message, so nothing is silently dropped. */
  raw?: string;
}

/** Identity of the imported file, recorded in the case file so a disclosure can be reproduced. */
export interface ConversationSource {
  fileName: string;
  /** Lower-case hex SHA-256 of the imported file's bytes. */
  sha256: string;
  format: ChatFormat;
  /** Which variant of the format was detected, e.g. `android-dmy-24h`, `ios-mdy-12h`, `telegram-full-export`. */
  variant: string;
}

/** Proof that nothing was lost: every input line was placed in a message or in a warning. */
export interface Reconciliation {
  linesRead: number;
  linesPlaced: number;
}

/** The whole imported chat. */
export interface Conversation {
  title: string;
  source: ConversationSource;
  /** IANA zone the local export times were interpreted in. */
  timeZone: string;
  participants: Participant[];
  messages: MessageList;
  warnings: ImportWarning[];
  reconciliation: Reconciliation;
  /** Every file merged into this conversation, when it was built by `mergeConversations` (first is `source`). */
  sources?: ConversationSource[];
}

/** A conversation plus the bytes of the attachments found in the archive, keyed by {@link Attachment.mediaKey}. */
export interface ImportedArchive {
  conversation: Conversation;
  media: Map<string, Uint8Array>;
}
