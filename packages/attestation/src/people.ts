/**
 * A person's record: roster facts, status, attestations, attempts and certificates. Staff see and download their own
 * (it is personal data too); managers and IG leads see people in the departments they may see. IG leads can exclude
 * someone from scope (long-term leave, an honorary contract) with a reason, and include them again.
 */
import { type Actor, requireDepartment, requireRole } from './access.ts';
import { attestationsOf } from './attestations.ts';
import { appendAudit } from './audit/log.ts';
import { ukDate } from './clock.ts';
import { completionsOf } from './completions.ts';
import { NotFoundError, ValidationError } from './errors.ts';
import { recordDepartments, recordPeople } from './history/record.ts';
import { computeStatuses, refreshStatuses } from './status-store.ts';
import { inTransaction, type Store } from './store.ts';

/** Everything held about a person, for the person page and the personal records download. */
export async function personRecord(store: Store, actor: Actor, personId: string) {
  const person = await store.db.selectFrom('people').selectAll().where('id', '=', personId).executeTakeFirst();
  if (!person) throw new NotFoundError('no such person');
  if (actor.person !== personId) {
    requireRole(actor, 'manager', 'ig-lead');
    requireDepartment(actor, person.department_id);
  }
  const department = await store.db
    .selectFrom('departments')
    .select(['id', 'name'])
    .where('id', '=', person.department_id)
    .executeTakeFirst();
  const [status] = await computeStatuses(store, ukDate(store.clock()), [personId]);
  const attempts = await store.db
    .selectFrom('attempts')
    .select(['id', 'started_at', 'finished_at', 'correct', 'total', 'passed', 'course_version'])
    .where('person', '=', personId)
    .orderBy('started_at', 'desc')
    .execute();
  return {
    person: {
      id: person.id,
      employeeNumber: person.employee_number,
      name: `${person.preferred_name || person.first_name} ${person.last_name}`,
      firstName: person.first_name,
      lastName: person.last_name,
      email: person.email,
      department: department ?? { id: person.department_id, name: person.department_id },
      staffGroup: person.staff_group,
      jobName: person.job_name,
      hireDate: person.hire_date,
      terminationDate: person.termination_date,
      excludedReason: person.excluded_reason,
    },
    status: status?.status ?? null,
    attestations: await attestationsOf(store, personId),
    attempts,
    completions: await completionsOf(store, personId),
  };
}

/**
 * The signed-in person's own records as JSON (a download they can keep, and the answer to a subject access request),
 * recorded in the audit log. It says it holds everything, so it does: besides the person page's record, the roster
 * fields, the device checks of their phone with each item's outcome and note, their follow-ups, a pause on their
 * reminders and the reminder e-mails sent to them (the text only of those about them alone: a manager's digest lists
 * other people).
 */
