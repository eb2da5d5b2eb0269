import { MESSAGING_GUIDANCE } from '@im-records/records-policy';
import { afterEach, describe, expect, it } from 'vitest';
import { ContentError } from '../src/errors.ts';
import { course, scratchContent } from './helpers.ts';

describe('the course content', () => {
  it('has the pages, scenarios and questions the issue asks for', () => {
    expect(course.guidance.length).toBeGreaterThanOrEqual(10);
    expect(course.scenarios.length).toBeGreaterThanOrEqual(8);
    expect(course.questions.length).toBeGreaterThanOrEqual(40);
    expect(new Set(course.questions.map((q) => q.type))).toEqual(
      new Set(['single', 'multiple', 'true-false', 'scenario']),
    );
  });

  it('covers every records-policy guidance point, and cites only real ones', () => {
    const covered = new Set(course.guidance.flatMap((page) => page.covers));
    expect([...covered].sort()).toEqual(MESSAGING_GUIDANCE.map((point) => point.id).sort());
  });

  it('gives every page a review date in the past, a later next review, and sources', () => {
    for (const page of course.guidance) {
      expect(page.lastReviewed < page.nextReview, page.slug).toBe(true);
      const sources = MESSAGING_GUIDANCE.filter((p) => page.covers.includes(p.id)).flatMap((p) => p.sources);
      expect(sources.length + (page.sources?.length ?? 0), page.slug).toBeGreaterThan(0);
    }
  });

  it('has enough questions in every topic for a balanced draw with fresh questions on a retry', () => {
    const perTopic = Math.ceil(course.settings.assessment.questionCount / course.settings.topics.length);
    for (const topic of course.settings.topics) {
      expect(course.questions.filter((q) => q.topic === topic.id).length, topic.id).toBeGreaterThanOrEqual(
        perTopic * 2,
      );
    }
  });

  it('keeps guidance sentences short (NHS content style)', () => {
    // A proxy for reading age: average sentence length in the guidance prose stays under 15 words.
    const prose = course.guidance.flatMap((page) =>
      page.sections.flatMap((s) => s.body.filter((b): b is string => typeof b === 'string')),
    );
    const sentences = prose
      .join(' ')
      .split(/(?<=[.!?])\s+/)
      .filter(Boolean);
    const words = sentences.reduce((n, s) => n + s.split(/\s+/).length, 0);
    expect(words / sentences.length).toBeLessThan(15);
  });
});

describe('a broken content file', () => {
  let scratch: ReturnType<typeof scratchContent>;
  afterEach(() => scratch?.remove());

  it('names the file, line and field when a question lacks a field', () => {
    scratch = scratchContent();
    // Remove the feedback of the second option of the fourth question in apps.yaml.
    scratch.edit('questions/apps.yaml', (text) =>
      text.replace('        feedback: Right. A PIN stops someone who picks up the phone reading messages.\n', ''),
    );
    const error = (() => {
      try {
        scratch.load();
      } catch (caught) {
        return caught;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(ContentError);
    const content = error as ContentError;
    expect(content.file).toBe('content/training/questions/apps.yaml');
    expect(content.field).toBe('questions[3].options[1].feedback');
    expect(content.message).toMatch(
      /^content\/training\/questions\/apps\.yaml:\d+ questions\[3\]\.options\[1\]\.feedback: /,
    );
  });

  it('rejects a single-choice question with two right answers', () => {
    scratch = scratchContent();
    scratch.edit('questions/apps.yaml', (text) =>
      text
        .replace(
          '        feedback: Being popular does not make an app safe or approved.',
          '        feedback: Being popular does not make an app safe or approved.\n        correct: true',
        )
        .replace(/(id: popular\n\s+text: [^\n]+\n)\s+correct: false\n/, '$1'),
    );
    expect(() => scratch.load()).toThrow(
      /questions\/apps\.yaml:\d+ questions\[0\]\.options: a single question needs exactly 1 correct option/,
    );
  });

  it('rejects a misspelt field instead of ignoring it', () => {
    scratch = scratchContent();
    scratch.edit('questions/record.yaml', (text) =>
      text.replace(
        '    explanation: The chat does not replace the health record.',
        '    explenation: The chat does not replace the health record.',
      ),
    );
    expect(() => scratch.load()).toThrow(/questions\/record\.yaml:\d+ questions\[0\]/);
  });

  it('reports invalid YAML with its line', () => {
    scratch = scratchContent();
    scratch.edit('scenarios/spot-check.yaml', (text) => text.replace('start: asked', 'start: [asked'));
    expect(() => scratch.load()).toThrow(/content\/training\/scenarios\/spot-check\.yaml:\d+: not valid YAML/);
  });

  it('rejects a link to a guidance page that does not exist', () => {
    scratch = scratchContent();
    scratch.edit('questions/breaches.yaml', (text) =>
      text.replace('guidance: [why-it-matters]', 'guidance: [why-it-matter]'),
    );
    expect(() => scratch.load()).toThrow(
      'questions/breaches.yaml questions[4].guidance[0]: links to guidance page "why-it-matter", which does not exist',
    );
  });

  it('rejects a guidance point id that records-policy does not have', () => {
    scratch = scratchContent();
    scratch.edit('guidance/photos-and-files.yaml', (text) =>
      text.replace('covers: [photos-not-in-gallery]', 'covers: [photos-not-in-gallery, photos-in-cloud]'),
    );
    expect(() => scratch.load()).toThrow(
      'guidance/photos-and-files.yaml covers[1]: "photos-in-cloud" is not a records-policy guidance point',
    );
  });

  it('fails when a records-policy guidance point is covered by no page', () => {
    scratch = scratchContent();
    scratch.edit('guidance/photos-and-files.yaml', (text) =>
      text.replace('covers: [photos-not-in-gallery]', 'covers: [minimise-patient-data]'),
    );
    expect(() => scratch.load()).toThrow(
      'no guidance page covers records-policy guidance point "photos-not-in-gallery"',
    );
  });

  it('rejects a scenario choice that leads nowhere', () => {
    scratch = scratchContent();
    scratch.edit('scenarios/wound-photo.yaml', (text) =>
      text.replace(
        'next: gallery\n        guidance: [photos-and-files, sharing-the-minimum]',
        'next: galery\n        guidance: [photos-and-files, sharing-the-minimum]',
      ),
    );
    expect(() => scratch.load()).toThrow(
      'scenarios/wound-photo.yaml nodes.photo-posted.choices[0].next: names node "galery", which does not exist',
    );
  });
});
