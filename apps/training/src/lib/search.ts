/**
 * The search documents: one per guidance page and section and one per glossary term, built at build time and handed to the
 * search island, which indexes them with fuse.js (a few hundred entries: a linear scan is fast enough).
 */
import { type Block, type Course, plainText } from '@im-records/course';

/** One searchable entry with the link it leads to. */
export interface SearchDoc {
  kind: 'guidance' | 'glossary';
  title: string;
  /** The page or glossary entry the result belongs to, shown under the title. */
  context: string;
  text: string;
  href: string;
}

/** Turns a heading into the id used for its anchor. */
export function anchorId(heading: string): string {
  return heading
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

function blockText(block: Block): string {
  if (typeof block === 'string') return block;
  if ('list' in block) return block.list.join(' ');
  if ('steps' in block) return block.steps.join(' ');
  if ('inset' in block) return block.inset;
  if ('warning' in block) return block.warning;
  return [...block.do, ...block.dont].join(' ');
}

/** Every guidance page, section and glossary term as a search document. */
export function searchDocuments(course: Course): SearchDoc[] {
  const pages = course.guidance.map((page) => ({
    kind: 'guidance' as const,
    title: page.title,
    context: 'Guidance',
    text: page.summary,
    href: `/guidance/${page.slug}/`,
  }));
  const sections = course.guidance.flatMap((page) =>
    page.sections.map((section) => ({
      kind: 'guidance' as const,
      title: section.heading,
      context: page.title,
      text: plainText(section.body.map(blockText).join(' ')),
      href: `/guidance/${page.slug}/#${anchorId(section.heading)}`,
    })),
  );
  const terms = course.glossary.map((term) => ({
    kind: 'glossary' as const,
    title: term.term,
    context: 'Glossary',
    text: term.definition,
    href: `/glossary/#${anchorId(term.term)}`,
  }));
  return [...pages, ...sections, ...terms];
}
