/** A sub-command of `records`: parses its own arguments and writes its result to stdout. */
export interface Command {
  name: string;
  /** One line for `records --help`. */
  summary: string;
  /** Full usage text for `records NAME --help`. */
  usage: string;
  /** Runs the command; returns the process exit code. Throws {@link UsageError} for bad input. */
  run(args: string[], io: CommandIO): Promise<number>;
}

/** Where a command writes; tests pass their own. */
export interface CommandIO {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

/** Bad input from the user (an impossible date, an unknown option): printed as one line, exit code 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}
