/**
 * Checks across files that no single schema can see: links resolve, topics exist, every records-policy guidance point
 * is taught somewhere, the bank can fill a balanced assessment, and every scenario graph is sound.
 */
import { ContentError } from './errors.ts';
import type { Course, GuidancePoint } from './model.ts';
import { analyseScenario } from './scenario.ts';
import type { Block } from './schemas.ts';

const slugPattern = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** Internal guidance links written in prose as `[words](/guidance/slug/)`. */
function guidanceLinksIn(block: Block): string[] {
  const texts =
    typeof block === 'string'
      ? [block]
      : 'list' in block
        ? block.list
        : 'steps' in block
          ? block.steps
          : 'inset' in block
            ? [block.inset]
            : 'warning' in block
              ? [block.warning]
              : [...block.do, ...block.dont];
  return texts.flatMap((t) => [...t.matchAll(/\]\(\/guidance\/([^/)]+)\/?\)/g)].map((m) => m[1] ?? ''));
}

/** Throws {@link ContentError} for the first cross-file problem in the course. */
export function checkCourse(
  course: Course,
  guidancePoints: readonly GuidancePoint[],
  glossaryFile = 'content/training/glossary.yaml',
  courseFile = 'content/training/course.yaml',
): void {
  const { settings, guidance, questions, scenarios, glossary } = course;
  const topics = new Set(settings.topics.map((t) => t.id));
  const pages = new Set(guidance.map((p) => p.slug));
  const pointIds = new Set(guidancePoints.map((p) => p.id));
  const needPage = (file: string, field: string, slug: string) => {
    if (!pages.has(slug)) throw new ContentError(file, field, `links to guidance page "${slug}", which does not exist`);
  };

  for (const page of guidance) {
    if (!slugPattern.test(page.slug))
      throw new ContentError(page.file, '', 'the file name must be lower-case words joined by hyphens');
    if (!topics.has(page.topic))
      throw new ContentError(page.file, 'topic', `"${page.topic}" is not a topic in course.yaml`);
    if (page.nextReview <= page.lastReviewed)
      throw new ContentError(page.file, 'nextReview', 'must be after lastReviewed');
    page.covers.forEach((id, i) => {
      if (!pointIds.has(id))
        throw new ContentError(page.file, `covers[${i}]`, `"${id}" is not a records-policy guidance point`);
    });
    for (const [s, section] of page.sections.entries()) {
      for (const [b, block] of section.body.entries()) {
        for (const slug of guidanceLinksIn(block)) needPage(page.file, `sections[${s}].body[${b}]`, slug);
      }
    }
  }
  const covered = new Set(guidance.flatMap((p) => p.covers));
  const uncovered = guidancePoints.filter((p) => !covered.has(p.id));
  if (uncovered.length > 0) {
    throw new ContentError(
      'content/training/guidance',
      'covers',
      `no guidance page covers records-policy guidance point${uncovered.length === 1 ? '' : 's'} ${uncovered.map((p) => `"${p.id}"`).join(', ')}`,
    );
  }

  const seenIds = new Map<string, string>();
  const perTopic = new Map<string, number>();
  questions.forEach((question) => {
    const index = questions.filter((q) => q.file === question.file).indexOf(question);
    const at = (field: string) => `questions[${index}]${field}`;
    if (!topics.has(question.topic))
      throw new ContentError(question.file, 'topic', `"${question.topic}" is not a topic in course.yaml`);
    const earlier = seenIds.get(question.id);
    if (earlier) throw new ContentError(question.file, at('.id'), `"${question.id}" is already used in ${earlier}`);
    seenIds.set(question.id, question.file);
    for (const [i, slug] of question.guidance.entries()) needPage(question.file, at(`.guidance[${i}]`), slug);
    perTopic.set(question.topic, (perTopic.get(question.topic) ?? 0) + 1);
  });
  const perTopicNeeded = Math.ceil(settings.assessment.questionCount / topics.size);
  for (const topic of topics) {
    const count = perTopic.get(topic) ?? 0;
    if (count < perTopicNeeded) {
      throw new ContentError(
        courseFile,
        'topics',
        `topic "${topic}" has ${count} questions; a balanced assessment needs at least ${perTopicNeeded}`,
      );
    }
  }

  for (const scenario of scenarios) {
    if (!slugPattern.test(scenario.slug))
      throw new ContentError(scenario.file, '', 'the file name must be lower-case words joined by hyphens');
    const [problem] = analyseScenario(scenario).problems;
    if (problem) throw new ContentError(scenario.file, problem.field, problem.message);
    for (const [id, node] of Object.entries(scenario.nodes)) {
      const links =
        node.type === 'ending'
          ? node.guidance.map((slug, i) => [`nodes.${id}.guidance[${i}]`, slug] as const)
          : node.choices.flatMap((choice, c) =>
              (choice.guidance ?? []).map((slug, i) => [`nodes.${id}.choices[${c}].guidance[${i}]`, slug] as const),
            );
      for (const [field, slug] of links) needPage(scenario.file, field, slug);
    }
  }

  glossary.forEach((term, i) => {
    if (term.guidance) needPage(glossaryFile, `terms[${i}].guidance`, term.guidance);
  });
}
