import { type APIRequestContext, expect, request, test } from '@playwright/test';
import { type DemoRole, emails, linkedIds, password, service, signIn } from './attestation-helpers.ts';

// Every route and API, for a visitor and each role, with the status each must get. Ids come from the demo trust as
// the IG lead sees it: a person, department and certificate in the manager's department and others outside it.
type Who = 'visitor' | DemoRole;
const who: Who[] = ['visitor', 'staff', 'manager', 'ig-lead', 'admin'];

async function contextFor(role: Who): Promise<APIRequestContext> {
  const context = await request.newContext({ baseURL: service, maxRedirects: 0 });
  if (role === 'visitor') return context;
  const form = await (await context.get('/sign-in')).text();
  const csrf = /name="_csrf" value="([^"]+)"/.exec(form)?.[1] ?? '';
  const response = await context.post('/sign-in', {
    form: { _csrf: csrf, email: emails[role], password },
    headers: { Origin: service },
  });
  expect(response.status(), `sign in as ${role}`).toBe(303);
  return context;
}

/** The values a form page shows for the named fields (the checked radio of a group), to save them back unchanged. */
async function shownValues(context: APIRequestContext, path: string, names: string[]): Promise<Record<string, string>> {
  const html = await (await context.get(path)).text();
  const values: Record<string, string> = {};
  for (const tag of html.match(/<input[^>]*>/g) ?? []) {
    const name = /\bname="([^"]*)"/.exec(tag)?.[1];
    if (!name || !names.includes(name) || (/type="radio"/.test(tag) && !/\bchecked\b/.test(tag))) continue;
    values[name] = /\bvalue="([^"]*)"/.exec(tag)?.[1] ?? '';
  }
  return values;
}

async function csrfOf(context: APIRequestContext): Promise<string> {
  const page = await (await context.get('/verify')).text();
  return /name="_csrf" value="([^"]+)"/.exec(page)?.[1] ?? '';
}

