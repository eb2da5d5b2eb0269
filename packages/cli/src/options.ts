/**
 * Option and input handling shared by the commands, so every command reports bad input the same way: one line, exit 2.
 * Node-only (files, parseArgs): the packages the commands call stay free of Node APIs.
 */
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { type ParseArgsConfig, parseArgs } from 'node:util';
import { type ImportedArchive, importChat } from '@im-records/chat-import';
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
