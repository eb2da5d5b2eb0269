/**
 * A change survives a reload made the moment after it, every time: the chance that one is lost is small on any one
 * reload, so each test makes many, and counts the reloads that reopened the case a change behind. A decision is toggled
 * (leave a message out, bring it back) and the page reloaded without waiting; likewise a move to another step. Run it
 * for a case in clear and an encrypted one. `RELOAD_ROUNDS` sets how many reloads (6 unless given: the mechanism is proven in `test/journal.test.ts`; this checks the browser keeps it, within the CI time budget).
 */
import { expect, type Page, test } from '@playwright/test';
import { addChatAndApplyScope, openControlled, startCase } from '../../apps/chat-disclosure/test/e2e-helpers.ts';

test.use({ locale: 'en-GB', timezoneId: 'Europe/London' });

const rounds = Number(process.env.RELOAD_ROUNDS ?? 6);

const exportText = [
  '12/03/2024, 08:01 - Jane Okafor: Bed 4 for CT today',
  '12/03/2024, 08:05 - Sam Patel: The rota for next week is up',
  '',
].join('\n');

/** Reloads at once, unlocking an encrypted case again. */
async function reloadNow(page: Page, passphrase: string | undefined): Promise<void> {
  await page.reload();
  if (passphrase) {
    await page.getByLabel('Passphrase').fill(passphrase);
    await page.getByRole('button', { name: 'Open case' }).click();
  }
}

for (const passphrase of [undefined, 'correct horse battery']) {
  const which = passphrase ? 'an encrypted' : 'a';

  test(`every decision made just before a reload is there after it (${which} case)`, async ({ page }) => {
    test.setTimeout(60_000 + rounds * 20_000);
    await openControlled(page);
    const details = { reference: 'FOI-2025-0072', received: '2025-09-10', requester: 'A Journalist', passphrase };
    await startCase(page, { type: 'FOI', ...details });
    await addChatAndApplyScope(page, exportText, '2 of 2 messages are in scope');
    await page.getByRole('button', { name: 'Continue to review' }).click();
    const rota = page.getByRole('region', { name: 'Conversation' }).getByRole('article').filter({ hasText: 'rota' });
    const lost: number[] = [];
    const count = page.getByText(/in (1 message|2 messages) in scope/);
    for (let round = 1; round <= rounds; round++) {
      // Odd rounds leave the message out, even rounds bring it back (shown, out of scope, once it is left out).
      const leaveOut = round % 2 === 1;
      await page.getByLabel('Show messages out of scope').check();
      await rota
        .getByRole('button', { name: leaveOut ? /^Leave out: Sam Patel/ : /^Bring into scope: Sam Patel/ })
        .click();
      await reloadNow(page, passphrase);
      const expected = leaveOut ? 'in 1 message in scope' : 'in 2 messages in scope';
      await count.waitFor({ timeout: 60_000 });
      if (!(await count.textContent())?.includes(expected)) {
        lost.push(round);
        // Made again, so the next round starts from the state it expects.
        await page.getByLabel('Show messages out of scope').check();
        await rota
          .getByRole('button', { name: leaveOut ? /^Leave out: Sam Patel/ : /^Bring into scope: Sam Patel/ })
          .click();
        await page.getByText(expected).waitFor();
        await page.waitForTimeout(500);
      }
    }
    console.log(`decisions lost on reload (${which} case): ${lost.length} of ${rounds} [${lost.join(', ')}]`);
    expect(lost, 'rounds whose decision was lost on reload').toEqual([]);
  });

  test(`every move to another step made just before a reload is there after it (${which} case)`, async ({ page }) => {
    test.setTimeout(60_000 + rounds * 10_000);
    await openControlled(page);
    const details = { reference: 'FOI-2025-0073', received: '2025-09-10', requester: 'A Journalist', passphrase };
    await startCase(page, { type: 'FOI', ...details });
    await page.getByRole('heading', { level: 1, name: /Add chat exports/ }).waitFor();
    const lost: number[] = [];
    const steps = page.getByRole('navigation', { name: 'Case steps' });
    for (let round = 1; round <= rounds; round++) {
      const to = round % 2 === 1 ? 'Case details' : 'Add chat exports';
      await steps.getByRole('button', { name: to }).click();
      await reloadNow(page, passphrase);
      const heading = page.getByRole('heading', { level: 1, name: /Case details|Add chat exports/ });
      await heading.waitFor({ timeout: 60_000 });
      if (!(await heading.textContent())?.includes(to)) {
        lost.push(round);
        await steps.getByRole('button', { name: to }).click();
        await page.getByRole('heading', { level: 1, name: new RegExp(to) }).waitFor();
        await page.waitForTimeout(500);
      }
    }
    console.log(`steps lost on reload (${which} case): ${lost.length} of ${rounds} [${lost.join(', ')}]`);
    expect(lost, 'rounds whose step was lost on reload').toEqual([]);
  });
}
