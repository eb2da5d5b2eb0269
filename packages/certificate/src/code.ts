/**
 * Certificate fields and their verification code. The code is a compact JWS (RFC 7515) signed with Ed25519 over the
 * canonical JSON of the fields, so any JOSE library can check it, and a verification page can show the whole
 * certificate from the code alone. The attestation service signs with its published key (`kid` header); the static
 * training site, which can keep no secret, signs practice certificates with a key made on the learner's device (`jwk`
 * header), which proves only that the details are unchanged. Uses WebCrypto only (browser and Node).
 */
import { CertificateCodeError, CertificateIssueError } from './errors.ts';

/** Everything a certificate states. The order of this list is the canonical order of the signed JSON. */
export const CERTIFICATE_FIELDS = [
  'certificateId',
  'name',
  'course',
  'courseVersion',
  'completedOn',
  'expiresOn',
  'scoreCorrect',
  'scoreTotal',
  'passMark',
  'policyVersionId',
  'policyVersion',
  'policyPackageVersion',
] as const;

/**
 * Fields only some certificates have, signed after the others in this order: the short code a service-issued
 * certificate prints (its key in the service's register), and the address of the page that checks it.
 */
export const OPTIONAL_CERTIFICATE_FIELDS = ['shortCode', 'verifyUrl'] as const;

/** The signed statement: who passed what, when, how well, against which policy, and until when it counts. */
export interface CertificateFields {
  certificateId: string;
  name: string;
  course: string;
  courseVersion: string;
  /** The day the assessment was passed, YYYY-MM-DD (UK time). */
  completedOn: string;
  /** The day the certificate stops counting, YYYY-MM-DD: records-policy's expiry date for the completion date. */
  expiresOn: string;
  scoreCorrect: number;
  scoreTotal: number;
  /** The pass mark in force, 0 to 1. */
  passMark: number;
  /**
   * The stable id of the messaging policy version the learner attested to (records-policy `PolicyVersion.id`, such as
   * `im-policy-1.0`): what the attestation service passes to records-policy's `mustReattest`.
   */
  policyVersionId: string;
  /** The same version as people read it (`1.0`), printed beside the id. */
  policyVersion: string;
  /** The records-policy package version the rules came from, so an auditor can see which rules applied. */
  policyPackageVersion: string;
  /** The service's short code for this certificate (12 characters, printed as `ABCD-EFGH-JKMN`). */
  shortCode?: string;
  /** Where to check the certificate (the service's or the training site's verify page). */
  verifyUrl?: string;
}

/** The JOSE `typ` of a certificate code, so a code cannot be confused with any other token. */
export const CERTIFICATE_TYPE = 'imt-certificate+jws';

/** An Ed25519 public key as a JWK (RFC 8037). */
export interface Ed25519PublicJwk {
  kty: 'OKP';
  crv: 'Ed25519';
  x: string;
}

/** A key the verifier trusts to issue certificates (the attestation service's), named by its key id. */
export interface TrustedKey {
  kid: string;
  issuer: string;
  jwk: Ed25519PublicJwk;
}

/**
 * What a verification found. `valid`: signed by a key the verifier trusts. `self-signed`: a practice certificate whose
 * details are unchanged since it was made, but which nobody vouches for (anyone can make one). `unknown-key`: signed by
 * a key the verifier has not been given. `bad-signature`: the details were changed after signing.
 */
export type CodeVerification =
  | { status: 'valid'; issuer: string; keyId: string; fields: CertificateFields }
  | { status: 'self-signed'; keyId: string; fields: CertificateFields }
  | { status: 'bad-signature'; keyId: string; fields: CertificateFields }
  | { status: 'unknown-key'; keyId: string; fields: CertificateFields };

const encoder = new TextEncoder();
const dateOnly = /^\d{4}-\d{2}-\d{2}$/;

/** base64url without padding (RFC 4648 §5), as JWS uses. */
export function toBase64Url(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '');
}

