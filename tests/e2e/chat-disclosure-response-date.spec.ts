/**
 * The package step's date of response is checked by field before the bundle is built: left empty it says "Enter the
 * date of response" (the bundle refused it only as "Something went wrong"), and a date before the request arrived
 * is refused naming that date (the bundle printed a response dated before receipt).
 */
import { expect, test } from '@playwright/test';
import { addChatAndApplyScope, openControlled, startCase } from '../../apps/chat-disclosure/test/e2e-helpers.ts';
import { expectNoAxeViolations } from './axe.ts';

test.use({ locale: 'en-GB', timezoneId: 'Europe/London' });

test('the date of response is checked by field before the bundle is built', async ({ page }) => {
  test.setTimeout(90_000);
  await openControlled(page);
  await startCase(page, { type: 'FOI', reference: 'FOI-2025-1201', received: '2025-12-01', requester: 'A journalist' });
  await addChatAndApplyScope(
    page,
    '14/12/2024, 09:00 - Ana: The rota is up\n14/12/2024, 09:05 - Ben: Thanks\n',
    '2 of 2 messages are in scope',
  );
  await page.getByRole('button', { name: 'Continue to review' }).click();
  await page.getByRole('button', { name: 'Continue to package' }).click();
  const date = page.getByLabel('Date of response');
  const build = page.getByRole('button', { name: 'Build the disclosure bundle' });
  const summary = page.locator('.nhsuk-error-summary');

  await date.fill('');
  await build.click();
  await expect(summary.getByRole('link', { name: 'Enter the date of response' })).toBeVisible();
  await expect(summary).not.toContainText('Something went wrong');
  // While the summary shows, the title says so first (NHS pattern), and only once however often the form is sent.
  const title = await page.evaluate(() => document.title.replace(/^Error: /, ''));
  await expect(page).toHaveTitle(`Error: ${title}`);
  await expectNoAxeViolations(page, 'package with no date of response');

  await date.fill('2025-11-30');
  await build.click();
  const early = 'The date of response must be on or after the date the request was received (1 December 2025)';
  await expect(summary.getByRole('link', { name: early })).toBeVisible();
  await summary.getByRole('link', { name: early }).click();
  await expect(date).toBeFocused();
  await expect(page.getByRole('heading', { name: 'Bundle ready' })).toHaveCount(0);
  await expect(page).toHaveTitle(`Error: ${title}`);

  await date.fill('2025-12-01');
  await build.click();
  await expect(page.getByRole('heading', { name: 'Bundle ready' })).toBeVisible({ timeout: 60_000 });
  await expect(summary).toHaveCount(0);
  await expect(page).toHaveTitle(title);
});
