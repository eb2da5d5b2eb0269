/**
 * The review's filters: search (in the worker's index), status, category (with counts still to review), participant,
 * dates, and whether messages out of scope are shown. They narrow the list and the J/K loop alike.
 */
import { CATEGORY_LABELS, type RedactionCategory } from '@im-records/redaction';
import type { RefObject } from 'react';
import type { ReviewFilters } from '../../lib/review.ts';
import { countOf, formatCount } from '../ui.tsx';
import { SearchBox } from './SearchBox.tsx';

export interface FiltersProps {
  filters: ReviewFilters;
  onFilters: (filters: ReviewFilters) => void;
  /** Called with the query after a pause in typing ('' once the box is emptied). */
  onQuery: (query: string) => void;
  /** The search box, which "/" focuses. */
  searchRef: RefObject<HTMLInputElement | null>;
  searchHits: { ids: ReadonlySet<string>; ms: number } | null;
  /** The categories the proposals have, with how many of each are still to review. */
  categories: readonly { category: RedactionCategory; toReview: number }[];
  participants: readonly string[];
}

export function Filters({
  filters,
  onFilters,
  onQuery,
  searchRef,
  searchHits,
  categories,
  participants,
}: FiltersProps) {
  const set = (change: Partial<ReviewFilters>) => onFilters({ ...filters, ...change });
  const toggleCategory = (category: RedactionCategory, on: boolean) =>
    set({
      categories: on ? [...filters.categories, category] : filters.categories.filter((c) => c !== category),
    });
  return (
    <>
      <h2 className="nhsuk-heading-s">Filters</h2>
      <div className="nhsuk-form-group">
        <label className="nhsuk-label" htmlFor="search">
          Search messages
        </label>
        <div className="nhsuk-hint" id="search-hint">
          Press / to jump here
        </div>
        <SearchBox onQuery={onQuery} searchRef={searchRef} />
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
          onChange={(event) => set({ status: event.target.value as ReviewFilters['status'] })}
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
            {categories.map(({ category, toReview }) => (
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
                  {CATEGORY_LABELS[category].name} ({formatCount(toReview)} to review)
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
          onChange={(event) => set({ participant: event.target.value })}
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
          onChange={(event) => set({ from: event.target.value })}
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
          onChange={(event) => set({ to: event.target.value })}
        />
      </div>
      <div className="nhsuk-checkboxes nhsuk-checkboxes--small nhsuk-u-margin-bottom-4">
        <div className="nhsuk-checkboxes__item">
          <input
            className="nhsuk-checkboxes__input"
            id="filter-scope"
            type="checkbox"
            checked={!filters.inScopeOnly}
            onChange={(event) => set({ inScopeOnly: !event.target.checked })}
          />
          <label className="nhsuk-label nhsuk-checkboxes__label" htmlFor="filter-scope">
            Show messages out of scope
          </label>
        </div>
      </div>
    </>
  );
}
