import type { IsoDate } from '../dates.ts';
import type { Division } from './types.ts';

/**
 * A change to the usual pattern made by Royal proclamation: an extra day, or a regular holiday moved to another date
 * (`moves` names the regular holiday it replaces that year).
 */
export interface OneOffHoliday {
  date: IsoDate;
  name: string;
  divisions: readonly Division[];
  /** The regular holiday's gov.uk title that this day replaces, when the day is a move rather than an extra. */
  moves?: string;
  /** Why the day exists, in plain English. */
  reason: string;
  unverified: boolean;
}

const ALL: readonly Division[] = ['england-and-wales', 'scotland', 'northern-ireland'];

function day(date: string): IsoDate {
  return date as IsoDate;
}

/**
 * One-off and moved bank holidays since 1995, in date order. Source: gov.uk bank-holidays data and the proclamations
 * it reflects (records-rules.md §3). Scotland's 2026-06-15 appears only in the newest gov.uk data and is unverified.
 */
export const ONE_OFF_HOLIDAYS: readonly OneOffHoliday[] = [
  {
    date: day('1995-05-08'),
    name: 'Early May bank holiday (VE day)',
    divisions: ALL,
    moves: 'Early May bank holiday',
    reason: 'Early May bank holiday moved to the 50th anniversary of VE Day.',
    unverified: false,
  },
  {
    date: day('1999-12-31'),
    name: 'Millennium bank holiday',
    divisions: ALL,
    reason: 'Extra bank holiday for the millennium.',
    unverified: false,
  },
  {
    date: day('2002-06-03'),
    name: 'Golden Jubilee bank holiday',
    divisions: ALL,
    reason: 'Extra bank holiday for the Golden Jubilee of Queen Elizabeth II.',
    unverified: false,
  },
  {
    date: day('2002-06-04'),
    name: 'Spring bank holiday',
    divisions: ALL,
    moves: 'Spring bank holiday',
    reason: 'Spring bank holiday moved to follow the Golden Jubilee holiday.',
    unverified: false,
  },
  {
    date: day('2011-04-29'),
    name: 'Royal wedding bank holiday',
    divisions: ALL,
    reason: 'Extra bank holiday for the wedding of Prince William and Catherine Middleton.',
    unverified: false,
  },
  {
    date: day('2012-06-04'),
    name: 'Spring bank holiday',
    divisions: ALL,
    moves: 'Spring bank holiday',
    reason: 'Spring bank holiday moved for the Diamond Jubilee weekend.',
    unverified: false,
  },
  {
    date: day('2012-06-05'),
    name: 'Queen’s Diamond Jubilee',
    divisions: ALL,
    reason: 'Extra bank holiday for the Diamond Jubilee of Queen Elizabeth II.',
    unverified: false,
  },
  {
    date: day('2020-05-08'),
    name: 'Early May bank holiday (VE day)',
    divisions: ALL,
    moves: 'Early May bank holiday',
    reason: 'Early May bank holiday moved to Friday for the 75th anniversary of VE Day.',
    unverified: false,
  },
  {
    date: day('2022-06-02'),
    name: 'Spring bank holiday',
    divisions: ALL,
    moves: 'Spring bank holiday',
    reason: 'Spring bank holiday moved to Thursday for the Platinum Jubilee weekend.',
    unverified: false,
  },
  {
    date: day('2022-06-03'),
    name: 'Platinum Jubilee bank holiday',
    divisions: ALL,
    reason: 'Extra bank holiday for the Platinum Jubilee of Queen Elizabeth II.',
    unverified: false,
  },
  {
    date: day('2022-09-19'),
    name: 'Bank Holiday for the State Funeral of Queen Elizabeth II',
    divisions: ALL,
    reason: 'Extra bank holiday for the State Funeral of Queen Elizabeth II, proclaimed at short notice.',
    unverified: false,
  },
  {
    date: day('2023-05-08'),
    name: 'Bank holiday for the coronation of King Charles III',
    divisions: ALL,
    reason: 'Extra bank holiday for the coronation of King Charles III.',
    unverified: false,
  },
  {
    date: day('2026-06-15'),
    name: 'World Cup bank holiday',
    divisions: ['scotland'],
    reason: 'Listed for Scotland only in the newest gov.uk data; not confirmed by a proclamation seen so far.',
    unverified: true,
  },
];
