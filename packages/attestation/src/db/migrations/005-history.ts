/**
 * History for reports as of a past date: each person's reportable roster fields, each department's name and target,
 * and each trust setting, as dated versions (valid from one UK date up to the day before the next). The current state
 * of an existing database is backfilled as one version each, valid from `HISTORY_START`: the service kept no history
 * before, so a report dated earlier than this migration gives what it gave before it.
 */
import { randomUUID } from 'node:crypto';
import { type Kysely, sql } from 'kysely';
import { HISTORY_START } from '../../history/start.ts';

/** The settings keys at the time of this migration (a migration does not follow later code). */
const SETTING_KEYS = [
  'completionTarget',
  'dueSoonDays',
  'newStarterDays',
  'passwordSignIn',
  'lockoutThreshold',
  'lockoutMinutes',
  'signInRateLimit',
  'sessionHours',
  'ssoLabel',
  'reminders',
  'spotChecks',
];

const BATCH = 500;

// biome-ignore lint/suspicious/noExplicitAny: migrations are written against no particular schema, as Kysely advises.
async function insertBatched(db: Kysely<any>, table: string, rows: Record<string, unknown>[]): Promise<void> {
  for (let i = 0; i < rows.length; i += BATCH)
    await db
      .insertInto(table)
      .values(rows.slice(i, i + BATCH))
      .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: migrations are written against no particular schema, as Kysely advises.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('person_history')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('person', 'text', (c) => c.notNull().references('people.id'))
    .addColumn('valid_from', 'text', (c) => c.notNull())
    .addColumn('valid_to', 'text')
    .addColumn('department_id', 'text', (c) => c.notNull())
    .addColumn('staff_group', 'text', (c) => c.notNull())
    .addColumn('hire_date', 'text')
    .addColumn('termination_date', 'text')
    .addColumn('excluded_reason', 'text')
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .execute();
  // One open version per person (department, setting): two imports at once cannot both open one; the second fails.
  await db.schema
    .createIndex('person_history_open')
    .on('person_history')
    .column('person')
    .unique()
    .where(sql<boolean>`valid_to is null`)
    .execute();
  await db.schema
    .createIndex('person_history_valid')
    .on('person_history')
    .columns(['valid_from', 'valid_to'])
    .execute();

  await db.schema
    .createTable('department_history')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('department', 'text', (c) => c.notNull().references('departments.id'))
    .addColumn('valid_from', 'text', (c) => c.notNull())
    .addColumn('valid_to', 'text')
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('parent_id', 'text')
    .addColumn('target', 'real')
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('department_history_open')
    .on('department_history')
    .column('department')
    .unique()
    .where(sql<boolean>`valid_to is null`)
    .execute();

  await db.schema
    .createTable('setting_history')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('valid_from', 'text', (c) => c.notNull())
    .addColumn('valid_to', 'text')
    .addColumn('value', 'text', (c) => c.notNull())
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('setting_history_open')
    .on('setting_history')
    .column('key')
    .unique()
    .where(sql<boolean>`valid_to is null`)
    .execute();

  const recordedAt = new Date().toISOString();
  const people = await db
    .selectFrom('people')
    .select(['id', 'department_id', 'staff_group', 'hire_date', 'termination_date', 'excluded_reason'])
    .orderBy('id')
    .execute();
  await insertBatched(
    db,
    'person_history',
    people.map(({ id, ...fields }) => ({
      id: randomUUID(),
      person: id,
      valid_from: HISTORY_START,
      valid_to: null,
      ...fields,
      recorded_at: recordedAt,
    })),
  );
  const departments = await db.selectFrom('departments').select(['id', 'name', 'parent_id', 'target']).execute();
  await insertBatched(
    db,
    'department_history',
    departments.map(({ id, ...fields }) => ({
      id: randomUUID(),
      department: id,
      valid_from: HISTORY_START,
      valid_to: null,
      ...fields,
      recorded_at: recordedAt,
    })),
  );
  const settings = await db.selectFrom('settings').select(['key', 'value']).where('key', 'in', SETTING_KEYS).execute();
  await insertBatched(
    db,
    'setting_history',
    settings.map((s) => ({
      id: randomUUID(),
      key: s.key,
      valid_from: HISTORY_START,
      valid_to: null,
      value: s.value,
      recorded_at: recordedAt,
    })),
  );
}
