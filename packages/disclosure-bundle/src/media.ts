/**
 * Chooses where each disclosed attachment goes in the bundle. Files are renamed to neutral, numbered names
 * (`media/attachment-0001.jpg`) so no original file name — which may hold a name or a phone number — reaches the bundle.
 */
import type { DisclosedConversation } from '@im-records/redaction';
import { inSectionOrder } from './sections.ts';
import { stripImageMetadata } from './strip.ts';

/** Where one disclosed attachment was placed. */
export interface MediaPlacement {
  path: string;
  bytes: Uint8Array;
  metadataStripped: boolean;
}

const KIND_EXTENSION: Record<string, string> = {
  image: 'jpg',
  video: 'mp4',
  audio: 'opus',
  document: 'bin',
  sticker: 'webp',
  contact: 'vcf',
  location: 'txt',
  other: 'bin',
};

function extensionOf(displayName: string, kind: string): string {
  const match = /\.([A-Za-z0-9]{1,5})$/.exec(displayName);
  return match?.[1]?.toLowerCase() ?? KIND_EXTENSION[kind] ?? 'bin';
}

/** Key of a placement: the message id and media key together (one file may be sent in several messages). */
export function placementKey(messageId: string, mediaKey: string): string {
  return `${messageId}\u0000${mediaKey}`;
}

/**
 * Places every disclosed attachment whose bytes are present, in transcript order, stripping image metadata. Disclosed
 * attachments whose bytes are absent from `media` are listed in the transcript as not present; withheld ones are never read.
 */
export function placeMedia(
  disclosed: DisclosedConversation,
  media: ReadonlyMap<string, Uint8Array> | undefined,
  strip: boolean,
): Map<string, MediaPlacement> {
  const placements = new Map<string, MediaPlacement>();
  let counter = 0;
  for (const message of inSectionOrder(disclosed)) {
    for (const attachment of message.attachments) {
      if (!attachment.disclose || !attachment.mediaKey) continue;
      const key = placementKey(message.id, attachment.mediaKey);
      if (placements.has(key)) continue;
      const bytes = media?.get(attachment.mediaKey);
      if (!bytes) continue;
      counter++;
      const cleaned = strip ? stripImageMetadata(bytes) : { bytes, stripped: false };
      placements.set(key, {
        path: `media/attachment-${String(counter).padStart(4, '0')}.${extensionOf(attachment.displayName, attachment.kind)}`,
        bytes: cleaned.bytes,
        metadataStripped: cleaned.stripped,
      });
    }
  }
  return placements;
}
