/**
 * Classification: what a message's decoded text is — a message, a system event, a deleted message or a poll — with
 * the attachments it refers to, the edited marker, and the chat's name when a system line gives it. A pure function of
 * its input ({@link classifyText}); the importer resolves the attachments against the archive's files afterwards.
 * Every phrase comes from `phrases.ts`, whose lists the byte route (`plain.ts`) is made from too.
 */
import { kindFromFileName } from '../../media.ts';
import type { AttachmentKind, MessageKind, Poll } from '../../model.ts';
import {
  ANDROID_ATTACHED,
  ANDROID_PLACEHOLDER_KINDS,
  DELETED,
  DELETED_FIRST,
  DELETED_MAX_LENGTH,
  DOCUMENT_PLACEHOLDER,
  EDITED,
  FILE_ATTACHED,
  IOS_ATTACHED,
  IOS_PLACEHOLDER,
  iosPlaceholderKind,
  LIVE_LOCATION,
  MAPS,
  NOTICE,
  NOTICE_STARTS,
  OMITTED_WORD,
  PLACEHOLDER_ENDINGS,
  POLL_HEADINGS,
  POLL_OPTION,
  QUOTE,
  SYSTEM_TEXT,
  TITLE_PATTERNS,
  WA_MEDIA_NAME,
} from './phrases.ts';
import { ALL_FLAGS, FLAG_CR, FLAG_LF, FLAG_LT, FLAG_QUESTION, mayEndInPlaceholder } from './plain.ts';
import { isMark } from './utf8.ts';

/**
 * An attachment a text refers to: a file the export may hold (`inArchive`: looked up among the archive's files by
 * name), or media the export left out (a placeholder such as "image omitted", or a location).
 */
export interface AttachmentRef {
  fileName: string;
  kind: AttachmentKind;
  inArchive: boolean;
}

/** What {@link classifyText} is given: one message's text as decoded, and what is known about its author. */
export interface TextToClassify {
  /** The text after the author's name (or the whole body of a line without one), as decoded. */
  text: string;
  /** The author's name, or null for a line without one (a system event). */
  author: string | null;
  /** The name has quotes or is long, so the line may be a system event with a colon in it (see `Authors.suspect`). */
  suspect?: boolean;
  /** For a suspect author: the whole body of the line (name, colon and text), as decoded. */
  body?: string;
  /** The byte route's flags of the text (see `plain.ts`): searches for what it has none of are skipped. */
  flags?: number;
  /** The chat's names, under which iOS writes system lines: from the file name, and from an earlier system line. */
  titles?: readonly (string | undefined)[];
  /** Whether the archive holds a file of this name (an Android attachment line names one). */
  inArchive?: (name: string) => boolean;
}

/** What a text is. */
export interface ClassifiedText {
  kind: MessageKind;
  author: string | null;
  /** The text as shown: line ends as LF, a leading mark, the edited marker and attachment markers removed. */
  text: string;
  attachments: AttachmentRef[];
  edited: boolean;
  poll?: Poll;
  /** The chat's name, when this is a system line that names it ("Ana changed the subject to “Ward 7”"). */
  chatTitle?: string;
}

const NONE: AttachmentRef[] = [];

/** The text without the marks it starts with. */
export function stripMarks(text: string): string {
  let a = 0;
  while (a < text.length && isMark(text.charCodeAt(a))) a++;
  return a ? text.slice(a) : text;
}

const startsWithAny = (text: string, starts: readonly string[]): boolean => starts.some((s) => text.startsWith(s));

/**
 * Classifies one message's decoded text (see {@link TextToClassify} and {@link ClassifiedText}). The byte route
 * concludes "a message, as it stands" for exactly the texts this function would leave unchanged as one.
 */
export function classifyText(input: TextToClassify): ClassifiedText {
  let author = input.author;
  let text = input.text;
  let flags = input.flags ?? ALL_FLAGS;
  if (flags & FLAG_CR && text.indexOf('\r') >= 0) text = text.replace(/\r\n?/g, '\n');
  let hadMark = false;
  if (text.length > 0 && isMark(text.charCodeAt(0))) {
    hadMark = true;
    text = stripMarks(text);
  }
  let kind: MessageKind = 'message';
  let edited = false;
  let poll: Poll | undefined;
  if (author !== null && input.suspect && SYSTEM_TEXT.test(`${author}: ${text}`)) {
    // "Ana changed the subject to “Ward: 7”": the colon inside the quotes is not the end of a name.
    author = null;
    text = (input.body ?? text).replace(/\r\n?/g, '\n');
    flags = ALL_FLAGS;
  }
  if (text.charCodeAt(text.length - 1) === 62 /* > */) {
    const m = EDITED.exec(text);
    if (m) {
      edited = true;
      text = text.slice(0, m.index);
    }
  }
  if (author === null) {
    kind = 'system';
  } else if (isDeletedNotice(text)) {
    kind = 'deleted';
  } else if (startsWithAny(text, POLL_HEADINGS)) {
    poll = parsePoll(text);
    if (poll) kind = 'poll';
  } else if (startsWithAny(text, NOTICE_STARTS) && NOTICE.test(text)) {
    kind = 'system';
    author = null;
  } else if (
    hadMark &&
    ((input.titles ?? []).includes(author) || SYSTEM_TEXT.test(text)) &&
    !text.includes('<') &&
    !OMITTED_WORD.test(text)
  ) {
    // iOS writes system lines with a mark, under the chat's name; a media placeholder has a mark too, and is media.
    kind = 'system';
    author = null;
  }
  let attachments = NONE;
  if (kind === 'message' || kind === 'system') {
    attachments = findAttachments(text, flags, input.inArchive ?? (() => false));
    if (attachments.length > 0) text = stripAttachmentText(text);
  }
  let chatTitle: string | undefined;
  // Every title pattern quotes the name, so a system line without a quote mark is not tried against them.
  if (kind === 'system' && QUOTE.test(text)) {
    for (const pattern of TITLE_PATTERNS) {
      const m = pattern.exec(text);
      if (m?.[1]) {
        chatTitle = m[1];
        break;
      }
    }
  }
  const classified: ClassifiedText = { kind, author, text, attachments, edited };
  if (poll) classified.poll = poll;
  if (chatTitle !== undefined) classified.chatTitle = chatTitle;
  return classified;
}

