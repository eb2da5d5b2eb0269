/**
 * The course as the build sees it: the trust's settings read from one file (TRUST_SETTINGS_FILE, or
 * `content/trust/settings.yaml` when it exists, or the course's defaults), then `content/training/` (or
 * TRAINING_CONTENT_DIR) loaded and checked against records-policy with those settings filled in. A broken content or
 * settings file stops `astro build` with a message naming the file, line and field.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { type Course, guidancePoints } from '@im-records/course';
import { loadCourse, loadTrustSettings } from '@im-records/course/node';

let cached: Course | undefined;

/** The repository root, for file names in build messages. */
const repoRoot = resolve(process.cwd(), '../..');

/** The trust settings file the build reads, or null for the course's defaults. */
export function trustSettingsFile(env: Readonly<Record<string, string | undefined>> = process.env): string | null {
  if (env.TRUST_SETTINGS_FILE) return resolve(env.TRUST_SETTINGS_FILE);
  const standard = resolve(repoRoot, 'content/trust/settings.yaml');
  return existsSync(standard) ? standard : null;
}

/** The validated course, filled in with the trust's settings; the first call reads and checks every file. */
export function getCourse(): Course {
  if (!cached) {
    const dir = process.env.TRAINING_CONTENT_DIR ?? resolve(repoRoot, 'content/training');
    const trust = loadTrustSettings(trustSettingsFile(), repoRoot);
    cached = loadCourse(dir, { guidancePoints, root: resolve(dir, '../..'), trust });
  }
  return cached;
}
