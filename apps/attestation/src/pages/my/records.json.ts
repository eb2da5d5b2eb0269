/** A person's own records as a JSON download (they are personal data too); the download is recorded in the audit log. */
import { ownRecordsExport } from '@im-records/attestation';
import type { APIRoute } from 'astro';
import { services } from '../../lib/services.ts';

export const GET: APIRoute = async ({ locals }) => {
  const { store } = await services();
  if (!locals.actor) return new Response(null, { status: 401 });
  const body = await ownRecordsExport(store, locals.actor);
  return new Response(body, {
    headers: {
      'Content-Type': 'application/json; charset=utf-8',
      'Content-Disposition': 'attachment; filename="my-training-records.json"',
    },
  });
};
