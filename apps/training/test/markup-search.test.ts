import { escapeHtml, plainText, renderInline } from '@im-records/course';
import Fuse from 'fuse.js';
import { describe, expect, it } from 'vitest';
import { getCourse } from '../src/lib/course.ts';
import { anchorId, searchDocuments } from '../src/lib/search.ts';

const course = getCourse();

describe('inline markup', () => {
  it('renders links and bold, escaping everything else', () => {
    expect(renderInline('Read [this page](/guidance/x/) **now** <b>&')).toBe(
      'Read <a href="/guidance/x/">this page</a> <strong>now</strong> &lt;b&gt;&amp;',
    );
  });

  it('does not link unsafe or protocol-relative addresses', () => {
    expect(renderInline('[x](javascript:alert(1))')).not.toContain('<a');
    expect(renderInline('[x](//evil.example/)')).not.toContain('<a');
    expect(renderInline('[x](https://ico.org.uk/)')).toBe('<a href="https://ico.org.uk/">x</a>');
  });

  it('strips markup for plain text and escapes quotes', () => {
    expect(plainText('See [the record](/guidance/a/) **first**')).toBe('See the record first');
    expect(escapeHtml(`"it's"`)).toBe('&quot;it&#39;s&quot;');
  });
});

describe('search', () => {
  const docs = searchDocuments(course);
  const fuse = new Fuse(docs, {
    keys: [{ name: 'title', weight: 3 }, 'text', 'context'],
    threshold: 0.35,
    ignoreLocation: true,
  });

  it('indexes every guidance section and glossary term with a link', () => {
    const sections = course.guidance.reduce((n, p) => n + p.sections.length, 0);
    expect(docs).toHaveLength(course.guidance.length + sections + course.glossary.length);
    for (const doc of docs) expect(doc.href).toMatch(/^\/(guidance\/[a-z-]+\/|glossary\/)(#[a-z0-9-]+)?$/);
  });

  it('finds guidance and glossary entries by their words', () => {
    const top = fuse
      .search('lock screen previews')
      .slice(0, 3)
      .map((r) => r.item.href);
    expect(top.some((href) => href.startsWith('/guidance/lock-screen-notifications/'))).toBe(true);
    expect(
      fuse
        .search('invite link')
        .map((r) => r.item.href)
        .slice(0, 3)
        .join(),
    ).toContain('groups-and-invite-links');
    expect(fuse.search('ICO').some((r) => r.item.kind === 'glossary' && r.item.title === 'ICO')).toBe(true);
  });

  it('makes anchor ids from headings', () => {
    expect(anchorId("Don't share your phone!")).toBe('don-t-share-your-phone');
  });
});
