/** Evidence downloads as of a date (IG leads): pack.pdf, report.csv, people.csv. A bad date is a 400 with a reason. */
import { evidencePack, peopleCsvExport, reportCsvExport, ukDate } from '@im-records/attestation';
import { type IsoDate, isIsoDate } from '@im-records/records-policy';
import type { APIRoute } from 'astro';
import { services } from '../../lib/services.ts';

export const GET: APIRoute = async ({ locals, params, url }) => {
  const { store, config } = await services();
  if (!locals.actor) return new Response(null, { status: 401 });
  const asOfText = url.searchParams.get('asOf') || ukDate(store.clock());
  if (!isIsoDate(asOfText)) {
    return new Response(`'${asOfText.slice(0, 20)}' is not a date: use YYYY-MM-DD.\n`, {
      status: 400,
      headers: { 'Content-Type': 'text/plain; charset=utf-8' },
    });
  }
  const asOf = asOfText as IsoDate;
  const attachment = (name: string) => `attachment; filename="${name}"`;
  switch (params.file) {
    case 'pack.pdf':
      return new Response((await evidencePack(store, locals.actor, asOf, config.issuer)) as Uint8Array<ArrayBuffer>, {
        headers: { 'Content-Type': 'application/pdf', 'Content-Disposition': attachment(`evidence-pack-${asOf}.pdf`) },
      });
    case 'report.csv':
      return new Response(await reportCsvExport(store, locals.actor, asOf), {
        headers: {
          'Content-Type': 'text/csv; charset=utf-8',
          'Content-Disposition': attachment(`completion-report-${asOf}.csv`),
        },
      });
    case 'people.csv':
      return new Response(await peopleCsvExport(store, locals.actor, asOf), {
        headers: { 'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': attachment(`people-${asOf}.csv`) },
      });
    default:
      return new Response('Not found\n', { status: 404 });
  }
};
