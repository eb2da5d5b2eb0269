/**
 * Attachments that cannot be cleaned: a document sent in the chat goes into the bundle exactly as exported, so the
 * review says so before the officer includes it, and the bundle's manifest records which files had their metadata
 * removed (the photo) and which did not (the document).
 */

import { expect, test } from '@playwright/test';
import { unzipSync, zipSync } from 'fflate';
import {
  downloadBytes,
  drawPhotos,
  openControlled,
  shot,
  startCase,
} from '../../apps/chat-disclosure/test/e2e-helpers.ts';
import { expectNoAxeViolations } from './axe.ts';

test.use({ locale: 'en-GB', timezoneId: 'Europe/London' });

const letter = 'Discharge letter.pdf';
const photo = 'IMG-20240306-WA0001.jpg';

test('a document is flagged as included as exported, and the manifest says which media were cleaned', async ({
  page,
}) => {
  test.setTimeout(150_000);
  await openControlled(page);
  const [jpeg] = await drawPhotos(page);
  const chat = [
    '06/03/2024, 10:00 - Jane Okafor: Letter for the file',
    `06/03/2024, 10:01 - Jane Okafor: ${letter} (file attached)`,
    `06/03/2024, 10:02 - Sam Patel: ${photo} (file attached)`,
    '06/03/2024, 10:03 - Sam Patel: Thanks',
    '',
  ].join('\n');
  // A PDF whose document information names its author: the kind of hidden detail the tool cannot remove.
  const pdf = new TextEncoder().encode(
    '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n3 0 obj<</Author(Ward 7 clerk)>>endobj\ntrailer<</Root 1 0 R/Info 3 0 R>>\n%%EOF\n',
  );
  const zip = zipSync(
    {
      'WhatsApp Chat with Ward 7.txt': new TextEncoder().encode(chat),
      [letter]: pdf,
      [photo]: jpeg as Uint8Array,
    },
    { mtime: new Date(Date.UTC(2024, 2, 6, 12)) },
  );

  await startCase(page, {
    type: 'FOI',
    reference: 'FOI-2025-0300',
    received: '2025-03-07',
    requester: 'A member of the public',
  });
  await page.getByLabel('Choose chat export files').setInputFiles({
    name: 'WhatsApp Chat with Ward 7.zip',
    mimeType: 'application/zip',
    buffer: Buffer.from(zip),
  });
  const card = page.locator('.nhsuk-card', { hasText: 'WhatsApp Chat with Ward 7.zip' });
  await expect(card.locator('.nhsuk-summary-list__row', { hasText: 'Attachments' })).toContainText(
    '2 (2 files in the export)',
  );
  await page.getByRole('button', { name: 'Continue to scope' }).click();
  await expect(page.getByTestId('scope-count')).toHaveText('4 of 4 messages are in scope.', { timeout: 60_000 });
  await page.getByRole('button', { name: 'Continue to review' }).click();

  // Review: only the document carries the warning, before and after it is included.
  const conversation = page.getByRole('region', { name: 'Conversation' });
  const asIs = conversation.locator('.app-attachment__as-is');
  await expect(asIs).toHaveCount(1);
  await expect(asIs).toContainText('If included, this file goes into the bundle exactly as it was exported');
  await expect(conversation.locator('.app-attachment', { hasText: letter })).toContainText('exactly as it was');
  await expect(conversation.locator('.app-attachment', { hasText: photo })).not.toContainText('exactly as it was');
  await expectNoAxeViolations(page, 'review with a document');
  await shot(page, '30-review-document');
  await conversation.getByRole('button', { name: `Include ${letter}` }).click();
  await expect(asIs).toContainText('This file goes into the bundle exactly as it was exported');
  await conversation.getByRole('button', { name: `Include ${photo}` }).click();
  await expect(conversation.getByText(`${photo}  · included`)).toBeVisible();

  // The bundle: the manifest says which media were cleaned.
  await page.getByRole('button', { name: 'Continue to package' }).click();
  await page.getByRole('button', { name: 'Build the disclosure bundle' }).click();
  await expect(page.getByRole('heading', { name: 'Bundle ready' })).toBeVisible({ timeout: 90_000 });
  const bundle = await downloadBytes(page, /Download the disclosure bundle/);
  const files = unzipSync(bundle.bytes);
  const manifest = JSON.parse(new TextDecoder().decode(files['manifest.json'])) as {
    files: { path: string; metadataRemoved?: boolean }[];
  };
  const media = manifest.files.filter((file) => file.path.startsWith('media/'));
  expect(media.map((file) => [file.path.split('.').pop(), file.metadataRemoved]).sort()).toEqual([
    ['jpg', true],
    ['pdf', false],
  ]);
});
