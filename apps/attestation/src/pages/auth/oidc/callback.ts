/**
 * The identity provider sends the browser back here. The code is exchanged (PKCE, state and nonce checked by
 * openid-client), and the person is matched to an account or the roster by subject or e-mail. Failures go back to the
 * sign-in page with a plain message and nothing about the person in the address.
 */
import { readSettings, SignInError, signInWithOidc } from '@im-records/attestation';
import type { APIRoute } from 'astro';
import { finishSignIn, readPending } from '../../../lib/oidc.ts';
import { afterSignIn } from '../../../lib/routes.ts';
import { cookieNames, cookieOptions } from '../../../lib/security.ts';
import { services } from '../../../lib/services.ts';

export const GET: APIRoute = async ({ cookies, redirect, url }) => {
  const { store, config } = await services();
  const names = cookieNames(config.secureCookies);
  const pending = readPending(cookies.get(names.oidc)?.value);
  cookies.delete(names.oidc, { path: '/' });
  if (!pending) return redirect('/sign-in?sso=failed', 303);
  try {
    // The callback URL as the provider saw it: the public address, not whatever host the request came in on.
    const callback = new URL(`${config.publicUrl}${url.pathname}${url.search}`);
    const claims = await finishSignIn(callback, pending);
    const signedIn = await signInWithOidc(store, claims);
    const settings = await readSettings(store);
    cookies.set(names.session, signedIn.token, cookieOptions(config.secureCookies, settings.sessionHours * 3600));
    cookies.delete(names.nonce, { path: '/' });
    const account = await store.db
      .selectFrom('accounts')
      .select('role')
      .where('id', '=', signedIn.accountId)
      .executeTakeFirstOrThrow();
    return redirect(afterSignIn(account.role as 'staff', pending.returnTo), 303);
  } catch (error) {
    if (!(error instanceof SignInError))
      console.error(`attestation: single sign-on failed: ${error instanceof Error ? error.name : 'error'}`);
    return redirect('/sign-in?sso=failed', 303);
  }
};
