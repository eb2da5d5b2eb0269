// A broken content file must stop the site's build with the file and field named (the loader's own messages are tested
// in packages/course; this checks that `astro build` surfaces them).
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const app = fileURLToPath(new URL('..', import.meta.url));
const contentDir = fileURLToPath(new URL('../../../content/training/', import.meta.url));

describe('the build', () => {
  it('stops `astro build` with the file and field', { timeout: 120_000 }, () => {
    const root = mkdtempSync(join(tmpdir(), 'imt-content-'));
    const dir = join(root, 'content', 'training');
    const outDir = mkdtempSync(join(tmpdir(), 'imt-dist-'));
    try {
      cpSync(contentDir, dir, { recursive: true });
      const file = join(dir, 'questions/apps.yaml');
      const before = readFileSync(file, 'utf8');
      const after = before.replace(
        '        feedback: Right. A PIN stops someone who picks up the phone reading messages.\n',
        '',
      );
      expect(after).not.toBe(before);
      writeFileSync(file, after);
      const result = spawnSync(
        process.execPath,
        [join(app, '../../node_modules/astro/bin/astro.mjs'), 'build', '--outDir', outDir],
        {
          cwd: app,
          env: { ...process.env, TRAINING_CONTENT_DIR: dir, ASTRO_TELEMETRY_DISABLED: '1' },
          encoding: 'utf8',
        },
      );
      expect(result.status).not.toBe(0);
      expect(`${result.stdout}${result.stderr}`).toContain('questions[3].options[1].feedback');
      expect(`${result.stdout}${result.stderr}`).toContain('questions/apps.yaml');
    } finally {
      rmSync(outDir, { recursive: true, force: true });
      rmSync(root, { recursive: true, force: true });
    }
  });
});
