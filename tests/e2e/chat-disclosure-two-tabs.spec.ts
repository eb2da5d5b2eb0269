/**
 * One case open in two tabs of the same browser: the tab that opened it first holds it, the second says so and does not
 * edit it, and "Use it here" moves the case across, the first tab saving what it has before it lets go. Before, both
 * tabs edited the case and whichever wrote last won, silently losing the other tab's decisions.
 */
import { type BrowserContext, expect, type Page, test } from '@playwright/test';
import { addChatAndApplyScope, openControlled, shot, startCase } from '../../apps/chat-disclosure/test/e2e-helpers.ts';
import { expectNoAxeViolations } from './axe.ts';

test.use({ locale: 'en-GB', timezoneId: 'Europe/London' });

const exportText = [
  '12/03/2024, 08:01 - Jane Okafor: Bed 4 for CT today',
  '12/03/2024, 08:05 - Sam Patel: The rota for next week is up',
  '12/03/2024, 08:09 - Lee Chan: Canteen shuts at 2 today',
  '',
].join('\n');

const notice = (page: Page) =>
  page.getByRole('heading', { level: 1, name: 'This case is open in another tab or window' });
const inScope = (page: Page, count: string) => page.getByText(`in ${count} in scope`);
const leaveOut = (page: Page, text: string, author: string) =>
  page
    .getByRole('region', { name: 'Conversation' })
    .getByRole('article')
    .filter({ hasText: text })
    .getByRole('button', { name: new RegExp(`^Leave out: ${author}`) })
    .click();

/** A new page with a new case (encrypted when a passphrase is given), its chat added and Sam's rota message left out. */
async function caseInReview(context: BrowserContext, reference: string, passphrase?: string): Promise<Page> {
  const page = await context.newPage();
  await openControlled(page);
  await startCase(page, {
    type: 'FOI',
    reference,
    received: '2025-09-10',
    requester: 'A Journalist',
    ...(passphrase ? { passphrase } : {}),
  });
  await addChatAndApplyScope(page, exportText, '3 of 3 messages are in scope');
  await page.getByRole('button', { name: 'Continue to review' }).click();
  await expect(inScope(page, '3 messages')).toBeVisible({ timeout: 60_000 });
  await leaveOut(page, 'rota', 'Sam Patel');
  await expect(inScope(page, '2 messages')).toBeVisible({ timeout: 60_000 });
  return page;
}

