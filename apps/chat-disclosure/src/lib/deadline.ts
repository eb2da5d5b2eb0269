/**
 * The due date and working days left, always from records-policy (the toolkit's one source of the statutory rules):
 * the app only maps its case record onto the policy's input. An ongoing clock pause counts up to today.
 */
import { computeDeadline, type DeadlineResult, isIsoDate, localToday } from '@im-records/records-policy';
import type { CaseListing, CaseRecord } from './case-model.ts';

/** The deadline of a case as of `today`, or null while the received date is not a valid date yet. */
export function deadlineOf(
  request: Pick<CaseRecord['request'], 'type' | 'received'>,
  clock: Pick<CaseListing, 'pauses' | 'extension'>,
  today: string = localToday(),
): DeadlineResult | null {
  if (!isIsoDate(request.received) || !isIsoDate(today)) return null;
  const pauses = clock.pauses
    .map((pause) => ({ from: pause.from, to: pause.to ?? today }))
    .filter(
      (pause): pause is { from: typeof today; to: typeof today } =>
        isIsoDate(pause.from) && isIsoDate(pause.to) && pause.from <= pause.to,
    );
  try {
    return computeDeadline({
      type: request.type,
      received: request.received,
      asOf: today,
      extended: Boolean(clock.extension) && request.type !== 'foisa',
      pauses,
    });
  } catch {
    return null;
  }
}

/** "12 working days left", "Due today", "3 working days overdue". */
export function daysLeftText(result: DeadlineResult): string {
  if (result.status === 'due-today') return 'Due today';
  if (result.status === 'overdue') {
    const late = Math.abs(result.workingDaysLeft);
    return `${late} working ${late === 1 ? 'day' : 'days'} overdue`;
  }
  const left = result.workingDaysLeft;
  return `${left} working ${left === 1 ? 'day' : 'days'} left`;
}
