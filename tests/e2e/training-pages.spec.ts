import { expect, test } from '@playwright/test';
import { expectNoAxeViolations } from './axe.ts';
import { guidanceSlugs, scenarioSlugs, screenshots, site } from './training-helpers.ts';

const staticPages = ['/', '/guidance/', '/scenarios/', '/glossary/', ...guidanceSlugs.map((s) => `/guidance/${s}/`)];
const islandPages = [
  '/assessment/',
  '/certificate/',
  '/verify/',
  '/search/',
  ...scenarioSlugs.map((s) => `/scenarios/${s}/`),
];

for (const path of staticPages) {
  test(`${path} has a heading, passes axe and loads no JavaScript`, async ({ page }) => {
    const scripts: string[] = [];
    page.on('request', (request) => {
      if (request.resourceType() === 'script') scripts.push(request.url());
    });
    await page.goto(`${site}${path}`);
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    await expectNoAxeViolations(page);
    expect(scripts).toEqual([]);
    expect(await page.locator('script').count()).toBe(0);
  });
}

for (const path of islandPages) {
  test(`${path} passes axe once its island has loaded`, async ({ page }) => {
    await page.goto(`${site}${path}`);
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    await expect(page.locator('astro-island:not([ssr])')).toHaveCount(1);
    await expectNoAxeViolations(page);
  });
}

test('guidance pages show what records-policy says, their sources and review dates', async ({ page }) => {
  await page.goto(`${site}/guidance/lock-screen-notifications/`);
  await expect(page.getByRole('heading', { name: 'What the guidance says' })).toBeVisible();
  await expect(page.locator('#point-lock-screen-previews-off')).toContainText(
    'Turn off message previews on your lock screen',
  );
  await expect(page.getByRole('heading', { name: 'Sources' })).toBeVisible();
  await expect(page.getByText(/Page last reviewed: \d+ \w+ \d{4}/)).toBeVisible();
  await expect(page.getByText(/Next review due: \d+ \w+ \d{4}/)).toBeVisible();
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
    ['guidance-index', '/guidance/'],
    ['guidance-page', '/guidance/chats-and-the-health-record/'],
    ['glossary', '/glossary/'],
    ['scenarios-index', '/scenarios/'],
    ['verify', '/verify/'],
  ] as const) {
    await page.goto(`${site}${path}`);
    await screenshots(page, name);
  }
});
