/**
 * Step 4: review. The conversation as a readable chat, every proposed redaction highlighted by category; accept or
 * reject each (with the keyboard: J/K to move, A to accept, R to reject), redact selected text or every occurrence of
 * a term, filter, search, decide who is shown how, and include or withhold attachments. This component holds the
 * review's state and wires its parts: `Filters`, `TermForm`, `Toolbar`, `PeoplePanel`, `NameGroups` (a name carried
 * through the chat, decided at once), `ConversationList` (rows are `Message`), with the hooks for decisions, keys and selected text.
 */
import type { Message } from '@im-records/chat-import';
import { withholdingReasonsFor } from '@im-records/records-policy';
import {
  CATEGORY_LABELS,
  type Proposal,
  type ProposalGroup,
  type PseudonymEntry,
  proposalGroups,
  type RedactionCategory,
} from '@im-records/redaction';
import { useCallback, useDeferredValue, useEffect, useMemo, useRef, useState } from 'react';
import { attachmentChoices } from '../../lib/attachments.ts';
import { everyOccurrence, scopeDecision } from '../../lib/decisions.ts';
import { describeProblem, type Problem } from '../../lib/errors.ts';
import {
  decidedStatuses,
  filterMessages,
  noFilters,
  pendingInView,
  type ReviewFilters,
  reviewCounts,
  statusOf,
} from '../../lib/review.ts';
import { timeOf } from '../../lib/scope.ts';
import { hitRows, rowOfMessage } from '../../lib/search.ts';
import { nextInView, proposalsInView, type ReviewView } from '../../lib/view-order.ts';
import type { StepProps } from '../step.ts';
import { countOf, ErrorSummary, formatCount, PhoneFoldToggle, ProgressPanel, phoneFolded } from '../ui.tsx';
import type { AttachmentDraft } from './Attachment.tsx';
import { messageIndexOf, proposalIndexOf } from './ahead.ts';
import { CATEGORIES } from './CategoryOptions.tsx';
import { type ConversationHandle, ConversationList } from './ConversationList.tsx';
import { Filters } from './Filters.tsx';
import { proposalLabel } from './labels.ts';
import { type GroupAction, NameGroups } from './NameGroups.tsx';
import { PeoplePanel, type PersonChange } from './PeoplePanel.tsx';
import { TermForm } from './TermForm.tsx';
import { Toolbar } from './Toolbar.tsx';
import { useDecisions } from './useDecisions.ts';
import { useReviewKeys } from './useReviewKeys.ts';
import { type TextSelection, useTextSelection } from './useTextSelection.ts';

/**
 * Search runs in the case worker (MiniSearch index) once the search box hands on a query (after a pause in typing); its
 * hits narrow the list. A newer query drops the answer to an older one.
 */
function useMessageSearch(query: string, services: StepProps['services'], onProblem: (problem: Problem) => void) {
  const [hits, setHits] = useState<{ ids: Set<string>; ms: number } | null>(null);
  const onProblemRef = useRef(onProblem);
  onProblemRef.current = onProblem;
  useEffect(() => {
    if (!query) {
      setHits(null);
      return;
    }
    let cancelled = false;
    services.caseWorker.call('search', { query }).then(
      (result) => {
        if (!cancelled) setHits({ ids: new Set(result.ids), ms: result.ms });
      },
      (error: unknown) => onProblemRef.current(describeProblem(error)),
    );
    return () => {
      cancelled = true;
    };
  }, [query, services]);
  return hits;
}

/** Before the case is prepared: empty lists that keep their identity from render to render. */
const noProposals: Proposal[] = [];
const noMessages: Message[] = [];
const noPlaces = new Uint32Array(0);

