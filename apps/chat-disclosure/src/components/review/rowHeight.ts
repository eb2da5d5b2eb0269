/**
 * Row heights for the virtualised conversation before the browser has laid a row out: an estimate from the text's
 * length and the attachments, close to the measured height, so the scrollbar barely moves as rows are measured and
 * the list's total height is about right for rows never shown.
 */
import type { Message } from '@im-records/chat-import';

// Measured in Chromium at 1280 px wide: a one-line message's row is 76–80 px, each further line 27 px, a line holds
// about 80 characters.
/** The parts of a row that do not depend on its text: row and message padding, author line (CSS in app.css). */
const ROW_CHROME = 52;
/** One line of message text. */
const LINE = 27;
/** Characters on a line of a message at the list's usual width (a message is at most 48em wide). */
const CHARS_PER_LINE = 80;
/** An attachment's row: its name and its include/withhold control. */
const ATTACHMENT = 96;

/** The height a message's row is expected to take before it is measured: close, so the scrollbar barely moves. */
export function estimateRowHeight(message: Pick<Message, 'text' | 'attachments'>): number {
  let lines = 0;
  let from = 0;
  // Lines the text breaks itself (pre-wrap), each wrapping at the usual width.
  for (;;) {
    const end = message.text.indexOf('\n', from);
    const length = (end === -1 ? message.text.length : end) - from;
    lines += Math.max(1, Math.ceil(length / CHARS_PER_LINE));
    if (end === -1) break;
    from = end + 1;
  }
  return ROW_CHROME + lines * LINE + message.attachments.length * ATTACHMENT;
}

/**
 * Every message's estimate, worked out once for the conversation: the virtualiser asks for the estimate of every row
 * not yet measured each time a row's size becomes known, which at 100,000 rows is too often to read the texts again.
 */
export function rowEstimates(messages: readonly Pick<Message, 'text' | 'attachments'>[]): Uint32Array {
  const estimates = new Uint32Array(messages.length);
  for (let index = 0; index < messages.length; index++) {
    estimates[index] = estimateRowHeight(messages[index] as Pick<Message, 'text' | 'attachments'>);
  }
  return estimates;
}
