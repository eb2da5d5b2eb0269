import { expect, test } from '@playwright/test';
import { service, signIn } from './attestation-helpers.ts';
import { expectNoAxeViolations } from './axe.ts';

const header =
  'Employee Number,Assignment Number,Primary Assignment,First Name,Last Name,Office E-mail Address,Organisation ID,Organisation Name,Staff Group,Hire Date';
const broken = [
  header,
  '90000001,90000001-1,Y,Test,Starter,test.starter@demo-trust.example,ORG1000,Ward,Students,2026-01-05',
  ',90000002-1,Y,No,Number,no.number@demo-trust.example,ORG1000,Ward,Students,2026-01-05',
  '90000003,90000003-1,Y,Bad,Email,not-an-email,ORG1000,Ward,Students,2026-01-05',
  '90000004,90000004-1,Y,Bad,Date,bad.date@demo-trust.example,ORG1000,Ward,Students,31/02/2026',
  '90000005,90000001-1,Y,Dup,Assignment,dup@demo-trust.example,ORG1000,Ward,Students,2026-01-05',
].join('\r\n');

test('an admin uploads a broken roster: the dry run lists each bad row by line, strict refuses it, the rest imports', async ({
  page,
}) => {
  await signIn(page, 'admin');
  await page.getByRole('link', { name: 'Roster' }).first().click();
  await expectNoAxeViolations(page, 'roster');
  const upload = async () => {
    await page
      .getByLabel('Roster file (CSV)')
      .setInputFiles({ name: 'roster.csv', mimeType: 'text/csv', buffer: Buffer.from(broken) });
    await page.getByRole('button', { name: 'Check the file' }).click();
  };
  await upload();
  await expect(page.getByTestId('roster-report')).toHaveAttribute('data-dry-run', 'true');
  await expect(page.getByTestId('rejected')).toContainText('3no employee number');
  await expect(page.getByTestId('rejected')).toContainText('4the office e-mail address is not a valid e-mail address');
  await expect(page.getByTestId('rejected')).toContainText("5hire date '31/02/2026' is not a real date");
  await expect(page.getByTestId('rejected')).toContainText('6assignment number repeats the one on line 2');
  await expectNoAxeViolations(page, 'roster dry run');

  await page.getByLabel(/Refuse the whole file/).check();
  await page.getByRole('button', { name: 'Import the other rows' }).click();
  await expect(page.getByTestId('roster-error')).toContainText('4 rows were rejected, so nothing was imported');

  await upload();
  await page.getByRole('button', { name: 'Import the other rows' }).click();
  await expect(page.getByTestId('roster-report')).toHaveAttribute('data-dry-run', 'false');
  await expect(page.getByTestId('roster-report')).toContainText('Roster imported');
  await expect(page.getByTestId('roster-report')).toContainText('Added1');
  // The outcome is a page of its own: a reload shows it again rather than offering to import a second time.
  await expect(page).toHaveURL(/\/admin\/roster\?imported=[0-9a-f-]+$/);
  await page.reload();
  await expect(page.getByTestId('roster-report')).toContainText('Rejected rows4');
});

test('the dry run says how many people on the roster the file leaves out, and when it shows only some rejected rows', async ({
  page,
}) => {
  await signIn(page, 'admin');
  await page.goto(`${service}/admin/roster`);
  // A file of one valid row and 600 without an employee number (an extract cut short and mangled).
  const rows = Array.from(
    { length: 600 },
    (_, i) => `,9100${String(i).padStart(4, '0')}-1,Y,No,Number,,ORG1000,Ward,Students,2026-01-05`,
  );
  const text = [header, '90000001,90000001-1,Y,Test,Starter,,ORG1000,Ward,Students,2026-01-05', ...rows].join('\r\n');
  await page
    .getByLabel('Roster file (CSV)')
    .setInputFiles({ name: 'roster.csv', mimeType: 'text/csv', buffer: Buffer.from(text) });
  await page.getByRole('button', { name: 'Check the file' }).click();
  const report = page.getByTestId('roster-report');
  await expect(report).toHaveAttribute('data-dry-run', 'true');
  await expect(report).toContainText('Rejected rows600');
  // Everyone else on the roster is not in this file: they are kept as they are, and the admin is told how many.
  const notInFile = await report.getByTestId('not-in-file').textContent();
  expect(Number(notInFile)).toBeGreaterThan(300);
  await expect(page.getByTestId('rejected').locator('tbody tr')).toHaveCount(500);
  await expect(report).toContainText(
    'The first 500 of 600 rejected rows are shown. records attestation roster import FILE --dry-run --json lists every one.',
  );
  await expectNoAxeViolations(page, 'roster dry run with many rejections');
});

