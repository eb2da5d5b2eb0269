/**
 * One attachment of a message in the review: a preview for a photo in the export, what it is and whether it is
 * included, a warning for a file the bundle cannot clean, and the control to include it or withhold it under a reason.
 */
import type { Attachment as MessageAttachment } from '@im-records/chat-import';
import type { WithholdingReason } from '@im-records/records-policy';
import { useEffect, useState } from 'react';
import { type AttachmentChoice, metadataRemovedOnInclude } from '../../lib/attachments.ts';
import type { Services } from '../services.ts';

/** An include or withhold choice for one attachment, before it is stamped as a decision. */
export interface AttachmentDraft {
  action: 'withhold-attachment' | 'include-attachment';
  messageId: string;
  fileName: string;
  reason?: string;
  exemption?: string | null;
}

/** The key of an attachment's choice (see `attachmentChoices`). */
export const attachmentKey = (messageId: string, fileName: string): string => `${messageId}\u0000${fileName}`;

export function AttachmentRow({
  messageId,
  attachment,
  choice,
  reasons,
  services,
  onChoose,
}: {
  messageId: string;
  attachment: MessageAttachment;
  choice: AttachmentChoice | undefined;
  reasons: readonly WithholdingReason[];
  services: Services;
  onChoose: (draft: AttachmentDraft) => void;
}) {
  // Attachments are withheld until the officer includes them (the engine's default: recall first).
  const withheld = choice?.action !== 'include-attachment';
  return (
    <div className="app-attachment">
      {attachment.kind === 'image' && attachment.included && attachment.mediaKey ? (
        <ImagePreview
          mediaKey={attachment.mediaKey}
          mimeType={attachment.mimeType}
          alt={`Photo ${attachment.fileName}`}
          services={services}
        />
      ) : null}
      <p className="nhsuk-body-s nhsuk-u-margin-bottom-1">
        {attachment.kind} · {attachment.fileName} {attachment.included ? '' : '(file not in the export)'} ·{' '}
        <strong>
          {withheld
            ? `withheld: ${choice?.exemption ? `${choice.exemption} – ` : ''}${choice?.reason ?? 'not reviewed yet'}`
            : 'included'}
        </strong>
      </p>
      {attachment.included && !metadataRemovedOnInclude(attachment.fileName, attachment.mimeType) && (
        <p className="nhsuk-body-s nhsuk-u-margin-bottom-1 app-attachment__as-is">
          {withheld ? 'If included, this file goes' : 'This file goes'} into the bundle exactly as it was exported.
          Hidden details in it, such as an author's name in a document, are not removed: open it in its own application
          and check it first.
        </p>
      )}
      {attachment.included && (
        <AttachmentControl
          id={`${messageId}-${attachment.fileName}`.replace(/[^\w-]/g, '_')}
          fileName={attachment.fileName}
          reasons={reasons}
          onChange={(nextWithheld, reason) =>
            onChoose({
              action: nextWithheld ? 'withhold-attachment' : 'include-attachment',
              messageId,
              fileName: attachment.fileName,
              ...(reason ? { reason: reason.title, exemption: reason.code } : {}),
            })
          }
        />
      )}
    </div>
  );
}

/**
 * Include or withhold one attachment. The reasons are records-policy's for the request type (FOI and SAR lists differ):
 * an exemption from its table, printed with its code, or "outside the scope of the request", which has none.
 */
function AttachmentControl({
  id,
  fileName,
  reasons,
  onChange,
}: {
  id: string;
  fileName: string;
  reasons: readonly WithholdingReason[];
  onChange: (withheld: boolean, reason?: WithholdingReason) => void;
}) {
  const [index, setIndex] = useState(0);
  return (
    <div className="app-attachment__control">
      <label className="nhsuk-label nhsuk-u-visually-hidden" htmlFor={`${id}-reason`}>
        Reason to withhold {fileName}
      </label>
      <select
        className="nhsuk-select app-select-small"
        id={`${id}-reason`}
        value={index}
        onChange={(event) => setIndex(Number(event.target.value))}
      >
        {reasons.map((reason, i) => (
          <option key={reason.label} value={i}>
            {reason.label}
          </option>
        ))}
      </select>{' '}
      <button
        type="button"
        className="nhsuk-button nhsuk-button--secondary nhsuk-button--small nhsuk-u-margin-bottom-0"
        onClick={() => onChange(false)}
      >
        Include<span className="nhsuk-u-visually-hidden"> {fileName}</span>
      </button>
      <button
        type="button"
        className="nhsuk-button nhsuk-button--secondary nhsuk-button--small nhsuk-u-margin-bottom-0"
        onClick={() => onChange(true, reasons[index])}
      >
        Withhold<span className="nhsuk-u-visually-hidden"> {fileName}</span>
      </button>
    </div>
  );
}

/** Loads an image's bytes from the worker only when its message is on screen, and frees the object URL after. */
function ImagePreview({
  mediaKey,
  mimeType,
  alt,
  services,
}: {
  mediaKey: string;
  mimeType: string | undefined;
  alt: string;
  services: Services;
}) {
  const [url, setUrl] = useState<string | null>(null);
  useEffect(() => {
    let objectUrl: string | null = null;
    let cancelled = false;
    services.caseWorker.call('media', { mediaKey }).then((bytes) => {
      if (cancelled || !bytes) return;
      objectUrl = URL.createObjectURL(new Blob([bytes as Uint8Array<ArrayBuffer>], { type: mimeType ?? 'image/jpeg' }));
      setUrl(objectUrl);
    });
    return () => {
      cancelled = true;
      if (objectUrl) URL.revokeObjectURL(objectUrl);
    };
  }, [mediaKey, mimeType, services]);
  return url ? (
    <img className="app-attachment__image" src={url} alt={alt} />
  ) : (
    <span className="nhsuk-body-s">Loading preview…</span>
  );
}
