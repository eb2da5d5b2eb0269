/**
 * One message of the conversation in the review: author and time, its text with every proposal highlighted as a
 * button (its category, status and focus), and its attachments. Rows are memoised with {@link sameRow}: a row is
 * rendered again only when something it shows changed — its message, its proposals' statuses, whether one of them is
 * in focus, its attachments' choices — so scrolling or deciding elsewhere leaves it alone. Its callbacks must keep
 * their identity (the review passes stable ones).
 */
import type { Message as ChatMessage } from '@im-records/chat-import';
import { formatLongDate, type WithholdingReason } from '@im-records/records-policy';
import type { Proposal, ProposalGroup, ProposalStatus } from '@im-records/redaction';
import { memo } from 'react';
import type { AttachmentChoice } from '../../lib/attachments.ts';
import { directionOf } from '../../lib/direction.ts';
import { segmentText } from '../../lib/review.ts';
import { timeOf } from '../../lib/scope.ts';
import type { Services } from '../services.ts';
import { type AttachmentDraft, AttachmentRow, attachmentKey } from './Attachment.tsx';
import { carriedWords, proposalLabel } from './labels.ts';

/** What a row shows, and what it calls. */
export interface MessageProps {
  message: ChatMessage;
  /** Shown instead of the author and time (a chat title). */
  heading?: string;
  reasons: readonly WithholdingReason[];
  /** This message's proposals, in text order (the same array while they do not change). */
  proposals: readonly Proposal[];
  /** The groups of names carried through the chat, by id (the same map while the proposals do not change). */
  groups: ReadonlyMap<string, ProposalGroup>;
  /** The statuses the officer's decisions give (`decidedStatuses`); a proposal not in it keeps its own. */
  statuses: ReadonlyMap<string, ProposalStatus>;
  /** The proposal in focus anywhere in the review. */
  active: string | null;
  inScope: boolean;
  /** In scope only by a name that may be someone else's (a SAR's `InScope.uncertain`): the officer checks who is meant. */
  toCheck?: boolean;
  onChoose: (proposal: Proposal) => void;
  /** Leaves the message out of the disclosure (`false`) or brings it in (`true`); a chat title has none. */
  onScope?: (message: ChatMessage, inScope: boolean) => void;
  services: Services;
  attachments: ReadonlyMap<string, AttachmentChoice>;
  onAttachment: (draft: AttachmentDraft) => void;
}

/** The same choice for an attachment (the choices map is rebuilt after every decision). */
const sameChoice = (a: AttachmentChoice | undefined, b: AttachmentChoice | undefined): boolean =>
  a === b || (a?.action === b?.action && a?.reason === b?.reason && a?.exemption === b?.exemption);

/** Whether a row would render the same: only the parts of the shared maps that concern it are compared. */
export function sameRow(a: MessageProps, b: MessageProps): boolean {
  if (
    a.message !== b.message ||
    a.heading !== b.heading ||
    a.proposals !== b.proposals ||
    a.groups !== b.groups ||
    a.inScope !== b.inScope ||
    a.toCheck !== b.toCheck ||
    a.reasons !== b.reasons ||
    a.onChoose !== b.onChoose ||
    a.onScope !== b.onScope ||
    a.onAttachment !== b.onAttachment ||
    a.services !== b.services
  ) {
    return false;
  }
  for (const proposal of a.proposals) {
    if (a.statuses.get(proposal.id) !== b.statuses.get(proposal.id)) return false;
    if ((a.active === proposal.id) !== (b.active === proposal.id)) return false;
  }
  for (const attachment of a.message.attachments) {
    const key = attachmentKey(a.message.id, attachment.fileName);
    if (!sameChoice(a.attachments.get(key), b.attachments.get(key))) return false;
  }
  return true;
}