/** Decodes base64url without padding; throws {@link CertificateCodeError} on anything else. */
export function fromBase64Url(text: string): Uint8Array {
  if (!/^[A-Za-z0-9_-]*$/.test(text) || text.length % 4 === 1)
    throw new CertificateCodeError('the code has characters or a length base64url cannot have');
  const binary = atob(text.replaceAll('-', '+').replaceAll('_', '/'));
  return Uint8Array.from(binary, (c) => c.charCodeAt(0));
}

/** Tidies a name for a certificate (Unicode NFC, single spaces) and rejects empty, over-long or control-character names. */
export function normaliseName(name: string): string {
  const tidy = name.normalize('NFC').replace(/\s+/g, ' ').trim();
  if (tidy.length === 0) throw new CertificateIssueError('enter your full name');
  if (tidy.length > 100) throw new CertificateIssueError('your name must be 100 characters or fewer');
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are exactly what is being rejected.
  if (/[\u0000-\u001f\u007f-\u009f]/.test(tidy))
    throw new CertificateIssueError('your name has characters that cannot be printed');
  return tidy;
}

/** The one JSON encoding of a certificate's fields that is signed: fixed key order, no spaces. */
export function canonicalJson(fields: CertificateFields): string {
  return JSON.stringify(fields, [...CERTIFICATE_FIELDS, ...OPTIONAL_CERTIFICATE_FIELDS]);
}

/** Checks untrusted decoded JSON is exactly a certificate's fields, with nothing missing, extra or mistyped. */
export function parseFields(value: unknown): CertificateFields {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new CertificateCodeError('the certificate details are not an object');
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record);
  const known: readonly string[] = [...CERTIFICATE_FIELDS, ...OPTIONAL_CERTIFICATE_FIELDS];
  const extra = keys.find((k) => !known.includes(k));
  if (extra !== undefined) throw new CertificateCodeError(`the certificate has an unexpected field "${extra}"`);
  for (const field of CERTIFICATE_FIELDS) {
    const v = record[field];
    const numeric = field === 'scoreCorrect' || field === 'scoreTotal' || field === 'passMark';
    if (numeric ? typeof v !== 'number' || !Number.isFinite(v) : typeof v !== 'string' || v.length === 0) {
      throw new CertificateCodeError(
        `the certificate field "${field}" is missing or not a ${numeric ? 'number' : 'string'}`,
      );
    }
  }
  for (const field of OPTIONAL_CERTIFICATE_FIELDS) {
    const v = record[field];
    if (v !== undefined && (typeof v !== 'string' || v.length === 0 || v.length > 200))
      throw new CertificateCodeError(`the certificate field "${field}" is not a string`);
  }
  if (record.shortCode !== undefined && normaliseShortCode(record.shortCode as string) !== record.shortCode)
    throw new CertificateCodeError("the certificate's short code is not in its canonical form");
  if (record.verifyUrl !== undefined && !/^https?:\/\/[^\s]+$/.test(record.verifyUrl as string))
    throw new CertificateCodeError("the certificate's verification address is not a web address");
  const fields = record as unknown as CertificateFields;
  for (const field of ['completedOn', 'expiresOn'] as const) {
    if (!dateOnly.test(fields[field]))
      throw new CertificateCodeError(`the certificate field "${field}" is not a YYYY-MM-DD date`);
  }
  if (
    !Number.isInteger(fields.scoreCorrect) ||
    !Number.isInteger(fields.scoreTotal) ||
    fields.scoreCorrect < 0 ||
    fields.scoreCorrect > fields.scoreTotal
  ) {
    throw new CertificateCodeError('the certificate score is not a whole number of marks out of the total');
  }
  return fields;
}

/** The RFC 7638 thumbprint of an Ed25519 key: a short, stable key id. */
export async function keyThumbprint(jwk: Ed25519PublicJwk): Promise<string> {
  const canonical = `{"crv":"Ed25519","kty":"OKP","x":"${jwk.x}"}`;
  return toBase64Url(new Uint8Array(await crypto.subtle.digest('SHA-256', encoder.encode(canonical))));
}

