import { sourcesFor } from '@im-records/course';
import { expect, test } from '@playwright/test';
import { expectNoAxeViolations } from './axe.ts';
import { course, guidanceSlugs, scenarioSlugs, screenshots, site } from './training-helpers.ts';

// Every test opens its own page and changes nothing shared, so the file's tests are spread over both workers.
test.describe.configure({ mode: 'parallel' });

const staticPages = [
  '/',
  '/guidance/',
  '/scenarios/',
  '/glossary/',
  '/settings/',
  ...guidanceSlugs.map((s) => `/guidance/${s}/`),
];
const islandPages = [
  '/assessment/',
  '/certificate/',
  '/verify/',
  '/search/',
  ...scenarioSlugs.map((s) => `/scenarios/${s}/`),
];

// One page visits every page of a kind, each a step of its own: a fresh page per path spent about two seconds more on
// each (a new browser context and its first navigation) than the check itself. Soft assertions report every page
// that fails, not only the first.
test('every page without an island has a heading, passes axe and loads no JavaScript', async ({ page }) => {
  let scripts: string[] = [];
  page.on('request', (request) => {
    if (request.resourceType() === 'script') scripts.push(request.url());
  });
  for (const path of staticPages) {
    await test.step(path, async () => {
      scripts = [];
      await page.goto(`${site}${path}`);
      await expect.soft(page.getByRole('heading', { level: 1 }), path).toBeVisible();
      await expectNoAxeViolations(page, path, { soft: true });
      expect.soft(scripts, `scripts requested by ${path}`).toEqual([]);
      expect.soft(await page.locator('script').count(), `script elements on ${path}`).toBe(0);
    });
  }
});

test('every page with an island passes axe once its island has loaded', async ({ page }) => {
  for (const path of islandPages) {
    await test.step(path, async () => {
      await page.goto(`${site}${path}`);
      await expect.soft(page.getByRole('heading', { level: 1 }), path).toBeVisible();
      await expect.soft(page.locator('astro-island:not([ssr])'), `hydrated island on ${path}`).toHaveCount(1);
      await expectNoAxeViolations(page, path, { soft: true });
    });
  }
});

test('guidance pages show what records-policy says, labelled by basis, their sources and review dates', async ({
  page,
}) => {
  await page.goto(`${site}/guidance/lock-screen-notifications/`);
  await expect(page.getByRole('heading', { name: 'What the guidance says' })).toBeVisible();
  await expect(page.locator('#point-lock-screen-previews-off')).toContainText(
    'Turn off message previews on your lock screen',
  );
  await expect(page.getByRole('heading', { name: 'Sources' })).toBeVisible();
  await expect(page.getByText(/Page last reviewed: \d+ \w+ \d{4}/)).toBeVisible();
  await expect(page.getByText(/Next review due: \d+ \w+ \d{4}/)).toBeVisible();

  // Every page lists the sources of the points it covers, by id from records-policy's one source list.
  for (const guidance of course.guidance) {
    await page.goto(`${site}/guidance/${guidance.slug}/`);
    const listed = await page
      .locator('[data-source-id]')
      .evaluateAll((items) => items.map((item) => item.getAttribute('data-source-id')));
    const expected = sourcesFor(course, guidance.covers, guidance.sources).map((source) => source.id);
    expect(listed, guidance.slug).toEqual(expected);
    expect(listed.length, guidance.slug).toBeGreaterThan(0);
  }

  // The trust's own policy is labelled as such; the 2018 criteria as earlier guidance.
  await page.goto(`${site}/guidance/securing-your-phone/`);
  await expect(page.locator('#point-passcode-and-auto-lock')).toContainText('Local policy (course default)');
  await expect(page.locator('#point-two-step-verification')).toContainText('Good practice');
  // Phone hygiene is not in the course's reference notes: the trust's policy, with the NCSC advice as further reading.
  await expect(page.locator('#point-phone-hygiene')).toContainText('Local policy (course default)');
  await expect(page.locator('[data-source-id="device-security-ncsc"]')).toContainText('(further reading)');
  await expect(page.locator('[data-source-id="nhse-im-acute-2018"]')).not.toContainText('further reading');
  await page.goto(`${site}/guidance/choosing-an-app/`);
  await expect(page.locator('#point-app-criteria-2018')).toContainText('Earlier guidance');
});

test('a build with the defaults says so, and the settings page lists every default', async ({ page }) => {
  await page.goto(`${site}/`);
  await expect(page.getByTestId('defaults-notice')).toContainText('default settings');
  await expect(page.getByRole('heading', { name: 'How this course fits with your other training' })).toBeVisible();
  await expect(page.getByText(/does not replace Data Security Awareness Level 1/)).toBeVisible();
  await expect(page.locator('[data-source-id="dspt-training"]')).toBeVisible();
  await page.getByTestId('defaults-notice').getByRole('link', { name: 'See the settings' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Course settings' })).toBeVisible();
  await expect(page.getByTestId('settings').getByText('Default', { exact: true })).toHaveCount(9);
  await page.goto(`${site}/guidance/why-it-matters/`);
  await expect(page.getByText('You need 80% to pass.')).toBeVisible();
  await expect(page.getByText('It lasts 12 months.')).toBeVisible();
});

test('the header search finds guidance and glossary entries', async ({ page }) => {
  await page.goto(`${site}/guidance/`);
  await page.getByRole('searchbox', { name: 'Search the training guidance' }).fill('invite link');
  await page.getByRole('button', { name: 'Search', exact: true }).click();
  await expect(page).toHaveURL(/\/search\/\?q=invite\+link/);
  const results = page.getByTestId('search-results');
  await expect(results.getByRole('heading', { level: 2 })).toContainText('for "invite link"');
  await expect(results.getByRole('link', { name: 'Groups and invite links' })).toBeVisible();
  await expect(results.getByRole('link', { name: 'Invite link', exact: true })).toBeVisible();
  await expectNoAxeViolations(page, 'search results');
  await screenshots(page, 'search-results');
});

test('screenshots of the static pages at desktop and phone widths', async ({ page }) => {
  for (const [name, path] of [
    ['home', '/'],
    ['settings', '/settings/'],
    ['guidance-index', '/guidance/'],
    ['guidance-page', '/guidance/chats-and-the-health-record/'],
    ['guidance-choosing-an-app', '/guidance/choosing-an-app/'],
    ['guidance-reporting-a-breach', '/guidance/reporting-a-breach/'],
    ['guidance-a-request-in-the-chat', '/guidance/a-request-in-the-chat/'],
    ['guidance-when-a-group-drifts', '/guidance/when-a-group-drifts/'],
    ['glossary', '/glossary/'],
    ['scenarios-index', '/scenarios/'],
    ['verify', '/verify/'],
  ] as const) {
    await page.goto(`${site}${path}`);
    await screenshots(page, name);
  }
});
