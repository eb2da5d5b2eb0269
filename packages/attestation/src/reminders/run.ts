/**
 * The reminder run: plans the day's e-mails from everyone's status and the schedule, stores each as a row claimed
 * before it is sent, and sends them. Safe to run twice and on several instances at once: planning takes the audit
 * log's lock (so planners take turns and each sees what the last one stored), a recipient gets at most one row a day
 * (a unique key) and none within the cap of their last one, each stage of each item is recorded once, and a row is
 * claimed by one runner (`SELECT … FOR UPDATE SKIP LOCKED` on PostgreSQL; on SQLite the claim runs in a write
 * transaction, which SQLite gives to one connection at a time) before its message goes out. Every send is in the
 * audit log. Without an SMTP server the planned messages wait for a mail-merge download instead.
 */
import { randomUUID } from 'node:crypto';
import { addDays, compareDates, type Division, type HolidayCalendar, type IsoDate } from '@im-records/records-policy';
import { appendAudit } from '../audit/log.ts';
import { ukDate } from '../clock.ts';
import { ValidationError } from '../errors.ts';
import { readSettings } from '../settings.ts';
import { computeStatuses } from '../status-store.ts';
import { inTransaction, type Store } from '../store.ts';
import type { Mailer } from './mailer.ts';
import {
  type EscalatedPerson,
  type MessageContext,
  type MessageInput,
  type MessageItem,
  messageBody,
  messageSubject,
} from './message.ts';
import {
  type DueItem,
  type DueStage,
  dueStages,
  heldByCap,
  isReminderDay,
  itemKey,
  type ReminderSchedule,
  type WorkingDays,
} from './schedule.ts';

/** Options for {@link runReminders}. */
export interface ReminderRunOptions {
  /** Who runs it: `cli`, `system` or an account id (in the audit log). */
  actor: string;
  /** The run day (default today in the UK). */
  asOf?: IsoDate;
  /** The trust's bank-holiday division (records-policy `holidayDivisionOf(settings.division)`). */
  division: Division;
  calendar?: HolidayCalendar;
  /** Plan and report, write and send nothing. */
  dryRun?: boolean;
  /** Sends the messages; null or absent keeps them for a mail-merge download. */
  mailer?: Mailer | null;
  context: MessageContext;
  /** The assessment's name in messages ("instant messaging training assessment"). */
  assessmentTitle?: string;
  /** Names this runner in claims (default a random id). */
  worker?: string;
}

/** A planned e-mail. */
export interface PlannedMessage {
  recipient: string;
  email: string;
  kinds: ('own' | 'manager' | 'ig-lead')[];
  subject: string;
  body: string;
  items: number;
  stages: { item: string; stage: string }[];
}

/** What a run did. */
export interface ReminderRunReport {
  runOn: IsoDate;
  division: Division;
  /** False on weekends and the division's bank holidays: nothing is planned. */
  workingDay: boolean;
  enabled: boolean;
  dryRun: boolean;
  /** Messages planned by this run (a second run the same day plans none). */
  planned: number;
  /** Recipients with something due who had an e-mail within the cap: they wait. */
  heldByCap: number;
  /** People with something due but no e-mail address on the roster. */
  noEmail: number;
  /** People on leave (reminder pause) with something due. */
  onLeave: number;
  sent: number;
  failed: number;
  /** Messages waiting for the mail-merge download (no SMTP). */
  forMailMerge: number;
  /** The planned messages (dry runs; live runs list them too, for the preview). */
  messages: PlannedMessage[];
}

/** The job an IG lead's "run now" queues for the service's worker. */
export const REMINDERS_JOB = 'reminders.run';

const COUNTING = ['queued', 'sending', 'sent', 'mail-merge', 'exported'];
const CHUNK = 1000;
const MAX_ATTEMPTS = 3;

interface Recipient {
  recipient: string;
  email: string;
  greeting: string | null;
  own: DueStage[];
  team: DueStage[];
  unmanaged: DueStage[];
  trust: DueStage[];
}

