/** The service's public keys (JWK), for verifiers that check certificate signatures offline (the training site). */
import { publishedKeys } from '@im-records/attestation';
import type { APIRoute } from 'astro';
import { services } from '../../lib/services.ts';

export const GET: APIRoute = async () => {
  const { database } = await services();
  const keys = (await publishedKeys(database.db)).map(({ kid, issuer, jwk, since }) => ({ kid, issuer, jwk, since }));
  return Response.json({ keys });
};
