/**
 * The officer's decisions as the review makes them: each is drafted by a control (accept, redact every occurrence,
 * include an attachment, …) and stamped with who and when in one place, {@link makeDecision}.
 */
import type { RequestType } from '@im-records/records-policy';
import type { Decision, RedactionCategory } from '@im-records/redaction';
import type { DistributiveOmit } from './reducer.ts';

/** A decision as a control drafts it, before it is stamped with who made it and when. */
export type DecisionDraft = DistributiveOmit<Decision, 'by' | 'at'>;

/** Whom a decision is recorded as made by when the case names no officer. */
export const UNNAMED_OFFICER = 'officer';

/**
 * A decision stamped with who made it (the case's officer) and when (`at`, an ISO time): `by` and `at` come before
 * the reason, as the case file has always listed them.
 */
export function makeDecision(draft: DecisionDraft, officer: string, at: string): Decision {
  const { reason, ...rest } = draft;
  return {
    ...rest,
    by: officer.trim() || UNNAMED_OFFICER,
    at,
    ...(reason !== undefined ? { reason } : {}),
  } as Decision;
}

/** The draft that redacts every occurrence of a term: the term form's, the toolbar's and a selection's. */
export function everyOccurrence(term: string, category: RedactionCategory): DecisionDraft {
  return { action: 'add-term', term, category, reason: 'Redact every occurrence' };
}

/**
 * The draft that leaves a message out of the disclosure (`inScope` false) or brings it in, with the reason the case
 * file records: for a SAR, whether it is about the data subject; for an FOI, whether it is within the request.
 */
export function scopeDecision(messageId: string, inScope: boolean, request: RequestType): DecisionDraft {
  const reason =
    request === 'sar'
      ? inScope
        ? 'About the data subject'
        : 'Not about the data subject'
      : inScope
        ? 'Within the request'
        : 'Outside the request';
  return { action: inScope ? 'include-message' : 'leave-out-message', messageId, reason };
}
