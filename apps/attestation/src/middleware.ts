/**
 * Runs before every page and API: finds who is signed in from the session cookie, refuses routes their role may not
 * open (src/lib/routes.ts), reads a form post once and checks its CSRF token, adds the security headers, and turns the
 * domain's errors (forbidden, not found, invalid, conflict) into a page with the right status. Nothing is kept in
 * memory between requests.
 */

import { defineMiddleware } from 'astro:middleware';
import {
  AttestationError,
  actorFor,
  ConflictError,
  ensureDailyCheckpoint,
  ForbiddenError,
  keepCachedPage,
  NotFoundError,
  pageCacheKey,
  readCachedPage,
  type Store,
  sessionAccount,
  ukDate,
  unzipCachedPage,
  ValidationError,
} from '@im-records/attestation';
import { accessFor, referringPage, signInFor } from './lib/routes.ts';
import { cookieNames, cookieOptions, csrfToken, csrfTokenValid, newNonce, SECURITY_HEADERS } from './lib/security.ts';
import { services } from './lib/services.ts';

/** Pages whose rendering is kept (per session, address, day and audit head): the dashboard and drill-downs. */
const CACHED_PAGES = /^\/(dashboard|departments\/[^/]+)$/;

/**
 * Whether to send a kept page gzipped. Only to a browser that accepts gzip and asked from this service's own pages (or
 * typed the address): a page holds the session's CSRF token, and compressing a secret next to text a cross-site request
 * chose (a filter in the address) is what the BREACH attack measures.
 */
function sendGzipped(request: Request): boolean {
  const site = request.headers.get('Sec-Fetch-Site');
  const fromHere = site === null || site === 'same-origin' || site === 'none';
  return fromHere && /\bgzip\b/.test(request.headers.get('Accept-Encoding') ?? '');
}

function pageResponse(gzipped: Uint8Array<ArrayBuffer>, request: Request): Response {
  const headers = new Headers({ 'Content-Type': 'text/html; charset=utf-8', Vary: 'Accept-Encoding' });
  if (!sendGzipped(request)) return new Response(unzipCachedPage(gzipped), { status: 200, headers });
  headers.set('Content-Encoding', 'gzip');
  return new Response(gzipped, { status: 200, headers });
}

/**
 * A rendered page from the database when nothing it shows can have changed (`pageCacheKey`: the session, the address
 * with its filters, the day and the audit log's head). On a 20,000-person trust the dashboard's 300-row tables and
 * charts cost far more to render than to read back, and kept gzipped a repeated view moves a tenth of the bytes.
 */
async function cachedPage(
  store: Store,
  sessionToken: string,
  request: Request,
  url: URL,
  next: () => Promise<Response>,
): Promise<Response> {
  const key = await pageCacheKey(store, sessionToken, `${url.pathname}${url.search}`);
  const kept = await readCachedPage(store, key);
  if (kept) return pageResponse(kept, request);
  const response = await next();
  if (response.status !== 200) return response;
  return pageResponse(await keepCachedPage(store, key, await response.text()), request);
}

/** Largest form post accepted (a roster of 20,000 rows is about 3 MB). */
const MAX_POST_BYTES = 12 * 1024 * 1024;

function problem(status: number, title: string, message: string): NonNullable<App.Locals['problem']> {
  return { status, title, message };
}

function withHeaders(response: Response, path: string): Response {
  for (const [name, value] of Object.entries(SECURITY_HEADERS)) response.headers.set(name, value);
  if (!path.startsWith('/_astro/')) response.headers.set('Cache-Control', 'no-store');
  return response;
}

export const onRequest = defineMiddleware(async (context, next) => {
  try {
    return await handle(context, next);
  } catch (error) {
    // A fault before the page ran (the database unreachable, say): log its kind only, never request data.
    console.error(
      `attestation: ${context.url.pathname.replace(/[0-9a-f-]{36}/g, ':id')} failed: ${error instanceof Error ? `${error.name}: ${error.message}` : 'error'}`,
    );
    return withHeaders(
      new Response('The service is unavailable. Try again later.\n', {
        status: 503,
        headers: { 'Content-Type': 'text/plain; charset=utf-8' },
      }),
      context.url.pathname,
    );
  }
});

