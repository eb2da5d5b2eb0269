/** Sends the browser to the identity provider, keeping the PKCE verifier, state and nonce in a short-lived cookie. */
import type { APIRoute } from 'astro';
import { oidcConfigured, pendingCookie, startSignIn } from '../../../lib/oidc.ts';
import { cookieNames, cookieOptions } from '../../../lib/security.ts';
import { services } from '../../../lib/services.ts';

export const GET: APIRoute = async ({ cookies, redirect }) => {
  if (!oidcConfigured()) return redirect('/sign-in', 303);
  const { config } = await services();
  const { url, pending } = await startSignIn(config.publicUrl);
  cookies.set(cookieNames(config.secureCookies).oidc, pendingCookie(pending), cookieOptions(config.secureCookies, 600));
  return redirect(url.toString(), 303);
};
