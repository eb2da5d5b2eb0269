import { expect, test } from '@playwright/test';
import { PDFDocument } from 'pdf-lib';
import { service, signIn } from './attestation-helpers.ts';
import { expectNoAxeViolations } from './axe.ts';

test('an IG lead publishes a material change, sees completion drop, then exports evidence', async ({ page }) => {
  await signIn(page, 'ig-lead');
  await expectNoAxeViolations(page, 'dashboard');
  const before = Number(await page.getByTestId('headline').getAttribute('data-share'));
  expect(before).toBeGreaterThan(0.3);
  // Every chart has its data table (a chart is drawn twice, for wide screens and for phones, and one is shown).
  const tables = await page.locator('figure table').count();
  expect(await page.locator('figure svg.app-chart--wide').count()).toBe(tables);
  expect(await page.locator('figure svg.app-chart--narrow').count()).toBe(tables);
  expect(await page.locator('figure svg:visible').count()).toBe(tables);
  // Filtered, the page says what it shows; with nobody in scope it says so rather than "0.0% …: not met".
  await page.getByLabel('Department').selectOption({ label: 'Acute Medical Unit, Northgate Hospital' });
  await page.getByLabel('Staff group').selectOption('Students');
  await page.getByRole('button', { name: 'Apply filters' }).click();
  await expect(page.getByTestId('showing')).toContainText(
    'Acute Medical Unit, Northgate Hospital, staff group Students.',
  );
  await expect(page.getByTestId('showing')).not.toContainText('All departments');
  await expect(page.getByTestId('headline')).toHaveText(
    'Nobody here is in scope, so there is no completion to measure against the target.',
  );
  await page.goto(`${service}/dashboard`);
  await expect(page.getByTestId('showing')).toContainText('All departments.');

  await page.getByRole('link', { name: 'Policies' }).first().click();
  await expectNoAxeViolations(page, 'policies');
  const current = (await page.locator('td', { hasText: '(current)' }).first().textContent()) ?? '';
  const major = Number(/^(\d+)/.exec(current.trim())?.[1] ?? '2') + 1;
  await page.getByRole('link', { name: 'Publish a new version' }).click();
  await expectNoAxeViolations(page, 'publish form');
  await page.getByLabel('Version number').fill(`${major}.0`);
  await page.getByLabel('What changed').fill('Photos of patients must be deleted from phones the same day.');
  await page.getByLabel('Material: everyone attests again').check();
  await page.getByRole('button', { name: 'Publish version' }).click();
  await expect(page.getByTestId('published')).toBeVisible();
  await expect(page.locator('td', { hasText: '(current)' }).first()).toContainText(`${major}.0`);

  await page.getByRole('link', { name: 'Dashboard' }).first().click();
  const after = Number(await page.getByTestId('headline').getAttribute('data-share'));
  expect(after).toBeLessThan(before);
  expect(after).toBeLessThan(0.05);

  await page.getByRole('link', { name: 'Evidence' }).first().click();
  await expectNoAxeViolations(page, 'evidence');
  const first = await page.request.get(`${service}/evidence/pack.pdf?asOf=2026-01-31`);
  const second = await page.request.get(`${service}/evidence/pack.pdf?asOf=2026-01-31`);
  expect(first.headers()['content-type']).toBe('application/pdf');
  const bytes = await first.body();
  expect(Buffer.compare(bytes, await second.body())).toBe(0);
  const pdf = await PDFDocument.load(bytes, { updateMetadata: false });
  expect(pdf.getTitle()).toBe('Training and policy attestation evidence as of 2026-01-31');
  const csv = await page.request.get(`${service}/evidence/report.csv`);
  const lines = (await csv.text()).trim().split('\r\n');
  expect(lines[0]).toMatch(/^department_id,department,staff_in_scope,compliant,percent/);
  expect(lines.length).toBeGreaterThan(10);
  expect((await page.request.get(`${service}/evidence/pack.pdf?asOf=2026-02-30`)).status()).toBe(400);

  // An auditor hands the pack back months later: the audit log names the export that made it, and a changed copy
  // matches none.
  await page.goto(`${service}/admin/audit`);
  await page.getByRole('button', { name: 'Check file' }).click();
  await expect(page.getByRole('link', { name: 'Choose the exported file to check' })).toBeVisible();
  await page.getByLabel('Exported file (PDF or CSV)').setInputFiles({
    name: 'evidence-pack-2026-01-31.pdf',
    mimeType: 'application/pdf',
    buffer: bytes,
  });
  await page.getByRole('button', { name: 'Check file' }).click();
  await expect(page.getByTestId('export-found')).toContainText(
    'evidence-pack-2026-01-31.pdf is the evidence pack as of 31 January 2026, exported',
  );
  await expect(page.getByTestId('export-found')).toContainText('by ig.lead@');
  await expectNoAxeViolations(page, 'audit log, file checked');
  const changed = Buffer.from(bytes);
  const flipped = changed.length - 10;
  changed.writeUInt8(changed.readUInt8(flipped) ^ 1, flipped);
  await page.getByLabel('Exported file (PDF or CSV)').setInputFiles({
    name: 'evidence-pack-edited.pdf',
    mimeType: 'application/pdf',
    buffer: changed,
  });
  await page.getByRole('button', { name: 'Check file' }).click();
  await expect(page.getByTestId('export-not-found')).toContainText('No export in the audit log matches');
});
