/**
 * The reminder messages waiting for a mail merge (no SMTP server), as CSV for IG leads. A form post, because the
 * download marks them handed over (they then count for the weekly limit); recorded in the audit log.
 */
import { mailMergeCsv } from '@im-records/attestation';
import type { APIRoute } from 'astro';
import { services } from '../../lib/services.ts';

export const POST: APIRoute = async ({ locals }) => {
  const { store } = await services();
  if (!locals.actor) return new Response(null, { status: 401 });
  const { csv } = await mailMergeCsv(store, locals.actor);
  const day = new Date().toISOString().slice(0, 10);
  return new Response(csv, {
    headers: {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="reminders-mail-merge-${day}.csv"`,
    },
  });
};
