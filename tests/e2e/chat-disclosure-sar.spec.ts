/**
 * A subject access request: the data subject (name, alias, phone) is given on the scope step; the tool shows which
 * messages are by or about them and why, and the bundle keeps their own data while other people's is withheld.
 */

import { checkBundleForLeaks } from '@im-records/disclosure-bundle/leak-check';
import { expect, test } from '@playwright/test';
import { unzipSync } from 'fflate';
import { secrets, whatsAppZip } from '../../apps/chat-disclosure/test/e2e-fixtures.ts';
import {
  downloadBytes,
  drawPhotos,
  openControlled,
  shot,
  startCase,
} from '../../apps/chat-disclosure/test/e2e-helpers.ts';
import { expectNoAxeViolations } from './axe.ts';

test.use({ locale: 'en-GB', timezoneId: 'Europe/London' });

test('a SAR with a data subject: scope by or about them, their data kept, third parties withheld', async ({ page }) => {
  test.setTimeout(150_000);
  await openControlled(page);
  const photos = await drawPhotos(page);
  await startCase(page, {
    type: 'SAR',
    reference: 'SAR-2025-0007',
    received: '2025-09-10',
    requester: 'Margaret Thompson',
  });
  await expect(page.getByTestId('deadline')).toContainText('Due');

  await page.getByLabel('Choose chat export files').setInputFiles({
    name: 'WhatsApp Chat with Ward 7.zip',
    mimeType: 'application/zip',
    buffer: Buffer.from(whatsAppZip(photos)),
  });
  await expect(page.locator('.nhsuk-card', { hasText: 'WhatsApp Chat with Ward 7.zip' })).toContainText('Sam Patel');
  await page.getByRole('button', { name: 'Continue to scope' }).click();

  // Scope: the subject, with an alias and a phone number. The name starts as the requester's, given in step 1
  // (WCAG 2.2 3.3.7 Redundant Entry), and can be changed.
  await expect(page.getByLabel('Full name')).toHaveValue('Margaret Thompson');
  await expect(page.getByText('Filled in from who made the request')).toBeVisible();
  await page.getByLabel('Full name').fill('');
  await page.getByRole('button', { name: 'Apply the scope' }).click();
  await expect(page.getByRole('alert')).toContainText("Enter the data subject's name");
  await page.getByLabel('Full name').fill(secrets.patient);
  await page.getByLabel('Other names they are known by (optional)').fill('Maggie');
  await page.getByLabel('Phone number (optional)').fill('07700 900999');
  // Para 17: staff whom nothing beside their name marks as staff can be listed; the list goes with the box.
  const keepProfessionals = page.getByLabel('Keep the names of health professionals acting in their role');
  const staffList = page.getByLabel('Health professionals whose names are kept (optional)');
  await expect(keepProfessionals).toBeChecked();
  await expect(staffList).toBeVisible();
  await keepProfessionals.uncheck();
  await expect(staffList).toBeHidden();
  await keepProfessionals.check();
  await staffList.fill('Sam Patel\nJane Okafor');
  await page.getByRole('button', { name: 'Apply the scope' }).click();
  const scopeCount = page.getByTestId('scope-count');
  await expect(scopeCount).toContainText('of 9 messages are in scope', { timeout: 60_000 });
  const inScope = Number(((await scopeCount.textContent()) ?? '').split(' ')[0]);
  expect(inScope).toBeGreaterThan(0);
  expect(inScope).toBeLessThan(9);
  await expect(page.getByRole('table', { name: 'Messages left out, and why' })).toContainText(
    'Not by or about the data subject',
  );
  // The reason every message shares is said once; each message lists only its own.
  await expect(page.getByTestId('scope-shared-reason')).toContainText('All dates are in scope');
  await page.getByText(/Each message's own reason/).click();
  await expect(page.locator('.app-scope-list li').first()).toContainText(/Margaret|subject/i);
  await expect(page.locator('.app-scope-list li').first()).not.toContainText('All dates are in scope');
  await expectNoAxeViolations(page, 'SAR scope');
  await shot(page, '20-sar-scope');
  await page.getByRole('button', { name: 'Continue to review' }).click();
  await expect(page.getByTestId('review-counts')).toContainText(`in ${inScope} messages in scope`);
  await expectNoAxeViolations(page, 'SAR review');
  await shot(page, '21-sar-review');

  // Package without reviewing: proposals not rejected are withheld (recall first).
  await page.getByRole('button', { name: 'Continue to package' }).click();
  await page.getByRole('button', { name: 'Build the disclosure bundle' }).click();
  await expect(page.getByRole('heading', { name: 'Bundle ready' })).toBeVisible({ timeout: 90_000 });
  await shot(page, '22-sar-package');
  const bundle = await downloadBytes(page, /Download the disclosure bundle/);
  const report = await checkBundleForLeaks(bundle.bytes, [secrets.relative, secrets.phone]);
  expect(report.findings).toEqual([]);
  const manifest = JSON.parse(new TextDecoder().decode(unzipSync(bundle.bytes)['manifest.json']));
  expect(manifest.mode).toBe('sar');
  expect(manifest.counts.messagesInScope).toBe(inScope);
  // The subject's own name is theirs to see.
  const html = new TextDecoder().decode(unzipSync(bundle.bytes)['transcript.html']);
  expect(html).toContain(secrets.patient);
});
