/**
 * What every domain function works on: the typed query builder, which engine it is, and the clock. Passing it in
 * (rather than importing a global connection) keeps the server stateless between requests and lets tests run the same
 * code on SQLite and PostgreSQL side by side.
 */
import type { Kysely } from 'kysely';
import type { Clock } from './clock.ts';
import type { AttestationDatabase, DatabaseKind } from './db/connect.ts';
import type { Database } from './db/schema.ts';

/** The database, its engine and the clock, as domain functions take them. */
export interface Store {
  db: Kysely<Database>;
  kind: DatabaseKind;
  clock: Clock;
}

/** A store over an open database. */
export function storeOf(database: AttestationDatabase, clock: Clock): Store {
  return { db: database.db, kind: database.kind, clock };
}

/**
 * Runs `work` in one transaction: everything it writes (the change and its audit entry) commits together or not at all.
 * Inside a transaction already, it joins it.
 */
export async function inTransaction<T>(store: Store, work: (tx: Store) => Promise<T>): Promise<T> {
  if (store.db.isTransaction) return work(store);
  return store.db.transaction().execute((trx) => work({ ...store, db: trx }));
}