test('every route answers each role with the expected status', async ({ page, browser }) => {
  test.setTimeout(120_000);
  // Ids, as the IG lead sees them.
  const manager = await browser.newPage();
  await signIn(manager, 'manager');
  const [ownDepartment] = await linkedIds(manager, '/departments/');
  await manager.close();
  await signIn(page, 'ig-lead');
  const departments = await linkedIds(page, '/departments/');
  const otherDepartment = departments.find((d) => d !== ownDepartment) ?? '';
  await page.goto(`${service}/departments/${ownDepartment}`);
  const ownPeople = await linkedIds(page, '/people/');
  let certificate = '';
  for (const person of ownPeople.slice(1)) {
    await page.goto(`${service}/people/${person}`);
    const ids = await linkedIds(page, '/certificates/');
    if (ids.length > 0) {
      certificate = (ids[0] ?? '').replace(/\.pdf$/, '');
      break;
    }
  }
  await page.goto(`${service}/departments/${otherDepartment}`);
  const otherPerson = (await linkedIds(page, '/people/'))[0] ?? '';
  await page.goto(`${service}/policies`);
  const version = (await linkedIds(page, '/policies/versions/'))[0] ?? '';
  expect([ownDepartment, otherDepartment, ownPeople[1], otherPerson, certificate, version].every(Boolean)).toBe(true);

  // [path, visitor, staff, manager, ig-lead, admin]; 303 is a redirect to sign in (or, from /sign-in, to the role's home).
  const table: [string, number, number, number, number, number][] = [
    ['/sign-in', 200, 303, 303, 303, 303],
    ['/verify', 200, 200, 200, 200, 200],
    ['/health', 200, 200, 200, 200, 200],
    ['/api/keys', 200, 200, 200, 200, 200],
    ['/api/verify/ABCD-EFGH-JKMN', 404, 404, 404, 404, 404],
    ['/api/verify/not-a-code', 400, 400, 400, 400, 400],
    ['/my', 303, 200, 200, 404, 404],
    ['/my/policy', 303, 200, 200, 404, 404],
    ['/my/assessment', 303, 200, 200, 403, 403],
    ['/my/records.json', 303, 200, 200, 404, 404],
    [`/policies/versions/${version}`, 303, 200, 200, 200, 200],
    ['/dashboard', 303, 403, 200, 200, 403],
    [`/dashboard?department=${otherDepartment}`, 303, 403, 403, 200, 403],
    ['/dashboard/people.csv', 303, 403, 200, 200, 403],
    [`/departments/${ownDepartment}`, 303, 403, 200, 200, 403],
    [`/departments/${otherDepartment}`, 303, 403, 403, 200, 403],
    // A department code that names no department (a mistyped or old link) is not found, not an empty dashboard.
    ['/dashboard?department=NO-SUCH-WARD', 303, 403, 403, 404, 403],
    ['/departments/NO-SUCH-WARD', 303, 403, 403, 404, 403],
    [`/people/${ownPeople[1]}`, 303, 403, 200, 200, 403],
    [`/people/${otherPerson}`, 303, 403, 403, 200, 403],
    [`/certificates/${certificate}.pdf`, 303, 403, 200, 200, 403],
    ['/policies', 303, 403, 403, 200, 403],
    ['/policies/new', 303, 403, 403, 200, 403],
    ['/targets', 303, 403, 403, 200, 403],
    ['/evidence', 303, 403, 403, 200, 403],
    ['/evidence/report.csv', 303, 403, 403, 200, 403],
    ['/evidence/people.csv', 303, 403, 403, 200, 403],
    ['/admin', 303, 403, 403, 403, 200],
    ['/admin/roster', 303, 403, 403, 403, 200],
    ['/admin/settings', 303, 403, 403, 403, 200],
    ['/admin/audit', 303, 403, 403, 200, 200],
    ['/reminders', 303, 403, 403, 200, 403],
    ['/reminders?preview=today', 303, 403, 403, 200, 403],
    ['/spot-checks', 303, 403, 200, 200, 403],
    ['/spot-checks/results', 303, 403, 403, 200, 403],
    ['/spot-checks/00000000-0000-4000-8000-000000000000', 303, 403, 404, 404, 403],
    ['/admin/lrs', 303, 403, 403, 403, 200],
  ];
  const failures: string[] = [];
  for (const [index, role] of who.entries()) {
    const context = await contextFor(role);
    for (const row of table) {
      const [path] = row;
      const expected = row[index + 1];
      const status = (await context.get(path)).status();
      if (status !== expected) failures.push(`${role} GET ${path}: ${status}, expected ${expected}`);
    }
    // Form posts: refused without the CSRF token for everyone; with it, only for roles allowed the action.
    const noToken = await context.post('/verify', { form: { code: 'ABCD-EFGH-JKMN' }, headers: { Origin: service } });
    if (noToken.status() !== 403)
      failures.push(`${role} POST /verify without a token: ${noToken.status()}, expected 403`);
    const csrf = await csrfOf(context);
    const posts: [string, Record<string, string>, number[]][] = [
      [`/people/${otherPerson}/exclude`, { reason: 'Long-term leave' }, [303, 403, 403, 403, 403]],
      [`/people/${ownPeople[1]}`, { version: 'none', remark: 'Paper form' }, [303, 403, 409, 409, 403]],
      ['/admin/audit', {}, [303, 403, 403, 403, 303]],
      [`/people/${otherPerson}/reminders`, { until: '' }, [303, 403, 403, 303, 403]],
      [`/people/${ownPeople[1]}/reminders`, { until: '' }, [303, 403, 303, 303, 403]],
      ['/reminders/mail-merge.csv', {}, [303, 403, 403, 200, 403]],
      ['/reminders', { action: 'none' }, [303, 403, 403, 200, 403]],
      ['/spot-checks', { month: 'not-a-month' }, [303, 403, 200, 200, 403]],
      ['/spot-checks/00000000-0000-4000-8000-000000000000', { reason: 'No phone' }, [303, 403, 404, 404, 403]],
      // Saved: answered with a 303 to the page showing it (a reload does not send the form again). The settings and
      // targets are sent back as the role's page shows them, so nothing changes for the other journeys.
      ['/admin/lrs', { enabled: 'no', endpoint: '', username: '' }, [303, 403, 403, 403, 303]],
      [
        '/admin/settings',
        await shownValues(context, '/admin/settings', [
          'passwordSignIn',
          'lockoutThreshold',
          'lockoutMinutes',
          'sessionHours',
          'ssoLabel',
        ]),
        [303, 403, 403, 403, 303],
      ],
      [
        '/targets',
        await shownValues(context, '/targets', ['completionTarget', 'dueSoonDays']),
        [303, 403, 403, 303, 403],
      ],
      // Unlocking an account (one the admin's page lists; unlocking an unlocked one changes nothing).
      [
        '/admin',
        { ...(await shownValues(context, '/admin', ['account'])), action: 'unlock' },
        [303, 403, 403, 403, 303],
      ],
    ];
    for (const [path, fields, statuses] of posts) {
      const expected = role === 'ig-lead' && path.endsWith('/exclude') ? 303 : (statuses[index] ?? 0);
      const status = (
        await context.post(path, { form: { _csrf: csrf, ...fields }, headers: { Origin: service } })
      ).status();
      if (role === 'visitor' ? status !== 401 && status !== 303 : status !== expected) {
        failures.push(`${role} POST ${path}: ${status}, expected ${role === 'visitor' ? '401' : expected}`);
      }
    }
    await context.dispose();
  }
  expect(failures).toEqual([]);
  // Put the excluded person back in scope for the other tests.
  await page.goto(`${service}/people/${otherPerson}`);
  await page.getByRole('button', { name: 'Include them again' }).click();
});

