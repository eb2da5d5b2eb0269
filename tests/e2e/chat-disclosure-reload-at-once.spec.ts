/**
 * A decision survives a reload made at once: the page saves a moment after each change, and as it is left it saves
 * what is pending. That last save was dropped with the page (its transaction waited on a read), so the officer's last
 * decision was lost whenever they reloaded or closed the tab within a fifth of a second of making it. An encrypted case
 * lost it too, every time: its save sealed the record first, and the page went before the sealing was done.
 */
import { expect, test } from '@playwright/test';
import { addChatAndApplyScope, openControlled, startCase } from '../../apps/chat-disclosure/test/e2e-helpers.ts';

test.use({ locale: 'en-GB', timezoneId: 'Europe/London' });

const exportText = [
  '12/03/2024, 08:01 - Jane Okafor: Bed 4 for CT today',
  '12/03/2024, 08:05 - Sam Patel: The rota for next week is up',
  '',
].join('\n');

for (const passphrase of [undefined, 'correct horse battery']) {
  test(`a decision made just before a reload is still there after it (${passphrase ? 'an encrypted' : 'a'} case)`, async ({
    page,
  }) => {
    test.setTimeout(120_000);
    await openControlled(page);
    const details = { reference: 'FOI-2025-0071', received: '2025-09-10', requester: 'A Journalist', passphrase };
    await startCase(page, { type: 'FOI', ...details });
    await addChatAndApplyScope(page, exportText, '2 of 2 messages are in scope');
    await page.getByRole('button', { name: 'Continue to review' }).click();
    const rota = page.getByRole('region', { name: 'Conversation' }).getByRole('article').filter({ hasText: 'rota' });
    await rota.getByRole('button', { name: /^Leave out: Sam Patel/ }).click();
    // No wait: the page is reloaded while the change is still pending.
    await page.reload();
    if (passphrase) {
      await page.getByLabel('Passphrase').fill(passphrase);
      await page.getByRole('button', { name: 'Open case' }).click();
    }
    await expect(page.getByText('in 1 message in scope')).toBeVisible({ timeout: 60_000 });
  });
}
