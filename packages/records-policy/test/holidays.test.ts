import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  computeHolidays,
  DIVISIONS,
  type Division,
  defaultHolidayCalendar,
  easterSunday,
  HolidayCalendar,
  HolidayFeedError,
  loadHolidayFeed,
  ONE_OFF_HOLIDAYS,
  parseHolidayFeed,
  parseIsoDate,
  weekday,
} from '../src/index.ts';

const referencePath = fileURLToPath(new URL('../../../../shared/reference/bank-holidays.json', import.meta.url));

function datesOf(division: Division, year: number): string[] {
  return computeHolidays(division, year).map((h) => `${h.date.slice(5)}${h.substitute ? '*' : ''}`);
}

describe('easterSunday', () => {
  it('matches known Easter dates', () => {
    const known: Record<number, string> = {
      1818: '1818-03-22',
      1943: '1943-04-25',
      2000: '2000-04-23',
      2008: '2008-03-23',
      2019: '2019-04-21',
      2024: '2024-03-31',
      2025: '2025-04-20',
      2038: '2038-04-25',
      2285: '2285-03-22',
    };
    for (const [year, date] of Object.entries(known)) expect(easterSunday(Number(year))).toBe(date);
  });

  it('is always a Sunday between 22 March and 25 April (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1583, max: 9999 }), (year) => {
        const easter = easterSunday(year);
        expect(weekday(easter)).toBe(0);
        const monthDay = easter.slice(5);
        expect(monthDay >= '03-22' && monthDay <= '04-25').toBe(true);
      }),
    );
  });
});

describe('computeHolidays (records-rules.md §3 tables)', () => {
  it('england-and-wales 2020–2023, including VE Day, Jubilee, funeral and coronation', () => {
    expect(datesOf('england-and-wales', 2020)).toEqual([
      '01-01',
      '04-10',
      '04-13',
      '05-08',
      '05-25',
      '08-31',
      '12-25',
      '12-28*',
    ]);
    expect(datesOf('england-and-wales', 2021)).toEqual([
      '01-01',
      '04-02',
      '04-05',
      '05-03',
      '05-31',
      '08-30',
      '12-27*',
      '12-28*',
    ]);
    expect(datesOf('england-and-wales', 2022)).toEqual([
      '01-03*',
      '04-15',
      '04-18',
      '05-02',
      '06-02',
      '06-03',
      '08-29',
      '09-19',
      '12-26',
      '12-27*',
    ]);
    expect(datesOf('england-and-wales', 2023)).toEqual([
      '01-02*',
      '04-07',
      '04-10',
      '05-01',
      '05-08',
      '05-29',
      '08-28',
      '12-25',
      '12-26',
    ]);
  });

  it('scotland: 2 January, no Easter Monday, first Monday in August, St Andrew with substitutes', () => {
    expect(datesOf('scotland', 2019)).toEqual([
      '01-01',
      '01-02',
      '04-19',
      '05-06',
      '05-27',
      '08-05',
      '12-02*',
      '12-25',
      '12-26',
    ]);
    expect(datesOf('scotland', 2021)).toEqual([
      '01-01',
      '01-04*',
      '04-02',
      '05-03',
      '05-31',
      '08-02',
      '11-30',
      '12-27*',
      '12-28*',
    ]);
    expect(datesOf('scotland', 2023)).toEqual([
      '01-02*',
      '01-03*',
      '04-07',
      '05-01',
      '05-08',
      '05-29',
      '08-07',
      '11-30',
      '12-25',
      '12-26',
    ]);
    expect(datesOf('scotland', 2025)).toEqual([
      '01-01',
      '01-02',
      '04-18',
      '05-05',
      '05-26',
      '08-04',
      '12-01*',
      '12-25',
      '12-26',
    ]);
  });

  it('northern-ireland: St Patrick and the Boyne with substitutes', () => {
    expect(datesOf('northern-ireland', 2018)).toEqual([
      '01-01',
      '03-19*',
      '03-30',
      '04-02',
      '05-07',
      '05-28',
      '07-12',
      '08-27',
      '12-25',
      '12-26',
    ]);
    expect(datesOf('northern-ireland', 2025)).toEqual([
      '01-01',
      '03-17',
      '04-18',
      '04-21',
      '05-05',
      '05-26',
      '07-14*',
      '08-25',
      '12-25',
      '12-26',
    ]);
  });

  it('flags Scotland 2026-06-15 as unverified and only in Scotland', () => {
    const worldCup = computeHolidays('scotland', 2026).find((h) => h.date === '2026-06-15');
    expect(worldCup).toMatchObject({ name: 'World Cup bank holiday', unverified: true, source: 'one-off-table' });
    expect(computeHolidays('england-and-wales', 2026).some((h) => h.date === '2026-06-15')).toBe(false);
  });

  it('names days with the gov.uk titles', () => {
    const names = computeHolidays('northern-ireland', 2020).map((h) => h.name);
    expect(names).toContain('Battle of the Boyne (Orangemen’s Day)');
    expect(names).toContain('Early May bank holiday (VE day)');
    expect(names).not.toContain('Early May bank holiday');
  });

  it('every computed holiday is a weekday with no two on one date, for any year since 2007 (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2007, max: 9999 }), fc.constantFrom(...DIVISIONS), (year, division) => {
        const holidays = computeHolidays(division, year);
        const dates = holidays.map((h) => h.date);
        expect(new Set(dates).size).toBe(dates.length);
        for (const date of dates) expect([0, 6]).not.toContain(weekday(date));
        const regular = { 'england-and-wales': 8, scotland: 9, 'northern-ireland': 10 }[division];
        const moved = ONE_OFF_HOLIDAYS.filter(
          (h) => h.moves !== undefined && h.date.startsWith(`${year}-`) && h.divisions.includes(division),
        ).length;
        expect(holidays.filter((h) => h.source === 'rules').length + moved).toBe(regular);
      }),
    );
  });
});

