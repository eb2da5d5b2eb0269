/**
 * Step 4: review. The conversation as a readable chat in a virtualised list (100,000 messages scroll smoothly), every
 * proposed redaction highlighted by category; accept or reject each (with the keyboard: J/K to move, A to accept, R to
 * reject), redact selected text or every occurrence of a term, filter, search, and mark attachments to include or
 * withhold. Shortcuts only act while focus is inside the review area, so they never fire while typing elsewhere
 * (WCAG 2.1.4).
 */

import type { Message } from '@im-records/chat-import';
import { formatLongDate, type WithholdingReason, withholdingReasonsFor } from '@im-records/records-policy';
import {
  CATEGORY_LABELS,
  type Decision,
  type Proposal,
  type ProposalStatus,
  type PseudonymEntry,
  type PseudonymRole,
  type RedactionCategory,
} from '@im-records/redaction';
import { defaultRangeExtractor, type Range, useVirtualizer } from '@tanstack/react-virtual';
import { memo, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { type AttachmentChoice, attachmentChoices, metadataRemovedOnInclude } from '../lib/attachments.ts';
import { directionOf } from '../lib/direction.ts';
import { describeProblem, type Problem } from '../lib/errors.ts';
import { guessCategory } from '../lib/guess.ts';
import {
  filterMessages,
  nextToReview,
  noFilters,
  proposalsByMessage,
  type ReviewFilters,
  reviewCounts,
  segmentText,
  statusesAfter,
} from '../lib/review.ts';
import { timeOf } from '../lib/scope.ts';
import type { StepProps } from './CaseView.tsx';
import { nowIso, type Services } from './services.ts';
import { countOf, ErrorSummary, formatCount, ProgressPanel } from './ui.tsx';

const statusWords: Record<ProposalStatus, string> = { proposed: 'to review', accepted: 'redacted', rejected: 'kept' };

function proposalLabel(proposal: Proposal, status: ProposalStatus): string {
  return `${CATEGORY_LABELS[proposal.category].name} "${proposal.text}", ${statusWords[status]}, ${proposal.exemption}`;
}

export function ReviewStep(props: StepProps) {
  const { record, prepared, preparing, cancelPrepare, act, go, services, setProposals } = props;
  const [filters, setFilters] = useState<ReviewFilters>(noFilters);
  const [query, setQuery] = useState('');
  const [searchHits, setSearchHits] = useState<{ ids: Set<string>; ms: number } | null>(null);
  const [active, setActive] = useState<string | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [announcement, setAnnouncement] = useState('');
  const [selection, setSelection] = useState<{ messageId: string; start: number; end: number; text: string } | null>(
    null,
  );
  const [term, setTerm] = useState('');
  const [termCategory, setTermCategory] = useState<RedactionCategory>('person-name');
  /** What the selected text is: asked beside the selection, defaulting to a guess from the text itself. */
  const [selectionCategory, setSelectionCategory] = useState<RedactionCategory>('custom');
  /** On a narrow screen the filters wait behind a button, so the conversation comes first. */
  const [filtersOpen, setFiltersOpen] = useState(false);
  const listRef = useRef<HTMLElement>(null);
  const searchRef = useRef<HTMLInputElement>(null);
  const focusAfterRender = useRef<string | null>(null);

  const proposals = prepared?.proposals ?? [];
  const messages = prepared?.messages ?? [];
  const statuses = useMemo(() => statusesAfter(proposals, record.decisions), [proposals, record.decisions]);
  const byMessage = useMemo(() => proposalsByMessage(proposals), [proposals]);
  const inScope = useMemo(
    () => (prepared ? new Set(prepared.inScope.map((entry) => entry.messageId)) : null),
    [prepared],
  );
  const messageIndex = useMemo(() => new Map(messages.map((message, index) => [message.id, index])), [messages]);
  const titles = prepared?.titles ?? [];
  // Chat titles are always in scope: they are printed on the cover.
  const scopeWithTitles = useMemo(
    () => (inScope ? new Set([...inScope, ...titles.map((title) => title.id)]) : null),
    [inScope, titles],
  );
  const texts = useMemo(
    () => new Map([...titles, ...messages].map((message) => [message.id, message.text])),
    [titles, messages],
  );
  const counts = useMemo(
    () => reviewCounts(proposals, statuses, scopeWithTitles, (id) => texts.get(id)),
    [proposals, statuses, scopeWithTitles, texts],
  );
  const reasons = useMemo(() => withholdingReasonsFor(record.request.type), [record.request.type]);
  const attachments = useMemo(() => attachmentChoices(record.decisions), [record.decisions]);
  const participants = useMemo(() => prepared?.participants.map((participant) => participant.name) ?? [], [prepared]);

  const shown = useMemo(
    () => filterMessages(messages, byMessage, statuses, filters, inScope, searchHits?.ids ?? null),
    [messages, byMessage, statuses, filters, inScope, searchHits],
  );
  // The proposals in the order the list shows them: the keyboard loop walks this.
  const ordered = useMemo(() => {
    const list: Proposal[] = [];
    // The chats' titles come first: they are reviewed like messages (and printed on the cover).
    for (const title of prepared?.titles ?? []) {
      for (const proposal of byMessage.get(title.id) ?? []) {
        if (filters.categories.length === 0 || filters.categories.includes(proposal.category)) list.push(proposal);
      }
    }
    for (const index of shown) {
      const message = messages[index] as Message;
      for (const proposal of byMessage.get(message.id) ?? []) {
        if (filters.categories.length === 0 || filters.categories.includes(proposal.category)) list.push(proposal);
      }
    }
    return list;
  }, [shown, messages, byMessage, filters.categories, prepared?.titles]);
  const pendingShown = useMemo(
    () => ordered.filter((proposal) => (statuses.get(proposal.id) ?? proposal.status) === 'proposed'),
    [ordered, statuses],
  );
  const shownRow = useMemo(() => new Map(shown.map((messageIdx, row) => [messageIdx, row])), [shown]);

  // The row holding the proposal in focus is always rendered, even when it scrolls out of the window or the window
  // is resized (zoom, a rotated tablet): a row taken out of the page would take the keyboard focus with it.
  const activeProposal = active ? proposals.find((proposal) => proposal.id === active) : undefined;
  const activeRow = useRef<number | undefined>(undefined);
  {
    const messageIdx = activeProposal ? messageIndex.get(activeProposal.messageId) : undefined;
    activeRow.current = messageIdx === undefined ? undefined : shownRow.get(messageIdx);
  }
  const rangeExtractor = useCallback((range: Range) => {
    const rows = defaultRangeExtractor(range);
    const keep = activeRow.current;
    if (keep !== undefined && keep < range.count && !rows.includes(keep)) {
      rows.push(keep);
      rows.sort((a, b) => a - b);
    }
    return rows;
  }, []);
  const virtualizer = useVirtualizer({
    count: shown.length,
    getScrollElement: () => listRef.current,
    estimateSize: () => 96,
    overscan: 8,
    rangeExtractor,
  });

  // Search runs in the worker (MiniSearch index); results narrow the list.
  useEffect(() => {
    const trimmed = query.trim();
    if (!trimmed) {
      setSearchHits(null);
      return;
    }
    let cancelled = false;
    const timer = setTimeout(() => {
      services.caseWorker.call('search', { query: trimmed }).then(
        (result) => {
          if (!cancelled) setSearchHits({ ids: new Set(result.ids), ms: result.ms });
        },
        (error: unknown) => setProblem(describeProblem(error)),
      );
    }, 120);
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [query, services]);

  // After moving to a proposal, focus its highlight once the virtual row is rendered.
  useEffect(() => {
    const id = focusAfterRender.current;
    if (!id) return;
    // A chat title's proposals sit above the list, so the whole page is searched.
    const element = document.querySelector<HTMLElement>(`[data-proposal-id="${CSS.escape(id)}"]`);
    if (element) {
      element.focus({ preventScroll: false });
      focusAfterRender.current = null;
    }
  });

  const moveTo = useCallback(
    (proposal: Proposal | undefined, before = '') => {
      if (!proposal) return;
      setActive(proposal.id);
      const messageIdx = messageIndex.get(proposal.messageId);
      const row = messageIdx === undefined ? undefined : shownRow.get(messageIdx);
      if (row !== undefined) virtualizer.scrollToIndex(row, { align: 'center' });
      focusAfterRender.current = proposal.id;
      setAnnouncement(`${before}Next: ${proposalLabel(proposal, statuses.get(proposal.id) ?? proposal.status)}`);
    },
    [messageIndex, shownRow, virtualizer, statuses],
  );

  const record_ = useCallback((decisions: Decision[]) => act({ type: 'decision/record', decisions }), [act]);

  const decide = useCallback(
    (action: 'accept' | 'reject', proposal: Proposal) => {
      record_([{ action, proposalId: proposal.id, by: record.officer || 'officer', at: nowIso() }]);
      const nextStatuses = new Map(statuses).set(proposal.id, action === 'accept' ? 'accepted' : 'rejected');
      const from = ordered.findIndex((candidate) => candidate.id === proposal.id);
      const next = nextToReview(ordered, from, nextStatuses, 1);
      const done = `${action === 'accept' ? 'Redacted' : 'Kept'} ${CATEGORY_LABELS[proposal.category].name} "${proposal.text}". `;
      if (next === null) setAnnouncement(`${done}Nothing left to review here.`);
      else moveTo(ordered[next], done);
    },
    [record_, record.officer, statuses, ordered, moveTo],
  );

  const addManual = useCallback(
    async (decision: Decision) => {
      const decisions = [...record.decisions, decision];
      record_([decision]);
      try {
        setProposals(await services.caseWorker.call('decide', { decisions }));
      } catch (error) {
        setProblem(describeProblem(error));
      }
    },
    [record.decisions, record_, services, setProposals],
  );

  const activeStatus = activeProposal ? (statuses.get(activeProposal.id) ?? activeProposal.status) : undefined;

  const onKeyDown = (event: React.KeyboardEvent) => {
    const target = event.target as HTMLElement;
    if (target.closest('input, textarea, select, [contenteditable="true"]')) return;
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    const at = activeProposal ? ordered.findIndex((proposal) => proposal.id === activeProposal.id) : -1;
    switch (event.key) {
      case 'j':
      case 'J': {
        event.preventDefault();
        const next = nextToReview(ordered, at, statuses, 1);
        if (next === null) setAnnouncement('Nothing left to review in this view.');
        else moveTo(ordered[next]);
        break;
      }
      case 'k':
      case 'K': {
        event.preventDefault();
        const previous = nextToReview(ordered, at === -1 ? 0 : at, statuses, -1);
        if (previous === null) setAnnouncement('Nothing left to review in this view.');
        else moveTo(ordered[previous]);
        break;
      }
      case 'a':
      case 'A':
        if (activeProposal) {
          event.preventDefault();
          decide('accept', activeProposal);
        }
        break;
      case 'r':
      case 'R':
        if (activeProposal) {
          event.preventDefault();
          decide('reject', activeProposal);
        }
        break;
      case '/':
        event.preventDefault();
        searchRef.current?.focus();
        break;
    }
  };

  const captureSelection = () => {
    const chosen = window.getSelection();
    if (!chosen || chosen.isCollapsed || chosen.rangeCount === 0) {
      setSelection(null);
      return;
    }
    const range = chosen.getRangeAt(0);
    const container = (range.startContainer.parentElement as HTMLElement | null)?.closest<HTMLElement>(
      '[data-text-of]',
    );
    const endContainer = (range.endContainer.parentElement as HTMLElement | null)?.closest<HTMLElement>(
      '[data-text-of]',
    );
    if (!container || container !== endContainer) {
      setSelection(null);
      return;
    }
    const before = document.createRange();
    before.selectNodeContents(container);
    before.setEnd(range.startContainer, range.startOffset);
    const start = before.toString().length;
    const text = range.toString();
    const trimmedStart = start + (text.length - text.trimStart().length);
    const trimmed = text.trim();
    if (!trimmed) return;
    setSelection({
      messageId: container.dataset.textOf ?? '',
      start: trimmedStart,
      end: trimmedStart + trimmed.length,
      text: trimmed,
    });
    setSelectionCategory(guessCategory(trimmed));
  };

  if (!prepared) {
    return preparing ? (
      <ProgressPanel label="Preparing the chat for review" progress={preparing} onCancel={cancelPrepare} />
    ) : (
      <p className="nhsuk-body">Preparing the chat…</p>
    );
  }

  const toggleCategory = (category: RedactionCategory, on: boolean) =>
    setFilters({
      ...filters,
      categories: on ? [...filters.categories, category] : filters.categories.filter((c) => c !== category),
    });
  const categoriesPresent = (Object.keys(CATEGORY_LABELS) as RedactionCategory[]).filter(
    (category) => counts.byCategory[category],
  );

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
      {pendingShown.length > 0 && (
        <button
          type="button"
          className="nhsuk-button nhsuk-button--secondary nhsuk-button--small"
          onClick={() => {
            const at = nowIso();
            record_(
              pendingShown.map((proposal) => ({
                action: 'accept' as const,
                proposalId: proposal.id,
                by: record.officer || 'officer',
                at,
                reason: 'Accepted in bulk',
              })),
            );
            setAnnouncement(`Redacted ${countOf(pendingShown.length, 'proposal')}.`);
          }}
        >
          Redact all {formatCount(pendingShown.length)} still to review in this view
        </button>
      )}
      <PeoplePanel
        people={prepared.people}
        onChange={(entry, change) => {
          void addManual({
            action: 'set-pseudonym',
            person: entry.person,
            ...change,
            by: record.officer || 'officer',
            at: nowIso(),
          });
          setAnnouncement(`${entry.names[0] ?? entry.person} will be shown differently; the bundle follows.`);
        }}
      />
      <button
        type="button"
        className="nhsuk-button nhsuk-button--secondary nhsuk-button--small app-filters-toggle"
        aria-expanded={filtersOpen}
        aria-controls="review-filters"
        onClick={() => setFiltersOpen(!filtersOpen)}
      >
        {filtersOpen ? 'Hide filters and search' : 'Show filters and search'}
      </button>
      <div className="nhsuk-grid-row app-review-grid">
        <div
          className={`nhsuk-grid-column-one-quarter app-review-filters${filtersOpen ? ' app-review-filters--open' : ''}`}
          id="review-filters"
        >
          <h2 className="nhsuk-heading-s">Filters</h2>
          <div className="nhsuk-form-group">
            <label className="nhsuk-label" htmlFor="search">
              Search messages
            </label>
            <div className="nhsuk-hint" id="search-hint">
              Press / to jump here
            </div>
            <input
              ref={searchRef}
              className="nhsuk-input"
              id="search"
              type="search"
              value={query}
              aria-describedby="search-hint search-result"
              onChange={(event) => setQuery(event.target.value)}
            />
            <p className="nhsuk-body-s nhsuk-u-margin-top-1" id="search-result" aria-live="polite">
              {searchHits ? `${countOf(searchHits.ids.size, 'matching message')} (${searchHits.ms.toFixed(1)} ms)` : ''}
            </p>
          </div>
          <div className="nhsuk-form-group">
            <label className="nhsuk-label" htmlFor="filter-status">
              Status
            </label>
            <select
              className="nhsuk-select"
              id="filter-status"
              value={filters.status}
              onChange={(event) => setFilters({ ...filters, status: event.target.value as ReviewFilters['status'] })}
            >
              <option value="all">All messages</option>
              <option value="any-proposal">With a proposed redaction</option>
              <option value="proposed">Still to review</option>
              <option value="accepted">Redacted</option>
              <option value="rejected">Kept</option>
            </select>
          </div>
          <div className="nhsuk-form-group">
            <fieldset className="nhsuk-fieldset">
              <legend className="nhsuk-fieldset__legend nhsuk-fieldset__legend--s">Category</legend>
              <div className="nhsuk-checkboxes nhsuk-checkboxes--small">
                {categoriesPresent.map((category) => (
                  <div className="nhsuk-checkboxes__item" key={category}>
                    <input
                      className="nhsuk-checkboxes__input"
                      id={`cat-${category}`}
                      type="checkbox"
                      checked={filters.categories.includes(category)}
                      onChange={(event) => toggleCategory(category, event.target.checked)}
                    />
                    <label className="nhsuk-label nhsuk-checkboxes__label" htmlFor={`cat-${category}`}>
                      <span className={`app-swatch app-legend--${category}`} aria-hidden="true" />
                      {CATEGORY_LABELS[category].name} ({formatCount(counts.byCategory[category]?.proposed ?? 0)} to
                      review)
                    </label>
                  </div>
                ))}
              </div>
            </fieldset>
          </div>
          <div className="nhsuk-form-group">
            <label className="nhsuk-label" htmlFor="filter-participant">
              Participant
            </label>
            <select
              className="nhsuk-select app-select-full"
              id="filter-participant"
              value={filters.participant}
              onChange={(event) => setFilters({ ...filters, participant: event.target.value })}
            >
              <option value="">Everyone</option>
              {participants.map((participant) => (
                <option key={participant} value={participant}>
                  {participant}
                </option>
              ))}
            </select>
          </div>
          <div className="nhsuk-form-group">
            <label className="nhsuk-label" htmlFor="filter-from">
              From
            </label>
            <input
              className="nhsuk-input"
              id="filter-from"
              type="date"
              value={filters.from}
              onChange={(event) => setFilters({ ...filters, from: event.target.value })}
            />
          </div>
          <div className="nhsuk-form-group">
            <label className="nhsuk-label" htmlFor="filter-to">
              To
            </label>
            <input
              className="nhsuk-input"
              id="filter-to"
              type="date"
              value={filters.to}
              onChange={(event) => setFilters({ ...filters, to: event.target.value })}
            />
          </div>
          <div className="nhsuk-checkboxes nhsuk-checkboxes--small nhsuk-u-margin-bottom-4">
            <div className="nhsuk-checkboxes__item">
              <input
                className="nhsuk-checkboxes__input"
                id="filter-scope"
                type="checkbox"
                checked={!filters.inScopeOnly}
                onChange={(event) => setFilters({ ...filters, inScopeOnly: !event.target.checked })}
              />
              <label className="nhsuk-label nhsuk-checkboxes__label" htmlFor="filter-scope">
                Show messages out of scope
              </label>
            </div>
          </div>
          <h2 className="nhsuk-heading-s">Redact a word or phrase</h2>
          <form
            onSubmit={(event) => {
              event.preventDefault();
              if (!term.trim()) return;
              void addManual({
                action: 'add-term',
                term: term.trim(),
                category: termCategory,
                by: record.officer || 'officer',
                at: nowIso(),
                reason: 'Redact every occurrence',
              });
              setAnnouncement(`Every occurrence of "${term.trim()}" will be redacted.`);
              setTerm('');
            }}
          >
            <div className="nhsuk-form-group">
              <label className="nhsuk-label" htmlFor="term">
                Word or phrase
              </label>
              <div className="nhsuk-hint" id="term-hint">
                Every occurrence in the chat is redacted
              </div>
              <input
                className="nhsuk-input"
                id="term"
                value={term}
                aria-describedby="term-hint"
                onChange={(event) => setTerm(event.target.value)}
              />
            </div>
            <div className="nhsuk-form-group">
              <label className="nhsuk-label" htmlFor="term-category">
                What it is
              </label>
              <select
                className="nhsuk-select app-select-full"
                id="term-category"
                value={termCategory}
                onChange={(event) => setTermCategory(event.target.value as RedactionCategory)}
              >
                {(Object.keys(CATEGORY_LABELS) as RedactionCategory[]).map((category) => (
                  <option key={category} value={category}>
                    {CATEGORY_LABELS[category].name}
                  </option>
                ))}
              </select>
            </div>
            <button type="submit" className="nhsuk-button nhsuk-button--secondary nhsuk-button--small">
              Redact every occurrence
            </button>
          </form>
        </div>
        {/* biome-ignore lint/a11y/noStaticElementInteractions: the review area only listens for its keyboard shortcuts; every action also has a button */}
        <div className="nhsuk-grid-column-three-quarters" onKeyDown={onKeyDown} onMouseUp={captureSelection}>
          <section className="app-toolbar" aria-label="Current redaction">
            {activeProposal && activeStatus ? (
              <>
                <p className="nhsuk-body nhsuk-u-margin-bottom-2">
                  <span className={`app-legend app-legend--${activeProposal.category}`}>
                    {CATEGORY_LABELS[activeProposal.category].name}
                  </span>{' '}
                  <strong>"{activeProposal.text}"</strong> – {statusWords[activeStatus]} – would be withheld under{' '}
                  {activeProposal.exemption}
                  <span className="nhsuk-body-s">
                    {' '}
                    (found by {activeProposal.rule}, confidence {Math.round(activeProposal.confidence * 100)}%)
                  </span>
                </p>
                <div className="app-button-row">
                  <button
                    type="button"
                    className="nhsuk-button nhsuk-button--small"
                    onClick={() => decide('accept', activeProposal)}
                    aria-keyshortcuts="A"
                  >
                    Redact<span className="nhsuk-u-visually-hidden"> "{activeProposal.text}"</span> (A)
                  </button>
                  <button
                    type="button"
                    className="nhsuk-button nhsuk-button--secondary nhsuk-button--small"
                    onClick={() => decide('reject', activeProposal)}
                    aria-keyshortcuts="R"
                  >
                    Keep<span className="nhsuk-u-visually-hidden"> "{activeProposal.text}"</span> (R)
                  </button>
                  <button
                    type="button"
                    className="nhsuk-button nhsuk-button--secondary nhsuk-button--small"
                    onClick={() => {
                      void addManual({
                        action: 'add-term',
                        term: activeProposal.text,
                        category: activeProposal.category,
                        by: record.officer || 'officer',
                        at: nowIso(),
                        reason: 'Redact every occurrence',
                      });
                      setAnnouncement(`Every occurrence of "${activeProposal.text}" will be redacted.`);
                    }}
                  >
                    Redact every occurrence<span className="nhsuk-u-visually-hidden"> of "{activeProposal.text}"</span>
                  </button>
                </div>
              </>
            ) : (
              <p className="nhsuk-body nhsuk-u-margin-bottom-2">
                Choose a highlighted item, or press J to go to the next one to review.
              </p>
            )}
            {selection && (
              <div className="app-button-row">
                <div className="nhsuk-form-group nhsuk-u-margin-bottom-2">
                  <label className="nhsuk-label" htmlFor="selection-category">
                    What "{selection.text.length > 40 ? `${selection.text.slice(0, 40)}…` : selection.text}" is
                  </label>
                  <select
                    className="nhsuk-select"
                    id="selection-category"
                    value={selectionCategory}
                    onChange={(event) => setSelectionCategory(event.target.value as RedactionCategory)}
                  >
                    {(Object.keys(CATEGORY_LABELS) as RedactionCategory[]).map((category) => (
                      <option key={category} value={category}>
                        {CATEGORY_LABELS[category].name}
                      </option>
                    ))}
                  </select>
                </div>
                <button
                  type="button"
                  className="nhsuk-button nhsuk-button--small"
                  onClick={() => {
                    void addManual({
                      action: 'add-span',
                      messageId: selection.messageId,
                      start: selection.start,
                      end: selection.end,
                      category: selectionCategory,
                      by: record.officer || 'officer',
                      at: nowIso(),
                      reason: 'Selected by the officer',
                    });
                    setAnnouncement(`"${selection.text}" will be redacted.`);
                    setSelection(null);
                    window.getSelection()?.removeAllRanges();
                  }}
                >
                  Redact selected text "
                  {selection.text.length > 40 ? `${selection.text.slice(0, 40)}…` : selection.text}"
                </button>
                <button
                  type="button"
                  className="nhsuk-button nhsuk-button--secondary nhsuk-button--small"
                  onClick={() => {
                    void addManual({
                      action: 'add-term',
                      term: selection.text,
                      category: selectionCategory,
                      by: record.officer || 'officer',
                      at: nowIso(),
                      reason: 'Redact every occurrence',
                    });
                    setSelection(null);
                  }}
                >
                  Redact every occurrence of the selected text
                </button>
              </div>
            )}
            <p className="nhsuk-body-s nhsuk-u-margin-bottom-0" id="shortcuts">
              Keyboard: J next, K previous, A redact, R keep, / search. Shortcuts work inside the conversation.
            </p>
          </section>
          <p className="nhsuk-u-visually-hidden" aria-live="polite" data-testid="announcement">
            {announcement}
          </p>
          {titles.length > 0 && (
            <section className="app-titles" aria-label={titles.length > 1 ? 'Chat titles' : 'Chat title'}>
              <p className="nhsuk-body-s nhsuk-u-margin-bottom-1">
                {titles.length > 1 ? 'The chats are titled' : 'The chat is titled'} as below. A title is printed on the
                bundle's cover as what was searched, with the same redactions as the messages: review it too.
              </p>
              {titles.map((title, i) => (
                <ChatMessage
                  key={title.id}
                  message={title}
                  heading={titles.length > 1 ? `Title of conversation ${i + 1}` : 'Chat title'}
                  proposals={byMessage.get(title.id) ?? []}
                  statuses={statuses}
                  active={active}
                  inScope
                  onChoose={(proposal) => setActive(proposal.id)}
                  services={services}
                  attachments={attachments}
                  reasons={reasons}
                  onAttachment={() => undefined}
                />
              ))}
            </section>
          )}
          <p className="nhsuk-body-s nhsuk-u-margin-bottom-1">
            Showing {formatCount(shown.length)} of {countOf(messages.length, 'message')}
          </p>
          <section
            ref={listRef}
            className="app-chat"
            // biome-ignore lint/a11y/noNoninteractiveTabindex: the scrolling conversation must be reachable and scrollable by keyboard (WCAG 2.1.1)
            tabIndex={0}
            aria-label="Conversation"
            aria-describedby="shortcuts"
          >
            <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
              {virtualizer.getVirtualItems().map((item) => {
                const message = messages[shown[item.index] as number] as Message;
                return (
                  <div
                    key={message.id}
                    data-index={item.index}
                    ref={virtualizer.measureElement}
                    className="app-chat__row"
                    style={{ transform: `translateY(${item.start}px)` }}
                  >
                    <ChatMessage
                      message={message}
                      proposals={byMessage.get(message.id) ?? []}
                      statuses={statuses}
                      active={active}
                      inScope={!inScope || inScope.has(message.id)}
                      onChoose={(proposal) => setActive(proposal.id)}
                      services={services}
                      attachments={attachments}
                      reasons={reasons}
                      onAttachment={(decision) =>
                        record_([{ ...decision, by: record.officer || 'officer', at: nowIso() }])
                      }
                    />
                  </div>
                );
              })}
            </div>
          </section>
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

interface ChatMessageProps {
  message: Message;
  /** Shown instead of the author and time (a chat title). */
  heading?: string;
  reasons: readonly WithholdingReason[];
  proposals: readonly Proposal[];
  statuses: ReadonlyMap<string, ProposalStatus>;
  active: string | null;
  inScope: boolean;
  onChoose: (proposal: Proposal) => void;
  services: Services;
  attachments: ReadonlyMap<string, AttachmentChoice>;
  onAttachment: (decision: {
    action: 'withhold-attachment' | 'include-attachment';
    messageId: string;
    fileName: string;
    reason?: string;
    exemption?: string | null;
  }) => void;
}

const ChatMessage = memo(function ChatMessage({
  message,
  heading,
  reasons,
  proposals,
  statuses,
  active,
  inScope,
  onChoose,
  services,
  attachments,
  onAttachment,
}: ChatMessageProps) {
  const segments = segmentText(message.text, proposals);
  const direction = directionOf(message.text);
  return (
    <article
      className={`app-message${message.kind === 'system' && !heading ? ' app-message--system' : ''}${heading ? ' app-message--title' : ''}${inScope ? '' : ' app-message--out'}`}
      aria-label={
        heading ??
        `${message.author ?? 'System'}, ${formatLongDate(message.timestamp.slice(0, 10))} ${timeOf(message.timestamp)}`
      }
    >
      <p className="app-message__meta">
        {heading ? (
          <span className="app-message__author">{heading}</span>
        ) : (
          <>
            <span className="app-message__author" dir="auto">
              {message.author ?? 'System message'}
            </span>{' '}
            <span className="app-message__time">
              {formatLongDate(message.timestamp.slice(0, 10))} {timeOf(message.timestamp)}
            </span>
          </>
        )}
        {!inScope && <span className="app-message__scope"> · out of scope</span>}
        {message.kind === 'deleted' && <span> · deleted</span>}
      </p>
      <p className="app-message__text" data-text-of={message.id} dir={direction}>
        {segments.map((segment) => {
          if (!segment.proposal) return <span key={segment.start}>{segment.text}</span>;
          const proposal = segment.proposal;
          const status = statuses.get(proposal.id) ?? proposal.status;
          return (
            <button
              type="button"
              key={segment.start}
              data-proposal-id={proposal.id}
              className={`app-mark app-mark--${proposal.category} app-mark--${status}${active === proposal.id ? ' app-mark--active' : ''}`}
              dir={directionOf(segment.text) ?? 'ltr'}
              aria-label={proposalLabel(proposal, status)}
              aria-pressed={active === proposal.id}
              onClick={() => onChoose(proposal)}
              onFocus={() => onChoose(proposal)}
            >
              {segment.text}
            </button>
          );
        })}
      </p>
      {message.attachments.map((attachment) => {
        const key = `${message.id}\u0000${attachment.fileName}`;
        const choice = attachments.get(key);
        // Attachments are withheld until the officer includes them (the engine's default: recall first).
        const withheld = choice?.action !== 'include-attachment';
        return (
          <div className="app-attachment" key={attachment.fileName}>
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
                {withheld ? 'If included, this file goes' : 'This file goes'} into the bundle exactly as it was
                exported. Hidden details in it, such as an author's name in a document, are not removed: open it in its
                own application and check it first.
              </p>
            )}
            {attachment.included && (
              <AttachmentControl
                id={`${message.id}-${attachment.fileName}`.replace(/[^\w-]/g, '_')}
                fileName={attachment.fileName}
                reasons={reasons}
                onChange={(nextWithheld, reason) =>
                  onAttachment({
                    action: nextWithheld ? 'withhold-attachment' : 'include-attachment',
                    messageId: message.id,
                    fileName: attachment.fileName,
                    ...(reason ? { reason: reason.title, exemption: reason.code } : {}),
                  })
                }
              />
            )}
          </div>
        );
      })}
    </article>
  );
});

/**
 * Include or withhold one attachment. The reasons are records-policy's for the request type (FOI and SAR lists differ):
 * an exemption, printed with its code, or "outside the scope of the request", which has none.
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

const roleNames: Record<PseudonymRole, string> = {
  staff: 'Staff member',
  patient: 'Patient',
  relative: 'Relative',
  unknown: 'Other person',
};

/**
 * Everyone the disclosure names, with the pseudonym it prints for them: the officer checks each and can change a role
 * (which kind of pseudonym) or write a label of their own. People who wrote in the chat are staff until told otherwise.
 */
function PeoplePanel({
  people,
  onChange,
}: {
  people: readonly PseudonymEntry[];
  onChange: (entry: PseudonymEntry, change: { role?: PseudonymRole; label?: string }) => void;
}) {
  if (people.length === 0) return null;
  return (
    <details className="nhsuk-details app-people">
      <summary className="nhsuk-details__summary">
        <span className="nhsuk-details__summary-text">People and their pseudonyms ({formatCount(people.length)})</span>
      </summary>
      <div className="nhsuk-details__text">
        <p className="nhsuk-body-s">
          Each person is shown in the bundle as below. People who wrote in the chat are staff unless you say otherwise.
        </p>
        <ul className="nhsuk-list app-people__list">
          {people.map((entry, i) => (
            <PersonRow key={entry.person} entry={entry} index={i} onChange={onChange} />
          ))}
        </ul>
      </div>
    </details>
  );
}

function PersonRow({
  entry,
  index,
  onChange,
}: {
  entry: PseudonymEntry;
  index: number;
  onChange: (entry: PseudonymEntry, change: { role?: PseudonymRole; label?: string }) => void;
}) {
  const [label, setLabel] = useState('');
  const name = entry.names[0] ?? entry.person;
  return (
    <li className="app-people__row" data-testid="person">
      <p className="nhsuk-body-s nhsuk-u-margin-bottom-1">
        <strong dir="auto">{name}</strong>
        {entry.names.length > 1 && <span dir="auto"> (also written {entry.names.slice(1, 4).join(', ')})</span>}
        {entry.participant ? ' · wrote in the chat' : ''} · shown as <strong>{entry.shownAs}</strong>
        {entry.keptByName ? ' (name kept)' : ''}
      </p>
      <div className="app-inline-fields">
        <div className="nhsuk-form-group nhsuk-u-margin-bottom-2">
          <label className="nhsuk-label nhsuk-body-s" htmlFor={`person-role-${index}`}>
            Role<span className="nhsuk-u-visually-hidden"> of {name}</span>
          </label>
          <select
            className="nhsuk-select app-select-small"
            id={`person-role-${index}`}
            value={entry.role}
            onChange={(event) => onChange(entry, { role: event.target.value as PseudonymRole })}
          >
            {(Object.keys(roleNames) as PseudonymRole[]).map((role) => (
              <option key={role} value={role}>
                {roleNames[role]}
              </option>
            ))}
          </select>
        </div>
        <form
          className="nhsuk-form-group nhsuk-u-margin-bottom-2"
          onSubmit={(event) => {
            event.preventDefault();
            onChange(entry, { label: label.trim() });
            setLabel('');
          }}
        >
          <label className="nhsuk-label nhsuk-body-s" htmlFor={`person-label-${index}`}>
            Own label<span className="nhsuk-u-visually-hidden"> for {name}</span> (optional)
          </label>
          <input
            className="nhsuk-input nhsuk-input--width-10"
            id={`person-label-${index}`}
            value={label}
            onChange={(event) => setLabel(event.target.value)}
          />{' '}
          <button
            type="submit"
            className="nhsuk-button nhsuk-button--secondary nhsuk-button--small nhsuk-u-margin-bottom-0"
          >
            Use label<span className="nhsuk-u-visually-hidden"> for {name}</span>
          </button>
        </form>
      </div>
    </li>
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
