/**
 * Signal through the common third-party exporter (signal-export): `chat.md` lines `[YYYY-MM-DD HH:MM:SS] Sender: body`
 * (older `[YYYY-MM-DD, HH:MM]`), and `data.json` with one JSON object per line (`date, sender, body, quote,
 * reactions, attachments`). A zip of several chats (one folder each) needs the `chat` option.
 */
import { ChatSelectionError } from '../errors.ts';
import { kindFromFileName, MediaIndex } from '../media.ts';
import type { Attachment } from '../model.ts';
import { localMs } from '../time.ts';
import type { ArchiveEntry } from '../zip.ts';
import {
  type Detection,
  type FormatImporter,
  type ImportInput,
  makeMessage,
  type ParseContext,
  type ParseResult,
} from './contract.ts';
import { isObject, parseDateTime, str } from './json.ts';
import { unreadableWarning } from './unreadable.ts';

const MD_LINE = /^\[(\d{4})-(\d{2})-(\d{2}),? (\d{1,2}):(\d{2})(?::(\d{2}))?\] ([^\n]{1,200}?): ?/;
const MD_ATTACHMENT = /!?\[([^\]\n]{0,255})\]\(([^)\n]{1,500})\)/g;

function isJsonLines(sample: string): boolean {
  const first = sample.split('\n').find((l) => l.trim() !== '') ?? '';
  return (
    first.trimStart().startsWith('{') &&
    /"sender"\s*:/.test(first) &&
    /"body"\s*:/.test(first) &&
    /"date"\s*:/.test(first)
  );
}

function chatFiles(input: ImportInput): ArchiveEntry[] {
  const named = input.entries.filter((e) => /(^|\/)(chat\.md|data\.json)$/i.test(e.path));
  if (named.length > 0) {
    // Prefer data.json over chat.md in the same folder (it is structured).
    const folders = new Map<string, ArchiveEntry>();
    for (const e of named) {
      const folder = e.path.slice(0, e.path.lastIndexOf('/') + 1);
      const have = folders.get(folder);
      if (!have || /data\.json$/i.test(e.path)) folders.set(folder, e);
    }
    return [...folders.values()];
  }
  return input.fromZip ? [] : [...input.entries];
}

function folderName(path: string): string {
  const parts = path.split('/');
  return parts.length > 1 ? (parts[parts.length - 2] as string) : path;
}

