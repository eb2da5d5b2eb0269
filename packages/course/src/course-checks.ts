/**
 * Checks across files that no single schema can see: links resolve, topics exist, every records-policy guidance point
 * is taught somewhere, every fact cites a point or a source that exists and traces to the reference notes or is the
 * trust's own policy, no text contradicts a point or mentions its subject without citing it, the bank can fill a
 * balanced assessment, and every scenario graph is sound.
 */
import { findSource, isInReferenceNotes, sourceAppliesTo, UK_DIVISIONS } from '@im-records/records-policy';
import { ContentError } from './errors.ts';
import type { Course, GuidancePoint } from './model.ts';
import { analyseScenario } from './scenario.ts';
import type { Block, DecisionNode, EndingNode } from './schemas.ts';

const slugPattern = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** The prose of a block, item by item. */
function blockTexts(block: Block): string[] {
  return typeof block === 'string'
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
}

/** Internal guidance links written in prose as `[words](/guidance/slug/)`. */
function guidanceLinksIn(block: Block): string[] {
  return blockTexts(block).flatMap((t) => [...t.matchAll(/\]\(\/guidance\/([^/)]+)\/?\)/g)].map((m) => m[1] ?? ''));
}

/**
 * A piece of content checked against the rules: all its words (for mentions), the words that teach (for
 * contradictions: a wrong option or a weaker scenario choice may state a mistake on purpose), and the points it cites.
 */
interface TextUnit {
  file: string;
  field: string;
  text: string;
  teaching: string;
  cites: ReadonlySet<string>;
}

// Pieces are joined with a full stop so a pattern cannot run from one sentence into the next.
const joined = (parts: readonly string[]) => parts.filter(Boolean).join('.\n');

function nodeUnit(node: DecisionNode | EndingNode): { text: string; teaching: string } {
  if (node.type === 'ending')
    return { text: joined([node.title, node.text]), teaching: joined([node.title, node.text]) };
  const best = Math.max(...node.choices.map((c) => c.points));
  const text = joined([node.text, node.question, ...node.choices.flatMap((c) => [c.text, c.consequence])]);
  const teaching = joined([
    node.text,
    node.question,
    ...node.choices.flatMap((c) => (c.points === best ? [c.text, c.consequence] : [c.consequence])),
  ]);
  return { text, teaching };
}

/** Every piece of prose in the course, with the points that back it. */
function textUnits(course: Course, glossaryFile: string): TextUnit[] {
  const units: TextUnit[] = [];
  const add = (file: string, field: string, text: string, cites: ReadonlySet<string>, teaching = text) =>
    units.push({ file, field, text, teaching, cites });
  const coversOf = new Map(course.guidance.map((page) => [page.slug, new Set(page.covers)]));
  for (const page of course.guidance) {
    const cites = new Set(page.covers);
    add(page.file, 'summary', joined([page.title, page.summary]), cites);
    page.sections.forEach((section, s) => {
      add(page.file, `sections[${s}]`, joined([section.heading, ...section.body.flatMap(blockTexts)]), cites);
    });
  }
  const indexInFile = new Map<string, number>();
  for (const question of course.questions) {
    const index = indexInFile.get(question.file) ?? 0;
    indexInFile.set(question.file, index + 1);
    const stem = [question.situation ?? '', question.prompt];
    const text = joined([...stem, ...question.options.flatMap((o) => [o.text, o.feedback]), question.explanation]);
    const teaching = joined([
      ...stem,
      ...question.options.flatMap((o) => (o.correct ? [o.text, o.feedback] : [o.feedback])),
      question.explanation,
    ]);
    add(question.file, `questions[${index}]`, text, new Set(question.covers), teaching);
  }
  for (const scenario of course.scenarios) {
    const cites = new Set(scenario.covers);
    add(scenario.file, 'summary', joined([scenario.title, scenario.summary, scenario.role]), cites);
    for (const [id, node] of Object.entries(scenario.nodes)) {
      const { text, teaching } = nodeUnit(node);
      add(scenario.file, `nodes.${id}`, text, cites, teaching);
    }
  }
  course.glossary.forEach((term, i) => {
    const cites = (term.guidance && coversOf.get(term.guidance)) || new Set<string>();
    add(glossaryFile, `terms[${i}]`, joined([term.term, term.definition]), cites);
  });
  return units;
}

/**
 * One rule per subject: no text may match a point's contradiction wording, and text that mentions a point's subject
 * must cite that point, so every statement on the subject rests on the one rule.
 */
function checkAgainstRules(units: readonly TextUnit[], guidancePoints: readonly GuidancePoint[]): void {
  for (const unit of units) {
    for (const point of guidancePoints) {
      for (const contradiction of point.contradictions ?? []) {
        const match = contradiction.pattern.exec(unit.teaching);
        if (match) {
          throw new ContentError(
            unit.file,
            unit.field,
            `"${match[0]}" teaches ${contradiction.teaches}, contradicting records-policy point "${point.id}"`,
          );
        }
      }
      const mention = point.mentions?.exec(unit.text);
      if (mention && !unit.cites.has(point.id)) {
        throw new ContentError(
          unit.file,
          unit.field,
          `mentions "${mention[0]}", the subject of records-policy point "${point.id}", so its covers must cite "${point.id}"`,
        );
      }
    }
  }
}

