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
  if (!(db.getExecutor().adapter instanceof PostgresAdapter)) return migrate(db, undefined, upTo);
  // On PostgreSQL the migration tables live in the connection's own schema (its search_path), so several databases
  // kept as schemas of one server (tests, the benchmark) never see each other's tables. Kysely's migrator looks for
  // its tables by listing every table of every schema, which fails ("schema … does not exist") if another schema is
  // dropped meanwhile: the whole migration holds SCHEMA_CHANGE_LOCK, on one connection, and so must a schema's drop.
  await db.connection().execute(async (connection) => {
    await sql`select pg_advisory_lock(${SCHEMA_CHANGE_LOCK})`.execute(connection);
    try {
      const result = await sql<{ schema: string }>`select current_schema() as schema`.execute(connection);
      await migrate(connection, result.rows[0]?.schema, upTo);
    } finally {
      await sql`select pg_advisory_unlock(${SCHEMA_CHANGE_LOCK})`.execute(connection);
    }
  });
}

/**
 * The PostgreSQL advisory lock (session level) held while migrating: whoever drops or creates a schema on a server
 * that holds attestation databases as schemas takes it too (the tests do), so no migration lists tables mid-drop.
 */
export const SCHEMA_CHANGE_LOCK = 7_301_918_044;

async function migrate(db: Kysely<Database>, migrationTableSchema: string | undefined, upTo?: string): Promise<void> {
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
