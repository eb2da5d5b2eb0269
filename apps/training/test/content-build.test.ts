// The site's build reads the content and the trust's settings: a broken file must stop it with the file and field named
// (the loader's own messages are tested in packages/course), and a trust's settings file must show on the pages.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseTrustSettings } from '@im-records/records-policy';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { trustSettingsFile } from '../src/lib/course.ts';

const app = fileURLToPath(new URL('..', import.meta.url));
const repo = fileURLToPath(new URL('../../../', import.meta.url));
const contentDir = fileURLToPath(new URL('../../../content/training/', import.meta.url));
const scratch = mkdtempSync(join(tmpdir(), 'imt-build-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function build(env: Record<string, string>, outDir: string) {
  return spawnSync(
    process.execPath,
    [join(app, '../../node_modules/astro/bin/astro.mjs'), 'build', '--outDir', outDir],
    {
      cwd: app,
      env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1', ...env },
      encoding: 'utf8',
    },
  );
}

describe('the build', () => {
  it('stops `astro build` with the file and field', { timeout: 120_000 }, () => {
    const dir = join(scratch, 'broken', 'content', 'training');
    cpSync(contentDir, dir, { recursive: true });
    const file = join(dir, 'questions/apps.yaml');
    const before = readFileSync(file, 'utf8');
    const after = before.replace(
      '        feedback: Right. A personal cloud backup holds a copy of every work message.\n',
      '',
    );
    expect(after).not.toBe(before);
    writeFileSync(file, after);
    const result = build({ TRAINING_CONTENT_DIR: dir }, join(scratch, 'broken-dist'));
    expect(result.status).not.toBe(0);
    expect(`${result.stdout}${result.stderr}`).toContain('questions[3].options[1].feedback');
    expect(`${result.stdout}${result.stderr}`).toContain('questions/apps.yaml');
  });

  it('shows a trust’s settings on its pages, with no defaults notice', { timeout: 180_000 }, () => {
    const settings = join(scratch, 'settings.yaml');
    writeFileSync(
      settings,
      [
        'organisation: { name: Anytown Hospitals NHS Foundation Trust }',
        'division: wales',
        'approvedApps: [Microsoft Teams, Accurx]',
        'informationGovernance: { team: the Information Governance team, incidentSystem: Datix }',
        'device: { passcodeMinDigits: 8 }',
        'training: { passMarkPercent: 85, renewalMonths: 24 }',
      ].join('\n'),
    );
    const out = join(scratch, 'trust-dist');
    const result = build({ TRUST_SETTINGS_FILE: settings }, out);
    expect(result.status, `${result.stdout}${result.stderr}`).toBe(0);
    const page = (path: string) => readFileSync(join(out, path, 'index.html'), 'utf8');
    expect(page('guidance/why-it-matters')).toContain('You need 85% to pass.');
    expect(page('guidance/why-it-matters')).toContain('It lasts 24 months.');
    expect(page('guidance/choosing-an-app')).toContain('For work messages, use Microsoft Teams or Accurx.');
    expect(page('guidance/securing-your-phone')).toContain('at least 8 digits');
    expect(page('guidance/securing-your-phone')).toContain('Anytown Hospitals NHS Foundation Trust policy');
    expect(page('guidance/reporting-a-breach')).toContain('Log it on Datix.');
    expect(page('')).toContain('You need 85% to pass.');
    expect(page('')).not.toContain('default settings');
    expect(page('settings')).toContain('Anytown Hospitals NHS Foundation Trust');
    expect(page('assessment')).toContain('&quot;passMark&quot;:[0,0.85]');
  });
});

describe('the trust settings file', () => {
  it('is the one named by TRUST_SETTINGS_FILE, else content/trust/settings.yaml when present, else none', () => {
    expect(trustSettingsFile({ TRUST_SETTINGS_FILE: '/srv/trust.yaml' })).toBe('/srv/trust.yaml');
    expect(trustSettingsFile({})).toBeNull();
  });

  it('has a valid example that sets every field', () => {
    const example = parse(readFileSync(join(repo, 'content/trust/settings.example.yaml'), 'utf8'));
    const resolved = parseTrustSettings(example, 'content/trust/settings.example.yaml');
    expect(resolved.defaulted).toEqual([]);
  });
});
