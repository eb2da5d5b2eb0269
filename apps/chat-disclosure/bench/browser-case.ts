/**
 * What the two browser benches share: Debian's Chromium when the machine has it, and a new case filled in up to the
 * step where an export is added.
 */
import type { Page } from '@playwright/test';

/** Debian's Chromium (Playwright's own download does not work on these machines), or undefined for Playwright's. */
export const chromiumPath = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((path) => {
  try {
    return Boolean(process.getBuiltinModule('node:fs').statSync(path));
  } catch {
    return false;
  }
});

/** Opens the tool at `url`, starts a case with `reference` and saves it, leaving the page on "Add chat exports". */
export async function startCase(page: Page, url: string, reference: string): Promise<void> {
  await page.goto(`${url}/`);
  await page.getByRole('button', { name: 'Start a new case' }).click();
  await page.getByLabel('Request reference').fill(reference);
  await page.getByLabel('Day').fill('1');
  await page.getByLabel('Month').fill('9');
  await page.getByLabel('Year').fill('2025');
  await page.getByLabel('Who made the request').fill('Bench');
  await page.getByLabel('Your name').fill('Bench');
  await page.getByRole('button', { name: 'Save and continue' }).click();
}
