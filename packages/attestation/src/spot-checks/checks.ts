/**
 * Device spot checks (the Information Commissioner's call for random checks of staff phones): each month an IG lead
 * draws a sample of the staff in scope, reproducibly from a seed and that day's roster, which the draw keeps; a
 * checker (an IG lead, or a manager for their own departments) records each checklist item as pass, fail or not
 * applicable with a note; a failure opens a follow-up (retraining by a date, a re-check after a set time) that a
 * re-check with no failures closes. Nothing from the phone is stored: outcomes and the checker's notes only.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import {
  addDays,
  addMonthsClamped,
  compareDates,
  formatLongDate,
  type IsoDate,
  isIsoDate,
} from '@im-records/records-policy';
import { z } from 'zod';
import { type Actor, canSeeDepartment, requireDepartment, requireRole } from '../access.ts';
import { appendAudit } from '../audit/log.ts';
import { ukDate } from '../clock.ts';
import { ConflictError, NotFoundError, ValidationError } from '../errors.ts';
import { readSettings } from '../settings.ts';
import { computeStatuses } from '../status-store.ts';
import { inTransaction, type Store } from '../store.ts';
import { CHECKLIST, OUTCOMES, type Outcome } from './checklist.ts';
import { drawSample, type RosterEntry, rosterSha256 } from './sample.ts';

/** Options for {@link drawSpotChecks}; what is left out comes from the trust's spot check settings. */
export interface DrawOptions {
  /** `YYYY-MM`. */
  month: string;
  size?: number;
  /** Any text; a random one is made (and recorded) when absent. */
  seed?: string;
  stratify?: 'department' | 'none';
  excludeMonths?: number;
  /** The roster day (default today). */
  drawnOn?: IsoDate;
  dryRun?: boolean;
}

/** A draw: its settings, the roster it used (by count and hash) and the people drawn. */
export interface SpotCheckDraw {
  month: string;
  seed: string;
  size: number;
  stratify: 'department' | 'none';
  excludeMonths: number;
  drawnOn: IsoDate;
  /** People who could be drawn that day. */
  eligible: number;
  rosterSha256: string;
  dryRun: boolean;
  people: { employeeNumber: string; departmentId: string; department: string }[];
}

const drawSchema = z.object({
  month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'must be a month as YYYY-MM'),
  size: z.number().int().min(1).max(500),
  seed: z.string().trim().min(1).max(100),
  stratify: z.enum(['department', 'none']),
  excludeMonths: z.number().int().min(0).max(36),
});

/** The staff who can be drawn on a day: in scope, not checked in the months before, not waiting for a check. */
export async function eligibleRoster(store: Store, drawnOn: IsoDate, excludeMonths: number): Promise<RosterEntry[]> {
  const statuses = await computeStatuses(store, drawnOn);
  const inScope = new Set(statuses.filter((s) => s.status.inScope).map((s) => s.person));
  const since = addMonthsClamped(drawnOn, -excludeMonths);
  const recent = await store.db
    .selectFrom('spot_checks')
    .select('person')
    .where((eb) =>
      eb.or([
        eb.and([eb('status', '=', 'done'), eb('checked_on', '>=', since), eb('checked_on', '<=', drawnOn)]),
        eb('status', '=', 'to-do'),
      ]),
    )
    .execute();
  const skip = new Set(excludeMonths > 0 ? recent.map((r) => r.person) : []);
  const people = await store.db.selectFrom('people').select(['id', 'employee_number', 'department_id']).execute();
  return people
    .filter((p) => inScope.has(p.id) && !skip.has(p.id))
    .map((p) => ({ employeeNumber: p.employee_number, departmentId: p.department_id }));
}

/**
 * Draws the month's sample (IG leads; the CLI passes `cli`). Records the draw with its seed and eligible roster and a
 * to-do check for each person drawn, unless `dryRun`. One draw a month.
 */
