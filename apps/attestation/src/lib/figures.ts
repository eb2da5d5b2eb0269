/**
 * The dashboard's figures in words. A department or group with nobody in scope has nothing to measure: it is said so,
 * not counted as "0 of 0" missing its target.
 */
import type { CompletionFigures } from '@im-records/attestation';

/** A share as the service prints it: rounded down to one decimal place, so 94.99% never reads as the 95% target. */
export function percent(share: number): string {
  return `${(Math.floor(share * 1000) / 10).toFixed(1)}%`;
}

/** One department's row: how many are up to date against the target, and who to chase; or that nobody is in scope. */
export function departmentDetail(d: CompletionFigures & { overdue: number; dueSoon: number }): string {
  if (d.inScope === 0) return 'Nobody in scope: nothing to measure against the target';
  return `${d.compliant} of ${d.inScope}; target ${percent(d.target)} ${d.meetsTarget ? 'met' : 'not met'}; ${d.overdue} overdue, ${d.dueSoon} due soon`;
}
