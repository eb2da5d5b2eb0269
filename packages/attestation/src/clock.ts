/**
 * Time, passed in rather than read from the machine, so tests and the demo can run on any date and reports are
 * reproducible for an as-of date.
 */
import type { IsoDate } from '@im-records/records-policy';

/** Returns the current instant. */
export type Clock = () => Date;

/** The machine's clock. */
export const systemClock: Clock = () => new Date();

/** A clock stopped at one instant (tests, the demo, the benchmark). */
export function fixedClock(instant: string | Date): Clock {
  const at = new Date(instant);
  return () => new Date(at);
}

const ukDateFormat = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/London',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** The calendar date in the UK at an instant: an attestation at 00:30 BST counts for that day, not the day before. */
export function ukDate(instant: Date): IsoDate {
  return ukDateFormat.format(instant) as IsoDate;
}

/** An instant as stored: ISO 8601 in UTC with milliseconds. */
export function isoInstant(instant: Date): string {
  return instant.toISOString();
}

/** The instant a UK calendar date begins (midnight in Europe/London: 00:00 UTC in winter, 23:00 UTC the day before in summer). */
export function ukDayStart(date: IsoDate): Date {
  const utcMidnight = new Date(`${date}T00:00:00.000Z`);
  const hourBefore = new Date(utcMidnight.getTime() - 3_600_000);
  return ukDate(hourBefore) === date ? hourBefore : utcMidnight;
}
