/**
 * Running the programme (issue #17): reminder e-mails (one row per message, claimed before it is sent, and the stages
 * each message covered, so a stage is never sent twice), reminder pauses for people on leave, the monthly device spot
 * check draws with their checks, item results and follow-ups. Portable column types only.
 */
import type { Kysely } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: migrations are written against no particular schema, as Kysely advises.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('reminder_sends')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('run_on', 'text', (c) => c.notNull())
    .addColumn('recipient', 'text', (c) => c.notNull())
    .addColumn('email', 'text', (c) => c.notNull())
    .addColumn('kinds', 'text', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('items', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('claimed_by', 'text')
    .addColumn('claimed_until', 'text')
    .addColumn('sent_at', 'text')
    .addColumn('error', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('reminder_sends_once_a_day', ['recipient', 'run_on'])
    .execute();
  await db.schema.createIndex('reminder_sends_status').on('reminder_sends').columns(['status', 'run_on']).execute();

  await db.schema
    .createTable('reminder_stages')
    .addColumn('item', 'text', (c) => c.notNull())
    .addColumn('stage', 'text', (c) => c.notNull())
    .addColumn('send_id', 'text', (c) => c.notNull().references('reminder_sends.id'))
    .addPrimaryKeyConstraint('reminder_stages_pk', ['item', 'stage'])
    .execute();

  await db.schema
    .createTable('reminder_pauses')
    .addColumn('person', 'text', (c) => c.primaryKey().references('people.id'))
    .addColumn('until', 'text', (c) => c.notNull())
    .addColumn('set_by', 'text', (c) => c.notNull())
    .addColumn('set_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('spot_check_draws')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('month', 'text', (c) => c.notNull().unique())
    .addColumn('seed', 'text', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('stratify', 'text', (c) => c.notNull())
    .addColumn('exclude_months', 'integer', (c) => c.notNull())
    .addColumn('drawn_on', 'text', (c) => c.notNull())
    .addColumn('drawn_at', 'text', (c) => c.notNull())
    .addColumn('drawn_by', 'text', (c) => c.notNull())
    .addColumn('roster', 'text', (c) => c.notNull())
    .addColumn('roster_sha256', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('spot_checks')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('draw', 'text', (c) => c.references('spot_check_draws.id'))
    .addColumn('follow_up', 'text')
    .addColumn('person', 'text', (c) => c.notNull().references('people.id'))
    .addColumn('department_id', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('checked_on', 'text')
    .addColumn('checker', 'text')
    .addColumn('note', 'text')
    .addColumn('recorded_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('spot_checks_draw').on('spot_checks').column('draw').execute();
  await db.schema.createIndex('spot_checks_person').on('spot_checks').columns(['person', 'checked_on']).execute();

  await db.schema
    .createTable('spot_check_items')
    .addColumn('check_id', 'text', (c) => c.notNull().references('spot_checks.id'))
    .addColumn('item', 'text', (c) => c.notNull())
    .addColumn('outcome', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addPrimaryKeyConstraint('spot_check_items_pk', ['check_id', 'item'])
    .execute();

  await db.schema
    .createTable('follow_ups')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('check_id', 'text', (c) => c.notNull().unique().references('spot_checks.id'))
    .addColumn('person', 'text', (c) => c.notNull().references('people.id'))
    .addColumn('department_id', 'text', (c) => c.notNull())
    .addColumn('items', 'text', (c) => c.notNull())
    .addColumn('retraining_by', 'text', (c) => c.notNull())
    .addColumn('recheck_on', 'text', (c) => c.notNull())
    .addColumn('created_on', 'text', (c) => c.notNull())
    .addColumn('closed_on', 'text')
    .addColumn('closed_by_check', 'text')
    .execute();
  await db.schema.createIndex('follow_ups_open').on('follow_ups').columns(['closed_on', 'recheck_on']).execute();
}
