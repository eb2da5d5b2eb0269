import type { IsoDate } from '@im-records/records-policy';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_REMINDER_SCHEDULE,
  type DueItem,
  dueStages,
  heldByCap,
  isReminderDay,
  itemKey,
  ownStages,
  reminderScheduleSchema,
  type WorkingDays,
  workingDayOnOrBefore,
} from '../src/reminders/schedule.ts';

const england = { division: 'england-and-wales' } as const;
const scotland = { division: 'scotland' } as const;
const d = (text: string) => text as IsoDate;
// Due on Monday 16 March 2026.
const item: DueItem = {
  key: itemKey('p1', 'attestation', d('2026-03-16'), 'im-policy'),
  person: 'p1',
  kind: 'attestation',
  policy: 'im-policy',
  dueOn: d('2026-03-16'),
};
const stagesOn = (
  day: string,
  sent: string[] = [],
  schedule = DEFAULT_REMINDER_SCHEDULE,
  working: WorkingDays = england,
) => dueStages(item, new Set(sent), d(day), schedule, working).map((s) => `${s.audience}:${s.stage}`);

describe('the reminder schedule', () => {
  it('has the default stages: invitation 28 days ahead, 14, 7 and 1 day before, then weekly overdue digests', () => {
    expect(ownStages(item.dueOn, DEFAULT_REMINDER_SCHEDULE, england, d('2026-04-01'))).toEqual([
      { stage: 'invitation', from: '2026-02-16' },
      { stage: 'before-14', from: '2026-03-02' },
      { stage: 'before-7', from: '2026-03-09' },
      // 1 day before is Sunday 15 March: sent on the Friday before.
      { stage: 'before-1', from: '2026-03-13' },
      { stage: 'overdue-1', from: '2026-03-17' },
      { stage: 'overdue-2', from: '2026-03-24' },
      { stage: 'overdue-3', from: '2026-03-31' },
    ]);
  });

  it('asks for the latest stage that has come and not been sent, passing over older ones', () => {
    expect(stagesOn('2026-02-13')).toEqual([]);
    expect(stagesOn('2026-02-16')).toEqual(['own:invitation']);
    expect(stagesOn('2026-03-03', ['invitation'])).toEqual(['own:before-14']);
    expect(stagesOn('2026-03-03', ['invitation', 'before-14'])).toEqual([]);
    // Nothing was sent before: the latest stage alone, not the invitation as well.
    expect(stagesOn('2026-03-10')).toEqual(['own:before-7']);
    // A later stage already sent covers an earlier one that was never sent.
    expect(stagesOn('2026-03-10', ['before-7'])).toEqual([]);
    expect(stagesOn('2026-03-13', ['invitation', 'before-14', 'before-7'])).toEqual(['own:before-1']);
  });

  it('sends nothing at weekends', () => {
    expect(stagesOn('2026-03-14', ['invitation'])).toEqual([]);
    expect(stagesOn('2026-03-15', ['invitation'])).toEqual([]);
  });

  it('escalates to the line manager at 7 days overdue and to the IG lead at 28, once each', () => {
    expect(stagesOn('2026-03-17', ['before-1'])).toEqual(['own:overdue-1']);
    expect(stagesOn('2026-03-23', ['overdue-1'])).toEqual(['manager:manager']);
    expect(stagesOn('2026-03-24', ['overdue-1', 'manager'])).toEqual(['own:overdue-2']);
    expect(stagesOn('2026-04-13', ['overdue-4', 'manager'])).toEqual(['ig-lead:ig-lead']);
    expect(stagesOn('2026-04-14', ['overdue-4', 'manager', 'ig-lead'])).toEqual(['own:overdue-5']);
    const [stage] = dueStages(item, new Set(['overdue-1']), d('2026-03-23'), DEFAULT_REMINDER_SCHEDULE, england);
    expect(stage?.daysOverdue).toBe(7);
  });

  it("follows the trust's own division's bank holidays", () => {
    // Due Tuesday 7 April 2026: the day before is Easter Monday in England and Wales (and Good Friday before it),
    // so the reminder goes on Thursday 2 April; Scotland has no Easter Monday holiday, so it goes on the Monday.
    const easter = { ...item, dueOn: d('2026-04-07') };
    const before1 = (working: typeof england | typeof scotland) =>
      ownStages(easter.dueOn, DEFAULT_REMINDER_SCHEDULE, working, easter.dueOn).find((s) => s.stage === 'before-1');
    expect(before1(england)?.from).toBe('2026-04-02');
    expect(before1(scotland)?.from).toBe('2026-04-06');
    expect(workingDayOnOrBefore(d('2026-04-06'), england)).toBe('2026-04-02');
    // St Andrew's Day (Monday 30 November 2026) is a holiday in Scotland only; St Patrick's Day in Northern Ireland.
    expect(isReminderDay(d('2026-11-30'), scotland)).toBe(false);
    expect(isReminderDay(d('2026-11-30'), england)).toBe(true);
    expect(isReminderDay(d('2026-03-17'), { division: 'northern-ireland' })).toBe(false);
    expect(isReminderDay(d('2026-03-17'), england)).toBe(true);
    expect(stagesOn('2026-11-30', [], DEFAULT_REMINDER_SCHEDULE, scotland)).toEqual([]);
  });

  it('holds a recipient for a week after their last e-mail', () => {
    expect(heldByCap(d('2026-03-09'), d('2026-03-13'), DEFAULT_REMINDER_SCHEDULE)).toBe(true);
    expect(heldByCap(d('2026-03-09'), d('2026-03-15'), DEFAULT_REMINDER_SCHEDULE)).toBe(true);
    expect(heldByCap(d('2026-03-09'), d('2026-03-16'), DEFAULT_REMINDER_SCHEDULE)).toBe(false);
    expect(heldByCap(null, d('2026-03-16'), DEFAULT_REMINDER_SCHEDULE)).toBe(false);
  });

  it('is configurable, and refuses a schedule that contradicts itself', () => {
    const schedule = reminderScheduleSchema.parse({ invitationDays: 21, beforeDays: [10, 3], escalateManagerDays: 14 });
    expect(stagesOn('2026-03-06', [], schedule)).toEqual(['own:before-10']);
    expect(stagesOn('2026-03-23', ['overdue-1'], schedule)).toEqual([]);
    expect(stagesOn('2026-03-30', ['overdue-2'], schedule)).toEqual(['manager:manager']);
    expect(stagesOn('2026-03-31', ['overdue-2', 'manager'], schedule)).toEqual(['own:overdue-3']);
    expect(stagesOn('2026-03-02', [], { ...schedule, enabled: false })).toEqual([]);
    expect(reminderScheduleSchema.safeParse({ beforeDays: [30] }).success).toBe(false);
    expect(reminderScheduleSchema.safeParse({ escalateManagerDays: 28, escalateIgLeadDays: 28 }).success).toBe(false);
    expect(reminderScheduleSchema.safeParse({ capDays: 3 }).success).toBe(false);
  });
});
