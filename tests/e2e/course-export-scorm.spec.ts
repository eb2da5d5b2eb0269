import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { exportCourse, SUSPEND_DATA_LIMIT } from '@im-records/course-export';
import { expect, type FrameLocator, type Page, test } from '@playwright/test';
import { unzipSync } from 'fflate';
import { expectNoAxeViolations } from './axe.ts';
import { answer, courseData, LMS, packageFile, shot } from './course-export-helpers.ts';

/**
 * The SCORM 1.2 package in a real SCORM runtime: scorm-again plays the LMS in the parent page and the package runs in
 * an iframe, served from the zip's own files. Nothing may be fetched from anywhere else. The learner fails, leaves
 * part-way through a second attempt, comes back to the same question, and passes; the test reads what the package
 * told the LMS at each step.
 */

const require = createRequire(import.meta.url);
const scormAgain = readFileSync(require.resolve('scorm-again/scorm12/min'), 'utf8');

let files: Record<string, Uint8Array>;
let masteryScore: string;

test.beforeAll(async () => {
  const { bytes } = await exportCourse({ format: 'scorm12' });
  files = unzipSync(bytes);
  const manifest = new TextDecoder().decode(files['imsmanifest.xml']);
  masteryScore = /<adlcp:masteryscore>(\d+)<\/adlcp:masteryscore>/.exec(manifest)?.[1] ?? '';
});

/** The LMS page: scorm-again as `window.API`, every call logged, the package in an iframe. */
function lmsPage(saved: unknown): string {
  return `<!doctype html><html lang="en-GB"><head><meta charset="utf-8"><title>Test LMS</title>
<script src="/scorm-again.js"></script>
<script>
  window.calls = [];
  const api = new Scorm12API({ autocommit: false, lmsCommitUrl: false, logLevel: 5 });
  api.loadFromJSON(${JSON.stringify(saved)});
  for (const name of ['LMSInitialize', 'LMSSetValue', 'LMSCommit', 'LMSFinish']) {
    const original = api[name].bind(api);
    api[name] = (...args) => { window.calls.push([name, ...args]); return original(...args); };
  }
  window.API = api;
</script></head>
<body><main><h1>Test LMS</h1><iframe src="/course/index.html" title="Course" style="width:100%;height:90vh;border:0"></iframe></main></body></html>`;
}

async function openCourse(
  page: Page,
  saved: Record<string, unknown>,
): Promise<{ frame: FrameLocator; outside: string[] }> {
  const outside: string[] = [];
  await page.route('**/*', async (route) => {
    const url = new URL(route.request().url());
    if (url.origin !== LMS) {
      outside.push(url.href);
      return route.abort();
    }
    if (url.pathname === '/lms.html') return route.fulfill({ contentType: 'text/html', body: lmsPage(saved) });
    if (url.pathname === '/scorm-again.js') return route.fulfill({ contentType: 'text/javascript', body: scormAgain });
    if (!url.pathname.startsWith('/course/')) return route.fulfill({ status: 404, body: 'no such page' });
    const response = packageFile(files, url.pathname.slice('/course/'.length));
    if (response.status === 404) outside.push(`missing from the package: ${url.pathname}`);
    return route.fulfill(response);
  });
  await page.goto(`${LMS}/lms.html`);
  const frame = page.frameLocator('iframe');
  await expect(frame.locator('html[data-ready="true"]')).toBeAttached();
  return { frame, outside };
}

async function lms<T>(page: Page, read: string): Promise<T> {
  return page.evaluate(`(() => { const cmi = window.API.cmi; return ${read}; })()`) as Promise<T>;
}

/** The last value the package set for a write-only element (exit, session_time), from the LMS's call log. */
async function lastSet(page: Page, element: string): Promise<string | undefined> {
  const calls = await lms<string[][]>(page, 'window.calls');
  return calls.filter((call) => call[0] === 'LMSSetValue' && call[1] === element).at(-1)?.[2];
}