export async function drawSpotChecks(store: Store, actor: Actor | 'cli', options: DrawOptions): Promise<SpotCheckDraw> {
  if (actor !== 'cli') requireRole(actor, 'ig-lead');
  const defaults = (await readSettings(store)).spotChecks;
  const parsed = drawSchema.safeParse({
    month: options.month,
    size: options.size ?? defaults.size,
    seed: options.seed ?? randomBytes(8).toString('hex'),
    stratify: options.stratify ?? defaults.stratify,
    excludeMonths: options.excludeMonths ?? defaults.excludeMonths,
  });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ValidationError(`${issue?.path.join('.') || 'draw'}: ${issue?.message ?? 'invalid'}`);
  }
  const { month, size, seed, stratify, excludeMonths } = parsed.data;
  const drawnOn = options.drawnOn ?? ukDate(store.clock());
  if (!isIsoDate(drawnOn)) throw new ValidationError('drawnOn: must be a real date (YYYY-MM-DD)');
  // A draw is kept for good (one a month): an IG lead draws this month's or, near a month's end, next month's. A typo
  // (2062-03) or a past month would take that month's draw; dry runs (re-running any draw) and the CLI are not limited.
  const thisMonth = drawnOn.slice(0, 7);
  const nextMonth = addMonthsClamped(`${thisMonth}-01` as IsoDate, 1).slice(0, 7);
  if (actor !== 'cli' && !options.dryRun && month !== thisMonth && month !== nextMonth) {
    throw new ValidationError(`month: draw this month's sample (${thisMonth}) or next month's (${nextMonth})`);
  }
  const work = async (tx: Store): Promise<SpotCheckDraw> => {
    const existing = await tx.db
      .selectFrom('spot_check_draws')
      .select('seed')
      .where('month', '=', month)
      .executeTakeFirst();
    if (existing && !options.dryRun) throw new ConflictError(`the spot check for ${month} has already been drawn`);
    const roster = await eligibleRoster(tx, drawnOn, excludeMonths);
    const picked = drawSample(roster, { seed, size, stratify });
    const digest = rosterSha256(roster);
    const departments = new Map(
      (await tx.db.selectFrom('departments').select(['id', 'name']).execute()).map((d) => [d.id, d.name]),
    );
    const draw: SpotCheckDraw = {
      month,
      seed,
      size,
      stratify,
      excludeMonths,
      drawnOn,
      eligible: roster.length,
      rosterSha256: digest,
      dryRun: options.dryRun === true,
      people: picked.map((p) => ({
        employeeNumber: p.employeeNumber,
        departmentId: p.departmentId,
        department: departments.get(p.departmentId) ?? p.departmentId,
      })),
    };
    if (options.dryRun) return draw;
    const id = randomUUID();
    const now = tx.clock().toISOString();
    const actorId = actor === 'cli' ? 'cli' : actor.accountId;
    await tx.db
      .insertInto('spot_check_draws')
      .values({
        id,
        month,
        seed,
        size,
        stratify,
        exclude_months: excludeMonths,
        drawn_on: drawnOn,
        drawn_at: now,
        drawn_by: actorId,
        roster: JSON.stringify(roster.map((r) => [r.employeeNumber, r.departmentId])),
        roster_sha256: digest,
      })
      .execute();
    const people = new Map(
      (await tx.db.selectFrom('people').select(['id', 'employee_number']).execute()).map((p) => [
        p.employee_number,
        p.id,
      ]),
    );
    if (picked.length > 0) {
      await tx.db
        .insertInto('spot_checks')
        .values(
          picked.map((p) => ({
            id: randomUUID(),
            draw: id,
            follow_up: null,
            person: people.get(p.employeeNumber) ?? '',
            department_id: p.departmentId,
            status: 'to-do',
            checked_on: null,
            checker: null,
            note: null,
            recorded_at: null,
            created_at: now,
          })),
        )
        .execute();
    }
    await appendAudit(tx, {
      actor: actorId,
      type: 'spot-check.drawn',
      subject: id,
      data: {
        month,
        seed,
        size,
        stratify,
        excludeMonths,
        drawnOn,
        eligible: roster.length,
        drawn: picked.length,
        rosterSha256: digest,
      },
    });
    return draw;
  };
  return options.dryRun ? work(store) : inTransaction(store, work);
}

