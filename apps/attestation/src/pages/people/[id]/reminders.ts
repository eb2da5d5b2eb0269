/** Managers (own departments) and IG leads pause reminders to someone on leave until a date, or lift the pause. */
import { setReminderPause, ValidationError } from '@im-records/attestation';
import type { APIRoute } from 'astro';
import { pauseForm, readForm } from '../../../lib/forms.ts';
import { services } from '../../../lib/services.ts';

export const POST: APIRoute = async ({ locals, params, redirect }) => {
  const { store } = await services();
  if (!locals.actor) return redirect('/sign-in', 303);
  const form = readForm(pauseForm, locals.form);
  // A date that is not one is refused with the reason (the problem page), never dropped without a word.
  if (!form.ok) throw new ValidationError(`On leave until: ${lowerFirst(form.errors[0]?.message ?? 'enter a date')}`);
  try {
    await setReminderPause(store, locals.actor, params.id ?? '', form.data.until === '' ? null : form.data.until);
  } catch (error) {
    if (error instanceof ValidationError)
      throw new ValidationError(error.message.replace(/^until: /, 'On leave until: '));
    throw error;
  }
  return redirect(`/people/${params.id}`, 303);
};

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}