/** Whether a text is a deleted-message notice ("This message was deleted", a full stop after it allowed). */
export function isDeletedNotice(text: string): boolean {
  if (text.length >= DELETED_MAX_LENGTH || !DELETED_FIRST.has(text.charCodeAt(0))) return false;
  return DELETED.has(text.charCodeAt(text.length - 1) === 46 ? text.slice(0, -1) : text);
}

/** A poll ("POLL:", the question, then "OPTION: text (n votes)" lines), or undefined when the text is not one. */
export function parsePoll(text: string): Poll | undefined {
  const lines = text.split('\n').map((l) => stripMarks(l).trim());
  if (!POLL_HEADINGS.includes(lines[0] ?? '')) return undefined;
  const poll: Poll = { question: lines[1] ?? '', options: [] };
  for (const line of lines.slice(2)) {
    const m = POLL_OPTION.exec(line);
    if (m) {
      const option: { text: string; votes?: number } = { text: m[1] ?? '' };
      if (m[2] !== undefined) option.votes = Number(m[2]);
      poll.options.push(option);
    }
  }
  return poll;
}

/**
 * Attachments a message's text refers to, in the order the forms are tried: iOS `<attached: …>` (any number), an
 * Android placeholder, Android's attachment line, an iOS placeholder or live location, a map link. `flags` (see
 * `plain.ts`) says which searches can be skipped.
 */
export function findAttachments(text: string, flags: number, inArchive: (name: string) => boolean): AttachmentRef[] {
  if (text.length === 0 || text.length > 2000) return NONE;
  if (flags & FLAG_LT && text.indexOf('<') >= 0) {
    const found: AttachmentRef[] = [];
    IOS_ATTACHED.lastIndex = 0;
    let m: RegExpExecArray | null = IOS_ATTACHED.exec(text);
    while (m) {
      const name = stripMarks((m[2] as string).trim());
      found.push({ fileName: name, kind: kindFromFileName(name), inArchive: true });
      m = IOS_ATTACHED.exec(text);
    }
    if (found.length > 0) return found;
    const trimmed = text.trim();
    const kind = ANDROID_PLACEHOLDER_KINDS.get(trimmed);
    if (kind !== undefined) return [{ fileName: trimmed, kind, inArchive: false }];
  }
  const nl = flags & FLAG_LF ? text.indexOf('\n') : -1;
  const firstEnd = nl < 0 ? text.length : nl;
  if (text.charCodeAt(firstEnd - 1) === 41 /* ) */) {
    const m = ANDROID_ATTACHED.exec(nl < 0 ? text : text.slice(0, nl));
    if (m) {
      const name = stripMarks((m[1] as string).trim());
      const phrase = m[2] as string;
      if (FILE_ATTACHED.has(phrase) || WA_MEDIA_NAME.test(name) || inArchive(name)) {
        return [{ fileName: name, kind: kindFromFileName(name), inArchive: true }];
      }
    }
  }
  if (firstEnd < 300 && mayEndInPlaceholder(text, firstEnd)) {
    const first = nl < 0 ? text : text.slice(0, nl);
    if (PLACEHOLDER_ENDINGS.some((ending) => first.endsWith(ending))) {
      const trimmed = first.trim();
      const ios = IOS_PLACEHOLDER.exec(trimmed);
      if (ios) return [{ fileName: trimmed, kind: iosPlaceholderKind(ios[1] as string), inArchive: false }];
      const doc = DOCUMENT_PLACEHOLDER.exec(trimmed);
      if (doc) return [{ fileName: (doc[1] as string).trim(), kind: 'document', inArchive: false }];
      if (LIVE_LOCATION.test(trimmed)) return [{ fileName: trimmed, kind: 'location', inArchive: false }];
    }
  }
  if (flags & FLAG_QUESTION && text.indexOf('maps.google') >= 0) {
    const m = MAPS.exec(text);
    if (m) return [{ fileName: m[0], kind: 'location', inArchive: false }];
  }
  return NONE;
}

/** Removes the attachment markers from a message's text, leaving any caption (the file itself is in attachments). */
export function stripAttachmentText(text: string): string {
  if (text.indexOf('<') >= 0) {
    const replaced = text.replace(IOS_ATTACHED, '');
    if (replaced !== text) return replaced.replace(/[ \u200e]+$/gm, '').trim();
  }
  const nl = text.indexOf('\n');
  const first = nl < 0 ? text : text.slice(0, nl);
  const rest = nl < 0 ? '' : text.slice(nl + 1);
  if (MAPS.test(text) && !ANDROID_ATTACHED.test(first)) return text;
  return rest;
}