test('the dry run of a file without the e-mail and termination date columns says those details are kept', async ({
  page,
}) => {
  await signIn(page, 'admin');
  await page.goto(`${service}/admin/roster`);
  // The demo's member of staff, in an extract saved without several columns: nothing about them would change.
  const text = [
    'Employee Number,Assignment Number,First Name,Last Name,Organisation ID,Organisation Name',
    '20000024,20000024-1,Naomie,Waters,ORG1000,"Emergency Department, Northgate Hospital"',
  ].join('\r\n');
  await page
    .getByLabel('Roster file (CSV)')
    .setInputFiles({ name: 'roster.csv', mimeType: 'text/csv', buffer: Buffer.from(text) });
  await page.getByRole('button', { name: 'Check the file' }).click();
  const report = page.getByTestId('roster-report');
  await expect(report).toContainText('Changed0');
  await expect(report).toContainText('Unchanged1');
  await expect(page.getByTestId('kept-columns')).toContainText('Office E-mail Address');
  await expect(page.getByTestId('kept-columns')).toContainText('Actual Termination Date');
  await expect(page.getByTestId('kept-columns')).toContainText('people already on the roster keep those details');
  const check = async (name: string, lines: string[]) => {
    await page
      .getByLabel('Roster file (CSV)')
      .setInputFiles({ name, mimeType: 'text/csv', buffer: Buffer.from(lines.join('\r\n')) });
    await page.getByRole('button', { name: 'Check the file' }).click();
  };
  // Moved to another ward: the dry run says what changes, for whom.
  await check('roster.csv', [text.split('\r\n')[0] ?? '', '20000024,20000024-1,Naomie,Waters,ORG9999,Ward 9']);
  await expect(report).toContainText('Changed1');
  // (Her department is named as the roster has it now: another journey may have renamed it.)
  await expect(page.getByTestId('roster-changes')).toHaveText(
    /^Naomie Waters \(Person ID \w+, employee number 20000024\): department: .+ → Ward 9$/,
  );
  // A header and no rows, and a letter saved as .csv: each is said for what it is, and nothing is offered to import.
  await check('empty.csv', [header]);
  await expect(page.getByTestId('roster-error')).toContainText(
    'The file has a header row but no rows of staff: there is nothing to import',
  );
  await expect(page.getByTestId('roster-report')).toHaveCount(0);
  await check('letter.csv', ['Dear admin,', 'Please add our new starters.', 'Kind regards']);
  await expect(page.getByTestId('roster-error')).toContainText(
    'The file is not a roster CSV: its first line names none of the roster columns (not found: Employee Number, Assignment Number, Last Name, Organisation ID or Organisation Name)',
  );
  await expect(page.getByTestId('roster-error')).not.toContainText('Dear admin');
  await expect(page.getByRole('button', { name: /^Import/ })).toHaveCount(0);
});

test('an admin says the day a roster is of: not a day to come, nor one before the roster already imported', async ({
  page,
}) => {
  await signIn(page, 'admin');
  await page.goto(`${service}/admin/roster`);
  // One navigation item is the current page: Roster, not also Accounts (/admin), which its path lies under.
  await expect(page.locator('[aria-current="page"]')).toHaveCount(1);
  await expect(page.locator('[aria-current="page"]')).toHaveText('Roster');
  const asOf = page.getByLabel('As of (YYYY-MM-DD)');
  const today = await asOf.inputValue();
  expect(today).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  const check = async (day: string) => {
    await page.getByLabel('As of (YYYY-MM-DD)').fill(day);
    await page
      .getByLabel('Roster file (CSV)')
      .setInputFiles({ name: 'roster.csv', mimeType: 'text/csv', buffer: Buffer.from(broken) });
    await page.getByRole('button', { name: 'Check the file' }).click();
  };
  await check('2999-01-01');
  await expect(page.getByTestId('roster-error')).toContainText(
    `The "as of" date: a roster can be as of today (${today}) at the latest: 2999-01-01 has not come yet`,
  );
  // The NHS error pattern: the title says so, the summary links to the field, and the field keeps the date entered
  // with its error beside it (it went back to today, so the officer had to type the date again).
  await expect(page).toHaveTitle(/^Error: /);
  await page
    .getByTestId('roster-error')
    .getByRole('link', { name: /has not come yet/ })
    .click();
  await expect(asOf).toBeFocused();
  await expect(asOf).toHaveValue('2999-01-01');
  await expect(page.locator('#asOf-error')).toContainText('2999-01-01 has not come yet');
  await expectNoAxeViolations(page, 'roster refused for its date');
  await check('31/01/2020');
  await expect(page.locator('#asOf-error')).toContainText('must be a real date (YYYY-MM-DD)');
  await expect(asOf).toHaveValue('31/01/2020');
  await check('2020-01-01');
  await expect(page.getByTestId('roster-error')).toContainText(
    `a roster as of ${today} has already been imported; this file, as of 2020-01-01, is older and would overwrite it`,
  );
  await check(today);
  await expect(page.getByTestId('roster-report')).toHaveAttribute('data-dry-run', 'true');
  await expect(page.getByTestId('roster-as-of')).toContainText(`As of ${today} (today)`);
  await expect(page.locator('input[type="hidden"][name="asOf"]')).toHaveValue(today);
  await expectNoAxeViolations(page, 'roster dry run with its date');
});
