import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CommandIO, main } from '../src/index.ts';

const folder = mkdtempSync(join(tmpdir(), 'records-attestation-'));
const roster = join(folder, 'roster.csv');
const broken = join(folder, 'broken.csv');
const headerless = join(folder, 'headerless.csv');
const database = join(folder, 'attestation.sqlite');

async function run(...argv: string[]) {
  let stdout = '';
  let stderr = '';
  const io: CommandIO = {
    stdout: (text) => {
      stdout += text;
    },
    stderr: (text) => {
      stderr += text;
    },
  };
  const code = await main(['attestation', ...argv], io);
  return { code, stdout, stderr };
}

const header =
  'Employee Number,Assignment Number,First Name,Last Name,Organisation ID,Organisation Name,Office E-mail Address,Hire Date,Actual Termination Date';

beforeAll(() => {
  process.env.DATABASE_URL = database;
  writeFileSync(
    roster,
    `\uFEFF${header}\r\n1,1-1,Amara,Okafor,W5,Ward 5,amara@trust.example,2019-01-01,\r\n2,2-1,Ben,"Cole, Jr",PH,Pharmacy,ben@trust.example,2019-01-01,2025-01-31\r\n`,
  );
  writeFileSync(
    broken,
    `${header}\n3,3-1,Chen,Wu,W5,Ward 5,chen@trust.example,2019-01-01,\n,4-1,No,Number,W5,Ward 5,,2019-01-01,\n5,5-1,Dee,Ray,,,dee@trust.example,2019-13-01,\n`,
  );
  writeFileSync(headerless, 'Name,Ward\nAmara,5\n');
});

afterAll(() => {
  delete process.env.DATABASE_URL;
  rmSync(folder, { recursive: true, force: true });
});

describe('records attestation', () => {
  it('shows a dry run, then imports, printing the counts as JSON', async () => {
    const dry = await run('roster', 'import', roster, '--dry-run');
    expect(dry.stderr).toBe('');
    expect(dry.stdout).toContain(
      'Would import roster.csv: 1 added, 0 updated, 0 unchanged, 1 leavers, 0 rejected (2 rows).',
    );
    expect(dry.stdout).toContain('Dry run: nothing was written.');
    const result = await run('roster', 'import', roster, '--json');
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({ added: 1, updated: 0, unchanged: 0, leavers: 1, rejected: [] });
  });

  it('lists rejected rows with their line numbers, and --strict refuses the whole file', async () => {
    const strict = await run('roster', 'import', broken, '--strict', '--json');
    expect(strict.code).toBe(1);
    expect(JSON.parse(strict.stdout)).toEqual({
      added: 1,
      updated: 0,
      unchanged: 0,
      leavers: 0,
      rejected: [
        { line: 3, reason: 'no employee number' },
        { line: 4, reason: 'no department (Organisation ID or Organisation Name is empty)' },
      ],
    });
    const strictText = await run('roster', 'import', broken, '--strict');
    expect(strictText.code).toBe(1);
    expect(strictText.stderr.trim().split('\n')).toHaveLength(1);
    expect(strictText.stderr).toMatch(
      /2 rows were rejected, so nothing was imported \(--strict\); the first is line 3: no employee number/,
    );
    const report = JSON.parse((await run('report', '--format', 'json')).stdout);
    expect(report.total.inScope).toBe(1);
    const partial = await run('roster', 'import', broken);
    expect(partial.code).toBe(0);
    expect(partial.stdout).toContain('  line 3: no employee number\n');
  });

  it('refuses a file without the required columns in one line, writing nothing', async () => {
    const result = await run('roster', 'import', headerless);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      'records attestation: headerless.csv: line 1: the header has no Employee Number, Assignment Number, Last Name, Organisation ID or Organisation Name columns (columns found: Name, Ward)\n',
    );
    expect((await run('roster', 'import', join(folder, 'missing.csv'))).code).toBe(2);
  });

  it('reports one row per department as CSV', async () => {
    const result = await run('report', '--format', 'csv', '--as-of', '2026-03-02');
    expect(result.code).toBe(0);
    const lines = result.stdout.trim().split('\r\n');
    expect(lines[0]).toMatch(/^department_id,department,staff_in_scope,compliant/);
    expect(lines.slice(1).map((l) => l.split(',').slice(0, 3).join(','))).toEqual(['PH,Pharmacy,0', 'W5,Ward 5,2']);
    expect((await run('report', '--as-of', '2026-02-30')).code).toBe(2);
  });

  it('adds accounts and refuses an unknown role', async () => {
    const added = await run('user', 'add', 'ig.lead@trust.example', '--role', 'ig-lead');
    expect(added.code).toBe(0);
    expect(added.stdout).toMatch(/^Added ig-lead account [0-9a-f-]{36} \(single sign-on only\)\.\n$/);
    const again = await run('user', 'add', 'ig.lead@trust.example', '--role', 'ig-lead');
    expect(again).toMatchObject({
      code: 1,
      stderr: 'records attestation: an account with that e-mail address already exists\n',
    });
    expect((await run('user', 'add', 'x@trust.example', '--role', 'boss')).code).toBe(2);
  });

  it('verifies the audit log, and names the first entry that was changed', async () => {
    const intact = await run('audit', 'verify');
    expect(intact.code).toBe(0);
    expect(intact.stdout).toMatch(/^Audit log intact: \d+ entries, 0 signed checkpoints\.\n$/);
    const db = new DatabaseSync(database);
    db.exec('drop trigger audit_log_no_update');
    db.exec(`update audit_log set actor = 'someone' where seq = 2`);
    db.close();
    const broken = await run('audit', 'verify');
    expect(broken.code).toBe(1);
    expect(broken.stderr).toMatch(/the audit log is broken at entry 2: entry 2 \(.+\) has been changed/);
  });
});
