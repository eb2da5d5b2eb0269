/**
 * The address a request came from, for the per-address sign-in limit. Behind a load balancer every request reaches the
 * server from the balancer, so without this one person's failed guesses would lock everyone out of signing in.
 *
 * Each proxy appends the address it was called from to `X-Forwarded-For`, but anyone can send the header with made-up
 * entries at its start: only the entries the trust's own proxies added can be believed. So the deployment says how
 * many proxies stand in front of the server (`ATTESTATION_TRUSTED_PROXIES`, default 0: the header is ignored), and the
 * client is the entry that many steps from the right, counting the connection's own peer as the first step. An
 * entry that is not an IP address is where the chain can no longer be trusted, so the last good one is taken.
 *
 * Astro's `clientAddress` is the connection's peer here because the service sets no `security.allowedDomains`
 * (with them, Astro would take the header's first, forgeable entry).
 */
import { isIP } from 'node:net';

/** The number of trusted proxies from `ATTESTATION_TRUSTED_PROXIES`: a whole number 0–10, else a clear error. */
export function trustedProxiesFrom(value: string | undefined): number {
  if (value === undefined || value.trim() === '') return 0;
  const count = Number(value);
  if (!Number.isInteger(count) || count < 0 || count > 10) {
    throw new Error(
      `ATTESTATION_TRUSTED_PROXIES must be a whole number from 0 to 10 (the proxies in front of the server), not '${value}'.`,
    );
  }
  return count;
}

/** The client's address: `peer` itself with no trusted proxies, else the entry `trustedProxies` steps back. */
export function clientAddressOf(peer: string, forwardedFor: string | null, trustedProxies: number): string {
  if (trustedProxies === 0 || !forwardedFor) return peer;
  const hops = forwardedFor
    .split(',')
    .map((entry) => entry.trim())
    .reverse();
  let client = peer;
  for (const hop of hops.slice(0, trustedProxies)) {
    if (isIP(hop) === 0) break;
    client = hop;
  }
  return client;
}
