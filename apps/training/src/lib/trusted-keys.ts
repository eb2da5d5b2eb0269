/**
 * The public keys of issuers the verification page trusts. Empty until the attestation service exists: then its
 * Ed25519 public key (the private half stays in the service's key store) is listed here with its key id.
 */
import type { TrustedKey } from './certificate.ts';

/** Keys whose signatures mean "issued by the trust", not merely "unchanged since it was made". */
export const trustedKeys: readonly TrustedKey[] = [];
