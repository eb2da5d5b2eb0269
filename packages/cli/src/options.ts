/**
 * Option and input handling shared by the commands, so every command reports bad input the same way: one line, exit 2.
 * Node-only (files, parseArgs): the packages the commands call stay free of Node APIs.
 */
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { type ParseArgsConfig, parseArgs } from 'node:util';
import { type Conversation, type DateOrder, type ImportedArchive, importChat } from '@im-records/chat-import';
import { InvalidDateError, type IsoDate, parseIsoDate } from '@im-records/records-policy';
import { UsageError } from './command.ts';

/** Option values as parseArgs returns them; each command narrows the ones it declared. */
export type OptionValues = Record<string, string | boolean | (string | boolean)[] | undefined>;

/** Parses a command's arguments; an unknown or malformed option becomes a one-line {@link UsageError}. */
export function parseCommandArgs(
  args: string[],
  options: NonNullable<ParseArgsConfig['options']>,
  { allowPositionals = true }: { allowPositionals?: boolean } = {},
): { values: OptionValues; positionals: string[] } {
  try {
    const { values, positionals } = parseArgs({ args, options, allowPositionals, strict: true });
    return { values: values as OptionValues, positionals };
  } catch (error) {
    // Some parseArgs messages span several lines; UsageError prints one.
    const message = error instanceof Error ? error.message : String(error);
    throw new UsageError(message.replace(/\s*\n\s*/g, ' '));
  }
}

/** The single FILE a command works on. */
export function onlyFile(positionals: readonly string[]): string {
  const [file] = positionals;
  if (positionals.length !== 1 || file === undefined) {
    throw new UsageError(`expected exactly one FILE, got ${positionals.length}.`);
  }
  return file;
}

/** The `--timezone` option: an IANA zone the export's local times are read in (default Europe/London). */
export function timeZoneOption(value: OptionValues[string]): string {
  const timeZone = typeof value === 'string' ? value : 'Europe/London';
  try {
    new Intl.DateTimeFormat('en-GB', { timeZone });
  } catch {
    throw new UsageError(`--timezone '${timeZone}' is not an IANA time zone (e.g. Europe/London).`);
  }
  return timeZone;
}

/**
 * A date option (`--as-of 2026-03-02`): undefined when not given; a date that is not real (2026-02-30) or not
 * YYYY-MM-DD is a usage error naming the option (exit 2).
 */
export function dateOption(value: OptionValues[string], option: string): IsoDate | undefined {
  if (value === undefined) return undefined;
  try {
    return parseIsoDate(String(value), option);
  } catch (error) {
    if (error instanceof InvalidDateError) throw new UsageError(error.message);
    throw error;
  }
}

/** The options every command that reads an export takes, so `redact` and `package` read it as `parse` does. */
export const importArgs = {
  timezone: { type: 'string' },
  'date-order': { type: 'string' },
  chat: { type: 'string' },
} as const;

/** The help text of {@link importArgs}, for each command's usage. */
export const importUsage = `  --timezone ZONE             IANA zone the export's local times are read in (default Europe/London)
  --date-order dmy|mdy|ymd    day/month order of a WhatsApp export's dates (default: inferred from the whole file;
                              when no day is above 12 it cannot be, and the import warns: say how the phone writes them)
  --chat NAME                 the chat to read when the export holds several (a Telegram full export, a Slack
                              channel, a zip of several WhatsApp or Signal chats); the error lists the names`;

const DATE_ORDERS: readonly string[] = ['dmy', 'mdy', 'ymd'];

/** The import options {@link importArgs} give: time zone, day/month order and chat, checked. */
export function readImportOptions(values: OptionValues): { timeZone: string; dateOrder?: DateOrder; chat?: string } {
  const options: { timeZone: string; dateOrder?: DateOrder; chat?: string } = {
    timeZone: timeZoneOption(values.timezone),
  };
  const order = values['date-order'];
  if (order !== undefined) {
    if (typeof order !== 'string' || !DATE_ORDERS.includes(order))
      throw new UsageError(`--date-order must be dmy, mdy or ymd, not '${String(order)}'.`);
    options.dateOrder = order as DateOrder;
  }
  if (typeof values.chat === 'string') options.chat = values.chat;
  return options;
}

/** Reads a file the user named; a missing or unreadable file is bad input, reported with its path. */
export async function readInputFile(path: string): Promise<Uint8Array> {
  try {
    return new Uint8Array(await readFile(path));
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? (error instanceof Error ? error.message : String(error));
    throw new UsageError(`cannot read ${path}: ${reason}.`);
  }
}

/**
 * Reads and imports a chat export. A file that is not a chat export (chat-import's errors) is not a usage error: it
 * propagates, and `records` prints its name and message and exits 1.
 */
export async function importExportFile(
  path: string,
  options: Parameters<typeof importChat>[1] = {},
): Promise<ImportedArchive> {
  const bytes = await readInputFile(path);
  return importChat({ fileName: basename(path), bytes }, options);
}

/** How many of an export's warnings `records redact` and `records package` print one by one before counting the rest. */
const IMPORT_WARNINGS_LISTED = 20;

/**
 * What the import found to check in the export (a line kept in the message above it because it could not be read as a
 * message of its own, times going backwards, unreadable characters, a missing attachment), for stderr, or undefined
 * when there is nothing. The browser tool shows the same list on the export's card; a batch run must not disclose the
 * export without the officer having seen it. `records parse` prints every warning as JSON.
 */
export function importWarningsText(
  file: string,
  conversation: Pick<Conversation, 'warnings' | 'source'>,
): string | undefined {
  const { warnings, source } = conversation;
  if (warnings.length === 0) return undefined;
  const lines = warnings.slice(0, IMPORT_WARNINGS_LISTED).map((w) => {
    // Most messages name their line already ("Line 15 looks like…").
    const named = new RegExp(`\\bline ${w.line}\\b`, 'i').test(w.message);
    const where = [w.file !== source.fileName ? w.file : undefined, w.line > 0 && !named ? `line ${w.line}` : undefined]
      .filter(Boolean)
      .join(' ');
    // The browser tool offers the other order as a choice on the card; here it is an option.
    const hint = w.code === 'date-order' ? ' (--date-order dmy or --date-order mdy says which)' : '';
    return `  ${where ? `${where}: ` : ''}${w.message.replace(/\s*\n\s*/g, ' ')}${hint}\n`;
  });
  const more = warnings.length - IMPORT_WARNINGS_LISTED;
  if (more > 0) lines.push(`  … and ${more} more ('records parse ${file}' lists them all)\n`);
  const count = warnings.length === 1 ? '1 thing' : `${warnings.length} things`;
  return `warning: ${file}: the import found ${count} to check in the export before disclosing it:\n${lines.join('')}`;
}
