import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addDays,
  computeDeadline,
  type DeadlineInput,
  DeadlineInputError,
  defaultHolidayCalendar,
  fromDayNumber,
  HolidayCalendar,
  type IsoDate,
  isWeekend,
  loadHolidayFeed,
  parseIsoDate,
  toDayNumber,
} from '../src/index.ts';

const d = (text: string): IsoDate => parseIsoDate(text);
const due = (input: Omit<DeadlineInput, 'asOf'>) => computeDeadline({ ...input, asOf: input.received }).due;

describe('FOIA / FOISA test vectors (records-rules.md §3.1)', () => {
  const vectors = [
    { received: '2024-12-20', foia: '2025-01-23', englandOnly: '2025-01-22', foisa: '2025-01-23' },
    { received: '2022-12-21', foia: '2023-01-24', englandOnly: '2023-01-23', foisa: '2023-01-24' },
    { received: '2025-07-01', foia: '2025-07-30', englandOnly: '2025-07-29', foisa: '2025-07-29' },
    { received: '2025-11-15', foia: '2025-12-15', englandOnly: '2025-12-12', foisa: '2025-12-15' },
    { received: '2022-09-01', foia: '2022-09-30', englandOnly: '2022-09-30', foisa: '2022-09-30' },
  ];

  it.each(vectors)('received $received: FOIA $foia, FOISA $foisa', ({ received, foia, foisa }) => {
    expect(due({ type: 'foi', received: d(received) })).toBe(foia);
    expect(due({ type: 'foisa', received: d(received) })).toBe(foisa);
  });

  it.each(vectors)(
    'received $received: counting England and Wales holidays only would give $englandOnly',
    ({ received, englandOnly }) => {
      // Make every division's calendar the England-and-Wales one, so the any-division union is England and Wales only.
      const year = Number(received.slice(0, 4));
      const events = [year, year + 1].flatMap((y) =>
        defaultHolidayCalendar
          .holidaysInYear('england-and-wales', y)
          .map((h) => ({ title: h.name, date: h.date, notes: '', bunting: false })),
      );
      const calendar = new HolidayCalendar({
        overrides: loadHolidayFeed({
          scotland: { division: 'scotland', events },
          'northern-ireland': { division: 'northern-ireland', events },
        }),
      });
      expect(due({ type: 'foi', received: d(received), calendar })).toBe(englandOnly);
    },
  );

  it('counts an NI-only holiday (14 July 2025) against an English trust and names it', () => {
    const result = computeDeadline({ type: 'foi', received: d('2025-07-01'), asOf: d('2025-07-01') });
    expect(result.holidaysSkipped).toEqual([
      { date: '2025-07-14', name: 'Battle of the Boyne (Orangemen’s Day)', divisions: ['northern-ireland'] },
    ]);
  });

  it('FOISA ignores holidays outside Scotland', () => {
    const result = computeDeadline({ type: 'foisa', received: d('2025-07-01'), asOf: d('2025-07-01') });
    expect(result.holidaysSkipped).toEqual([]);
    expect(result.holidayDivisions).toEqual(['scotland']);
    expect(result.ruleId).toBe('foisa-s10');
  });
});

describe('ICO worked examples', () => {
  it('FOI received on a Saturday: the Monday is day 1', () => {
    const result = computeDeadline({ type: 'foi', received: d('2025-11-15'), asOf: d('2025-11-17') });
    expect(result.workingDaysElapsed).toBe(1);
    expect(result.workingDaysLeft).toBe(19);
  });

  it('LTT47: St Patrick’s Day stops an English authority’s clock', () => {
    // Received Monday 10 March 2025. Day 1 is Tuesday 11 March; Monday 17 March (St Patrick) is skipped; day 20 is
    // Tuesday 8 April (counted by hand).
    const result = computeDeadline({ type: 'foi', received: d('2025-03-10'), asOf: d('2025-03-10') });
    expect(result.due).toBe('2025-04-08');
    expect(result.holidaysSkipped.map((h) => h.name)).toEqual(['St Patrick’s Day']);
  });

  it('SAR received Monday 25 November: due Friday 27 December (25 and 26 December are bank holidays)', () => {
    expect(due({ type: 'sar', received: d('2024-11-25') })).toBe('2024-12-27');
  });

  it('SAR received on 1 January (a bank holiday): due 1 February', () => {
    expect(due({ type: 'sar', received: d('2024-01-01') })).toBe('2024-02-01');
  });

  it('SAR received 31 January: due the last day of February (29th in a leap year), rolled past a weekend', () => {
    expect(due({ type: 'sar', received: d('2023-01-31') })).toBe('2023-02-28');
    expect(due({ type: 'sar', received: d('2024-01-31') })).toBe('2024-02-29');
    // 2026-02-28 is a Saturday, so the Monday.
    expect(due({ type: 'sar', received: d('2026-01-31') })).toBe('2026-03-02');
  });
});

