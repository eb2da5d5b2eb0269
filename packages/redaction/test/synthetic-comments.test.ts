import { describe, expect, it } from 'vitest';
import { syntheticCommentThread } from '../scripts/synthetic-comments.ts';

describe('synthetic comment threads (training data for the name model)', () => {
  const thread = syntheticCommentThread(5001, 400, { invented: 0 });

  it('is the same for the same seed and different for another', () => {
    expect(syntheticCommentThread(5001, 400, { invented: 0 })).toEqual(thread);
    expect(syntheticCommentThread(5002, 400, { invented: 0 })).not.toEqual(thread);
  });

  it('labels only whole names, never a word cut in two or a stray space', () => {
    let names = 0;
    for (const { text, spans } of thread) {
      for (const { start, end } of spans) {
        names++;
        const name = text.slice(start, end);
        expect(name).toMatch(/^[\p{L}'-]+( [\p{L}'-]+)?$/u);
        expect(text.slice(start - 1, start)).not.toMatch(/\p{L}/u);
        expect(text.slice(end, end + 1)).not.toMatch(/\p{L}/u);
      }
    }
    expect(names).toBeGreaterThan(150);
  });

  it('writes names in lower case and capitals, and capitalised words that are not names', () => {
    const named = thread.flatMap(({ text, spans }) => spans.map((s) => text.slice(s.start, s.end)));
    expect(named.some((n) => n === n.toLowerCase())).toBe(true);
    expect(named.some((n) => n === n.toUpperCase())).toBe(true);
    expect(named.some((n) => /^\p{Lu}\p{Ll}+ \p{Lu}\p{Ll}+$/u.test(n))).toBe(true);
    // Capitalised words past a sentence's start that no span covers: titles, brands, places, groups.
    const unlabelledCapitals = thread.filter(({ text, spans }) => {
      const covered = (i: number): boolean => spans.some((s) => s.start <= i && i < s.end);
      for (const m of text.matchAll(/ (\p{Lu}\p{Ll}+)/gu)) if (!covered((m.index ?? 0) + 1)) return true;
      return false;
    });
    expect(unlabelledCapitals.length).toBeGreaterThan(80);
    // Posts with no name at all, so most posts do not teach that a post names someone.
    expect(thread.filter((d) => d.spans.length === 0).length).toBeGreaterThan(120);
  });

  it('uses invented names when asked (no list holds them), and only list names otherwise', () => {
    const listedOnly = new Set(thread.flatMap(({ text, spans }) => spans.map((s) => text.slice(s.start, s.end))));
    const withInvented = syntheticCommentThread(5001, 400, { invented: 1 });
    const invented = new Set(withInvented.flatMap(({ text, spans }) => spans.map((s) => text.slice(s.start, s.end))));
    expect([...invented].some((n) => !listedOnly.has(n))).toBe(true);
  });
});