/** Where the guidance points live, for errors about a point rather than a content file. */
const guidanceFile = 'packages/records-policy/src/guidance.ts';

/**
 * Every fact the course teaches is traceable to a source in the reference notes, or labelled as the trust's own
 * policy. A point that is not `trust-policy` needs, in every division, a source the notes record (a source with
 * `reference: null` alone is not enough). A page, question, scenario or glossary term lists its own `sources` only for
 * facts beyond the points it covers, so each of those must be in the notes, unless everything the item covers is the
 * trust's policy (the source is then further reading).
 */
function checkTraceable(course: Course, guidancePoints: readonly GuidancePoint[], glossaryFile: string): void {
  const basisOf = new Map(guidancePoints.map((point) => [point.id, point.basis]));
  for (const point of guidancePoints) {
    if (point.basis === undefined || point.sourceIds === undefined || point.basis === 'trust-policy') continue;
    const sources = point.sourceIds.flatMap((id) => findSource(id) ?? []);
    const untraced = UK_DIVISIONS.filter(
      (division) => !sources.some((source) => sourceAppliesTo(source, division) && isInReferenceNotes(source)),
    );
    if (untraced.length > 0) {
      throw new ContentError(
        guidanceFile,
        `point "${point.id}"`,
        `rests only on sources the reference notes do not record (in ${untraced.join(', ')}): cite one they record, relabel it basis 'trust-policy', or take it out of the course`,
      );
    }
  }
  const needTraced = (file: string, field: string, covers: readonly string[], ids: readonly string[] = []) => {
    if (covers.length > 0 && covers.every((id) => basisOf.get(id) === 'trust-policy')) return;
    for (const [i, id] of ids.entries()) {
      const source = findSource(id);
      if (source && !isInReferenceNotes(source)) {
        throw new ContentError(
          file,
          `${field}[${i}]`,
          `"${id}" is not in the reference notes (its reference is null), so it cannot back a fact of this item's own: cite a source they record, cover a trust-policy point instead, or take the fact out`,
        );
      }
    }
  };
  for (const page of course.guidance) needTraced(page.file, 'sources', page.covers, page.sources);
  const indexInFile = new Map<string, number>();
  for (const question of course.questions) {
    const index = indexInFile.get(question.file) ?? 0;
    indexInFile.set(question.file, index + 1);
    needTraced(question.file, `questions[${index}].sources`, question.covers, question.sources);
  }
  for (const scenario of course.scenarios) needTraced(scenario.file, 'sources', scenario.covers, scenario.sources);
  course.glossary.forEach((term, i) => {
    needTraced(glossaryFile, `terms[${i}].sources`, [], term.sources);
  });
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
  const needPoint = (file: string, field: string, id: string) => {
    if (!pointIds.has(id)) throw new ContentError(file, field, `"${id}" is not a records-policy guidance point`);
  };
  const needSource = (file: string, field: string, id: string) => {
    if (!findSource(id)) throw new ContentError(file, field, `"${id}" is not in records-policy's source list`);
  };
  const needPoints = (file: string, field: string, ids: readonly string[] = []) => {
    for (const [i, id] of ids.entries()) needPoint(file, `${field}[${i}]`, id);
  };
  const needSources = (file: string, field: string, ids: readonly string[] = []) => {
    for (const [i, id] of ids.entries()) needSource(file, `${field}[${i}]`, id);
  };

  for (const page of guidance) {
    if (!slugPattern.test(page.slug))
      throw new ContentError(page.file, '', 'the file name must be lower-case words joined by hyphens');
    if (!topics.has(page.topic))
      throw new ContentError(page.file, 'topic', `"${page.topic}" is not a topic in course.yaml`);
    if (page.nextReview <= page.lastReviewed)
      throw new ContentError(page.file, 'nextReview', 'must be after lastReviewed');
    needPoints(page.file, 'covers', page.covers);
    needSources(page.file, 'sources', page.sources);
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
    needPoints(question.file, at('.covers'), question.covers);
    needSources(question.file, at('.sources'), question.sources);
    for (const [o, option] of question.options.entries()) {
      needPoints(question.file, at(`.options[${o}].breaksGuidance`), option.breaksGuidance);
    }
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
    needPoints(scenario.file, 'covers', scenario.covers);
    needSources(scenario.file, 'sources', scenario.sources);
    for (const [id, node] of Object.entries(scenario.nodes)) {
      if (node.type !== 'decision') continue;
      for (const [c, choice] of node.choices.entries()) {
        needPoints(scenario.file, `nodes.${id}.choices[${c}].breaksGuidance`, choice.breaksGuidance);
      }
    }
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
    needSources(glossaryFile, `terms[${i}].sources`, term.sources);
    if (!term.guidance && !term.sources) {
      throw new ContentError(glossaryFile, `terms[${i}]`, 'names no source: link a guidance page or list sources');
    }
  });

  checkTraceable(course, guidancePoints, glossaryFile);
  checkAgainstRules(textUnits(course, glossaryFile), guidancePoints);
}
