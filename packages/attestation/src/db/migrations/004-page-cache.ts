/**
 * Rendered pages kept compressed, apart from the computed reports: a dashboard page for 300 departments is about 300 KB
 * of HTML and 30 KB gzipped, so a repeated view reads, and sends, a tenth of the bytes. The rendered pages kept in
 * `report_cache` until now are dropped (they are made again on the next view).
 */
import { type Kysely, PostgresAdapter, sql } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: migrations are written against no particular schema, as Kysely advises.
export async function up(db: Kysely<any>): Promise<void> {
  const binary = db.getExecutor().adapter instanceof PostgresAdapter ? sql`bytea` : sql`blob`;
  await db.schema
    .createTable('page_cache')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('gzipped', binary, (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('page_cache_created').on('page_cache').column('created_at').execute();
  await db.deleteFrom('report_cache').where('key', 'like', 'page:%').execute();
}
