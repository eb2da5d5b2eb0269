/**
 * Evidence exports for IG leads: the evidence pack (PDF) and the completion report and people lists (CSV), each as of
 * a date. Exporting is recorded in the audit log after the file is made, so the export itself does not change what the
 * next export of the same date contains. The entry holds the file's SHA-256: an auditor handed a pack or a CSV months
 * later can hash it and find the entry, which shows the service made that very file, when and for whom.
 */
import { createHash } from 'node:crypto';
import { addDays, compareDates, type IsoDate } from '@im-records/records-policy';
import { type Actor, canSeeDepartment, requireDepartment, requireRole } from '../access.ts';
import { appendAudit, type Checkpoint } from '../audit/log.ts';
import { ukDate, ukDayStart } from '../clock.ts';
import { ValidationError } from '../errors.ts';
import { departmentsOn, isPast, peopleOn, settingsOn } from '../history/as-of.ts';
import type { Ed25519PublicJwk } from '../keys.ts';
import { toCsv } from '../roster/csv.ts';
import { versionsInForce } from '../rules/status.ts';
import { spotCheckResults } from '../spot-checks/results.ts';
import { computeStatuses, loadVersionFacts } from '../status-store.ts';
import type { Store } from '../store.ts';
import { buildEvidencePdf } from './evidence-pdf.ts';
import { completionReport, reportCsv } from './report.ts';

/**
 * Evidence is of the records as they stand: dated after today it would state completion on a day not yet come (a pack
 * "as of" next March's DSPT deadline, made in December, shows everyone not yet renewed as overdue) and would change
 * with every record made until then.
 */
function requireNotAfterToday(store: Store, asOf: IsoDate): void {
  const today = ukDate(store.clock());
  if (compareDates(asOf, today) > 0) {
    throw new ValidationError(
      `asOf: evidence is of the records as they stand, so it can be dated today (${today}) at the latest`,
    );
  }
}

/** The SHA-256 of an exported file as `sha256sum` prints it (a CSV is hashed as the UTF-8 bytes it is sent as). */
function sha256Of(file: Uint8Array | string): string {
  return createHash('sha256').update(file).digest('hex');
}

/**
 * The roster import a day's figures rest on: the last import as of that day (a file is as of the UK day it was
 * imported unless it named an earlier one), and of those the one made last.
 */
export async function rosterImportOn(store: Store, asOf: IsoDate) {
  return store.db
    .selectFrom('roster_imports')
    .selectAll()
    .where('as_of', '<=', asOf)
    .orderBy('as_of', 'desc')
    .orderBy('at', 'desc')
    .limit(1)
    .executeTakeFirst();
}

/** The evidence pack as of a date. */
export async function evidencePack(
  store: Store,
  actor: Actor | 'cli',
  asOf: IsoDate,
  issuer: string,
): Promise<Uint8Array> {
  if (actor !== 'cli') requireRole(actor, 'ig-lead');
  requireNotAfterToday(store, asOf);
  // The end of the UK day: in summer an import at 23:30 UTC is made on the next day, after the pack for this one.
  const endOfDay = ukDayStart(addDays(asOf, 1)).toISOString();
  const [report, versions, settings, spotChecks] = await Promise.all([
    completionReport(store, asOf),
    loadVersionFacts(store),
    settingsOn(store, asOf),
    spotCheckResults(store, 'evidence', asOf),
  ]);
  const inForce = [...versionsInForce(versions, asOf).values()].flat();
  const roster = await rosterImportOn(store, asOf);
  const checkpointRow = await store.db
    .selectFrom('audit_checkpoints')
    .selectAll()
    .where('at', '<', endOfDay)
    .orderBy('seq', 'desc')
    .limit(1)
    .executeTakeFirst();
  let checkpoint: (Checkpoint & { publicJwk: Ed25519PublicJwk | null }) | null = null;
  if (checkpointRow) {
    const key = await store.db
      .selectFrom('signing_keys')
      .select('public_jwk')
      .where('kid', '=', checkpointRow.key_id)
      .executeTakeFirst();
    checkpoint = {
      log: 'im-records-attestation-audit',
      seq: checkpointRow.seq,
      hash: checkpointRow.hash,
      at: checkpointRow.at,
      keyId: checkpointRow.key_id,
      signature: checkpointRow.signature,
      publicJwk: key ? (JSON.parse(key.public_jwk) as Ed25519PublicJwk) : null,
    };
  }
  const pdf = await buildEvidencePdf({
    issuer,
    report,
    versions: inForce,
    roster: roster
      ? {
          at: roster.at,
          rows: roster.added + roster.updated + roster.unchanged + roster.leavers,
          fileSha256: roster.file_sha256,
        }
      : null,
    checkpoint,
    settings: { dueSoonDays: settings.dueSoonDays, newStarterDays: settings.newStarterDays },
    spotChecks: { draws: spotChecks.draws, items: spotChecks.items, totals: spotChecks.totals },
  });
  await appendAudit(store, {
    actor: actor === 'cli' ? 'cli' : actor.accountId,
    type: 'evidence.exported',
    data: { kind: 'pdf', asOf, sha256: sha256Of(pdf) },
  });
  return pdf;
}