describe('SAR test vectors (records-rules.md §3.1)', () => {
  const vectors = [
    { received: '2024-11-25', due: '2024-12-27', extended: '2025-02-25' },
    { received: '2025-01-01', due: '2025-02-03', extended: '2025-04-01' },
    { received: '2024-01-31', due: '2024-02-29', extended: '2024-04-30' },
    { received: '2023-01-31', due: '2023-02-28', extended: '2023-05-02' },
    { received: '2022-05-03', due: '2022-06-06', extended: '2022-08-03' },
    { received: '2025-12-24', due: '2026-01-26', extended: '2026-03-24' },
  ];

  it.each(vectors)('received $received: due $due, extended $extended', (vector) => {
    expect(due({ type: 'sar', received: d(vector.received) })).toBe(vector.due);
    const extended = computeDeadline({
      type: 'sar',
      received: d(vector.received),
      extended: true,
      asOf: d(vector.received),
    });
    expect(extended.due).toBe(vector.extended);
    expect(extended.noticeDue).toBe(vector.due);
    expect(extended.ruleId).toBe('sar-art12-extended');
  });

  it('names the holidays the due date was rolled over', () => {
    const result = computeDeadline({ type: 'sar', received: d('2023-01-31'), extended: true, asOf: d('2023-02-01') });
    expect(result.holidaysSkipped).toEqual([
      { date: '2023-05-01', name: 'Early May bank holiday', divisions: ['england-and-wales'] },
    ]);
    const jubilee = computeDeadline({ type: 'sar', received: d('2022-05-03'), asOf: d('2022-05-03') });
    expect(jubilee.holidaysSkipped.map((h) => h.date)).toEqual(['2022-06-03']);
  });
});

describe('SAR clock rules', () => {
  it('counts requests received before 15 August 2019 from the day after receipt', () => {
    const old = computeDeadline({ type: 'sar', received: d('2019-01-14'), asOf: d('2019-01-14') });
    expect(old.due).toBe('2019-02-15');
    expect(old.ruleId).toBe('sar-art12-day-after');
    expect(due({ type: 'sar', received: d('2019-08-14') })).toBe('2019-09-16'); // 15 Sep is a Sunday
    expect(due({ type: 'sar', received: d('2020-01-14') })).toBe('2020-02-14');
  });

  it('starts the clock on receipt of ID or an allowed fee', () => {
    const result = computeDeadline({
      type: 'sar',
      received: d('2025-03-03'),
      clockStart: d('2025-03-10'),
      asOf: d('2025-03-10'),
    });
    expect(result.clockStart).toBe('2025-03-10');
    expect(result.due).toBe('2025-04-10');
    expect(result.rule).toContain('2025-03-10');
  });

  it('adds the days paused while clarification was awaited, then rolls forward', () => {
    // One month from 2025-03-03 is 2025-04-03; 8 days paused gives Friday 11 April.
    const byDates = computeDeadline({
      type: 'sar',
      received: d('2025-03-03'),
      pauses: [{ from: d('2025-03-05'), to: d('2025-03-13') }],
      asOf: d('2025-03-03'),
    });
    expect(byDates.due).toBe('2025-04-11');
    expect(byDates.pausesApplied).toEqual([
      { reason: 'clarification', from: '2025-03-05', to: '2025-03-13', days: 8, unit: 'calendar-days' },
    ]);
    expect(due({ type: 'sar', received: d('2025-03-03'), pausedDays: 8 })).toBe('2025-04-11');
    // 10 days paused lands on Sunday 13 April: rolled to Monday 14th.
    expect(due({ type: 'sar', received: d('2025-03-03'), pausedDays: 10 })).toBe('2025-04-14');
  });

  it('rolls forward using the chosen division', () => {
    // 2025-06-14 + 1 month = 2025-07-14, a holiday only in Northern Ireland.
    expect(due({ type: 'sar', received: d('2025-06-14') })).toBe('2025-07-14');
    expect(due({ type: 'sar', received: d('2025-06-14'), division: 'northern-ireland' })).toBe('2025-07-15');
  });

  it('refuses SARs from before UK GDPR', () => {
    expect(() => due({ type: 'sar', received: d('2018-05-24') })).toThrow(/Data Protection Act 1998/);
    expect(due({ type: 'sar', received: d('2018-05-25') })).toBe('2018-06-26');
  });
});

