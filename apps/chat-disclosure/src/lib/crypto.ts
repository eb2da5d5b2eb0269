/**
 * Optional encryption of stored cases with a passphrase: PBKDF2-SHA-256 (600,000 iterations, OWASP's current figure)
 * derives an AES-GCM 256-bit key; every record gets a fresh 96-bit IV. The key never leaves memory and the passphrase is
 * never stored: a wrong passphrase is detected because AES-GCM's authentication tag fails on the verifier.
 *
 * The journal of an encrypted case (journal.ts) is sealed at the moment of each change, which WebCrypto cannot do (it
 * only answers later, and a page being left gives no later). So it uses AES-256-GCM in JavaScript (@noble/ciphers,
 * audited, synchronous), with a journal key derived from the case key when the case is unlocked ({@link journalKeyOf}).
 */
import { gcm } from '@noble/ciphers/aes.js';

/** Thrown when the passphrase does not open a case (the verifier fails to decrypt). */
export class WrongPassphraseError extends Error {
  override name = 'WrongPassphraseError';
  constructor() {
    super('That passphrase does not open this case. Check it and try again.');
  }
}

/** What is stored beside an encrypted case to derive and check the key. */
export interface KeyParams {
  salt: Uint8Array;
  iterations: number;
  verifier: Sealed;
}

/** An encrypted value: AES-GCM ciphertext (with its tag) and the IV used. */
export interface Sealed {
  iv: Uint8Array;
  data: Uint8Array;
}

const VERIFIER = new TextEncoder().encode('chat-disclosure case key v1');
export const defaultIterations = 600_000;

async function deriveKey(passphrase: string, salt: Uint8Array, iterations: number): Promise<CryptoKey> {
  const material = await crypto.subtle.importKey('raw', new TextEncoder().encode(passphrase), 'PBKDF2', false, [
    'deriveKey',
  ]);
  return crypto.subtle.deriveKey(
    { name: 'PBKDF2', hash: 'SHA-256', salt: salt as Uint8Array<ArrayBuffer>, iterations },
    material,
    { name: 'AES-GCM', length: 256 },
    false,
    ['encrypt', 'decrypt'],
  );
}

/** Encrypts bytes with a fresh IV. */
export async function seal(key: CryptoKey, plain: Uint8Array): Promise<Sealed> {
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const data = new Uint8Array(
    await crypto.subtle.encrypt({ name: 'AES-GCM', iv }, key, plain as Uint8Array<ArrayBuffer>),
  );
  return { iv, data };
}

/** Decrypts bytes; throws {@link WrongPassphraseError} when the key is wrong or the data was altered. */
export async function open(key: CryptoKey, sealed: Sealed): Promise<Uint8Array> {
  try {
    return new Uint8Array(
      await crypto.subtle.decrypt(
        { name: 'AES-GCM', iv: sealed.iv as Uint8Array<ArrayBuffer> },
        key,
        sealed.data as Uint8Array<ArrayBuffer>,
      ),
    );
  } catch {
    throw new WrongPassphraseError();
  }
}

/** Makes a new key from a passphrase, with the parameters to store so it can be derived again. */
export async function createKey(
  passphrase: string,
  iterations = defaultIterations,
): Promise<{ key: CryptoKey; params: KeyParams }> {
  const salt = crypto.getRandomValues(new Uint8Array(16));
  const key = await deriveKey(passphrase, salt, iterations);
  return { key, params: { salt, iterations, verifier: await seal(key, VERIFIER) } };
}

/** Derives the key again from the passphrase and stored parameters; throws {@link WrongPassphraseError} if it is wrong. */
export async function unlockKey(passphrase: string, params: KeyParams): Promise<CryptoKey> {
  const key = await deriveKey(passphrase, params.salt, params.iterations);
  await open(key, params.verifier);
  return key;
}

/** Encrypts a JSON value. */
export async function sealJson(key: CryptoKey, value: unknown): Promise<Sealed> {
  return seal(key, new TextEncoder().encode(JSON.stringify(value)));
}

/** Decrypts a JSON value. */
export async function openJson<T>(key: CryptoKey, sealed: Sealed): Promise<T> {
  return JSON.parse(new TextDecoder().decode(await open(key, sealed))) as T;
}

/**
 * The IV kept for deriving a case's journal key, and used for nothing else: the key's records are sealed with random
 * IVs, which are this one with a chance of 2^-96.
 */
const JOURNAL_KEY_IV = new TextEncoder().encode('journal key1');

/**
 * The journal key of a case: 32 bytes of AES-GCM keystream of the case key at {@link JOURNAL_KEY_IV} (AES of the key
 * on counter blocks no sealed record uses, so as secret as the case key and independent of what it seals). Derived
 * again on every unlock and kept in memory only, like the case key; nothing more is stored.
 */
export async function journalKeyOf(key: CryptoKey): Promise<Uint8Array> {
  const stream = await crypto.subtle.encrypt({ name: 'AES-GCM', iv: JOURNAL_KEY_IV }, key, new Uint8Array(32));
  return new Uint8Array(stream, 0, 32);
}

/** Encrypts bytes with a journal key, there and then (AES-256-GCM, a fresh IV). */
export function sealNow(journalKey: Uint8Array, plain: Uint8Array): Sealed {
  const iv = crypto.getRandomValues(new Uint8Array(12));
  return { iv, data: gcm(journalKey, iv).encrypt(plain) };
}

/** Decrypts what {@link sealNow} sealed; throws {@link WrongPassphraseError} when the key is wrong or the data altered. */
export function openNow(journalKey: Uint8Array, sealed: Sealed): Uint8Array {
  try {
    return gcm(journalKey, sealed.iv).decrypt(sealed.data);
  } catch {
    throw new WrongPassphraseError();
  }
}