/** The completion report as CSV (IG leads). */
export async function reportCsvExport(store: Store, actor: Actor, asOf: IsoDate): Promise<string> {
  requireRole(actor, 'ig-lead');
  requireNotAfterToday(store, asOf);
  const csv = reportCsv(await completionReport(store, asOf));
  await appendAudit(store, {
    actor: actor.accountId,
    type: 'evidence.exported',
    data: { kind: 'report-csv', asOf, sha256: sha256Of(csv) },
  });
  return csv;
}

/**
 * Everyone the actor may see, with their status as of a date, as CSV, optionally one department and one staff group:
 * what a filtered dashboard shows. Each person is named, placed and counted as they stood on the day. IG leads may
 * ask for any day up to today; managers for today only (their own departments): which departments a manager sees is
 * decided by who they manage now, so a list of a past day for a manager would change whenever their departments did,
 * and evidence of a past day is the IG lead's (the service's evidence page is theirs alone).
 */
export async function peopleCsvExport(
  store: Store,
  actor: Actor,
  asOf: IsoDate,
  departmentId?: string,
  staffGroup?: string,
): Promise<string> {
  requireRole(actor, 'ig-lead', 'manager');
  if (departmentId) requireDepartment(actor, departmentId);
  requireNotAfterToday(store, asOf);
  if (actor.role === 'manager' && isPast(store, asOf)) {
    throw new ValidationError(
      `asOf: a manager's list is of today (${ukDate(store.clock())}): an IG lead exports evidence of an earlier day`,
    );
  }
  const statuses = await computeStatuses(store, asOf);
  // Names and departments as they stood on the day, as the statuses are; the employee number never changes.
  const numbers = new Map(
    (await store.db.selectFrom('people').select(['id', 'employee_number']).execute()).map((p) => [
      p.id,
      p.employee_number,
    ]),
  );
  const byId = new Map((await peopleOn(store, asOf)).map((p) => [p.id, { ...p, employee_number: numbers.get(p.id) }]));
  const departmentNames = new Map((await departmentsOn(store, asOf)).map((d) => [d.id, d.name]));
  const rows = statuses
    .filter(
      (s) =>
        canSeeDepartment(actor, s.departmentId) &&
        (!departmentId || s.departmentId === departmentId) &&
        (!staffGroup || s.staffGroup === staffGroup),
    )
    .map((s) => {
      const p = byId.get(s.person);
      const attestation = s.status.requirements.find((r) => r.kind === 'attestation');
      const training = s.status.requirements.find((r) => r.kind === 'training');
      return [
        p?.employee_number ?? '',
        p ? [p.preferred_name || p.first_name, p.last_name].filter(Boolean).join(' ') : '',
        departmentNames.get(s.departmentId) ?? s.departmentId,
        s.staffGroup,
        s.status.state,
        s.status.compliant ? 'yes' : 'no',
        s.status.dueOn ?? '',
        attestation?.since ?? '',
        training?.since ?? '',
        asOf,
      ];
    })
    .sort(
      (a, b) =>
        String(a[2]).localeCompare(String(b[2])) ||
        String(a[1]).localeCompare(String(b[1])) ||
        String(a[0]).localeCompare(String(b[0])),
    );
  const csv = toCsv(
    [
      'employee_number',
      'name',
      'department',
      'staff_group',
      'state',
      'compliant',
      'due_on',
      'attested_on',
      'completed_on',
      'as_of',
    ],
    rows,
  );
  await appendAudit(store, {
    actor: actor.accountId,
    type: 'evidence.exported',
    data: {
      kind: 'people-csv',
      asOf,
      department: departmentId ?? null,
      staffGroup: staffGroup ?? null,
      sha256: sha256Of(csv),
    },
  });
  return csv;
}

/** An export the audit log records for a file: what it was, its date, and who made it when. */
export interface ExportRecord {
  seq: number;
  /** When it was exported (UTC, ISO). */
  at: string;
  /** The account that exported it (its e-mail), or `cli` for the command line. */
  by: string;
  kind: 'pdf' | 'report-csv' | 'people-csv';
  asOf: IsoDate;
  department: string | null;
  staffGroup: string | null;
}

/**
 * Which export made this file, by its SHA-256 in the audit log (IG leads and admins, who read the log): the first
 * export of those bytes, or null when none did (the service never made it, or it was changed since). Exports logged
 * before their hashes were recorded are not found.
 */
export async function findExport(store: Store, actor: Actor, file: Uint8Array): Promise<ExportRecord | null> {
  requireRole(actor, 'ig-lead', 'admin');
  // The log's data is canonical JSON, so the pair is written exactly so; a hex digest holds no LIKE wildcard.
  const row = await store.db
    .selectFrom('audit_log')
    .leftJoin('accounts', 'accounts.id', 'audit_log.actor')
    .select(['audit_log.seq', 'audit_log.at', 'audit_log.actor', 'audit_log.data', 'accounts.email'])
    .where('audit_log.type', '=', 'evidence.exported')
    .where('audit_log.data', 'like', `%"sha256":"${sha256Of(file)}"%`)
    .orderBy('audit_log.seq')
    .limit(1)
    .executeTakeFirst();
  if (!row) return null;
  const data = JSON.parse(row.data) as {
    kind: ExportRecord['kind'];
    asOf: IsoDate;
    department?: string | null;
    staffGroup?: string | null;
  };
  return {
    seq: row.seq,
    at: row.at,
    by: row.email ?? row.actor,
    kind: data.kind,
    asOf: data.asOf,
    department: data.department ?? null,
    staffGroup: data.staffGroup ?? null,
  };
}
