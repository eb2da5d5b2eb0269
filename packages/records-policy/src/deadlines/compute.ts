import {
  addDays,
  addMonthsClamped,
  compareDates,
  daysBetween,
  type IsoDate,
  isWeekend,
  localToday,
  weekdayName,
} from '../dates.ts';
import { DeadlineInputError } from '../errors.ts';
import { defaultHolidayCalendar, type HolidayCalendar } from '../holidays/calendar.ts';
import { DIVISIONS, type Division } from '../holidays/types.ts';
import { SOURCES } from './sources.ts';
import type {
  AppliedPause,
  ClockPause,
  DeadlineInput,
  DeadlineResult,
  RequestType,
  RuleSource,
  SkippedHoliday,
} from './types.ts';

/** SAR requests received before this date were counted from the day after receipt (ICO guidance before the change). */
export const SAR_SAME_DAY_RULE_FROM = '2019-08-15' as IsoDate;
/** UK GDPR and the DPA 2018 apply to subject access requests received from this date (before it, DPA 1998's 40 days). */
export const UK_GDPR_FROM = '2018-05-25' as IsoDate;
/** Data (Use and Access) Act 2025 s76 (Article 12A UK GDPR: the statutory pause) commenced on this date. */
export const SAR_STATUTORY_PAUSE_FROM = '2026-02-05' as IsoDate;

const WORKING_DAYS = 20;
const EXTENSION_WORKING_DAYS = 20;

function check(condition: boolean, message: string): void {
  if (!condition) throw new DeadlineInputError(message);
}

function checkInput(input: DeadlineInput): void {
  const { type, received } = input;
  check(type === 'foi' || type === 'eir' || type === 'foisa' || type === 'sar', `unknown request type '${type}'`);
  if (type === 'foisa') {
    check(input.extended !== true, 'FOISA has no extension: the 20 working days cover the whole response');
  }
  if (input.complex === true) {
    check(type === 'eir', `'complex' applies only to EIR requests (complex and voluminous, reg 7(1)), not ${type}`);
  }
  if (input.clarified !== undefined) {
    check(type !== 'sar', 'a SAR clarification pauses the clock: give it as a pause, not as clarified');
    check(
      compareDates(input.clarified, received) >= 0,
      `clarified ${input.clarified} is before the request was received (${received})`,
    );
  }
  if (input.clockStart !== undefined) {
    check(type === 'sar', 'clockStart (receipt of ID or fee) applies only to SARs');
    check(
      compareDates(input.clockStart, received) >= 0,
      `clockStart ${input.clockStart} is before the request was received (${received})`,
    );
  }
  if (input.division !== undefined) {
    check(type === 'sar', 'division applies only to SARs (FOI and EIR use every UK division, FOISA Scotland)');
    check(DIVISIONS.includes(input.division), `unknown division '${input.division}'`);
  }
  if (input.pausedDays !== undefined) {
    check(
      Number.isInteger(input.pausedDays) && input.pausedDays >= 0,
      `pausedDays must be a whole number of days, 0 or more (got ${input.pausedDays})`,
    );
  }
  for (const [index, pause] of (input.pauses ?? []).entries()) {
    check(
      compareDates(pause.from, pause.to) <= 0,
      `pauses[${index}] ends (${pause.to}) before it starts (${pause.from})`,
    );
    check(
      compareDates(pause.from, received) >= 0,
      `pauses[${index}] starts (${pause.from}) before the request was received (${received})`,
    );
  }
  if (type === 'sar') {
    check(
      compareDates(received, UK_GDPR_FROM) >= 0,
      `SARs received before ${UK_GDPR_FROM} fall under the Data Protection Act 1998 (40 days), which is not modelled`,
    );
  }
}

