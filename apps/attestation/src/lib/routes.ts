/**
 * Who may open each route. Every request is checked here before any page or API runs; the domain functions check the
 * department rules again. A route not listed needs a signed-in user (and then 404s if it does not exist).
 */
import type { Role } from '@im-records/attestation';

/** `public`: anyone; `signed-in`: any role; otherwise the roles listed. */
export type Access = 'public' | 'signed-in' | readonly Role[];

const everyone: readonly Role[] = ['staff', 'manager', 'ig-lead', 'admin'];
const overseers: readonly Role[] = ['manager', 'ig-lead'];

/** The route table, first match wins. */
export const ROUTES: readonly [RegExp, Access][] = [
  [/^\/(_astro|assets)\//, 'public'],
  [/^\/favicon\.(ico|svg)$/, 'public'],
  [/^\/$/, 'public'],
  [/^\/sign-in$/, 'public'],
  [/^\/verify$/, 'public'],
  [/^\/health$/, 'public'],
  [/^\/problem$/, 'public'],
  [/^\/auth\/oidc\/(start|callback)$/, 'public'],
  [/^\/api\/keys$/, 'public'],
  [/^\/api\/verify\/[^/]+$/, 'public'],
  [/^\/sign-out$/, 'signed-in'],
  [/^\/my(\/.*)?$/, everyone],
  [/^\/policies\/versions\/[^/]+$/, everyone],
  [/^\/policies(\/new)?$/, ['ig-lead']],
  [/^\/dashboard(\/.*)?$/, overseers],
  [/^\/departments\/[^/]+(\/.*)?$/, overseers],
  [/^\/people\/[^/]+\/(exclude|include)$/, ['ig-lead']],
  [/^\/people\/[^/]+\/reminders$/, overseers],
  [/^\/people\/[^/]+(\/.*)?$/, overseers],
  [/^\/certificates\/[^/]+\/revoke$/, ['ig-lead']],
  [/^\/certificates\/[^/]+\.pdf$/, everyone],
  [/^\/evidence(\/.*)?$/, ['ig-lead']],
  [/^\/targets$/, ['ig-lead']],
  [/^\/reminders(\/.*)?$/, ['ig-lead']],
  [/^\/spot-checks\/results$/, ['ig-lead']],
  [/^\/spot-checks(\/[^/]+)?$/, overseers],
  // IG leads answer for the records: they read the audit log too (signing a checkpoint stays the admins', in the page).
  [/^\/admin\/audit$/, ['admin', 'ig-lead']],
  [/^\/admin(\/.*)?$/, ['admin']],
];

/** The access rule for a path. */
export function accessFor(path: string): Access {
  for (const [pattern, access] of ROUTES) if (pattern.test(path)) return access;
  return 'signed-in';
}

/** Where each role starts after signing in. */
export function homeFor(role: Role): string {
  if (role === 'admin') return '/admin';
  if (role === 'ig-lead' || role === 'manager') return '/dashboard';
  return '/my';
}

/** The longest return address kept through a sign-in (a page and its filters; anything longer is not one of ours). */
const MAX_RETURN_LENGTH = 512;
/** A path (and query) written with the characters this service's own addresses use. */
const LOCAL_PATH = /^\/[\w\-.~/?=&%+:@]*$/;

/**
 * Where to send someone who has just signed in: back to the page they were asked to sign in for (`returnTo`, from
 * `?next=` on the sign-in page), when it is one of this service's own pages their role may open; otherwise their
 * role's home. The address is untrusted (anyone can write a sign-in link), so only a plain local path passes: never
 * another host ("//evil.example", "/\evil.example"), a scheme, a public page or signing out.
 */
export function afterSignIn(role: Role, returnTo: string | null | undefined): string {
  const home = homeFor(role);
  if (!returnTo || returnTo.length > MAX_RETURN_LENGTH) return home;
  // Only the characters of our own paths and queries (so no backslash: browsers read "/\host" as another host, and no
  // control characters), and never two slashes at the start (another host).
  if (!LOCAL_PATH.test(returnTo) || returnTo.startsWith('//')) return home;
  const base = 'http://service.invalid';
  let url: URL;
  try {
    url = new URL(returnTo, base);
  } catch {
    return home;
  }
  if (url.origin !== base || url.pathname === '/sign-out') return home;
  const access = accessFor(url.pathname);
  if (access === 'public') return home;
  if (access !== 'signed-in' && !access.includes(role)) return home;
  return `${url.pathname}${url.search}`;
}

/** The sign-in page's address that comes back to `path` (a page's path and query) once signed in. */
export function signInFor(path: string): string {
  return `/sign-in?next=${encodeURIComponent(path)}`;
}

/** The page a request came from: the referrer's path and query when it is this service's own page, else null. */
export function referringPage(request: Request, origin: string): string | null {
  const referrer = request.headers.get('referer');
  if (!referrer) return null;
  try {
    const from = new URL(referrer);
    return from.origin === origin ? `${from.pathname}${from.search}` : null;
  } catch {
    return null;
  }
}
