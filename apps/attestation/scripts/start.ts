/**
 * Starts the attestation service (the built Astro server) on PORT_ATTESTATION (default 4323). On an empty database
 * (the default SQLite file on first start) it seeds the demo trust from the project's synthetic data, unless
 * ATTESTATION_DEMO=0, and prints the demo accounts. Used by the repository's `npm start` (scripts/serve.mjs) and by
 * `npm start` in this folder.
 */
import { createServer, type Server } from 'node:http';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  ensureSnapshots,
  loadServiceKey,
  monthEnds,
  openDatabase,
  storeOf,
  systemClock,
  ukDate,
} from '@im-records/attestation';
import { DEMO_PASSWORD, seedDemoTrust } from '@im-records/attestation/demo';
import { guidancePoints } from '@im-records/course';
import { findTrustSettingsFile, loadCourse, loadTrustSettings } from '@im-records/course/node';
import { trustedProxiesFrom } from '../src/lib/client-address.ts';
import { startWorker } from './worker.ts';

/** Options for {@link startAttestation}. */
export interface StartOptions {
  port: number;
  host?: string;
  /** Seed the demo trust into an empty database (default true unless ATTESTATION_DEMO=0). */
  demo?: boolean;
  log?: (line: string) => void;
}

/** Seeds the demo (when the database is empty) and starts the server; resolves once it listens. */
export async function startAttestation(options: StartOptions): Promise<{ server: Server; url: string }> {
  const host = options.host ?? '127.0.0.1';
  const log = options.log ?? ((line: string) => console.log(line));
  process.env.PORT_ATTESTATION ??= String(options.port);
  const publicUrl = process.env.ATTESTATION_PUBLIC_URL ?? `http://${host}:${options.port}`;
  const issuer = process.env.ATTESTATION_ISSUER ?? 'Demo NHS Foundation Trust';
  const demo = options.demo ?? process.env.ATTESTATION_DEMO !== '0';
  // A setting the pages read on each request is checked now, so a mistake stops the start with its message.
  trustedProxiesFrom(process.env.ATTESTATION_TRUSTED_PROXIES);
  const database = await openDatabase({ url: process.env.DATABASE_URL });
  try {
    const store = storeOf(database, systemClock);
    const people = await store.db.selectFrom('people').select('id').limit(1).execute();
    if (demo && people.length === 0) {
      const key = loadServiceKey({
        pem: process.env.ATTESTATION_SIGNING_KEY,
        file: process.env.ATTESTATION_KEY_FILE ?? 'data/signing-key.pem',
        create: true,
        issuer,
      });
      const contentDir =
        process.env.ATTESTATION_CONTENT_DIR ?? resolve(import.meta.dirname, '../../../content/training');
      const root = resolve(contentDir, '../..');
      const trust = loadTrustSettings(findTrustSettingsFile(process.env, root), root);
      const course = loadCourse(contentDir, { guidancePoints, root, trust });
      const accounts = await seedDemoTrust(store, {
        key,
        issuer,
        trust,
        verifyUrl: `${publicUrl}/verify`,
        course: {
          title: course.settings.title,
          version: course.settings.version,
          questionCount: course.settings.assessment.questionCount,
        },
      });
      log(`Demo trust created in ${database.label}. Sign in with password ${DEMO_PASSWORD} as:`);
      for (const role of ['staff', 'manager', 'ig-lead', 'admin'] as const)
        log(`  ${role.padEnd(8)} ${accounts[role]}`);
    } else if (demo) {
      const accounts = await store.db
        .selectFrom('accounts')
        .select(['email', 'role'])
        .where('email', 'like', '%@demo-trust.example')
        .orderBy('role')
        .execute();
      if (accounts.length > 0) {
        log(`Demo accounts (password ${DEMO_PASSWORD}):`);
        for (const account of accounts) log(`  ${account.role.padEnd(8)} ${account.email}`);
      }
    }
  } finally {
    await database.close();
  }
  process.env.ASTRO_NODE_AUTOSTART = 'disabled';
  const entry = pathToFileURL(resolve(import.meta.dirname, '../dist/server/entry.mjs')).href;
  const { handler } = (await import(entry)) as { handler: Parameters<typeof createServer>[1] };
  const server = createServer(handler);
  await new Promise<void>((resolveListen, reject) => {
    server.once('error', reject);
    server.listen(options.port, host, () => resolveListen());
  });
  // The dashboard's 12-month trend reads month-end snapshots, computed once each; make them now, in the background,
  // so the first person to open the dashboard does not wait for them (on a 20,000-person trust that takes seconds).
  void warmSnapshots().catch((error: unknown) =>
    log(`Could not prepare the trend: ${error instanceof Error ? error.message : String(error)}`),
  );
  // Statements for the learning record store, reminder runs queued from the Reminders page, reminder retries.
  const intervalMs = Number(process.env.ATTESTATION_WORKER_INTERVAL_MS ?? 15_000);
  if (intervalMs > 0) {
    const worker = startWorker({ intervalMs, log });
    server.on('close', () => void worker.stop());
  }
  return { server, url: `http://${host}:${options.port}/` };
}

async function warmSnapshots(): Promise<void> {
  const database = await openDatabase({ url: process.env.DATABASE_URL, migrate: false, poolSize: 1 });
  try {
    const store = storeOf(database, systemClock);
    await ensureSnapshots(store, monthEnds(ukDate(store.clock())));
  } finally {
    await database.close();
  }
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) {
  const port = Number(process.env.PORT_ATTESTATION ?? 4323);
  const { url } = await startAttestation({ port });
  console.log(`Policy attestation service ${url}`);
}
