/**
 * What is in scope: the case's date range, and for a SAR the engine's selection of the messages by or about the
 * subject, combined into one selection for disclosure, with every message's reasons in plain words.
 */
import type { Message } from '@im-records/chat-import';
import { formatLongDate } from '@im-records/records-policy';
import { isTitleMessage, type MessageSelection, type ScopeChoice } from '@im-records/redaction';
import { type CaseSettings, dateRangeOf } from './settings.ts';

/** Why a message is out of the date range, or null when it is inside it. Days are compared in the export's local time. */
export function dateExclusion(timestamp: string, range: Pick<CaseSettings, 'from' | 'to'>): string | null {
  const day = timestamp.slice(0, 10);
  if (range.from && day < range.from) return `Before ${formatLongDate(range.from)}`;
  if (range.to && day > range.to) return `After ${formatLongDate(range.to)}`;
  return null;
}

/** The reason a message inside the date range gives. */
export function dateReason(range: Pick<CaseSettings, 'from' | 'to'>): string {
  if (range.from && range.to) return `Sent between ${formatLongDate(range.from)} and ${formatLongDate(range.to)}`;
  if (range.from) return `Sent on or after ${formatLongDate(range.from)}`;
  if (range.to) return `Sent on or before ${formatLongDate(range.to)}`;
  return 'All dates are in scope';
}

/** A message in scope, with why. */
export interface InScope {
  messageId: string;
  reasons: string[];
  /** A SAR's message selected only by a name that may be someone else's: check who is meant (see `MessageSelection`). */
  uncertain?: true;
}

/** The scope of a case: the selection disclosure takes, and the reasons for the page and the command line. */
export interface MessageScope {
  /** One entry per message: selected when in the date range and (for a SAR) by or about the subject. */
  selection: MessageSelection[];
  /** The messages in scope, with their reasons: the date range's, and the engine's for a SAR. */
  inScope: InScope[];
  /** Messages out of scope by reason, counted, most common first. */
  outOfScope: { reason: string; count: number }[];
}

/** The reason every message the officer left out is counted under. */
export const LEFT_OUT_BY_OFFICER = 'Left out by the officer';

/**
 * The reason a message the officer chose to include gives: who, and why when they said. One the scope had left out was
 * brought in; one it had in already (say, one marked "check who is meant") was kept in.
 */
function includedReason(choice: ScopeChoice, wasIn: boolean): string {
  return `${wasIn ? 'Kept in scope' : 'Brought into scope'} by ${choice.by}${choice.reason ? `: ${choice.reason}` : ''}`;
}

/**
 * The scope of a case over its messages. `subjectSelection` is detection's selection (a SAR's messages by or about
 * the subject; empty for an FOI, where every message in the date range is in scope). `choices` are the officer's
 * (`scopeChoices` of the case's decisions): each wins over the date range and the selection, and settles a message
 * whose name was uncertain. A chat's title, printed on the cover whatever the scope, is always selected.
 */
export function scopeMessages(
  messages: Iterable<Message>,
  settings: Pick<CaseSettings, 'from' | 'to'>,
  subjectSelection: readonly MessageSelection[],
  choices: ReadonlyMap<string, ScopeChoice> = new Map(),
): MessageScope {
  const range = dateRangeOf(settings);
  const bySubject =
    subjectSelection.length > 0 ? new Map(subjectSelection.map((entry) => [entry.messageId, entry])) : null;
  const inDates = dateReason(range);
  const selection: MessageSelection[] = [];
  const inScope: InScope[] = [];
  const outReasons = new Map<string, number>();
  for (const message of messages) {
    if (isTitleMessage(message.id)) {
      selection.push({ messageId: message.id, selected: true, reasons: [] });
      continue;
    }
    const subject = bySubject?.get(message.id);
    const choice = choices.size > 0 ? choices.get(message.id) : undefined;
    const excluded = dateExclusion(message.timestamp, range);
    const scopeReason = excluded ?? (bySubject && !subject?.selected ? 'Not by or about the data subject' : null);
    const outReason = choice ? (choice.inScope ? null : LEFT_OUT_BY_OFFICER) : scopeReason;
    // An uncertain name is settled once the officer has chosen either way.
    const uncertain = subject?.uncertain === true && !choice;
    if (outReason) outReasons.set(outReason, (outReasons.get(outReason) ?? 0) + 1);
    else {
      const reasons = choice
        ? [
            includedReason(choice, scopeReason === null),
            ...(excluded ? [] : [inDates]),
            ...(subject?.selected ? subject.reasons : []),
          ]
        : [inDates, ...(subject?.reasons ?? [])];
      const entry: InScope = { messageId: message.id, reasons };
      if (uncertain) entry.uncertain = true;
      inScope.push(entry);
    }
    const selected: MessageSelection = {
      messageId: message.id,
      selected: outReason === null,
      reasons: subject?.reasons ?? [],
    };
    if (uncertain) selected.uncertain = true;
    selection.push(selected);
  }
  const outOfScope = [...outReasons].map(([reason, count]) => ({ reason, count })).sort((a, b) => b.count - a.count);
  return { selection, inScope, outOfScope };
}