interface Header {
  alg: 'EdDSA';
  typ: typeof CERTIFICATE_TYPE;
  kid?: string;
  jwk?: Ed25519PublicJwk;
}

function headerJson(header: Header): string {
  return header.kid !== undefined
    ? JSON.stringify({ alg: header.alg, typ: header.typ, kid: header.kid })
    : JSON.stringify({ alg: header.alg, typ: header.typ, jwk: header.jwk }, ['alg', 'typ', 'jwk', 'kty', 'crv', 'x']);
}

/** A WebCrypto key, named so this compiles against both the DOM and Node's type definitions. */
export type SigningKey = Awaited<ReturnType<typeof crypto.subtle.importKey>>;

/** How a code is signed: with a trusted key named by `kid`, or (in the browser-only site) a fresh key shipped inside the code. */
export interface Signer {
  privateKey: SigningKey;
  publicJwk: Ed25519PublicJwk;
  /** Set for a trusted issuer's key; when absent the public key travels in the header (self-signed). */
  kid?: string;
}

/** A fresh Ed25519 key pair for one practice certificate (the static site, where no service signs). */
export async function ephemeralSigner(): Promise<Signer> {
  const pair = (await crypto.subtle.generateKey({ name: 'Ed25519' }, true, ['sign', 'verify'])) as unknown as {
    privateKey: SigningKey;
    publicKey: SigningKey;
  };
  const jwk = await crypto.subtle.exportKey('jwk', pair.publicKey);
  return { privateKey: pair.privateKey, publicJwk: { kty: 'OKP', crv: 'Ed25519', x: jwk.x ?? '' } };
}

/** Signs the fields and returns the verification code (a compact JWS). Ed25519 is deterministic: same key and fields, same code. */
export async function signCertificate(fields: CertificateFields, signer: Signer): Promise<string> {
  const checked = parseFields(JSON.parse(canonicalJson(fields)));
  const header: Header =
    signer.kid !== undefined
      ? { alg: 'EdDSA', typ: CERTIFICATE_TYPE, kid: signer.kid }
      : { alg: 'EdDSA', typ: CERTIFICATE_TYPE, jwk: signer.publicJwk };
  const input = `${toBase64Url(encoder.encode(headerJson(header)))}.${toBase64Url(encoder.encode(canonicalJson(checked)))}`;
  const signature = new Uint8Array(
    await crypto.subtle.sign({ name: 'Ed25519' }, signer.privateKey, encoder.encode(input)),
  );
  return `${input}.${toBase64Url(signature)}`;
}

/** A code split into its parts, checked for form but not yet for its signature. */
export interface DecodedCode {
  header: Header;
  fields: CertificateFields;
  signingInput: string;
  signature: Uint8Array;
}

/** Splits and checks a pasted code (untrusted); throws {@link CertificateCodeError} naming what is wrong. */
export function decodeCertificateCode(code: string): DecodedCode {
  const parts = code.replace(/\s+/g, '').split('.');
  if (parts.length !== 3) throw new CertificateCodeError('a verification code has three parts separated by dots');
  const [h = '', p = '', s = ''] = parts;
  const json = (part: string, what: string): unknown => {
    try {
      return JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(fromBase64Url(part)));
    } catch (error) {
      if (error instanceof CertificateCodeError) throw error;
      throw new CertificateCodeError(`the ${what} part of the code is not readable`);
    }
  };
  const rawHeader = json(h, 'header');
  if (typeof rawHeader !== 'object' || rawHeader === null)
    throw new CertificateCodeError('the code header is not an object');
  const hr = rawHeader as Record<string, unknown>;
  if (hr.alg !== 'EdDSA' || hr.typ !== CERTIFICATE_TYPE)
    throw new CertificateCodeError('the code is not a training certificate code');
  let header: Header;
  if (typeof hr.kid === 'string' && hr.jwk === undefined) header = { alg: 'EdDSA', typ: CERTIFICATE_TYPE, kid: hr.kid };
  else {
    const jwk = hr.jwk as Record<string, unknown> | undefined;
    if (
      jwk?.kty !== 'OKP' ||
      jwk.crv !== 'Ed25519' ||
      typeof jwk.x !== 'string' ||
      fromBase64Url(jwk.x).length !== 32
    ) {
      throw new CertificateCodeError('the code header has no usable key');
    }
    header = { alg: 'EdDSA', typ: CERTIFICATE_TYPE, jwk: { kty: 'OKP', crv: 'Ed25519', x: jwk.x } };
  }
  const fields = parseFields(json(p, 'details'));
  // One encoding per certificate: a re-encoded (even equivalent) payload or header is rejected.
  if (
    toBase64Url(encoder.encode(canonicalJson(fields))) !== p ||
    toBase64Url(encoder.encode(headerJson(header))) !== h
  ) {
    throw new CertificateCodeError('the code is not in its canonical form');
  }
  const signature = fromBase64Url(s);
  if (signature.length !== 64) throw new CertificateCodeError('the signature part of the code is the wrong length');
  return { header, fields, signingInput: `${h}.${p}`, signature };
}

