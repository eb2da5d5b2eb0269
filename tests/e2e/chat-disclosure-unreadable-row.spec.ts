/**
 * A CSV row the import cannot read is not only listed on the export's card: it is a message of the review, shown as
 * written with a mark saying so, its names highlighted like any other, and it reaches the bundle redacted and marked.
 */
import { expect, test } from '@playwright/test';
import { unzipSync } from 'fflate';
import { downloadBytes, openControlled, startCase } from '../../apps/chat-disclosure/test/e2e-helpers.ts';
import { expectNoAxeViolations } from './axe.ts';

test.use({ locale: 'en-GB', timezoneId: 'Europe/London' });

const exportCsv = [
  'timestamp,author,text',
  '2025-09-01T08:01:00,Jane Okafor,Morning all',
  '01/09/2025 08:03,Jane Okafor,Mr Zorbek in bed 4 is asking for his son',
  '2025-09-01T08:05:00,Sam Patel,On my way',
  '',
].join('\n');

test('a CSV row that cannot be read is shown as written, marked, redacted, and in the bundle', async ({ page }) => {
  test.setTimeout(120_000);
  await openControlled(page);
  await startCase(page, { type: 'FOI', reference: 'FOI-2025-0091', received: '2025-09-10', requester: 'A Journalist' });
  await page.getByLabel('Choose chat export files').setInputFiles({
    name: 'ward-7.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(exportCsv),
  });
  // Listed on the export's card (in its folded list of things to check).
  await expect(page.getByText(/The row on line 3 could not be read/)).toBeAttached({ timeout: 30_000 });
  await page.getByRole('button', { name: 'Continue to scope' }).click();
  await page.getByRole('button', { name: 'Apply the scope' }).click();
  await page
    .getByTestId('scope-count')
    .filter({ hasText: '3 of 3 messages are in scope' })
    .waitFor({ timeout: 60_000 });
  await page.getByRole('button', { name: 'Continue to review' }).click();

  // Its fields line up with the header, so its author is read; its time is the message before it's.
  const row = page.getByRole('article', { name: 'Jane Okafor, 1 September 2025 08:01, could not be read' });
  await expect(row).toContainText('Could not be read: shown as written');
  await expect(row).toContainText('It has the time of the message before it');
  await expect(row).toContainText('01/09/2025 08:03,Jane Okafor,Mr Zorbek in bed 4');
  await expect(row.locator('[data-proposal-id]').filter({ hasText: 'Zorbek' })).toHaveCount(1);
  await expectNoAxeViolations(page, 'review with a row that could not be read');

  await page.getByRole('button', { name: 'Continue to package' }).click();
  await page.getByRole('button', { name: 'Build the disclosure bundle' }).click();
  await expect(page.getByRole('heading', { name: 'Bundle ready' })).toBeVisible({ timeout: 90_000 });
  const bundle = unzipSync((await downloadBytes(page, /Download the disclosure bundle/)).bytes);
  const transcript = new TextDecoder().decode(bundle['transcript.csv']);
  expect(transcript).toContain('message: Could not be read: shown as written, with the time of the message before it.');
  expect(transcript.toLowerCase()).not.toContain('zorbek');
});