test("the dashboard is sent gzipped to the service's own pages, and plain to a request from another site", async () => {
  const ig = await contextFor('ig-lead');
  const asked = (site: string) =>
    ig.get('/dashboard', { headers: { 'Accept-Encoding': 'gzip, deflate, br', 'Sec-Fetch-Site': site } });
  const first = await asked('same-origin');
  const kept = await asked('same-origin');
  const crossSite = await asked('cross-site');
  for (const response of [first, kept, crossSite]) {
    expect(response.status()).toBe(200);
    expect(response.headers()['content-type']).toBe('text/html; charset=utf-8');
    expect(response.headers().vary).toBe('Accept-Encoding');
    expect(response.headers()['cache-control']).toBe('no-store');
  }
  expect(first.headers()['content-encoding']).toBe('gzip');
  expect(kept.headers()['content-encoding']).toBe('gzip');
  // A page holds the session's CSRF token; compressing it beside a filter another site chose is what BREACH measures.
  expect(crossSite.headers()['content-encoding']).toBeUndefined();
  const page = await kept.text();
  expect(page).toContain('Completion dashboard');
  expect(await crossSite.text()).toBe(page);
  expect(await first.text()).toBe(page);
  // A kept page is only ever read back for the session that rendered it, after the role check: staff still get 403.
  const staff = await contextFor('staff');
  const refused = await staff.get('/dashboard', {
    headers: { 'Accept-Encoding': 'gzip', 'Sec-Fetch-Site': 'same-origin' },
  });
  expect(refused.status()).toBe(403);
  expect(await refused.text()).not.toContain('Completion dashboard');
  await staff.dispose();
  await ig.dispose();
});

test('signing in leads back to the page that asked for it, and a form sent after the session ended says so', async ({
  page,
}) => {
  // A link followed without a session (an e-mailed reminder, a bookmark): sign in, and that page opens.
  await page.goto(`${service}/spot-checks/results`);
  await expect(page).toHaveURL(/\/sign-in\?next=%2Fspot-checks%2Fresults$/);
  await page.getByLabel('E-mail address').fill(emails['ig-lead']);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL(/\/spot-checks\/results$/);

  // The return address is checked against the role: staff asked for the same page land on their own.
  const staff = await request.newContext({ baseURL: service, maxRedirects: 0 });
  const form = await (await staff.get('/sign-in?next=%2Fspot-checks%2Fresults')).text();
  expect(form).toContain('name="next" value="/spot-checks/results"');
  const csrf = /name="_csrf" value="([^"]+)"/.exec(form)?.[1] ?? '';
  const signedIn = await staff.post('/sign-in', {
    form: { _csrf: csrf, email: emails.staff, password, next: '/spot-checks/results' },
    headers: { Origin: service },
  });
  expect(signedIn.headers().location).toBe('/my');
  // Another site is never a place to return to.
  const visitor = await request.newContext({ baseURL: service, maxRedirects: 0 });
  const again = await (await visitor.get('/sign-in?next=%2F%2Fevil.example')).text();
  const retry = await visitor.post('/sign-in', {
    form: {
      _csrf: /name="_csrf" value="([^"]+)"/.exec(again)?.[1] ?? '',
      email: emails.manager,
      password,
      next: '//evil.example',
    },
    headers: { Origin: service },
  });
  expect(retry.headers().location).toBe('/dashboard');

  // A form sent with no session (it ended while the page was open): nothing saved, and a way back to that page.
  const ended = await request.newContext({ baseURL: service, maxRedirects: 0 });
  const nonce = /name="_csrf" value="([^"]+)"/.exec(await (await ended.get('/verify')).text())?.[1] ?? '';
  const refused = await ended.post('/spot-checks', {
    form: { _csrf: nonce, month: '2026-12' },
    headers: { Origin: service, Referer: `${service}/spot-checks?month=2026-12` },
  });
  expect(refused.status()).toBe(401);
  const body = await refused.text();
  expect(body).toContain('what you sent was not saved');
  expect(body).toContain('href="/sign-in?next=%2Fspot-checks%3Fmonth%3D2026-12"');
  // Signing out once the session has ended loses nothing: straight to the sign-in page.
  const signOut = await ended.post('/sign-out', { form: { _csrf: nonce }, headers: { Origin: service } });
  expect(signOut.status()).toBe(303);
  expect(signOut.headers().location).toBe('/sign-in');
  for (const context of [staff, visitor, ended]) await context.dispose();
});
