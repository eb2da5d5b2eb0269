import { readFileSync } from 'node:fs';
import { nodeFontLoader } from '@im-records/certificate/node';
import { checkCertificatePdf, readCertificateCode } from '@im-records/certificate/pdf';
import { expect, test } from '@playwright/test';
import { PDFDocument, rgb, StandardFonts } from 'pdf-lib';
import { extractText, getDocumentProxy } from 'unpdf';
import { expectNoAxeViolations } from './axe.ts';
import { answerQuestion, screenshots, site, waitForIsland } from './training-helpers.ts';

test.describe.configure({ mode: 'serial' });

test('a learner fails, reviews, passes on a retry with new questions, downloads and checks the certificate', async ({
  page,
}, testInfo) => {
  test.setTimeout(180_000);
  await page.goto(`${site}/assessment/`);
  await waitForIsland(page);
  await expectNoAxeViolations(page, 'assessment: intro');
  await page.getByRole('button', { name: 'Start the assessment' }).click();

  // First attempt: every answer wrong. Check the error, the question and the feedback states with axe once.
  await expect(page.getByRole('heading', { name: /^Question 1 of 16$/ })).toBeFocused();
  await page.getByRole('button', { name: 'Check answer' }).click();
  await expect(page.locator('.nhsuk-error-message')).toBeVisible();
  // Focus goes to the first answer, whose group the error describes, so a screen reader reads the error out; left on
  // the button, nothing was announced.
  await expect(page.locator('[data-question-id] input').first()).toBeFocused();
  await expect(page.locator('[data-question-id] fieldset')).toHaveAttribute('aria-describedby', /-error$/);
  // The title says there is an error first (NHS pattern), and loses it once the error goes.
  await expect(page).toHaveTitle(/^Error: /);
  await expectNoAxeViolations(page, 'assessment: error');
  await screenshots(page, 'assessment-question');
  const firstIds: string[] = [];
  for (let i = 1; i <= 16; i++) {
    await expect(page.getByRole('heading', { name: `Question ${i} of 16` })).toBeVisible();
    firstIds.push(await answerQuestion(page, false));
    const feedback = page.getByTestId('feedback');
    // Focus, not a live region, brings the verdict to a screen reader: both at once read it twice.
    await expect(feedback.locator('[data-feedback-verdict]')).toBeFocused();
    await expect(feedback).not.toHaveAttribute('aria-live');
    await expect(feedback.getByRole('link').first()).toHaveAttribute('href', /^\/guidance\//);
    await expect(feedback.getByText(/^Sources:/)).toBeVisible();
    if (i === 1) {
      await expect(page).not.toHaveTitle(/^Error: /);
      await expectNoAxeViolations(page, 'assessment: feedback');
      await screenshots(page, 'assessment-feedback');
      // Progress survives a reload: the answer is kept and the next question shows.
      await page.reload();
      await waitForIsland(page);
      await expect(page.getByRole('heading', { name: 'Question 2 of 16' })).toBeVisible();
      continue;
    }
    await page.getByRole('button', { name: i === 16 ? 'See your result' : 'Next question' }).click();
  }
  await expect(page.getByRole('heading', { name: 'You did not pass this time' })).toBeVisible();
  await expect(page.getByText('You scored 0 out of 16 (0%). You need 80% to pass.')).toBeVisible();
  await expect(page.locator('[data-review-question]')).toHaveCount(16);
  await expect(page.getByRole('link', { name: 'Get your certificate' })).toHaveCount(0);
  await expectNoAxeViolations(page, 'assessment: failed result and review');
  await screenshots(page, 'assessment-failed');

  // No certificate before passing.
  await page.goto(`${site}/certificate/`);
  await waitForIsland(page);
  await expect(page.getByText('You need to pass the assessment on this device')).toBeVisible();
  await expectNoAxeViolations(page, 'certificate: not passed');

  // Second attempt: all new questions, answered rightly except two (14 of 16 is a pass).
  await page.goto(`${site}/assessment/`);
  await waitForIsland(page);
  await page.getByRole('button', { name: 'Try again' }).click();
  const secondIds: string[] = [];
  for (let i = 1; i <= 16; i++) {
    secondIds.push(await answerQuestion(page, i > 2));
    await page.getByRole('button', { name: i === 16 ? 'See your result' : 'Next question' }).click();
  }
  expect(secondIds.filter((id) => firstIds.includes(id))).toEqual([]);
  await expect(page.getByRole('heading', { name: 'You passed' })).toBeVisible();
  await expect(page.getByText('You scored 14 out of 16 (88%)')).toBeVisible();
  const attempts = page.getByRole('table');
  await expect(attempts.getByRole('row')).toHaveCount(3);
  await expect(attempts).toContainText('Not passed');
  await expectNoAxeViolations(page, 'assessment: passed result');
  await screenshots(page, 'assessment-passed');

  // The certificate: pdf-lib, fontkit and the name font are fetched only now.
  const name = 'Zoë Łukasiewicz-Ní Bhriain';
  const lazyChunks: string[] = [];
  page.on('request', (r) => {
    if (/certificate-(issue|pdf)|DejaVuSans-Bold/.test(r.url())) lazyChunks.push(r.url());
  });
  await page.getByRole('link', { name: 'Get your certificate' }).click();
  await waitForIsland(page);
  expect(lazyChunks).toEqual([]);
  await page.getByRole('button', { name: 'Create certificate' }).click();
  await expect(page.getByText('Enter your full name')).toBeVisible();
  // The field with the error takes focus (it was lost to the page when the button was disabled while working).
  await expect(page.getByLabel('Your full name')).toBeFocused();
  await expect(page).toHaveTitle(/^Error: /);
  await expectNoAxeViolations(page, 'certificate: error');
  // A script no embedded font has (Korean Hangul): refused, naming the characters and what to do.
  await page.getByLabel('Your full name').fill('김민준');
  await page.getByRole('button', { name: 'Create certificate' }).click();
  await expect(page.locator('.nhsuk-error-message')).toContainText('김 (U+AE40)');
  await expect(page.locator('.nhsuk-error-message')).toContainText('Enter your name in Latin letters');
  // A name the standard PDF fonts cannot print (Ł): the embedded Unicode font draws it.
  await page.getByLabel('Your full name').fill(name);
  await page.getByRole('button', { name: 'Create certificate' }).click();
  await expect(page.getByRole('heading', { name: 'Your certificate is ready' })).toBeVisible();
  // The form is replaced by the certificate: focus moves to its heading, so a keyboard user goes on to the download.
  await expect(page.getByRole('heading', { name: 'Your certificate is ready' })).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(page.getByRole('link', { name: 'Download your certificate (PDF)' })).toBeFocused();
  expect(lazyChunks.some((url) => url.includes('DejaVuSans-Bold'))).toBe(true);
  expect(lazyChunks.some((url) => /certificate-(issue|pdf)/.test(url))).toBe(true);
  await expectNoAxeViolations(page, 'certificate: issued');
  await screenshots(page, 'certificate-issued');
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name: 'Download your certificate (PDF)' }).click(),
  ]);
  const pdfPath = testInfo.outputPath('certificate.pdf');
  await download.saveAs(pdfPath);
  const pdf = new Uint8Array(readFileSync(pdfPath));
  const code = await readCertificateCode(pdf);
  expect(code).toBe((await page.getByTestId('verification-code').textContent())?.trim());
  const check = await checkCertificatePdf(pdf, nodeFontLoader);
  // Made by the site alone: a practice certificate, intact but vouched for by nobody.
  expect(check).toMatchObject({ status: 'checked', unchanged: true, verification: { status: 'self-signed' } });
  if (check.status !== 'checked') throw new Error('unreachable');
  const fields = check.verification.fields;
  expect(fields).toMatchObject({
    name,
    scoreCorrect: 14,
    scoreTotal: 16,
    passMark: 0.8,
    policyVersionId: 'im-policy-1.1',
    policyVersion: '1.1',
  });
  // What a reader of the PDF sees: the name spelt exactly, the score and the policy version id.
  const { text } = await extractText(await getDocumentProxy(pdf.slice()), { mergePages: true });
  expect(text).toContain(name);
  expect(text).toContain('14 out of 16 (88%)');
  expect(text).toContain('1.1 (im-policy-1.1)');
  // The long code travels in the file's metadata, not in 6.5 pt type on the page; the page says what it is.
  expect(text.replace(/\s/g, '')).not.toContain(code?.slice(0, 60));
  expect(text).toContain('Practice certificate of completion');
  expect(text).toContain('nobody vouches for it');
  expect(Number(fields.expiresOn.slice(0, 4)) - Number(fields.completedOn.slice(0, 4))).toBe(1);
  expect(fields.expiresOn.slice(4)).toBe(fields.completedOn.slice(4));

  // An edited copy: the name is painted over.
  const doc = await PDFDocument.load(pdf, { updateMetadata: false });
  const font = await doc.embedFont(StandardFonts.HelveticaBold);
  doc.getPage(0).drawRectangle({ x: 50, y: 370, width: 500, height: 40, color: rgb(1, 1, 1) });
  doc.getPage(0).drawText('Someone Else', { x: 56, y: 380, size: 26, font });
  const editedPath = testInfo.outputPath('edited.pdf');
  const { writeFileSync } = await import('node:fs');
  writeFileSync(editedPath, await doc.save({ useObjectStreams: false }));

  // Check both on the verification page, once its island can take the file (a file chosen before it hydrates is lost).
  await page.goto(`${site}/verify/`);
  await waitForIsland(page);
  const result = page.getByTestId('verify-result');
  await page.getByLabel('Upload the certificate PDF').setInputFiles(pdfPath);
  await expect(result.getByRole('heading', { name: 'Practice certificate: nobody vouches for it' })).toBeVisible();
  await expect(result.getByRole('heading', { name: 'Certificate details are genuine' })).toHaveCount(0);
  await expect(result).toContainText(name);
  await expect(result).toContainText('14 out of 16');
  await expect(result).toContainText('1.1 (im-policy-1.1)');
  await expectNoAxeViolations(page, 'verify: practice');
  await screenshots(page, 'verify-practice');
  await page.getByLabel('Upload the certificate PDF').setInputFiles(editedPath);
  await expect(result.getByRole('heading', { name: 'This file has been changed' })).toBeVisible();
  await expect(result).toContainText(name);
  await expectNoAxeViolations(page, 'verify: altered file');
  await screenshots(page, 'verify-altered');

  // The pasted code verifies; a tampered one does not.
  await page.getByLabel('Or paste the verification code').fill(code ?? '');
  await page.getByRole('button', { name: 'Check code' }).click();
  await expect(result.getByRole('heading', { name: 'Practice certificate: nobody vouches for it' })).toBeVisible();
  const [h, p, s] = (code ?? '').split('.');
  const payload = JSON.parse(Buffer.from(p ?? '', 'base64url').toString('utf8'));
  const forged = `${h}.${Buffer.from(JSON.stringify({ ...payload, scoreCorrect: 16 })).toString('base64url')}.${s}`;
  await page.getByLabel('Or paste the verification code').fill(forged);
  await page.getByRole('button', { name: 'Check code' }).click();
  await expect(result.getByRole('heading', { name: 'This certificate could not be verified' })).toBeVisible();
  await expectNoAxeViolations(page, 'verify: failed');

  // Leaving a shared computer: the learner removes their progress, and the next person finds no pass to use.
  await page.goto(`${site}/certificate/`);
  await waitForIsland(page);
  await expect(page.getByLabel('Your full name')).toBeVisible();
  await page.getByRole('button', { name: 'Remove my progress from this browser' }).click();
  await expect(page.getByTestId('progress-removed')).toBeFocused();
  await expect(page.getByText('You need to pass the assessment on this device')).toBeVisible();
  expect(await page.evaluate(() => Object.keys(localStorage).filter((key) => key.startsWith('imt:')))).toEqual([]);
  await expectNoAxeViolations(page, 'certificate: progress removed');
  await page.reload();
  await waitForIsland(page);
  await expect(page.getByText('You need to pass the assessment on this device')).toBeVisible();
  await expect(page.getByLabel('Your full name')).toHaveCount(0);
});

