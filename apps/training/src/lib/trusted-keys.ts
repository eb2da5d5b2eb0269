/// <reference types="vite/client" />
/**
 * Who the training site trusts to issue certificates, fixed when the site is built:
 *
 * - `PUBLIC_ATTESTATION_URL`: the trust's attestation service. The site then sends people there to take the assessment
 *   for real and to check certificates (the service also knows about revoked ones); without it the site works alone in
 *   practice mode.
 * - `PUBLIC_ATTESTATION_KEYS`: the service's published keys (the JSON its `/api/keys` returns), so this site can also
 *   check the signature of a service-issued code offline.
 *
 * Only a code signed by one of these keys reads as genuine. A code carrying its own key (a practice certificate) never
 * does, whoever made it.
 */
import type { TrustedKey } from './certificate.ts';

/** Reads the published keys (untrusted build input), keeping only well-formed Ed25519 entries. */
export function parseTrustedKeys(json: string | undefined): TrustedKey[] {
  if (!json?.trim()) return [];
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch {
    throw new Error("PUBLIC_ATTESTATION_KEYS is not JSON: copy it from the attestation service's /api/keys");
  }
  const list = Array.isArray(parsed) ? parsed : (parsed as { keys?: unknown })?.keys;
  if (!Array.isArray(list)) throw new Error('PUBLIC_ATTESTATION_KEYS must be a list of keys (or { "keys": [...] })');
  return list.flatMap((entry: unknown) => {
    const e = entry as Partial<TrustedKey> | null;
    const jwk = e?.jwk;
    if (
      typeof e?.kid !== 'string' ||
      typeof e.issuer !== 'string' ||
      jwk?.kty !== 'OKP' ||
      jwk.crv !== 'Ed25519' ||
      typeof jwk.x !== 'string'
    )
      return [];
    return [{ kid: e.kid, issuer: e.issuer, jwk: { kty: 'OKP', crv: 'Ed25519', x: jwk.x } }];
  });
}

/** Reads the service address, refusing anything but an http(s) origin and path (no credentials, no query). */
export function parseAttestationUrl(url: string | undefined): string | null {
  if (!url?.trim()) return null;
  let parsed: URL;
  try {
    parsed = new URL(url.trim());
  } catch {
    throw new Error(`PUBLIC_ATTESTATION_URL '${url}' is not a web address`);
  }
  if (!/^https?:$/.test(parsed.protocol) || parsed.username || parsed.password || parsed.search || parsed.hash)
    throw new Error(`PUBLIC_ATTESTATION_URL '${url}' must be a plain http(s) address`);
  return parsed.toString().replace(/\/$/, '');
}

/** Keys whose signatures mean "issued by the trust". */
export const trustedKeys: readonly TrustedKey[] = parseTrustedKeys(import.meta.env.PUBLIC_ATTESTATION_KEYS);

/** The trust's attestation service, when the site was built with one. */
export const attestationUrl: string | null = parseAttestationUrl(import.meta.env.PUBLIC_ATTESTATION_URL);
