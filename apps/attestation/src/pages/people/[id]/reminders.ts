/** Managers (own departments) and IG leads pause reminders to someone on leave until a date, or lift the pause. */
import { setReminderPause } from '@im-records/attestation';
import type { APIRoute } from 'astro';
import { pauseForm, readForm } from '../../../lib/forms.ts';
import { services } from '../../../lib/services.ts';

export const POST: APIRoute = async ({ locals, params, redirect }) => {
  const { store } = await services();
  const form = readForm(pauseForm, locals.form);
  if (!locals.actor || !form.ok) return redirect(`/people/${params.id}`, 303);
  await setReminderPause(store, locals.actor, params.id ?? '', form.data.until === '' ? null : form.data.until);
  return redirect(`/people/${params.id}`, 303);
};
