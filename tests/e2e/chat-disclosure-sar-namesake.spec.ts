/**
 * A SAR on a ward chat where another patient has the data subject's given name: "Margaret Evans" is not the subject,
 * and a message that names only "Margaret" is in scope for the officer to check, its name withheld until they keep it.
 * The officer finds it about the other Margaret and leaves it out, and brings in a reply about the subject that names
 * no one: the scope and the bundle follow.
 */
import { expect, test } from '@playwright/test';
import { unzipSync } from 'fflate';
import { downloadBytes, openControlled, startCase } from '../../apps/chat-disclosure/test/e2e-helpers.ts';
import { expectNoAxeViolations } from './axe.ts';

test.use({ locale: 'en-GB', timezoneId: 'Europe/London' });

const exportText = [
  '12/03/2024, 08:01 - Jane Okafor: Margaret Thompson bed 4 for CT today',
  '12/03/2024, 08:05 - Sam Patel: Margaret Evans in bed 6 is agitated',
  '12/03/2024, 08:09 - Jane Okafor: Margaret in bed 6 pulled her cannula out',
  '12/03/2024, 08:12 - Sam Patel: Mrs Evans needs a commode',
  '12/03/2024, 08:20 - Sam Patel: Her CT is booked for 2pm, porter ordered',
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
  await expect(page.getByTestId('scope-count')).toContainText('2 of 5 messages are in scope', { timeout: 60_000 });
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

  // The officer reads it: the other Margaret is meant, so the message is left out.
  await expect(article).toContainText('check who is meant');
  await expectNoAxeViolations(page, 'review with a message to check');
  await article.getByRole('button', { name: /^Leave out: Jane Okafor/ }).click();
  await expect(page.getByTestId('announcement')).toContainText('is left out of the disclosure');
  await expect(article).toHaveCount(0);
  await expect(page.getByText('in 1 message in scope')).toBeVisible();

  // The 08:20 reply is about the subject's CT but names no one: brought in from the messages out of scope.
  await page.getByLabel('Show messages out of scope').check();
  const reply = conversation.getByRole('article').filter({ hasText: 'Her CT is booked' });
  await expect(reply).toContainText('out of scope');
  await reply.getByRole('button', { name: /^Bring into scope: Sam Patel/ }).click();
  await expect(reply).not.toContainText('out of scope');
  await expect(page.getByText('in 2 messages in scope')).toBeVisible();
  await expectNoAxeViolations(page, 'review with messages out of scope shown');

  // The scope step says so too, with the officer's reason.
  await page.getByRole('navigation', { name: 'Case steps' }).getByRole('button', { name: /Scope/ }).click();
  await expect(page.getByTestId('scope-count')).toContainText('2 of 5 messages are in scope');
  await expect(page.getByTestId('scope-to-check')).toHaveCount(0);
  await expect(page.getByRole('table')).toContainText('Left out by the officer');
  // The choices are the case's decisions: they survive a reload.
  // (The page reopens on the step it was on: the scope step.)
  await page.reload();
  await expect(page.getByTestId('scope-count')).toContainText('2 of 5 messages are in scope', { timeout: 60_000 });

  // The bundle has the subject's message and the reply, not the other Margaret's.
  await page
    .getByRole('navigation', { name: 'Case steps' })
    .getByRole('button', { name: /Package/ })
    .click();
  await page.getByRole('button', { name: 'Build the disclosure bundle' }).click();
  await expect(page.getByRole('heading', { name: 'Bundle ready' })).toBeVisible({ timeout: 90_000 });
  const bundle = unzipSync((await downloadBytes(page, /Download the disclosure bundle/)).bytes);
  const transcript = new TextDecoder().decode(bundle['transcript.csv']);
  expect(transcript).toContain('bed 4 for CT today');
  expect(transcript).toContain('Her CT is booked for 2pm');
  expect(transcript).not.toContain('cannula');
  expect(transcript).not.toContain('commode');
});
