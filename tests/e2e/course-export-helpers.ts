/**
 * Helpers shared by the course-export specs: the package's files served from the zip on a fake LMS origin (anything
 * else is refused and recorded), and a learner answering the question on screen rightly or wrongly.
 */
import { mkdirSync } from 'node:fs';
import { expect, type FrameLocator, type Page } from '@playwright/test';

/** The fake LMS's origin; nothing is served from anywhere else. */
export const LMS = 'https://lms.test';

/** Screenshots of each step, for review by eye. */
export const shotsDir = '/tmp/course-export-shots';
mkdirSync(shotsDir, { recursive: true });

export async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: `${shotsDir}/${name}.png`, fullPage: true });
}

const types: Record<string, string> = {
  html: 'text/html',
  css: 'text/css',
  js: 'text/javascript',
  svg: 'image/svg+xml',
};

/** A response carrying `path` from the package, or a 404 when the zip has no such file. */
export function packageFile(
  files: Record<string, Uint8Array>,
  path: string,
): { status: number; contentType: string; body: Buffer } {
  const file = files[path];
  if (!file) return { status: 404, contentType: 'text/plain', body: Buffer.from('not in the package') };
  return {
    status: 200,
    contentType: types[path.split('.').pop() ?? ''] ?? 'application/octet-stream',
    body: Buffer.from(file),
  };
}

/** The question bank as the page carries it. */
export interface CourseData {
  questions: { id: string; options: { id: string; correct: boolean }[] }[];
}

export async function courseData(scope: FrameLocator | Page): Promise<CourseData> {
  return JSON.parse((await scope.locator('#course-data').textContent()) ?? '{}') as CourseData;
}

/** Answers the question on screen, rightly or wrongly, checks the feedback and moves on. */
export async function answer(scope: FrameLocator | Page, data: CourseData, right: boolean): Promise<void> {
  const form = scope.locator('form[data-question-id]');
  const id = await form.getAttribute('data-question-id');
  const question = data.questions.find((q) => q.id === id);
  if (!question) throw new Error(`question ${id} is not in the bank`);
  const choice = right ? question.options.filter((o) => o.correct) : [question.options.find((o) => !o.correct)];
  for (const option of choice) await form.locator(`input[value="${option?.id}"]`).check();
  await form.getByRole('button', { name: 'Check answer' }).click();
  await expect(scope.getByTestId('feedback')).toContainText(right ? 'Correct.' : 'Not quite.');
  await scope.locator('[data-action="next"]').click();
}