/**
 * Verifies a code: a trusted issuer's key (by `kid`) vouches for the certificate; a self-signed code proves only that
 * its details have not changed since it was signed. Throws {@link CertificateCodeError} if the code is malformed.
 */
export async function verifyCertificateCode(
  code: string,
  trusted: readonly TrustedKey[] = [],
): Promise<CodeVerification> {
  const decoded = decodeCertificateCode(code);
  const { header, fields } = decoded;
  let jwk: Ed25519PublicJwk;
  let issuer: string | null = null;
  let keyId: string;
  if (header.kid !== undefined) {
    const key = trusted.find((k) => k.kid === header.kid);
    if (!key) return { status: 'unknown-key', keyId: header.kid, fields };
    jwk = key.jwk;
    issuer = key.issuer;
    keyId = key.kid;
  } else {
    jwk = header.jwk as Ed25519PublicJwk;
    keyId = await keyThumbprint(jwk);
    // A key carried inside the code proves nothing about who made it, even when that key is also on the trusted list.
  }
  const key = await crypto.subtle.importKey('jwk', { ...jwk, ext: true }, { name: 'Ed25519' }, false, ['verify']);
  const ok = await crypto.subtle.verify(
    { name: 'Ed25519' },
    key,
    decoded.signature as Uint8Array<ArrayBuffer>,
    encoder.encode(decoded.signingInput),
  );
  if (!ok) return { status: 'bad-signature', keyId, fields };
  return issuer === null ? { status: 'self-signed', keyId, fields } : { status: 'valid', issuer, keyId, fields };
}

/** Crockford's base32 alphabet: no I, L, O or U, so a code read aloud or typed from paper is not misread. */
const SHORT_CODE_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
/** Characters in a short code: 60 random bits, so guessing one among millions issued is hopeless. */
export const SHORT_CODE_LENGTH = 12;

/** A new random short code (12 characters of Crockford base32). */
export function newShortCode(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(SHORT_CODE_LENGTH));
  return Array.from(bytes, (byte) => SHORT_CODE_ALPHABET[byte & 31]).join('');
}

/** A short code as printed: `ABCD-EFGH-JKMN`. */
export function formatShortCode(code: string): string {
  return code.replace(/(.{4})(?=.)/g, '$1-');
}

/**
 * A typed short code in its canonical form, or undefined when it cannot be one: case, spaces and dashes ignored, and
 * the letters people confuse with digits read as those digits (O → 0, I and L → 1).
 */
export function normaliseShortCode(input: string): string | undefined {
  const code = input.toUpperCase().replace(/[\s-]/g, '').replaceAll('O', '0').replace(/[IL]/g, '1');
  if (code.length !== SHORT_CODE_LENGTH) return undefined;
  return [...code].every((ch) => SHORT_CODE_ALPHABET.includes(ch)) ? code : undefined;
}

/** Today's date in the UK as YYYY-MM-DD, so a certificate passed at 00:30 BST carries the right day. */
export function ukDate(instant: Date): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Europe/London',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(instant);
}
