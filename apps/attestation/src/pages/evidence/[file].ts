/**
 * Evidence downloads as of a date (IG leads): pack.pdf, report.csv, people.csv. A bad date is a 400 with the reason, on
 * the service's problem page (with a way back to the form); so is a date after today (evidence is of the records as they
 * stand).
 */
import { evidencePack, peopleCsvExport, reportCsvExport, ukDate, ValidationError } from '@im-records/attestation';
import { type IsoDate, isIsoDate } from '@im-records/records-policy';
import type { APIRoute } from 'astro';
import { services } from '../../lib/services.ts';

export const GET: APIRoute = async (context) => {
  try {
    return await download(context);
  } catch (error) {
    // The rules name the field ("asOf: ..."); the page has one date, so the reason is enough.
    if (error instanceof ValidationError) throw new ValidationError(error.message.replace(/^asOf: /, ''));
    throw error;
  }
};

const download: APIRoute = async ({ locals, params, url }) => {
  const { store, config } = await services();
  if (!locals.actor) return new Response(null, { status: 401 });
  const asOfText = url.searchParams.get('asOf') || ukDate(store.clock());
  if (!isIsoDate(asOfText)) {
    throw new ValidationError(`'${asOfText.slice(0, 20)}' is not a real date: use YYYY-MM-DD, such as 2026-03-31.`);
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
