/**
 * A cache of computed dashboards, keyed by everything they depend on (who may see what, the filters, the date and the
 * audit log's head, which moves with every change), so repeated views are one indexed read on any instance.
 */
import type { Kysely } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: migrations are written against no particular schema, as Kysely advises.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('report_cache')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('report_cache_created').on('report_cache').column('created_at').execute();
}
