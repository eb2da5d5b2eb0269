import { expect, test } from '@playwright/test';
import { service, signIn } from './attestation-helpers.ts';
import { expectNoAxeViolations } from './axe.ts';

// Running the programme: an IG lead's reminder settings, the monthly device spot check from the draw to the checker's
// page on a phone and the results, and an admin's learning record store settings. Screenshots go to test-results/.
const shots = 'test-results/attestation-programme';

test('an IG lead draws the spot check, a checker records it on a phone, and the results show the follow-up', async ({
  page,
}) => {
  test.setTimeout(120_000);
  await signIn(page, 'ig-lead');
  await page.getByRole('link', { name: 'Spot checks' }).first().click();
  await expectNoAxeViolations(page, 'spot checks');
  const month = (await page.getByLabel('Month', { exact: true }).inputValue()).trim();
  await page.getByLabel('How many people').fill('4');
  await page.getByLabel('Seed (optional)').fill('e2e-draw');
  await page.getByRole('button', { name: 'Draw' }).click();
  await expect(page.getByTestId('drawn')).toContainText(`for ${month}, seed e2e-draw`);
  // The draw is shown on a page of its own: a reload shows it again rather than offering to draw a second time.
  await expect(page).toHaveURL(new RegExp(`/spot-checks\\?drawn=${month}$`));
  await expect(page.getByTestId('drawn')).toContainText(`--month ${month} --size 4 --seed e2e-draw`);
  await expect(page.getByTestId('to-do').locator('tbody tr')).toHaveCount(4);
  await expect(page.getByTestId('draws')).toContainText('e2e-draw');
  // A second draw for the month is refused with a message by the field.
  await page.getByRole('button', { name: 'Draw' }).click();
  await expect(page.locator('.nhsuk-error-summary')).toContainText(
    `The spot check for ${month} has already been drawn`,
  );

  const checkUrl = (await page.getByTestId('to-do').locator('tbody a').first().getAttribute('href')) ?? '';
  const name = (await page.getByTestId('to-do').locator('tbody a').first().textContent())?.trim() ?? '';
  // The checker's page at phone width.
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(`${service}${checkUrl}`);
  await expect(page.getByRole('heading', { level: 1 })).toContainText(name);
  await expect(page.getByText('Do not photograph the phone')).toBeVisible();
  await expect(page.locator('input[type="file"]')).toHaveCount(0);
  await expectNoAxeViolations(page, 'checker page (390 px)');
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(width).toBeLessThanOrEqual(390);
  await page.screenshot({ path: `${shots}/checker-390.png`, fullPage: true });
  await page.screenshot({ path: `${shots}/checker-390-top.png` });
  await page.locator('#note-lock-screen').scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${shots}/checker-390-item.png` });

  // Nothing chosen: every item is named in the error summary.
  await page.getByRole('button', { name: 'Record the check' }).click();
  await expect(page.locator('.nhsuk-error-summary li')).toHaveCount(6);
  await expectNoAxeViolations(page, 'checker page with errors');
  for (const item of ['approved-app', 'passcode', 'photos', 'transcribed']) {
    await page.locator(`#outcome-${item}-pass`).check();
  }
  await page.locator('#outcome-old-groups-not-applicable').check();
  await page.locator('#outcome-lock-screen-fail').check();
  await page.getByRole('button', { name: 'Record the check' }).click();
  await expect(page.locator('.nhsuk-error-summary')).toContainText(
    'Message previews are off on the lock screen: say what was wrong',
  );
  await page.locator('#note-lock-screen').fill('Previews were on; turned off together during the check.');
  await page.getByRole('button', { name: 'Record the check' }).click();
  await expect(page.getByTestId('result')).toContainText('1 item failed');
  await expect(page.getByTestId('follow-up')).toContainText('take the assessment again by');
  await page.screenshot({ path: `${shots}/checker-recorded-390.png`, fullPage: true });

  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto(`${service}/spot-checks/results`);
  await expectNoAxeViolations(page, 'spot check results');
  await expect(page.getByTestId('checked')).toHaveText('1');
  await expect(page.getByTestId('follow-ups')).toContainText(name);
  await expect(page.getByTestId('by-department').locator('tbody tr')).toHaveCount(1);
  await expect(page.getByTestId('trend')).toContainText(month);
  // Every chart has its data table.
  expect(await page.locator('figure svg:visible').count()).toBe(await page.locator('figure table').count());
  await page.screenshot({ path: `${shots}/results.png`, fullPage: true });
  // The re-check waits on the list, and cannot be recorded before its date (the day of the failure it would close the
  // follow-up before the person could take the assessment again).
  await page.goto(`${service}/spot-checks`);
  await expect(page.getByTestId('to-do')).toContainText('Re-check from');
  await page.getByTestId('to-do').locator('tbody tr', { hasText: 'Re-check from' }).getByRole('link').first().click();
  await expect(page.getByTestId('recheck-due')).toContainText('Due from');
  for (const item of ['approved-app', 'passcode', 'lock-screen', 'photos', 'transcribed', 'old-groups']) {
    await page.locator(`#outcome-${item}-pass`).check();
  }
  await page.getByRole('button', { name: 'Record the check' }).click();
  await expect(page.locator('.nhsuk-error-summary')).toContainText('Date checked: the re-check is due from');
  await expectNoAxeViolations(page, 'a re-check recorded too early');
});

