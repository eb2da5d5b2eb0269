/**
 * A SAR from a one-to-one WhatsApp chat titled with a third party's name (issue 14, items 1, 3, 4 and 7): the title is
 * reviewed and disclosed by the same decisions as the messages, the officer changes the third party's role, withheld
 * files carry the right basis (an exemption with its code, or "outside the scope" without one), and the review, the
 * bundle and the case file give the same number of redactions. The leak check is seeded with the title and file name.
 */
import { checkBundleForLeaks, labelSecrets } from '@im-records/disclosure-bundle/leak-check';
import { oneToOneChat } from '@im-records/synthetic-chats';
import { expect, test } from '@playwright/test';
import { strToU8, unzipSync, zipSync } from 'fflate';
import {
  downloadBytes,
  drawPhotos,
  openControlled,
  shot,
  startCase,
} from '../../apps/chat-disclosure/test/e2e-helpers.ts';
import { expectNoAxeViolations } from './axe.ts';

test.use({ locale: 'en-GB', timezoneId: 'Europe/London' });

test('a one-to-one chat titled with a name: the title, roles, withheld files and counts', async ({ page }) => {
  test.setTimeout(180_000);
  await openControlled(page);
  const [photo] = await drawPhotos(page);
  const chat = oneToOneChat();
  const zipName = chat.fileName.replace(/\.txt$/, '.zip');
  const zip = zipSync({
    [chat.fileName]: strToU8(chat.text),
    [chat.photo]: photo as Uint8Array,
    [chat.video]: new Uint8Array([0, 0, 0, 24, 102, 116, 121, 112]),
  });

  await startCase(page, {
    type: 'SAR',
    reference: 'SAR-2025-0031',
    received: '2025-09-10',
    requester: 'Margaret Thompson',
  });
  await page.getByLabel('Choose chat export files').setInputFiles({
    name: zipName,
    mimeType: 'application/zip',
    buffer: Buffer.from(zip),
  });
  await expect(page.locator('.nhsuk-card', { hasText: zipName })).toContainText('Derek Thompson');
  await page.getByRole('button', { name: 'Continue to scope' }).click();
  await page.getByLabel('Full name').fill('Margaret Thompson');
  await page.getByRole('button', { name: 'Apply the scope' }).click();
  await expect(page.getByTestId('scope-count')).toContainText('are in scope', { timeout: 60_000 });
  await page.getByRole('button', { name: 'Continue to review' }).click();

  // The title is reviewed like a message: its name is a proposal, redacted unless kept.
  const title = page.getByRole('article', { name: 'Chat title' });
  await expect(title).toContainText('Derek Thompson');
  await expect(title.getByRole('button', { name: /Name "Derek"/ })).toBeVisible();

  // People: listed after the review shows (a note says so until then). Derek wrote in the chat, so he is staff until
  // the officer says otherwise (his name kept, para 17).
  await expect(page.getByTestId('people-listing')).toHaveCount(0);
  await page.getByText(/People and their pseudonyms/).click();
  const derek = page.getByTestId('person').filter({ hasText: 'Derek Thompson' }).first();
  await expect(derek).toContainText('shown as Derek Thompson (name kept)');
  await derek.getByLabel(/Role/).selectOption('relative');
  await expect(derek).toContainText('shown as Relative 1');
  await expect(page.getByTestId('person').filter({ hasText: 'Jane Okafor' })).toContainText('Jane Okafor (name kept)');

  // Attachments: the video is outside the scope (no code), the photo withheld under a SAR exemption.
  const conversation = page.getByRole('region', { name: 'Conversation' });
  const videoReason = conversation.getByLabel(`Reason to withhold ${chat.video}`);
  await expect(videoReason.locator('option')).toContainText(['DPA Sch2 para16 – Protection of the rights of others']);
  await videoReason.selectOption({ label: 'Outside the scope of the request' });
  await conversation.getByRole('button', { name: `Withhold ${chat.video}` }).click();
  await conversation.getByLabel(`Reason to withhold ${chat.photo}`).selectOption({ index: 1 });
  await conversation.getByRole('button', { name: `Withhold ${chat.photo}` }).click();
  await expect(conversation.getByText('withheld: Outside the scope of the request')).toBeVisible();
  await expect(conversation.getByText(/withheld: DPA Sch3 Pt2 – /)).toBeVisible();
  const redactions = Number(((await page.getByTestId('redaction-count').textContent()) ?? '').match(/\d+/)?.[0]);
  expect(redactions).toBeGreaterThan(0);
  await expectNoAxeViolations(page, 'review with people and a title');
  await page.setViewportSize({ width: 390, height: 844 });
  await page.waitForTimeout(300);
  await shot(page, '40-title-people-390');
  await page.setViewportSize({ width: 1280, height: 720 });

  // Package: "what was searched" shows the title as disclosed, and the officer can edit it.
  await page.getByRole('button', { name: 'Continue to package' }).click();
  const searched = page.getByLabel('What was searched');
  await expect(searched).toHaveValue(/^WhatsApp chat "\[Relative 1\]/);
  await expect(searched).not.toHaveValue(/Derek/);
  await searched.fill('WhatsApp chat between Ward 7 and a relative ([Relative 1]), 4 to 5 March 2024');
  await page.getByRole('button', { name: 'Build the disclosure bundle' }).click();
  await expect(page.getByRole('heading', { name: 'Bundle ready' })).toBeVisible({ timeout: 90_000 });
  await expect(page.locator('.app-panel-ready')).toContainText(`${redactions} redactions`);
  await shot(page, '41-title-package');
  const bundle = await downloadBytes(page, /Download the disclosure bundle/);
  const caseFile = JSON.parse(new TextDecoder().decode((await downloadBytes(page, /Download the case file/)).bytes));
  const files = unzipSync(bundle.bytes);
  const manifest = JSON.parse(new TextDecoder().decode(files['manifest.json']));
  const html = new TextDecoder().decode(files['transcript.html']);

  // One count: review, cover, manifest and case file agree.
  expect(manifest.counts.redactions).toBe(redactions);
  expect(caseFile.counts.redactions).toBe(redactions);
  expect(html).toContain(`<dt>Redactions</dt><dd dir="auto">${redactions}</dd>`);
  expect(manifest.request.searched).toBe(
    'WhatsApp chat between Ward 7 and a relative ([Relative 1]), 4 to 5 March 2024',
  );
  // Withheld files: out of scope without a code; the exempt one with its SAR code.
  expect(html).toContain('— Outside the scope of the request</li>');
  expect(html).toContain('— DPA Sch3 Pt2: Health data: serious harm</li>');
  expect(html).not.toContain('s40(2)');
  // Nothing of the third party, his title or the file names, anywhere in the bundle.
  const secrets = [
    ...chat.secrets,
    ...labelSecrets({ titles: ['Derek Thompson'], fileNames: [chat.fileName, zipName] }),
  ];
  const report = await checkBundleForLeaks(bundle.bytes, secrets);
  expect(report.skippedSecrets).toEqual([]);
  expect(report.findings).toEqual([]);
  expect(html).toContain('Margaret');
});
