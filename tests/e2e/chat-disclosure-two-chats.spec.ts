/**
 * Two unrelated chats in one case, and the smaller things an officer met (issue 14, items 2, 4, 8 and 10): a second
 * case with the same reference is warned about; an export of another chat is asked about, never merged silently, and
 * kept as its own section of the bundle; warnings are plain English and the date order is a choice on the page; staff
 * are staff and a business notice is a system line; a selection is asked what it is; search finds a file by name.
 */
import { pharmacyBusinessChat, wardGroupChat } from '@im-records/synthetic-chats';
import { expect, type Page, test } from '@playwright/test';
import { unzipSync } from 'fflate';
import { downloadBytes, openControlled, shot } from '../../apps/chat-disclosure/test/e2e-helpers.ts';
import { expectNoAxeViolations } from './axe.ts';

test.use({ locale: 'en-GB', timezoneId: 'Europe/London' });

async function startCase(page: Page, reference: string): Promise<void> {
  await page.getByRole('button', { name: 'Start a new case' }).click();
  await page.getByLabel('Request reference').fill(reference);
  await page.getByLabel('Day').fill('2');
  await page.getByLabel('Month').fill('6');
  await page.getByLabel('Year').fill('2025');
  await page.getByLabel('Who made the request').fill('A journalist');
  await page.getByLabel('Your name').fill('Ann Officer');
  await page.getByRole('button', { name: 'Save and continue' }).click();
}