/**
 * A month's draw as it was made, read back for the IG lead's page after drawing (so a reload shows it, not a second
 * draw): its settings, the roster's size and hash, and the people drawn, by department and employee number.
 */
export async function spotCheckDraw(store: Store, actor: Actor, month: string): Promise<SpotCheckDraw> {
  requireRole(actor, 'ig-lead');
  const draw = await store.db.selectFrom('spot_check_draws').selectAll().where('month', '=', month).executeTakeFirst();
  if (!draw) throw new NotFoundError(`no spot check has been drawn for ${month}`);
  const people = await store.db
    .selectFrom('spot_checks')
    .innerJoin('people', 'people.id', 'spot_checks.person')
    .leftJoin('departments', 'departments.id', 'spot_checks.department_id')
    .select(['people.employee_number', 'spot_checks.department_id', 'departments.name'])
    .where('spot_checks.draw', '=', draw.id)
    .where('spot_checks.follow_up', 'is', null)
    .orderBy('spot_checks.department_id')
    .orderBy('people.employee_number')
    .execute();
  return {
    month: draw.month,
    seed: draw.seed,
    size: draw.size,
    stratify: draw.stratify as SpotCheckDraw['stratify'],
    excludeMonths: draw.exclude_months,
    drawnOn: draw.drawn_on as IsoDate,
    eligible: (JSON.parse(draw.roster) as unknown[]).length,
    rosterSha256: draw.roster_sha256,
    dryRun: false,
    people: people.map((p) => ({
      employeeNumber: p.employee_number,
      departmentId: p.department_id,
      department: p.name ?? p.department_id,
    })),
  };
}

/**
 * Re-runs a stored draw from its seed and the roster it kept, and says whether the same people come out (anyone can
 * do the same with the seed, the roster and the method in sample.ts).
 */
export async function verifyDraw(
  store: Store,
  month: string,
): Promise<{ month: string; matches: boolean; rosterIntact: boolean; drawn: number }> {
  const draw = await store.db.selectFrom('spot_check_draws').selectAll().where('month', '=', month).executeTakeFirst();
  if (!draw) throw new NotFoundError(`no spot check was drawn for ${month}`);
  const roster = (JSON.parse(draw.roster) as [string, string][]).map(([employeeNumber, departmentId]) => ({
    employeeNumber,
    departmentId,
  }));
  const again = drawSample(roster, {
    seed: draw.seed,
    size: draw.size,
    stratify: draw.stratify === 'none' ? 'none' : 'department',
  }).map((p) => p.employeeNumber);
  const stored = await store.db
    .selectFrom('spot_checks')
    .innerJoin('people', 'people.id', 'spot_checks.person')
    .select('people.employee_number')
    .where('spot_checks.draw', '=', draw.id)
    .execute();
  const storedSet = new Set(stored.map((s) => s.employee_number));
  return {
    month,
    matches: again.length === storedSet.size && again.every((e) => storedSet.has(e)),
    rosterIntact: rosterSha256(roster) === draw.roster_sha256,
    drawn: stored.length,
  };
}

/** A check as a list or the checker's page shows it. */
export interface CheckSummary {
  id: string;
  month: string | null;
  /** Set for a re-check: the day it is due from. */
  recheckOn: string | null;
  person: string;
  employeeNumber: string;
  name: string;
  departmentId: string;
  department: string;
  status: string;
  checkedOn: string | null;
  failed: number;
}

