/**
 * An export that holds several chats: the officer is asked which one the request is about (a Telegram Desktop full
 * export, where a chat must be chosen; a Slack workspace export, where "all channels" is a choice too), only that chat
 * is added, and a reload reads the same chat again.
 */
import { expect, type Page, test } from '@playwright/test';
import { strToU8, zipSync } from 'fflate';
import { openControlled, shot, startCase } from '../../apps/chat-disclosure/test/e2e-helpers.ts';
import { expectNoAxeViolations } from './axe.ts';

test.use({ locale: 'en-GB', timezoneId: 'Europe/London' });

/** A Telegram Desktop full export (`result.json` with `chats.list`) of two made-up chats. */
function telegramFullExport(): string {
  let id = 0;
  const message = (at: string, from: string, text: string) => {
    id++;
    const unix = Math.floor(Date.parse(`${at}Z`) / 1000);
    return { id, type: 'message', date: at, date_unixtime: String(unix), from, from_id: `user-${from}`, text };
  };
  return JSON.stringify({
    about: 'Made-up export for the multi-chat test',
    chats: {
      about: 'chats',
      list: [
        {
          name: 'Pharmacy queries',
          type: 'private_group',
          id: 101,
          messages: [
            message('2025-02-03T09:00:00', 'Priya Shah', 'Is the new stock list ready?'),
            message('2025-02-03T09:05:00', 'Tom Reeve', 'Yes, on the shared drive.'),
            message('2025-02-03T09:06:00', 'Priya Shah', 'Thanks.'),
          ],
        },
        {
          name: 'Ward 4 night shift',
          type: 'private_group',
          id: 102,
          messages: [
            message('2025-02-04T22:00:00', 'Olu Adebayo', 'Handover at 22:30 please.'),
            message('2025-02-04T22:10:00', 'Grace Lindqvist', 'On my way.'),
            message('2025-02-04T22:31:00', 'Olu Adebayo', 'Bay 2 is quiet tonight.'),
            message('2025-02-04T23:15:00', 'Marek Nowak', 'Pharmacy top-up arrived.'),
          ],
        },
      ],
    },
  });
}

/** A Slack workspace export zip with two made-up channels. */
function slackExport(): Uint8Array {
  const day = (messages: { user: string; text: string; ts: string }[]) =>
    strToU8(JSON.stringify(messages.map((m) => ({ type: 'message', ...m }))));
  return zipSync({
    'users.json': strToU8(
      JSON.stringify([
        { id: 'U1', name: 'hana', real_name: 'Hana Kowalczyk' },
        { id: 'U2', name: 'ife', real_name: 'Ife Okonkwo' },
        { id: 'U3', name: 'ravi', real_name: 'Ravi Menon' },
      ]),
    ),
    'channels.json': strToU8(
      JSON.stringify([
        { id: 'C1', name: 'estates' },
        { id: 'C2', name: 'outpatients' },
      ]),
    ),
    'estates/2025-03-10.json': day([
      { user: 'U1', text: 'Lift 3 is out of order.', ts: '1741600800.000100' },
      { user: 'U3', text: 'Engineer booked.', ts: '1741601400.000200' },
    ]),
    'outpatients/2025-03-10.json': day([
      { user: 'U2', text: 'Clinic B runs late today.', ts: '1741604400.000100' },
      { user: 'U1', text: 'Noted, I will tell reception.', ts: '1741604700.000200' },
      { user: 'U2', text: 'Thanks.', ts: '1741605000.000300' },
    ]),
  });
}

/** The tool opened, and an FOI case started and saved. */
async function startFoiCase(page: Page, reference: string): Promise<void> {
  await openControlled(page);
  await startCase(page, { type: 'FOI', reference, received: '2025-03-03', requester: 'A journalist' });
  await expect(page.getByTestId('deadline')).toContainText('Due');
}

