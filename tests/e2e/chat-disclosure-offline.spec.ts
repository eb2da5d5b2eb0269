/**
 * Works offline once loaded: with the network cut, the tool reloads from its service worker's cache and a whole sample
 * case (import, detection, search, packaging with pdf-lib and the fonts) still runs.
 */
import { expect, test } from '@playwright/test';
import { appUrl, openControlled, shot } from '../../apps/chat-disclosure/test/e2e-helpers.ts';

test.use({ locale: 'en-GB', timezoneId: 'Europe/London' });

test('reloads and packages a case with no network at all', async ({ page, context }) => {
  test.setTimeout(150_000);
  await openControlled(page);
  await context.setOffline(true);
  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: 'Your disclosure cases' })).toBeVisible();
  // A deep link to a case route is answered from the cache too.
  await page.goto(`${appUrl}/#/`);
  await page.getByRole('button', { name: 'Try it with a sample case' }).click();
  await expect(page.getByTestId('review-counts')).toContainText('still to review', { timeout: 60_000 });
  await page.getByRole('button', { name: 'Continue to package' }).click();
  await page.getByRole('button', { name: 'Build the disclosure bundle' }).click();
  await expect(page.getByRole('heading', { name: 'Bundle ready' })).toBeVisible({ timeout: 90_000 });
  await shot(page, '40-offline-package');
  await context.setOffline(false);
});
