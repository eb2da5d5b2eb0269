import { compareDates, dateParts, type IsoDate, isWeekend, makeDate } from '../dates.ts';
import type { HolidayFeed, HolidayFeedDivision } from './feed.ts';
import { ONE_OFF_HOLIDAYS } from './one-off.ts';
import { computeHolidays } from './rules.ts';
import { type BankHoliday, DIVISIONS, type Division } from './types.ts';

/** Options for {@link HolidayCalendar}. */
export interface HolidayCalendarOptions {
  /**
   * A validated feed (see `loadHolidayFeed`) whose events replace the computed holidays of each division for every
   * year the feed has events in; other years stay computed.
   */
  overrides?: HolidayFeed;
}

const UNVERIFIED = new Set(
  ONE_OFF_HOLIDAYS.filter((h) => h.unverified).flatMap((h) => h.divisions.map((d) => `${d} ${h.date}`)),
);

function fromFeed(feed: HolidayFeedDivision): Map<number, BankHoliday[]> {
  const years = new Map<number, BankHoliday[]>();
  for (const event of feed.events) {
    const year = dateParts(event.date).year;
    const list = years.get(year) ?? [];
    list.push({
      date: event.date,
      name: event.title,
      division: feed.division,
      substitute: /substitute/i.test(event.notes),
      source: 'override',
      unverified: UNVERIFIED.has(`${feed.division} ${event.date}`),
    });
    years.set(year, list);
  }
  for (const list of years.values()) list.sort((a, b) => compareDates(a.date, b.date) || a.name.localeCompare(b.name));
  return years;
}

/**
 * Bank holidays per division for any year: computed from the rules, replaced year by year by an official feed when
 * one is loaded. Results are cached, so one calendar can serve many deadline calculations.
 */
export class HolidayCalendar {
  readonly #overrides = new Map<Division, Map<number, BankHoliday[]>>();
  readonly #cache = new Map<string, readonly BankHoliday[]>();
  readonly #byDate = new Map<string, readonly BankHoliday[]>();

  constructor(options: HolidayCalendarOptions = {}) {
    for (const division of DIVISIONS) {
      const feed = options.overrides?.[division];
      if (feed !== undefined) this.#overrides.set(division, fromFeed(feed));
    }
  }

  /** Whether a loaded feed supplies this division's holidays for this year (rather than the rules). */
  isOverridden(division: Division, year: number): boolean {
    return this.#overrides.get(division)?.has(year) ?? false;
  }

  /** The holidays of one division in one year, in date order. */
  holidaysInYear(division: Division, year: number): readonly BankHoliday[] {
    const key = `${division} ${year}`;
    let list = this.#cache.get(key);
    if (list === undefined) {
      list = this.#overrides.get(division)?.get(year) ?? computeHolidays(division, year);
      this.#cache.set(key, list);
    }
    return list;
  }

  /** The holidays falling on one date in any of the given divisions (default all three), in division order. */
  holidaysOn(date: IsoDate, divisions: readonly Division[] = DIVISIONS): readonly BankHoliday[] {
    const key = `${date} ${divisions.join(',')}`;
    let list = this.#byDate.get(key);
    if (list === undefined) {
      const year = dateParts(date).year;
      list = divisions.flatMap((division) => this.holidaysInYear(division, year).filter((h) => h.date === date));
      this.#byDate.set(key, list);
    }
    return list;
  }

  /** Whether the date is a bank holiday in any of the given divisions (default all three). */
  isHoliday(date: IsoDate, divisions: readonly Division[] = DIVISIONS): boolean {
    return this.holidaysOn(date, divisions).length > 0;
  }

  /** Whether the date is neither a weekend nor a bank holiday in any of the given divisions. */
  isWorkingDay(date: IsoDate, divisions: readonly Division[] = DIVISIONS): boolean {
    return !isWeekend(date) && !this.isHoliday(date, divisions);
  }

  /** Holidays from `from` to `to` inclusive in the given divisions, in date then division order. */
  holidaysBetween(from: IsoDate, to: IsoDate, divisions: readonly Division[] = DIVISIONS): BankHoliday[] {
    const result: BankHoliday[] = [];
    for (let year = dateParts(from).year; year <= dateParts(to).year; year += 1) {
      for (const division of divisions) {
        for (const holiday of this.holidaysInYear(division, year)) {
          if (compareDates(holiday.date, from) >= 0 && compareDates(holiday.date, to) <= 0) result.push(holiday);
        }
      }
    }
    const order = (d: Division) => DIVISIONS.indexOf(d);
    return result.sort((a, b) => compareDates(a.date, b.date) || order(a.division) - order(b.division));
  }

  /**
   * The calendar for a span of years in the gov.uk feed shape, e.g. to publish or to compare with the official feed.
   * `bunting` (a gov.uk presentation flag) is not modelled and is always false.
   */
  toFeed(fromYear: number, toYear: number): Record<Division, HolidayFeedDivision> {
    const feed = {} as Record<Division, HolidayFeedDivision>;
    for (const division of DIVISIONS) {
      const events = this.holidaysBetween(makeDate(fromYear, 1, 1), makeDate(toYear, 12, 31), [division]).map((h) => ({
        title: h.name,
        date: h.date,
        notes: h.substitute ? 'Substitute day' : '',
        bunting: false,
      }));
      feed[division] = { division, events };
    }
    return feed;
  }
}

/** A calendar computed from the rules with no overrides, shared so its cache is reused. */
export const defaultHolidayCalendar: HolidayCalendar = new HolidayCalendar();