/** Weekday bank holidays in (after, through], grouped by date and name with their divisions. */
function skippedHolidays(
  calendar: HolidayCalendar,
  after: IsoDate,
  through: IsoDate,
  divisions: readonly Division[],
): SkippedHoliday[] {
  if (compareDates(through, after) <= 0) return [];
  const grouped = new Map<string, SkippedHoliday>();
  for (const holiday of calendar.holidaysBetween(addDays(after, 1), through, divisions)) {
    if (isWeekend(holiday.date)) continue;
    const key = `${holiday.date} ${holiday.name}`;
    const entry = grouped.get(key);
    if (entry) entry.divisions.push(holiday.division);
    else grouped.set(key, { date: holiday.date, name: holiday.name, divisions: [holiday.division] });
  }
  return [...grouped.values()];
}

function unverifiedNotes(
  calendar: HolidayCalendar,
  after: IsoDate,
  through: IsoDate,
  divisions: readonly Division[],
): string[] {
  if (compareDates(through, after) <= 0) return [];
  return calendar
    .holidaysBetween(addDays(after, 1), through, divisions)
    .filter((holiday) => holiday.unverified)
    .map(
      (holiday) =>
        `${holiday.date} (${holiday.name}, ${holiday.division}) is treated as a bank holiday but is not confirmed by an official source; check it or load the official feed.`,
    );
}

interface Counter {
  /** Whether the day counts towards the time limit. */
  counts(date: IsoDate): boolean;
}

/** Counting days in (after, through] that satisfy the counter. */
function countDays(counter: Counter, after: IsoDate, through: IsoDate): number {
  let count = 0;
  for (let date = addDays(after, 1); compareDates(date, through) <= 0; date = addDays(date, 1)) {
    if (counter.counts(date)) count += 1;
  }
  return count;
}

/** The `n`th counting day after `after`. */
function nthDay(counter: Counter, after: IsoDate, n: number): IsoDate {
  let date = after;
  let count = 0;
  while (count < n) {
    date = addDays(date, 1);
    if (counter.counts(date)) count += 1;
  }
  return date;
}

function asOfFigures(
  counter: Counter,
  working: Counter,
  clockStart: IsoDate,
  due: IsoDate,
  asOf: IsoDate,
): Pick<
  DeadlineResult,
  'status' | 'workingDaysTotal' | 'workingDaysElapsed' | 'workingDaysLeft' | 'calendarDaysLeft' | 'asOf'
> {
  const total = countDays(counter, clockStart, due);
  const overdue = compareDates(asOf, due) > 0;
  const elapsed = compareDates(asOf, clockStart) <= 0 ? 0 : overdue ? total : countDays(counter, clockStart, asOf);
  const left = overdue ? -countDays(working, due, asOf) : total - elapsed;
  return {
    asOf,
    status: overdue ? 'overdue' : asOf === due ? 'due-today' : 'open',
    workingDaysTotal: total,
    workingDaysElapsed: elapsed,
    workingDaysLeft: left,
    calendarDaysLeft: daysBetween(asOf, due),
  };
}

