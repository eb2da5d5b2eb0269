/** The officer's latest include/withhold choice per attachment, from the decision log. */
import type { Decision } from '@im-records/redaction';

/** One attachment's latest choice. */
export interface AttachmentChoice {
  action: 'withhold-attachment' | 'include-attachment';
  reason?: string;
}

/** Latest choice keyed by `messageId + "\0" + fileName`; attachments with no decision are absent. */
export function attachmentChoices(decisions: readonly Decision[]): Map<string, AttachmentChoice> {
  const choices = new Map<string, AttachmentChoice>();
  for (const decision of decisions) {
    if (decision.action === 'withhold-attachment' || decision.action === 'include-attachment') {
      choices.set(`${decision.messageId}\u0000${decision.fileName}`, {
        action: decision.action,
        ...(decision.reason ? { reason: decision.reason } : {}),
      });
    }
  }
  return choices;
}
