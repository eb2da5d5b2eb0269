/**
 * The benchmark trust: 20,000 staff in 300 departments with about 200,000 attestations (the figures), on a
 * fresh SQLite file or PostgreSQL schema. Shared by this package's benchmark and the server's load run.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { type AttestationDatabase, generateServiceKey, openDatabase } from '../src/index.ts';

/** The trust: staff, departments, attestations. */
export const TRUST = { staff: 20_000, departments: 300, attestations: 200_000, seed: 16 } as const;

/** The course facts certificates carry (the benchmark does not need the content files). */
export const BENCH_COURSE = {
  title: 'Using instant messaging safely in patient care',
  version: 'bench',
  questionCount: 16,
};

/** A signing key for the run. */
export const benchKey = generateServiceKey('Benchmark NHS Trust');

/** A fresh, empty database of an engine: a SQLite file in a temporary folder, or a new PostgreSQL schema. */
export async function freshBenchDatabase(
  engine: 'sqlite' | 'postgres',
  url?: string,
): Promise<{ database: AttestationDatabase; url: string }> {
  if (engine === 'sqlite') {
    const file = join(mkdtempSync(join(tmpdir(), 'attestation-bench-')), 'bench.sqlite');
    return { database: await openDatabase({ url: file }), url: file };
  }
  if (!url) throw new Error('no PostgreSQL URL');
  const schema = `bench_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`create schema ${schema}`);
  await admin.end();
  const scoped = new URL(url);
  scoped.searchParams.set('options', `-c search_path=${schema}`);
  return { database: await openDatabase({ url: scoped.toString(), poolSize: 10 }), url: scoped.toString() };
}

/** Milliseconds a piece of work takes. */
export async function timed<T>(work: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const start = performance.now();
  const value = await work();
  return { ms: performance.now() - start, value };
}

/** The p-th percentile of a list of numbers. */
export function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
}
