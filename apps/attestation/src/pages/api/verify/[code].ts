/**
 * The verification API: a short code in, the whole certificate record and its status out (`valid`, `expired`,
 * `revoked`, `altered`, `not-found`, `malformed`). 404 when no certificate has the code.
 */
import { checkShortCode } from '@im-records/attestation';
import type { APIRoute } from 'astro';
import { services } from '../../../lib/services.ts';

export const GET: APIRoute = async ({ params }) => {
  const { store } = await services();
  const check = await checkShortCode(store, params.code ?? '');
  const status = check.status === 'not-found' ? 404 : check.status === 'malformed' ? 400 : 200;
  return Response.json(check, { status });
};
