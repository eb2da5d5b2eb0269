/**
 * Errors thrown by the importer. Every failure has its own subclass so callers (the CLI, the browser app) can react to
 * each one, and every message says what was wrong and where (file, entry, line).
 */

/** Base class of every error this package throws; catch it to handle any import failure. */
export class ChatImportError extends Error {
  override name = 'ChatImportError';
}

/** Thrown when the input has no bytes (or only white space), so there is nothing to import. */
export class EmptyInputError extends ChatImportError {
  override name = 'EmptyInputError';
}

/**
 * Thrown when the input is none of the supported formats (or is a PDF, an image or other binary file renamed); the
 * message names what was tried and what is supported.
 */
export class UnsupportedFormatError extends ChatImportError {
  override name = 'UnsupportedFormatError';
  /** Formats that were tried, each with the reason it did not fit. */
  readonly tried: readonly string[];
  constructor(message: string, tried: readonly string[] = []) {
    super(message);
    this.tried = tried;
  }
}

/** Thrown when a zip file is corrupt or uses a feature the reader does not support (encryption, unknown compression). */
export class InvalidArchiveError extends ChatImportError {
  override name = 'InvalidArchiveError';
}

/**
 * Thrown when an archive or file breaks a safety limit (total uncompressed size, compression ratio, nesting depth,
 * number of entries, input size): protects the worker from zip bombs and runaway memory.
 */
export class LimitExceededError extends ChatImportError {
  override name = 'LimitExceededError';
  /** Which limit was exceeded, e.g. `maxUncompressedBytes`. */
  readonly limit: string;
  constructor(message: string, limit: string) {
    super(message);
    this.limit = limit;
  }
}

/** Thrown when a structured export (Telegram JSON, Slack JSON) is not valid JSON or lacks its required shape. */
export class MalformedExportError extends ChatImportError {
  override name = 'MalformedExportError';
}

/**
 * Thrown when an archive holds several conversations (Telegram full export, several WhatsApp chats in one zip, Signal
 * export of several chats) and no `chat` option chose one, or the chosen name matched none; lists what is available.
 */
export class ChatSelectionError extends ChatImportError {
  override name = 'ChatSelectionError';
  /** Names of the conversations that can be chosen. */
  readonly available: readonly string[];
  constructor(message: string, available: readonly string[]) {
    super(message);
    this.available = available;
  }
}

/** Thrown when an option is invalid: an unknown IANA time zone, date order or format name. */
export class InvalidOptionError extends ChatImportError {
  override name = 'InvalidOptionError';
}

/** Thrown by {@link mergeConversations} when the two conversations cannot be merged (different formats or zones). */
export class MergeError extends ChatImportError {
  override name = 'MergeError';
}
