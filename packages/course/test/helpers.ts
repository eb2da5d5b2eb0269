// Shared test helpers: the real course, and a scratch copy of the content folder to break on purpose.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadCourse, loadTrustSettings } from '../src/load-content.ts';
import { guidancePoints } from '../src/policy.ts';

/** The repository's content/training folder. */
export const contentDir = fileURLToPath(new URL('../../../content/training/', import.meta.url));

/** The repository root, for file names in messages. */
export const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));

/** The real course, loaded and checked as the build does (with the course's default trust settings). */
export const course = loadCourse(contentDir, { guidancePoints });

/** A scratch `<tmp>/content/training` copy; `edit` rewrites one file in it, `trust` writes a trust settings file. */
export function scratchContent() {
  const root = mkdtempSync(join(tmpdir(), 'imt-content-'));
  const dir = join(root, 'content', 'training');
  cpSync(contentDir, dir, { recursive: true });
  let trustFile: string | null = null;
  return {
    root,
    dir,
    edit(file: string, change: (text: string) => string) {
      const path = join(dir, file);
      const before = readFileSync(path, 'utf8');
      const after = change(before);
      if (after === before) throw new Error(`the edit to ${file} changed nothing`);
      writeFileSync(path, after);
    },
    trust(yaml: string) {
      trustFile = join(root, 'content', 'trust-settings.yaml');
      writeFileSync(trustFile, yaml);
    },
    load: () => loadCourse(dir, { guidancePoints, trust: loadTrustSettings(trustFile, root) }),
    remove: () => rmSync(root, { recursive: true, force: true }),
  };
}
