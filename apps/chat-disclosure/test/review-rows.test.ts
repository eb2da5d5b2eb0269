import { describe, expect, it } from 'vitest';
import { estimateRowHeight } from '../src/components/review/rowHeight.ts';
import { hitRows, rowOfMessage } from '../src/lib/search.ts';

describe('hitRows', () => {
  it('gives the search hits as positions in the conversation, in its order, skipping ids it does not hold', () => {
    const indexOf = new Map([
      ['m0', 0],
      ['m1', 1],
      ['m2', 2],
      ['m3', 3],
    ]);
    expect(hitRows(['m3', 'm0', 'gone', 'm2'], indexOf)).toEqual([0, 2, 3]);
    expect(hitRows([], indexOf)).toEqual([]);
  });
});

describe('rowOfMessage', () => {
  it('finds where a message is among the rows shown, or says it is not shown', () => {
    const shown = [2, 5, 9, 40, 41];
    expect(rowOfMessage(shown, 2)).toBe(0);
    expect(rowOfMessage(shown, 9)).toBe(2);
    expect(rowOfMessage(shown, 41)).toBe(4);
    expect(rowOfMessage(shown, 6)).toBeUndefined();
    expect(rowOfMessage(shown, 100)).toBeUndefined();
    expect(rowOfMessage([], 0)).toBeUndefined();
  });

  it('agrees with a plain search over a long list', () => {
    const shown = Array.from({ length: 1000 }, (_, i) => i * 3 + 1);
    for (const index of [0, 1, 4, 5, 1501, 2998, 2999]) {
      const expected = shown.indexOf(index);
      expect(rowOfMessage(shown, index)).toBe(expected === -1 ? undefined : expected);
    }
  });
});

describe('estimateRowHeight', () => {
  it('grows with the lines a message wraps to and breaks itself, and with its attachments', () => {
    const oneLine = estimateRowHeight({ text: 'On my way', attachments: [] });
    const wrapped = estimateRowHeight({ text: 'word '.repeat(40), attachments: [] });
    const broken = estimateRowHeight({ text: 'one\ntwo\nthree', attachments: [] });
    const withFile = estimateRowHeight({
      text: 'On my way',
      attachments: [{ fileName: 'IMG-1.jpg', kind: 'image', included: false }],
    });
    expect(wrapped).toBeGreaterThan(oneLine);
    expect(broken).toBeGreaterThan(oneLine);
    expect(withFile).toBeGreaterThan(oneLine);
    expect(estimateRowHeight({ text: '', attachments: [] })).toBe(oneLine);
  });
});