function MessageView({
  message,
  heading,
  reasons,
  proposals,
  groups,
  statuses,
  active,
  inScope,
  toCheck = false,
  onChoose,
  onScope,
  services,
  attachments,
  onAttachment,
}: MessageProps) {
  const segments = segmentText(message.text, proposals);
  const direction = directionOf(message.text);
  const when = `${formatLongDate(message.timestamp.slice(0, 10))} ${timeOf(message.timestamp)}`;
  // A record the import could not read has no author unless it named one readably: it is not a system event.
  const who = message.author ?? (message.unreadable ? 'Unknown author' : 'System');
  // Its time is borrowed from a neighbour, so the row's name says what it is, or two rows would share one.
  const named = `${who}, ${when}${message.unreadable ? ', could not be read' : ''}`;
  return (
    <article
      className={`app-message${message.kind === 'system' && !heading ? ' app-message--system' : ''}${heading ? ' app-message--title' : ''}${inScope ? '' : ' app-message--out'}`}
      aria-label={heading ?? named}
    >
      <p className="app-message__meta">
        {heading ? (
          <span className="app-message__author">{heading}</span>
        ) : (
          <>
            <span className="app-message__author" dir="auto">
              {message.author ?? (message.unreadable ? 'Unknown author' : 'System message')}
            </span>{' '}
            <span className="app-message__time">{when}</span>
          </>
        )}
        {!inScope && <span className="app-message__scope"> · out of scope</span>}
        {toCheck && <strong className="app-message__check"> · check who is meant</strong>}
        {onScope && (
          <>
            {' · '}
            {toCheck && (
              <>
                <button
                  type="button"
                  className="app-link-button"
                  aria-label={`Keep in scope: ${named}`}
                  onClick={() => onScope(message, true)}
                >
                  Keep in scope
                </button>
                {' · '}
              </>
            )}
            <button
              type="button"
              className="app-link-button"
              aria-label={`${inScope ? 'Leave out' : 'Bring into scope'}: ${named}`}
              onClick={() => onScope(message, !inScope)}
            >
              {inScope ? 'Leave out' : 'Bring into scope'}
            </button>
          </>
        )}
        {message.kind === 'deleted' && <span> · deleted</span>}
      </p>
      {message.unreadable && <UnreadableNote unreadable={message.unreadable} />}
      <p className="app-message__text" data-text-of={message.id} dir={direction}>
        {segments.map((segment) => {
          // A plain run is a text node of its own: no element for it, one fewer per run in every row drawn.
          if (!segment.proposal) return segment.text;
          const proposal = segment.proposal;
          const status = statuses.get(proposal.id) ?? proposal.status;
          const group = proposal.group === undefined ? undefined : groups.get(proposal.group);
          return (
            <button
              type="button"
              key={segment.start}
              data-proposal-id={proposal.id}
              className={`app-mark app-mark--${proposal.category} app-mark--${status}${group ? ' app-mark--carried' : ''}${active === proposal.id ? ' app-mark--active' : ''}`}
              dir={directionOf(segment.text) ?? 'ltr'}
              aria-label={`${proposalLabel(proposal, status)}${group ? `, ${carriedWords(group)}` : ''}`}
              aria-pressed={active === proposal.id}
              onClick={() => onChoose(proposal)}
              onFocus={() => onChoose(proposal)}
            >
              {segment.text}
            </button>
          );
        })}
      </p>
      {message.attachments.map((attachment) => (
        <AttachmentRow
          key={attachment.fileName}
          messageId={message.id}
          attachment={attachment}
          choice={attachments.get(attachmentKey(message.id, attachment.fileName))}
          reasons={reasons}
          services={services}
          onChoose={onAttachment}
        />
      ))}
    </article>
  );
}

/**
 * The mark on a record the import could not read, kept as written: what was wrong, and whose time it carries (it has
 * none of its own), so the officer knows why the row looks raw and why a date range took it in. Text, not colour alone.
 */
function UnreadableNote({ unreadable }: { unreadable: NonNullable<ChatMessage['unreadable']> }) {
  const time =
    unreadable.timeFrom === 'previous'
      ? 'It has the time of the message before it, and is in the date range when that message is.'
      : unreadable.timeFrom === 'next'
        ? 'It has the time of the message after it, and is in the date range when that message is.'
        : 'No message in the export has a time that could be read, so it has none.';
  return (
    <p className="app-message__unreadable">
      <strong>Could not be read: shown as written</strong> ({unreadable.reason}). {time}
    </p>
  );
}

/** A message row, rendered again only when {@link sameRow} says it would look different. */
export const Message = memo(MessageView, sameRow);
