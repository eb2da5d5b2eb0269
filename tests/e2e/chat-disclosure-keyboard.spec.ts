/**
 * Keyboard only: a records officer who does not use a mouse opens the sample case, works through the accept/reject
 * loop with the shortcuts (focus follows the current proposal, each decision is announced), then packages and
 * downloads the bundle, all without a click.
 */
import { expect, type Page, test } from '@playwright/test';
import { openControlled, shot } from '../../apps/chat-disclosure/test/e2e-helpers.ts';
import { expectNoAxeViolations } from './axe.ts';

test.use({ locale: 'en-GB', timezoneId: 'Europe/London' });

/** Presses Tab until the focused element matches, failing after `limit` presses. */
async function tabTo(page: Page, matches: (element: Element) => boolean, limit = 120): Promise<void> {
  const source = matches.toString();
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press('Tab');
    // biome-ignore lint/security/noGlobalEval: the predicate is this test's own function, sent to the page as source
    const found = await page.evaluate((fn) => eval(`(${fn})`)(document.activeElement), source);
    if (found) return;
  }
  throw new Error(`Tab never reached ${source}`);
}

const focusedProposal = (page: Page) =>
  page.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset.proposalId ?? null);

test('review and package with the keyboard alone', async ({ page }) => {
  test.setTimeout(150_000);
  await openControlled(page);
  await tabTo(page, (element) => element.textContent === 'Try it with a sample case');
  await page.keyboard.press('Enter');
  const counts = page.getByTestId('review-counts');
  await expect(counts).toContainText('still to review', { timeout: 60_000 });
  const start = Number(((await counts.textContent()) ?? '').split(' ')[0]?.replace(/,/g, ''));

  // Into the conversation: J goes to the first proposal and focuses it.
  await tabTo(page, (element) => element.getAttribute('aria-label') === 'Conversation');
  await page.keyboard.press('j');
  await expect.poll(() => focusedProposal(page)).not.toBeNull();
  const first = await focusedProposal(page);
  await expect(page.getByTestId('announcement')).toContainText('Next:');

  // A accepts and moves on; R rejects and moves on; K goes back.
  await page.keyboard.press('a');
  await expect(page.getByTestId('announcement')).toContainText('Redacted');
  await expect.poll(() => focusedProposal(page)).not.toBe(first);
  const second = await focusedProposal(page);
  expect(second).not.toBeNull();
  await page.keyboard.press('r');
  await expect(page.getByTestId('announcement')).toContainText('Kept');
  await expect(counts).toContainText(`${(start - 2).toLocaleString('en-GB')} still to review`);
  await expect(counts).toContainText('1 accepted · 1 kept');
  await page.keyboard.press('k');
  await expect.poll(() => focusedProposal(page)).not.toBe(second);
  expect(await focusedProposal(page)).not.toBeNull();
  // Each highlighted redaction is a button whose name says what, its status and its exemption.
  const label = await page.evaluate(() => document.activeElement?.getAttribute('aria-label'));
  expect(label).toMatch(/".+", (to review|redacted|kept), /);
  await expectNoAxeViolations(page, 'keyboard review');

  // Scrolling the conversation far from the proposal in focus (a mouse wheel, or a zoom or resize that changes the
  // scroll position) keeps its row in the page, so the keyboard focus stays where it was and the keys still work.
  const focused = await focusedProposal(page);
  expect(focused).not.toBeNull();
  const list = page.getByRole('region', { name: 'Conversation' });
  await list.evaluate((element) => {
    element.scrollTop = element.scrollTop > element.scrollHeight / 2 ? 0 : element.scrollHeight;
  });
  await expect(page.locator(`[data-proposal-id="${focused}"]`)).not.toBeInViewport();
  expect(await focusedProposal(page)).toBe(focused);

  // "/" jumps to search; typing filters the list.
  await page.keyboard.press('/');
  expect(await page.evaluate(() => document.activeElement?.id)).toBe('search');
  await page.keyboard.type('bed');
  await expect(page.locator('#search-result')).toContainText('matching messages');
  // A full-page screenshot resizes the page while it is taken, so it comes after the focus checks above.
  await shot(page, '30-keyboard-review');

  // On to packaging, then download, by keyboard: past the rows shown, each with its proposals and its "Leave out".
  await tabTo(page, (element) => element.textContent === 'Continue to package', 300);
  await page.keyboard.press('Enter');
  await tabTo(page, (element) => element.textContent === 'Build the disclosure bundle');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: 'Bundle ready' })).toBeFocused({ timeout: 90_000 });
  await tabTo(page, (element) => element.textContent?.startsWith('Download the disclosure bundle') ?? false, 10);
  const [download] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
  expect(download.suggestedFilename()).toMatch(/^SAMPLE-\d+-disclosure-bundle\.zip$/);
});
