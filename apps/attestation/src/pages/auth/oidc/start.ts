/** Sends the browser to the identity provider, keeping the PKCE verifier, state and nonce in a short-lived cookie. */
import type { APIRoute } from 'astro';
import { oidcConfigured, pendingCookie, startSignIn } from '../../../lib/oidc.ts';
import { cookieNames, cookieOptions } from '../../../lib/security.ts';
import { services } from '../../../lib/services.ts';

export const GET: APIRoute = async ({ cookies, redirect, url }) => {
  if (!oidcConfigured()) return redirect('/sign-in', 303);
  const { config } = await services();
  // The page to come back to rides in the short-lived cookie, not through the provider; the callback checks it.
  const returnTo = url.searchParams.get('next') ?? undefined;
  const { url: provider, pending } = await startSignIn(config.publicUrl, returnTo);
  cookies.set(cookieNames(config.secureCookies).oidc, pendingCookie(pending), cookieOptions(config.secureCookies, 600));
  return redirect(provider.toString(), 303);
};
