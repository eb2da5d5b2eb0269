/**
 * Slack workspace export (zip): `channels.json`, `groups.json`, `dms.json`, `mpims.json`, `users.json` (or
 * `org_users.json`) and one folder per conversation of `YYYY-MM-DD.json` message arrays. All conversations are
 * imported into one conversation, each message carrying its `channel`; the `chat` option keeps only one.
 */
import { ChatSelectionError, MalformedExportError } from '../errors.ts';
import { kindFromFileName, kindFromMime, MediaIndex } from '../media.ts';
import type { Attachment, MessageKind } from '../model.ts';
import type { ArchiveEntry } from '../zip.ts';
import {
  type Detection,
  type FormatImporter,
  type ImportInput,
  makeMessage,
  type ParseContext,
  type ParseResult,
} from './contract.ts';
import { isObject, type JsonObject, notValidJson, str } from './json.ts';
import { unreadableWarning } from './unreadable.ts';

const DAY_FILE = /^(?:(.*)\/)?([^/]+)\/(\d{4}-\d{2}-\d{2})\.json$/;
const SYSTEM_SUBTYPES = new Set([
  'channel_join',
  'channel_leave',
  'channel_topic',
  'channel_purpose',
  'channel_name',
  'channel_archive',
  'channel_unarchive',
  'group_join',
  'group_leave',
  'group_topic',
  'group_purpose',
  'group_name',
  'group_archive',
  'group_unarchive',
  'bot_add',
  'bot_remove',
  'pinned_item',
  'unpinned_item',
  'reminder_add',
]);

function readJson(input: ImportInput, entry: ArchiveEntry): unknown {
  try {
    return JSON.parse(input.text(entry));
  } catch (error) {
    throw new MalformedExportError(`${entry.path} in ${input.fileName} ${notValidJson(error)}.`);
  }
}

function findRoot(input: ImportInput): string | undefined {
  for (const e of input.entries) {
    const m = /^(.*?)(channels|users|org_users)\.json$/.exec(e.path);
    if (m) return m[1];
  }
  return undefined;
}

