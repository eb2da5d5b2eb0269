// `npm test`: every workspace's unit tests (Vitest, through Turborepo), then the apps' build and the Playwright browser
// tests. Both suites run even when the first fails, so one run reports every failure; the last line gives the totals
// (`N passed, N failed`) so a reader of a CI log sees them without scrolling. Exits non-zero when anything failed.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..');
const reportDir = '.test-results';
const vitestReport = join(reportDir, 'vitest.json');
const playwrightReport = join(root, reportDir, 'playwright.json');

/** Workspaces that have a `test` script, with the folder their Vitest report is written to. */
function testedWorkspaces() {
  const found = [];
  for (const group of ['apps', 'packages']) {
    for (const name of readdirSync(join(root, group))) {
      const manifest = join(root, group, name, 'package.json');
      if (!existsSync(manifest)) continue;
      const pkg = JSON.parse(readFileSync(manifest, 'utf8'));
      if (pkg.scripts?.test?.startsWith('vitest')) found.push({ name: pkg.name, dir: join(root, group, name) });
    }
  }
  return found;
}

function run(command, args, extraEnv = {}) {
  console.log(`\n$ ${[command, ...args].join(' ')}`);
  const started = Date.now();
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...extraEnv } });
  if (result.error) console.error(`Could not start ${command}: ${result.error.message}`);
  const step = [command, ...args.filter((arg) => !arg.startsWith('-')).slice(0, 2)].join(' ');
  console.log(`(${step}: ${Math.round((Date.now() - started) / 1000)} s)`);
  return result.status === 0;
}

const workspaces = testedWorkspaces();
for (const workspace of workspaces) rmSync(join(workspace.dir, vitestReport), { force: true });
rmSync(playwrightReport, { force: true });

// Two workspaces at a time: while one is collecting or transforming its files (one core), the other runs its tests.
// Only the attestation package uses the PostgreSQL test database, so no two workspaces share one.
const unitOk = run('turbo', [
  'run',
  'test',
  '--concurrency=2',
  '--continue',
  '--',
  '--reporter=default',
  '--reporter=json',
  `--outputFile.json=${vitestReport}`,
]);
const buildOk = run('turbo', ['run', 'build']);
const e2eOk =
  buildOk &&
  run('playwright', ['test', '-c', 'tests/playwright.config.ts'], { PLAYWRIGHT_JSON_REPORT: playwrightReport });

const totals = { passed: 0, failed: 0, skipped: 0 };
const lines = [];
for (const workspace of workspaces) {
  const file = join(workspace.dir, vitestReport);
  if (!existsSync(file)) {
    // A workspace whose tests crashed before reporting counts as one failure, so the total cannot read clean.
    lines.push(`  ${workspace.name}: no report (its tests did not finish)`);
    totals.failed += 1;
    continue;
  }
  const report = JSON.parse(readFileSync(file, 'utf8'));
  const skipped = report.numPendingTests + report.numTodoTests;
  totals.passed += report.numPassedTests;
  totals.failed += report.numFailedTests;
  totals.skipped += skipped;
  lines.push(
    `  ${workspace.name}: ${report.numPassedTests} passed, ${report.numFailedTests} failed, ${skipped} skipped`,
  );
}
if (existsSync(playwrightReport)) {
  const { stats } = JSON.parse(readFileSync(playwrightReport, 'utf8'));
  const failed = stats.unexpected + stats.flaky;
  totals.passed += stats.expected;
  totals.failed += failed;
  totals.skipped += stats.skipped;
  lines.push(`  Playwright: ${stats.expected} passed, ${failed} failed, ${stats.skipped} skipped`);
} else {
  lines.push(buildOk ? '  Playwright: no report (the run did not finish)' : '  Playwright: not run (the build failed)');
  totals.failed += 1;
}

const ok = unitOk && buildOk && e2eOk && totals.failed === 0;
console.log(`\nTest totals${ok ? '' : ' (FAILED)'}:\n${lines.join('\n')}`);
console.log(`${totals.passed} passed, ${totals.failed} failed${totals.skipped ? ` (${totals.skipped} skipped)` : ''}`);
process.exit(ok ? 0 : 1);
