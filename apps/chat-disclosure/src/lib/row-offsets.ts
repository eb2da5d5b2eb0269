/**
 * Where each row of a long list starts, kept as a Fenwick tree (binary indexed tree) over the rows' heights. The
 * review's conversation has up to 100,000 rows whose heights become known one by one as they are drawn: with a plain
 * running sum every newly measured row moved every row below it (O(rows) for each frame of scrolling); here a height
 * changes in O(log rows), and a row's offset and the row at an offset are found in O(log rows).
 */
export class RowOffsets {
  /** Rows in the list. */
  readonly count: number;
  /** Each row's height. */
  private readonly sizes: Float64Array;
  /** The Fenwick tree, 1-based: `tree[i]` sums the heights of rows `i - lowbit(i)` to `i - 1`. */
  private readonly tree: Float64Array;
  /** The highest power of two not above `count`, where the search for an offset starts. */
  private readonly topBit: number;

  /** The tree for rows of these heights, built in O(rows). A Float64Array is taken as it is, not copied. */
  constructor(sizes: ArrayLike<number>) {
    const count = sizes.length;
    const own = sizes instanceof Float64Array ? sizes : Float64Array.from(sizes);
    const tree = new Float64Array(count + 1);
    tree.set(own, 1);
    for (let i = 1; i <= count; i++) {
      const parent = i + (i & -i);
      if (parent <= count) tree[parent] = (tree[parent] as number) + (tree[i] as number);
    }
    let bit = 1;
    while (bit * 2 <= count) bit *= 2;
    this.count = count;
    this.sizes = own;
    this.tree = tree;
    this.topBit = count === 0 ? 0 : bit;
  }

  /** The height of `row`. */
  size(row: number): number {
    return this.sizes[row] ?? 0;
  }

  /** Sets the height of `row` (a measurement): every row below it moves, in O(log rows). */
  set(row: number, size: number): void {
    if (row < 0 || row >= this.count) return;
    const delta = size - (this.sizes[row] as number);
    if (delta === 0) return;
    this.sizes[row] = size;
    for (let i = row + 1; i <= this.count; i += i & -i) this.tree[i] = (this.tree[i] as number) + delta;
  }

  /** Where `row` starts: the heights of the rows above it (`count` gives the list's whole height). */
  offsetOf(row: number): number {
    let sum = 0;
    for (let i = Math.min(Math.max(row, 0), this.count); i > 0; i -= i & -i) sum += this.tree[i] as number;
    return sum;
  }

  /** The list's whole height. */
  total(): number {
    return this.offsetOf(this.count);
  }

  /**
   * The row drawn at `offset`: the last row starting at or above it (0 above the list, the last row below it; -1 for
   * an empty list).
   */
  rowAt(offset: number): number {
    if (this.count === 0) return -1;
    // Walks down the tree, keeping the largest prefix of rows whose heights sum to at most `offset`.
    let row = 0;
    let remaining = offset;
    for (let bit = this.topBit; bit > 0; bit >>= 1) {
      const next = row + bit;
      if (next <= this.count && (this.tree[next] as number) <= remaining) {
        row = next;
        remaining -= this.tree[next] as number;
      }
    }
    return Math.min(row, this.count - 1);
  }
}
