import { ChatImportError, InvalidArchiveError } from '@im-records/chat-import';
import { BundleError } from '@im-records/disclosure-bundle';
import { RecordsPolicyError } from '@im-records/records-policy';
import { RedactionError } from '@im-records/redaction';
import { type Command, type CommandIO, UsageError } from './command.ts';
import { attestationCommand } from './commands/attestation.ts';
import { deadlineCommand } from './commands/deadline.ts';
import { packageCommand } from './commands/package.ts';
import { parseCommand } from './commands/parse.ts';
import { redactCommand } from './commands/redact.ts';

/** Every sub-command, in the order `records --help` lists them. */
const commands: readonly Command[] = [deadlineCommand, parseCommand, redactCommand, packageCommand, attestationCommand];

const defaultIO: CommandIO = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
};

function overview(): string {
  const lines = commands.map((command) => `  ${command.name.padEnd(10)} ${command.summary}`);
  return `Usage: records <command> [options]\n\nCommands:\n${lines.join('\n')}\n\nRun 'records <command> --help' for a command's options.\n`;
}

/** Entry point of the `records` command; returns the exit code so tests can call it in-process. */
export async function main(argv: readonly string[], io: CommandIO = defaultIO): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h') {
    io.stdout(overview());
    return name === undefined ? 2 : 0;
  }
  const command = commands.find((candidate) => candidate.name === name);
  if (!command) {
    io.stderr(`records: unknown command '${name}'. Commands: ${commands.map((c) => c.name).join(', ')}.\n`);
    return 2;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    io.stdout(command.usage);
    return 0;
  }
  try {
    return await command.run(rest, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`records ${command.name}: ${error.message}\n`);
      return 2;
    }
    io.stderr(`records ${command.name}: ${failureMessage(error)}\n`);
    return 1;
  }
}

/** The attestation package's errors, told by name so `records` does not load that package for other commands. */
const attestationErrors = new Set([
  'AttestationError',
  'ValidationError',
  'RosterFileError',
  'StrictRosterError',
  'NotFoundError',
  'ForbiddenError',
  'ConflictError',
  'SignInError',
  // The course's content errors (a broken course folder given to export-course) name the file and field too.
  'ContentError',
]);

function isAttestationError(error: Error): boolean {
  return attestationErrors.has(error.name);
}

/**
 * What the user reads when a command fails. The packages' own errors (bad input: a file that is not a chat export, a
 * decision that names no message, …) say what and where in their message, which is shown as it is; anything else is a
 * fault in the toolkit, shown with its kind so that a report can name it.
 */
function failureMessage(error: unknown): string {
  // A damaged zip is most often a download or copy that stopped early: say what to do, as the browser tool does.
  if (error instanceof InvalidArchiveError)
    return `${error.message} Export the chat again from the app (or copy the file again), then rerun the command.`;
  if (
    error instanceof ChatImportError ||
    error instanceof RedactionError ||
    error instanceof BundleError ||
    error instanceof RecordsPolicyError ||
    (error instanceof Error && isAttestationError(error))
  ) {
    return error.message;
  }
  const detail = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return `unexpected failure (please report it with the command you ran): ${detail}`;
}
