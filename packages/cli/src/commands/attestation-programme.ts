/**
 * `records attestation` subcommands for running the programme: the day's reminders (for cron), the monthly device
 * spot check draw, and the course as a SCORM 1.2 or cmi5 package for the trust's learning system. The attestation
 * and course-export packages load only when one of these runs.
 */
import { resolve } from 'node:path';
import { type CommandIO, UsageError } from '../command.ts';
import { dateOption, parseCommandArgs } from '../options.ts';

type Attestation = typeof import('@im-records/attestation');
type Store = import('@im-records/attestation').Store;

/** Opens the service's database (DATABASE_URL) for one command. */
export async function withStore<T>(work: (lib: Attestation, store: Store) => Promise<T>): Promise<T> {
  const lib = await import('@im-records/attestation');
  const database = await lib.openDatabase({ url: process.env.DATABASE_URL });
  try {
    return await work(lib, lib.storeOf(database, lib.systemClock));
  } finally {
    await database.close();
  }
}

/** The trust's settings file (TRUST_SETTINGS_FILE or content/trust/settings.yaml above the current folder). */
async function trustSettings() {
  const { findTrustSettingsFile, loadTrustSettings } = await import('@im-records/course/node');
  return loadTrustSettings(findTrustSettingsFile(process.env, process.cwd()));
}

/** `reminders run [--dry-run] [--as-of DATE] [--json]` */
export async function remindersRun(args: string[], io: CommandIO): Promise<number> {
  const { values } = parseCommandArgs(
    args,
    { 'dry-run': { type: 'boolean' }, 'as-of': { type: 'string' }, json: { type: 'boolean' } },
    { allowPositionals: false },
  );
  const asOf = dateOption(values['as-of'], '--as-of');
  const { holidayDivisionOf, formatLongDate } = await import('@im-records/records-policy');
  const trust = await trustSettings();
  const division = holidayDivisionOf(trust.settings.division);
  const publicUrl = (process.env.ATTESTATION_PUBLIC_URL ?? 'http://127.0.0.1:4323').replace(/\/$/, '');
  const trustName =
    process.env.ATTESTATION_ISSUER ?? (trust.file ? trust.settings.organisation.name : 'Demo NHS Foundation Trust');
  return withStore(async (lib, store) => {
    let smtp: ReturnType<Attestation['smtpSettingsFrom']>;
    try {
      smtp = lib.smtpSettingsFrom(process.env);
    } catch (error) {
      throw new UsageError((error as Error).message);
    }
    const dryRun = values['dry-run'] === true;
    const mailer = smtp && !dryRun ? await lib.smtpMailer(smtp) : null;
    try {
      const report = await lib
        .runReminders(store, {
          actor: 'cli',
          ...(asOf ? { asOf } : {}),
          division,
          dryRun,
          mailer,
          context: { trustName, signInUrl: `${publicUrl}/sign-in` },
        })
        .catch((error: unknown) => {
          // The rules name their field asOf; here it is the --as-of option.
          if (error instanceof lib.AttestationError && error.message.startsWith('asOf: '))
            error.message = `--as-of: ${error.message.slice('asOf: '.length)}`;
          throw error;
        });
      if (values.json === true) {
        // Recipients by id, never by address: this output ends up in cron logs.
        const { messages, ...counts } = report;
        io.stdout(
          `${JSON.stringify(
            {
              ...counts,
              delivery: smtp ? 'smtp' : 'mail-merge',
              messages: messages.map((m) => ({
                recipient: m.recipient,
                kinds: m.kinds,
                items: m.items,
                subject: m.subject,
              })),
            },
            null,
            2,
          )}\n`,
        );
        return report.failed > 0 ? 1 : 0;
      }
      const day = formatLongDate(report.runOn, { weekday: true });
      if (!report.enabled) io.stdout(`Reminders are turned off (an IG lead can turn them on in the service).\n`);
      else if (!report.workingDay) io.stdout(`${day} is not a working day in ${division}: no reminders.\n`);
      else {
        const verb = dryRun ? 'would plan' : 'planned';
        io.stdout(
          `Reminders for ${day} (${division}): ${verb} ${report.planned} e-mail${report.planned === 1 ? '' : 's'}; ${report.heldByCap} waiting for the weekly limit; ${report.noEmail} people without an e-mail address; ${report.onLeave} on leave.\n`,
        );
        if (dryRun) io.stdout('Dry run: nothing was written or sent.\n');
        else if (mailer) io.stdout(`Sent ${report.sent} through ${mailer.label}; ${report.failed} failed.\n`);
        else
          io.stdout(
            `No SMTP server is configured (SMTP_URL): ${report.forMailMerge} message${report.forMailMerge === 1 ? ' waits' : 's wait'} for the mail-merge download on the service's Reminders page.\n`,
          );
      }
      return report.failed > 0 ? 1 : 0;
    } finally {
      await mailer?.close();
    }
  });
}

