/**
 * Runs the migrations (one set for SQLite and PostgreSQL) in order, to the newest. Kysely's migrator takes a lock, so
 * several instances starting at once migrate once.
 */
import type { Kysely } from 'kysely';
import { type Migration, Migrator } from 'kysely/migration';
import * as initial from './migrations/001-initial.ts';
import type { Database } from './schema.ts';

/** Every migration, by name; names sort in the order they run. */
const migrations: Record<string, Migration> = {
  '001-initial': initial,
};

/** Brings the database to the newest schema; throws with the failing migration's name and error. */
export async function migrateToLatest(db: Kysely<Database>): Promise<void> {
  const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((result) => result.status === 'Error')?.migrationName ?? 'unknown';
    throw new Error(`migration ${failed} failed: ${error instanceof Error ? error.message : String(error)}`);
  }
}
