/**
 * The conversation: the chats' titles first (reviewed like messages, printed on the cover), then the messages the
 * filters show in a virtualised list (100,000 messages scroll smoothly). The row holding the proposal in focus is always
 * rendered, even when it scrolls out of the window or the window is resized (zoom, a rotated tablet): a row taken out
 * of the page would take the keyboard focus with it.
 */
import type { Message as ChatMessage } from '@im-records/chat-import';
import type { WithholdingReason } from '@im-records/records-policy';
import type { Proposal, ProposalGroup, ProposalStatus } from '@im-records/redaction';
import { memo, type Ref, useCallback, useEffect, useImperativeHandle, useMemo, useRef } from 'react';
import type { AttachmentChoice } from '../../lib/attachments.ts';
import type { ProposalsByMessage } from '../../lib/review.ts';
import type { Services } from '../services.ts';
import { countOf, formatCount } from '../ui.tsx';
import type { AttachmentDraft } from './Attachment.tsx';
import { rowEstimatesOf } from './ahead.ts';
import { Message } from './Message.tsx';
import { useRowWindow } from './useRowWindow.ts';

/** A message with no proposals: one shared list, so its row's props do not change. */
const NO_PROPOSALS: readonly Proposal[] = Object.freeze([]);
/** Titles have no attachments to choose for. */
const NO_ATTACHMENT_CHOICE = (): void => undefined;

/** What the review asks of the list: to bring a proposal into view and focus it. */
export interface ConversationHandle {
  /**
   * Scrolls to `row` (undefined for a title's proposal, above the list) and focuses the proposal's highlight as soon
   * as its row is rendered: the list renders on its own as it scrolls, so the focus is moved here, after its render.
   */
  reveal(row: number | undefined, proposalId: string): void;
}

export interface ConversationListProps {
  handle: Ref<ConversationHandle>;
  titles: readonly ChatMessage[];
  messages: readonly ChatMessage[];
  /** Indexes into `messages` of the rows shown, in order. */
  shown: readonly number[];
  /** The row of the proposal in focus, kept rendered. */
  activeRow: number | undefined;
  /** Each title's and each message's proposals, by index (`indexProposals`). */
  byTitle: ProposalsByMessage;
  byMessage: ProposalsByMessage;
  /** The groups of names carried through the chat, by id: a carried place says it is one of many. */
  groups: ReadonlyMap<string, ProposalGroup>;
  /** The statuses the officer's decisions give (`decidedStatuses`); a proposal not in it keeps its own. */
  statuses: ReadonlyMap<string, ProposalStatus>;
  active: string | null;
  /** Whether each message is in scope, by index (null: all). */
  inScope: ArrayLike<number> | null;
  /** The ids of messages in scope only by a name that may be someone else's (see `InScope.uncertain`). */
  toCheck: ReadonlySet<string>;
  onChoose: (proposal: Proposal) => void;
  /** Leaves a message out of the disclosure or brings it in. */
  onScope: (message: ChatMessage, inScope: boolean) => void;
  services: Services;
  attachments: ReadonlyMap<string, AttachmentChoice>;
  reasons: readonly WithholdingReason[];
  onAttachment: (draft: AttachmentDraft) => void;
}

function ConversationListView(props: ConversationListProps) {
  const { handle, titles, messages, shown, activeRow, byTitle, byMessage, groups, statuses, active, inScope } = props;
  const { onChoose, onScope, toCheck, services, attachments, reasons, onAttachment } = props;
  // Worked out when the chat arrived (see `ahead.ts`).
  const estimates = rowEstimatesOf(messages);
  const { listRef, parts, rowRef, centre } = useRowWindow(shown, estimates, activeRow);
  const focusAfterRender = useRef<string | null>(null);
  const focusPending = useCallback(() => {
    const id = focusAfterRender.current;
    if (!id) return;
    // A chat title's proposals sit above the list, so the whole page is searched.
    const element = document.querySelector<HTMLElement>(`[data-proposal-id="${CSS.escape(id)}"]`);
    if (element) {
      element.focus({ preventScroll: false });
      focusAfterRender.current = null;
    }
  }, []);
  useEffect(focusPending);
  useImperativeHandle(
    handle,
    () => ({
      reveal: (row, proposalId) => {
        focusAfterRender.current = proposalId;
        if (row !== undefined) centre(row);
        focusPending();
      },
    }),
    [centre, focusPending],
  );
  // Rendered with every frame of scrolling: the count's words are worked out when the rows shown change.
  const showing = useMemo(
    () => `Showing ${formatCount(shown.length)} of ${countOf(messages.length, 'message')}`,
    [shown.length, messages.length],
  );

  return (
    <>
      {titles.length > 0 && (
        <section className="app-titles" aria-label={titles.length > 1 ? 'Chat titles' : 'Chat title'}>
          <p className="nhsuk-body-s nhsuk-u-margin-bottom-1">
            {titles.length > 1 ? 'The chats are titled' : 'The chat is titled'} as below. A title is printed on the
            bundle's cover as what was searched, with the same redactions as the messages: review it too.
          </p>
          {titles.map((title, i) => (
            <Message
              key={title.id}
              message={title}
              heading={titles.length > 1 ? `Title of conversation ${i + 1}` : 'Chat title'}
              proposals={byTitle[i] ?? NO_PROPOSALS}
              groups={groups}
              statuses={statuses}
              active={active}
              inScope
              onChoose={onChoose}
              services={services}
              attachments={attachments}
              reasons={reasons}
              onAttachment={NO_ATTACHMENT_CHOICE}
            />
          ))}
        </section>
      )}
      <p className="nhsuk-body-s nhsuk-u-margin-bottom-1">{showing}</p>
      <section
        ref={listRef}
        className="app-chat"
        // biome-ignore lint/a11y/noNoninteractiveTabindex: the scrolling conversation must be reachable and scrollable by keyboard (WCAG 2.1.1)
        tabIndex={0}
        aria-label="Conversation"
        aria-describedby="shortcuts"
      >
        <div className="app-chat__rows">
          {parts.map((part) => {
            if ('space' in part) return <div key={part.key} style={{ height: part.space }} />;
            const index = shown[part.row] as number;
            const message = messages[index] as ChatMessage;
            return (
              <div key={message.id} data-message={index} ref={rowRef} className="app-chat__row">
                <Message
                  message={message}
                  proposals={byMessage[index] ?? NO_PROPOSALS}
                  groups={groups}
                  statuses={statuses}
                  active={active}
                  inScope={!inScope || inScope[index] === 1}
                  toCheck={toCheck.size > 0 && toCheck.has(message.id)}
                  onChoose={onChoose}
                  onScope={onScope}
                  services={services}
                  attachments={attachments}
                  reasons={reasons}
                  onAttachment={onAttachment}
                />
              </div>
            );
          })}
        </div>
      </section>
    </>
  );
}

/**
 * The conversation, rendered again only when what it shows changes: typing in the search box or an announcement
 * elsewhere in the review leaves it alone.
 */
export const ConversationList = memo(ConversationListView);
