/**
 * Before the bundle is built, the package step lists a value withheld in one place and still shown in another (here a
 * patient's name in a link), and one click withholds every occurrence: the bundle then shows it nowhere.
 */
import { expect, test } from '@playwright/test';
import { unzipSync } from 'fflate';
import {
  addChatAndApplyScope,
  downloadBytes,
  openControlled,
  startCase,
} from '../../apps/chat-disclosure/test/e2e-helpers.ts';
import { expectNoAxeViolations } from './axe.ts';

test.use({ locale: 'en-GB', timezoneId: 'Europe/London' });

const exportText = [
  '12/03/2024, 08:01 - Jane Okafor: Mr Zorbek in bed 4 is asking for his son',
  '12/03/2024, 08:05 - Sam Patel: photos at https://example.org/zorbek/ward-4 for the family',
  '',
].join('\n');

test('a name withheld in one message and shown in a link in another is listed, and withheld everywhere in one click', async ({
  page,
}) => {
  test.setTimeout(120_000);
  await openControlled(page);
  await startCase(page, { type: 'FOI', reference: 'FOI-2025-0072', received: '2025-09-10', requester: 'A Journalist' });
  await addChatAndApplyScope(page, exportText, '2 of 2 messages are in scope');
  await page.getByRole('button', { name: 'Continue to review' }).click();
  await page.getByRole('button', { name: 'Continue to package' }).click();

  const listed = page.getByTestId('still-shown');
  await expect(listed).toContainText('Withheld in one place, shown in another');
  await expect(listed.getByRole('listitem')).toHaveText(/Zorbek, shown in 1 place/);
  await expectNoAxeViolations(page, 'package step with a value still shown');
  await listed.getByRole('button', { name: 'Withhold every occurrence of "Zorbek"' }).click();
  await expect(listed).toHaveCount(0);

  await page.getByRole('button', { name: 'Build the disclosure bundle' }).click();
  await expect(page.getByRole('heading', { name: 'Bundle ready' })).toBeVisible({ timeout: 90_000 });
  const bundle = unzipSync((await downloadBytes(page, /Download the disclosure bundle/)).bytes);
  const transcript = new TextDecoder().decode(bundle['transcript.csv']).toLowerCase();
  expect(transcript).toContain('https://example.org/');
  expect(transcript).not.toContain('zorbek');
});