export async function ownRecordsExport(store: Store, actor: Actor): Promise<string> {
  if (!actor.person) throw new NotFoundError('your account is not linked to anyone on the staff roster');
  const personId = actor.person;
  const record = await personRecord(store, actor, personId);
  const roster = await store.db
    .selectFrom('people')
    .select(['person_id', 'preferred_name', 'assignment_number', 'supervisor_assignment', 'created_at', 'updated_at'])
    .where('id', '=', personId)
    .executeTakeFirstOrThrow();
  const checks = await store.db
    .selectFrom('spot_checks')
    .leftJoin('spot_check_draws', 'spot_check_draws.id', 'spot_checks.draw')
    .select([
      'spot_checks.id',
      'spot_check_draws.month',
      'spot_checks.status',
      'spot_checks.checked_on',
      'spot_checks.note',
      'spot_checks.created_at',
    ])
    .where('spot_checks.person', '=', personId)
    .execute();
  // In the order they were done, then those still to do (a re-check is made in the same moment as its failed check).
  const when = (c: (typeof checks)[number]) => `${c.checked_on ?? '9999-12-31'} ${c.created_at} ${c.id}`;
  checks.sort((a, b) => (when(a) < when(b) ? -1 : when(a) > when(b) ? 1 : 0));
  const items =
    checks.length === 0
      ? []
      : await store.db
          .selectFrom('spot_check_items')
          .select(['check_id', 'item', 'outcome', 'note'])
          .where(
            'check_id',
            'in',
            checks.map((c) => c.id),
          )
          .orderBy('check_id')
          .orderBy('item')
          .execute();
  const followUps = await store.db
    .selectFrom('follow_ups')
    .select(['id', 'check_id', 'items', 'created_on', 'retraining_by', 'recheck_on', 'closed_on'])
    .where('person', '=', personId)
    .orderBy('created_on')
    .orderBy('id')
    .execute();
  const pause = await store.db
    .selectFrom('reminder_pauses')
    .select('until')
    .where('person', '=', personId)
    .executeTakeFirst();
  const reminders = await store.db
    .selectFrom('reminder_sends')
    .select(['run_on', 'email', 'kinds', 'subject', 'body', 'status', 'sent_at'])
    .where('recipient', '=', `person:${personId}`)
    .orderBy('run_on')
    .execute();
  const audit = await store.db
    .selectFrom('audit_log')
    .select(['seq', 'at', 'type', 'data'])
    .where('subject', '=', actor.person)
    .orderBy('seq')
    .execute();
  await appendAudit(store, { actor: actor.accountId, type: 'records.downloaded', subject: actor.person });
  return `${JSON.stringify(
    {
      exportedAt: store.clock().toISOString(),
      about: 'Everything the policy attestation service holds about you.',
      ...record,
      roster: {
        personId: roster.person_id,
        preferredName: roster.preferred_name,
        assignmentNumber: roster.assignment_number,
        supervisorAssignment: roster.supervisor_assignment,
        firstImported: roster.created_at,
        lastChanged: roster.updated_at,
      },
      deviceChecks: checks.map((c) => ({
        month: c.month,
        recheck: c.month === null,
        status: c.status,
        checkedOn: c.checked_on,
        whyNotDone: c.note,
        items: items
          .filter((i) => i.check_id === c.id)
          .map((i) => ({ item: i.item, outcome: i.outcome, note: i.note })),
      })),
      followUps: followUps.map((f) => ({
        items: JSON.parse(f.items) as string[],
        createdOn: f.created_on,
        retrainingBy: f.retraining_by,
        recheckOn: f.recheck_on,
        closedOn: f.closed_on,
      })),
      remindersPausedUntil: pause?.until ?? null,
      reminderEmails: reminders.map((r) => {
        const aboutThemOnly = r.kinds === JSON.stringify(['own']);
        return {
          day: r.run_on,
          to: r.email,
          subject: r.subject,
          status: r.status,
          sentAt: r.sent_at,
          text: aboutThemOnly ? r.body : null,
        };
      }),
      auditEntries: audit.map((a) => ({ ...a, data: JSON.parse(a.data) as unknown })),
    },
    null,
    2,
  )}\n`;
}

/** Excludes a person from scope with a reason, or includes them again (reason null). IG leads only. */
export async function setExclusion(store: Store, actor: Actor, personId: string, reason: string | null): Promise<void> {
  requireRole(actor, 'ig-lead');
  const why = reason?.trim() ?? null;
  if (why !== null && (why.length < 3 || why.length > 200)) throw new ValidationError('reason: 3 to 200 characters');
  await inTransaction(store, async (tx) => {
    const person = await tx.db.selectFrom('people').select('id').where('id', '=', personId).executeTakeFirst();
    if (!person) throw new NotFoundError('no such person');
    await tx.db
      .updateTable('people')
      .set({ excluded_reason: why, updated_at: tx.clock().toISOString() })
      .where('id', '=', personId)
      .execute();
    await recordPeople(tx, [personId]);
    await appendAudit(tx, {
      actor: actor.accountId,
      type: why ? 'person.excluded' : 'person.included',
      subject: personId,
    });
    await refreshStatuses(tx, [personId]);
  });
}

/** Departments with their target (IG leads set a department's own target; null follows the trust's). */
export async function setDepartmentTarget(
  store: Store,
  actor: Actor,
  departmentId: string,
  target: number | null,
): Promise<void> {
  requireRole(actor, 'ig-lead');
  if (target !== null && !(target > 0 && target <= 1))
    throw new ValidationError('target: a percentage above 0 and at most 100');
  await inTransaction(store, async (tx) => {
    const result = await tx.db
      .updateTable('departments')
      .set({ target })
      .where('id', '=', departmentId)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) === 0) throw new NotFoundError('no such department');
    await recordDepartments(tx, [departmentId]);
    await appendAudit(tx, {
      actor: actor.accountId,
      type: 'settings.changed',
      subject: departmentId,
      data: { departmentTarget: target },
    });
  });
}