function workingDayLimit(input: DeadlineInput, calendar: HolidayCalendar, asOf: IsoDate): DeadlineResult {
  const { type, received } = input;
  const divisions: Division[] = type === 'foisa' ? ['scotland'] : [...DIVISIONS];
  const extended = input.extended === true || input.complex === true;
  const clockStart = input.clarified ?? received;
  const pauses = input.pauses ?? [];
  const paused = (date: IsoDate) =>
    pauses.some((pause) => compareDates(date, pause.from) >= 0 && compareDates(date, pause.to) <= 0);
  const working: Counter = { counts: (date) => calendar.isWorkingDay(date, divisions) };
  const counter: Counter = { counts: (date) => working.counts(date) && !paused(date) };
  const extra = input.pausedDays ?? 0;
  const base = WORKING_DAYS + extra;
  const limit = base + (extended ? EXTENSION_WORKING_DAYS : 0);
  const due = nthDay(counter, clockStart, limit);
  const noticeDue = extended ? nthDay(counter, clockStart, base) : undefined;

  const pausesApplied: AppliedPause[] = pauses.map((pause: ClockPause) => ({
    reason: 'fees-notice',
    from: pause.from,
    to: pause.to,
    days: countDays(working, addDays(pause.from, -1), pause.to),
    unit: 'working-days',
  }));
  if (extra > 0) pausesApplied.push({ reason: 'fees-notice', days: extra, unit: 'working-days' });

  const sources: RuleSource[] = [];
  const parts: string[] = [];
  const notes: string[] = [];
  let ruleId: string;
  if (type === 'foisa') {
    ruleId = 'foisa-s10';
    parts.push(
      'FOISA s10(1): respond by the 20th working day after receipt; day 1 is the first working day after receipt.',
      'Working days exclude Saturdays, Sundays, Christmas Day and bank holidays in Scotland (s73).',
    );
    sources.push(SOURCES.foisaS10, SOURCES.sicTimescales);
  } else if (type === 'eir') {
    ruleId = extended ? 'eir-reg7' : 'eir-reg5';
    parts.push(
      'EIR 2004 reg 5(2): respond within 20 working days after receipt; day 1 is the first working day after receipt (ICO).',
      'Working days exclude Saturdays, Sundays and bank holidays in any part of the UK.',
    );
    if (extended) {
      parts.push(
        `Extended to 40 working days because the request is complex and voluminous (reg 7(1)); the requester must be told by ${noticeDue}.`,
      );
    }
    notes.push(
      'EIR is read as using the FOIA meaning of working day (bank holidays in any part of the UK); this is an assumption not yet confirmed against the regulations.',
    );
    sources.push(SOURCES.icoEirTimeLimits);
  } else {
    ruleId = extended ? 'foia-s10-pit' : 'foia-s10';
    parts.push(
      'FOIA s10(1): respond by the 20th working day following the date of receipt; day 1 is the first working day after receipt (ICO).',
      'Working days exclude Saturdays, Sundays, Christmas Day, Good Friday and bank holidays in any part of the UK (s10(6)).',
    );
    if (extended) {
      parts.push(
        `Public interest test extension of a further 20 working days (s10(3), ICO practice); the refusal notice naming the exemption is still due by ${noticeDue} (s17(1)).`,
      );
      notes.push(
        'The public interest extension is "reasonable in the circumstances" in law; 20 further working days is the ICO practice, not a statutory figure.',
      );
    }
    sources.push(SOURCES.foiaS10, SOURCES.icoLtt47);
  }
  if (input.clarified !== undefined) {
    parts.push(`The clock started afresh on receipt of clarification on ${input.clarified}.`);
  }
  if (pausesApplied.length > 0) {
    parts.push(
      `Working days between the fees notice and receipt of the fee are disregarded (${type === 'foisa' ? 'FOISA' : 'FOIA'} s10(2)).`,
    );
  }
  notes.push(...unverifiedNotes(calendar, clockStart, due, divisions));

  return {
    type,
    received,
    clockStart,
    due,
    dueWeekday: weekdayName(due),
    extended,
    ...(noticeDue === undefined ? {} : { noticeDue }),
    ruleId,
    rule: parts.join(' '),
    sources,
    holidayDivisions: divisions,
    ...asOfFigures(counter, working, clockStart, due, asOf),
    holidaysSkipped: skippedHolidays(calendar, clockStart, due, divisions),
    pausesApplied,
    notes,
  };
}

function rollForward(calendar: HolidayCalendar, date: IsoDate, divisions: readonly Division[]): IsoDate {
  let rolled = date;
  while (!calendar.isWorkingDay(rolled, divisions)) rolled = addDays(rolled, 1);
  return rolled;
}

