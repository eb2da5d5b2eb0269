/**
 * When reminders are due: pure rules over one person's due items, the stages already sent and a run day, so the
 * schedule can be tested date by date without a database. The defaults answer what staff complain about in systems of
 * this kind (reference: attestation.md): an invitation, then 14, 7 and 1 day before the due date, then a weekly overdue
 * digest; the line manager hears at 7 days overdue and the IG lead at 28; and nobody gets more than one e-mail a week
 * across all policies (the planner enforces that across items). Reminders go out on the trust's working days only:
 * weekends and the bank holidays of its UK division are skipped, and a stage that falls on one is sent on the working
 * day before it (so "1 day before" a Monday deadline arrives on Friday).
 */
import {
  addDays,
  compareDates,
  type Division,
  defaultHolidayCalendar,
  type HolidayCalendar,
  type IsoDate,
} from '@im-records/records-policy';
import { z } from 'zod';

/** The schedule an IG lead sets (one for every policy version and renewal). */
export const reminderScheduleSchema = z
  .object({
    /** Off: the run plans and sends nothing. */
    enabled: z.boolean().default(true),
    /** Days before the due date the invitation goes (for a new starter or a new version, as soon as it is due sooner). */
    invitationDays: z.number().int().min(1).max(120).default(28),
    /** Reminders this many days before the due date, e.g. 14, 7 and 1. */
    beforeDays: z.array(z.number().int().min(0).max(119)).max(6).default([14, 7, 1]),
    /** An overdue digest every this many days while overdue (at least weekly is the cap anyway). */
    overdueEveryDays: z.number().int().min(7).max(56).default(7),
    /** The line manager is told once an item is this many days overdue. */
    escalateManagerDays: z.number().int().min(1).max(90).default(7),
    /** The IG lead is told once an item is this many days overdue. */
    escalateIgLeadDays: z.number().int().min(1).max(180).default(28),
    /** At most one e-mail to anyone in this many days, across all policies and escalations. */
    capDays: z.number().int().min(7).max(28).default(7),
  })
  .superRefine((s, ctx) => {
    if (s.beforeDays.some((d) => d >= s.invitationDays))
      ctx.addIssue({
        code: 'custom',
        path: ['beforeDays'],
        message: 'each reminder must come after the invitation (fewer days before the due date)',
      });
    if (s.escalateIgLeadDays <= s.escalateManagerDays)
      ctx.addIssue({
        code: 'custom',
        path: ['escalateIgLeadDays'],
        message: 'the IG lead is told after the line manager',
      });
  });

/** The reminder schedule. */
export type ReminderSchedule = z.infer<typeof reminderScheduleSchema>;

/** The default schedule. */
export const DEFAULT_REMINDER_SCHEDULE: ReminderSchedule = reminderScheduleSchema.parse({});

/** One thing a person must do by a date: attest to a policy, or pass the assessment. */
export interface DueItem {
  /** Stable across runs: the person, the requirement and its due date (so a new version or renewal starts afresh). */
  key: string;
  person: string;
  kind: 'attestation' | 'training';
  policy?: string;
  dueOn: IsoDate;
}

/** A stage of the schedule: `invitation`, `before-N`, `overdue-K` (the K-th overdue digest), `manager`, `ig-lead`. */
export type Stage = string;

/** Who a stage is for. */
export type Audience = 'own' | 'manager' | 'ig-lead';

/** What the schedule asks for one item on one day. */
export interface DueStage {
  item: DueItem;
  stage: Stage;
  audience: Audience;
  /** Days overdue on the run day (negative: days left). */
  daysOverdue: number;
}

/** The item key for a person's requirement with its due date. */
export function itemKey(person: string, kind: 'attestation' | 'training', dueOn: IsoDate, policy?: string): string {
  return kind === 'attestation' ? `${person}|attestation|${policy ?? ''}|${dueOn}` : `${person}|training|${dueOn}`;
}

/** The trust's working days: weekends and its division's bank holidays are not. */
export interface WorkingDays {
  division: Division;
  calendar?: HolidayCalendar;
}

/** Whether reminders may go out on a day. */
export function isReminderDay(day: IsoDate, working: WorkingDays): boolean {
  return (working.calendar ?? defaultHolidayCalendar).isWorkingDay(day, [working.division]);
}

/** The day itself when it is a working day, otherwise the working day before it. */
export function workingDayOnOrBefore(day: IsoDate, working: WorkingDays): IsoDate {
  let d = day;
  for (let i = 0; i < 31 && !isReminderDay(d, working); i++) d = addDays(d, -1);
  return d;
}

/**
 * The person's own stages for an item, in the order they fall, each with the day it becomes due (moved to the working
 * day before when it falls on a weekend or holiday). Overdue digests are listed up to `upTo`.
 */
export function ownStages(
  dueOn: IsoDate,
  schedule: ReminderSchedule,
  working: WorkingDays,
  upTo: IsoDate,
): { stage: Stage; from: IsoDate }[] {
  const stages: { stage: Stage; from: IsoDate }[] = [
    { stage: 'invitation', from: workingDayOnOrBefore(addDays(dueOn, -schedule.invitationDays), working) },
  ];
  for (const days of [...new Set(schedule.beforeDays)].sort((a, b) => b - a)) {
    stages.push({ stage: `before-${days}`, from: workingDayOnOrBefore(addDays(dueOn, -days), working) });
  }
  for (let k = 1; ; k++) {
    const from = addDays(dueOn, 1 + (k - 1) * schedule.overdueEveryDays);
    if (compareDates(from, upTo) > 0) break;
    stages.push({ stage: `overdue-${k}`, from });
  }
  return stages;
}

function daysFrom(a: IsoDate, b: IsoDate): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
}

/**
 * The stages an item asks for on `day`, given the stages it has had: the latest of the person's own stages that has
 * come (an earlier one never sent is passed over, since the latest says what matters now), and an escalation to the
 * line manager or IG lead once it is overdue long enough. Nothing on a day that is not a working day.
 */
export function dueStages(
  item: DueItem,
  sent: ReadonlySet<Stage>,
  day: IsoDate,
  schedule: ReminderSchedule,
  working: WorkingDays,
): DueStage[] {
  if (!schedule.enabled || !isReminderDay(day, working)) return [];
  const daysOverdue = daysFrom(item.dueOn, day);
  const out: DueStage[] = [];
  const stages = ownStages(item.dueOn, schedule, working, day).filter((s) => compareDates(s.from, day) <= 0);
  const latest = stages.at(-1);
  if (latest) {
    // A later stage already sent (by an earlier run) covers this one.
    const index = stages.indexOf(latest);
    const sentSince = stages.slice(index).some((s) => sent.has(s.stage));
    if (!sentSince) out.push({ item, stage: latest.stage, audience: 'own', daysOverdue });
  }
  if (daysOverdue >= schedule.escalateManagerDays && !sent.has('manager'))
    out.push({ item, stage: 'manager', audience: 'manager', daysOverdue });
  if (daysOverdue >= schedule.escalateIgLeadDays && !sent.has('ig-lead'))
    out.push({ item, stage: 'ig-lead', audience: 'ig-lead', daysOverdue });
  return out;
}

/** Whether a recipient's last e-mail (on `lastSent`) was recent enough that `day` must wait. */
export function heldByCap(lastSent: IsoDate | null, day: IsoDate, schedule: ReminderSchedule): boolean {
  return lastSent !== null && daysFrom(lastSent, day) < schedule.capDays;
}
