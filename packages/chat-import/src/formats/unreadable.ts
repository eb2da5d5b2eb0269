/** The warning every importer gives for a record it could not read and kept as a message as written. */
import type { ImportWarning } from '../model.ts';

/**
 * Says where a record that could not be read is and what was wrong with it, that its text is kept as a message as
 * written (so it is checked and redacted like any other), and whose time it carries, so the officer knows a date
 * range takes it in with that neighbour. `what` names the record ("The row on line 6", "Message 4 of …").
 */
export function unreadableWarning(
  file: string,
  line: number,
  lineEnd: number,
  what: string,
  why: string,
): ImportWarning {
  const warning: ImportWarning = {
    line,
    file,
    message: `${what} could not be read (${why}). It is kept as a message, shown as written, with the time of the message before it (or after it, if it comes first), so a date range takes it in when it takes that message.`,
  };
  if (lineEnd !== line) warning.lineEnd = lineEnd;
  return warning;
}
