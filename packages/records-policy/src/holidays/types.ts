import type { IsoDate } from '../dates.ts';

/** The three bank-holiday divisions of the UK, named as in the gov.uk feed. */
export type Division = 'england-and-wales' | 'scotland' | 'northern-ireland';

/** All divisions, in the gov.uk feed's order; FOIA working days exclude a bank holiday in any of them. */
export const DIVISIONS: readonly Division[] = ['england-and-wales', 'scotland', 'northern-ireland'];

/** Where a holiday in a calendar came from, so a deadline can say which days rest on an unofficial source. */
export type HolidaySource = 'rules' | 'one-off-table' | 'override';

/** One bank holiday in one division. */
export interface BankHoliday {
  date: IsoDate;
  /** The gov.uk title, e.g. "Early May bank holiday" or "St Andrew’s Day". */
  name: string;
  division: Division;
  /** True when the day stands in for a holiday that fell on a weekend (gov.uk note "Substitute day"). */
  substitute: boolean;
  source: HolidaySource;
  /** True for days not confirmed by an official source (Scotland's 2026-06-15); deadlines flag them. */
  unverified: boolean;
}