/** Checks the actor may see (IG leads all, managers their departments), newest first; `status` filters. */
export async function listSpotChecks(
  store: Store,
  actor: Actor,
  filter: { status?: 'to-do' | 'done'; month?: string } = {},
): Promise<CheckSummary[]> {
  requireRole(actor, 'manager', 'ig-lead');
  let query = store.db
    .selectFrom('spot_checks')
    .innerJoin('people', 'people.id', 'spot_checks.person')
    .leftJoin('departments', 'departments.id', 'spot_checks.department_id')
    .leftJoin('spot_check_draws', 'spot_check_draws.id', 'spot_checks.draw')
    .leftJoin('follow_ups', 'follow_ups.id', 'spot_checks.follow_up')
    .select([
      'spot_checks.id',
      'spot_check_draws.month',
      'follow_ups.recheck_on',
      'spot_checks.person',
      'people.employee_number',
      'people.first_name',
      'people.preferred_name',
      'people.last_name',
      'spot_checks.department_id',
      'departments.name as department',
      'spot_checks.status',
      'spot_checks.checked_on',
      'spot_checks.created_at',
    ]);
  if (filter.status === 'to-do') query = query.where('spot_checks.status', '=', 'to-do');
  if (filter.status === 'done') query = query.where('spot_checks.status', '!=', 'to-do');
  if (filter.month) query = query.where('spot_check_draws.month', '=', filter.month);
  const rows = (await query.execute()).filter((r) => canSeeDepartment(actor, r.department_id));
  const failures = await store.db
    .selectFrom('spot_check_items')
    .select(['check_id', (eb) => eb.fn.countAll<number>().as('n')])
    .where('outcome', '=', 'fail')
    .groupBy('check_id')
    .execute();
  const failedBy = new Map(failures.map((f) => [f.check_id, Number(f.n)]));
  return rows
    .map((r) => ({
      id: r.id,
      month: r.month,
      recheckOn: r.recheck_on,
      person: r.person,
      employeeNumber: r.employee_number,
      name: `${r.preferred_name || r.first_name} ${r.last_name}`,
      departmentId: r.department_id,
      department: r.department ?? r.department_id,
      status: r.status,
      checkedOn: r.checked_on,
      failed: failedBy.get(r.id) ?? 0,
    }))
    .sort(
      (a, b) =>
        (b.month ?? b.recheckOn ?? '').localeCompare(a.month ?? a.recheckOn ?? '') ||
        a.department.localeCompare(b.department) ||
        a.name.localeCompare(b.name),
    );
}

/** One check with its results, for the checker's page. */
export async function spotCheck(store: Store, actor: Actor, checkId: string) {
  requireRole(actor, 'manager', 'ig-lead');
  const [check] = (await listSpotChecks(store, { ...actor, departments: 'all' })).filter((c) => c.id === checkId);
  if (!check) throw new NotFoundError('no such spot check');
  requireDepartment(actor, check.departmentId);
  const items = await store.db
    .selectFrom('spot_check_items')
    .select(['item', 'outcome', 'note'])
    .where('check_id', '=', checkId)
    .execute();
  const row = await store.db
    .selectFrom('spot_checks')
    .select(['note', 'checker'])
    .where('id', '=', checkId)
    .executeTakeFirstOrThrow();
  const followUp = await store.db
    .selectFrom('follow_ups')
    .selectAll()
    .where('check_id', '=', checkId)
    .executeTakeFirst();
  return { ...check, note: row.note, items, followUp: followUp ?? null };
}

/** What a checker records. */
export interface CheckRecord {
  checkedOn: string;
  /** Every checklist item's outcome, with a note (required for a failure). */
  results: Record<string, { outcome: Outcome; note?: string }>;
}

const noteSchema = z.string().trim().max(500, 'a note is at most 500 characters');

