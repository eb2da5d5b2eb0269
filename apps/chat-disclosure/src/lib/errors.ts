/**
 * Every failure the officer can meet, put in plain words with what to do next. Errors from the workers arrive as
 * {name, message} (their classes do not survive the worker boundary), so they are matched by name.
 */
import { StageAbortedError, StageError } from './bridge.ts';

/** A message for the error summary: a title and what to do next. */
export interface Problem {
  title: string;
  action: string;
  detail?: string;
}

/**
 * The errors the officer can meet by name: the importer's, the store's, the passphrase's, the case worker's own, the
 * bundle's font loader's, and a worker that stopped. A name added here must be given words in {@link byName}.
 */
export type KnownErrorName =
  | 'UnsupportedFormatError'
  | 'InvalidArchiveError'
  | 'EmptyInputError'
  | 'LimitExceededError'
  | 'MalformedExportError'
  | 'ChatSelectionError'
  | 'MergeError'
  | 'StorageFullError'
  | 'StorageUnavailableError'
  | 'WrongPassphraseError'
  | 'ArchiveNotLoadedError'
  | 'NoArchivesError'
  | 'CaseNotPreparedError'
  | 'FontLoadError'
  | 'WorkerCrashed';

const byName: Readonly<Record<KnownErrorName, (file: string, message: string) => Problem>> = {
  UnsupportedFormatError: (file) => ({
    title: `${file} is not a chat export the tool recognises.`,
    action:
      'Add the file exactly as the app exported it: a WhatsApp "Export chat" .zip or .txt, a Telegram Desktop result.json, a Slack export .zip, a Signal export, or a CSV with timestamp, author and text columns. If it was renamed or converted (for example to PDF or Word), ask for the original export.',
  }),
  InvalidArchiveError: (file) => ({
    title: `${file} is a damaged or unreadable zip file.`,
    action:
      'Ask the member of staff to export the chat again and send the new file, or copy it again if it was moved on a USB stick or email. Zip files protected with a password cannot be opened: ask for one without a password.',
  }),
  EmptyInputError: (file) => ({
    title: `${file} is empty.`,
    action: 'Check you chose the right file. If the export really is empty, export the chat again from the phone.',
  }),
  LimitExceededError: (file) => ({
    title: `${file} is too large, or unpacks to far more data than a chat export should.`,
    action:
      'Export the chat without media ("Without media" in WhatsApp) and add that file. If you were not expecting this file, do not open it elsewhere: tell IT security.',
  }),
  MalformedExportError: (file) => ({
    title: `${file} looks like a chat export but parts of it are missing or broken.`,
    action: 'Export the chat again and add the new file.',
  }),
  ChatSelectionError: (file) => ({
    title: `The chat could not be found in ${file}.`,
    action:
      'Add the file again and choose the chat from the list the tool shows. If no chat is listed, export the chat the request is about again and add that file.',
  }),
  MergeError: (file, message) => ({
    // The importer's message names both files; it is the title, not a detail under it.
    title: file === 'The file' ? message : `${file} cannot be combined with the chat exports already in this case.`,
    action:
      'Exports combined as one conversation must be from the same chat. Remove the export that is from another chat and add it again: the tool then offers to keep it as a separate conversation.',
  }),
  StorageFullError: () => ({
    title: 'Your browser has run out of storage space for cases.',
    action: 'Delete cases you have finished with on the "Your cases" page, then try again.',
  }),
  StorageUnavailableError: () => ({
    title: 'This browser will not let the tool save your work.',
    action: 'Open the tool in a normal (not private) window, or ask IT to allow site storage for it.',
  }),
  WrongPassphraseError: () => ({
    title: 'That passphrase does not open this case.',
    action: 'Check the passphrase and try again. Without it the case cannot be opened: nobody can recover it.',
  }),
  ArchiveNotLoadedError: () => ({
    title: 'A chat export in this case is no longer open in the tool.',
    action: "Reload the page: the tool reads the case's chat exports again. Your decisions are saved.",
  }),
  NoArchivesError: () => ({
    title: 'This case has no chat export yet.',
    action: 'Go to "Add chat exports" and add the export the request is about.',
  }),
  CaseNotPreparedError: () => ({
    title: 'The chat is still being prepared.',
    action: 'Wait until the review shows the conversation, then try again.',
  }),
  FontLoadError: () => ({
    title: 'The bundle could not be built: a font it needs is missing from the tool.',
    action: 'Reload the page and try again. If it happens again, note the details below for IT.',
  }),
  WorkerCrashed: () => ({
    title: 'The tool ran out of memory or stopped while working.',
    action:
      'Your case and decisions are saved. Reload the page to carry on. If it happens again, close other tabs, or split a very large export into smaller ones.',
  }),
};

/** Turns any thrown value into a problem for the error summary; `file` names the file being worked on, if any. */
export function describeProblem(error: unknown, file = 'The file'): Problem {
  const named = typeof error === 'object' && error !== null ? (error as { name?: unknown; message?: unknown }) : {};
  const name = error instanceof StageError ? error.cause.name : typeof named.name === 'string' ? named.name : 'Error';
  const message = typeof named.message === 'string' ? named.message : String(error);
  const known = Object.hasOwn(byName, name) ? byName[name as KnownErrorName] : undefined;
  if (known) return { ...known(file, message), detail: message };
  if (error instanceof StageAbortedError)
    return { title: 'Cancelled.', action: 'Nothing was changed. You can start again when ready.' };
  return {
    title: 'Something went wrong.',
    action: 'Your case is saved. Reload the page and try again; if it keeps happening, note the details below for IT.',
    detail: message,
  };
}
