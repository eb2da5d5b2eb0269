import type { IsoDate } from '../dates.ts';
import type { HolidayCalendar } from '../holidays/calendar.ts';
import type { Division } from '../holidays/types.ts';
import type { RequestType } from '../request-types.ts';

/** The request types (their home is request-types.ts), for the deadline modules that read their types from here. */
export type { RequestType } from '../request-types.ts';

/**
 * A period during which the clock stood still. For FOI/EIR/FOISA it runs from the day a fees notice was given to the
 * day the fee arrived, and the working days in it (both ends included) are disregarded (FOIA s10(2)). For a SAR it
 * runs from the day clarification was asked for to the day it arrived, and `to − from` calendar days are added.
 */
export interface ClockPause {
  from: IsoDate;
  to: IsoDate;
}

/** What a deadline is calculated from. Only `type` and `received` are required. */
export interface DeadlineInput {
  type: RequestType;
  /** The day the request arrived, even if a weekend or holiday (FOIA s10(6); ICO). */
  received: IsoDate;
  /** The day the "as of" figures (days elapsed, days left, status) are for; default the local date today. */
  asOf?: IsoDate;
  /**
   * FOI: public-interest-test extension (+20 working days). EIR: the complex-and-voluminous extension (40 working
   * days). SAR: the two-month extension (three months from the start). Not available under FOISA.
   */
  extended?: boolean;
  /** EIR only: the request is complex and voluminous (reg 7(1)), giving 40 working days; same as `extended`. */
  complex?: boolean;
  /** FOI/EIR/FOISA: the day requested clarification arrived; the 20 days start afresh from it. */
  clarified?: IsoDate;
  /** SAR only: the day proof of identity, authority or an allowed fee arrived, when later than the request. */
  clockStart?: IsoDate;
  /** Fees-notice pauses (FOI/EIR/FOISA) or clarification pauses (SAR); see {@link ClockPause}. */
  pauses?: readonly ClockPause[];
  /** A pause given as a count: working days disregarded (FOI/EIR/FOISA) or calendar days added (SAR). */
  pausedDays?: number;
  /** SAR only: whose bank holidays roll a weekend or holiday due date forward; default england-and-wales. */
  division?: Division;
  /** Holidays to use; default the computed calendar. Pass one built from the official feed to follow it. */
  calendar?: HolidayCalendar;
}

/** A bank holiday that moved a deadline, with the divisions it is a holiday in. */
export interface SkippedHoliday {
  date: IsoDate;
  name: string;
  divisions: Division[];
}

/** A pause that was applied, in the unit the regime counts in. */
export interface AppliedPause {
  reason: 'fees-notice' | 'clarification';
  /** Present when the pause was given as dates. */
  from?: IsoDate;
  to?: IsoDate;
  days: number;
  unit: 'working-days' | 'calendar-days';
}

/** A legal or guidance source for a rule. */
export interface RuleSource {
  title: string;
  url: string;
}

/** The deadline and everything a records officer needs to explain it. */
export interface DeadlineResult {
  type: RequestType;
  received: IsoDate;
  /** The day counting is from: receipt, receipt of clarification (FOI) or of ID/fee (SAR). */
  clockStart: IsoDate;
  /** The last day to respond. */
  due: IsoDate;
  /** English weekday of `due`. */
  dueWeekday: string;
  extended: boolean;
  /**
   * When extended: the day by which the requester must be told of the extension (FOI s17 refusal notice, EIR notice,
   * SAR notice within the first month) — the unextended deadline.
   */
  noticeDue?: IsoDate;
  /** Stable identifier of the rule, e.g. `foia-s10` or `sar-art12-extended`. */
  ruleId: string;
  /** The rule applied, in plain English, citing the legal source. */
  rule: string;
  sources: RuleSource[];
  /** Whose bank holidays count as non-working days. */
  holidayDivisions: Division[];
  asOf: IsoDate;
  status: 'open' | 'due-today' | 'overdue';
  /** Working days (in `holidayDivisions`, paused days left out) from the clock start to the due date. */
  workingDaysTotal: number;
  /** Working days of that total already used up by `asOf`. */
  workingDaysElapsed: number;
  /** Working days after `asOf` up to the due date; negative when overdue (working days late). */
  workingDaysLeft: number;
  /** Calendar days from `asOf` to the due date; negative when overdue. */
  calendarDaysLeft: number;
  /** Weekday bank holidays that pushed the deadline back, in date order. */
  holidaysSkipped: SkippedHoliday[];
  pausesApplied: AppliedPause[];
  /** Caveats the officer should know (an unverified holiday used, a practice rather than a statutory rule). */
  notes: string[];
}
