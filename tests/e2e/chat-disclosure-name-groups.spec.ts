/**
 * Names carried through the chat (issue 18): a name found once by a cue ("Mr Zorbek") is proposed at every other use
 * by the consistency pass. The review lists it as one group with its places and where it was found; one click keeps
 * every carried place with one group decision, the counts follow, the find it rests on stays for its own decision, and
 * the page passes axe at desktop width and at 390 px.
 */
import { importChat } from '@im-records/chat-import';
import { detectPersonalDataSync, proposalGroups } from '@im-records/redaction';
import { expect, test } from '@playwright/test';
import { openControlled, shot, startCase } from '../../apps/chat-disclosure/test/e2e-helpers.ts';
import { expectNoAxeViolations } from './axe.ts';

test.use({ locale: 'en-GB', timezoneId: 'Europe/London' });

const fileName = 'WhatsApp Chat with Ward 7.txt';
/** One cue ("Mr Zorbek"), then four uses of the surname alone that only the consistency pass finds. */
const chatText = `${[
  '[12/03/2025, 09:00:01] Jane Okafor: Mr Zorbek in bay 4 needs bloods',
  '[12/03/2025, 09:05:01] Sam Patel: Zorbek bloods done',
  '[12/03/2025, 09:10:01] Jane Okafor: Zorbek for CT at 11',
  '[12/03/2025, 09:15:01] Sam Patel: ok Zorbek back on the ward',
  '[12/03/2025, 09:20:01] Jane Okafor: Zorbek family called',
].join('\n')}\n`;

test('a name carried through the chat is kept everywhere with one click', async ({ page }) => {
  test.setTimeout(120_000);
  // The engine itself groups the four carried uses under the cue's find: the screen below shows that group.
  const { conversation } = await importChat({ fileName, bytes: new TextEncoder().encode(chatText) });
  const detected = detectPersonalDataSync(conversation, { mode: 'foi' });
  const [group, ...others] = proposalGroups(detected.proposals);
  expect(others).toEqual([]);
  expect(group?.text).toBe('Zorbek');
  expect(group?.proposalIds).toHaveLength(4);
  expect(group?.originProposal?.rule).toBe('name:title');

  await openControlled(page);
  await startCase(page, { type: 'FOI', reference: 'FOI-2025-0200', received: '2025-03-14', requester: 'A journalist' });
  await page.getByLabel('Choose chat export files').setInputFiles({
    name: fileName,
    mimeType: 'text/plain',
    buffer: Buffer.from(chatText),
  });
  await expect(page.locator('.nhsuk-card', { hasText: fileName })).toContainText('Jane Okafor');
  await page.getByRole('button', { name: 'Continue to scope' }).click();
  await expect(page.getByTestId('scope-count')).toContainText('5 of 5 messages are in scope.');
  await page.getByRole('button', { name: 'Continue to review' }).click();

  // The group: its name, its places, where it came from, still to review.
  const counts = page.getByTestId('review-counts');
  await expect(counts).toContainText('still to review', { timeout: 60_000 });
  const panel = page.getByRole('region', { name: /Names carried through the chat/ });
  await expect(panel.getByRole('heading')).toHaveText('Names carried through the chat (1)');
  const row = panel.getByTestId('name-group');
  await expect(row).toContainText('Zorbek — 4 places, from one find');
  await expect(row.getByTestId('name-group-state')).toHaveText('4 to review');
  const before = Number(((await counts.textContent()) ?? '').split(' ')[0]?.replace(/,/g, ''));
  const redactionsBefore = Number((await page.getByTestId('redaction-count').textContent())?.match(/\d+/)?.[0]);

  // A carried place says what it is one of, and the toolbar offers the whole group.
  const chat = page.getByRole('region', { name: 'Conversation' });
  const carried = chat.getByRole('button', { name: /Name "Zorbek", to review, .*one of 4 places, from one find/ });
  await expect(carried).toHaveCount(4);
  await carried.first().click();
  await expect(page.getByTestId('active-group')).toContainText('"Zorbek" is one of 4 places, from one find');
  await expectNoAxeViolations(page, 'review with a carried name');
  await shot(page, '50-name-groups');
  await page.setViewportSize({ width: 390, height: 844 });
  await page.waitForTimeout(300);
  // On a phone the list waits behind a button, so the conversation is not pushed down by rows of buttons.
  const toggle = panel.getByRole('button', { name: 'Show the names' });
  await expect(toggle).toHaveAttribute('aria-expanded', 'false');
  await expect(row).toBeHidden();
  await shot(page, '51-name-groups-390');
  await expectNoAxeViolations(page, 'review with a carried name at 390 px');
  await toggle.click();
  await expect(panel.getByRole('button', { name: 'Hide the names' })).toHaveAttribute('aria-expanded', 'true');
  await expect(row.getByRole('button', { name: 'Keep all 4 places of "Zorbek"' })).toBeVisible();
  await shot(page, '51b-name-groups-390-open');
  await expectNoAxeViolations(page, 'the carried names opened at 390 px');
  await page.setViewportSize({ width: 1280, height: 720 });

  // "Show the find" moves to the cue's proposal, which is not a member of the group.
  await row.getByRole('button', { name: 'Show the find of "Zorbek"' }).click();
  await expect(page.getByTestId('active-group')).toHaveCount(0);
  await expect(page.getByRole('region', { name: 'Current redaction' })).toContainText(
    'Found as a name after a title (Mr, Mrs, Dr, Sister, Nurse). Rule name:title, confidence 90%.',
  );

  // One click keeps all four places: one decision, the counts follow, the cue's find is left to review.
  await row.getByRole('button', { name: 'Keep all 4 places of "Zorbek"' }).click();
  await expect(row.getByTestId('name-group-state')).toHaveText('all 4 kept');
  await expect(chat.getByRole('button', { name: /Name "Zorbek", kept, .*one of 4 places/ })).toHaveCount(4);
  await expect(chat.getByRole('button', { name: /Name "Zorbek", to review/ })).toHaveCount(1);
  await expect(counts).toContainText(`${before - 4} still to review`);
  await expect(counts).toContainText('0 accepted · 4 kept');
  await expect(page.getByTestId('redaction-count')).toContainText(`${redactionsBefore - 4} redaction`);
  await expect(page.getByTestId('announcement')).toContainText('Kept "Zorbek" in all 4 places it was carried to.');
  await expect(row.getByRole('button', { name: 'Keep all 4 places of "Zorbek"' })).toBeDisabled();
  await expectNoAxeViolations(page, 'review after keeping a carried name');
  await shot(page, '52-name-groups-kept');

  // The group decision is saved with the case: after a reload the four places are still kept.
  const countsKept = (await counts.textContent()) ?? '';
  await page.waitForTimeout(500);
  await page.reload();
  await expect(counts).toHaveText(countsKept, { timeout: 60_000 });
  await expect(row.getByTestId('name-group-state')).toHaveText('all 4 kept');

  // A change of mind from a carried place in the conversation: the toolbar redacts the whole group again.
  await chat
    .getByRole('button', { name: /Name "Zorbek", kept/ })
    .last()
    .click();
  await page.getByTestId('active-group').getByRole('button', { name: 'Redact all 4 places of "Zorbek"' }).click();
  await expect(row.getByTestId('name-group-state')).toHaveText('all 4 redacted');
  await expect(counts).toContainText('4 accepted · 0 kept');
});