describe('FOI clock rules', () => {
  it('restarts from receipt of clarification', () => {
    const result = computeDeadline({
      type: 'foi',
      received: d('2025-02-03'),
      clarified: d('2025-11-15'),
      asOf: d('2025-11-15'),
    });
    expect(result.clockStart).toBe('2025-11-15');
    expect(result.due).toBe('2025-12-15');
    expect(result.rule).toContain('clarification');
  });

  it('disregards working days from fees notice to payment, by dates or by count', () => {
    // Received Mon 2025-09-01; fees notice Wed 3rd, paid Tue 9th: 5 working days (3,4,5,8,9) disregarded.
    const byDates = computeDeadline({
      type: 'foi',
      received: d('2025-09-01'),
      pauses: [{ from: d('2025-09-03'), to: d('2025-09-09') }],
      asOf: d('2025-09-10'),
    });
    const plain = due({ type: 'foi', received: d('2025-09-01') });
    expect(plain).toBe('2025-09-29');
    expect(byDates.due).toBe('2025-10-06');
    expect(byDates.pausesApplied[0]).toMatchObject({ reason: 'fees-notice', days: 5, unit: 'working-days' });
    expect(byDates.workingDaysElapsed).toBe(2); // the 2nd and the 10th count; the 1st is the day of receipt
    expect(byDates.workingDaysTotal).toBe(20);
    expect(due({ type: 'foi', received: d('2025-09-01'), pausedDays: 5 })).toBe('2025-10-06');
  });

  it('adds 20 working days for the public interest test and keeps the refusal-notice date', () => {
    const result = computeDeadline({ type: 'foi', received: d('2024-12-20'), extended: true, asOf: d('2025-01-02') });
    expect(result.noticeDue).toBe('2025-01-23');
    expect(result.due).toBe('2025-02-20');
    expect(result.workingDaysTotal).toBe(40);
    expect(result.workingDaysElapsed).toBe(5);
    expect(result.workingDaysLeft).toBe(35);
    expect(result.ruleId).toBe('foia-s10-pit');
  });

  it('gives EIR 40 working days when complex and voluminous', () => {
    const plain = due({ type: 'eir', received: d('2024-12-20') });
    expect(plain).toBe('2025-01-23');
    expect(due({ type: 'eir', received: d('2024-12-20'), complex: true })).toBe('2025-02-20');
    expect(due({ type: 'eir', received: d('2024-12-20'), extended: true })).toBe('2025-02-20');
  });

  it('notes an unverified holiday when it moves a FOISA deadline', () => {
    const result = computeDeadline({ type: 'foisa', received: d('2026-06-01'), asOf: d('2026-06-01') });
    expect(result.notes.some((note) => note.includes('2026-06-15'))).toBe(true);
    expect(result.due).toBe('2026-06-30');
  });
});

describe('as-of figures', () => {
  it('reports open, due today and overdue with working and calendar days left', () => {
    const input = { type: 'foi', received: d('2024-12-20') } as const;
    expect(computeDeadline({ ...input, asOf: d('2024-12-19') })).toMatchObject({
      status: 'open',
      workingDaysElapsed: 0,
      workingDaysLeft: 20,
    });
    expect(computeDeadline({ ...input, asOf: d('2025-01-23') })).toMatchObject({
      status: 'due-today',
      workingDaysElapsed: 20,
      workingDaysLeft: 0,
      calendarDaysLeft: 0,
    });
    expect(computeDeadline({ ...input, asOf: d('2025-01-27') })).toMatchObject({
      status: 'overdue',
      workingDaysElapsed: 20,
      workingDaysLeft: -2,
      calendarDaysLeft: -4,
    });
    const sar = computeDeadline({ type: 'sar', received: d('2024-11-25'), asOf: d('2024-12-30') });
    expect(sar).toMatchObject({ status: 'overdue', workingDaysLeft: -1, calendarDaysLeft: -3 });
  });
});

