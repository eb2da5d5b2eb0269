/**
 * A Kysely dialect for Node's built-in SQLite (`node:sqlite`), so the embedded default needs no native build. Kysely's
 * own SQLite dialect expects better-sqlite3's statement API; this adapts a `DatabaseSync` to it (statement `reader`
 * from `columns()`, parameters spread, booleans as 0/1) and begins transactions with `BEGIN IMMEDIATE`, so a second
 * process (the CLI beside the server) waits for the write lock instead of failing half-way through a transaction.
 */
import { DatabaseSync, type SQLInputValue, type StatementSync } from 'node:sqlite';
import {
  CompiledQuery,
  type DatabaseConnection,
  type Driver,
  type SqliteDatabase,
  SqliteDialect,
  SqliteDriver,
  type SqliteStatement,
} from 'kysely';

/** How many prepared statements each connection keeps; the service issues a few dozen distinct queries. */
const STATEMENT_CACHE_SIZE = 256;

function bindable(value: unknown): SQLInputValue {
  if (value === undefined || value === null) return null;
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (typeof value === 'number' || typeof value === 'bigint' || typeof value === 'string') return value;
  if (value instanceof Uint8Array) return value;
  throw new TypeError(`node:sqlite cannot bind a ${typeof value} parameter`);
}

class NodeSqliteStatement implements SqliteStatement {
  readonly reader: boolean;
  readonly #statement: StatementSync;

  constructor(statement: StatementSync) {
    this.#statement = statement;
    this.reader = statement.columns().length > 0;
  }

  all(parameters: readonly unknown[]): unknown[] {
    return this.#statement.all(...parameters.map(bindable));
  }

  run(parameters: readonly unknown[]): { changes: number | bigint; lastInsertRowid: number | bigint } {
    return this.#statement.run(...parameters.map(bindable));
  }

  iterate(parameters: readonly unknown[]): IterableIterator<unknown> {
    return this.#statement.iterate(...parameters.map(bindable)) as IterableIterator<unknown>;
  }
}

/** A `DatabaseSync` seen through the interface Kysely's SQLite driver uses, with a small prepared-statement cache. */
class NodeSqliteDatabase implements SqliteDatabase {
  readonly #database: DatabaseSync;
  readonly #cache = new Map<string, NodeSqliteStatement>();

  constructor(database: DatabaseSync) {
    this.#database = database;
  }

  prepare(sql: string): SqliteStatement {
    const cached = this.#cache.get(sql);
    if (cached) {
      // Move to the end: the map's insertion order is the eviction order.
      this.#cache.delete(sql);
      this.#cache.set(sql, cached);
      return cached;
    }
    const statement = new NodeSqliteStatement(this.#database.prepare(sql));
    this.#cache.set(sql, statement);
    if (this.#cache.size > STATEMENT_CACHE_SIZE) {
      const oldest = this.#cache.keys().next().value;
      if (oldest !== undefined) this.#cache.delete(oldest);
    }
    return statement;
  }

  close(): void {
    this.#cache.clear();
    this.#database.close();
  }
}

class ImmediateSqliteDriver extends SqliteDriver {
  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
  }
}

/** Opens (creating if needed) a SQLite file with the settings the service relies on. */
export function openNodeSqlite(path: string): DatabaseSync {
  const database = new DatabaseSync(path, { enableForeignKeyConstraints: true, timeout: 10_000 });
  // WAL lets readers carry on while one writer commits; NORMAL sync is durable across process crashes in WAL mode.
  database.exec('pragma journal_mode = wal; pragma synchronous = normal;');
  return database;
}

/** The Kysely dialect for a `node:sqlite` database. */
export class NodeSqliteDialect extends SqliteDialect {
  readonly #database: DatabaseSync;
  readonly #adapted: NodeSqliteDatabase;

  constructor(database: DatabaseSync) {
    const adapted = new NodeSqliteDatabase(database);
    super({ database: adapted });
    this.#database = database;
    this.#adapted = adapted;
  }

  override createDriver(): Driver {
    return new ImmediateSqliteDriver({ database: this.#adapted });
  }

  /** The underlying database, for the few statements Kysely has no builder for (PRAGMA). */
  get database(): DatabaseSync {
    return this.#database;
  }
}
