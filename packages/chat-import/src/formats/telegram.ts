/**
 * Telegram Desktop "Export chat history" JSON (`result.json`): a single chat, or a full export whose chats are under
 * `chats.list` (and `left_chats.list`). Each message record becomes one message; a record that cannot be read is kept as
 * a message as written, marked `unreadable` (see README "Records that cannot be read").
 */
import { ChatSelectionError, MalformedExportError } from '../errors.ts';
import { kindFromFileName, kindFromMime, MediaIndex } from '../media.ts';
import type { Attachment, AttachmentKind, Message } from '../model.ts';
import type { ArchiveEntry } from '../zip.ts';
import {
  type Detection,
  type FormatImporter,
  type ImportInput,
  makeMessage,
  type ParseContext,
  type ParseResult,
} from './contract.ts';
import { isObject, type JsonObject, notValidJson, parseDateTime, str, strOrNum } from './json.ts';
import { unreadableWarning } from './unreadable.ts';

const NOT_INCLUDED = /^\(File not included|^\(File exceeds maximum size/;

function jsonEntry(input: ImportInput): ArchiveEntry | undefined {
  const result = input.entries.find((e) => /(^|\/)result\.json$/i.test(e.path));
  if (result) return result;
  return input.entries.find((e) => /\.json$/i.test(e.path) || !input.fromZip);
}

/** Joins Telegram text (a string, or an array of strings and `{type, text}` entities) into plain text. */
export function telegramText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (!Array.isArray(value)) return '';
  let out = '';
  for (const part of value) {
    if (typeof part === 'string') out += part;
    else if (isObject(part) && typeof part.text === 'string') out += part.text;
  }
  return out;
}

function chatName(chat: JsonObject, index: number): string {
  return str(chat.name) ?? (chat.id !== undefined ? `chat ${String(chat.id)}` : `chat #${index + 1}`);
}

/**
 * The names a full export's chats are chosen by. Telegram lets two groups have one name ("Ward 7 Nurses"): such names
 * get the chat's id ("Ward 7 Nurses (id 202)"), so each chat has a name of its own to be chosen by and the bare name
 * is refused rather than read as whichever comes first.
 */
function chatNames(chats: readonly JsonObject[]): string[] {
  const names = chats.map(chatName);
  const seen = new Map<string, number>();
  for (const name of names) seen.set(name, (seen.get(name) ?? 0) + 1);
  return names.map((name, i) => {
    if ((seen.get(name) ?? 0) < 2) return name;
    const id = (chats[i] as JsonObject).id;
    return id !== undefined ? `${name} (id ${String(id)})` : `${name} (#${i + 1})`;
  });
}

function mediaKind(record: JsonObject): AttachmentKind {
  const type = str(record.media_type);
  if (type === 'sticker') return 'sticker';
  if (type === 'voice_message' || type === 'audio_file') return 'audio';
  if (type === 'video_file' || type === 'video_message' || type === 'animation') return 'video';
  return kindFromMime(str(record.mime_type)) ?? kindFromFileName(str(record.file) ?? '');
}

function attachmentsOf(record: JsonObject, media: MediaIndex): Attachment[] {
  const out: Attachment[] = [];
  const add = (path: string, kind: AttachmentKind): void => {
    const missing = NOT_INCLUDED.test(path);
    const name = missing ? (str(record.file_name) ?? path) : path;
    if (missing) {
      const a: Attachment = { fileName: name, kind, included: false };
      const mime = str(record.mime_type);
      if (mime) a.mimeType = mime;
      out.push(a);
    } else out.push(media.attach(name, kind, str(record.mime_type)));
  };
  const photo = str(record.photo);
  if (photo) add(photo, 'image');
  const file = str(record.file);
  if (file) add(file, mediaKind(record));
  if (isObject(record.contact_information)) out.push({ fileName: 'contact', kind: 'contact', included: false });
  if (isObject(record.location_information)) {
    const loc = record.location_information;
    out.push({
      fileName: `location ${String(loc.latitude ?? '')},${String(loc.longitude ?? '')}`,
      kind: 'location',
      included: false,
    });
  }
  return out;
}

function parseTelegram(context: ParseContext): ParseResult {
  const { input, options, sink } = context;
  const entry = jsonEntry(input);
  if (!entry) throw new MalformedExportError(`${input.fileName} holds no Telegram result.json.`);
  const file = input.fromZip ? entry.path : input.fileName;
  let root: unknown;
  try {
    root = JSON.parse(input.text(entry));
  } catch (error) {
    throw new MalformedExportError(`${file} ${notValidJson(error)}.`);
  }
  if (!isObject(root))
    throw new MalformedExportError(`${file} is not a Telegram export: the top level is not an object.`);
  let chat: JsonObject;
  let variant = 'telegram-single-chat';
  if (Array.isArray(root.messages)) {
    chat = root;
  } else if (isObject(root.chats) && Array.isArray(root.chats.list)) {
    variant = 'telegram-full-export';
    const left = isObject(root.left_chats) && Array.isArray(root.left_chats.list) ? root.left_chats.list : [];
    const chats = [...root.chats.list, ...left].filter(isObject).filter((c) => Array.isArray(c.messages));
    const names = chatNames(chats);
    const wanted = options.chat;
    let index = -1;
    if (wanted !== undefined) {
      index = chats.findIndex((c, i) => names[i] === wanted || String(c.id) === wanted);
      if (index < 0) index = names.findIndex((n) => n.toLowerCase() === wanted.toLowerCase());
      const alike = chats.filter((c, i) => chatName(c, i) === wanted).length;
      if (index < 0 && alike > 1)
        throw new ChatSelectionError(
          `${alike} chats in ${file} are named '${wanted}': choose one by its name with its id. Available: ${names.join(', ')}.`,
          names,
        );
      if (index < 0)
        throw new ChatSelectionError(`No chat in ${file} is named '${wanted}'. Available: ${names.join(', ')}.`, names);
    } else if (chats.length === 1) {
      index = 0;
    } else {
      throw new ChatSelectionError(
        chats.length === 0
          ? `${file} is a Telegram full export with no chats in it.`
          : `${file} is a Telegram full export of ${chats.length} chats; choose one with the chat option (--chat). Available: ${names.join(', ')}.`,
        names,
      );
    }
    chat = chats[index] as JsonObject;
  } else {
    throw new MalformedExportError(`${file} is not a Telegram export: it has neither "messages" nor "chats.list".`);
  }
  const records = chat.messages as unknown[];
  const media = new MediaIndex(input.entries, new Set([entry.path]));
  const nativeIds = new Map<string, string>();
  sink.linesRead += records.length;
  for (let i = 0; i < records.length; i++) {
    const record = records[i];
    const line = i + 1;
    let when: [number, boolean] | undefined;
    if (isObject(record)) {
      const unix = strOrNum(record.date_unixtime);
      if (unix !== undefined && /^\d+$/.test(unix)) when = [Number(unix) * 1000, true];
      else if (typeof record.date === 'string') when = parseDateTime(record.date);
    }
    if (!isObject(record) || !when) {
      const why = !isObject(record) ? 'it is not a message record' : 'it has no date the tool can read';
      const named = isObject(record) ? (str(record.from) ?? null) : null;
      sink.keepUnreadable(
        makeMessage(named, JSON.stringify(record) ?? String(record), 'message', [], { file, line, lineEnd: line }),
        why,
        unreadableWarning(file, line, line, `Message ${line}`, why),
      );
      continue;
    }
    const type = str(record.type) ?? 'message';
    const from = str(record.from) ?? null;
    let message: Message;
    if (type === 'service') {
      const actor = str(record.actor) ?? from;
      const action = str(record.action) ?? 'event';
      const members = Array.isArray(record.members)
        ? record.members.filter((m) => typeof m === 'string').join(', ')
        : '';
      const detail = [str(record.title), members, telegramText(record.text)].filter((x) => x).join(' ');
      const text = `${actor ?? 'Someone'}: ${action.replace(/_/g, ' ')}${detail ? ` ${detail}` : ''}`;
      message = makeMessage(null, text, 'system', [], { file, line, lineEnd: line });
    } else {
      const text = telegramText(record.text);
      const attachments = attachmentsOf(record, media);
      const poll = isObject(record.poll) ? record.poll : undefined;
      message = makeMessage(from ?? str(record.author) ?? 'Unknown', text, poll ? 'poll' : 'message', attachments, {
        file,
        line,
        lineEnd: line,
      });
      if (poll) {
        const answers = Array.isArray(poll.answers) ? poll.answers.filter(isObject) : [];
        message.poll = {
          question: str(poll.question) ?? '',
          options: answers.map((a) =>
            typeof a.voters === 'number' ? { text: str(a.text) ?? '', votes: a.voters } : { text: str(a.text) ?? '' },
          ),
        };
      }
      const fromId = str(record.from_id);
      if (from && fromId) nativeIds.set(from, fromId);
    }
    if (record.edited !== undefined || record.edited_unixtime !== undefined) message.edited = true;
    const id = strOrNum(record.id);
    if (id !== undefined) message.nativeId = id;
    const reply = strOrNum(record.reply_to_message_id);
    if (reply !== undefined) message.replyTo = reply;
    sink.add(message, when[0], when[1]);
    if ((i & 0x3fff) === 0) context.checkAbort();
  }
  return {
    title: str(chat.name) ?? input.fileName.replace(/\.(json|zip)$/i, ''),
    variant,
    nativeIds,
    media: media.used,
  };
}

/** The Telegram Desktop importer. */
export const telegram: FormatImporter = {
  format: 'telegram',
  detect(input: ImportInput): Detection {
    const entry = jsonEntry(input);
    if (!entry) return { score: 0, reason: 'no result.json or .json file' };
    const head = input.peek(entry, 4000).trimStart();
    if (!head.startsWith('{')) return { score: 0, reason: `${entry.path} is not a JSON object` };
    const chats = /"chats"\s*:\s*\{/.test(head);
    const messages = /"messages"\s*:\s*\[/.test(head);
    const telegramish =
      /"date_unixtime"|"from_id"|"text_entities"|"type"\s*:\s*"(message|service|personal_chat|private_group|public_supergroup|saved_messages)"/.test(
        head,
      );
    if ((chats || messages) && telegramish)
      return { score: 0.9, reason: `${entry.path} is a Telegram export (${chats ? 'full export' : 'single chat'})` };
    if (chats || messages)
      return {
        score: 0,
        reason: `${entry.path} has a "messages" list but none of Telegram's fields (date_unixtime, from_id, text_entities)`,
      };
    return { score: 0, reason: `${entry.path} has neither "messages" nor "chats"` };
  },
  parse: parseTelegram,
};
