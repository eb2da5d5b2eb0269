// Shared helpers for the attestation service's browser tests: the demo accounts, signing in, and the course's right
// answers (read from content/training with the course loader, as the service does, so the bank can change freely).
import { resolve } from 'node:path';
import { guidancePoints } from '@im-records/course';
import { loadCourse } from '@im-records/course/node';
import { expect, type Page } from '@playwright/test';
import { appUrls } from '../playwright.config.ts';

export const service = appUrls.attestation;
export const password = 'demo-attest-2026';
export const emails = {
  staff: 'staff@demo-trust.example',
  manager: 'manager@demo-trust.example',
  'ig-lead': 'ig.lead@demo-trust.example',
  admin: 'admin@demo-trust.example',
} as const;
export type DemoRole = keyof typeof emails;

const root = resolve(import.meta.dirname, '../..');
const course = loadCourse(resolve(root, 'content/training'), { guidancePoints, root });
const bank = new Map(course.questions.map((q) => [q.id, q]));

/** Signs in with the demo password and waits for the role's start page. */
export async function signIn(page: Page, role: DemoRole): Promise<void> {
  await page.goto(`${service}/sign-in`);
  await page.getByLabel('E-mail address').fill(emails[role]);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL(new RegExp(role === 'staff' ? '/my$' : role === 'admin' ? '/admin$' : '/dashboard$'));
}

/** Ticks the right answer(s) to every question on the assessment page, from the question bank. */
export async function answerEveryQuestionCorrectly(page: Page): Promise<number> {
  const names = await page
    .locator('input[name^="q:"]')
    .evaluateAll((inputs) => [...new Set(inputs.map((i) => (i as HTMLInputElement).name))]);
  for (const name of names) {
    const question = bank.get(name.slice(2));
    if (!question) throw new Error(`question ${name} is not in the bank`);
    for (const option of question.options.filter((o) => o.correct)) {
      await page.locator(`input[name="${name}"][value="${option.id}"]`).check();
    }
  }
  return names.length;
}

/** Ticks one wrong option of every question on the assessment page (a sure fail), from the question bank. */
export async function answerEveryQuestionWrongly(page: Page): Promise<void> {
  const names = await page
    .locator('input[name^="q:"]')
    .evaluateAll((inputs) => [...new Set(inputs.map((i) => (i as HTMLInputElement).name))]);
  for (const name of names) {
    const wrong = bank.get(name.slice(2))?.options.find((o) => !o.correct);
    if (!wrong) throw new Error(`question ${name} has no wrong option in the bank`);
    await page.locator(`input[name="${name}"][value="${wrong.id}"]`).check();
  }
}

/**
 * On a department's page, the id of the first person who has never attested and is in scope (an attestation is due,
 * so the on-behalf form is offered), or who is done (up to date, so it is not).
 */
export async function personOnDepartmentPage(page: Page, want: 'never-attested' | 'done'): Promise<string> {
  const rows = await page.locator('[data-testid="department-people"] tbody tr').evaluateAll((trs) =>
    trs.map((tr) => {
      const cells = [...tr.querySelectorAll('td')].map((td) => td.textContent?.trim() ?? '');
      const href = tr.querySelector('a')?.getAttribute('href') ?? '';
      return { id: href.replace('/people/', ''), status: cells[2] ?? '', attested: cells[4] ?? '' };
    }),
  );
  const found = rows.find((r) =>
    want === 'done' ? r.status === 'Done' : r.attested === '–' && ['To do', 'Due soon', 'Overdue'].includes(r.status),
  );
  if (!found) throw new Error(`nobody on this department page is ${want}`);
  return found.id;
}

/** The ids linked from a page's links matching a path prefix, in page order. */
export async function linkedIds(page: Page, prefix: string): Promise<string[]> {
  const hrefs = await page
    .locator(`main a[href^="${prefix}"]`)
    .evaluateAll((links) => links.map((a) => a.getAttribute('href') ?? ''));
  return [
    ...new Set(
      hrefs.map((href) => decodeURIComponent(href.slice(prefix.length).split(/[?#/]/)[0] ?? '')).filter(Boolean),
    ),
  ];
}
