import { expect, test } from '@playwright/test';
import { answerEveryQuestionCorrectly, answerEveryQuestionWrongly, service, signIn } from './attestation-helpers.ts';
import { expectNoAxeViolations } from './axe.ts';

test('staff attest to the policy, pass the assessment marked on the server, and get a certificate that verifies', async ({
  page,
  browser,
}) => {
  // The sign-in page links to the certificate check once (the footer's), not twice in the tab order.
  await page.goto(`${service}/sign-in`);
  await expect(page.getByRole('link', { name: 'Check a certificate' })).toHaveCount(1);
  await signIn(page, 'staff');
  await expect(page.getByRole('heading', { level: 1, name: 'My training' })).toBeVisible();
  await expectNoAxeViolations(page, 'my training');

  await page.getByRole('link', { name: 'Read and attest to the instant messaging policy' }).click();
  await expect(page.getByRole('heading', { name: /Instant messaging policy, version/ })).toBeVisible();
  await expectNoAxeViolations(page, 'policy');
  // Without the confirmation box ticked, nothing is recorded.
  await page.getByRole('button', { name: 'Attest' }).click();
  await expect(page.getByRole('alert')).toContainText('Confirm that you have read and will follow the policy');
  await page.getByLabel(/I have read version .* of this policy and I will follow it/).check();
  await page.getByRole('button', { name: 'Attest' }).click();
  await expect(page.getByTestId('attested')).toContainText('Attestation recorded');

  // A form sent with no answers, or only some, is not marked: the error summary names each unanswered question and
  // links to it, and the answers given stay ticked.
  await page.goto(`${service}/my/assessment`);
  await expectNoAxeViolations(page, 'assessment');
  await page.getByRole('button', { name: 'Submit my answers' }).click();
  const summary = page.getByRole('alert');
  // None answered: one line in the summary, to the first question; each question is marked beside it.
  await expect(summary.getByRole('link')).toHaveCount(1);
  await expect(
    summary.getByRole('link', { name: /^Answer the questions: none of the \d+ has an answer yet$/ }),
  ).toHaveAttribute('href', '#q-0');
  await expect(page.locator('#q-1-error')).toContainText('Answer question 2');
  await expect(page.getByTestId('result')).toHaveCount(0);
  const firstOption = page.locator('#q-0 input').first();
  await firstOption.check();
  await page.getByRole('button', { name: 'Submit my answers' }).click();
  await expect(summary.getByRole('link', { name: 'Answer question 2', exact: true })).toBeVisible();
  await expect(summary.getByRole('link', { name: 'Answer question 1', exact: true })).toHaveCount(0);
  await expect(firstOption).toBeChecked();
  await expectNoAxeViolations(page, 'assessment with unanswered questions');

  // Every question answered wrongly is a fail, marked on the server; the result is a page of its own, so a reload
  // shows it again rather than offering to send the answers twice.
  await answerEveryQuestionWrongly(page);
  await page.getByRole('button', { name: 'Submit my answers' }).click();
  await expect(page.getByTestId('result')).toHaveAttribute('data-passed', 'false');
  await expect(page).toHaveURL(/\/my\/assessment\?result=[0-9a-f-]+$/);
  await page.reload();
  await expect(page.getByTestId('result')).toHaveAttribute('data-passed', 'false');
  // Each right answer missed says so, once, and not as if it had been chosen.
  const missed = page.getByTestId('review-option');
  await expect(missed.filter({ hasText: ': the right answer, which you did not choose.' }).first()).toBeVisible();
  await expect(missed.filter({ hasText: '(right)' })).toHaveCount(0);
  await expect(missed.filter({ hasText: ': your answer, right.' })).toHaveCount(0);

  await page.goto(`${service}/my/assessment`);
  const questions = await answerEveryQuestionCorrectly(page);
  expect(questions).toBeGreaterThan(5);
  const sent = await page
    .locator('main form')
    .evaluate((form) => [...new FormData(form as HTMLFormElement)].map(([name, value]) => [name, String(value)]));
  await page.getByRole('button', { name: 'Submit my answers' }).click();
  await expect(page.getByTestId('result')).toHaveAttribute('data-passed', 'true');
  await expect(page.getByTestId('review-option').first()).toContainText(': your answer, right.');
  await expectNoAxeViolations(page, 'result');
  const shortCode = (await page.getByTestId('short-code').textContent())?.trim() ?? '';
  expect(shortCode).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
  // The same answers sent again (a double click, or Back and the browser's resend) show the same result and
  // certificate, not an error page.
  await page.evaluate((entries) => {
    const form = document.createElement('form');
    form.method = 'post';
    form.action = '/my/assessment';
    for (const [name, value] of entries) {
      const input = document.createElement('input');
      input.type = 'hidden';
      input.name = name ?? '';
      input.value = value ?? '';
      form.append(input);
    }
    document.body.append(form);
    form.submit();
  }, sent);
  await expect(page.getByTestId('already-marked')).toBeVisible();
  await expect(page.getByTestId('result')).toHaveAttribute('data-passed', 'true');
  await expect(page.getByTestId('short-code')).toHaveText(shortCode);
  const download = page.waitForEvent('download');
  await page.getByTestId('certificate-download').click();
  const pdfPath = await (await download).path();

  // Status is now done.
  await page.goto(`${service}/my`);
  await expect(page.getByTestId('tasks')).not.toContainText('To do');

  // Anyone can check the code, and the downloaded file, without signing in.
  const visitorContext = await browser.newContext();
  const visitor = await visitorContext.newPage();
  await visitor.goto(`${service}/verify`);
  await visitor.getByLabel('Certificate code').fill(shortCode.toLowerCase());
  await visitor.getByRole('button', { name: 'Check code' }).click();
  await expect(visitor.getByTestId('verify-result')).toHaveAttribute('data-status', 'valid');
  await expect(visitor.getByTestId('verify-result')).toContainText('This certificate is genuine and in date');
  await expectNoAxeViolations(visitor, 'verify');
  await visitor.getByLabel('Or upload the certificate PDF').setInputFiles(pdfPath);
  await visitor.getByRole('button', { name: 'Check file' }).click();
  await expect(visitor.getByTestId('verify-result')).toHaveAttribute('data-status', 'valid');
  const api = await visitor.request.get(`${service}/api/verify/${shortCode}`);
  expect(api.status()).toBe(200);
  expect(await api.json()).toMatchObject({ status: 'valid', fields: { shortCode: shortCode.replaceAll('-', '') } });
  await visitorContext.close();
});
