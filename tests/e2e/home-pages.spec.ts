import { expect, test } from '@playwright/test';
import { appUrls } from '../playwright.config.ts';
import { expectNoAxeViolations } from './axe.ts';

const homes = [
  { name: 'training site', url: `${appUrls.training}/`, heading: /instant messaging/i },
  { name: 'chat disclosure tool', url: `${appUrls.chatDisclosure}/`, heading: /disclosure/i },
];

for (const home of homes) {
  test(`${home.name} home page loads in the NHS design system and passes axe`, async ({ page }) => {
    const failedRequests: string[] = [];
    page.on('requestfailed', (request) => failedRequests.push(request.url()));
    page.on('response', (response) => {
      if (response.status() >= 400) failedRequests.push(`${response.status()} ${response.url()}`);
    });
    await page.goto(home.url);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(home.heading);
    await expect(page.getByRole('banner').getByRole('img', { name: 'NHS' })).toBeVisible();
    // nhsuk-frontend's stylesheet is served locally and applied (the header is NHS blue).
    const headerColour = await page.locator('.nhsuk-header').evaluate((el) => getComputedStyle(el).backgroundColor);
    expect(headerColour).toBe('rgb(0, 94, 184)');
    await expect(page.getByRole('link', { name: 'Skip to main content' })).toBeAttached();
    expect(failedRequests).toEqual([]);
    await expectNoAxeViolations(page);
  });
}

test('every page and asset comes from localhost (no CDN)', async ({ page }) => {
  const origins = new Set<string>();
  page.on('request', (request) => origins.add(new URL(request.url()).origin));
  for (const home of homes) await page.goto(home.url);
  expect([...origins].sort()).toEqual([appUrls.training, appUrls.chatDisclosure].sort());
});
