/**
 * At phone width (390 px), with chats in other scripts (issue 14, items 5, 6 and 9): the case list fits, Arabic
 * messages read right to left in the review, tapping a proposal keeps Redact and Keep in view, the conversation comes
 * before the filters, and the PDF holds the Arabic, Hindi, Punjabi and emoji text as real, shaped text.
 */
import { arabicChat, emojiChat, hindiPunjabiChat } from '@im-records/synthetic-chats';
import { expect, type Page, test } from '@playwright/test';
import { unzipSync } from 'fflate';
import { getDocumentProxy } from 'unpdf';
import { downloadBytes, openControlled, shot } from '../../apps/chat-disclosure/test/e2e-helpers.ts';
import { expectNoAxeViolations } from './axe.ts';

test.use({ locale: 'en-GB', timezoneId: 'Europe/London', viewport: { width: 390, height: 844 } });

/** True when nothing on the page is wider than the screen. */
const fitsWidth = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth);

test('phone width: Arabic, emoji, Hindi and Punjabi chats from the case list to the PDF', async ({ page }) => {
  test.setTimeout(180_000);
  await openControlled(page);
  await page.getByRole('button', { name: 'Start a new case' }).click();
  await page.getByLabel('Request reference').fill('FOI-2025-0390');
  await page.getByLabel('Day').fill('3');
  await page.getByLabel('Month').fill('6');
  await page.getByLabel('Year').fill('2025');
  await page.getByLabel('Who made the request').fill('A journalist');
  await page.getByLabel('Your name').fill('Ann Officer');
  await page.getByRole('button', { name: 'Save and continue' }).click();

  // Three unrelated chats: each is asked about and added as a conversation of its own.
  for (const [i, chat] of [arabicChat(), emojiChat(), hindiPunjabiChat()].entries()) {
    await page.getByLabel('Choose chat export files').setInputFiles({
      name: chat.fileName,
      mimeType: 'text/plain',
      buffer: Buffer.from(chat.text),
    });
    if (i > 0) {
      await page.getByLabel('Add it as a separate conversation in this case').check();
      await page.getByRole('button', { name: 'Continue', exact: true }).click();
    }
    await expect(page.getByRole('status')).toContainText(`${chat.fileName} was added`);
  }
  expect(await fitsWidth(page)).toBe(true);
  await page.getByRole('button', { name: 'Continue to scope' }).click();
  await expect(page.getByTestId('scope-count')).toContainText('9 of 9 messages are in scope', { timeout: 60_000 });
  await page.getByRole('button', { name: 'Continue to review' }).click();

  // The conversation comes first; the filters wait behind a button.
  const conversation = page.getByRole('region', { name: 'Conversation' });
  await expect(conversation).toBeVisible({ timeout: 60_000 });
  await expect(page.getByLabel('Search messages')).toBeHidden();
  expect((await conversation.boundingBox())?.y ?? 9999).toBeLessThan(1600);
  await page.getByRole('button', { name: 'Show filters and search' }).click();
  await expect(page.getByLabel('Search messages')).toBeVisible();
  await page.getByRole('button', { name: 'Hide filters and search' }).click();

  // Arabic reads right to left: its paragraph's direction, and the first Arabic word right of "Ward 25".
  const arabic = conversation.locator('[data-text-of]', { hasText: 'صباح الخير' });
  await expect(arabic).toHaveAttribute('dir', 'rtl');
  const positions = await arabic.evaluate((paragraph) => {
    const at = (needle: string) => {
      const walker = document.createTreeWalker(paragraph, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const index = node.textContent?.indexOf(needle) ?? -1;
        if (index < 0) continue;
        const range = document.createRange();
        range.setStart(node, index);
        range.setEnd(node, index + needle.length);
        return range.getBoundingClientRect().x;
      }
      return Number.NaN;
    };
    return { first: at('صباح'), english: at('Ward'), box: paragraph.getBoundingClientRect() };
  });
  expect(positions.first).toBeGreaterThan(positions.english);
  await expect(conversation.locator('[data-text-of]', { hasText: 'Handover at 8' })).toHaveAttribute('dir', 'ltr');

  // Tapping a proposal keeps Redact and Keep on screen.
  const mark = conversation.locator('.app-mark').last();
  await mark.scrollIntoViewIfNeeded();
  await mark.click();
  const redact = page.getByRole('button', { name: /^Redact ".*" \(A\)$/ });
  await expect(redact).toBeInViewport();
  await expect(page.getByRole('button', { name: /^Keep ".*" \(R\)$/ })).toBeInViewport();
  expect(await fitsWidth(page)).toBe(true);
  await expectNoAxeViolations(page, 'review at 390 px');
  await shot(page, '50-phone-review');

  // The PDF: every script as real text (no [U+…] stand-ins), the emoji sequences drawn. (PDF.js gives the glyphs of
  // a shaped Indic word in visual order, so words without a pre-base vowel sign are checked.)
  await page.getByRole('button', { name: 'Continue to package' }).click();
  await page.getByRole('button', { name: 'Build the disclosure bundle' }).click();
  await expect(page.getByRole('heading', { name: 'Bundle ready' })).toBeVisible({ timeout: 120_000 });
  expect(await fitsWidth(page)).toBe(true);
  await shot(page, '51-phone-package');
  const bundle = await downloadBytes(page, /Download the disclosure bundle/);
  const pdf = await getDocumentProxy(unzipSync(bundle.bytes)['transcript.pdf'] as Uint8Array);
  let text = '';
  for (let i = 1; i <= pdf.numPages; i++) {
    const content = await (await pdf.getPage(i)).getTextContent();
    text += content.items.map((item) => ('str' in item ? item.str : '')).join(' ');
  }
  expect(text).not.toContain('[U+');
  expect(text).not.toContain('[emoji]');
  const squeezed = text.replace(/\s+/g, '');
  for (const word of ['صباح', 'खाली', 'ਅਕਾਲ', '👨‍👩‍👧', 'Conversation3of3']) expect(squeezed).toContain(word);

  // The case list fits too, Delete buttons included.
  await page.goto(page.url().replace(/#.*$/, '#/'));
  const remove = page.getByRole('button', { name: /Delete FOI-2025-0390/ });
  await remove.scrollIntoViewIfNeeded();
  await expect(remove).toBeInViewport({ ratio: 1 });
  expect(await fitsWidth(page)).toBe(true);
  await shot(page, '52-phone-case-list');
});
