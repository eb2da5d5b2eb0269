/**
 * Reads the roster, departments and settings as they stood on a date: from the current tables for today (and later,
 * which nothing has changed yet), from the history tables for a past date. A version is in force on a date when it
 * started on or before it and was not replaced by then (`valid_from <= date < valid_to`), so a change made during a day
 * counts for that day, as an attestation made that day does.
 */
import { addDays, compareDates, type IsoDate } from '@im-records/records-policy';
import { ukDate, ukDayStart } from '../clock.ts';
import { DEFAULT_SETTINGS, readSettings, type Settings, settingsSchema } from '../settings.ts';
import type { Store } from '../store.ts';
import { PERSON_FIELDS } from './record.ts';

/** Whether a date is before today (UK): only then is history read. */
export function isPast(store: Store, asOf: IsoDate): boolean {
  return compareDates(asOf, ukDate(store.clock())) < 0;
}

/** A person's reportable roster fields and names on a date. */
export interface PersonOn {
  id: string;
  department_id: string;
  staff_group: string;
  hire_date: string | null;
  termination_date: string | null;
  excluded_reason: string | null;
  first_name: string | null;
  preferred_name: string | null;
  last_name: string | null;
}

/** Everyone on the roster on a date (or those of `people` who were), with their fields as they stood. */
export async function peopleOn(store: Store, asOf: IsoDate, people?: readonly string[]): Promise<PersonOn[]> {
  if (!isPast(store, asOf)) {
    let query = store.db.selectFrom('people').select(['id', ...PERSON_FIELDS]);
    if (people) query = query.where('id', 'in', people);
    return query.execute();
  }
  let query = store.db
    .selectFrom('person_history')
    .select(['person as id', ...PERSON_FIELDS])
    .where('valid_from', '<=', asOf)
    .where((eb) => eb.or([eb('valid_to', 'is', null), eb('valid_to', '>', asOf)]));
  if (people) query = query.where('person', 'in', people);
  return query.execute();
}

/** A department's name and own target on a date. */
export interface DepartmentOn {
  id: string;
  name: string;
  target: number | null;
}

/** The departments that existed on a date, named and targeted as they then were. */
export async function departmentsOn(store: Store, asOf: IsoDate): Promise<DepartmentOn[]> {
  if (!isPast(store, asOf)) return store.db.selectFrom('departments').select(['id', 'name', 'target']).execute();
  return store.db
    .selectFrom('department_history')
    .select(['department as id', 'name', 'target'])
    .where('valid_from', '<=', asOf)
    .where((eb) => eb.or([eb('valid_to', 'is', null), eb('valid_to', '>', asOf)]))
    .execute();
}

/** The trust's settings on a date: those set by then, defaults for the rest (as `readSettings` gives today). */
export async function settingsOn(store: Store, asOf: IsoDate): Promise<Settings> {
  if (!isPast(store, asOf)) return readSettings(store);
  const rows = await store.db
    .selectFrom('setting_history')
    .select(['key', 'value'])
    .where('valid_from', '<=', asOf)
    .where((eb) => eb.or([eb('valid_to', 'is', null), eb('valid_to', '>', asOf)]))
    .execute();
  const raw: Record<string, unknown> = {};
  for (const row of rows) if (row.key in DEFAULT_SETTINGS) raw[row.key] = JSON.parse(row.value);
  const parsed = settingsSchema.safeParse(raw);
  return parsed.success ? parsed.data : DEFAULT_SETTINGS;
}

/**
 * The first instant after a date (UK midnight, as ISO text): a completion revoked at or after it still counted on the
 * date; one revoked on or before the date did not.
 */
export function revokedAfter(asOf: IsoDate): string {
  return ukDayStart(addDays(asOf, 1)).toISOString();
}
