/**
 * A SAR on a ward chat where another patient has the data subject's given name: "Margaret Evans" is not the subject,
 * and a message that names only "Margaret" is in scope for the officer to check, its name withheld until they keep it.
 */
import { expect, test } from '@playwright/test';
import { openControlled, startCase } from '../../apps/chat-disclosure/test/e2e-helpers.ts';
import { expectNoAxeViolations } from './axe.ts';

test.use({ locale: 'en-GB', timezoneId: 'Europe/London' });

const exportText = [
  '12/03/2024, 08:01 - Jane Okafor: Margaret Thompson bed 4 for CT today',
  '12/03/2024, 08:05 - Sam Patel: Margaret Evans in bed 6 is agitated',
  '12/03/2024, 08:09 - Jane Okafor: Margaret in bed 6 pulled her cannula out',
  '12/03/2024, 08:12 - Sam Patel: Mrs Evans needs a commode',
  '',
].join('\n');

test('a SAR where someone else has the subject’s given name: the officer is asked to check who is meant', async ({
  page,
}) => {
  test.setTimeout(120_000);
  await openControlled(page);
  await startCase(page, {
    type: 'SAR',
    reference: 'SAR-2025-0044',
    received: '2025-09-10',
    requester: 'Margaret Thompson',
  });
  await page.getByLabel('Choose chat export files').setInputFiles({
    name: 'WhatsApp Chat with Ward 7.txt',
    mimeType: 'text/plain',
    buffer: Buffer.from(exportText),
  });
  await expect(page.locator('.nhsuk-card', { hasText: 'WhatsApp Chat with Ward 7.txt' })).toContainText('Sam Patel');
  await page.getByRole('button', { name: 'Continue to scope' }).click();
  await page.getByLabel('Full name').fill('Margaret Thompson');
  await page.getByRole('button', { name: 'Apply the scope' }).click();

  // Before: "Margaret Evans" was taken for the subject, and both her messages were in scope with "Margaret" kept.
  await expect(page.getByTestId('scope-count')).toContainText('2 of 4 messages are in scope', { timeout: 60_000 });
  const check = page.getByTestId('scope-to-check');
  await expect(check).toContainText('Check who is meant');
  await expect(check).toContainText('1 message is in scope only because of a name that may be someone else’s');
  await expect(check.getByRole('listitem')).toHaveCount(1);
  await expect(check.getByRole('listitem')).toContainText('08:09, Jane Okafor');
  await expect(check.getByRole('listitem')).toContainText('which someone else in the chat shares');
  await expectNoAxeViolations(page, 'scope with a message to check');

  await page.getByRole('button', { name: 'Continue to review' }).click();
  const conversation = page.getByRole('region', { name: 'Conversation' });
  const article = conversation.getByRole('article').filter({ hasText: 'pulled her cannula out' });
  const name = article.getByRole('button', { name: /Name "Margaret"/ });
  await expect(name).toBeVisible({ timeout: 30_000 });
  await name.click();
  await expect(page.getByText(/Found as a name two people in the chat have/)).toBeVisible();
});
