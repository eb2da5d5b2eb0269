/** IG leads exclude someone from scope with a reason (they stay excluded through roster imports). */
import { setExclusion } from '@im-records/attestation';
import type { APIRoute } from 'astro';
import { readForm, reasonForm } from '../../../lib/forms.ts';
import { services } from '../../../lib/services.ts';

export const POST: APIRoute = async ({ locals, params, redirect }) => {
  const { store } = await services();
  const form = readForm(reasonForm, locals.form);
  if (!locals.actor || !form.ok) return redirect(`/people/${params.id}`, 303);
  await setExclusion(store, locals.actor, params.id ?? '', form.data.reason);
  return redirect(`/people/${params.id}`, 303);
};
