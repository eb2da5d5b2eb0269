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

/** The signed-in person's own records as JSON (a download they can keep), recorded in the audit log. */
export async function ownRecordsExport(store: Store, actor: Actor): Promise<string> {
  if (!actor.person) throw new NotFoundError('your account is not linked to anyone on the staff roster');
  const record = await personRecord(store, actor, actor.person);
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
    await appendAudit(tx, {
      actor: actor.accountId,
      type: 'settings.changed',
      subject: departmentId,
      data: { departmentTarget: target },
    });
  });
}