for (const passphrase of [undefined, 'correct horse battery']) {
  const which = passphrase ? 'an encrypted case' : 'a case';
  /** A tab that has not had the passphrase of an encrypted case asks for it as the case opens there. */
  const unlock = async (page: Page) => {
    if (!passphrase) return;
    await page.getByLabel('Passphrase').fill(passphrase);
    await page.getByRole('button', { name: 'Open case' }).click();
  };

  test(`${which} open in two tabs is edited in one at a time, and "Use it here" moves it with every decision`, async ({
    context,
  }) => {
    test.setTimeout(180_000);
    const first = await caseInReview(context, 'FOI-2025-0082', passphrase);

    // The same case opened in a second tab: it says so, and does not load or edit the case.
    const second = await context.newPage();
    await second.goto(first.url());
    await expect(notice(second)).toBeVisible();
    await expect(second.getByRole('button', { name: 'Use it here' })).toBeVisible();
    await expect(second.getByRole('region', { name: 'Conversation' })).toHaveCount(0);
    await expect(notice(first)).toHaveCount(0);
    await expectNoAxeViolations(second, 'the notice that the case is open in another tab');
    await shot(second, `chat-two-tabs-notice${passphrase ? '-encrypted' : ''}`);

    // A decision in the first tab, and "Use it here" in the second straight after: nothing waits for the save.
    await leaveOut(first, 'Canteen', 'Lee Chan');
    await second.getByRole('button', { name: 'Use it here' }).click();
    await unlock(second);
    await expect(notice(first)).toBeVisible({ timeout: 30_000 });
    await expect(first.getByRole('button', { name: 'Use it here' })).toBeVisible();
    await expect(first.getByRole('region', { name: 'Conversation' })).toHaveCount(0);
    await expect(inScope(second, '1 message')).toBeVisible({ timeout: 60_000 });

    // The second tab's decision (bring the rota back into scope, a change of mind), then the first takes the case back.
    await second.getByLabel('Show messages out of scope').check();
    await second
      .getByRole('region', { name: 'Conversation' })
      .getByRole('article')
      .filter({ hasText: 'rota' })
      .getByRole('button', { name: /^Bring into scope: Sam Patel/ })
      .click();
    await expect(inScope(second, '2 messages')).toBeVisible({ timeout: 60_000 });
    await first.getByRole('button', { name: 'Use it here' }).click();
    await expect(notice(second)).toBeVisible({ timeout: 30_000 });
    await expect(inScope(first, '2 messages')).toBeVisible({ timeout: 60_000 });
    await expectNoAxeViolations(second, 'the notice in the tab that gave the case up');

    // Both tabs' decisions are in the case as stored: a reload of the first tab shows them.
    await first.reload();
    await unlock(first);
    await expect(inScope(first, '2 messages')).toBeVisible({ timeout: 60_000 });
    await first.getByLabel('Show messages out of scope').check();
    const rows = first.getByRole('region', { name: 'Conversation' }).getByRole('article');
    await expect(
      rows.filter({ hasText: 'Canteen' }).getByRole('button', { name: /^Bring into scope: Lee Chan/ }),
    ).toBeVisible();
    await expect(rows.filter({ hasText: 'rota' }).getByRole('button', { name: /^Leave out: Sam Patel/ })).toBeVisible();

    // Other cases stay independent: the second tab starts and edits a case of its own while the first holds this one.
    await second.getByRole('link', { name: 'Your cases' }).click();
    await expect(second.getByRole('row').filter({ hasText: 'FOI-2025-0082' })).toContainText('Review');
    // Deleting it here while the first tab has it open is refused: that tab's next save would write it back.
    const listed = second.getByRole('row').filter({ hasText: 'FOI-2025-0082' });
    await listed.getByRole('button', { name: /^Delete/ }).click();
    await listed.getByRole('button', { name: 'Yes, delete for good' }).click();
    await expect(second.locator('.nhsuk-error-summary')).toContainText('This case is open in another tab or window.');
    await expect(listed).toHaveCount(1);
    await expectNoAxeViolations(second, 'the case list refusing to delete a case open elsewhere');
    await startCase(second, {
      type: 'FOI',
      reference: 'FOI-2025-0083',
      received: '2025-09-11',
      requester: 'A Journalist',
    });
    await expect(second.getByLabel('Choose chat export files')).toBeVisible();
    await expect(notice(second)).toHaveCount(0);
    await expect(notice(first)).toHaveCount(0);
  });
}

test('a tab that is busy for a while keeps the case until it answers, and the other tab says it has not answered', async ({
  context,
}) => {
  test.setTimeout(150_000);
  const first = await caseInReview(context, 'FOI-2025-0090');

  const second = await context.newPage();
  await second.goto(first.url());
  await expect(notice(second)).toBeVisible();
  // The first tab's page is busy (a script running for 16 s), so it cannot answer "Use it here" yet. (A tab hung for
  // good is freed when the browser ends it, as closing an unresponsive tab does; checked by hand, as ending one
  // renderer process from a test could end another test's.)
  const busy = first.evaluate(() => {
    const until = Date.now() + 16_000;
    while (Date.now() < until) {
      // busy
    }
  });
  await second.getByRole('button', { name: 'Use it here' }).click();
  await expect(second.getByText('Waiting for the other tab or window to save the case…')).toBeVisible();
  await expect(second.getByTestId('no-answer')).toHaveText(/has not answered: it may be busy, or not responding/, {
    timeout: 15_000,
  });
  await expect(second.getByRole('region', { name: 'Conversation' })).toHaveCount(0);
  await expectNoAxeViolations(second, 'the notice when the other tab does not answer');

  // Once it is free it answers: it saves, lets go, and the case opens here with the decision made there.
  await busy;
  await expect(notice(first)).toBeVisible({ timeout: 30_000 });
  await expect(inScope(second, '2 messages')).toBeVisible({ timeout: 60_000 });
  await expect(second.getByTestId('no-answer')).toHaveCount(0);
});
