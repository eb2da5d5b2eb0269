import type { ChatFormat } from '@im-records/chat-import';
import { type Command, UsageError } from '../command.ts';
import {
  importArgs,
  importExportFile,
  importUsage,
  onlyFile,
  parseCommandArgs,
  readImportOptions,
} from '../options.ts';

const FORMATS = ['auto', 'whatsapp', 'telegram', 'slack', 'signal', 'csv'];

const usage = `Usage: records parse FILE [--format auto|whatsapp|telegram|slack|signal|csv] [--timezone Europe/London]
                     [--date-order dmy|mdy|ymd] [--chat NAME]

Reads a chat export (WhatsApp .txt/.zip, Telegram result.json, Slack export .zip, Signal chat.md/data.json, CSV)
and prints the conversation as JSON: format, source (file name, SHA-256), participants, messages, warnings and the
reconciliation (lines read = lines placed). A record that could not be read (a CSV row with a bad timestamp, say) is a
message as written, with "unreadable": {"reason", "timeFrom"}, as records redact prints it.

Options:
  --format NAME               force a format instead of detecting it (default auto)
${importUsage}
`;

/** `records parse`: imports one export and prints it as JSON, so officers and scripts can inspect what was read. */
export const parseCommand: Command = {
  name: 'parse',
  summary: 'Read a chat export (WhatsApp, Telegram, Slack, Signal, CSV) and print it as JSON',
  usage,
  async run(args, io) {
    const { values, positionals } = parseCommandArgs(args, {
      format: { type: 'string' },
      ...importArgs,
    });
    const file = onlyFile(positionals);
    const format = (values.format as string | undefined) ?? 'auto';
    if (!FORMATS.includes(format))
      throw new UsageError(`--format must be one of ${FORMATS.join(', ')}, not '${format}'.`);
    const archive = await importExportFile(file, {
      format: format as 'auto' | ChatFormat,
      ...readImportOptions(values),
    });
    const c = archive.conversation;
    const out = {
      format: c.source.format,
      variant: c.source.variant,
      title: c.title,
      timeZone: c.timeZone,
      source: { fileName: c.source.fileName, sha256: c.source.sha256 },
      participants: c.participants,
      messages: Array.from(c.messages, (m) => ({
        id: m.id,
        timestamp: m.timestamp,
        author: m.author,
        text: m.text,
        kind: m.kind,
        attachments: m.attachments.map((a) => ({ fileName: a.fileName, kind: a.kind, included: a.included })),
        ...(m.edited ? { edited: true } : {}),
        ...(m.replyTo !== undefined ? { replyTo: m.replyTo } : {}),
        ...(m.channel !== undefined ? { channel: m.channel } : {}),
        ...(m.poll !== undefined ? { poll: m.poll } : {}),
        ...(m.unreadable !== undefined ? { unreadable: m.unreadable } : {}),
        line: m.source.line,
      })),
      warnings: c.warnings.map((w) => ({
        line: w.line,
        message: w.message,
        ...(w.file !== undefined && w.file !== c.source.fileName ? { file: w.file } : {}),
        ...(w.raw !== undefined ? { raw: w.raw } : {}),
      })),
      reconciliation: c.reconciliation,
    };
    io.stdout(`${JSON.stringify(out, null, 2)}\n`);
    return 0;
  },
};