describe('bad input', () => {
  it('throws DeadlineInputError saying what was wrong', () => {
    const cases: [DeadlineInput, RegExp][] = [
      [{ type: 'foisa', received: d('2025-01-06'), extended: true }, /FOISA has no extension/],
      [{ type: 'foi', received: d('2025-01-06'), complex: true }, /only to EIR/],
      [{ type: 'foi', received: d('2025-01-06'), clarified: d('2025-01-01') }, /before the request was received/],
      [{ type: 'sar', received: d('2025-01-06'), clarified: d('2025-01-07') }, /pauses the clock/],
      [{ type: 'foi', received: d('2025-01-06'), clockStart: d('2025-01-07') }, /only to SARs/],
      [{ type: 'sar', received: d('2025-01-06'), pausedDays: -1 }, /pausedDays/],
      [{ type: 'sar', received: d('2025-01-06'), pausedDays: 1.5 }, /pausedDays/],
      [
        { type: 'foi', received: d('2025-01-06'), pauses: [{ from: d('2025-01-09'), to: d('2025-01-08') }] },
        /pauses\[0\]/,
      ],
      [{ type: 'xyz' as 'foi', received: d('2025-01-06') }, /unknown request type 'xyz'/],
    ];
    for (const [input, message] of cases) {
      expect(() => computeDeadline(input)).toThrow(DeadlineInputError);
      expect(() => computeDeadline(input)).toThrow(message);
    }
  });
});

describe('properties', () => {
  const anyDate = fc
    .integer({ min: toDayNumber(d('2019-09-01')), max: toDayNumber(d('2040-12-31')) })
    .map(fromDayNumber);

  it('FOI/EIR/FOISA: due is the 20th working day, a working day, and never earlier for a later receipt', () => {
    fc.assert(
      fc.property(
        anyDate,
        fc.constantFrom('foi', 'eir', 'foisa') as fc.Arbitrary<'foi' | 'eir' | 'foisa'>,
        (received, type) => {
          const result = computeDeadline({ type, received, asOf: received });
          expect(defaultHolidayCalendar.isWorkingDay(result.due, result.holidayDivisions)).toBe(true);
          expect(result.workingDaysTotal).toBe(20);
          expect(due({ type, received: addDays(received, 1) }) >= result.due).toBe(true);
        },
      ),
    );
  });

  it('SAR: due is a working day within a week of the calendar-month date, and extension is later', () => {
    fc.assert(
      fc.property(anyDate, (received) => {
        const plain = computeDeadline({ type: 'sar', received, asOf: received });
        const extended = computeDeadline({ type: 'sar', received, extended: true, asOf: received });
        expect(isWeekend(plain.due)).toBe(false);
        expect(defaultHolidayCalendar.isHoliday(plain.due, ['england-and-wales'])).toBe(false);
        expect(extended.due > plain.due).toBe(true);
        expect(toDayNumber(plain.due) - toDayNumber(received)).toBeGreaterThanOrEqual(28);
        expect(toDayNumber(plain.due) - toDayNumber(received)).toBeLessThanOrEqual(31 + 6);
      }),
    );
  });
});

const referencePath = fileURLToPath(new URL('../../../../shared/reference/bank-holidays.json', import.meta.url));

describe.skipIf(!existsSync(referencePath))('deadlines against a naive count over the gov.uk feed', () => {
  const feed = existsSync(referencePath)
    ? (JSON.parse(readFileSync(referencePath, 'utf8')) as Record<string, { events: { date: string }[] }>)
    : {};
  const holidays = (divisions: string[]) =>
    new Set(divisions.flatMap((k) => (feed[k]?.events ?? []).map((e) => e.date)));
  const utc = (s: string) => new Date(`${s}T00:00:00Z`);
  const iso = (t: Date) => t.toISOString().slice(0, 10);
  const isWorking = (s: string, set: Set<string>) => ![0, 6].includes(utc(s).getUTCDay()) && !set.has(s);
  const next = (s: string) => iso(new Date(utc(s).getTime() + 86_400_000));

  it('FOIA and FOISA agree for every receipt date from 2018 to October 2028', () => {
    const any = holidays(['england-and-wales', 'scotland', 'northern-ireland']);
    const scot = holidays(['scotland']);
    for (let s = '2018-01-01'; s <= '2028-10-31'; s = next(s)) {
      for (const [type, set] of [
        ['foi', any],
        ['foisa', scot],
      ] as const) {
        let day = s;
        for (let n = 0; n < 20; ) {
          day = next(day);
          if (isWorking(day, set)) n += 1;
        }
        expect(due({ type, received: d(s) }), `${type} ${s}`).toBe(day);
      }
    }
  });

  it('SAR agrees for every receipt date from 15 August 2019 to October 2028', () => {
    const ew = holidays(['england-and-wales']);
    for (let s = '2019-08-15'; s <= '2028-10-31'; s = next(s)) {
      const [y, m, dd] = s.split('-').map(Number) as [number, number, number];
      const lastDay = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
      let day = iso(new Date(Date.UTC(y, m, Math.min(dd, lastDay))));
      while (!isWorking(day, ew)) day = next(day);
      expect(due({ type: 'sar', received: d(s) }), `sar ${s}`).toBe(day);
    }
  });
});
