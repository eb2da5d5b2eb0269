/**
 * WCAG 2.2 criteria axe does not test, on representative pages of the three apps at 1280 and 320 CSS px: target size,
 * focus not obscured and visible, reflow and text spacing (wcag22.ts), and accessible authentication on the service's
 * sign-in. The README's accessibility section lists what was checked by hand besides.
 */
import { expect, type Page, test } from '@playwright/test';
import { appUrls } from '../playwright.config.ts';
import { emails, password, signIn } from './attestation-helpers.ts';
import {
  expectFocusVisibleAndNotObscured,
  expectNoSidewaysScroll,
  expectTargetSize,
  expectTextSpacingKeepsContent,
} from './wcag22.ts';

// The six journeys share nothing: CI's two workers split them.
test.describe.configure({ mode: 'parallel' });

const widths = [
  { width: 1280, height: 800 },
  { width: 320, height: 640 },
];

/** Every check on the page as it is, at the viewport's width. */
async function checkPage(page: Page, name: string, kinds: Set<string>, maxTabs = 40): Promise<void> {
  const context = `${name} at ${page.viewportSize()?.width} px`;
  await expectTargetSize(page, context);
  await expectNoSidewaysScroll(page, context);
  await expectTextSpacingKeepsContent(page, context);
  await expectFocusVisibleAndNotObscured(page, { maxTabs, context, kinds });
}

for (const viewport of widths) {
  test.describe(`at ${viewport.width} px`, () => {
    test.use({ viewport });

    test('training site: home, a guidance page, a scenario and the assessment', async ({ page }) => {
      const kinds = new Set<string>();
      for (const [name, path] of [
        ['home', '/'],
        ['guidance', '/guidance/major-incidents/'],
        ['scenario', '/scenarios/a-request-in-the-ward-group/'],
        ['assessment', '/assessment/'],
      ] as const) {
        await page.goto(`${appUrls.training}${path}`);
        await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
        await checkPage(page, `training ${name}`, kinds);
      }
    });

    test('chat disclosure tool: case list and the review of the sample case', async ({ page }) => {
      // Building the sample case (a made-up chat, imported and checked) may itself take up to a minute on a busy machine.
      test.setTimeout(150_000);
      const kinds = new Set<string>();
      await page.goto(`${appUrls.chatDisclosure}/`);
      await expect(page.getByRole('heading', { level: 1, name: 'Your disclosure cases' })).toBeVisible();
      await checkPage(page, 'chat tool case list', kinds);
      await page.getByRole('button', { name: 'Try it with a sample case' }).click();
      await expect(page.getByTestId('review-counts')).toContainText('still to review', { timeout: 60_000 });
      // The review of a 600-message chat: its toolbar sticks on a phone and grows as a carried name takes focus, so
      // tabbing reaches well into the conversation.
      await checkPage(page, 'chat tool review', kinds, 90);
    });

    test('attestation service: sign-in and a staff member’s training page', async ({ page }) => {
      const kinds = new Set<string>();
      await page.goto(`${appUrls.attestation}/sign-in`);
      await checkPage(page, 'attestation sign-in', kinds);
      await signIn(page, 'staff');
      await checkPage(page, 'attestation my training', kinds);
    });
  });
}

test('the service’s sign-in lets a password manager fill it and allows pasting (3.3.8)', async ({ page }) => {
  await page.goto(`${appUrls.attestation}/sign-in`);
  await expect(page.getByLabel('E-mail address')).toHaveAttribute('autocomplete', 'username');
  await expect(page.getByLabel('Password')).toHaveAttribute('autocomplete', 'current-password');
  // A paste the page cancelled would leave the field empty: paste both values as a password manager or user would.
  for (const [label, value] of [
    ['E-mail address', emails.staff],
    ['Password', password],
  ] as const) {
    const field = page.getByLabel(label);
    const cancelled = await field.evaluate((input, text) => {
      const data = new DataTransfer();
      data.setData('text/plain', text);
      const event = new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true });
      input.dispatchEvent(event);
      return event.defaultPrevented;
    }, value);
    expect(cancelled, `${label} refuses a paste`).toBe(false);
    await field.fill(value);
  }
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL(/\/my$/);
});
