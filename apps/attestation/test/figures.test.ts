import { describe, expect, it } from 'vitest';
import { departmentDetail, percent } from '../src/lib/figures.ts';

describe("the dashboard's figures in words", () => {
  const figures = { target: 0.95, overdue: 0, dueSoon: 0 };

  it('says a department with nobody in scope has nothing to measure, not that it missed its target', () => {
    const empty = departmentDetail({ ...figures, inScope: 0, compliant: 0, share: 0, meetsTarget: false });
    expect(empty).toBe('Nobody in scope: nothing to measure against the target');
    expect(empty).not.toMatch(/0 of 0|not met/);
  });

  it('gives the count, the target and who to chase for a department with people in scope', () => {
    expect(
      departmentDetail({ ...figures, inScope: 20, compliant: 18, share: 0.9, meetsTarget: false, overdue: 2 }),
    ).toBe('18 of 20; target 95.0% not met; 2 overdue, 0 due soon');
    // Rounded down: 94.99% is not shown as the 95% target.
    expect(percent(0.9499)).toBe('94.9%');
  });
});