/** Plans the day's messages from the stored facts (reads only). */
async function plan(store: Store, options: ReminderRunOptions, runOn: IsoDate) {
  const settings = await readSettings(store);
  const schedule: ReminderSchedule = settings.reminders;
  const working: WorkingDays = {
    division: options.division,
    ...(options.calendar ? { calendar: options.calendar } : {}),
  };
  const counts = { heldByCap: 0, noEmail: 0, onLeave: 0 };
  const workingDay = isReminderDay(runOn, working);
  if (!schedule.enabled || !workingDay) return { schedule, workingDay, messages: [] as PlannedMessage[], counts };

  const statuses = (await computeStatuses(store, runOn)).filter((row) => row.status.inScope);
  const items: DueItem[] = [];
  for (const row of statuses) {
    for (const r of row.status.requirements) {
      const policy = r.kind === 'attestation' ? (r.policy ?? '') : undefined;
      items.push({
        key: itemKey(row.person, r.kind, r.dueOn, policy),
        person: row.person,
        kind: r.kind,
        ...(policy !== undefined ? { policy } : {}),
        dueOn: r.dueOn,
      });
    }
  }
  const sent = new Map<string, Set<string>>();
  for (let i = 0; i < items.length; i += CHUNK) {
    const keys = items.slice(i, i + CHUNK).map((item) => item.key);
    const rows = await store.db
      .selectFrom('reminder_stages')
      .select(['item', 'stage'])
      .where('item', 'in', keys)
      .execute();
    for (const row of rows) {
      const set = sent.get(row.item) ?? new Set<string>();
      set.add(row.stage);
      sent.set(row.item, set);
    }
  }
  const due = items.flatMap((item) => dueStages(item, sent.get(item.key) ?? new Set(), runOn, schedule, working));
  if (due.length === 0) return { schedule, workingDay, messages: [] as PlannedMessage[], counts };

  const people = new Map(
    (
      await store.db
        .selectFrom('people')
        .leftJoin('departments', 'departments.id', 'people.department_id')
        .select([
          'people.id',
          'people.first_name',
          'people.preferred_name',
          'people.last_name',
          'people.email',
          'people.manager_person',
          'departments.name as department',
        ])
        .execute()
    ).map((p) => [p.id, p]),
  );
  const paused = new Set(
    (await store.db.selectFrom('reminder_pauses').select('person').where('until', '>=', runOn).execute()).map(
      (r) => r.person,
    ),
  );
  const inScope = new Set(statuses.map((s) => s.person));
  const igLeads = await store.db
    .selectFrom('accounts')
    .select(['id', 'email', 'person'])
    .where('role', '=', 'ig-lead')
    .where('disabled', '=', 0)
    .orderBy('email')
    .execute();

  const recipients = new Map<string, Recipient>();
  const recipientFor = (email: string, id: string, greeting: string | null): Recipient => {
    const key = email.toLowerCase();
    let r = recipients.get(key);
    if (!r) {
      r = { recipient: id, email: key, greeting, own: [], team: [], unmanaged: [], trust: [] };
      recipients.set(key, r);
    } else if (id.startsWith('person:') && !r.recipient.startsWith('person:')) {
      r.recipient = id;
      r.greeting = greeting;
    }
    return r;
  };
  const greetingOf = (p: { preferred_name: string | null; first_name: string }) => p.preferred_name || p.first_name;
  const toIgLeads = (stage: DueStage, list: 'unmanaged' | 'trust') => {
    for (const lead of igLeads) {
      const person = lead.person ? people.get(lead.person) : undefined;
      recipientFor(
        lead.email,
        person ? `person:${person.id}` : `account:${lead.id}`,
        person ? greetingOf(person) : null,
      )[list].push(stage);
    }
  };
  const skippedPeople = { noEmail: new Set<string>(), onLeave: new Set<string>() };
  for (const stage of due) {
    const person = people.get(stage.item.person);
    if (!person) continue;
    if (paused.has(person.id)) {
      skippedPeople.onLeave.add(person.id);
      continue;
    }
    if (stage.audience === 'own') {
      if (!person.email) {
        skippedPeople.noEmail.add(person.id);
        continue;
      }
      recipientFor(person.email, `person:${person.id}`, greetingOf(person)).own.push(stage);
    } else if (stage.audience === 'manager') {
      const manager = person.manager_person ? people.get(person.manager_person) : undefined;
      if (manager?.email && inScope.has(manager.id) && !paused.has(manager.id)) {
        recipientFor(manager.email, `person:${manager.id}`, greetingOf(manager)).team.push(stage);
      } else toIgLeads(stage, 'unmanaged'); // no line manager on the roster (or away): the IG lead hears instead
    } else toIgLeads(stage, 'trust');
  }
  counts.noEmail = skippedPeople.noEmail.size;
  counts.onLeave = skippedPeople.onLeave.size;

  const since = addDays(runOn, -(schedule.capDays - 1));
  const lastSent = new Map<string, IsoDate>();
  const recipientIds = [...new Set([...recipients.values()].map((r) => r.recipient))];
  for (let i = 0; i < recipientIds.length; i += CHUNK) {
    const rows = await store.db
      .selectFrom('reminder_sends')
      .select(['recipient', (eb) => eb.fn.max('run_on').as('run_on')])
      .where('recipient', 'in', recipientIds.slice(i, i + CHUNK))
      .where('run_on', '>=', since)
      .where('run_on', '<=', runOn)
      .where('status', 'in', COUNTING)
      .groupBy('recipient')
      .execute();
    for (const row of rows) lastSent.set(row.recipient, row.run_on as IsoDate);
  }

  const titles = new Map(
    (await store.db.selectFrom('policies').select(['id', 'title']).execute()).map((p) => [p.id, p.title]),
  );
  const assessmentTitle = options.assessmentTitle ?? 'instant messaging training assessment';
  const messageItem = (stage: DueStage): MessageItem => ({
    title: stage.item.kind === 'attestation' ? (titles.get(stage.item.policy ?? '') ?? 'policy') : assessmentTitle,
    kind: stage.item.kind,
    dueOn: stage.item.dueOn,
    daysOverdue: stage.daysOverdue,
  });
  const escalated = (stages: DueStage[]): EscalatedPerson[] => {
    const byPerson = new Map<string, EscalatedPerson>();
    for (const stage of stages) {
      const p = people.get(stage.item.person);
      if (!p) continue;
      let entry = byPerson.get(p.id);
      if (!entry) {
        entry = {
          name: `${greetingOf(p)} ${p.last_name}`,
          department: p.department ?? '',
          items: [],
        };
        byPerson.set(p.id, entry);
      }
      if (!entry.items.some((i) => i.dueOn === stage.item.dueOn && i.kind === stage.item.kind))
        entry.items.push(messageItem(stage));
    }
    return [...byPerson.values()].sort(
      (a, b) => a.department.localeCompare(b.department) || a.name.localeCompare(b.name),
    );
  };

  const messages: PlannedMessage[] = [];
  for (const r of [...recipients.values()].sort((a, b) => (a.recipient < b.recipient ? -1 : 1))) {
    if (heldByCap(lastSent.get(r.recipient) ?? null, runOn, schedule)) {
      counts.heldByCap += 1;
      continue;
    }
    const input: MessageInput = {
      greeting: r.greeting,
      own: r.own.map(messageItem).sort((a, b) => (a.dueOn < b.dueOn ? -1 : a.dueOn > b.dueOn ? 1 : 0)),
      team: escalated(r.team),
      unmanaged: escalated(r.unmanaged),
      trust: escalated(r.trust),
      managerDays: schedule.escalateManagerDays,
      igLeadDays: schedule.escalateIgLeadDays,
      capDays: schedule.capDays,
    };
    const stages = [...r.own, ...r.team, ...r.unmanaged, ...r.trust].map((s) => ({ item: s.item.key, stage: s.stage }));
    const kinds = (['own', 'manager', 'ig-lead'] as const).filter(
      (k) => (k === 'own' ? r.own : k === 'manager' ? r.team : [...r.unmanaged, ...r.trust]).length > 0,
    );
    messages.push({
      recipient: r.recipient,
      email: r.email,
      kinds,
      subject: messageSubject(input, options.context),
      body: messageBody(input, options.context),
      items: r.own.length + input.team.length + input.unmanaged.length + input.trust.length,
      stages,
    });
  }
  return { schedule, workingDay, messages, counts };
}

