import { InvalidDateError } from './errors.ts';

declare const isoDateBrand: unique symbol;

/**
 * A calendar date as an ISO `YYYY-MM-DD` string (years 0001–9999). Branded so that only checked dates reach the rules:
 * make one with {@link parseIsoDate}. A date has no time or time zone, so arithmetic is done on UTC day numbers and
 * cannot drift across clock changes.
 */
export type IsoDate = string & { readonly [isoDateBrand]: true };

/** Day of the week as `Date#getUTCDay` numbers it: 0 is Sunday, 6 is Saturday. */
export type Weekday = 0 | 1 | 2 | 3 | 4 | 5 | 6;

const WEEKDAY_NAMES = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'] as const;
const MONTH_NAMES = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
] as const;
const MS_PER_DAY = 86_400_000;

function pad(value: number, width: number): string {
  return String(value).padStart(width, '0');
}

/** Days in a month (month 1–12) of a proleptic Gregorian year. */
export function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/**
 * Builds a date from numbers, checking it exists (so 2024-02-30 is refused rather than rolled into March the way
 * `Date` would). Throws {@link InvalidDateError}.
 */
export function makeDate(year: number, month: number, day: number): IsoDate {
  if (!Number.isInteger(year) || year < 1 || year > 9999) {
    throw new InvalidDateError(`year ${year} is outside 0001–9999`);
  }
  if (!Number.isInteger(month) || month < 1 || month > 12) {
    throw new InvalidDateError(`month ${month} does not exist (expected 1–12)`);
  }
  const last = daysInMonth(year, month);
  if (!Number.isInteger(day) || day < 1 || day > last) {
    throw new InvalidDateError(`${pad(year, 4)}-${pad(month, 2)} has no day ${day} (it has ${last} days)`);
  }
  return `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}` as IsoDate;
}

/**
 * Checks untrusted text is a real `YYYY-MM-DD` date and returns it branded. Throws {@link InvalidDateError} naming
 * what was wrong (the shape, or the impossible day such as 2024-02-30). `what` names the field in the message.
 */
export function parseIsoDate(text: string, what = 'date'): IsoDate {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) throw new InvalidDateError(`${what} '${text}' is not a date in the form YYYY-MM-DD`);
  try {
    return makeDate(Number(match[1]), Number(match[2]), Number(match[3]));
  } catch (error) {
    if (error instanceof InvalidDateError) {
      throw new InvalidDateError(`${what} '${text}' is not a real date: ${error.message}`);
    }
    throw error;
  }
}

/** Whether text is a real `YYYY-MM-DD` date, for checks that should not throw. */
export function isIsoDate(text: string): text is IsoDate {
  try {
    parseIsoDate(text);
    return true;
  } catch {
    return false;
  }
}

/** The year, month (1–12) and day of a date. */
export function dateParts(date: IsoDate): { year: number; month: number; day: number } {
  return { year: Number(date.slice(0, 4)), month: Number(date.slice(5, 7)), day: Number(date.slice(8, 10)) };
}

/** Days since 1970-01-01 (negative before), the integer that all date arithmetic here is done on. */
export function toDayNumber(date: IsoDate): number {
  const { year, month, day } = dateParts(date);
  const utc = new Date(0);
  // setUTCFullYear, unlike Date.UTC, does not map years 0–99 to 1900–1999.
  utc.setUTCFullYear(year, month - 1, day);
  return Math.round(utc.getTime() / MS_PER_DAY);
}

/** The date for a day number from {@link toDayNumber}. */
export function fromDayNumber(dayNumber: number): IsoDate {
  const utc = new Date(dayNumber * MS_PER_DAY);
  return makeDate(utc.getUTCFullYear(), utc.getUTCMonth() + 1, utc.getUTCDate());
}

/** The date `days` later (or earlier, when negative). */
export function addDays(date: IsoDate, days: number): IsoDate {
  return fromDayNumber(toDayNumber(date) + days);
}

/** Calendar days from `from` to `to` (positive when `to` is later). */
export function daysBetween(from: IsoDate, to: IsoDate): number {
  return toDayNumber(to) - toDayNumber(from);
}

/**
 * The same day-of-month `months` later; when that month is shorter, its last day (31 January + 1 month is
 * 28 or 29 February). This is the ICO's calendar-month rule for subject access requests.
 */
export function addMonthsClamped(date: IsoDate, months: number): IsoDate {
  const { year, month, day } = dateParts(date);
  const index = year * 12 + (month - 1) + months;
  const targetYear = Math.floor(index / 12);
  const targetMonth = (index % 12) + 1;
  return makeDate(targetYear, targetMonth, Math.min(day, daysInMonth(targetYear, targetMonth)));
}

/** Day of the week, 0 = Sunday … 6 = Saturday. */
export function weekday(date: IsoDate): Weekday {
  return ((((toDayNumber(date) + 4) % 7) + 7) % 7) as Weekday;
}

/** English name of the day of the week ("Monday"), for messages shown to people. */
export function weekdayName(date: IsoDate): string {
  return WEEKDAY_NAMES[weekday(date)];
}

/**
 * A date the NHS way for people to read: `2024-03-05` → `5 March 2024`, or with `{ weekday: true }` `Tuesday 5 March
 * 2024`. Reads the first ten characters, so a timestamp's date can be passed whole; text that is not a date there is
 * returned unchanged. Computed without the host's time zone.
 */
export function formatLongDate(text: string, options: { weekday?: boolean } = {}): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(text);
  const month = match ? MONTH_NAMES[Number(match[2]) - 1] : undefined;
  if (!match || month === undefined) return text;
  const day = `${Number(match[3])} ${month} ${match[1]}`;
  return options.weekday ? `${weekdayName(match[0] as IsoDate)} ${day}` : day;
}

/** Whether the date is a Saturday or Sunday. */
export function isWeekend(date: IsoDate): boolean {
  const day = weekday(date);
  return day === 0 || day === 6;
}

/** Negative, zero or positive as `a` is before, equal to or after `b` (ISO strings sort as dates). */
export function compareDates(a: IsoDate, b: IsoDate): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Today's date where the code runs, read from the local clock of a `Date` (default now). Used for "as of today"
 * figures; pass an explicit date in tests and for reproducible output.
 */
export function localToday(now: Date = new Date()): IsoDate {
  return makeDate(now.getFullYear(), now.getMonth() + 1, now.getDate());
}

/** The first date of the given weekday in a month (month 1–12), e.g. the first Monday in May. */
export function firstWeekdayOfMonth(year: number, month: number, day: Weekday): IsoDate {
  const first = makeDate(year, month, 1);
  return addDays(first, (day - weekday(first) + 7) % 7);
}

/** The last date of the given weekday in a month (month 1–12), e.g. the last Monday in August. */
export function lastWeekdayOfMonth(year: number, month: number, day: Weekday): IsoDate {
  const last = makeDate(year, month, daysInMonth(year, month));
  return addDays(last, -((weekday(last) - day + 7) % 7));
}
