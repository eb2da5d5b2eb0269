/** Everyone the actor may see (optionally one department and one staff group, as filtered), with their status today, as CSV. */
import { peopleCsvExport, ukDate } from '@im-records/attestation';
import type { APIRoute } from 'astro';
import { services } from '../../lib/services.ts';

export const GET: APIRoute = async ({ locals, url }) => {
  const { store } = await services();
  if (!locals.actor) return new Response(null, { status: 401 });
  const department = url.searchParams.get('department') || undefined;
  const group = url.searchParams.get('group') || undefined;
  const today = ukDate(store.clock());
  const csv = await peopleCsvExport(store, locals.actor, today, department, group);
  return new Response(csv, {
    headers: {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="people-${today}.csv"`,
    },
  });
};
