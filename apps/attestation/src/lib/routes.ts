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
