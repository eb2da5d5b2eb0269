/**
 * From the loaded course to what the package carries: the player's data (bank, settings, content key) and the
 * metadata the manifests need. The pass mark is the trust's (`course.trust.policy`, records-policy's 80% by default).
 */
import { createHash } from 'node:crypto';
import type { Course } from '@im-records/course';
import type { PlayerCourse, Scorm12Reporting } from '../player/course-data.ts';

/** Builds the player's data from the course; deterministic (same course, same JSON). */
export function playerCourse(course: Course, scormReporting: Scorm12Reporting = 'passed-failed'): PlayerCourse {
  const questions = course.questions.map((q) => ({
    id: q.id,
    topic: q.topic,
    type: q.type,
    ...(q.situation !== undefined ? { situation: q.situation } : {}),
    prompt: q.prompt,
    options: q.options.map((o) => ({ id: o.id, text: o.text, correct: o.correct, feedback: o.feedback })),
    explanation: q.explanation,
    guidance: [...q.guidance],
  }));
  const pages = course.guidance.map((page) => ({ slug: page.slug, title: page.title }));
  const contentKey = createHash('sha256').update(JSON.stringify({ pages, questions })).digest('hex').slice(0, 8);
  return {
    title: course.settings.title,
    version: course.settings.version,
    contentKey,
    passMark: course.trust.policy.passMark,
    questionCount: course.settings.assessment.questionCount,
    scormReporting,
    topics: course.settings.topics.map((topic) => topic.id),
    pages,
    questions,
  };
}

/** The course's one-paragraph description for manifests and the cmi5 structure. */
export function courseDescription(course: Course): string {
  return `${course.guidance.length} guidance pages and an assessment of ${course.settings.assessment.questionCount} questions drawn from a bank of ${course.questions.length}; pass mark ${Math.round(course.trust.policy.passMark * 100)}%. About ${course.settings.minutes} minutes.`;
}

/** The newest review date of the guidance, used as the package's file dates (so they say how current it is). */
export function contentDate(course: Course): string {
  return (
    course.guidance
      .map((page) => page.lastReviewed)
      .sort()
      .at(-1) ?? '1980-01-01'
  );
}
