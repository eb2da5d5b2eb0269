/**
 * The service's configuration and the handles every request shares: the database pool, the signing key and the course.
 * They are opened once per process and hold no per-user state, so any number of instances can serve the same users
 * (sessions, rate limits and jobs are in the database).
 *
 * Settings come from the environment: DATABASE_URL (default the SQLite file data/attestation.sqlite),
 * ATTESTATION_SIGNING_KEY or ATTESTATION_KEY_FILE (default data/signing-key.pem, created on first start),
 * ATTESTATION_PUBLIC_URL (the address printed on certificates), ATTESTATION_ISSUER (the trust's name),
 * ATTESTATION_CONTENT_DIR (default content/training), TRUST_SETTINGS_FILE (default content/trust/settings.yaml when it
 * exists: the trust's division decides its bank holidays), SMTP_URL and SMTP_FROM (reminder e-mail; without them
 * reminders wait for a mail-merge download), ATTESTATION_TRUSTED_PROXIES (see client-address.ts) and the OIDC_*
 * settings (see oidc.ts).
 */
import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import {
  type AttestationDatabase,
  loadServiceKey,
  type Mailer,
  openDatabase,
  registerServiceKey,
  type ServiceKey,
  type SmtpSettings,
  type Store,
  smtpMailer,
  smtpSettingsFrom,
  storeOf,
  systemClock,
} from '@im-records/attestation';
import { type Course, guidancePoints } from '@im-records/course';
import { findTrustSettingsFile, loadCourse, loadTrustSettings } from '@im-records/course/node';
import { type Division, holidayDivisionOf, type ResolvedTrustSettings } from '@im-records/records-policy';
import { trustedProxiesFrom } from './client-address.ts';

/** The service's settings, read from the environment. */
export interface ServiceConfig {
  databaseUrl: string | undefined;
  publicUrl: string;
  issuer: string;
  contentDir: string;
  /** Whether cookies carry `Secure` (always, unless the public address is plain http on a non-loopback host). */
  secureCookies: boolean;
  /** The trust settings file, or null for the course's defaults. */
  trustFile: string | null;
  /** The SMTP server reminders go through, or null (mail merge). */
  smtp: SmtpSettings | null;
  /** Proxies in front of the server whose `X-Forwarded-For` entries are believed (client-address.ts). */
  trustedProxies: number;
}

function findUp(start: string, relative: string): string | undefined {
  let dir = resolve(start);
  for (;;) {
    const candidate = resolve(dir, relative);
    if (existsSync(candidate)) return candidate;
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

/** Reads the configuration from the environment. */
export function readConfig(env: NodeJS.ProcessEnv = process.env): ServiceConfig {
  const port = env.PORT_ATTESTATION ?? env.PORT ?? '4323';
  const publicUrl = (env.ATTESTATION_PUBLIC_URL ?? `http://127.0.0.1:${port}`).replace(/\/$/, '');
  const url = new URL(publicUrl);
  const loopback = ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);
  const contentDir =
    env.ATTESTATION_CONTENT_DIR ??
    findUp(process.cwd(), 'content/training') ??
    findUp(import.meta.dirname, 'content/training') ??
    'content/training';
  return {
    databaseUrl: env.DATABASE_URL,
    publicUrl,
    issuer: env.ATTESTATION_ISSUER ?? 'Demo NHS Foundation Trust',
    contentDir,
    secureCookies: url.protocol === 'https:' || loopback,
    trustFile: findTrustSettingsFile(env, resolve(contentDir, '../..')),
    smtp: smtpSettingsFrom(env),
    trustedProxies: trustedProxiesFrom(env.ATTESTATION_TRUSTED_PROXIES),
  };
}

/** What requests share. */
export interface Services {
  config: ServiceConfig;
  database: AttestationDatabase;
  store: Store;
  key: ServiceKey;
  course: Course;
  trust: ResolvedTrustSettings;
  /** The bank-holiday division of the trust's UK division: no reminders on its holidays. */
  division: Division;
}

let opening: Promise<Services> | undefined;

/** The shared services, opened on first use (migrating the database and registering the key). */
export function services(): Promise<Services> {
  opening ??= (async () => {
    const config = readConfig();
    const database = await openDatabase({ url: config.databaseUrl });
    const key = loadServiceKey({
      pem: process.env.ATTESTATION_SIGNING_KEY,
      file: process.env.ATTESTATION_KEY_FILE ?? 'data/signing-key.pem',
      create: true,
      issuer: config.issuer,
    });
    const store = storeOf(database, systemClock);
    await registerServiceKey(database.db, key, systemClock);
    const root = resolve(config.contentDir, '../..');
    const trust = loadTrustSettings(config.trustFile, root);
    const course = loadCourse(config.contentDir, { guidancePoints, root, trust });
    return { config, database, store, key, course, trust, division: holidayDivisionOf(trust.settings.division) };
  })();
  return opening;
}

/** A mailer for the configured SMTP server, or null when reminders go by mail merge. Close it after use. */
export async function mailerFor(config: ServiceConfig): Promise<Mailer | null> {
  return config.smtp ? smtpMailer(config.smtp) : null;
}
