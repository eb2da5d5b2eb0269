/**
 * Opens the service's database from one setting, `DATABASE_URL`: a `postgres://` or `postgresql://` URL selects
 * PostgreSQL; anything else is a SQLite file (`sqlite:path`, `file:path`, a plain path or `:memory:`), by default
 * `./data/attestation.sqlite`. Both are migrated to the newest schema before use.
 */
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { migrateToLatest } from './migrate.ts';
import type { Database } from './schema.ts';
import { NodeSqliteDialect, openNodeSqlite } from './sqlite-dialect.ts';

/** Which database engine a connection uses; a few queries differ (row locks, upserts of many rows). */
export type DatabaseKind = 'sqlite' | 'postgres';

/** An open database: the typed query builder, its engine and how to close it. */
export interface AttestationDatabase {
  db: Kysely<Database>;
  kind: DatabaseKind;
  /** A description without credentials, for start-up messages (`SQLite data/attestation.sqlite`, `PostgreSQL db@host`). */
  label: string;
  close(): Promise<void>;
}

/** The SQLite file used when `DATABASE_URL` is not set. */
export const DEFAULT_SQLITE_FILE = 'data/attestation.sqlite';

/** Options for {@link openDatabase}. */
export interface OpenOptions {
  /** `DATABASE_URL`; undefined or empty uses {@link DEFAULT_SQLITE_FILE}. */
  url?: string | undefined;
  /** Where relative SQLite paths are resolved from (default the working directory). */
  cwd?: string;
  /** Connections in the PostgreSQL pool (default 10). */
  poolSize?: number;
  /** Skip migrations (the benchmark's second handle on an already migrated database). */
  migrate?: boolean;
}

const bigintOid = 20;
const numericOid = 1700;

function isPostgresUrl(url: string): boolean {
  return /^postgres(ql)?:\/\//i.test(url);
}

function sqlitePath(url: string, cwd: string): string {
  const path = url.replace(/^(sqlite|file):(\/\/)?/i, '');
  return path === ':memory:' ? path : resolve(cwd, path);
}

/** Opens and migrates the database `url` names. Throws with a plain reason when it cannot be reached. */
export async function openDatabase(options: OpenOptions = {}): Promise<AttestationDatabase> {
  const url = options.url?.trim() || DEFAULT_SQLITE_FILE;
  let opened: AttestationDatabase;
  if (isPostgresUrl(url)) {
    const pool = new pg.Pool({
      connectionString: url,
      max: options.poolSize ?? 10,
      // Counts and sums come back as int8/numeric text by default; every figure the service handles fits a double.
      types: {
        getTypeParser: ((oid: number, format?: string) =>
          oid === bigintOid || oid === numericOid
            ? (value: string) => Number(value)
            : pg.types.getTypeParser(oid, format as 'text')) as typeof pg.types.getTypeParser,
      },
    });
    const parsed = new URL(url);
    opened = {
      db: new Kysely<Database>({ dialect: new PostgresDialect({ pool }) }),
      kind: 'postgres',
      label: `PostgreSQL ${parsed.pathname.slice(1) || 'postgres'}@${parsed.hostname}`,
      close: async () => {
        await opened.db.destroy();
      },
    };
  } else {
    const path = sqlitePath(url, options.cwd ?? process.cwd());
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
    const dialect = new NodeSqliteDialect(openNodeSqlite(path));
    opened = {
      db: new Kysely<Database>({ dialect }),
      kind: 'sqlite',
      label: `SQLite ${path}`,
      close: async () => {
        await opened.db.destroy();
      },
    };
  }
  if (options.migrate !== false) {
    try {
      await migrateToLatest(opened.db);
    } catch (error) {
      await opened.close();
      throw error;
    }
  }
  return opened;
}