export function ReviewStep(props: StepProps) {
  const { record, prepared, preparing, cancelPrepare, go, services } = props;
  const [filters, setFilters] = useState<ReviewFilters>(noFilters);
  /** The query the search box handed on after a pause in typing ('' for none). */
  const [query, setQuery] = useState('');
  const [active, setActive] = useState<string | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [announcement, setAnnouncement] = useState('');
  /** On a narrow screen the filters wait behind a button, so the conversation comes first. */
  const [filtersOpen, setFiltersOpen] = useState(false);
  const searchRef = useRef<HTMLInputElement>(null);
  const conversation = useRef<ConversationHandle>(null);
  const decisions = useDecisions(props, setProblem);
  const selected = useTextSelection();
  const searchHits = useMessageSearch(query, services, setProblem);

  const proposals = prepared?.proposals ?? noProposals;
  const messages = prepared?.messages ?? noMessages;
  const titles = prepared?.titles ?? noMessages;
  // The proposals by title, by message (by place, as the worker sends them) and by group, in one pass when they arrive
  // (see `ahead.ts`);
  // the statuses hold the officer's decisions only (a proposal not decided keeps detection's), so a decision costs a
  // pass over the decisions, not over the proposals.
  const places = prepared?.proposalPlaces;
  const { byTitle, byMessage, members } = useMemo(
    () =>
      proposalIndexOf({
        proposals,
        places: places ?? noPlaces,
        chat: { titles: titles.length, messages: messages.length },
      }),
    [proposals, places, titles.length, messages.length],
  );
  const statuses = useMemo(() => decidedStatuses(record.decisions, members), [record.decisions, members]);
  // The name groups (a pass over every proposal, looking each one's id up among the groups' finds) are worked out just
  // after the review's first screen is committed: their panel says so until then, and a carried place's row gains its
  // group's words when they arrive.
  const groupedProposals = useDeferredValue(proposals, noProposals);
  const groups = useMemo(() => proposalGroups(groupedProposals), [groupedProposals]);
  const groupsPending = groupedProposals !== proposals;
  const groupById = useMemo(() => new Map(groups.map((group) => [group.id, group])), [groups]);
  /** Whether each message is in scope, by index, as the worker worked it out. */
  const inScope = prepared?.messagesInScope ?? null;
  // Each message's place by id, for a search's hits and the row of the proposal in focus: worked out when the chat
  // arrived (see `ahead.ts`), or when first asked for.
  const messageIndex = useCallback(() => messageIndexOf(messages), [messages]);
  // Chat titles are always counted: they are printed on the cover. Until the officer decides, the worker's counts of
  // what detection proposed stand (worked out while this page unpacked the proposals).
  const workedOut = record.decisions.length === 0 ? prepared?.counts : undefined;
  const counts = useMemo(
    () => workedOut ?? reviewCounts({ titles, messages, inScope }, { byTitle, byMessage }, statuses),
    [workedOut, titles, messages, inScope, byTitle, byMessage, statuses],
  );
  // The exemptions the request type allows, from records-policy's table, and "outside the scope of the request".
  const reasons = useMemo(() => withholdingReasonsFor(record.request.type), [record.request.type]);
  const attachments = useMemo(() => attachmentChoices(record.decisions), [record.decisions]);
  const participants = useMemo(() => prepared?.participants.map((participant) => participant.name) ?? [], [prepared]);
  const shown = useMemo(() => {
    if (!searchHits) return filterMessages(messages, byMessage, statuses, filters, inScope, null);
    // A search narrows the list to its hits first, so the other filters look at those messages only.
    const rows = hitRows(searchHits.ids, messageIndex());
    const hit = rows.map((row) => messages[row] as Message);
    return filterMessages(hit, byMessage, statuses, filters, inScope, null).map((at) => rows[at] as number);
  }, [messages, messageIndex, byMessage, statuses, filters, inScope, searchHits]);
  // What the list shows, for the keyboard's order of proposals (the chats' titles first, then the rows', of the chosen
  // categories): J, K and "accept, then on to the next" step through it from the proposal in focus.
  const view = useMemo<ReviewView>(
    () => ({ titles, messages, shown, byTitle, byMessage, categories: filters.categories }),
    [titles, messages, shown, byTitle, byMessage, filters.categories],
  );
  // Every proposal shown, in that order: for "redact all" and its count during a search. Worked out when first asked
  // for, not on every search: at 100,000 messages it is a pass over the list.
  const orderedNow = useMemo(() => {
    let list: Proposal[] | undefined;
    return () => {
      list ??= proposalsInView(view);
      return list;
    };
  }, [view]);
  // The count on the "redact all still to review" button: from the counts when the view is the whole scope (a cleared
  // search), else from the proposals shown (a search's hits), so the results reach the screen in one render.
  const pendingCount = useMemo(
    () =>
      pendingInView(
        { filters, searching: searchHits !== null, scoped: inScope !== null },
        counts,
        orderedNow,
        statuses,
      ),
    [filters, searchHits, inScope, counts, orderedNow, statuses],
  );
  const rowOf = (proposal: Proposal | undefined): number | undefined => {
    const messageIdx = proposal ? messageIndex().get(proposal.messageId) : undefined;
    return messageIdx === undefined ? undefined : rowOfMessage(shown, messageIdx);
  };
  // Looked up when the proposal in focus changes, not indexed on opening the review.
  const activeProposal = useMemo(
    () => (active ? proposals.find((proposal) => proposal.id === active) : undefined),
    [active, proposals],
  );
  const activeStatus = activeProposal ? statusOf(activeProposal, statuses) : undefined;

  const moveTo = (proposal: Proposal | undefined, before = '') => {
    if (!proposal) return;
    setActive(proposal.id);
    conversation.current?.reveal(rowOf(proposal), proposal.id);
    setAnnouncement(`${before}Next: ${proposalLabel(proposal, statusOf(proposal, statuses))}`);
  };

  const decide = (action: 'accept' | 'reject', proposal: Proposal) => {
    decisions.record([{ action, proposalId: proposal.id }]);
    const decided = action === 'accept' ? 'accepted' : 'rejected';
    const statusNow = (candidate: Proposal) => (candidate.id === proposal.id ? decided : statusOf(candidate, statuses));
    const next = nextInView(view, proposal, statusNow, 1, messageIndex);
    const done = `${action === 'accept' ? 'Redacted' : 'Kept'} ${CATEGORY_LABELS[proposal.category].name} "${proposal.text}". `;
    if (next === null) setAnnouncement(`${done}Nothing left to review here.`);
    else moveTo(next, done);
  };

  /** One group decision for every place a name was carried to: the log shows it once. */
  const decideGroup = (action: GroupAction, group: ProposalGroup) => {
    decisions.record([{ action: action === 'accept' ? 'accept-group' : 'reject-group', group: group.id }]);
    const places = countOf(group.proposalIds.length, 'place');
    setAnnouncement(`${action === 'accept' ? 'Redacted' : 'Kept'} "${group.text}" in all ${places} it was carried to.`);
  };

  const move = (direction: 1 | -1): boolean => {
    const next = nextInView(view, activeProposal, (proposal) => statusOf(proposal, statuses), direction, messageIndex);
    if (next === null) setAnnouncement('Nothing left to review in this view.');
    else moveTo(next);
    return true;
  };
  const onKeyDown = useReviewKeys({
    next: () => move(1),
    previous: () => move(-1),
    accept: () => {
      if (!activeProposal) return false;
      decide('accept', activeProposal);
      return true;
    },
    reject: () => {
      if (!activeProposal) return false;
      decide('reject', activeProposal);
      return true;
    },
    search: () => {
      searchRef.current?.focus();
      return true;
    },
  });

  // Row callbacks keep their identity, so a row is rendered again only when what it shows changes.
  const choose = useCallback((proposal: Proposal) => setActive(proposal.id), []);
  const chooseAttachment = useCallback((draft: AttachmentDraft) => decisions.record([draft]), [decisions]);
  const requestType = record.request.type;
  const hidesOutOfScope = filters.inScopeOnly;
  const chooseScope = useCallback(
    (message: Message, inScope: boolean) => {
      void decisions.recordAndReapply(scopeDecision(message.id, inScope, requestType));
      const from = message.author ?? (message.unreadable ? 'an unknown author' : 'the system');
      const which = `The message from ${from} at ${timeOf(message.timestamp)}`;
      setAnnouncement(
        inScope
          ? `${which} is in the disclosure.`
          : `${which} is left out of the disclosure.${hidesOutOfScope ? ' To see it again, tick "Show messages out of scope" in the filters.' : ''}`,
      );
      // A row left out leaves the list while out-of-scope messages are hidden: focus stays in the conversation.
      if (!inScope && hidesOutOfScope) document.querySelector<HTMLElement>('.app-chat')?.focus();
    },
    [decisions, requestType, hidesOutOfScope],
  );
  // The messages in scope only by a name that may be someone else's, marked on their rows until the officer chooses.
  const preparedScope = prepared?.inScope;
  const toCheck = useMemo(
    () => new Set((preparedScope ?? []).filter((entry) => entry.uncertain).map((entry) => entry.messageId)),
    [preparedScope],
  );

  const redactEverywhere = (text: string, category: RedactionCategory) => {
    void decisions.recordAndReapply(everyOccurrence(text, category));
    setAnnouncement(`Every occurrence of "${text}" will be redacted.`);
  };
  const redactSelection = (selection: TextSelection, category: RedactionCategory) => {
    const { messageId, start, end } = selection;
    void decisions.recordAndReapply({
      action: 'add-span',
      messageId,
      start,
      end,
      category,
      reason: 'Selected by the officer',
    });
    setAnnouncement(`"${selection.text}" will be redacted.`);
    selected.clear();
  };
  const changePerson = (entry: PseudonymEntry, change: PersonChange) => {
    void decisions.recordAndReapply({ action: 'set-pseudonym', person: entry.person, ...change });
    setAnnouncement(`${entry.names[0] ?? entry.person} will be shown differently; the bundle follows.`);
  };

  if (!prepared) {
    return preparing ? (
      <ProgressPanel label="Preparing the chat for review" progress={preparing} onCancel={cancelPrepare} />
    ) : (
      <p className="nhsuk-body">Preparing the chat…</p>
    );
  }

  return (
    <>
      {problem && <ErrorSummary problems={[problem]} />}
      <div className="app-review-counts" data-testid="review-counts">
        <p className="nhsuk-body-l nhsuk-u-margin-bottom-1">
          <strong>{formatCount(counts.proposed)}</strong> still to review
        </p>
        <p className="nhsuk-body nhsuk-u-margin-bottom-2" data-testid="redaction-count">
          <strong>{countOf(counts.redactions, 'redaction')}</strong> in the bundle as it stands (anything not reviewed
          is redacted; parts of a name written together are one redaction)
        </p>
        <p className="nhsuk-body-s nhsuk-u-margin-bottom-2">
          {countOf(counts.total, 'proposal')}: {formatCount(counts.accepted)} accepted · {formatCount(counts.rejected)}{' '}
          kept, in {countOf(prepared.inScope.length, 'message')} in scope
        </p>
      </div>
      {pendingCount > 0 && (
        <button
          type="button"
          className="nhsuk-button nhsuk-button--secondary nhsuk-button--small"
          onClick={() => {
            const pendingShown = orderedNow().filter((proposal) => statusOf(proposal, statuses) === 'proposed');
            decisions.record(
              pendingShown.map((proposal) => ({
                action: 'accept' as const,
                proposalId: proposal.id,
                reason: 'Accepted in bulk',
              })),
            );
            setAnnouncement(`Redacted ${countOf(pendingShown.length, 'proposal')}.`);
          }}
        >
          Redact all {formatCount(pendingCount)} still to review in this view
        </button>
      )}
      <PeoplePanel people={props.people} onChange={changePerson} />
      <NameGroups
        groups={groups}
        pending={groupsPending}
        members={members}
        statuses={statuses}
        onDecideGroup={decideGroup}
        onShow={(proposal) => moveTo(proposal)}
      />
      <PhoneFoldToggle
        open={filtersOpen}
        controls="review-filters"
        onToggle={() => setFiltersOpen(!filtersOpen)}
        show="Show filters and search"
        hide="Hide filters and search"
      />
      <div className="nhsuk-grid-row app-review-grid">
        <div className={`nhsuk-grid-column-one-quarter ${phoneFolded(filtersOpen)}`} id="review-filters">
          <Filters
            filters={filters}
            onFilters={setFilters}
            onQuery={setQuery}
            searchRef={searchRef}
            searchHits={searchHits}
            categories={CATEGORIES.filter((category) => counts.byCategory[category]).map((category) => ({
              category,
              toReview: counts.byCategory[category]?.proposed ?? 0,
            }))}
            participants={participants}
          />
          <TermForm onRedact={redactEverywhere} />
        </div>
        {/* biome-ignore lint/a11y/noStaticElementInteractions: the review area only listens for its keyboard shortcuts; every action also has a button */}
        <div className="nhsuk-grid-column-three-quarters" onKeyDown={onKeyDown} onMouseUp={selected.capture}>
          <Toolbar
            active={activeProposal && activeStatus ? { proposal: activeProposal, status: activeStatus } : undefined}
            onDecide={decide}
            activeGroup={activeProposal?.group === undefined ? undefined : groupById.get(activeProposal.group)}
            onDecideGroup={decideGroup}
            onRedactEverywhere={redactEverywhere}
            selection={selected.selection}
            selectionCategory={selected.category}
            onSelectionCategory={selected.setCategory}
            onRedactSelection={redactSelection}
            onRedactSelectionEverywhere={(selection, category) => {
              redactEverywhere(selection.text, category);
              selected.clear();
            }}
          />
          <p className="nhsuk-u-visually-hidden" aria-live="polite" data-testid="announcement">
            {announcement}
          </p>
          <ConversationList
            handle={conversation}
            titles={titles}
            messages={messages}
            shown={shown}
            activeRow={rowOf(activeProposal)}
            byTitle={byTitle}
            byMessage={byMessage}
            groups={groupById}
            statuses={statuses}
            active={active}
            inScope={inScope}
            toCheck={toCheck}
            onChoose={choose}
            onScope={chooseScope}
            services={services}
            attachments={attachments}
            reasons={reasons}
            onAttachment={chooseAttachment}
          />
        </div>
      </div>
      <button type="button" className="nhsuk-button nhsuk-u-margin-top-4" onClick={() => go('package')}>
        Continue to package
      </button>
      {counts.proposed > 0 && (
        <p className="nhsuk-body-s">
          {countOf(counts.proposed, 'proposal')} {counts.proposed === 1 ? 'is' : 'are'} still to review. Anything you
          have not reviewed is redacted in the bundle.
        </p>
      )}
    </>
  );
}
