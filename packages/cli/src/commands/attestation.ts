import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { type Command, type CommandIO, UsageError } from '../command.ts';
import { dateOption, parseCommandArgs } from '../options.ts';
import { exportCourseCommand, remindersRun, spotCheckDraw, withStore } from './attestation-programme.ts';

const usage = `Usage: records attestation <subcommand> [options]

Works on the policy attestation service's database: DATABASE_URL (a postgres:// URL, or a SQLite file;
default data/attestation.sqlite in the current folder).

Subcommands:
  roster import FILE.csv [--as-of YYYY-MM-DD] [--dry-run] [--strict] [--json]
                         import an ESR-style roster; --as-of names the day the extract is of (default today; not
                         later), from which its changes count in reports; --dry-run shows what would change and
                         writes nothing; --strict refuses the whole file when any row is rejected; --json prints
                         {"added","updated","unchanged","leavers","rejected":[{"line","reason"}]}
  report [--format csv|json] [--as-of YYYY-MM-DD]
                         completion by department (default CSV, as of today)
  audit verify           recompute the audit log's hash chain and checkpoints; exit 1 naming the first bad entry
  user add EMAIL --role staff|manager|ig-lead|admin [--department ID]... [--password-stdin]
                         add an account (single sign-on only unless a password is read from standard input)
  reminders run [--dry-run] [--as-of YYYY-MM-DD] [--json]
                         plan and send the day's reminder e-mails (for cron: safe to run twice or on two machines;
                         --as-of is today or, to preview, a later day);
                         SMTP_URL and SMTP_FROM name the mail server, otherwise the messages wait for the service's
                         mail-merge download; nothing on weekends or the trust's bank holidays (its division, from
                         TRUST_SETTINGS_FILE or content/trust/settings.yaml); ATTESTATION_PUBLIC_URL for the sign-in link
  spot-check draw --month YYYY-MM [--size N] [--seed S] [--stratify department|none] [--exclude-months N]
                  [--as-of YYYY-MM-DD] [--dry-run] [--json]
                         draw the month's device spot check sample, reproducibly from the seed and the day's roster;
                         --json lists the people drawn with their employee numbers
  export-course --format scorm12|cmi5 --out FILE.zip [--trust FILE] [--identifier ID] [--reporting MODE] [--iri-base IRI] [--json]
                         the course as a SCORM 1.2 package (ESR OLM and most learning systems) or a cmi5 package,
                         the same bytes for the same content; prints its size

Exit codes: 0 done, 1 refused (bad file, broken log, rows rejected with --strict, a reminder that failed), 2 bad options.
`;

async function readText(path: string): Promise<string> {
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(await readFile(path));
  } catch (error) {
    throw new UsageError(`cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? String(error)}.`);
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new UsageError(`${path} is not UTF-8 text: save the roster as CSV UTF-8.`);
  }
}

async function rosterImport(args: string[], io: CommandIO): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, {
    'dry-run': { type: 'boolean' },
    strict: { type: 'boolean' },
    json: { type: 'boolean' },
    'as-of': { type: 'string' },
  });
  if (positionals.length !== 1 || !positionals[0]) throw new UsageError('expected exactly one roster FILE.csv');
  const asOf = dateOption(values['as-of'], '--as-of');
  const file = positionals[0];
  const text = await readText(file);
  return withStore(async (lib, store) => {
    let report: import('@im-records/attestation').RosterImportReport;
    let code = 0;
    try {
      report = await lib.importRoster(store, text, {
        actor: 'cli',
        dryRun: values['dry-run'] === true,
        strict: values.strict === true,
        ...(asOf ? { asOf } : {}),
      });
    } catch (error) {
      // The rules name their field asOf; here it is the --as-of option.
      if (error instanceof lib.AttestationError && error.message.startsWith('asOf: ')) {
        error.message = `--as-of: ${error.message.slice('asOf: '.length)}`;
        throw error;
      }
      if (!(error instanceof lib.StrictRosterError) || values.json !== true) {
        if (error instanceof lib.RosterFileError) throw new lib.RosterFileError(`${basename(file)}: ${error.message}`);
        throw error;
      }
      report = error.report;
      code = 1;
    }
    if (values.json === true) {
      const { asOf: dated, added, updated, unchanged, leavers, rejected, changes } = report;
      io.stdout(`${JSON.stringify({ asOf: dated, added, updated, unchanged, leavers, rejected, changes }, null, 2)}\n`);
      return code;
    }
    const verb = report.dryRun ? 'Would import' : 'Imported';
    io.stdout(
      `${verb} ${basename(file)}${asOf ? ` as of ${asOf}` : ''}: ${report.added} added, ${report.updated} updated, ${report.unchanged} unchanged, ${report.leavers} leavers, ${report.rejected.length} rejected (${report.rows} rows).\n`,
    );
    for (const row of report.rejected) io.stdout(`  line ${row.line}: ${row.reason}\n`);
    if (report.changes.length > 0) {
      io.stdout(`${report.dryRun ? 'Would change' : 'Changed'} for people already on the roster:\n`);
      for (const line of lib.rosterChangeLines(report.changes)) io.stdout(`  ${line}\n`);
    }
    if (report.notInFile > 0)
      io.stdout(
        report.notInFile === 1
          ? '1 person on the roster is not in this file; they were left as they are.\n'
          : `${report.notInFile} people on the roster are not in this file; they were left as they are.\n`,
      );
    if (report.keptColumns.length > 0)
      io.stdout(
        `The file has no ${report.keptColumns.join(', ')} column${report.keptColumns.length > 1 ? 's' : ''}: people already on the roster keep those details as they are.\n`,
      );
    if (report.dryRun) io.stdout('Dry run: nothing was written.\n');
    return code;
  });
}

