import { expect, test } from '@playwright/test';
import { linkedIds, personOnDepartmentPage, service, signIn } from './attestation-helpers.ts';
import { expectNoAxeViolations } from './axe.ts';

test('a manager sees only their departments, records an attestation on behalf, and gets 403 for another department', async ({
  page,
  browser,
}) => {
  // What exists, seen by the IG lead.
  const igPage = await browser.newPage();
  await signIn(igPage, 'ig-lead');
  const allDepartments = await linkedIds(igPage, '/departments/');
  await igPage.close();

  await signIn(page, 'manager');
  await expect(page.getByRole('heading', { level: 1, name: 'Completion dashboard' })).toBeVisible();
  await expect(page.getByText('You see your own departments only.')).toBeVisible();
  await expectNoAxeViolations(page, 'manager dashboard');
  const mine = await linkedIds(page, '/departments/');
  expect(mine.length).toBe(2);
  expect(allDepartments.length).toBeGreaterThan(mine.length);
  const other = allDepartments.find((d) => !mine.includes(d)) ?? '';

  // Drill down to a person in their department and record an attestation on their behalf.
  await page.goto(`${service}/departments/${mine[0]}`);
  await expectNoAxeViolations(page, 'department');
  await page.goto(`${service}/people/${await personOnDepartmentPage(page, 'never-attested')}`);
  await expectNoAxeViolations(page, 'person');
  await page.getByRole('button', { name: 'Record attestation' }).click();
  await expect(page.getByRole('alert')).toContainText('Say how the person attested');
  await page.getByLabel('How did they attest?').fill('Signed the paper form at the team meeting');
  await page.getByRole('button', { name: 'Record attestation' }).click();
  await expect(page.getByTestId('recorded')).toBeVisible();
  // The outcome is a page of its own (a reload does not offer to send the form again), and now nothing is due.
  await expect(page).toHaveURL(/\/people\/[^/?]+\?recorded=1$/);
  await expect(page.getByTestId('up-to-date')).toBeVisible();
  await expect(
    page.getByText(
      /recorded on their behalf by manager@demo-trust.example: "Signed the paper form at the team meeting"/,
    ),
  ).toBeVisible();

  // Another department: refused, by page, by filter and by download.
  const response = await page.goto(`${service}/departments/${other}`);
  expect(response?.status()).toBe(403);
  await expect(page.getByTestId('problem')).toContainText('only the people in your own departments');
  await expectNoAxeViolations(page, '403');
  expect((await page.goto(`${service}/dashboard?department=${other}`))?.status()).toBe(403);
  expect((await page.request.get(`${service}/dashboard/people.csv?department=${other}`)).status()).toBe(403);
});
