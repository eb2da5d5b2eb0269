/**
 * OpenID Connect single sign-on (Entra ID in production) with openid-client: authorisation code flow with PKCE, state
 * and nonce. The verifier, state and nonce travel in a short-lived HttpOnly cookie between the start and the callback,
 * so nothing is held in memory and any instance can finish a sign-in another one started. Configured by
 * OIDC_ISSUER, OIDC_CLIENT_ID, OIDC_CLIENT_SECRET and, optionally, OIDC_REDIRECT_URI and OIDC_ALLOW_HTTP=1 (for an
 * identity provider on a loopback address in tests; never in production).
 */
import * as client from 'openid-client';

/** Whether single sign-on is configured. */
export function oidcConfigured(): boolean {
  return Boolean(process.env.OIDC_ISSUER && process.env.OIDC_CLIENT_ID);
}

let discovered: { issuer: string; config: Promise<client.Configuration> } | undefined;

/** The identity provider's configuration (discovered once per process; it is the provider's, not a user's). */
export function oidcConfiguration(): Promise<client.Configuration> {
  const issuer = process.env.OIDC_ISSUER ?? '';
  if (!discovered || discovered.issuer !== issuer) {
    const allowHttp = process.env.OIDC_ALLOW_HTTP === '1';
    const config = client.discovery(
      new URL(issuer),
      process.env.OIDC_CLIENT_ID ?? '',
      process.env.OIDC_CLIENT_SECRET ?? undefined,
      undefined,
      allowHttp ? { execute: [client.allowInsecureRequests] } : undefined,
    );
    discovered = { issuer, config };
    config.catch(() => {
      discovered = undefined;
    });
  }
  return discovered.config;
}

/** The callback address registered with the identity provider. */
export function redirectUri(publicUrl: string): string {
  return process.env.OIDC_REDIRECT_URI ?? `${publicUrl}/auth/oidc/callback`;
}

/** What the start of a sign-in keeps for its callback. */
export interface PendingSignIn {
  verifier: string;
  state: string;
  nonce: string;
  /** The page to return to once signed in (untrusted: `afterSignIn` checks it). */
  returnTo?: string;
}

/** Starts a sign-in: the provider's URL to send the browser to, and what to keep in the cookie. */
export async function startSignIn(publicUrl: string, returnTo?: string): Promise<{ url: URL; pending: PendingSignIn }> {
  const config = await oidcConfiguration();
  const pending: PendingSignIn = {
    verifier: client.randomPKCECodeVerifier(),
    state: client.randomState(),
    nonce: client.randomNonce(),
    ...(returnTo ? { returnTo } : {}),
  };
  const url = client.buildAuthorizationUrl(config, {
    redirect_uri: redirectUri(publicUrl),
    scope: 'openid email profile',
    code_challenge: await client.calculatePKCECodeChallenge(pending.verifier),
    code_challenge_method: 'S256',
    state: pending.state,
    nonce: pending.nonce,
  });
  return { url, pending };
}

/** Reads the pending sign-in back from its cookie (untrusted: checked field by field). */
export function readPending(value: string | undefined): PendingSignIn | undefined {
  if (!value) return undefined;
  try {
    const parsed = JSON.parse(Buffer.from(value, 'base64url').toString('utf8')) as Partial<PendingSignIn>;
    if (typeof parsed.verifier === 'string' && typeof parsed.state === 'string' && typeof parsed.nonce === 'string') {
      const returnTo = typeof parsed.returnTo === 'string' ? { returnTo: parsed.returnTo } : {};
      return { verifier: parsed.verifier, state: parsed.state, nonce: parsed.nonce, ...returnTo };
    }
  } catch {
    // fall through
  }
  return undefined;
}

/** The cookie value for a pending sign-in. */
export function pendingCookie(pending: PendingSignIn): string {
  return Buffer.from(JSON.stringify(pending)).toString('base64url');
}

/** Finishes a sign-in: exchanges the code and returns the verified claims the service matches on. */
export async function finishSignIn(
  callbackUrl: URL,
  pending: PendingSignIn,
): Promise<{ subject: string; email: string | undefined; emailVerified: boolean | undefined }> {
  const config = await oidcConfiguration();
  const tokens = await client.authorizationCodeGrant(config, callbackUrl, {
    pkceCodeVerifier: pending.verifier,
    expectedState: pending.state,
    expectedNonce: pending.nonce,
  });
  const claims = tokens.claims();
  if (!claims) throw new Error('the identity provider returned no ID token');
  let source: Record<string, unknown> = claims;
  // Some providers put the e-mail only in the UserInfo response; ask for it there (checked against the same subject).
  if (typeof claims.email !== 'string') source = await client.fetchUserInfo(config, tokens.access_token, claims.sub);
  const email = typeof source.email === 'string' ? source.email : undefined;
  const verified = typeof source.email_verified === 'boolean' ? source.email_verified : undefined;
  return { subject: claims.sub, email, emailVerified: verified };
}
