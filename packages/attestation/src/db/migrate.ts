/**
 * Runs the migrations (one set for SQLite and PostgreSQL) in order, to the newest. Kysely's migrator takes a lock, so
 * several instances starting at once migrate once.
 */
import { type Kysely, PostgresAdapter, sql } from 'kysely';
import { type Migration, Migrator } from 'kysely/migration';
import * as initial from './migrations/001-initial.ts';
import * as reportCache from './migrations/002-report-cache.ts';
import * as programme from './migrations/003-programme.ts';
import * as pageCache from './migrations/004-page-cache.ts';
import * as history from './migrations/005-history.ts';
import * as historyNames from './migrations/006-history-names.ts';
import type { Database } from './schema.ts';

/** Every migration, by name; names sort in the order they run. */
const migrations: Record<string, Migration> = {
  '001-initial': initial,
  '002-report-cache': reportCache,
  '003-programme': programme,
  '004-page-cache': pageCache,
  '005-history': history,
  '006-history-names': historyNames,
};

/**
 * Brings the database to the newest schema (or up to the migration named `upTo`, for tests of a migration on an older
 * database); throws with the failing migration's name and error.
 */
export async function migrateToLatest(db: Kysely<Database>, upTo?: string): Promise<void> {
  // On PostgreSQL the migration tables live in the connection's own schema (its search_path), so several databases
  // kept as schemas of one server (tests, the benchmark) never see each other's tables.
  let migrationTableSchema: string | undefined;
  if (db.getExecutor().adapter instanceof PostgresAdapter) {
    const result = await sql<{ schema: string }>`select current_schema() as schema`.execute(db);
    migrationTableSchema = result.rows[0]?.schema;
  }
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => migrations },
    ...(migrationTableSchema ? { migrationTableSchema } : {}),
  });
  const { error, results } = upTo ? await migrator.migrateTo(upTo) : await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((result) => result.status === 'Error')?.migrationName ?? 'unknown';
    throw new Error(`migration ${failed} failed: ${error instanceof Error ? error.message : String(error)}`);
  }
}
