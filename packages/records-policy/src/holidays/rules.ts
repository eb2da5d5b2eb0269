import {
  addDays,
  compareDates,
  dateParts,
  firstWeekdayOfMonth,
  type IsoDate,
  isWeekend,
  lastWeekdayOfMonth,
  makeDate,
} from '../dates.ts';
import { easterSunday } from './easter.ts';
import { ONE_OFF_HOLIDAYS } from './one-off.ts';
import type { BankHoliday, Division } from './types.ts';

/** First year of the Early May bank holiday (first Monday in May). */
const EARLY_MAY_FROM = 1978;
/** First year of St Andrew's Day as a Scottish bank holiday (St Andrew's Day Bank Holiday (Scotland) Act 2007). */
const ST_ANDREW_FROM = 2007;

interface Fixed {
  natural: IsoDate;
  name: string;
}

interface Placed {
  date: IsoDate;
  name: string;
  substitute: boolean;
}

/** The first weekday on or after `date` that no other holiday has taken. */
function firstFreeWeekday(date: IsoDate, taken: Set<string>): IsoDate {
  let candidate = date;
  while (isWeekend(candidate) || taken.has(candidate)) candidate = addDays(candidate, 1);
  return candidate;
}

/**
 * Places fixed-date holidays: a holiday on a weekend moves to the next free weekday (a substitute day).
 * `in-order` gives each holiday, earliest first, the first free weekday on or after its date — how Scotland pairs
 * 1 and 2 January (in 2023 New Year moves to Monday 2nd and "2nd January" to Tuesday 3rd).
 * `weekdays-first` lets a holiday already on a weekday keep its date before weekend ones are moved — how Christmas
 * and Boxing Day pair (in 2022 Boxing Day stays on Monday 26th and Christmas moves to Tuesday 27th).
 */
function placeFixed(days: readonly Fixed[], mode: 'in-order' | 'weekdays-first', taken: Set<string>): Placed[] {
  const placed: Placed[] = [];
  const order = mode === 'in-order' ? days : [...days.filter((d) => !isWeekend(d.natural)), ...days];
  const done = new Set<Fixed>();
  for (const fixed of order) {
    if (done.has(fixed)) continue;
    done.add(fixed);
    const date = firstFreeWeekday(fixed.natural, taken);
    taken.add(date);
    placed.push({ date, name: fixed.name, substitute: date !== fixed.natural });
  }
  return placed;
}

/**
 * The bank holidays of one division in one year, computed from the rules (Easter computus, first/last Mondays,
 * fixed days with substitute days) and the table of one-off and moved days. The rules are those in force since 2007;
 * the Early May holiday is left out before 1978 and St Andrew's Day before 2007, and other older changes are not
 * modelled, so calendars before 1978 are approximate.
 */
export function computeHolidays(division: Division, year: number): BankHoliday[] {
  const easter = easterSunday(year);
  const movable: Placed[] = [{ date: addDays(easter, -2), name: 'Good Friday', substitute: false }];
  if (division !== 'scotland') movable.push({ date: addDays(easter, 1), name: 'Easter Monday', substitute: false });
  if (year >= EARLY_MAY_FROM) {
    movable.push({ date: firstWeekdayOfMonth(year, 5, 1), name: 'Early May bank holiday', substitute: false });
  }
  movable.push({ date: lastWeekdayOfMonth(year, 5, 1), name: 'Spring bank holiday', substitute: false });
  movable.push({
    date: division === 'scotland' ? firstWeekdayOfMonth(year, 8, 1) : lastWeekdayOfMonth(year, 8, 1),
    name: 'Summer bank holiday',
    substitute: false,
  });

  const oneOffs = ONE_OFF_HOLIDAYS.filter(
    (entry) => dateParts(entry.date).year === year && entry.divisions.includes(division),
  );
  const moved = new Set(oneOffs.flatMap((entry) => (entry.moves === undefined ? [] : [entry.moves])));
  const regular = movable.filter((holiday) => !moved.has(holiday.name));

  const taken = new Set<string>([...regular.map((h) => h.date), ...oneOffs.map((h) => h.date)]);
  const newYear: Fixed[] = [{ natural: makeDate(year, 1, 1), name: 'New Year’s Day' }];
  if (division === 'scotland') newYear.push({ natural: makeDate(year, 1, 2), name: '2nd January' });
  const fixed: Placed[] = [...placeFixed(newYear, 'in-order', taken)];
  if (division === 'northern-ireland') {
    fixed.push(...placeFixed([{ natural: makeDate(year, 3, 17), name: 'St Patrick’s Day' }], 'in-order', taken));
    fixed.push(
      ...placeFixed(
        [{ natural: makeDate(year, 7, 12), name: 'Battle of the Boyne (Orangemen’s Day)' }],
        'in-order',
        taken,
      ),
    );
  }
  if (division === 'scotland' && year >= ST_ANDREW_FROM) {
    fixed.push(...placeFixed([{ natural: makeDate(year, 11, 30), name: 'St Andrew’s Day' }], 'in-order', taken));
  }
  fixed.push(
    ...placeFixed(
      [
        { natural: makeDate(year, 12, 25), name: 'Christmas Day' },
        { natural: makeDate(year, 12, 26), name: 'Boxing Day' },
      ],
      'weekdays-first',
      taken,
    ),
  );

  const holidays: BankHoliday[] = [
    ...[...regular, ...fixed].map((h) => ({
      date: h.date,
      name: h.name,
      division,
      substitute: h.substitute,
      source: 'rules' as const,
      unverified: false,
    })),
    ...oneOffs.map((h) => ({
      date: h.date,
      name: h.name,
      division,
      substitute: false,
      source: 'one-off-table' as const,
      unverified: h.unverified,
    })),
  ];
  return holidays.sort((a, b) => compareDates(a.date, b.date) || a.name.localeCompare(b.name));
}