function subjectAccess(input: DeadlineInput, calendar: HolidayCalendar, asOf: IsoDate): DeadlineResult {
  const { received } = input;
  const division = input.division ?? 'england-and-wales';
  const divisions: Division[] = [division];
  const extended = input.extended === true;
  const clockStart = input.clockStart ?? received;
  const oldRule = compareDates(received, SAR_SAME_DAY_RULE_FROM) < 0;
  const countFrom = oldRule ? addDays(clockStart, 1) : clockStart;
  const pauses = input.pauses ?? [];
  const pausesApplied: AppliedPause[] = pauses.map((pause) => ({
    reason: 'clarification',
    from: pause.from,
    to: pause.to,
    days: daysBetween(pause.from, pause.to),
    unit: 'calendar-days',
  }));
  if ((input.pausedDays ?? 0) > 0) {
    pausesApplied.push({ reason: 'clarification', days: input.pausedDays ?? 0, unit: 'calendar-days' });
  }
  const pausedTotal = pausesApplied.reduce((sum, pause) => sum + pause.days, 0);

  const end = (months: number) => {
    const nominal = addDays(addMonthsClamped(countFrom, months), pausedTotal);
    return { nominal, due: rollForward(calendar, nominal, divisions) };
  };
  const { nominal, due } = end(extended ? 3 : 1);
  const noticeDue = extended ? end(1).due : undefined;

  const parts = [
    oldRule
      ? `UK GDPR Art 12(3): one month. Received before ${SAR_SAME_DAY_RULE_FROM}, so counted by the ICO's earlier rule: from the day after the clock started to the same date in the following month.`
      : 'UK GDPR Art 12(3): one month, counted by the ICO rule from the day the clock started to the same date in the following month.',
    'Where that month has no such date, the last day of the month; where the date is a weekend or bank holiday, the next working day',
  ];
  parts[1] += ` (bank holidays of ${division}).`;
  if (input.clockStart !== undefined && input.clockStart !== received) {
    parts.push(`The clock started on ${input.clockStart}, when proof of identity or an allowed fee arrived.`);
  }
  if (extended) {
    parts.push(
      `Extended by two further months for complexity or number of requests: three months from the start. The requester must be told, with reasons, by ${noticeDue}.`,
    );
  }
  if (pausedTotal > 0) {
    parts.push(
      `Paused for ${pausedTotal} calendar day(s) while clarification was awaited (ICO guidance; Article 12A UK GDPR from ${SAR_STATUTORY_PAUSE_FROM}).`,
    );
  }
  const notes: string[] = [
    'The ICO does not say whose public holidays roll the date forward; england-and-wales is used unless another division is chosen.',
    ...unverifiedNotes(calendar, addDays(nominal, -1), due, divisions),
  ];
  const working: Counter = { counts: (date) => calendar.isWorkingDay(date, divisions) };
  return {
    type: 'sar',
    received,
    clockStart,
    due,
    dueWeekday: weekdayName(due),
    extended,
    ...(noticeDue === undefined ? {} : { noticeDue }),
    ruleId: oldRule ? 'sar-art12-day-after' : extended ? 'sar-art12-extended' : 'sar-art12',
    rule: parts.join(' '),
    sources: [SOURCES.icoSar],
    holidayDivisions: divisions,
    ...asOfFigures(working, working, clockStart, due, asOf),
    holidaysSkipped: skippedHolidays(calendar, addDays(nominal, -1), due, divisions),
    pausesApplied,
    notes,
  };
}

/**
 * The response deadline for an FOI, EIR, FOISA or subject access request, with the rule applied, the working days
 * used and left, the holidays skipped and the pauses applied — so a records officer can both meet and explain it.
 * Throws {@link DeadlineInputError} when the options do not fit the regime.
 */
export function computeDeadline(input: DeadlineInput): DeadlineResult {
  checkInput(input);
  const calendar = input.calendar ?? defaultHolidayCalendar;
  const asOf = input.asOf ?? localToday();
  return input.type === 'sar' ? subjectAccess(input, calendar, asOf) : workingDayLimit(input, calendar, asOf);
}

/** Whether text names a request type, for validating user input. */
export function isRequestType(text: string): text is RequestType {
  return text === 'foi' || text === 'eir' || text === 'foisa' || text === 'sar';
}
