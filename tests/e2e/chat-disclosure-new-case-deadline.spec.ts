/**
 * A new case's deadline bar: until the case details are saved it shows no request type or due date (the stored
 * defaults, an FOI received today, would tell the officer "20 working days left" for a SAR whose month has passed);
 * once saved, the request's own type and due date, here a SAR received on Christmas Day. The case list does the same.
 */
import { expect, test } from '@playwright/test';
import { openControlled } from '../../apps/chat-disclosure/test/e2e-helpers.ts';
import { expectNoAxeViolations } from './axe.ts';

test.use({ locale: 'en-GB', timezoneId: 'Europe/London' });

test('the deadline bar waits for the case details, then shows the request’s own due date', async ({ page }) => {
  await openControlled(page);
  await page.getByRole('button', { name: 'Start a new case' }).click();
  const bar = page.getByRole('region', { name: 'Deadline' });
  await expect(bar).toContainText('The due date shows once the case details are saved');
  await expect(bar).not.toContainText('Freedom of Information');
  await expect(page.getByTestId('deadline')).toHaveCount(0);
  await expectNoAxeViolations(page, 'new case details');

  // Left before saving, it is listed without the placeholders' type, date or deadline.
  await page.getByRole('link', { name: 'Your cases' }).click();
  const row = page.getByRole('row', { name: /Case without a reference/ });
  await expect(row).toContainText('Details not saved');
  await expect(row).toContainText('Not entered');
  await expect(row).not.toContainText('working days');
  await expectNoAxeViolations(page, 'case list with a case never saved');
  await row.getByRole('link', { name: 'Case without a reference' }).click();

  await page.getByLabel('Subject access request (SAR)').check();
  // The error summary's link moves to its field and keeps the case open (the page is routed by its hash).
  await page.getByRole('button', { name: 'Save and continue' }).click();
  await page.locator('.nhsuk-error-summary').getByRole('link', { name: 'Enter the request reference' }).click();
  await expect(page.getByLabel('Request reference')).toBeFocused();
  await expect(page.getByRole('heading', { level: 1, name: 'Case details' })).toBeVisible();
  await expect(page.getByLabel('Subject access request (SAR)')).toBeChecked();
  await page.getByLabel('Request reference').fill('SAR-2025-1225');
  await page.getByLabel('Day').fill('25');
  await page.getByLabel('Month').fill('12');
  await page.getByLabel('Year').fill('2025');
  await page.getByLabel('Who made the request').fill('A Requester');
  await page.getByLabel('Your name').fill('Ann Officer');
  await page.getByRole('button', { name: 'Save and continue' }).click();
  await expect(bar).toContainText('Subject access request (SAR) · SAR-2025-1225');
  // The ICO's rule: the same date a month on (25 January 2026, a Sunday), then the next working day.
  await expect(page.getByTestId('deadline')).toContainText('Due 26 January 2026 (Monday)');
});
