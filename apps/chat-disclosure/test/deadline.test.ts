import { computeDeadline } from '@im-records/records-policy';
import { describe, expect, it } from 'vitest';
import { daysLeftText, deadlineOf } from '../src/lib/deadline.ts';

// The statutory arithmetic belongs to records-policy; these tests check how the app maps a case onto it.
const request = { type: 'foi' as const, received: '2025-03-03' };
const policy = (input: Partial<Parameters<typeof computeDeadline>[0]>) =>
  computeDeadline({ type: 'foi', received: '2025-03-03' as never, asOf: '2025-03-10' as never, ...input });

describe('deadlineOf', () => {
  it('gives records-policy the request type, date received and today', () => {
    const result = deadlineOf(request, { pauses: [] }, '2025-03-10');
    expect(result).toEqual(policy({ pauses: [], extended: false }));
    expect(daysLeftText(result as NonNullable<typeof result>)).toBe(`${result?.workingDaysLeft} working days left`);
  });

  it('passes pauses as dates, counting an ongoing pause up to today', () => {
    const ongoing = deadlineOf(request, { pauses: [{ id: 'p', from: '2025-03-10', reason: 'fee' }] }, '2025-03-14');
    const ended = deadlineOf(
      request,
      { pauses: [{ id: 'p', from: '2025-03-10', to: '2025-03-14', reason: 'fee' }] },
      '2025-03-14',
    );
    expect(ongoing?.due).toBe(ended?.due);
    expect(ongoing?.due).toBe(
      policy({ asOf: '2025-03-14' as never, pauses: [{ from: '2025-03-10', to: '2025-03-14' } as never] }).due,
    );
    expect((ongoing?.due ?? '') > (deadlineOf(request, { pauses: [] }, '2025-03-14')?.due ?? '')).toBe(true);
  });

  it('asks for the extension for FOI and SAR but never for FOISA, which has none', () => {
    const extension = { reason: 'Public interest test' };
    const extended = deadlineOf(request, { pauses: [], extension }, '2025-03-10');
    expect(extended?.extended).toBe(true);
    expect(extended?.due).toBe(policy({ extended: true }).due);
    expect(
      deadlineOf({ type: 'foisa', received: '2025-03-03' }, { pauses: [], extension }, '2025-03-10')?.extended,
    ).toBe(false);
  });

  it('says overdue and due today in words, and gives nothing for a date not yet typed', () => {
    const due = deadlineOf(request, { pauses: [] }, '2025-03-10')?.due ?? '';
    expect(daysLeftText(deadlineOf(request, { pauses: [] }, due) as NonNullable<ReturnType<typeof deadlineOf>>)).toBe(
      'Due today',
    );
    const late = deadlineOf(request, { pauses: [] }, '2025-06-02');
    expect(daysLeftText(late as NonNullable<typeof late>)).toMatch(/^\d+ working days overdue$/);
    expect(deadlineOf({ type: 'foi', received: '' }, { pauses: [] })).toBeNull();
  });
});