/**
 * Records a check. Every item needs an outcome, and a failure needs a note saying what was wrong. Any failure opens a
 * follow-up: retraining by `retrainingDays` and a re-check (a new to-do check) from `recheckDays` after the check. A
 * re-check (recorded on or after its date) with no failures closes the follow-up it was for; one that fails closes it
 * too and opens a new one.
 */
export async function recordSpotCheck(store: Store, actor: Actor, checkId: string, record: CheckRecord): Promise<void> {
  requireRole(actor, 'manager', 'ig-lead');
  const today = ukDate(store.clock());
  if (!isIsoDate(record.checkedOn)) throw new ValidationError('checkedOn: must be a real date (YYYY-MM-DD)');
  if (compareDates(record.checkedOn, today) > 0) throw new ValidationError('checkedOn: cannot be in the future');
  const results: { item: string; outcome: Outcome; note: string | null }[] = [];
  for (const item of CHECKLIST) {
    const result = record.results[item.id];
    if (!result || !(OUTCOMES as readonly string[]).includes(result.outcome))
      throw new ValidationError(`${item.id}: choose pass, fail or not applicable`);
    const note = noteSchema.safeParse(result.note ?? '');
    if (!note.success) throw new ValidationError(`${item.id}: ${note.error.issues[0]?.message ?? 'invalid note'}`);
    if (result.outcome === 'fail' && note.data === '') throw new ValidationError(`${item.id}: say what was wrong`);
    results.push({ item: item.id, outcome: result.outcome, note: note.data || null });
  }
  const unknown = Object.keys(record.results).filter((id) => !CHECKLIST.some((item) => item.id === id));
  if (unknown.length > 0) throw new ValidationError(`${unknown[0]}: not an item on the checklist`);
  const settings = (await readSettings(store)).spotChecks;
  await inTransaction(store, async (tx) => {
    const check = await tx.db.selectFrom('spot_checks').selectAll().where('id', '=', checkId).executeTakeFirst();
    if (!check) throw new NotFoundError('no such spot check');
    requireDepartment(actor, check.department_id);
    if (check.status !== 'to-do') throw new ConflictError('this check has already been recorded');
    // Not before the check existed: the day of its draw, or of the failure that asked for this re-check.
    const draw = check.draw
      ? await tx.db.selectFrom('spot_check_draws').select('drawn_on').where('id', '=', check.draw).executeTakeFirst()
      : undefined;
    const madeOn = (draw?.drawn_on ?? ukDate(new Date(check.created_at))) as IsoDate;
    if (compareDates(record.checkedOn as IsoDate, madeOn) < 0) {
      const made = draw ? 'drawn' : 'asked for';
      throw new ValidationError(`checkedOn: cannot be before the check was ${made} (${formatLongDate(madeOn)})`);
    }
    // A re-check closes its follow-up, retraining and all: done before its date it would close the follow-up the day
    // of the failure, before the person had any time to take the assessment again.
    const opened = check.follow_up
      ? await tx.db.selectFrom('follow_ups').select('recheck_on').where('id', '=', check.follow_up).executeTakeFirst()
      : undefined;
    if (opened && compareDates(record.checkedOn as IsoDate, opened.recheck_on as IsoDate) < 0) {
      throw new ValidationError(
        `checkedOn: the re-check is due from ${formatLongDate(opened.recheck_on as IsoDate)}, ${settings.recheckDays} days after the failure`,
      );
    }
    const now = tx.clock().toISOString();
    await tx.db
      .updateTable('spot_checks')
      .set({ status: 'done', checked_on: record.checkedOn, checker: actor.accountId, recorded_at: now })
      .where('id', '=', checkId)
      .where('status', '=', 'to-do')
      .execute();
    await tx.db
      .insertInto('spot_check_items')
      .values(results.map((r) => ({ check_id: checkId, item: r.item, outcome: r.outcome, note: r.note })))
      .execute();
    const failed = results.filter((r) => r.outcome === 'fail').map((r) => r.item);
    if (check.follow_up) {
      await tx.db
        .updateTable('follow_ups')
        .set({ closed_on: record.checkedOn, closed_by_check: checkId })
        .where('id', '=', check.follow_up)
        .where('closed_on', 'is', null)
        .execute();
      await appendAudit(tx, {
        actor: actor.accountId,
        type: 'follow-up.closed',
        subject: check.person,
        data: { followUp: check.follow_up, recheck: checkId, failedAgain: failed.length > 0 },
      });
    }
    let followUp: string | null = null;
    if (failed.length > 0) {
      followUp = randomUUID();
      const recheckOn = addDays(record.checkedOn as IsoDate, settings.recheckDays);
      await tx.db
        .insertInto('follow_ups')
        .values({
          id: followUp,
          check_id: checkId,
          person: check.person,
          department_id: check.department_id,
          items: JSON.stringify(failed),
          retraining_by: addDays(record.checkedOn as IsoDate, settings.retrainingDays),
          recheck_on: recheckOn,
          created_on: record.checkedOn,
          closed_on: null,
          closed_by_check: null,
        })
        .execute();
      await tx.db
        .insertInto('spot_checks')
        .values({
          id: randomUUID(),
          draw: null,
          follow_up: followUp,
          person: check.person,
          department_id: check.department_id,
          status: 'to-do',
          checked_on: null,
          checker: null,
          note: null,
          recorded_at: null,
          created_at: now,
        })
        .execute();
    }
    await appendAudit(tx, {
      actor: actor.accountId,
      type: 'spot-check.recorded',
      subject: check.person,
      data: {
        check: checkId,
        checkedOn: record.checkedOn,
        pass: results.filter((r) => r.outcome === 'pass').length,
        fail: failed.length,
        notApplicable: results.filter((r) => r.outcome === 'not-applicable').length,
        followUp,
      },
    });
  });
}

