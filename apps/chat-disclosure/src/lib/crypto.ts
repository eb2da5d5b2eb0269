/**
 * Optional encryption of stored cases with a passphrase: PBKDF2-SHA-256 (600,000 iterations, OWASP's current figure)
 * derives an AES-GCM 256-bit key; every record gets a fresh 96-bit IV. The key never leaves memory and the passphrase is
 * never stored: a wrong passphrase is detected because AES-GCM's authentication tag fails on the verifier.
 */

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
