import { cmi5Problems, exportCourse, type Statement, statementProblems } from '@im-records/course-export';
import { expect, test } from '@playwright/test';
import { unzipSync } from 'fflate';
import { expectNoAxeViolations } from './axe.ts';
import { answer, courseData, LMS, packageFile, shot } from './course-export-helpers.ts';

/**
 * The cmi5 package launched as an LMS would launch it: launch parameters on the URL, a one-time fetch URL, the
 * LMS.LaunchData state document, and an LRS (here, routes on the fake LMS origin) that validates every statement. The
 * learner passes and exits; the statements must follow cmi5's rules and the page must go back to the LMS.
 */

test('the cmi5 package sends initialized, completed, passed and terminated, then returns to the LMS', async ({
  page,
}) => {
  // Exporting the course, then a whole attempt of sixteen questions in the package: past a minute on a busy machine.
  test.setTimeout(120_000);
  const { bytes } = await exportCourse({ format: 'cmi5' });
  const files = unzipSync(bytes);
  const actor = { objectType: 'Agent', account: { homePage: LMS, name: 'learner-1' } };
  const registration = '0f6c8a9e-1b2d-4e3f-8a7b-6c5d4e3f2a1b';
  const statements: Statement[] = [];
  const rejected: string[] = [];
  const state = new Map<string, string>();
  const outside: string[] = [];
  let tokens = 0;
  await page.route('**/*', async (route) => {
    const request = route.request();
    const url = new URL(request.url());
    if (url.origin !== LMS) {
      outside.push(url.href);
      return route.abort();
    }
    if (url.pathname === '/fetch') {
      tokens += 1;
      return route.fulfill({
        json: tokens === 1 ? { 'auth-token': 'dG9rZW4=' } : { 'error-code': '1', 'error-text': 'used' },
      });
    }
    if (url.pathname.startsWith('/xapi/')) {
      if (
        request.headers().authorization !== 'Basic dG9rZW4=' ||
        request.headers()['x-experience-api-version'] !== '1.0.3'
      )
        return route.fulfill({ status: 401 });
      if (url.pathname === '/xapi/statements') {
        for (const statement of request.postDataJSON() as Statement[]) {
          const problems = statementProblems(statement);
          if (problems.length > 0) rejected.push(...problems);
          else statements.push(statement);
        }
        return route.fulfill({ json: [] });
      }
      if (url.pathname === '/xapi/activities/state') {
        const stateId = url.searchParams.get('stateId') ?? '';
        if (request.method() === 'PUT') {
          state.set(stateId, request.postData() ?? '');
          return route.fulfill({ status: 204 });
        }
        if (stateId === 'LMS.LaunchData')
          return route.fulfill({
            json: {
              contextTemplate: {
                extensions: { 'https://w3id.org/xapi/cmi5/context/extensions/sessionid': 'session-1' },
              },
              launchMode: 'Normal',
              masteryScore: 0.8,
              moveOn: 'Passed',
              returnURL: `${LMS}/back-to-lms`,
            },
          });
        return state.has(stateId) ? route.fulfill({ body: state.get(stateId) ?? '' }) : route.fulfill({ status: 404 });
      }
      return route.fulfill({ status: 404 });
    }
    if (url.pathname === '/back-to-lms')
      return route.fulfill({
        contentType: 'text/html',
        body: '<!doctype html><html lang="en"><title>LMS</title><h1>Back in the LMS</h1></html>',
      });
    const response = packageFile(files, url.pathname.replace(/^\/course\//, ''));
    if (response.status === 404) outside.push(`missing from the package: ${url.pathname}`);
    return route.fulfill(response);
  });
  const launch = new URLSearchParams({
    endpoint: `${LMS}/xapi/`,
    fetch: `${LMS}/fetch`,
    actor: JSON.stringify(actor),
    registration,
    activityId: 'https://lms.test/activities/im-course',
  });
  await page.goto(`${LMS}/course/index.html?${launch}`);
  await expect(page.locator('html[data-ready="true"]')).toBeAttached();
  await expect(page.locator('#connection')).toBeEmpty();
  await expect(page.getByRole('button', { name: 'Exit the course' })).toBeVisible();
  await expectNoAxeViolations(page, 'cmi5 contents');
  await shot(page, 'cmi5-contents');

  const data = await courseData(page);
  await page.getByRole('link', { name: 'Go to the assessment' }).click();
  await page.getByRole('button', { name: 'Start the assessment' }).click();
  for (let i = 0; i < 16; i++) await answer(page, data, true);
  await expect(page.locator('[data-outcome="passed"]')).toBeVisible();
  await page.getByRole('link', { name: 'Contents' }).first().click();
  await page.getByRole('button', { name: 'Exit the course' }).click();
  await expect(page.getByRole('heading', { name: 'Back in the LMS' })).toBeVisible();

  expect(rejected).toEqual([]);
  expect(statements.map((s) => s.verb.id.split('/').at(-1))).toEqual([
    'initialized',
    'completed',
    'passed',
    'terminated',
  ]);
  expect(cmi5Problems(statements, { masteryScore: 0.8 })).toEqual([]);
  expect(statements[2]?.result).toMatchObject({ success: true, score: { scaled: 1, raw: 16, min: 0, max: 16 } });
  expect(JSON.parse(state.get('https://w3id.org/xapi/im-records/state/progress') ?? '{}')).toMatchObject({
    completed: true,
    passed: true,
  });
  expect(outside).toEqual([]);
});
