/**
 * The databases every repository test runs on: SQLite (in memory) always, and PostgreSQL when TEST_DATABASE_URL names
 * a server (`.ci/run` starts one). Each test gets an empty database: on PostgreSQL, a schema of its own, dropped after.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { type Clock, fixedClock } from '../src/clock.ts';
import { type AttestationDatabase, openDatabase } from '../src/db/connect.ts';
import { SCHEMA_CHANGE_LOCK } from '../src/db/migrate.ts';
import type { Store } from '../src/store.ts';

/**
 * A schema is dropped holding the lock migrations hold (`SCHEMA_CHANGE_LOCK`): Kysely's migrator lists every table of
 * every schema, and a schema another test file dropped mid-listing failed it ("schema t_… does not exist").
 */
async function dropSchema(base: string, schema: string): Promise<void> {
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  try {
    await admin.query('select pg_advisory_lock($1)', [SCHEMA_CHANGE_LOCK]);
    await admin.query(`drop schema ${schema} cascade`);
  } finally {
    await admin.end(); // ending the session releases its lock
  }
}

async function createSchema(base: string, schema: string): Promise<void> {
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query(`create schema ${schema}`);
  await admin.end();
}

/** The engines under test, for `describe.each`. */
export const engines: ('sqlite' | 'postgres')[] = process.env.TEST_DATABASE_URL ? ['sqlite', 'postgres'] : ['sqlite'];

/** An empty database of one engine, migrated unless `migrate` is false, with a way to drop it. */
export async function freshDatabase(engine: 'sqlite' | 'postgres', migrate = true): Promise<AttestationDatabase> {
  if (engine === 'sqlite') return openDatabase({ url: ':memory:', migrate });
  const base = process.env.TEST_DATABASE_URL;
  if (!base) throw new Error('TEST_DATABASE_URL is not set');
  const schema = `t_${randomBytes(6).toString('hex')}`;
  const url = new URL(base);
  url.searchParams.set('options', `-c search_path=${schema}`);
  await createSchema(base, schema);
  const opened = await openDatabase({ url: url.toString(), poolSize: 4, migrate });
  return {
    ...opened,
    close: async () => {
      await opened.close();
      await dropSchema(base, schema);
    },
  };
}

/** A store on a fresh database with a clock the test can move. */
export async function freshStore(
  engine: 'sqlite' | 'postgres',
  start = '2026-03-02T10:00:00Z',
): Promise<{ store: Store; database: AttestationDatabase; setNow: (instant: string) => void }> {
  const database = await freshDatabase(engine);
  let clock: Clock = fixedClock(start);
  const store: Store = { db: database.db, kind: database.kind, clock: () => clock() };
  return {
    store,
    database,
    setNow: (instant) => {
      clock = fixedClock(instant);
    },
  };
}

/**
 * An empty database another process can open too (as a server and a cron job would share one): a SQLite file in a
 * temporary folder, or a PostgreSQL schema of its own. Returns an open handle and the `DATABASE_URL` for the other
 * process; closing the handle drops the database.
 */
export async function sharedDatabase(
  engine: 'sqlite' | 'postgres',
): Promise<{ database: AttestationDatabase; url: string }> {
  if (engine === 'sqlite') {
    const folder = mkdtempSync(join(tmpdir(), 'attestation-shared-'));
    const file = join(folder, 'attestation.sqlite');
    const opened = await openDatabase({ url: file });
    return {
      url: file,
      database: {
        ...opened,
        close: async () => {
          await opened.close();
          rmSync(folder, { recursive: true, force: true });
        },
      },
    };
  }
  const base = process.env.TEST_DATABASE_URL;
  if (!base) throw new Error('TEST_DATABASE_URL is not set');
  const schema = `t_${randomBytes(6).toString('hex')}`;
  const url = new URL(base);
  url.searchParams.set('options', `-c search_path=${schema}`);
  await createSchema(base, schema);
  const opened = await openDatabase({ url: url.toString(), poolSize: 4 });
  return {
    url: url.toString(),
    database: {
      ...opened,
      close: async () => {
        await opened.close();
        await dropSchema(base, schema);
      },
    },
  };
}