async function handle(
  context: Parameters<Parameters<typeof defineMiddleware>[0]>[0],
  next: Parameters<Parameters<typeof defineMiddleware>[0]>[1],
): Promise<Response> {
  const path = context.url.pathname;
  // The problem page renders what a rewrite from here set; checking it again would loop.
  if (path === '/problem') return next();
  if (path.startsWith('/_astro/') || path.startsWith('/assets/') || path === '/health') {
    return withHeaders(await next(), path);
  }
  const { store, key, config } = await services();
  const names = cookieNames(config.secureCookies);
  context.locals.actor = null;
  context.locals.email = null;
  context.locals.form = null;

  const sessionToken = context.cookies.get(names.session)?.value ?? '';
  if (sessionToken) {
    const account = await sessionAccount(store, sessionToken);
    if (account) {
      context.locals.actor = await actorFor(store, account.accountId);
      context.locals.email = account.email;
    } else context.cookies.delete(names.session, { path: '/' });
  }
  let secret = context.locals.actor ? sessionToken : (context.cookies.get(names.nonce)?.value ?? '');
  if (!secret) {
    secret = newNonce();
    context.cookies.set(names.nonce, secret, cookieOptions(config.secureCookies));
  }
  context.locals.csrfToken = csrfToken(key, secret);

  const rewriteProblem = async (found: NonNullable<App.Locals['problem']>) => {
    context.locals.problem = found;
    return withHeaders(await context.rewrite('/problem'), path);
  };

  const access = accessFor(path);
  if (access !== 'public') {
    const actor = context.locals.actor;
    if (!actor) {
      // Signing out with no session left: nothing to do, nothing lost.
      if (path === '/sign-out') return withHeaders(context.redirect('/sign-in', 303), path);
      // Back to this page once signed in (a link followed after the session ended, or a bookmark).
      if (context.request.method === 'GET') {
        return withHeaders(context.redirect(signInFor(`${path}${context.url.search}`), 303), path);
      }
      // A form sent after the session ended: nothing of it was saved, and signing in leads back to the page the form
      // was on (a same-origin referrer), or to the address it was sent to.
      return rewriteProblem({
        ...problem(401, 'Sign in again', 'Your session has ended, so what you sent was not saved.'),
        signIn: signInFor(referringPage(context.request, context.url.origin) ?? `${path}${context.url.search}`),
      });
    }
    if (access !== 'signed-in' && !access.includes(actor.role)) {
      return rewriteProblem(problem(403, 'You cannot open this page', 'Your role does not give access to this page.'));
    }
  }

  if (context.request.method === 'POST') {
    const length = Number(context.request.headers.get('content-length') ?? '0');
    if (length > MAX_POST_BYTES)
      return rewriteProblem(problem(413, 'The file is too large', 'Send a file of 12 MB or less.'));
    const type = context.request.headers.get('content-type') ?? '';
    if (!/^(application\/x-www-form-urlencoded|multipart\/form-data)/.test(type)) {
      return rewriteProblem(problem(415, 'Not a form', 'This address takes form posts only.'));
    }
    // Read from a clone, so the request body stays unread (Astro can still rewrite to the problem page).
    const form = await context.request.clone().formData();
    if (!csrfTokenValid(key, secret, form.get('_csrf'))) {
      return rewriteProblem(
        problem(
          403,
          'This form has expired',
          'Go back, reload the page and try again. (The security check on the form did not match.)',
        ),
      );
    }
    context.locals.form = form;
  }

  try {
    // Once a day: everyone's status moves on a day, and the audit log's head is signed.
    await ensureDailyCheckpoint(store, key, ukDate(store.clock()));
    if (context.request.method === 'GET' && CACHED_PAGES.test(path) && sessionToken && context.locals.actor) {
      return withHeaders(await cachedPage(store, sessionToken, context.request, context.url, next), path);
    }
    return withHeaders(await next(), path);
  } catch (error) {
    if (error instanceof ForbiddenError) return rewriteProblem(problem(403, 'You cannot do this', error.message));
    if (error instanceof NotFoundError) return rewriteProblem(problem(404, 'Page not found', error.message));
    if (error instanceof ValidationError) return rewriteProblem(problem(400, 'There is a problem', error.message));
    if (error instanceof ConflictError) return rewriteProblem(problem(409, 'That cannot be done now', error.message));
    if (error instanceof AttestationError) return rewriteProblem(problem(400, 'There is a problem', error.message));
    // Anything else is a fault: log its kind only (never request data, which may hold personal data).
    console.error(
      `attestation: ${path.replace(/[0-9a-f-]{36}/g, ':id')} failed: ${error instanceof Error ? error.name : 'error'}`,
    );
    return rewriteProblem(problem(500, 'Sorry, there is a problem with the service', 'Try again later.'));
  }
}
