/**
 * The date part of scoping, and how scope reasons are put into words. A SAR's "by or about the subject" selection comes
 * from the redaction engine; this module combines it with the date range so the scope step can say, for every message,
 * why it is in or out.
 */
import { formatLongDate } from '@im-records/records-policy';
import type { CaseScope } from './case-model.ts';

/** Why a message is out of the date range, or null when it is inside it. Days are compared in the export's local time. */
export function dateExclusion(timestamp: string, scope: Pick<CaseScope, 'from' | 'to'>): string | null {
  const day = timestamp.slice(0, 10);
  if (scope.from && day < scope.from) return `Before ${formatLongDate(scope.from)}`;
  if (scope.to && day > scope.to) return `After ${formatLongDate(scope.to)}`;
  return null;
}

/** The reason a message inside the date range gives. */
export function dateReason(scope: Pick<CaseScope, 'from' | 'to'>): string {
  if (scope.from && scope.to) return `Sent between ${formatLongDate(scope.from)} and ${formatLongDate(scope.to)}`;
  if (scope.from) return `Sent on or after ${formatLongDate(scope.from)}`;
  if (scope.to) return `Sent on or before ${formatLongDate(scope.to)}`;
  return 'All dates are in scope';
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

/**
 * The reasons messages are in scope, said once: those every in-scope message shares (the date range) as `shared`,
 * and for each message only the reasons of its own (a SAR's "mentions the subject"), so the scope step does not
 * repeat one sentence for every message. Messages with no reason of their own are not listed.
 */
export function groupReasons(inScope: readonly { messageId: string; reasons: readonly string[] }[]): {
  shared: string[];
  own: { messageId: string; reasons: string[] }[];
} {
  const first = inScope[0];
  if (!first) return { shared: [], own: [] };
  const shared = first.reasons.filter((reason) => inScope.every((entry) => entry.reasons.includes(reason)));
  const own: { messageId: string; reasons: string[] }[] = [];
  for (const entry of inScope) {
    const reasons = entry.reasons.filter((reason) => !shared.includes(reason));
    if (reasons.length > 0) own.push({ messageId: entry.messageId, reasons });
  }
  return { shared, own };
}
