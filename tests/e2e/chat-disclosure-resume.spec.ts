/**
 * Nothing is lost: a case resumes after a reload with its step and decisions; an encrypted case asks for its
 * passphrase (and refuses a wrong one); a case deleted for good leaves nothing in the browser's storage.
 */
import { expect, test } from '@playwright/test';
import { whatsAppZip } from '../../apps/chat-disclosure/test/e2e-fixtures.ts';
import { drawPhotos, openControlled, shot } from '../../apps/chat-disclosure/test/e2e-helpers.ts';
import { expectNoAxeViolations } from './axe.ts';

test.use({ locale: 'en-GB', timezoneId: 'Europe/London' });

test('a sample case resumes after a reload with every decision, and is deleted for good', async ({ page }) => {
  test.setTimeout(120_000);
  await openControlled(page);
  await page.getByRole('button', { name: 'Try it with a sample case' }).click();
  const counts = page.getByTestId('review-counts');
  await expect(counts).toContainText('still to review', { timeout: 60_000 });
  const conversation = page.getByRole('region', { name: 'Conversation' });
  await conversation.focus();
  await page.keyboard.press('j');
  await page.keyboard.press('a');
  await page.keyboard.press('a');
  await page.keyboard.press('r');
  await expect(counts).toContainText('2 accepted · 1 kept');
  const before = (await counts.textContent()) ?? '';
  const url = page.url();
  expect(url).toMatch(/#\/case\/[\w-]+$/);

  // Reload mid-case (as after a crash): the same case, step and counts come back.
  await page.waitForTimeout(500);
  await page.reload();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Review redactions');
  await expect(counts).toHaveText(before, { timeout: 60_000 });
  expect(page.url()).toBe(url);
  await shot(page, '10-resumed');

  // The case list shows it with its deadline; deleting it for good empties storage.
  await page.getByRole('link', { name: 'Your cases' }).click();
  const row = page.getByRole('row', { name: /SAMPLE-/ });
  await expect(row).toContainText(/working days? (left|overdue)|Due today/);
  await expectNoAxeViolations(page, 'case list with a case');
  await shot(page, '11-case-list');
  await row.getByRole('button', { name: /Delete SAMPLE-/ }).click();
  await expectNoAxeViolations(page, 'confirm delete');
  await page.getByRole('button', { name: 'Yes, delete for good' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'was deleted' })).toBeVisible();
  await expect(page.getByText('You have no cases in this browser yet.')).toBeVisible();
  const stored = await page.evaluate(
    () =>
      new Promise<number[]>((resolve, reject) => {
        const open = indexedDB.open('chat-disclosure');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const tx = open.result.transaction(['cases', 'archives']);
          const cases = tx.objectStore('cases').count();
          const archives = tx.objectStore('archives').count();
          tx.oncomplete = () => resolve([cases.result, archives.result]);
        };
      }),
  );
  expect(stored).toEqual([0, 0]);
});

test('an encrypted case asks for its passphrase after a reload and refuses a wrong one', async ({ page }) => {
  test.setTimeout(120_000);
  await openControlled(page);
  const photos = await drawPhotos(page);
  await page.getByRole('button', { name: 'Start a new case' }).click();
  await page.getByLabel('Subject access request (SAR)').check();
  await page.getByLabel('Request reference').fill('SAR-ENC-1');
  await page.getByLabel('Day').fill('1');
  await page.getByLabel('Month').fill('9');
  await page.getByLabel('Year').fill('2025');
  await page.getByLabel('Who made the request').fill('The data subject');
  await page.getByLabel('Your name').fill('Ann Officer');
  await page.getByLabel('Encrypt this case in the browser with a passphrase').check();
  await page.getByLabel('Passphrase', { exact: true }).fill('short');
  await page.getByRole('button', { name: 'Save and continue' }).click();
  await expect(page.getByRole('alert')).toContainText('at least 10 characters');
  await page.getByLabel('Passphrase', { exact: true }).fill('correct horse battery');
  await page.getByLabel('Passphrase again').fill('correct horse battery');
  await page.getByRole('button', { name: 'Save and continue' }).click();
  await page.getByLabel('Choose chat export files').setInputFiles({
    name: 'WhatsApp Chat with Ward 7.zip',
    mimeType: 'application/zip',
    buffer: Buffer.from(whatsAppZip(photos)),
  });
  await expect(page.locator('.nhsuk-card', { hasText: 'WhatsApp Chat with Ward 7.zip' })).toContainText('Sam Patel');

  // Nothing readable is stored: the requester's name and the chat are sealed.
  await page.waitForTimeout(500);
  const clear = await page.evaluate(
    () =>
      new Promise<string>((resolve) => {
        const open = indexedDB.open('chat-disclosure');
        open.onsuccess = () => {
          const tx = open.result.transaction(['cases', 'archives']);
          const all = [tx.objectStore('cases').getAll(), tx.objectStore('archives').getAll()];
          tx.oncomplete = () => {
            const text = JSON.stringify(
              all.map((request) => request.result),
              (_key, value) => (value instanceof Uint8Array ? new TextDecoder().decode(value) : value),
            );
            resolve(text);
          };
        };
      }),
  );
  expect(clear).toContain('SAR-ENC-1');
  expect(clear).not.toContain('The data subject');
  expect(clear).not.toContain('Sam Patel');

  await page.reload();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('This case is encrypted');
  await expectNoAxeViolations(page, 'unlock');
  await page.getByLabel('Passphrase').fill('wrong passphrase');
  await page.getByRole('button', { name: 'Open case' }).click();
  await expect(page.getByRole('alert')).toContainText('That passphrase does not open this case.');
  await shot(page, '12-unlock');
  await page.getByLabel('Passphrase').fill('correct horse battery');
  await page.getByRole('button', { name: 'Open case' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Add chat exports');
  await expect(page.locator('.nhsuk-card', { hasText: 'WhatsApp Chat with Ward 7.zip' })).toContainText('Sam Patel');
});
