import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { findTrustSettingsFile } from '../src/node.ts';

const root = mkdtempSync(join(tmpdir(), 'trust-file-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('findTrustSettingsFile', () => {
  it('takes TRUST_SETTINGS_FILE, else the nearest content/trust/settings.yaml above the folder, else none', () => {
    const deep = join(root, 'apps', 'attestation');
    mkdirSync(deep, { recursive: true });
    expect(findTrustSettingsFile({}, deep)).toBeNull();
    mkdirSync(join(root, 'content', 'trust'), { recursive: true });
    writeFileSync(join(root, 'content', 'trust', 'settings.yaml'), 'division: scotland\n');
    expect(findTrustSettingsFile({}, deep)).toBe(join(root, 'content', 'trust', 'settings.yaml'));
    expect(findTrustSettingsFile({ TRUST_SETTINGS_FILE: '/srv/trust.yaml' }, deep)).toBe('/srv/trust.yaml');
  });
});
