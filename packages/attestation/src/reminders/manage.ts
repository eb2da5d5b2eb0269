/**
 * What IG leads and managers do around the reminder runs: see what went out (runs by day, failures, a message's
 * text), download the messages waiting for a mail merge when there is no SMTP server, and pause reminders for
 * someone on leave.
 */
import { addMonthsClamped, compareDates, type IsoDate, isIsoDate } from '@im-records/records-policy';
import { type Actor, requireDepartment, requireRole } from '../access.ts';
import { appendAudit } from '../audit/log.ts';
import { ukDate } from '../clock.ts';
import { ForbiddenError, NotFoundError, ValidationError } from '../errors.ts';
import { toCsv } from '../roster/csv.ts';
import { inTransaction, type Store } from '../store.ts';

/** One run day's messages by status. */
export interface ReminderDay {
  runOn: IsoDate;
  total: number;
  sent: number;
  waiting: number;
  failed: number;
  mailMerge: number;
  exported: number;
}

/** Runs by day (newest first, up to `days`), the messages waiting for a mail merge, and the latest failures. */
export async function reminderOverview(store: Store, actor: Actor, days = 12) {
  requireRole(actor, 'ig-lead');
  const rows = await store.db
    .selectFrom('reminder_sends')
    .select(['run_on', 'status', (eb) => eb.fn.countAll<number>().as('n')])
    .groupBy(['run_on', 'status'])
    .execute();
  const byDay = new Map<string, ReminderDay>();
  for (const row of rows) {
    let day = byDay.get(row.run_on);
    if (!day) {
      day = { runOn: row.run_on as IsoDate, total: 0, sent: 0, waiting: 0, failed: 0, mailMerge: 0, exported: 0 };
      byDay.set(row.run_on, day);
    }
    const n = Number(row.n);
    day.total += n;
    if (row.status === 'sent') day.sent += n;
    else if (row.status === 'failed') day.failed += n;
    else if (row.status === 'mail-merge') day.mailMerge += n;
    else if (row.status === 'exported') day.exported += n;
    else day.waiting += n;
  }
  const runs = [...byDay.values()].sort((a, b) => compareDates(b.runOn, a.runOn)).slice(0, days);
  const failures = await store.db
    .selectFrom('reminder_sends')
    .select(['id', 'run_on', 'email', 'subject', 'error', 'attempts'])
    .where('status', '=', 'failed')
    .orderBy('run_on', 'desc')
    .limit(20)
    .execute();
  const latest = await store.db
    .selectFrom('reminder_sends')
    .select(['id', 'run_on', 'email', 'subject', 'body', 'status'])
    .orderBy('run_on', 'desc')
    .orderBy('created_at', 'desc')
    .orderBy('id')
    .limit(3)
    .execute();
  const mailMerge = runs.reduce((sum, d) => sum + d.mailMerge, 0);
  return { runs, failures, latest, mailMerge };
}

/**
 * The messages waiting for a mail merge (no SMTP server), as CSV: e-mail, subject and body (one message a row, the
 * body's lines kept in its quoted cell). Downloading marks them handed over, so the weekly cap counts them and the
 * next download holds only newer ones. Recorded in the audit log with the count.
 */
export async function mailMergeCsv(store: Store, actor: Actor): Promise<{ csv: string; count: number }> {
  requireRole(actor, 'ig-lead');
  return inTransaction(store, async (tx) => {
    const rows = await tx.db
      .selectFrom('reminder_sends')
      .select(['id', 'run_on', 'email', 'subject', 'body'])
      .where('status', '=', 'mail-merge')
      .orderBy('run_on')
      .orderBy('email')
      .execute();
    if (rows.length > 0) {
      await tx.db
        .updateTable('reminder_sends')
        .set({ status: 'exported', sent_at: tx.clock().toISOString() })
        .where(
          'id',
          'in',
          rows.map((r) => r.id),
        )
        .execute();
    }
    await appendAudit(tx, { actor: actor.accountId, type: 'reminders.exported', data: { messages: rows.length } });
    return {
      csv: toCsv(
        ['email', 'subject', 'body', 'run_on'],
        rows.map((r) => [r.email, r.subject, r.body, r.run_on]),
      ),
      count: rows.length,
    };
  });
}

/** The longest a reminder pause may run, from today (a year of leave, such as maternity leave). */
export const MAX_PAUSE_MONTHS = 12;

/**
 * Pauses reminders to and about someone on leave until a date (inclusive), or lifts the pause (`until` null). They stay
 * in scope: their figures still count. Managers for their own departments, IG leads for anyone.
 */
export async function setReminderPause(
  store: Store,
  actor: Actor,
  personId: string,
  until: string | null,
): Promise<void> {
  requireRole(actor, 'manager', 'ig-lead');
  if (until !== null) {
    if (!isIsoDate(until)) throw new ValidationError('until: must be a real date (YYYY-MM-DD)');
    const today = ukDate(store.clock());
    if (compareDates(until, today) < 0) throw new ValidationError('until: must be today or later');
    // A pause is for leave; beyond a year it would quietly take someone out of the programme, which is an exclusion
    // with a reason, recorded as such by an IG lead.
    if (compareDates(until, addMonthsClamped(today, MAX_PAUSE_MONTHS)) > 0) {
      throw new ValidationError(
        `until: must be within ${MAX_PAUSE_MONTHS} months; for longer, an IG lead can take the person out of scope with a reason`,
      );
    }
  }
  // Reminders are what chase a person: nobody turns off their own.
  if (actor.person !== null && actor.person === personId) {
    throw new ForbiddenError('You cannot pause your own reminders: ask your line manager or the IG team.');
  }
  await inTransaction(store, async (tx) => {
    const person = await tx.db
      .selectFrom('people')
      .select(['id', 'department_id'])
      .where('id', '=', personId)
      .executeTakeFirst();
    if (!person) throw new NotFoundError('no such person');
    requireDepartment(actor, person.department_id);
    if (until === null) await tx.db.deleteFrom('reminder_pauses').where('person', '=', personId).execute();
    else {
      const values = { until, set_by: actor.accountId, set_at: tx.clock().toISOString() };
      await tx.db
        .insertInto('reminder_pauses')
        .values({ person: personId, ...values })
        .onConflict((oc) => oc.column('person').doUpdateSet(values))
        .execute();
    }
    await appendAudit(tx, {
      actor: actor.accountId,
      type: 'reminders.paused',
      subject: personId,
      data: { until },
    });
  });
}

/** The day reminders to someone are paused until, if they are. */
export async function reminderPauseOf(store: Store, personId: string): Promise<IsoDate | null> {
  const row = await store.db
    .selectFrom('reminder_pauses')
    .select('until')
    .where('person', '=', personId)
    .where('until', '>=', ukDate(store.clock()))
    .executeTakeFirst();
  return (row?.until as IsoDate | undefined) ?? null;
}
