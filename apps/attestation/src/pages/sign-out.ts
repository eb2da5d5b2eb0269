/** Signing out ends the session in the database (so the cookie is useless even if kept) and clears the cookie. */
import { signOut } from '@im-records/attestation';
import type { APIRoute } from 'astro';
import { cookieNames } from '../lib/security.ts';
import { services } from '../lib/services.ts';

export const POST: APIRoute = async ({ cookies, locals, redirect }) => {
  const { store, config } = await services();
  const names = cookieNames(config.secureCookies);
  const token = cookies.get(names.session)?.value;
  if (token && locals.actor) await signOut(store, token, locals.actor.accountId);
  cookies.delete(names.session, { path: '/' });
  return redirect('/sign-in', 303);
};
