// Shared helpers for the training site's browser tests: the course content (read from content/training, as the build
// does) and small actions a learner takes.
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { expect, type Page } from '@playwright/test';
import { parse } from 'yaml';
import { appUrls } from '../playwright.config.ts';

const content = new URL('../../content/training/', import.meta.url);
const yaml = (path: string) => parse(readFileSync(new URL(path, content), 'utf8'));
const slugs = (folder: string) =>
  readdirSync(new URL(`${folder}/`, content))
    .filter((f) => f.endsWith('.yaml'))
    .map((f) => f.replace(/\.yaml$/, ''));

export const site = appUrls.training;
export const guidanceSlugs = slugs('guidance');
export const scenarioSlugs = slugs('scenarios');

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
export const bank = new Map<string, Question>(
  slugs('questions').flatMap((topic) =>
    (yaml(`questions/${topic}.yaml`).questions as Question[]).map((q) => [q.id, q] as const),
  ),
);

export interface Choice {
  id: string;
  text: string;
  points: number;
  next: string;
}
export function scenarioData(slug: string): { nodes: Record<string, { type: string; choices?: Choice[] }> } {
  return yaml(`scenarios/${slug}.yaml`);
}

export const shotsDir = '/tmp/training-shots';
mkdirSync(shotsDir, { recursive: true });

/** Takes a full-page screenshot at desktop and phone widths. */
export async function screenshots(page: Page, name: string): Promise<void> {
  for (const [label, width, height] of [
    ['desktop', 1280, 800],
    ['phone', 375, 740],
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