test('two unrelated chats: asked, kept apart, plain warnings, roles and the small things', async ({ page }) => {
  test.setTimeout(180_000);
  await openControlled(page);
  await startCase(page, 'FOI-2025-0606');
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Add chat exports');

  // A second case with the same reference: warned once, then allowed.
  await page.getByRole('link', { name: 'Your cases' }).click();
  await startCase(page, 'FOI-2025-0606');
  await expect(page.getByTestId('duplicate-reference')).toContainText('There is already a case FOI-2025-0606');
  await page.getByRole('button', { name: 'Save and continue' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Add chat exports');

  // The ward group: its warnings in plain English, and the date order as a control.
  const ward = wardGroupChat();
  const input = page.getByLabel('Choose chat export files');
  await input.setInputFiles({ name: ward.fileName, mimeType: 'text/plain', buffer: Buffer.from(ward.text) });
  const wardCard = page.locator('.nhsuk-card', { hasText: ward.fileName });
  await wardCard.getByText(/warnings? to check/).click();
  await expect(wardCard).toContainText('Some times go backwards — check line 4');
  await expect(wardCard).toContainText('cannot tell whether dates are written day first or month first');
  await expect(wardCard).not.toContainText(/dateOrder|--date-order/);
  await expect(wardCard).toContainText('2 March 2024 08:00');
  await wardCard.getByLabel('Month first (01/31/2024)').check();
  await wardCard.getByRole('button', { name: /Read the dates again/ }).click();
  await expect(wardCard).toContainText('3 February 2024 08:00');

  // The pharmacy chat is another chat: the officer is asked, and says to keep it apart.
  const pharmacy = pharmacyBusinessChat();
  await input.setInputFiles({ name: pharmacy.fileName, mimeType: 'text/plain', buffer: Buffer.from(pharmacy.text) });
  const question = page.getByRole('group', { name: `${pharmacy.fileName} is a different chat` });
  await expect(question).toContainText('they are different chats');
  await expect(question).toContainText(pharmacy.fileName);
  await expectNoAxeViolations(page, 'a different chat');
  await shot(page, '60-different-chat');
  await page.getByRole('button', { name: 'Continue', exact: true }).click();
  await expect(question).toContainText(`Choose whether to add ${pharmacy.fileName}`);
  await question.getByLabel('Add it as a separate conversation in this case').check();
  await page.getByRole('button', { name: 'Continue', exact: true }).click();
  const pharmacyCard = page.locator('.nhsuk-card', { hasText: pharmacy.fileName });
  await expect(pharmacyCard).toContainText('Conversation 2');
  // The business notice is a system line: the business did write, but only its own reply.
  await expect(pharmacyCard.locator('.nhsuk-summary-list__row', { hasText: 'Messages' })).toContainText('3');
  await page.getByRole('button', { name: 'Continue to scope' }).click();

  // Scope: one shared reason, said once.
  await expect(page.getByTestId('scope-count')).toHaveText('8 of 8 messages are in scope.', { timeout: 60_000 });
  await expect(page.getByTestId('scope-shared-reason')).toHaveText('All 8 messages: All dates are in scope.');
  await page.getByRole('button', { name: 'Continue to review' }).click();

  // People: the two staff who post bed states are staff, whatever "Mr Reeve" and "Mrs Shah" suggested.
  await page.getByText(/People and their pseudonyms/).click();
  await expect(page.getByTestId('person').filter({ hasText: 'Priya Shah' })).toContainText('shown as Staff member A');
  await expect(page.getByTestId('person').filter({ hasText: 'Tom Reeve' })).toContainText('shown as Staff member B');
  const conversation = page.getByRole('region', { name: 'Conversation' });
  await expect(conversation.getByText('This business uses a secure service from Meta')).toBeVisible();
  await expect(conversation.getByRole('button', { name: /"Meta"/ })).toHaveCount(0);

  // Search finds a message by its attachment's file name.
  await page.getByLabel('Search messages').fill('WA0007');
  await expect(page.locator('#search-result')).toContainText('1 matching message');
  await page.getByLabel('Search messages').fill('');

  // A selection is asked what it is, with a guess from the text (a plain word: other information).
  await conversation.evaluate((list) => {
    list.scrollTop = list.scrollHeight;
  });
  await expect(conversation.getByText('ready at the counter')).toBeVisible();
  await page.evaluate(() => {
    const paragraph = [...document.querySelectorAll('[data-text-of]')].find((p) =>
      p.textContent?.includes('ready at the counter'),
    ) as HTMLElement;
    const node = paragraph.firstChild?.firstChild ?? paragraph.firstChild;
    const text = node?.textContent ?? '';
    const range = document.createRange();
    range.setStart(node as Node, text.indexOf('counter'));
    range.setEnd(node as Node, text.indexOf('counter') + 'counter'.length);
    window.getSelection()?.removeAllRanges();
    window.getSelection()?.addRange(range);
    paragraph.dispatchEvent(new MouseEvent('mouseup', { bubbles: true }));
  });
  await expect(page.getByLabel('What "counter" is')).toHaveValue('custom');
  await page.getByRole('button', { name: 'Redact selected text "counter"' }).click();
  await expect(conversation.getByRole('button', { name: /^Custom term "counter"/ })).toBeVisible();
  await shot(page, '61-two-chats-review');

  // The bundle keeps the chats apart, each under its own title; pluralised properly.
  await page.getByRole('button', { name: 'Continue to package' }).click();
  await expect(page.getByLabel('What was searched')).toHaveValue(/chats ".*" and ".*"/);
  await page.getByRole('button', { name: 'Build the disclosure bundle' }).click();
  await expect(page.getByRole('heading', { name: 'Bundle ready' })).toBeVisible({ timeout: 90_000 });
  const bundle = await downloadBytes(page, /Download the disclosure bundle/);
  const html = new TextDecoder().decode(unzipSync(bundle.bytes)['transcript.html']);
  const first = html.indexOf('<h2 id="conversation-1">Conversation 1 of 2');
  const second = html.indexOf('<h2 id="conversation-2">Conversation 2 of 2');
  expect(first).toBeGreaterThan(0);
  expect(second).toBeGreaterThan(first);
  expect(html.slice(first, second)).toContain('Ward 25 has 3 beds free');
  expect(html.slice(second)).toContain('apixaban');
  expect(html).toContain('<h2 id="schedule">Redaction schedule</h2>');
  expect(html).not.toContain('Priya Shah');
});
