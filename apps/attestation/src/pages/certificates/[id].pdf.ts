/** A certificate PDF: the owner's own, or for managers and IG leads someone's in a department they may see. */
import { certificatePdf } from '@im-records/attestation';
import type { APIRoute } from 'astro';
import { services } from '../../lib/services.ts';

export const GET: APIRoute = async ({ params, locals }) => {
  const { store } = await services();
  if (!locals.actor) return new Response(null, { status: 401 });
  const { pdf, fields } = await certificatePdf(store, locals.actor, params.id ?? '');
  return new Response(pdf as Uint8Array<ArrayBuffer>, {
    headers: {
      'Content-Type': 'application/pdf',
      'Content-Disposition': `attachment; filename="training-certificate-${fields.completedOn}.pdf"`,
    },
  });
};
