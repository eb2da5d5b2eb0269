/** IG leads exclude someone from scope with a reason (they stay excluded through roster imports). */
import { setExclusion, ValidationError } from '@im-records/attestation';
import type { APIRoute } from 'astro';
import { readForm, reasonForm } from '../../../lib/forms.ts';
import { services } from '../../../lib/services.ts';

export const POST: APIRoute = async ({ locals, params, redirect }) => {
  const { store } = await services();
  const form = readForm(reasonForm, locals.form);
  if (!locals.actor) return redirect('/sign-in', 303);
  // No reason: refused with the reason why (the problem page), not dropped without a word.
  if (!form.ok) throw new ValidationError('Give a reason for excluding them from scope (for example long-term leave).');
  await setExclusion(store, locals.actor, params.id ?? '', form.data.reason);
  return redirect(`/people/${params.id}`, 303);
};