test('a Telegram full export: the officer chooses the chat, and a reload reads the same one', async ({ page }) => {
  test.setTimeout(120_000);
  await startFoiCase(page, 'FOI-2025-0301');
  await page.getByLabel('Choose chat export files').setInputFiles({
    name: 'result.json',
    mimeType: 'application/json',
    buffer: Buffer.from(telegramFullExport()),
  });
  const question = page.getByRole('group', { name: 'Which chat in result.json is the request about?' });
  await expect(question).toBeVisible();
  await expect(question.getByRole('radio')).toHaveCount(2);
  await expect(page.getByRole('heading', { name: /Which chat in result\.json/ })).toBeFocused();

  // A file dropped while this one waits for its chat is not read alongside it: the status says to wait.
  const dropped = await page.evaluateHandle(() => {
    const transfer = new DataTransfer();
    transfer.items.add(new File(['01/02/2021, 10:00 - Ana: hi\n'], 'other.txt', { type: 'text/plain' }));
    return transfer;
  });
  await page.getByRole('region', { name: 'Add chat exports' }).dispatchEvent('drop', { dataTransfer: dropped });
  await expect(page.getByRole('status')).toContainText('Wait until result.json has been read, then add more.');
  await expect(page.locator('.nhsuk-card', { hasText: 'other.txt' })).toHaveCount(0);

  // Nothing chosen: an error says what to do.
  await page.getByRole('button', { name: 'Add to the case' }).click();
  await expect(question).toContainText('Choose the chat the request is about');
  await expectNoAxeViolations(page, 'choose a chat');
  await shot(page, '30-choose-chat');

  await question.getByLabel('Ward 4 night shift').check();
  await page.getByRole('button', { name: 'Add to the case' }).click();
  const card = page.locator('.nhsuk-card', { hasText: 'result.json' });
  await expect(card).toContainText('Olu Adebayo, Grace Lindqvist, Marek Nowak');
  await expect(card).not.toContainText('Priya Shah');
  await expect(card.locator('.nhsuk-summary-list__row', { hasText: 'Chosen chat' })).toContainText(
    'Ward 4 night shift',
  );
  await expect(card.locator('.nhsuk-summary-list__row', { hasText: 'Messages' })).toContainText('4');
  await expect(question).toHaveCount(0);
  await expectNoAxeViolations(page, 'chosen chat added');
  await shot(page, '31-chosen-chat');

  // Reload: the stored archive is read again with the same chat, so the scope counts its 4 messages.
  await page.waitForTimeout(500);
  await page.reload();
  await expect(page.locator('.nhsuk-card', { hasText: 'result.json' })).toContainText('Ward 4 night shift', {
    timeout: 30_000,
  });
  await page.getByRole('button', { name: 'Continue to scope' }).click();
  await expect(page.getByTestId('scope-count')).toHaveText('4 of 4 messages are in scope.', { timeout: 60_000 });
});

test('a Slack export of two channels: one channel, or all of them, and Cancel adds nothing', async ({ page }) => {
  test.setTimeout(120_000);
  await startFoiCase(page, 'FOI-2025-0302');
  const input = page.getByLabel('Choose chat export files');
  const file = { name: 'Trust workspace.zip', mimeType: 'application/zip', buffer: Buffer.from(slackExport()) };
  await input.setInputFiles(file);
  const question = page.getByRole('group', { name: /Which channel in Trust workspace\.zip/ });
  await expect(question.getByRole('radio')).toHaveCount(3);
  await expect(question.getByRole('radio', { name: '#outpatients' })).toBeVisible();
  await expect(question).toContainText('3 messages');
  await expect(question.getByRole('radio', { name: 'All channels' })).toBeVisible();
  await expectNoAxeViolations(page, 'choose a Slack channel');
  await shot(page, '32-choose-channel');

  await page.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'was not added' })).toBeVisible();
  await expect(page.locator('.nhsuk-card', { hasText: 'Trust workspace.zip' })).toHaveCount(0);

  await input.setInputFiles(file);
  await question.getByLabel('#outpatients').check();
  await page.getByRole('button', { name: 'Add to the case' }).click();
  const card = page.locator('.nhsuk-card', { hasText: 'Trust workspace.zip' });
  const participants = card.locator('.nhsuk-summary-list__row', { hasText: 'Participants' });
  await expect(participants).toContainText('Ife Okonkwo');
  await expect(participants).toContainText('Hana Kowalczyk');
  await expect(card).not.toContainText('Ravi Menon');
  await card.getByRole('button', { name: /Remove/ }).click();
  await expect(card).toHaveCount(0);

  await input.setInputFiles(file);
  await question.getByLabel('All channels').check();
  await page.getByRole('button', { name: 'Add to the case' }).click();
  await expect(card.locator('.nhsuk-summary-list__row', { hasText: 'Messages' })).toContainText('5');
  await expect(card).toContainText('All 2: #estates, #outpatients');
  await expect(card).toContainText('Ravi Menon');
});
