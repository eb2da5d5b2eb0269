import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { type ChatFormat, ChatImportError, type DateOrder, importChat } from '@im-records/chat-import';
import { type Command, UsageError } from '../command.ts';

const FORMATS = ['auto', 'whatsapp', 'telegram', 'slack', 'signal', 'csv'];
const ORDERS = ['dmy', 'mdy', 'ymd'];

const usage = `Usage: records parse FILE [--format auto|whatsapp|telegram|slack|signal|csv] [--timezone Europe/London]
                     [--date-order dmy|mdy|ymd] [--chat NAME]

Reads a chat export (WhatsApp .txt/.zip, Telegram result.json, Slack export .zip, Signal chat.md/data.json, CSV)
and prints the conversation as JSON: format, source (file name, SHA-256), participants, messages, warnings and the
reconciliation (lines read = lines placed).

Options:
  --format NAME      force a format instead of detecting it (default auto)
  --timezone ZONE    IANA zone the export's local times are read in (default Europe/London)
  --date-order ORD   day/month order of a WhatsApp export (default: inferred from the whole file)
  --chat NAME        conversation to import when the archive holds several (Telegram full export, Slack channel)
`;

/** `records parse`: imports one export and prints it as JSON, so officers and scripts can inspect what was read. */
export const parseCommand: Command = {
  name: 'parse',
  summary: 'Read a chat export (WhatsApp, Telegram, Slack, Signal, CSV) and print it as JSON',
  usage,
  async run(args, io) {
    let parsed: ReturnType<typeof parseArgs>;
    try {
      parsed = parseArgs({
        args,
        allowPositionals: true,
        options: {
          format: { type: 'string' },
          timezone: { type: 'string' },
          'date-order': { type: 'string' },
          chat: { type: 'string' },
        },
      });
    } catch (error) {
      throw new UsageError((error as Error).message);
    }
    const { values, positionals } = parsed;
    if (positionals.length !== 1) throw new UsageError(`expected exactly one FILE, got ${positionals.length}.`);
    const file = positionals[0] as string;
    const format = (values.format as string | undefined) ?? 'auto';
    if (!FORMATS.includes(format))
      throw new UsageError(`--format must be one of ${FORMATS.join(', ')}, not '${format}'.`);
    const order = values['date-order'] as string | undefined;
    if (order !== undefined && !ORDERS.includes(order))
      throw new UsageError(`--date-order must be dmy, mdy or ymd, not '${order}'.`);
    const timeZone = (values.timezone as string | undefined) ?? 'Europe/London';
    try {
      new Intl.DateTimeFormat('en-GB', { timeZone });
    } catch {
      throw new UsageError(`--timezone '${timeZone}' is not an IANA time zone (e.g. Europe/London).`);
    }
    let bytes: Uint8Array;
    try {
      bytes = new Uint8Array(await readFile(file));
    } catch (error) {
      throw new UsageError(
        `cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}.`,
      );
    }
    const fileName = file.split(/[\\/]/).pop() ?? file;
    const options: Parameters<typeof importChat>[1] = { format: format as 'auto' | ChatFormat, timeZone };
    if (order !== undefined) options.dateOrder = order as DateOrder;
    if (values.chat !== undefined) options.chat = values.chat as string;
    let archive: Awaited<ReturnType<typeof importChat>>;
    try {
      archive = await importChat({ fileName, bytes }, options);
    } catch (error) {
      if (error instanceof ChatImportError) {
        io.stderr(`records parse: ${error.name}: ${error.message}\n`);
        return 1;
      }
      throw error;
    }
    const c = archive.conversation;
    const out = {
      format: c.source.format,
      variant: c.source.variant,
      title: c.title,
      timeZone: c.timeZone,
      source: { fileName: c.source.fileName, sha256: c.source.sha256 },
      participants: c.participants,
      messages: c.messages.map((m) => ({
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