async function report(args: string[], io: CommandIO): Promise<number> {
  const { values } = parseCommandArgs(
    args,
    { format: { type: 'string' }, 'as-of': { type: 'string' } },
    { allowPositionals: false },
  );
  const format = (values.format as string | undefined) ?? 'csv';
  if (format !== 'csv' && format !== 'json') throw new UsageError(`--format must be csv or json (got '${format}')`);
  const asOf = dateOption(values['as-of'], '--as-of');
  return withStore(async (lib, store) => {
    const result = await lib.completionReport(store, asOf ?? lib.ukDate(store.clock()));
    io.stdout(format === 'csv' ? lib.reportCsv(result) : `${JSON.stringify(result, null, 2)}\n`);
    return 0;
  });
}

async function auditVerify(args: string[], io: CommandIO): Promise<number> {
  parseCommandArgs(args, {}, { allowPositionals: false });
  return withStore(async (lib, store) => {
    const result = await lib.verifyAudit(store);
    if (result.ok) {
      io.stdout(`Audit log intact: ${result.entries} entries, ${result.checkpoints} signed checkpoints.\n`);
      return 0;
    }
    io.stderr(
      `records attestation audit verify: the audit log is broken at entry ${result.firstBad?.seq}: ${result.firstBad?.reason}.\n`,
    );
    return 1;
  });
}

async function readPassword(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
}

async function userAdd(args: string[], io: CommandIO): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, {
    role: { type: 'string' },
    department: { type: 'string', multiple: true },
    'password-stdin': { type: 'boolean' },
  });
  if (positionals.length !== 1 || !positionals[0]) throw new UsageError('expected exactly one EMAIL');
  const role = values.role;
  if (typeof role !== 'string') throw new UsageError('--role is required (staff, manager, ig-lead or admin)');
  return withStore(async (lib, store) => {
    if (!lib.isRole(role)) throw new UsageError(`--role must be staff, manager, ig-lead or admin (got '${role}')`);
    const password = values['password-stdin'] === true ? await readPassword() : undefined;
    const departments = (values.department as string[] | undefined) ?? [];
    if (departments.length > 0 && role !== 'manager') throw new UsageError('--department is for managers only');
    const id = await lib.createAccount(store, 'cli', { email: positionals[0] ?? '', role, password, departments });
    io.stdout(`Added ${role} account ${id}${password === undefined ? ' (single sign-on only)' : ''}.\n`);
    return 0;
  });
}

/**
 * `records attestation`: roster import, report, audit verification, accounts, reminders, spot check draws and the course
 * export, for cron jobs and batch work.
 */
export const attestationCommand: Command = {
  name: 'attestation',
  summary: 'Policy attestation service: roster, report, audit, users, reminders, spot checks, course export',
  usage,
  async run(args, io) {
    const [first, second, ...rest] = args;
    if (first === 'roster' && second === 'import') return rosterImport(rest, io);
    if (first === 'report') return report(args.slice(1), io);
    if (first === 'audit' && second === 'verify') return auditVerify(rest, io);
    if (first === 'user' && second === 'add') return userAdd(rest, io);
    if (first === 'reminders' && second === 'run') return remindersRun(rest, io);
    if (first === 'spot-check' && second === 'draw') return spotCheckDraw(rest, io);
    if (first === 'export-course') return exportCourseCommand(args.slice(1), io);
    throw new UsageError(
      `unknown subcommand '${[first, second].filter(Boolean).join(' ')}': use roster import, report, audit verify, user add, reminders run, spot-check draw or export-course`,
    );
  },
};