test('an IG lead sets the reminder schedule, previews and runs the day, and downloads the mail merge', async ({
  page,
}) => {
  test.setTimeout(120_000);
  await signIn(page, 'ig-lead');
  await page.getByRole('link', { name: 'Reminders' }).first().click();
  await expectNoAxeViolations(page, 'reminders');
  await expect(page.getByTestId('delivery')).toContainText('No mail server is set up');
  await expect(page.getByLabel('Reminders: days before the due date')).toHaveValue('14, 7, 1');
  // A reminder before the invitation contradicts the schedule.
  await page.getByLabel('Reminders: days before the due date').fill('30, 7');
  await page.getByRole('button', { name: 'Save schedule' }).click();
  await expect(page.locator('.nhsuk-error-summary')).toContainText('Each reminder must come after the invitation');
  await expectNoAxeViolations(page, 'reminders with an error');
  await expect(page.getByLabel('Reminders: days before the due date')).toHaveValue('30, 7');
  await page.getByLabel('Reminders: days before the due date').fill('14, 7, 2');
  await page.getByRole('button', { name: 'Save schedule' }).click();
  await expect(page.getByTestId('message')).toContainText('Schedule saved');
  // Saved, the page is a GET of its own: a reload does not offer to send the form again.
  await expect(page).toHaveURL(/\/reminders\?done=saved$/);
  await expect(page.getByLabel('Reminders: days before the due date')).toHaveValue('14, 7, 2');
  await page.screenshot({ path: `${shots}/reminders.png`, fullPage: true });

  await page.getByRole('link', { name: "Preview today's messages" }).click();
  const preview = page.locator('#preview');
  await expect(preview).toBeVisible();
  const workingDay = (await page.getByTestId('preview-summary').count()) > 0;
  if (workingDay) {
    // The demo trust has overdue staff: each message says what to do and links only to the sign-in page.
    await expect(page.getByTestId('preview-summary')).toContainText(/^[1-9]\d* e-mails? would go/);
    const body = (await preview.locator('pre').first().textContent()) ?? '';
    expect(body.match(/https?:\/\/\S+/g)).toEqual([`${service}/sign-in`]);
    await page.screenshot({ path: `${shots}/reminders-preview.png`, fullPage: true });
  } else await expect(preview).toContainText('not a working day');

  await page.getByRole('button', { name: "Run today's reminders now" }).click();
  await expect(page.getByTestId('message')).toContainText('queued');
  if (!workingDay) return;
  // The service's worker runs it; the messages then wait for the mail merge.
  await expect(async () => {
    await page.goto(`${service}/reminders`);
    await expect(page.getByTestId('runs')).toBeVisible({ timeout: 1000 });
  }).toPass({ timeout: 30_000 });
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: /^Download \d+ messages? \(CSV\)$/ }).click();
  const file = await download;
  const csv = await (await file.createReadStream()).toArray();
  const text = Buffer.concat(csv as Buffer[]).toString('utf8');
  expect(text.split('\r\n')[0]).toBe('email,subject,body,run_on');
  await page.goto(`${service}/reminders`);
  await expect(page.getByText('No messages are waiting for a mail merge.')).toBeVisible();
});

test('an admin connects the learning record store; the secret is never shown', async ({ page }) => {
  await signIn(page, 'admin');
  await page.getByRole('link', { name: 'Learning record store' }).first().click();
  await expectNoAxeViolations(page, 'learning record store');
  await page.getByLabel('Yes').check();
  await page.getByLabel('xAPI address').fill('https://lrs.example-trust.example/xapi/');
  await page.getByLabel('Key (user name)').fill('attestation');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.locator('.nhsuk-error-summary')).toContainText('Give the secret the LRS issued with the key');
  // What was typed stays in the form.
  await expect(page.getByLabel('xAPI address')).toHaveValue('https://lrs.example-trust.example/xapi/');
  await expect(page.getByLabel('Yes')).toBeChecked();
  await page.getByLabel('Secret').fill('not-shown-again');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page).toHaveURL(/\/admin\/lrs\?saved=1$/);
  await expect(page.getByText('A secret is stored. Leave this empty to keep it.')).toBeVisible();
  expect(await page.content()).not.toContain('not-shown-again');
  await expect(page.getByLabel('Yes')).toBeChecked();
  await page.getByLabel('No').check();
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByLabel('No')).toBeChecked();
  await expect(page.getByLabel('xAPI address')).toHaveValue('https://lrs.example-trust.example/xapi/');
  await page.screenshot({ path: `${shots}/lrs.png`, fullPage: true });
});
