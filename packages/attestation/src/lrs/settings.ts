/**
 * The trust's learning record store (LRS), set by an admin in the service: its xAPI endpoint, a key and a secret with
 * permission to write statements, and whether to send. The secret is stored sealed (AES-256-GCM under a key derived
 * from the service's signing key, which never enters the database), is never shown again, and never reaches the audit
 * log; leaving it blank when saving keeps the one stored.
 */
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { LrsClient } from '@im-records/course-export/xapi';
import { z } from 'zod';
import { type Actor, requireRole } from '../access.ts';
import { appendAudit } from '../audit/log.ts';
import { ValidationError } from '../errors.ts';
import type { ServiceKey } from '../keys.ts';
import { inTransaction, type Store } from '../store.ts';

const LRS_KEY = 'lrs';

/** What is stored. */
interface StoredLrs {
  enabled: boolean;
  endpoint: string;
  username: string;
  /** `iv.tag.ciphertext`, base64url; null when no secret has been given. */
  sealedSecret: string | null;
}

/** The LRS settings as pages show them (never the secret). */
export interface LrsSettings {
  enabled: boolean;
  endpoint: string;
  username: string;
  hasSecret: boolean;
}

const storedSchema = z.object({
  enabled: z.boolean(),
  endpoint: z.string(),
  username: z.string(),
  sealedSecret: z.string().nullable(),
});

/** What an admin submits. */
export const lrsSettingsSchema = z
  .object({
    enabled: z.boolean(),
    endpoint: z
      .string()
      .trim()
      .max(500)
      .refine((v) => v === '' || /^https?:\/\/[^\s]+$/i.test(v), 'must be the LRS’s http(s) xAPI address'),
    username: z.string().trim().max(200),
    /** Blank keeps the stored secret. */
    secret: z.string().max(500).optional(),
  })
  .superRefine((v, ctx) => {
    if (v.enabled && v.endpoint === '')
      ctx.addIssue({ code: 'custom', path: ['endpoint'], message: 'give the LRS’s xAPI address to send to it' });
    if (v.enabled && v.username === '')
      ctx.addIssue({ code: 'custom', path: ['username'], message: 'give the key (user name) the LRS issued' });
  });

function sealingKey(key: ServiceKey): Buffer {
  return createHash('sha256')
    .update('im-records attestation lrs secret\0')
    .update(key.privateKey.export({ format: 'der', type: 'pkcs8' }))
    .digest();
}

function seal(key: ServiceKey, secret: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', sealingKey(key), iv);
  const body = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()]);
  return [iv, cipher.getAuthTag(), body].map((b) => b.toString('base64url')).join('.');
}

function unseal(key: ServiceKey, sealed: string): string {
  const [iv, tag, body] = sealed.split('.').map((part) => Buffer.from(part, 'base64url'));
  if (!iv || !tag || !body) throw new ValidationError('the stored LRS secret is damaged: enter it again');
  const decipher = createDecipheriv('aes-256-gcm', sealingKey(key), iv);
  decipher.setAuthTag(tag);
  try {
    return Buffer.concat([decipher.update(body), decipher.final()]).toString('utf8');
  } catch {
    throw new ValidationError('the stored LRS secret was sealed with another service key: enter it again');
  }
}

async function readStored(store: Store): Promise<StoredLrs | null> {
  const row = await store.db.selectFrom('settings').select('value').where('key', '=', LRS_KEY).executeTakeFirst();
  if (!row) return null;
  const parsed = storedSchema.safeParse(JSON.parse(row.value));
  return parsed.success ? parsed.data : null;
}

/** The LRS settings, without the secret. */
export async function readLrsSettings(store: Store): Promise<LrsSettings> {
  const stored = await readStored(store);
  return {
    enabled: stored?.enabled ?? false,
    endpoint: stored?.endpoint ?? '',
    username: stored?.username ?? '',
    hasSecret: Boolean(stored?.sealedSecret),
  };
}

/** Changes the LRS settings (admins). Recorded in the audit log without the secret. */
export async function updateLrsSettings(
  store: Store,
  actor: Actor,
  key: ServiceKey,
  input: z.input<typeof lrsSettingsSchema>,
): Promise<LrsSettings> {
  requireRole(actor, 'admin');
  const parsed = lrsSettingsSchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ValidationError(`${issue?.path.join('.') || 'lrs'}: ${issue?.message ?? 'invalid'}`);
  }
  const v = parsed.data;
  return inTransaction(store, async (tx) => {
    const before = await readStored(tx);
    const secretChanged = Boolean(v.secret && v.secret !== '');
    const sealedSecret = secretChanged ? seal(key, v.secret ?? '') : (before?.sealedSecret ?? null);
    if (v.enabled && !sealedSecret) throw new ValidationError('secret: give the secret the LRS issued with the key');
    const value = JSON.stringify({ enabled: v.enabled, endpoint: v.endpoint, username: v.username, sealedSecret });
    await tx.db
      .insertInto('settings')
      .values({ key: LRS_KEY, value })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value }))
      .execute();
    await appendAudit(tx, {
      actor: actor.accountId,
      type: 'settings.changed',
      data: { lrs: { enabled: v.enabled, endpoint: v.endpoint, secretChanged } },
    });
    return readLrsSettings(tx);
  });
}

/** Whether statements are being queued. */
export async function lrsEnabled(store: Store): Promise<boolean> {
  return (await readStored(store))?.enabled === true;
}

/** A client for the configured LRS, or null when sending is off. */
export async function lrsClientFor(
  store: Store,
  key: ServiceKey,
  options: { fetch?: typeof fetch; timeoutMs?: number } = {},
): Promise<LrsClient | null> {
  const stored = await readStored(store);
  if (!stored?.enabled || !stored.sealedSecret) return null;
  return new LrsClient({
    endpoint: stored.endpoint,
    auth: { username: stored.username, password: unseal(key, stored.sealedSecret) },
    ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}),
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
}
