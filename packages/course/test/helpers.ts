// Shared test helpers: the real course, and a scratch copy of the content folder to break on purpose.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadCourse } from '../src/load-content.ts';
import { guidancePoints } from '../src/policy.ts';

/** The repository's content/training folder. */
export const contentDir = fileURLToPath(new URL('../../../content/training/', import.meta.url));

/** The real course, loaded and checked as the build does. */
export const course = loadCourse(contentDir, { guidancePoints });

/** A scratch `<tmp>/content/training` copy; `edit` rewrites one file in it. */
export function scratchContent() {
  const root = mkdtempSync(join(tmpdir(), 'imt-content-'));
  const dir = join(root, 'content', 'training');
  cpSync(contentDir, dir, { recursive: true });
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
    load: () => loadCourse(dir, { guidancePoints }),
    remove: () => rmSync(root, { recursive: true, force: true }),
  };
}
