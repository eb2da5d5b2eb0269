// Shared helpers for the training site's browser tests: the course content (read from content/training and the
// trust's settings file, filled in and checked as the build does) and small actions a learner takes.
import { existsSync, mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { guidancePoints } from '@im-records/course';
import { loadCourse, loadTrustSettings } from '@im-records/course/node';
import { expect, type Page } from '@playwright/test';
import { appUrls } from '../playwright.config.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));
const standardSettings = `${root}content/trust/settings.yaml`;
const settingsFile = process.env.TRUST_SETTINGS_FILE ?? (existsSync(standardSettings) ? standardSettings : null);

/** The course exactly as the site under test was built from it. */
export const course = loadCourse(`${root}content/training`, {
  guidancePoints,
  root,
  trust: loadTrustSettings(settingsFile, root),
});

export const site = appUrls.training;
export const guidanceSlugs = course.guidance.map((page) => page.slug);
export const scenarioSlugs = course.scenarios.map((scenario) => scenario.slug);

export interface Option {
  id: string;
  text: string;
  correct: boolean;
}
export interface Question {
  id: string;
  type: string;
  options: Option[];
}
export const bank = new Map<string, Question>(course.questions.map((q) => [q.id, q] as const));

export interface Choice {
  id: string;
  text: string;
  points: number;
  next: string;
}
export function scenarioData(slug: string): { nodes: Record<string, { type: string; choices?: Choice[] }> } {
  const scenario = course.scenarios.find((s) => s.slug === slug);
  if (!scenario) throw new Error(`no scenario ${slug}`);
  return scenario;
}

export const shotsDir = '/tmp/training-shots';
mkdirSync(shotsDir, { recursive: true });

/** Takes a full-page screenshot at desktop width and at a phone's 390 px. */
export async function screenshots(page: Page, name: string): Promise<void> {
  for (const [label, width, height] of [
    ['desktop', 1280, 800],
    ['phone', 390, 844],
  ] as const) {
    await page.setViewportSize({ width, height });
    await page.screenshot({ path: `${shotsDir}/${name}-${label}.png`, fullPage: true });
  }
  await page.setViewportSize({ width: 1280, height: 800 });
}

/** Waits until the island on the page has hydrated and read its saved state. */
export async function waitForIsland(page: Page): Promise<void> {
  await expect(page.locator('[data-loaded="true"]').first()).toBeAttached();
}

/** Answers the question on screen rightly or wrongly and checks the answer; returns the question id. */
export async function answerQuestion(page: Page, rightly: boolean): Promise<string> {
  const container = page.locator('[data-question-id][data-view="question"]');
  const id = (await container.getAttribute('data-question-id')) ?? '';
  const question = bank.get(id);
  if (!question) throw new Error(`question ${id} is not in the bank`);
  const options = rightly
    ? question.options.filter((o) => o.correct)
    : question.options.filter((o) => !o.correct).slice(0, 1);
  for (const option of options) await page.getByLabel(option.text, { exact: true }).check();
  await page.getByRole('button', { name: 'Check answer' }).click();
  await expect(page.getByTestId('feedback')).toContainText(rightly ? 'Correct.' : 'Not quite.');
  return id;
}
