/** IG leads bring an excluded person back into scope. */
import { setExclusion } from '@im-records/attestation';
import type { APIRoute } from 'astro';
import { services } from '../../../lib/services.ts';

export const POST: APIRoute = async ({ locals, params, redirect }) => {
  const { store } = await services();
  if (!locals.actor) return redirect('/sign-in', 303);
  await setExclusion(store, locals.actor, params.id ?? '', null);
  return redirect(`/people/${params.id}`, 303);
};
