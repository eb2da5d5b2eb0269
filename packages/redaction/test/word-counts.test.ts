import { describe, expect, it } from 'vitest';
import { WordCounts } from '../src/word-counts.ts';

describe('WordCounts', () => {
  it('counts plain words written in lower case and capitalised, apart', () => {
    const counts = new WordCounts();
    counts.add('the best plan, Best wishes');
    counts.add('best of luck');
    expect(counts.get('best')).toBe(2);
    expect(counts.capitalised('best')).toBe(1);
    expect(counts.get('plan')).toBe(1);
    expect(counts.texts).toBe(2);
  });

  it('skips words in addresses, handles, paths and hashtags, capitals throughout and words with digits', () => {
    const counts = new WordCounts();
    counts.add('mail abbey.leffler31@example.org or @abbey, see /abbey/ and #abbey ABBEY abbey2');
    expect(counts.get('abbey')).toBe(0);
    expect(counts.capitalised('abbey')).toBe(0);
    expect(counts.get('mail')).toBe(1);
  });

  it('saturates instead of wrapping round', () => {
    const counts = new WordCounts();
    counts.add('ok '.repeat(300));
    expect(counts.get('ok')).toBe(255);
  });
});
