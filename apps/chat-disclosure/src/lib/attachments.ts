/** The officer's latest include/withhold choice per attachment, from the decision log. */
import type { Decision } from '@im-records/redaction';

/** One attachment's latest choice. */
export interface AttachmentChoice {
  action: 'withhold-attachment' | 'include-attachment';
  reason?: string;
  /** The exemption code, or null for "outside the scope of the request" (absent in older decisions). */
  exemption?: string | null;
}

/** Latest choice keyed by `messageId + "\0" + fileName`; attachments with no decision are absent. */
export function attachmentChoices(decisions: readonly Decision[]): Map<string, AttachmentChoice> {
  const choices = new Map<string, AttachmentChoice>();
  for (const decision of decisions) {
    if (decision.action === 'withhold-attachment' || decision.action === 'include-attachment') {
      choices.set(`${decision.messageId}\u0000${decision.fileName}`, {
        action: decision.action,
        ...(decision.reason ? { reason: decision.reason } : {}),
        ...(decision.action === 'withhold-attachment' && decision.exemption !== undefined
          ? { exemption: decision.exemption }
          : {}),
      });
    }
  }
  return choices;
}

/** Image types whose hidden metadata the bundle removes (see disclosure-bundle's `stripImageMetadata`). */
const CLEANED_TYPES = /\.(jpe?g|png|webp|gif)$|^image\/(jpeg|png|webp|gif)$/i;

/**
 * Whether the bundle removes this file's hidden metadata (location, camera, author), judged by its MIME type or name.
 * Anything else — documents, video, audio, contacts, HEIC photos — goes into the bundle exactly as it was exported,
 * so the officer is told before including it.
 */
export function metadataRemovedOnInclude(fileName: string, mimeType?: string): boolean {
  return CLEANED_TYPES.test(fileName) || (mimeType !== undefined && CLEANED_TYPES.test(mimeType));
}
