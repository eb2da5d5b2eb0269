/** IG leads withdraw a certificate with a reason; it then fails verification and no longer counts. */
import { revokeCompletion, ValidationError } from '@im-records/attestation';
import type { APIRoute } from 'astro';
import { readForm, reasonForm } from '../../../lib/forms.ts';
import { services } from '../../../lib/services.ts';

export const POST: APIRoute = async ({ locals, params, redirect, request }) => {
  const { store } = await services();
  const form = readForm(reasonForm, locals.form);
  if (!locals.actor) return redirect('/sign-in', 303);
  if (!form.ok) throw new ValidationError('Give a reason for withdrawing the certificate.');
  const person = await store.db
    .selectFrom('completions')
    .select('person')
    .where('id', '=', params.id ?? '')
    .executeTakeFirst();
  await revokeCompletion(store, locals.actor, params.id ?? '', form.data.reason);
  return redirect(person ? `/people/${person.person}` : new URL(request.url).origin, 303);
};
