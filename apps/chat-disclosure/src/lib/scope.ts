/**
 * The date part of scoping, and how scope reasons are put into words. A SAR's "by or about the subject" selection comes
 * from the redaction engine; this module combines it with the date range so the scope step can say, for every message,
 * why it is in or out.
 */
import type { CaseScope } from './case-model.ts';

/** Why a message is out of the date range, or null when it is inside it. Days are compared in the export's local time. */
export function dateExclusion(timestamp: string, scope: Pick<CaseScope, 'from' | 'to'>): string | null {
  const day = timestamp.slice(0, 10);
  if (scope.from && day < scope.from) return `Before ${longDate(scope.from)}`;
  if (scope.to && day > scope.to) return `After ${longDate(scope.to)}`;
  return null;
}

/** The reason a message inside the date range gives. */
export function dateReason(scope: Pick<CaseScope, 'from' | 'to'>): string {
  if (scope.from && scope.to) return `Sent between ${longDate(scope.from)} and ${longDate(scope.to)}`;
  if (scope.from) return `Sent on or after ${longDate(scope.from)}`;
  if (scope.to) return `Sent on or before ${longDate(scope.to)}`;
  return 'All dates are in scope';
}

const months = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/** `2024-03-05` → `5 March 2024`, the NHS style for dates. */
export function longDate(day: string): string {
  const [y, m, d] = day.split('-');
  return `${Number(d)} ${months[Number(m) - 1] ?? ''} ${y}`;
}

/** `2024-03-05T14:07:00+00:00` → `14:07`. */
export function timeOf(timestamp: string): string {
  return timestamp.slice(11, 16);
}

/** Counts how many messages fall out of scope for each reason, most common first. */
export function countReasons(reasons: Iterable<string>): { reason: string; count: number }[] {
  const counts = new Map<string, number>();
  for (const reason of reasons) counts.set(reason, (counts.get(reason) ?? 0) + 1);
  return [...counts].map(([reason, count]) => ({ reason, count })).sort((a, b) => b.count - a.count);
}
