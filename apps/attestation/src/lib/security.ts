/**
 * Cookies, CSRF tokens and response headers. A session cookie holds a random token (the database keeps its hash); it is
 * HttpOnly, SameSite=Lax and Secure, with the `__Host-` prefix so no subdomain can set it. Every form posts back a
 * CSRF token: an HMAC, under a key derived from the service's signing key (so every instance agrees), of the session
 * token or, before sign-in, of a random per-browser nonce. The Content Security Policy allows only this origin's own
 * scripts, styles and images, no inline code at all, no framing, and forms that post only here.
 */
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { ServiceKey } from '@im-records/attestation';

/** Cookie names; `__Host-` needs Secure, which browsers allow on https and on loopback addresses. */
export function cookieNames(secure: boolean) {
  const prefix = secure ? '__Host-' : '';
  return {
    session: `${prefix}attestation-session`,
    nonce: `${prefix}attestation-nonce`,
    oidc: `${prefix}attestation-oidc`,
  };
}

/** Options for every cookie the service sets. */
export function cookieOptions(secure: boolean, maxAgeSeconds?: number) {
  return {
    httpOnly: true,
    sameSite: 'lax' as const,
    secure,
    path: '/',
    ...(maxAgeSeconds ? { maxAge: maxAgeSeconds } : {}),
  };
}

const csrfKeys = new WeakMap<ServiceKey, Buffer>();

function csrfKey(key: ServiceKey): Buffer {
  let derived = csrfKeys.get(key);
  if (!derived) {
    derived = createHash('sha256')
      .update('im-records attestation csrf\0')
      .update(key.privateKey.export({ format: 'der', type: 'pkcs8' }))
      .digest();
    csrfKeys.set(key, derived);
  }
  return derived;
}

/** The CSRF token for a session token or nonce. */
export function csrfToken(key: ServiceKey, secret: string): string {
  return createHmac('sha256', csrfKey(key)).update(secret).digest('base64url');
}

/** Whether a posted token is the one for this session or nonce (constant time). */
export function csrfTokenValid(key: ServiceKey, secret: string, posted: unknown): boolean {
  if (typeof posted !== 'string' || secret === '') return false;
  const expected = Buffer.from(csrfToken(key, secret));
  const actual = Buffer.from(posted);
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}

/** A new random nonce for a visitor's CSRF token. */
export function newNonce(): string {
  return randomBytes(24).toString('base64url');
}

/** The Content Security Policy of every response. */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "form-action 'self'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
  "manifest-src 'self'",
].join('; ');

/** Headers every response carries. */
export const SECURITY_HEADERS: Record<string, string> = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  // Same-origin, not no-referrer: browsers send `Origin: null` on form posts under no-referrer, defeating the origin check.
  'Referrer-Policy': 'same-origin',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), interest-cohort=()',
};