test('the SCORM 1.2 package reports a fail, resumes mid-attempt and reports a pass, offline and accessible', async ({
  page,
}) => {
  test.setTimeout(120_000);
  const { frame, outside } = await openCourse(page, {
    cmi: {
      core: { entry: 'ab-initio', credit: 'credit', lesson_mode: 'normal' },
      student_data: { mastery_score: masteryScore },
    },
  });
  expect(masteryScore).toBe('80');
  const data = await courseData(frame);
  expect(await lms(page, 'cmi.core.lesson_status')).toBe('incomplete');
  await expect(frame.locator('#connection')).toBeEmpty();
  await shot(page, 'scorm-contents');

  // A guidance page, then the assessment, failed.
  await frame.locator('.app-contents a').first().click();
  await expect(frame.locator('.app-view:not([hidden]) h1')).toBeFocused();
  await shot(page, 'scorm-guidance');
  await frame.getByRole('link', { name: 'Contents' }).first().click();
  await frame.getByRole('link', { name: 'Go to the assessment' }).click();
  await frame.getByRole('button', { name: 'Start the assessment' }).click();
  await expect(frame.getByRole('heading', { name: 'Question 1 of 16' })).toBeFocused();
  await frame.getByRole('button', { name: 'Check answer' }).click();
  await expect(frame.locator('.nhsuk-error-message')).toContainText('Select');
  await expectNoAxeViolations(page, 'question with an error');
  for (let i = 0; i < 16; i++) await answer(frame, data, false);
  await expect(frame.locator('[data-outcome="failed"]')).toBeVisible();
  await expectNoAxeViolations(page, 'result: failed');
  await shot(page, 'scorm-failed');
  expect(
    await lms(page, '[cmi.core.lesson_status, cmi.core.score.raw, cmi.core.score.min, cmi.core.score.max]'),
  ).toEqual(['failed', '0', '0', '100']);

  // A second attempt, left after five right answers.
  await frame.getByRole('button', { name: 'Take the assessment again' }).click();
  for (let i = 0; i < 5; i++) await answer(frame, data, true);
  await expect(frame.getByRole('heading', { name: 'Question 6 of 16' })).toBeVisible();
  await page.evaluate(() => document.querySelector('iframe')?.remove());
  await expect.poll(() => lms<string[][]>(page, 'window.calls.map((c) => c[0])')).toContain('LMSFinish');
  const afterFirst = await lms<{ suspend: string; status: string }>(
    page,
    '({ suspend: cmi.suspend_data, status: cmi.core.lesson_status })',
  );
  expect(afterFirst.status).toBe('failed');
  expect(await lastSet(page, 'cmi.core.exit')).toBe('suspend');
  expect(await lastSet(page, 'cmi.core.session_time')).toMatch(/^\d{2,4}:\d{2}:\d{2}(\.\d{1,2})?$/);
  expect(afterFirst.suspend.length).toBeGreaterThan(0);
  expect(afterFirst.suspend.length).toBeLessThanOrEqual(SUSPEND_DATA_LIMIT);
  const firstCalls = await lms<string[][]>(page, 'window.calls.map((c) => c[0])');
  expect(firstCalls[0]).toBe('LMSInitialize');
  expect(firstCalls.at(-1)).toBe('LMSFinish');
  expect(firstCalls).toContain('LMSCommit');

  // Back the next day: the LMS hands the saved data back and the attempt goes on at question 6.
  const resumed = await page.context().newPage();
  const second = await openCourse(resumed, {
    cmi: {
      core: {
        entry: 'resume',
        credit: 'credit',
        lesson_mode: 'normal',
        lesson_status: 'failed',
        score: { raw: '0', min: '0', max: '100' },
      },
      suspend_data: afterFirst.suspend,
      student_data: { mastery_score: masteryScore },
    },
  });
  await expect(second.frame.locator('.app-view:not([hidden]) h1')).toHaveText('Assessment');
  await expect(second.frame.getByRole('heading', { name: 'Question 6 of 16' })).toBeVisible();
  await expect(second.frame.locator('[data-read]:not([hidden])')).toHaveCount(1);
  for (let i = 5; i < 16; i++) await answer(second.frame, data, true);
  await expect(second.frame.locator('[data-outcome="passed"]')).toContainText('You scored 16 out of 16');
  expect(await lms(resumed, '[cmi.core.lesson_status, cmi.core.score.raw]')).toEqual(['passed', '100']);
  await expectNoAxeViolations(resumed, 'result: passed');
  await shot(resumed, 'scorm-passed');
  await resumed.evaluate(() => document.querySelector('iframe')?.remove());
  await expect.poll(() => lastSet(resumed, 'cmi.core.exit')).toBe('');
  expect(await lms(resumed, 'cmi.core.lesson_status')).toBe('passed');

  expect(outside).toEqual([]);
  expect(second.outside).toEqual([]);
});

test('the package reads at phone width and says when no LMS is recording', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  const outside: string[] = [];
  await page.route('**/*', async (route) => {
    const url = new URL(route.request().url());
    if (url.origin !== LMS) {
      outside.push(url.href);
      return route.abort();
    }
    const response = packageFile(files, url.pathname.slice(1));
    if (response.status === 404) outside.push(`missing from the package: ${url.pathname}`);
    return route.fulfill(response);
  });
  await page.goto(`${LMS}/index.html`);
  await expect(page.locator('html[data-ready="true"]')).toBeAttached();
  await expect(page.locator('#connection')).toContainText('Your progress is not being recorded');
  // axe runs on each kind of view here, at phone width; the LMS test above adds the views only it reaches.
  await expectNoAxeViolations(page, 'contents at 390px');
  await shot(page, 'scorm-phone-contents');
  await page.locator('.app-contents a').nth(1).click();
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  expect(overflow).toBeLessThanOrEqual(0);
  await expectNoAxeViolations(page, 'guidance at 390px');
  await shot(page, 'scorm-phone-guidance');
  await page
    .getByRole('link', { name: /Contents/ })
    .first()
    .click();
  await page.getByRole('link', { name: 'Go to the assessment' }).click();
  await page.getByRole('button', { name: 'Start the assessment' }).click();
  await expectNoAxeViolations(page, 'question at 390px');
  await shot(page, 'scorm-phone-question');
  // "Check answer" shows whether the answer was right: the verdict takes focus and is on the screen (focus on "Next
  // question", below the feedback, scrolled it off the top).
  await page.locator('form[data-question-id] input').first().check();
  await page.getByRole('button', { name: 'Check answer' }).click();
  const verdict = page.getByTestId('feedback').getByText(/^(Correct|Not quite)\.$/);
  await expect(verdict).toBeFocused();
  await expect(verdict).toBeInViewport();
  expect(outside).toEqual([]);
});
