// Bad input on the service's forms, as a manager and an IG lead would type it: each is answered on an NHS page that
// says what is wrong (next to the field where the form can be shown again), keeps what was typed, and changes
// nothing. Also the pages a manager and an IG lead use most, at the narrowest phone width (320 px), without sideways
// scrolling. Nothing here records anything, so the other journeys see the demo trust as it was.
import { expect, test } from '@playwright/test';
import { linkedIds, personOnDepartmentPage, service, signIn } from './attestation-helpers.ts';
import { expectNoAxeViolations } from './axe.ts';

test('a manager who types a wrong date when recording on behalf is told next to the field, with the form kept', async ({
  page,
}) => {
  await signIn(page, 'manager');
  const mine = await linkedIds(page, '/departments/');
  await page.goto(`${service}/departments/${mine[0]}`);
  // Someone up to date is not offered the form: the page says so, and until when.
  const upToDate = await personOnDepartmentPage(page, 'done');
  const person = await personOnDepartmentPage(page, 'never-attested');
  await page.goto(`${service}/people/${upToDate}`);
  await expect(page.getByTestId('up-to-date')).toContainText(
    /Nothing to record: they are up to date with version [\d.]+ \(attested \d{1,2} \w+ \d{4}\) until \d{1,2} \w+ \d{4}\./,
  );
  await expect(page.getByRole('button', { name: 'Record attestation' })).toHaveCount(0);
  await page.goto(`${service}/people/${person}`);
  const name = (await page.getByRole('heading', { level: 1 }).textContent()) ?? '';
  const attestationList = page.locator('h2:text-is("Attestations") + *');
  const attestations = await attestationList.textContent();

  for (const [typed, message] of [
    ['2026-02-30', 'Enter a real date in the form YYYY-MM-DD, such as 2026-03-31'],
    ['2099-01-01', 'The date they signed cannot be in the future'],
    ['2000-01-01', /The date they signed cannot be before version [\d.]+ took effect \(\d{1,2} \w+ \d{4}\)/],
  ] as const) {
    await page.getByLabel('How did they attest?').fill('Signed the paper form at the team meeting');
    await page.getByLabel('Date they signed (leave empty for today)').fill(typed);
    await page.getByRole('button', { name: 'Record attestation' }).click();
    // Still the person's page, with the error summary and the field's message, and what was typed kept.
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(name);
    await expect(page.getByRole('alert')).toContainText(message);
    await expect(page.locator('#attestedOn').locator('..')).toContainText(message);
    await expect(page.getByLabel('How did they attest?')).toHaveValue('Signed the paper form at the team meeting');
    await expect(page.getByLabel('Date they signed (leave empty for today)')).toHaveValue(typed);
    await expect(page.getByTestId('recorded')).toHaveCount(0);
    await expect(attestationList).toHaveText(attestations ?? '');
  }
  await expectNoAxeViolations(page, 'on-behalf form with an error');

  // Pausing reminders until a date that is not one is refused with a reason, not silently ignored.
  await page.getByLabel('On leave until (no reminders until then)').fill('next week');
  await page.getByRole('button', { name: 'Pause reminders' }).click();
  await expect(page.getByTestId('problem')).toHaveAttribute('data-status', '400');
  await expect(page.getByTestId('problem')).toContainText('On leave until: enter a date in the form YYYY-MM-DD');
  await page.getByRole('link', { name: 'Go back to the page you were on' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(name);
  await expect(page.getByTestId('paused')).toHaveCount(0);
});

test('an IG lead who types an impossible date for evidence gets an NHS page saying so, and excluding needs a reason', async ({
  page,
}) => {
  await signIn(page, 'ig-lead');
  await page.goto(`${service}/evidence`);
  await page.getByLabel('As of (YYYY-MM-DD)').first().fill('2026-02-30');
  await page.getByRole('button', { name: 'Download evidence pack' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('There is a problem');
  await expect(page.getByTestId('problem')).toHaveAttribute('data-status', '400');
  await expect(page.getByTestId('problem')).toContainText("'2026-02-30' is not a real date: use YYYY-MM-DD");
  await expectNoAxeViolations(page, 'evidence date problem');
  await page.getByRole('link', { name: 'Go back to the page you were on' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Export evidence');
  // Evidence is of the records as they stand: not "as of" a day still to come.
  await page.getByLabel('As of (YYYY-MM-DD)').first().fill('2099-03-31');
  await page.getByRole('button', { name: 'Download evidence pack' }).click();
  await expect(page.getByTestId('problem')).toHaveAttribute('data-status', '400');
  await expect(page.getByTestId('problem')).toContainText(
    'Evidence is of the records as they stand, so it can be dated',
  );

  // Excluding someone with no reason is refused, and they stay in scope.
  await page.goto(`${service}/dashboard`);
  const person = (await linkedIds(page, '/people/'))[0] ?? '';
  await page.goto(`${service}/people/${person}`);
  await page.getByRole('button', { name: /Exclude/ }).click();
  await expect(page.getByTestId('problem')).toHaveAttribute('data-status', '400');
  await expect(page.getByTestId('problem')).toContainText('Give a reason');
  await page.goto(`${service}/people/${person}`);
  await expect(page.getByText('Excluded', { exact: true })).toHaveCount(0);
});

test('the dashboard, targets, accounts and audit log fit a 320 px wide screen without sideways scrolling, charts readable', async ({
  browser,
}) => {
  for (const [role, paths] of [
    ['manager', ['/dashboard']],
    ['ig-lead', ['/dashboard', '/targets']],
    // Tables scroll inside their own box, hidden text in their cells included; a key id wraps.
    ['admin', ['/admin', '/admin/audit']],
  ] as const) {
    const context = await browser.newContext({ viewport: { width: 320, height: 640 } });
    const page = await context.newPage();
    await signIn(page, role);
    for (const path of paths) {
      await page.goto(`${service}${path}`);
      const widths = await page.evaluate(() => [document.documentElement.scrollWidth, window.innerWidth]);
      expect(widths[0], `${role} ${path} scrolls sideways`).toBeLessThanOrEqual(widths[1] ?? 0);
      if (path === '/dashboard') {
        // The charts' words as drawn on this screen: the chart's font size times the scale it is shown at.
        const drawn = await page.evaluate(() =>
          [...document.querySelectorAll<SVGSVGElement>('svg.app-chart')]
            .filter((svg) => svg.getBoundingClientRect().width > 0)
            .flatMap((svg) => {
              const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
              return [...svg.querySelectorAll('text')].map((text) => Number(text.getAttribute('font-size')) * scale);
            }),
        );
        expect(drawn.length, `${role} ${path} shows a chart`).toBeGreaterThan(0);
        expect(Math.min(...drawn), `${role} ${path}: smallest chart text in px`).toBeGreaterThanOrEqual(12);
      }
    }
    await context.close();
  }
});

test("a manager's CSV of a dashboard filtered by staff group has only that group, as the link says", async ({
  page,
}) => {
  await signIn(page, 'manager');
  const group = 'Medical and Dental';
  await page.getByLabel('Staff group').selectOption(group);
  await page.getByRole('button', { name: 'Apply filters' }).click();
  const download = page.waitForEvent('download');
  await page.getByRole('link', { name: 'Download everyone shown, with their status (CSV)' }).click();
  const csv = await (await download).createReadStream();
  let text = '';
  for await (const chunk of csv) text += chunk;
  const rows = text.trim().split('\r\n').slice(1);
  expect(rows.length).toBeGreaterThan(0);
  expect(rows.filter((row) => !row.includes(`,${group},`))).toEqual([]);
});

test('an IG lead publishing a version with mistakes reads each one as a sentence next to its field', async ({
  page,
}) => {
  await signIn(page, 'ig-lead');
  await page.goto(`${service}/policies/new`);
  await page.getByLabel('Version number').fill('v3');
  await page.getByLabel('What changed').fill('x');
  await page.getByLabel('Minor: nobody needs to attest again').check();
  await page.getByRole('button', { name: /Publish/ }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Publish a new version');
  await expect(page.getByRole('alert')).toContainText('The version number is numbers separated by dots, such as 2.1');
  // The page's title says there is an error before anything else, as the NHS pattern asks (a screen reader reads it first).
  await expect(page).toHaveTitle(/^Error: Publish a new version – /);
  await page.getByLabel('Version number').fill('9.0');
  await page.getByRole('button', { name: /Publish/ }).click();
  await expect(page.getByRole('alert')).toContainText('Say what changed, in at least 3 characters');
  await page.getByLabel('What changed').fill('Clearer wording on photos');
  await page.getByLabel('In effect from').fill('2020-01-01');
  await page.getByRole('button', { name: /Publish/ }).click();
  await expect(page.getByRole('alert')).toContainText(
    /^There is a problem\s*The date it takes effect must be on or after \d{1,2} \w+ \d{4}, when version [\d.]+ took effect$/,
  );
  // Nothing was published, and a page without errors has its plain title.
  await page.goto(`${service}/policies/new`);
  await expect(page).toHaveTitle(/^Publish a new version – /);
  await page.goto(`${service}/policies`);
  await expect(page.getByText('9.0', { exact: true })).toHaveCount(0);
});

test('breadcrumbs show the trail from a tablet up, and one link back on a phone', async ({ browser }) => {
  for (const [width, expected] of [
    [1280, 'My training'],
    [320, 'Back to My training'],
  ] as const) {
    const context = await browser.newContext({ viewport: { width, height: 800 } });
    const page = await context.newPage();
    await signIn(page, 'staff');
    await page.goto(`${service}/my/policy`);
    // Only one of the trail and the back link is shown at a width (both were, the back link in an older markup).
    const shown = page.getByRole('navigation', { name: 'Breadcrumb' }).locator('a:visible');
    await expect(shown).toHaveCount(1);
    await expect(shown).toHaveAccessibleName(expected);
    await context.close();
  }
});