test('on a phone, "Check answer" shows whether the answer was right, then Tab reaches "Next question"', async ({
  page,
}) => {
  await page.setViewportSize({ width: 320, height: 640 });
  await page.goto(`${site}/assessment/`);
  await waitForIsland(page);
  await page.getByRole('button', { name: 'Start the assessment' }).click();
  for (let i = 1; i <= 3; i++) {
    await page.locator('[data-question-id] input').first().check();
    await page.getByRole('button', { name: 'Check answer' }).click();
    // Focus went to "Next question", below the feedback: the verdict and most of the feedback were scrolled off the
    // top of the screen (267 to 315 px above it on the first questions).
    const verdict = page.getByTestId('feedback').locator('[data-feedback-verdict]');
    await expect(verdict).toHaveText(/^(Correct|Not quite)\.\s*$/);
    await expect(verdict).toBeFocused();
    await expect(verdict).toBeInViewport();
    for (let tab = 0; tab < 12; tab++) {
      await page.keyboard.press('Tab');
      if (await page.getByRole('button', { name: 'Next question' }).evaluate((b) => b === document.activeElement))
        break;
    }
    await expect(page.getByRole('button', { name: 'Next question' })).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(page.getByRole('heading', { name: `Question ${i + 1} of 16` })).toBeFocused();
  }
});

test('a certificate chosen before the verification page has finished loading is still checked', async ({
  page,
}, testInfo) => {
  // Hold the page's scripts back, as a slow phone does, while the file is chosen.
  let release: () => void = () => {};
  const scriptsHeld = new Promise<void>((resolve) => {
    release = resolve;
  });
  await page.route('**/*.js', async (route) => {
    await scriptsHeld;
    await route.continue();
  });
  const blank = await PDFDocument.create();
  blank.addPage();
  const blankPath = testInfo.outputPath('blank.pdf');
  const { writeFileSync } = await import('node:fs');
  writeFileSync(blankPath, await blank.save());
  await page.goto(`${site}/verify/`, { waitUntil: 'domcontentloaded' });
  await page.getByLabel('Upload the certificate PDF').setInputFiles(blankPath);
  release();
  // Before, the file's change event fired before the island was there to hear it, and nothing happened.
  await expect(page.getByTestId('verify-result')).toContainText('This file is not a certificate from this course', {
    timeout: 15_000,
  });
});
