/**
 * Zod schemas for the course content in `content/training/`: the one boundary where hand-written YAML is checked,
 * so pages and islands can trust the shapes they are given. Build-time only (zod never reaches the browser).
 */
import { z } from 'zod';

const slug = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be lower-case words joined by hyphens');
const text = z.string().trim().min(1, 'must not be empty');
const isoDate = z.iso.date('must be a date written YYYY-MM-DD');

/** Ids of sources in records-policy's source list (`SOURCES`), checked to exist when the course loads. */
const sourceIds = z.array(slug).min(1, 'must list at least one source id');

/** Ids of records-policy guidance points (the one rule for each subject), checked to exist when the course loads. */
const pointIds = z.array(slug).min(1, 'must list at least one records-policy guidance point id');

/** One block of a guidance section: a paragraph, a list, numbered steps, inset text, a warning or a do and don't list. */
export const blockSchema = z.union([
  text,
  z.strictObject({ list: z.array(text).min(1) }),
  z.strictObject({ steps: z.array(text).min(1) }),
  z.strictObject({ inset: text }),
  z.strictObject({ warning: text }),
  z.strictObject({ do: z.array(text).min(1), dont: z.array(text).min(1) }),
]);

/** A guidance page: the teaching content, tied to the records-policy guidance points it covers. */
export const guidancePageSchema = z.strictObject({
  title: text,
  summary: text,
  topic: slug,
  order: z.int().min(1),
  lastReviewed: isoDate,
  nextReview: isoDate,
  covers: pointIds,
  sections: z.array(z.strictObject({ heading: text, body: z.array(blockSchema).min(1) })).min(1),
  /** Source ids for facts on the page beyond those of the points it covers (which are always shown). */
  sources: sourceIds.optional(),
});

const optionSchema = z.strictObject({
  id: slug,
  text,
  correct: z.boolean(),
  feedback: text,
  /** The guidance points this option would break if a learner did it: such an option can never be correct. */
  breaksGuidance: pointIds.optional(),
});

/** A question in the bank; the file's topic applies to every question in it. */
export const questionSchema = z
  .strictObject({
    id: slug,
    type: z.enum(['single', 'multiple', 'true-false', 'scenario']),
    situation: text.optional(),
    prompt: text,
    options: z.array(optionSchema).min(2).max(6),
    explanation: text,
    guidance: z.array(slug).min(1, 'must link to at least one guidance page'),
    /** The records-policy guidance points the question tests: their sources back its facts. */
    covers: pointIds,
    /** Source ids for facts in the question beyond those of the points it covers. */
    sources: sourceIds.optional(),
  })
  .superRefine((question, ctx) => {
    const correct = question.options.filter((option) => option.correct).length;
    const ids = new Set(question.options.map((option) => option.id));
    if (ids.size !== question.options.length) {
      ctx.addIssue({ code: 'custom', path: ['options'], message: 'option ids must be unique' });
    }
    if (question.type === 'multiple' && correct < 2) {
      ctx.addIssue({
        code: 'custom',
        path: ['options'],
        message: 'a multiple-choice question needs 2 or more correct options',
      });
    }
    if (question.type !== 'multiple' && correct !== 1) {
      ctx.addIssue({
        code: 'custom',
        path: ['options'],
        message: `a ${question.type} question needs exactly 1 correct option`,
      });
    }
    if (question.type === 'true-false') {
      const pair = question.options.map((option) => option.id).join(',');
      if (pair !== 'true,false') {
        ctx.addIssue({
          code: 'custom',
          path: ['options'],
          message: 'a true-false question has options true then false',
        });
      }
    }
    question.options.forEach((option, index) => {
      if (option.correct && option.breaksGuidance) {
        ctx.addIssue({
          code: 'custom',
          path: ['options', index, 'correct'],
          message: 'an option flagged breaksGuidance cannot be a right answer',
        });
      }
    });
    if (question.type === 'scenario' && question.situation === undefined) {
      ctx.addIssue({ code: 'custom', path: ['situation'], message: 'a scenario question needs a situation' });
    }
  });

/** A question bank file: one topic and its questions. */
export const questionFileSchema = z.strictObject({
  topic: slug,
  questions: z.array(questionSchema).min(1),
});

const choiceSchema = z
  .strictObject({
    id: slug,
    text,
    consequence: text,
    points: z.union([z.literal(0), z.literal(1), z.literal(2)]),
    next: slug,
    guidance: z.array(slug).optional(),
    /**
     * The `breaks-guidance` flag: the guidance points this choice breaks (an evasive or rule-breaking choice). Such a
     * choice scores 0, however well it turns out.
     */
    breaksGuidance: pointIds.optional(),
  })
  .refine((choice) => choice.breaksGuidance === undefined || choice.points === 0, {
    path: ['points'],
    message: 'a choice flagged breaksGuidance must score 0: no points for evasive or rule-breaking choices',
  });

/** A point in a scenario where the learner chooses what to do. */
export const decisionNodeSchema = z.strictObject({
  type: z.literal('decision'),
  text,
  question: text,
  choices: z.array(choiceSchema).min(2).max(4),
});

/** Where a scenario finishes, with its verdict and the guidance to read next. */
export const endingNodeSchema = z.strictObject({
  type: z.literal('ending'),
  rating: z.enum(['good', 'mixed', 'poor']),
  title: text,
  text,
  guidance: z.array(slug).min(1),
});

/** A branching scenario: a graph of decisions and endings, starting at `start`. */
export const scenarioSchema = z.strictObject({
  title: text,
  summary: text,
  order: z.int().min(1),
  role: text,
  /** The records-policy guidance points the scenario teaches: their sources back its consequences. */
  covers: pointIds,
  /** Source ids for facts in the scenario beyond those of the points it covers. */
  sources: sourceIds.optional(),
  start: slug,
  nodes: z.record(slug, z.discriminatedUnion('type', [decisionNodeSchema, endingNodeSchema])),
});

/** The glossary searched beside the guidance. */
export const glossarySchema = z.strictObject({
  terms: z
    .array(
      z.strictObject({
        term: text,
        definition: text,
        /** The guidance page that explains the term; the points it covers back the definition. */
        guidance: slug.optional(),
        /** Source ids for a definition no guidance page backs. */
        sources: sourceIds.optional(),
      }),
    )
    .min(1),
});

/** Course-wide settings: its version, the topics questions are balanced across, and the assessment length. */
export const courseSchema = z.strictObject({
  title: text,
  version: text,
  minutes: z.int().min(1),
  assessment: z.strictObject({ questionCount: z.int().min(1) }),
  topics: z.array(z.strictObject({ id: slug, label: text })).min(1),
});

export type Block = z.infer<typeof blockSchema>;
export type GuidancePageData = z.infer<typeof guidancePageSchema>;
export type QuestionData = z.infer<typeof questionSchema>;
export type ScenarioData = z.infer<typeof scenarioSchema>;
export type DecisionNode = z.infer<typeof decisionNodeSchema>;
export type EndingNode = z.infer<typeof endingNodeSchema>;
export type GlossaryData = z.infer<typeof glossarySchema>;
export type CourseData = z.infer<typeof courseSchema>;