function parseSignal(context: ParseContext): ParseResult {
  const { input, options, sink } = context;
  const files = chatFiles(input);
  let entry: ArchiveEntry | undefined = files[0];
  if (files.length > 1) {
    const names = files.map((f) => folderName(f.path));
    const i = options.chat === undefined ? -1 : names.findIndex((n) => n.toLowerCase() === options.chat?.toLowerCase());
    if (i < 0) {
      throw new ChatSelectionError(
        options.chat === undefined
          ? `${input.fileName} holds ${files.length} Signal chats; choose one with the chat option (--chat). Available: ${names.join(', ')}.`
          : `No Signal chat in ${input.fileName} is named '${options.chat}'. Available: ${names.join(', ')}.`,
        names,
      );
    }
    entry = files[i];
  }
  if (!entry) throw new ChatSelectionError(`${input.fileName} holds no Signal chat (chat.md or data.json).`, []);
  const file = input.fromZip ? entry.path : input.fileName;
  const text = input.text(entry);
  const media = new MediaIndex(input.entries, new Set([entry.path]));
  const jsonl = isJsonLines(text.slice(0, 4000));
  let pos = 0;
  let line = 0;
  const max = options.limits.maxLineLength;
  let open: { line: number; local: number; author: string; parts: string[] } | undefined;
  let orphan: { line: number; parts: string[] } | undefined;
  const flushOrphan = (): void => {
    if (!orphan) return;
    const lineEnd = orphan.line + orphan.parts.length - 1;
    const raw = orphan.parts.join('\n');
    if (raw.trim() === '') {
      sink.warn({ line: orphan.line, lineEnd, file, message: `Lines ${orphan.line} to ${lineEnd} are blank.`, raw });
    } else {
      const why = 'it comes before the first message and has no date or sender';
      sink.keepUnreadable(
        makeMessage(null, raw, 'message', [], { file, line: orphan.line, lineEnd }),
        why,
        unreadableWarning(file, orphan.line, lineEnd, `Lines ${orphan.line} to ${lineEnd}`, why),
      );
    }
    orphan = undefined;
  };
  const flush = (): void => {
    if (!open) return;
    const body = open.parts.join('\n').replace(/\n+$/, '');
    const attachments: Attachment[] = [];
    MD_ATTACHMENT.lastIndex = 0;
    for (let m = MD_ATTACHMENT.exec(body); m; m = MD_ATTACHMENT.exec(body)) {
      const path = decodeURI(m[2] as string);
      if (/^https?:/.test(path)) continue;
      const name = (m[1] as string) || path;
      attachments.push(media.attach(media.find(path) ? path : name, kindFromFileName(path)));
    }
    sink.add(
      makeMessage(open.author, body, 'message', attachments, {
        file,
        line: open.line,
        lineEnd: open.line + open.parts.length - 1,
      }),
      open.local,
      false,
    );
    open = undefined;
  };
  while (pos < text.length) {
    line++;
    let nl = text.indexOf('\n', pos);
    if (nl < 0) nl = text.length;
    let end = nl;
    if (end > pos && text.charCodeAt(end - 1) === 13) end--;
    const raw = end - pos > max ? '' : text.slice(pos, end);
    if (end - pos > max) {
      flush();
      flushOrphan();
      sink.warn({
        line,
        file,
        message: `Line ${line} is too long to be a chat message (more than ${max} characters); its start is kept with the import warnings.`,
        raw: text.slice(pos, pos + 200),
      });
    } else if (jsonl) {
      if (raw.trim() === '') sink.warn({ line, file, message: `Line ${line} is blank.`, raw });
      else {
        let record: unknown;
        try {
          record = JSON.parse(raw);
        } catch {
          record = undefined;
        }
        const date = isObject(record) ? str(record.date) : undefined;
        const when = date ? parseDateTime(date) : undefined;
        if (!isObject(record) || !when) {
          const why = !isObject(record) ? 'it is not a message record' : 'it has no date the tool can read';
          const named = isObject(record) ? (str(record.sender) ?? null) : null;
          sink.keepUnreadable(
            makeMessage(named, raw, 'message', [], { file, line, lineEnd: line }),
            why,
            unreadableWarning(file, line, line, `Line ${line}`, why),
          );
        } else {
          const attachments: Attachment[] = [];
          for (const a of Array.isArray(record.attachments) ? record.attachments : []) {
            if (!isObject(a)) continue;
            const name = str(a.name) ?? str(a.path) ?? 'attachment';
            const path = str(a.path) ?? name;
            const found = media.find(path);
            attachments.push(media.attach(found ? path : name, kindFromFileName(path)));
          }
          const message = makeMessage(str(record.sender) ?? 'Unknown', str(record.body) ?? '', 'message', attachments, {
            file,
            line,
            lineEnd: line,
          });
          const quote = str(record.quote);
          if (quote) message.replyTo = quote;
          sink.add(message, when[0], when[1]);
        }
      }
    } else {
      const m = MD_LINE.exec(raw);
      if (m) {
        flush();
        flushOrphan();
        const [y, mo, d, h, mi] = [m[1], m[2], m[3], m[4], m[5]].map(Number) as [
          number,
          number,
          number,
          number,
          number,
        ];
        open = {
          line,
          local: localMs(y, mo, d, h, mi, Number(m[6] ?? 0)),
          author: (m[7] as string).trim(),
          parts: [raw.slice(m[0].length)],
        };
      } else if (open) {
        open.parts.push(raw);
      } else {
        orphan ??= { line, parts: [] };
        orphan.parts.push(raw);
      }
    }
    pos = nl + 1;
    if ((line & 0xffff) === 0) context.checkAbort();
  }
  flush();
  flushOrphan();
  sink.linesRead += line;
  const title = input.fromZip ? folderName(entry.path) : input.fileName.replace(/\.(md|json|txt|zip)$/i, '');
  return { title, variant: jsonl ? 'signal-export-jsonl' : 'signal-export-markdown', media: media.used };
}

/** The Signal (signal-export) importer. */
export const signal: FormatImporter = {
  format: 'signal',
  detect(input: ImportInput): Detection {
    const files = chatFiles(input);
    const entry = files[0];
    if (!entry) return { score: 0, reason: 'no chat.md or data.json' };
    const sample = input.peek(entry, 4000);
    if (isJsonLines(sample)) return { score: 0.85, reason: `${entry.path} is JSON lines with date, sender and body` };
    const lines = sample.split('\n').filter((l) => l.trim() !== '');
    const first = lines[0] ?? '';
    if (!MD_LINE.test(first))
      return {
        score: 0,
        reason: 'first line is not "[YYYY-MM-DD HH:MM] Sender: text" and not a JSON line with date, sender and body',
      };
    const named = /(^|\/)chat\.md$/i.test(entry.path) || /signal/i.test(input.fileName) || /\.md$/i.test(entry.path);
    // The markdown lines also look like a year-first WhatsApp export; only the file's name tells them apart.
    return named
      ? { score: 0.97, reason: `${entry.path} has signal-export markdown lines and a Signal file name` }
      : { score: 0.2, reason: 'signal-export markdown lines, but the file name does not say Signal' };
  },
  parse: parseSignal,
};
