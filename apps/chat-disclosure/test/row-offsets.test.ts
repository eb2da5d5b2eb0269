import { describe, expect, it } from 'vitest';
import { RowOffsets } from '../src/lib/row-offsets.ts';

/** The same answers from a plain running sum, to check the tree against. */
function plainOffsets(sizes: readonly number[]) {
  const starts = [0];
  for (const size of sizes) starts.push((starts.at(-1) as number) + size);
  return {
    offsetOf: (row: number) => starts[Math.min(Math.max(row, 0), sizes.length)] as number,
    rowAt: (offset: number) => {
      if (sizes.length === 0) return -1;
      let row = 0;
      while (row + 1 < sizes.length && (starts[row + 1] as number) <= offset) row++;
      return row;
    },
  };
}

/** A small deterministic generator, so the long comparison is the same every run. */
function lcg(seed: number) {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
}

describe('RowOffsets', () => {
  it('gives where each row starts and the whole height', () => {
    const offsets = new RowOffsets([10, 20, 30, 40]);
    expect([0, 1, 2, 3, 4].map((row) => offsets.offsetOf(row))).toEqual([0, 10, 30, 60, 100]);
    expect(offsets.total()).toBe(100);
    expect(offsets.size(2)).toBe(30);
  });

  it('finds the row drawn at an offset, the first row above the list and the last below it', () => {
    const offsets = new RowOffsets([10, 20, 30, 40]);
    expect(offsets.rowAt(-5)).toBe(0);
    expect(offsets.rowAt(0)).toBe(0);
    expect(offsets.rowAt(9.5)).toBe(0);
    expect(offsets.rowAt(10)).toBe(1);
    expect(offsets.rowAt(59)).toBe(2);
    expect(offsets.rowAt(60)).toBe(3);
    expect(offsets.rowAt(1000)).toBe(3);
  });

  it('moves every row below a row whose height changes', () => {
    const offsets = new RowOffsets([10, 20, 30, 40]);
    offsets.set(1, 25);
    expect([0, 1, 2, 3, 4].map((row) => offsets.offsetOf(row))).toEqual([0, 10, 35, 65, 105]);
    expect(offsets.rowAt(34)).toBe(1);
    expect(offsets.rowAt(35)).toBe(2);
    offsets.set(7, 99);
    offsets.set(-1, 99);
    expect(offsets.total()).toBe(105);
  });

  it('handles an empty list and a list of one row', () => {
    const empty = new RowOffsets([]);
    expect(empty.total()).toBe(0);
    expect(empty.rowAt(0)).toBe(-1);
    const one = new RowOffsets([42]);
    expect(one.rowAt(41)).toBe(0);
    expect(one.rowAt(500)).toBe(0);
    expect(one.total()).toBe(42);
  });

  it('agrees with a plain running sum over a long list measured at random', () => {
    const random = lcg(20);
    const sizes = Array.from({ length: 1001 }, () => 40 + Math.floor(random() * 200));
    const offsets = new RowOffsets(sizes);
    for (let step = 0; step < 300; step++) {
      const row = Math.floor(random() * sizes.length);
      const size = 30 + Math.floor(random() * 300) + 0.5;
      sizes[row] = size;
      offsets.set(row, size);
    }
    const plain = plainOffsets(sizes);
    for (let probe = 0; probe < 500; probe++) {
      const row = Math.floor(random() * (sizes.length + 1));
      expect(offsets.offsetOf(row)).toBe(plain.offsetOf(row));
      const offset = random() * (plain.offsetOf(sizes.length) + 100) - 50;
      expect(offsets.rowAt(offset)).toBe(plain.rowAt(offset));
    }
  });
});
