import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
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

/** Today's UK day, which a roster import is as of when no --as-of is given. */
const ukToday = (): string => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(new Date());

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
    expect(JSON.parse(result.stdout)).toEqual({
      asOf: ukToday(),
      added: 1,
      updated: 0,
      unchanged: 0,
      leavers: 1,
      rejected: [],
      changes: [],
    });
  });

  it('lists rejected rows with their line numbers, and --strict refuses the whole file', async () => {
    const strict = await run('roster', 'import', broken, '--strict', '--json');
    expect(strict.code).toBe(1);
    expect(JSON.parse(strict.stdout)).toEqual({
      asOf: ukToday(),
      added: 1,
      updated: 0,
      unchanged: 0,
      leavers: 0,
      rejected: [
        { line: 3, reason: 'no employee number' },
        { line: 4, reason: 'no department (Organisation ID or Organisation Name is empty)' },
      ],
      changes: [],
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
    expect(partial.stdout).toContain('2 people on the roster are not in this file; they were left as they are.\n');
    // Only Ben missing from the next file: one person, said as one. Amara moves to the pharmacy: the dry run says so.
    const withoutBen = join(folder, 'without-ben.csv');
    writeFileSync(
      withoutBen,
      `${header}\n1,1-1,Amara,Okafor,PH,Pharmacy,amara@trust.example,2019-01-01,\n3,3-1,Chen,Wu,W5,Ward 5,chen@trust.example,2019-01-01,\n`,
    );
    const one = await run('roster', 'import', withoutBen, '--dry-run');
    expect(one.stdout).toContain('1 person on the roster is not in this file; they were left as they are.\n');
    expect(one.stdout).toContain(
      'Would change for people already on the roster:\n  Amara Okafor (employee number 1): department: Ward 5 → Pharmacy\n',
    );
  });

  it('refuses a file without the required columns in one line, writing nothing', async () => {
    const result = await run('roster', 'import', headerless);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      'records attestation: headerless.csv: the file is not a roster CSV: its first line names none of the roster columns (not found: Employee Number, Assignment Number, Last Name, Organisation ID or Organisation Name)\n',
    );
    expect((await run('roster', 'import', join(folder, 'missing.csv'))).code).toBe(2);
  });

  it('reports one row per department as CSV, as the roster stood on the day asked for', async () => {
    const rows = async (...asOf: string[]) => {
      const result = await run('report', '--format', 'csv', ...asOf);
      expect(result.code).toBe(0);
      const lines = result.stdout.trim().split('\r\n');
      expect(lines[0]).toMatch(/^department_id,department,staff_in_scope,compliant/);
      return lines.slice(1).map((l) => l.split(',').slice(0, 3).join(','));
    };
    // Today: Amara, and Chen from the partial import of the file with rejected rows.
    expect(await rows()).toEqual(['PH,Pharmacy,0', 'W5,Ward 5,2']);
    // On a past day: the first import stands from the start (it is the roster the service went live with), Chen was
    // imported today, so Ward 5 had Amara alone.
    expect(await rows('--as-of', '2026-03-02')).toEqual(['PH,Pharmacy,0', 'W5,Ward 5,1']);
    expect((await run('report', '--as-of', '2026-02-30')).code).toBe(2);
  });

  it('imports a roster as of the day it names: not a day to come, nor one before a newer file', async () => {
    const today = ukToday();
    const future = await run('roster', 'import', roster, '--as-of', '2999-01-01');
    expect(future.code).toBe(1);
    expect(future.stderr).toBe(
      `records attestation: --as-of: a roster can be as of today (${today}) at the latest: 2999-01-01 has not come yet, so the file cannot state it\n`,
    );
    const older = await run('roster', 'import', roster, '--as-of', '2020-01-01', '--dry-run');
    expect(older.code).toBe(1);
    expect(older.stderr).toBe(
      `records attestation: --as-of: a roster as of ${today} has already been imported; this file, as of 2020-01-01, is older and would overwrite it\n`,
    );
    expect((await run('roster', 'import', roster, '--as-of', '2026-02-30')).code).toBe(2);
    const dry = await run('roster', 'import', roster, '--as-of', today, '--dry-run');
    expect(dry.code).toBe(0);
    expect(dry.stdout).toContain(`Would import roster.csv as of ${today}: 0 added,`);
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

describe('records attestation: running the programme', () => {
  it("runs the day's reminders for cron (a preview for a later day): a dry run, no e-mail at weekends, a mail merge without SMTP, never twice, never for a past day", async () => {
    const dry = await run('reminders', 'run', '--dry-run', '--as-of', '2030-03-04', '--json');
    expect(dry.code).toBe(0);
    const report = JSON.parse(dry.stdout);
    expect(report).toMatchObject({ runOn: '2030-03-04', dryRun: true, workingDay: true, delivery: 'mail-merge' });
    expect(report.planned).toBeGreaterThan(0);
    expect(report.messages.map((m: { recipient: string }) => m.recipient).sort()[1]).toMatch(/^person:/);
    // Cron output lands in logs: no addresses or message bodies.
    expect(dry.stdout).not.toContain('@');
    expect(dry.stdout).not.toContain('Dear');
    const weekend = await run('reminders', 'run', '--as-of', '2030-03-09');
    expect(weekend.stdout).toBe('Saturday 9 March 2030 is not a working day in england-and-wales: no reminders.\n');
    const live = await run('reminders', 'run', '--as-of', '2030-03-04');
    expect(live.code).toBe(0);
    expect(live.stdout).toMatch(/^Reminders for Monday 4 March 2030 \(england-and-wales\): planned [1-9]\d* e-mails?;/);
    expect(live.stdout).toMatch(
      /No SMTP server is configured \(SMTP_URL\): [1-9]\d* messages? waits? for the mail-merge download/,
    );
    const again = await run('reminders', 'run', '--as-of', '2030-03-04');
    expect(again.stdout).toMatch(/planned 0 e-mails/);
    process.env.SMTP_URL = 'smtp://127.0.0.1:9';
    try {
      const half = await run('reminders', 'run', '--as-of', '2030-03-04');
      expect(half).toMatchObject({ code: 2 });
      expect(half.stderr).toContain('SMTP_FROM must be set with SMTP_URL');
    } finally {
      delete process.env.SMTP_URL;
    }
    expect((await run('reminders', 'run', '--as-of', '2026-02-30')).code).toBe(2);
    // A past day is refused: a run sends today, through today's addresses, line managers and pauses.
    const past = await run('reminders', 'run', '--as-of', '2026-03-02');
    expect(past.code).toBe(1);
    expect(past.stderr).toMatch(
      /^records attestation: --as-of: reminders are run for today \(\d{4}-\d{2}-\d{2}\) or, to preview, a later day/,
    );
  });

  it("draws the month's spot checks reproducibly and lists the people by employee number", async () => {
    const dry = await run(
      'spot-check',
      'draw',
      '--month',
      '2026-03',
      '--size',
      '1',
      '--seed',
      'march',
      '--dry-run',
      '--json',
    );
    expect(dry.code).toBe(0);
    const planned = JSON.parse(dry.stdout);
    expect(planned).toMatchObject({ month: '2026-03', seed: 'march', size: 1, dryRun: true });
    expect(planned.people).toHaveLength(1);
    expect(planned.people[0]).toEqual({
      employeeNumber: expect.any(String),
      departmentId: expect.any(String),
      department: expect.any(String),
    });
    const live = await run('spot-check', 'draw', '--month', '2026-03', '--size', '1', '--seed', 'march');
    expect(live.code).toBe(0);
    expect(live.stdout).toContain(`  ${planned.people[0].employeeNumber}  ${planned.people[0].department}\n`);
    const twice = await run('spot-check', 'draw', '--month', '2026-03', '--size', '1', '--seed', 'march');
    expect(twice).toMatchObject({
      code: 1,
      stderr: 'records attestation: the spot check for 2026-03 has already been drawn\n',
    });
    expect((await run('spot-check', 'draw', '--month', 'March')).code).toBe(2);
    expect((await run('spot-check', 'draw', '--month', '2026-04', '--size', 'ten')).code).toBe(2);
  });

  it('exports the course for the LMS and reports its size', async () => {
    const out = join(folder, 'course.zip');
    const result = await run('export-course', '--format', 'scorm12', '--out', out, '--json');
    expect(result.code).toBe(0);
    const summary = JSON.parse(result.stdout);
    const bytes = readFileSync(out);
    expect(summary).toMatchObject({ format: 'scorm12', file: out, size: bytes.length });
    expect(summary.sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
    expect(bytes.subarray(0, 2).toString()).toBe('PK');
    // With the trust's settings, the package marks at its pass mark.
    const trust = join(folder, 'settings.yaml');
    writeFileSync(trust, 'training:\n  passMarkPercent: 85\n');
    const own = await run('export-course', '--format', 'scorm12', '--out', out, '--trust', trust);
    expect(own.code).toBe(0);
    expect(own.stdout).toContain(`Trust settings: ${trust}`);
    expect(own.stdout).toContain('pass mark 85%');
    expect((await run('export-course', '--format', 'scorm2004', '--out', out)).code).toBe(2);
    expect((await run('export-course', '--format', 'cmi5')).code).toBe(2);
  }, 120_000);
});