/** Records that a check could not be done (the person has left, is on long leave, has no work phone), with why. */
export async function markCheckNotPossible(store: Store, actor: Actor, checkId: string, reason: string): Promise<void> {
  requireRole(actor, 'manager', 'ig-lead');
  const why = reason.trim();
  if (why.length < 3 || why.length > 200) throw new ValidationError('reason: 3 to 200 characters');
  await inTransaction(store, async (tx) => {
    const check = await tx.db.selectFrom('spot_checks').selectAll().where('id', '=', checkId).executeTakeFirst();
    if (!check) throw new NotFoundError('no such spot check');
    requireDepartment(actor, check.department_id);
    if (check.status !== 'to-do') throw new ConflictError('this check has already been recorded');
    await tx.db
      .updateTable('spot_checks')
      .set({
        status: 'not-possible',
        note: why,
        checker: actor.accountId,
        checked_on: ukDate(tx.clock()),
        recorded_at: tx.clock().toISOString(),
      })
      .where('id', '=', checkId)
      .execute();
    await appendAudit(tx, {
      actor: actor.accountId,
      type: 'spot-check.recorded',
      subject: check.person,
      data: { check: checkId, notPossible: true },
    });
  });
}

/** A person's open follow-ups, with whether the retraining is done (a pass on or after the check). */
export async function followUpsOf(store: Store, personId: string) {
  const open = await store.db
    .selectFrom('follow_ups')
    .selectAll()
    .where('person', '=', personId)
    .where('closed_on', 'is', null)
    .orderBy('created_on')
    .execute();
  const passes = await store.db
    .selectFrom('completions')
    .select('completed_on')
    .where('person', '=', personId)
    .where('revoked_at', 'is', null)
    .execute();
  return open.map((f) => ({
    id: f.id,
    items: JSON.parse(f.items) as string[],
    createdOn: f.created_on,
    retrainingBy: f.retraining_by,
    recheckOn: f.recheck_on,
    retrained: passes.some((p) => p.completed_on >= f.created_on),
  }));
}
