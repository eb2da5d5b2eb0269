/**
 * The service's Ed25519 signing key: it signs certificates and audit checkpoints. The private key comes from
 * `ATTESTATION_SIGNING_KEY` (PKCS #8 PEM) or a key file (by default `data/signing-key.pem`, created with mode 0600 on
 * first start); it is never stored in the database, so a database dump cannot forge certificates. Several instances
 * behind a load balancer must be given the same key. Public halves are recorded in `signing_keys`, so certificates
 * signed before a key is rotated still verify.
 */
import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject, sign } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Kysely } from 'kysely';
import type { Clock } from './clock.ts';
import type { Database } from './db/schema.ts';
import { ValidationError } from './errors.ts';

/** An Ed25519 public key as a JWK (RFC 8037). */
export interface Ed25519PublicJwk {
  kty: 'OKP';
  crv: 'Ed25519';
  x: string;
}

/** The service's signing key: its id (RFC 7638 thumbprint), issuer name and a signing function. */
export interface ServiceKey {
  kid: string;
  issuer: string;
  publicJwk: Ed25519PublicJwk;
  /** Signs bytes with the private key (Ed25519 is deterministic: same bytes, same signature). */
  sign(data: Uint8Array): Uint8Array;
  /** The private key, for WebCrypto-style signers that need a key object. */
  privateKey: KeyObject;
}

/** The default key file, beside the default SQLite file. */
export const DEFAULT_KEY_FILE = 'data/signing-key.pem';

/** base64url without padding. */
export function base64Url(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('base64url');
}

/** The RFC 7638 thumbprint of an Ed25519 public key: the key id certificates name in their `kid` header. */
export function keyThumbprint(jwk: Ed25519PublicJwk): string {
  const canonical = `{"crv":"Ed25519","kty":"OKP","x":"${jwk.x}"}`;
  return base64Url(createHash('sha256').update(canonical).digest());
}

/** Wraps a private key object as the service key. */
export function serviceKeyFrom(privateKey: KeyObject, issuer: string): ServiceKey {
  if (privateKey.asymmetricKeyType !== 'ed25519') {
    throw new ValidationError(`the signing key must be an Ed25519 key (got ${privateKey.asymmetricKeyType ?? 'none'})`);
  }
  const exported = createPublicKey(privateKey).export({ format: 'jwk' });
  const publicJwk: Ed25519PublicJwk = { kty: 'OKP', crv: 'Ed25519', x: String(exported.x) };
  return {
    kid: keyThumbprint(publicJwk),
    issuer,
    publicJwk,
    privateKey,
    sign: (data) => new Uint8Array(sign(null, data, privateKey)),
  };
}

/** A fresh key (tests and the benchmark; the service keeps its key in a file or the environment). */
export function generateServiceKey(issuer: string): ServiceKey {
  return serviceKeyFrom(generateKeyPairSync('ed25519').privateKey, issuer);
}

/** Where {@link loadServiceKey} reads the key from. */
export interface KeySource {
  /** PKCS #8 PEM text (from `ATTESTATION_SIGNING_KEY`); wins over `file`. */
  pem?: string | undefined;
  /** A PEM file; created when missing and `create` is true. */
  file?: string;
  create?: boolean;
  issuer: string;
}

/** Loads the service key from PEM text or a file, creating the file when allowed. Throws a plain reason otherwise. */
export function loadServiceKey(source: KeySource): ServiceKey {
  if (source.pem?.trim()) return serviceKeyFrom(createPrivateKey(source.pem), source.issuer);
  const file = source.file ?? DEFAULT_KEY_FILE;
  if (!existsSync(file)) {
    if (!source.create) throw new ValidationError(`no signing key: set ATTESTATION_SIGNING_KEY or create ${file}`);
    const { privateKey } = generateKeyPairSync('ed25519');
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, privateKey.export({ format: 'pem', type: 'pkcs8' }), { mode: 0o600, flag: 'wx' });
  }
  return serviceKeyFrom(createPrivateKey(readFileSync(file, 'utf8')), source.issuer);
}

/** Records the key's public half (once), so verification keeps working for its certificates after rotation. */
export async function registerServiceKey(db: Kysely<Database>, key: ServiceKey, clock: Clock): Promise<void> {
  await db
    .insertInto('signing_keys')
    .values({
      kid: key.kid,
      public_jwk: JSON.stringify(key.publicJwk),
      issuer: key.issuer,
      created_at: clock().toISOString(),
    })
    .onConflict((oc) => oc.column('kid').doNothing())
    .execute();
}

/** Every key the service has signed with, newest first: what `/api/keys` publishes for offline verifiers. */
export async function publishedKeys(
  db: Kysely<Database>,
): Promise<{ kid: string; issuer: string; jwk: Ed25519PublicJwk; since: string }[]> {
  const rows = await db.selectFrom('signing_keys').selectAll().orderBy('created_at', 'desc').execute();
  return rows.map((row) => ({
    kid: row.kid,
    issuer: row.issuer,
    jwk: JSON.parse(row.public_jwk) as Ed25519PublicJwk,
    since: row.created_at,
  }));
}
