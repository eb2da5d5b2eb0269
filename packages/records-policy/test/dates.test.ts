import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addDays,
  addMonthsClamped,
  daysBetween,
  firstWeekdayOfMonth,
  formatLongDate,
  fromDayNumber,
  InvalidDateError,
  type IsoDate,
  isIsoDate,
  lastWeekdayOfMonth,
  localToday,
  parseIsoDate,
  RecordsPolicyError,
  toDayNumber,
  weekday,
  weekdayName,
} from '../src/index.ts';

const d = (text: string): IsoDate => parseIsoDate(text);

describe('parseIsoDate', () => {
  it('accepts real dates including 29 February in leap years', () => {
    expect(parseIsoDate('2024-02-29')).toBe('2024-02-29');
    expect(parseIsoDate('2000-02-29')).toBe('2000-02-29');
    expect(parseIsoDate('0001-01-01')).toBe('0001-01-01');
  });

  it('rejects impossible dates and wrong shapes with a message saying what was wrong', () => {
    expect(() => parseIsoDate('2024-02-30', 'received')).toThrow(InvalidDateError);
    expect(() => parseIsoDate('2024-02-30', 'received')).toThrow(
      "received '2024-02-30' is not a real date: 2024-02 has no day 30 (it has 29 days)",
    );
    expect(() => parseIsoDate('2023-02-29')).toThrow(/has no day 29/);
    expect(() => parseIsoDate('1900-02-29')).toThrow(/has no day 29/);
    expect(() => parseIsoDate('2024-13-01')).toThrow(/month 13/);
    expect(() => parseIsoDate('24-1-1')).toThrow(/form YYYY-MM-DD/);
    expect(() => parseIsoDate('2024-01-01T00:00')).toThrow(/form YYYY-MM-DD/);
    expect(() => parseIsoDate('0000-01-01')).toThrow(RecordsPolicyError);
    expect(isIsoDate('2024-04-31')).toBe(false);
  });
});

describe('date arithmetic', () => {
  it('knows weekdays', () => {
    expect(weekday(d('1970-01-01'))).toBe(4);
    expect(weekdayName(d('2024-11-25'))).toBe('Monday');
    expect(weekdayName(d('2025-11-15'))).toBe('Saturday');
    expect(formatLongDate('2025-12-25')).toBe('25 December 2025');
    expect(formatLongDate('2024-03-05T14:07:00+00:00', { weekday: true })).toBe('Tuesday 5 March 2024');
    expect(formatLongDate('not a date')).toBe('not a date');
    expect(formatLongDate('2024-13-01')).toBe('2024-13-01');
    expect(weekdayName(d('0099-12-31'))).toBe('Thursday');
  });

  it('adds days across month, year and leap-day boundaries', () => {
    expect(addDays(d('2024-02-28'), 1)).toBe('2024-02-29');
    expect(addDays(d('2024-12-31'), 1)).toBe('2025-01-01');
    expect(addDays(d('2025-03-01'), -1)).toBe('2025-02-28');
    expect(daysBetween(d('2024-01-01'), d('2025-01-01'))).toBe(366);
  });

  it('adds calendar months, clamping to the last day of shorter months', () => {
    expect(addMonthsClamped(d('2024-01-31'), 1)).toBe('2024-02-29');
    expect(addMonthsClamped(d('2023-01-31'), 1)).toBe('2023-02-28');
    expect(addMonthsClamped(d('2023-01-31'), 3)).toBe('2023-04-30');
    expect(addMonthsClamped(d('2024-11-25'), 1)).toBe('2024-12-25');
    expect(addMonthsClamped(d('2025-12-24'), 1)).toBe('2026-01-24');
    expect(addMonthsClamped(d('2025-03-15'), -3)).toBe('2024-12-15');
  });

  it('finds first and last weekdays of a month', () => {
    expect(firstWeekdayOfMonth(2024, 5, 1)).toBe('2024-05-06');
    expect(lastWeekdayOfMonth(2024, 5, 1)).toBe('2024-05-27');
    expect(lastWeekdayOfMonth(2026, 8, 1)).toBe('2026-08-31');
    expect(firstWeekdayOfMonth(2025, 9, 1)).toBe('2025-09-01');
  });

  it('day numbers round-trip and agree with Date for every date 1900–2200 (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: -25_567, max: 84_000 }), (n) => {
        const date = fromDayNumber(n);
        expect(toDayNumber(date)).toBe(n);
        expect(date).toBe(new Date(n * 86_400_000).toISOString().slice(0, 10));
        expect(weekday(date)).toBe(new Date(n * 86_400_000).getUTCDay());
      }),
    );
  });

  it('localToday reads the local calendar date of a Date', () => {
    expect(localToday(new Date(2025, 0, 31, 23, 59))).toBe('2025-01-31');
    expect(localToday(new Date(2024, 1, 29, 0, 0))).toBe('2024-02-29');
  });
});