/** `spot-check draw --month YYYY-MM --size N --seed S [--stratify department|none] [--exclude-months N] [--dry-run] [--json]` */
export async function spotCheckDraw(args: string[], io: CommandIO): Promise<number> {
  const { values } = parseCommandArgs(
    args,
    {
      month: { type: 'string' },
      size: { type: 'string' },
      seed: { type: 'string' },
      stratify: { type: 'string' },
      'exclude-months': { type: 'string' },
      'as-of': { type: 'string' },
      'dry-run': { type: 'boolean' },
      json: { type: 'boolean' },
    },
    { allowPositionals: false },
  );
  const month = values.month;
  if (typeof month !== 'string' || !/^\d{4}-(0[1-9]|1[0-2])$/.test(month))
    throw new UsageError('--month YYYY-MM is required (for example --month 2026-03)');
  const whole = (name: string, value: unknown): number | undefined => {
    if (value === undefined) return undefined;
    if (!/^\d+$/.test(String(value))) throw new UsageError(`--${name} must be a whole number (got '${String(value)}')`);
    return Number(value);
  };
  const size = whole('size', values.size);
  const excludeMonths = whole('exclude-months', values['exclude-months']);
  const stratify = values.stratify;
  if (stratify !== undefined && stratify !== 'department' && stratify !== 'none')
    throw new UsageError(`--stratify must be department or none (got '${String(stratify)}')`);
  const asOf = dateOption(values['as-of'], '--as-of');
  return withStore(async (lib, store) => {
    const draw = await lib.drawSpotChecks(store, 'cli', {
      month,
      ...(size !== undefined ? { size } : {}),
      ...(typeof values.seed === 'string' ? { seed: values.seed } : {}),
      ...(stratify ? { stratify } : {}),
      ...(excludeMonths !== undefined ? { excludeMonths } : {}),
      ...(asOf ? { drawnOn: asOf } : {}),
      dryRun: values['dry-run'] === true,
    });
    if (values.json === true) {
      io.stdout(`${JSON.stringify(draw, null, 2)}\n`);
      return 0;
    }
    io.stdout(
      `${draw.dryRun ? 'Would draw' : 'Drew'} ${draw.people.length} of ${draw.eligible} eligible people for ${draw.month} (seed ${draw.seed}, ${draw.stratify === 'department' ? 'in proportion to each department' : 'from the whole trust'}; roster SHA-256 ${draw.rosterSha256.slice(0, 16)}…):\n`,
    );
    for (const p of draw.people) io.stdout(`  ${p.employeeNumber}  ${p.department}\n`);
    if (draw.dryRun) io.stdout('Dry run: nothing was written.\n');
    return 0;
  });
}

/** `export-course --format scorm12|cmi5 --out FILE.zip [--trust FILE] [--identifier ID] [--reporting MODE] [--iri-base IRI] [--json]` */
export async function exportCourseCommand(args: string[], io: CommandIO): Promise<number> {
  const { values } = parseCommandArgs(
    args,
    {
      format: { type: 'string' },
      out: { type: 'string' },
      content: { type: 'string' },
      trust: { type: 'string' },
      identifier: { type: 'string' },
      reporting: { type: 'string' },
      'iri-base': { type: 'string' },
      json: { type: 'boolean' },
    },
    { allowPositionals: false },
  );
  const format = values.format;
  if (format !== 'scorm12' && format !== 'cmi5') throw new UsageError('--format must be scorm12 or cmi5');
  if (typeof values.out !== 'string' || values.out === '') throw new UsageError('--out FILE.zip is required');
  const reportings = ['passed-failed', 'passed-incomplete', 'completed-failed', 'completed-incomplete'] as const;
  const reporting = values.reporting as (typeof reportings)[number] | undefined;
  if (reporting !== undefined && !reportings.includes(reporting))
    throw new UsageError(`--reporting must be one of ${reportings.join(', ')}`);
  const { exportCourse } = await import('@im-records/course-export');
  let result: Awaited<ReturnType<typeof exportCourse>>;
  try {
    result = await exportCourse({
      format,
      out: resolve(values.out),
      ...(typeof values.content === 'string' ? { contentDir: resolve(values.content) } : {}),
      ...(typeof values.trust === 'string' ? { trustFile: resolve(values.trust) } : {}),
      ...(typeof values.identifier === 'string' ? { identifier: values.identifier } : {}),
      ...(reporting ? { reporting } : {}),
      ...(typeof values['iri-base'] === 'string' ? { iriBase: values['iri-base'] } : {}),
    });
  } catch (error) {
    if (error instanceof TypeError) throw new UsageError(error.message);
    throw error;
  }
  const { summary } = result;
  if (values.json === true) {
    io.stdout(`${JSON.stringify(summary, null, 2)}\n`);
    return 0;
  }
  const kb = Math.round(summary.size / 1024).toLocaleString('en-GB');
  io.stdout(
    `Wrote ${summary.file}: ${format === 'scorm12' ? 'SCORM 1.2' : 'cmi5'} package of "${summary.courseTitle}" version ${summary.courseVersion}\n` +
      `Size: ${summary.size.toLocaleString('en-GB')} bytes (${kb} KB), ${summary.files} files; SHA-256 ${summary.sha256}\n` +
      `Trust settings: ${summary.trustSettings ?? "none found, so the course's defaults"}\n` +
      `${summary.pages} guidance pages; ${summary.questionCount} questions drawn from ${summary.questions}; pass mark ${Math.round(summary.passMark * 100)}%\n`,
  );
  return 0;
}