/**
 * Plans the day's reminders and (unless `dryRun`) stores them and sends them with `mailer`, or keeps them for a
 * mail-merge download when there is none. Running it again the same day, or on another instance at the same time,
 * plans nothing more and sends nothing twice.
 */
export async function runReminders(store: Store, options: ReminderRunOptions): Promise<ReminderRunReport> {
  const today = ukDate(store.clock());
  const runOn = options.asOf ?? today;
  // A run chases people today, through today's e-mail addresses, line managers and pauses: dated earlier, it would
  // mix those with the standing of a past day (and a missed day needs no catching up: the latest stage due is sent).
  if (compareDates(runOn, today) < 0) {
    throw new ValidationError(
      `asOf: reminders are run for today (${today}) or, to preview, a later day; what went out on ${runOn} is on the Reminders page`,
    );
  }
  const report: ReminderRunReport = {
    runOn,
    division: options.division,
    workingDay: true,
    enabled: true,
    dryRun: options.dryRun === true,
    planned: 0,
    heldByCap: 0,
    noEmail: 0,
    onLeave: 0,
    sent: 0,
    failed: 0,
    forMailMerge: 0,
    messages: [],
  };
  const fill = (planned: Awaited<ReturnType<typeof plan>>) => {
    report.workingDay = planned.workingDay;
    report.enabled = planned.schedule.enabled;
    Object.assign(report, planned.counts);
    report.messages = planned.messages;
  };
  if (options.dryRun) {
    const planned = await plan(store, options, runOn);
    fill(planned);
    report.planned = planned.messages.length;
    return report;
  }
  const status = options.mailer ? 'queued' : 'mail-merge';
  await inTransaction(store, async (tx) => {
    // Planners take turns on the audit log's head row (PostgreSQL); SQLite's write transaction already serialises them.
    if (tx.kind === 'postgres') {
      await tx.db.selectFrom('audit_head').select('seq').where('id', '=', 1).forUpdate().execute();
    }
    const planned = await plan(tx, options, runOn);
    fill(planned);
    const now = tx.clock().toISOString();
    const stored: PlannedMessage[] = [];
    for (const message of planned.messages) {
      const id = randomUUID();
      const inserted = await tx.db
        .insertInto('reminder_sends')
        .values({
          id,
          run_on: runOn,
          recipient: message.recipient,
          email: message.email,
          kinds: JSON.stringify(message.kinds),
          subject: message.subject,
          body: message.body,
          items: message.items,
          status,
          attempts: 0,
          claimed_by: null,
          claimed_until: null,
          sent_at: null,
          error: null,
          created_at: now,
        })
        .onConflict((oc) => oc.columns(['recipient', 'run_on']).doNothing())
        .executeTakeFirst();
      if (Number(inserted.numInsertedOrUpdatedRows ?? 0) === 0) continue;
      for (let i = 0; i < message.stages.length; i += CHUNK) {
        await tx.db
          .insertInto('reminder_stages')
          .values(message.stages.slice(i, i + CHUNK).map((s) => ({ item: s.item, stage: s.stage, send_id: id })))
          .onConflict((oc) => oc.doNothing())
          .execute();
      }
      stored.push(message);
    }
    report.planned = stored.length;
    report.messages = stored;
    await appendAudit(tx, {
      actor: options.actor,
      type: 'reminders.planned',
      data: {
        runOn,
        planned: stored.length,
        heldByCap: report.heldByCap,
        noEmail: report.noEmail,
        onLeave: report.onLeave,
        workingDay: report.workingDay,
        delivery: options.mailer ? 'smtp' : 'mail-merge',
      },
    });
  });
  if (options.mailer) {
    const result = await sendQueuedReminders(store, options.mailer, { worker: options.worker ?? randomUUID() });
    report.sent = result.sent;
    report.failed = result.failed;
  }
  report.forMailMerge = Number(
    (
      await store.db
        .selectFrom('reminder_sends')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('status', '=', 'mail-merge')
        .executeTakeFirstOrThrow()
    ).n,
  );
  return report;
}