describe('HolidayCalendar', () => {
  it('answers by date across divisions', () => {
    const date = parseIsoDate('2025-07-14');
    expect(defaultHolidayCalendar.isHoliday(date)).toBe(true);
    expect(defaultHolidayCalendar.isHoliday(date, ['england-and-wales', 'scotland'])).toBe(false);
    expect(defaultHolidayCalendar.isWorkingDay(parseIsoDate('2025-07-15'))).toBe(true);
    expect(defaultHolidayCalendar.isWorkingDay(parseIsoDate('2025-07-19'))).toBe(false);
    expect(defaultHolidayCalendar.holidaysOn(parseIsoDate('2025-12-25')).map((h) => h.division)).toEqual(DIVISIONS);
  });

  it('lets an override feed replace the years it covers and leaves other years computed', () => {
    const feed = loadHolidayFeed({
      scotland: {
        division: 'scotland',
        events: [
          { title: 'Local holiday', date: '2030-04-15', notes: '', bunting: false },
          { title: 'New Year’s Day', date: '2030-01-01', notes: '', bunting: true },
        ],
      },
    });
    const calendar = new HolidayCalendar({ overrides: feed });
    expect(calendar.isOverridden('scotland', 2030)).toBe(true);
    expect(calendar.isOverridden('scotland', 2031)).toBe(false);
    expect(calendar.holidaysInYear('scotland', 2030).map((h) => [h.date, h.name, h.source])).toEqual([
      ['2030-01-01', 'New Year’s Day', 'override'],
      ['2030-04-15', 'Local holiday', 'override'],
    ]);
    expect(calendar.holidaysInYear('scotland', 2031)).toEqual(computeHolidays('scotland', 2031));
    expect(calendar.holidaysInYear('england-and-wales', 2030)).toEqual(computeHolidays('england-and-wales', 2030));
  });

  it('exports to the gov.uk shape and reloads to the same calendar', () => {
    const feed = defaultHolidayCalendar.toFeed(2020, 2024);
    const reloaded = new HolidayCalendar({ overrides: loadHolidayFeed(JSON.parse(JSON.stringify(feed))) });
    for (const division of DIVISIONS) {
      for (let year = 2020; year <= 2024; year += 1) {
        const strip = (list: readonly { date: string; name: string; substitute: boolean }[]) =>
          list.map((h) => [h.date, h.name, h.substitute]);
        expect(strip(reloaded.holidaysInYear(division, year))).toEqual(strip(computeHolidays(division, year)));
      }
    }
  });
});

describe('loadHolidayFeed', () => {
  it('names the bad field', () => {
    const bad = {
      scotland: {
        division: 'scotland',
        events: [
          { title: 'x', date: '2024-01-01' },
          { title: 'y', date: '2024-02-30' },
        ],
      },
    };
    expect(() => loadHolidayFeed(bad)).toThrow(HolidayFeedError);
    expect(() => loadHolidayFeed(bad)).toThrow('scotland.events[1].date: must be a real date in the form YYYY-MM-DD');
    expect(() => loadHolidayFeed({ scotland: { division: 'wales', events: [] } })).toThrow(/scotland\.division/);
    expect(() => loadHolidayFeed({ wales: { division: 'wales', events: [] } })).toThrow(/unknown division "wales"/);
    expect(() => loadHolidayFeed({ scotland: { division: 'scotland', events: [{ date: '2024-01-01' }] } })).toThrow(
      /scotland\.events\[0\]\.title/,
    );
    expect(() => loadHolidayFeed([])).toThrow(/\(root\)/);
  });

  it('reports JSON syntax errors with the file name', () => {
    expect(() => parseHolidayFeed('{', 'trust-holidays.json')).toThrow(/trust-holidays\.json is not valid JSON/);
  });

  it('never throws anything but HolidayFeedError on arbitrary input (property)', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        try {
          loadHolidayFeed(value);
        } catch (error) {
          expect(error).toBeInstanceOf(HolidayFeedError);
        }
      }),
    );
  });
});

describe.skipIf(!existsSync(referencePath))('conformance with gov.uk bank-holidays.json (2018–2028)', () => {
  const reference = existsSync(referencePath)
    ? (JSON.parse(readFileSync(referencePath, 'utf8')) as Record<
        Division,
        { events: { title: string; date: string; notes: string }[] }
      >)
    : undefined;

  it.each(DIVISIONS)('%s matches day for day, with titles and substitute notes', (division) => {
    const expected = (reference?.[division].events ?? []).map((e) => `${e.date} ${e.title} ${e.notes}`).sort();
    const computed = defaultHolidayCalendar
      .toFeed(2018, 2028)
      [division].events.map((e) => `${e.date} ${e.title} ${e.notes}`)
      .sort();
    expect(expected.length).toBeGreaterThan(80);
    expect(computed).toEqual(expected);
  });

  it('loads as an override feed', () => {
    const feed = parseHolidayFeed(readFileSync(referencePath, 'utf8'));
    const calendar = new HolidayCalendar({ overrides: feed });
    expect(calendar.isOverridden('northern-ireland', 2028)).toBe(true);
    expect(calendar.holidaysInYear('scotland', 2026).find((h) => h.date === '2026-06-15')?.unverified).toBe(true);
  });
});
