/**
 * The course as the build sees it: loaded once from `content/training/` (or TRAINING_CONTENT_DIR) and checked against
 * records-policy, so a broken content file stops `astro build` with a message naming the file and field.
 */
import { resolve } from 'node:path';
import { type Course, guidancePoints } from '@im-records/course';
import { loadCourse } from '@im-records/course/node';

let cached: Course | undefined;

/** The validated course; the first call reads and checks every file. */
export function getCourse(): Course {
  if (!cached) {
    const dir = process.env.TRAINING_CONTENT_DIR ?? resolve(process.cwd(), '../../content/training');
    cached = loadCourse(dir, { guidancePoints, root: resolve(dir, '../..') });
  }
  return cached;
}