/** A claimed send. */
interface ClaimedSend {
  id: string;
  recipient: string;
  email: string;
  subject: string;
  body: string;
  run_on: string;
  items: number;
  attempts: number;
}

/** Claims the next queued message for `worker` (one runner gets each), or undefined when there is none. */
export async function claimReminder(
  store: Store,
  worker: string,
  leaseSeconds = 120,
): Promise<ClaimedSend | undefined> {
  for (;;) {
    const result = await inTransaction(store, async (tx) => {
      const now = tx.clock().toISOString();
      let query = tx.db
        .selectFrom('reminder_sends')
        .select(['id', 'recipient', 'email', 'subject', 'body', 'run_on', 'items', 'attempts', 'status'])
        .where((eb) =>
          eb.or([
            eb.and([
              eb('status', '=', 'queued'),
              eb.or([eb('claimed_until', 'is', null), eb('claimed_until', '<', now)]),
            ]),
            eb.and([eb('status', '=', 'sending'), eb('claimed_until', '<', now)]),
          ]),
        )
        .orderBy('created_at')
        .orderBy('id')
        .limit(1);
      if (tx.kind === 'postgres') query = query.forUpdate().skipLocked();
      const row = await query.executeTakeFirst();
      if (!row) return { done: true as const };
      const updated = await tx.db
        .updateTable('reminder_sends')
        .set({
          status: 'sending',
          claimed_by: worker,
          claimed_until: new Date(tx.clock().getTime() + leaseSeconds * 1000).toISOString(),
          attempts: row.attempts + 1,
        })
        .where('id', '=', row.id)
        .where('status', '=', row.status)
        .where('attempts', '=', row.attempts)
        .executeTakeFirst();
      if (Number(updated.numUpdatedRows) === 0) return { done: false as const };
      return { done: false as const, claimed: { ...row, attempts: row.attempts + 1 } };
    });
    if (result.done) return undefined;
    if (result.claimed) return result.claimed;
  }
}