/** Turns Slack markup into readable text: user and channel mentions, links, escapes. */
export function slackText(text: string, users: Map<string, string>): string {
  return text
    .replace(/<@([UW][A-Z0-9]+)(?:\|([^>]*))?>/g, (_, id: string, label?: string) => `@${users.get(id) ?? label ?? id}`)
    .replace(/<#([CG][A-Z0-9]+)\|([^>]*)>/g, (_, _id: string, name: string) => `#${name}`)
    .replace(/<!(here|channel|everyone)(?:\|[^>]*)?>/g, '@$1')
    .replace(/<(https?:[^|>]+)\|([^>]+)>/g, (_, url: string, label: string) =>
      label === url ? url : `${label} (${url})`,
    )
    .replace(/<(https?:[^>]+|mailto:[^>]+)>/g, '$1')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

function parseSlack(context: ParseContext): ParseResult {
  const { input, options, sink, notes } = context;
  const root = findRoot(input) ?? '';
  const byPath = new Map(input.entries.map((e) => [e.path, e]));
  const list = (name: string): JsonObject[] => {
    const entry = byPath.get(`${root}${name}`);
    if (!entry) return [];
    const value = readJson(input, entry);
    if (!Array.isArray(value))
      throw new MalformedExportError(`${root}${name} in ${input.fileName} is not a JSON array.`);
    return value.filter(isObject);
  };
  const users = new Map<string, string>();
  for (const u of [...list('users.json'), ...list('org_users.json')]) {
    const id = str(u.id);
    const profile = isObject(u.profile) ? u.profile : {};
    const name = str(u.real_name) || str(profile.real_name) || str(profile.display_name) || str(u.name);
    if (id && name) users.set(id, name);
  }
  const folderNames = new Map<string, string>();
  for (const c of [...list('channels.json'), ...list('groups.json'), ...list('mpims.json')]) {
    const name = str(c.name);
    if (name) folderNames.set(name, `#${name}`);
  }
  for (const dm of list('dms.json')) {
    const id = str(dm.id);
    const members = Array.isArray(dm.members) ? dm.members.filter((m): m is string => typeof m === 'string') : [];
    if (id) folderNames.set(id, `DM: ${members.map((m) => users.get(m) ?? m).join(', ')}`);
  }
  const days = new Map<string, ArchiveEntry[]>();
  for (const e of input.entries) {
    const m = DAY_FILE.exec(e.path);
    if (!m || (m[1] ?? '') + (m[1] ? '/' : '') !== root) continue;
    const folder = m[2] as string;
    const group = days.get(folder) ?? [];
    group.push(e);
    days.set(folder, group);
  }
  const channels = [...days.keys()].sort();
  const label = (folder: string): string => folderNames.get(folder) ?? `#${folder}`;
  let chosen = channels;
  if (options.chat !== undefined) {
    const want = options.chat.replace(/^#/, '').toLowerCase();
    chosen = channels.filter((c) => c.toLowerCase() === want || label(c).toLowerCase() === options.chat?.toLowerCase());
    if (chosen.length === 0)
      throw new ChatSelectionError(
        `No conversation in ${input.fileName} is named '${options.chat}'. Available: ${channels.map(label).join(', ')}.`,
        channels.map(label),
      );
  }
  const media = new MediaIndex(input.entries.filter((e) => !e.path.endsWith('.json')));
  const nativeIds = new Map<string, string>();
  for (const folder of chosen) {
    const channel = label(folder);
    const files = (days.get(folder) ?? []).sort((a, b) => (a.path < b.path ? -1 : 1));
    for (const entry of files) {
      const text = input.text(entry);
      let value: unknown;
      let damage: string | undefined;
      try {
        value = JSON.parse(text);
      } catch (error) {
        damage = `the file is damaged: it ${notValidJson(error)}`;
      }
      if (!Array.isArray(value)) {
        // The whole day file, as written, is one message of its own: it reaches the reviewer and is redacted.
        sink.linesRead += 1;
        const message = makeMessage(null, text, 'message', [], { file: entry.path, line: 1, lineEnd: 1 });
        message.channel = channel;
        const why = damage ?? 'the file does not hold a list of messages';
        sink.keepUnreadable(message, why, unreadableWarning(entry.path, 1, 1, entry.path, why));
        continue;
      }
      sink.linesRead += value.length;
      for (let i = 0; i < value.length; i++) {
        const record = value[i];
        const line = i + 1;
        const ts = isObject(record) ? str(record.ts) : undefined;
        if (!isObject(record) || ts === undefined || !/^\d+(\.\d+)?$/.test(ts)) {
          const why = !isObject(record) ? 'it is not a message record' : 'it has no time the tool can read';
          const userId = isObject(record) ? str(record.user) : undefined;
          const message = makeMessage(
            (userId && users.get(userId)) || null,
            JSON.stringify(record) ?? String(record),
            'message',
            [],
            { file: entry.path, line, lineEnd: line },
          );
          message.channel = channel;
          sink.keepUnreadable(
            message,
            why,
            unreadableWarning(entry.path, line, line, `Message ${line} of ${entry.path}`, why),
          );
          continue;
        }
        const subtype = str(record.subtype);
        const userId = str(record.user);
        const profile = isObject(record.user_profile) ? record.user_profile : undefined;
        let author: string | null =
          (userId && users.get(userId)) ||
          (profile && (str(profile.real_name) || str(profile.display_name))) ||
          str(record.username) ||
          (isObject(record.bot_profile) ? str(record.bot_profile.name) : undefined) ||
          userId ||
          (str(record.bot_id) ? `bot ${str(record.bot_id)}` : undefined) ||
          null;
        let kind: MessageKind = 'message';
        if (subtype && SYSTEM_SUBTYPES.has(subtype)) {
          kind = 'system';
          author = null;
        } else if (subtype === 'tombstone' || subtype === 'message_deleted') kind = 'deleted';
        const attachments: Attachment[] = [];
        const files = Array.isArray(record.files) ? record.files : isObject(record.file) ? [record.file] : [];
        for (const f of files) {
          if (!isObject(f)) continue;
          const name = str(f.name) ?? str(f.title) ?? str(f.id) ?? 'file';
          const mime = str(f.mimetype);
          attachments.push(media.attach(name, kindFromMime(mime) ?? kindFromFileName(name), mime));
        }
        let text = slackText(str(record.text) ?? '', users);
        // Link previews and bot cards carry their content in "attachments"; keep their fallback text.
        for (const card of Array.isArray(record.attachments) ? record.attachments : []) {
          const extra = isObject(card) ? (str(card.fallback) ?? str(card.text)) : undefined;
          if (extra && !text.includes(extra))
            text = text ? `${text}\n${slackText(extra, users)}` : slackText(extra, users);
        }
        const message = makeMessage(author ?? (kind === 'system' ? null : 'Unknown'), text, kind, attachments, {
          file: entry.path,
          line,
          lineEnd: line,
        });
        message.channel = channel;
        message.nativeId = ts;
        const thread = str(record.thread_ts);
        if (thread) {
          message.thread = thread;
          if (thread !== ts) message.replyTo = thread;
        }
        if (isObject(record.edited)) message.edited = true;
        if (author && userId) nativeIds.set(author, userId);
        sink.add(message, Math.round(Number(ts) * 1000), true);
      }
      context.checkAbort();
    }
  }
  if (chosen.length === 0)
    notes.push({ line: 0, file: input.fileName, message: 'The Slack export holds no conversation folders.' });
  const title =
    chosen.length === 1 ? label(chosen[0] as string) : `Slack export ${input.fileName.replace(/\.zip$/i, '')}`;
  return {
    title,
    variant: `slack-${byPath.has(`${root}dms.json`) ? 'full' : 'public'}-export`,
    nativeIds,
    media: media.used,
  };
}

/** The Slack workspace export importer. */
export const slack: FormatImporter = {
  format: 'slack',
  detect(input: ImportInput): Detection {
    if (!input.fromZip)
      return { score: 0, reason: 'not a zip (a Slack export is a zip of channels.json, users.json and folders)' };
    const root = findRoot(input);
    if (root === undefined) return { score: 0, reason: 'no channels.json or users.json in the zip' };
    const hasDays = input.entries.some((e) => DAY_FILE.test(e.path));
    return hasDays
      ? { score: 0.95, reason: 'channels.json/users.json and YYYY-MM-DD.json folders' }
      : { score: 0.4, reason: 'channels.json/users.json but no message folders' };
  },
  parse: parseSlack,
};
