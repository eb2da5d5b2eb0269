import { z } from 'zod';
import { type IsoDate, isIsoDate } from '../dates.ts';
import { HolidayFeedError } from '../errors.ts';
import type { Division } from './types.ts';

/** One event of the gov.uk feed, after validation. */
export interface HolidayFeedEvent {
  title: string;
  date: IsoDate;
  notes: string;
  bunting: boolean;
}

/** One division of the gov.uk feed, after validation. */
export interface HolidayFeedDivision {
  division: Division;
  events: HolidayFeedEvent[];
}

/**
 * A validated bank-holiday feed in the gov.uk `bank-holidays.json` shape. Any division may be left out; the
 * divisions present replace the computed calendars for every year they have events in.
 */
export type HolidayFeed = Partial<Record<Division, HolidayFeedDivision>>;

const eventSchema = z.object({
  title: z.string().min(1, 'must be a non-empty string'),
  date: z.string().refine(isIsoDate, 'must be a real date in the form YYYY-MM-DD'),
  notes: z.string().default(''),
  bunting: z.boolean().default(false),
});

function divisionSchema(name: Division) {
  return z.object({
    division: z.literal(name, `must be "${name}" (the key it is filed under)`),
    events: z.array(eventSchema),
  });
}

const feedSchema = z
  .object({
    'england-and-wales': divisionSchema('england-and-wales').optional(),
    scotland: divisionSchema('scotland').optional(),
    'northern-ireland': divisionSchema('northern-ireland').optional(),
  })
  .strict();

function fieldPath(path: readonly PropertyKey[]): string {
  let text = '';
  for (const part of path) {
    if (typeof part === 'number') text += `[${part}]`;
    else text += text === '' ? String(part) : `.${String(part)}`;
  }
  return text === '' ? '(root)' : text;
}

/**
 * Validates untrusted data (already parsed from JSON) as a gov.uk bank-holiday feed. Throws {@link HolidayFeedError}
 * naming each bad field, e.g. `scotland.events[3].date: must be a real date in the form YYYY-MM-DD`.
 */
export function loadHolidayFeed(data: unknown): HolidayFeed {
  const result = feedSchema.safeParse(data);
  if (!result.success) {
    const problems = result.error.issues.slice(0, 5).map((issue) => {
      const message =
        issue.code === 'unrecognized_keys'
          ? `unknown division ${issue.keys.map((k) => `"${k}"`).join(', ')} (expected england-and-wales, scotland, northern-ireland)`
          : issue.message;
      return `${fieldPath(issue.path)}: ${message}`;
    });
    const more = result.error.issues.length > 5 ? ` (and ${result.error.issues.length - 5} more)` : '';
    throw new HolidayFeedError(`bank-holiday feed is not in the gov.uk shape: ${problems.join('; ')}${more}`);
  }
  const feed: HolidayFeed = {};
  for (const [key, value] of Object.entries(result.data)) {
    if (value === undefined) continue;
    const division = key as Division;
    feed[division] = {
      division,
      events: value.events.map((event) => ({ ...event, date: event.date as IsoDate })),
    };
  }
  return feed;
}

/** Parses and validates the text of a `bank-holidays.json` file; a JSON syntax error is a {@link HolidayFeedError}. */
export function parseHolidayFeed(text: string, fileName = 'bank-holidays.json'): HolidayFeed {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new HolidayFeedError(
      `${fileName} is not valid JSON: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  try {
    return loadHolidayFeed(data);
  } catch (error) {
    if (error instanceof HolidayFeedError) throw new HolidayFeedError(`${fileName}: ${error.message}`);
    throw error;
  }
}