/**
 * Sends every queued reminder this runner can claim. A message the server refuses is tried again after five minutes,
 * up to three times, then marked failed; each outcome is in the audit log (ids and counts only).
 */
export async function sendQueuedReminders(
  store: Store,
  mailer: Mailer,
  options: { worker: string; leaseSeconds?: number },
): Promise<{ sent: number; failed: number }> {
  let sent = 0;
  let failed = 0;
  for (;;) {
    const claim = await claimReminder(store, options.worker, options.leaseSeconds);
    if (!claim) break;
    const subject = claim.recipient.startsWith('person:') ? claim.recipient.slice(7) : claim.recipient.slice(8);
    try {
      await mailer.send({
        to: claim.email,
        subject: claim.subject,
        text: claim.body,
        messageId: `<reminder-${claim.id}@im-records.invalid>`,
      });
    } catch (error) {
      const reason = error instanceof Error ? error.message.slice(0, 300) : 'refused';
      const giveUp = claim.attempts >= MAX_ATTEMPTS;
      await inTransaction(store, async (tx) => {
        await tx.db
          .updateTable('reminder_sends')
          .set({
            status: giveUp ? 'failed' : 'queued',
            claimed_by: null,
            claimed_until: giveUp ? null : new Date(tx.clock().getTime() + 5 * 60_000).toISOString(),
            error: reason,
          })
          .where('id', '=', claim.id)
          .where('claimed_by', '=', options.worker)
          .execute();
        if (giveUp)
          await appendAudit(tx, {
            actor: 'system',
            type: 'reminder.failed',
            subject,
            data: { send: claim.id, runOn: claim.run_on, attempts: claim.attempts },
          });
      });
      if (giveUp) failed += 1;
      continue;
    }
    await inTransaction(store, async (tx) => {
      await tx.db
        .updateTable('reminder_sends')
        .set({ status: 'sent', sent_at: tx.clock().toISOString(), claimed_until: null, error: null })
        .where('id', '=', claim.id)
        .execute();
      await appendAudit(tx, {
        actor: 'system',
        type: 'reminder.sent',
        subject,
        data: { send: claim.id, runOn: claim.run_on, items: claim.items, attempt: claim.attempts },
      });
    });
    sent += 1;
  }
  return { sent, failed };
}
