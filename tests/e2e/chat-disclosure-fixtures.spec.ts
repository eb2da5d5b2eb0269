/**
 * Other people's sample exports from ../shared/fixtures/chats (skipped when that folder is absent): a real WhatsApp zip
 * is summarised; two consecutive exports of one chat are combined in one case, and adding the same export twice is
 * refused rather than duplicating every message.
 */
import { existsSync, readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { openControlled } from '../../apps/chat-disclosure/test/e2e-helpers.ts';

const dir = new URL('../../../shared/fixtures/chats/', import.meta.url);
const file = (name: string) => new URL(name, dir);

test.use({ locale: 'en-GB', timezoneId: 'Europe/London' });
test.skip(!existsSync(dir), 'shared fixtures are absent');

async function newCase(page: import('@playwright/test').Page, reference: string) {
  await openControlled(page);
  await page.getByRole('button', { name: 'Start a new case' }).click();
  await page.getByLabel('Request reference').fill(reference);
  await page.getByLabel('Day').fill('1');
  await page.getByLabel('Month').fill('9');
  await page.getByLabel('Year').fill('2025');
  await page.getByLabel('Who made the request').fill('Requester');
  await page.getByLabel('Your name').fill('Ann Officer');
  await page.getByRole('button', { name: 'Save and continue' }).click();
}

test('a WhatsApp zip from the shared fixtures is read and summarised', async ({ page }) => {
  test.skip(!existsSync(file('JBGruber-rwhatsapp__sample.zip')), 'fixture absent');
  await newCase(page, 'FIX-1');
  await page.getByLabel('Choose chat export files').setInputFiles({
    name: 'sample.zip',
    mimeType: 'application/zip',
    buffer: readFileSync(file('JBGruber-rwhatsapp__sample.zip')),
  });
  const card = page.locator('.nhsuk-card', { hasText: 'sample.zip' });
  await expect(card).toContainText('WhatsApp', { timeout: 30_000 });
  const messages = Number(
    ((await card.locator('.nhsuk-summary-list__row', { hasText: 'Messages' }).textContent()) ?? '').replace(/\D/g, ''),
  );
  expect(messages).toBeGreaterThan(0);
});

test('two exports of one chat combine in one case, and the same export is not added twice', async ({ page }) => {
  const parts = ['lucasrodes-whatstk__lorem-merge-part1.txt', 'lucasrodes-whatstk__lorem-merge-part2.txt'];
  test.skip(!parts.every((part) => existsSync(file(part))), 'fixtures absent');
  test.setTimeout(120_000);
  await newCase(page, 'FIX-2');
  const counts: number[] = [];
  for (const part of parts) {
    await page
      .getByLabel('Choose chat export files')
      .setInputFiles({ name: part, mimeType: 'text/plain', buffer: readFileSync(file(part)) });
    const card = page.locator('.nhsuk-card', { hasText: part });
    await expect(card).toContainText('WhatsApp', { timeout: 30_000 });
    counts.push(
      Number(
        ((await card.locator('.nhsuk-summary-list__row', { hasText: 'Messages' }).textContent()) ?? '').replace(
          /\D/g,
          '',
        ),
      ),
    );
  }
  await page.getByLabel('Choose chat export files').setInputFiles({
    name: 'again.txt',
    mimeType: 'text/plain',
    buffer: readFileSync(file(parts[0] as string)),
  });
  await expect(page.getByRole('alert')).toContainText('again.txt is already in this case.');
  await page.getByRole('button', { name: 'Continue to scope' }).click();
  const scope = page.getByTestId('scope-count');
  await expect(scope).toContainText('messages are in scope', { timeout: 60_000 });
  const total = Number(((await scope.textContent()) ?? '').split(' of ')[1]?.replace(/\D/g, ''));
  // These two parts do not overlap, so every message of each is kept once.
  expect(total).toBe((counts[0] ?? 0) + (counts[1] ?? 0));
});
