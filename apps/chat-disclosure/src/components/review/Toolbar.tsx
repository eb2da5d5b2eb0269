/**
 * The review's toolbar, kept in view: the proposal in focus (what it is, its status, why it would be withheld, what it
 * was found as, in words and by rule) with Redact (A), Keep (R) and "Redact every occurrence" — and, for a place a name
 * was carried to, what it is one of, with buttons to keep or redact all its group's places with one decision; and, when
 * text is selected in a message, what it is and the buttons to redact it there or everywhere.
 */
import {
  CATEGORY_LABELS,
  describeRule,
  type Proposal,
  type ProposalGroup,
  type ProposalStatus,
  type RedactionCategory,
} from '@im-records/redaction';
import { useRef } from 'react';
import { CategoryOptions } from './CategoryOptions.tsx';
import { carriedWords, shortText, statusWords } from './labels.ts';
import type { GroupAction } from './NameGroups.tsx';
import type { TextSelection } from './useTextSelection.ts';
import { useToolbarClearance } from './useToolbarClearance.ts';

export interface ToolbarProps {
  /** The proposal in focus and its status, if any. */
  active: { proposal: Proposal; status: ProposalStatus } | undefined;
  onDecide: (action: 'accept' | 'reject', proposal: Proposal) => void;
  /** The group of the proposal in focus, when it is a place a name was carried to. */
  activeGroup: ProposalGroup | undefined;
  /** Decides every place of a group with one decision. */
  onDecideGroup: (action: GroupAction, group: ProposalGroup) => void;
  /** Redacts every occurrence of a text, as a category. */
  onRedactEverywhere: (text: string, category: RedactionCategory) => void;
  selection: TextSelection | null;
  selectionCategory: RedactionCategory;
  onSelectionCategory: (category: RedactionCategory) => void;
  onRedactSelection: (selection: TextSelection, category: RedactionCategory) => void;
  onRedactSelectionEverywhere: (selection: TextSelection, category: RedactionCategory) => void;
}

export function Toolbar({
  active,
  onDecide,
  activeGroup,
  onDecideGroup,
  onRedactEverywhere,
  selection,
  selectionCategory,
  onSelectionCategory,
  onRedactSelection,
  onRedactSelectionEverywhere,
}: ToolbarProps) {
  const toolbarRef = useRef<HTMLElement>(null);
  useToolbarClearance(toolbarRef);
  return (
    <section ref={toolbarRef} className="app-toolbar" aria-label="Current redaction">
      {active ? (
        <>
          <p className="nhsuk-body nhsuk-u-margin-bottom-2">
            <span className={`app-legend app-legend--${active.proposal.category}`}>
              {CATEGORY_LABELS[active.proposal.category].name}
            </span>{' '}
            <strong>"{active.proposal.text}"</strong> – {statusWords[active.status]} – would be withheld under{' '}
            {active.proposal.exemption}
          </p>
          <p className="nhsuk-body-s nhsuk-u-margin-bottom-2">
            Found as {describeRule(active.proposal.rule)}. Rule {active.proposal.rule}, confidence{' '}
            {Math.round(active.proposal.confidence * 100)}%.
          </p>
          <div className="app-button-row">
            <button
              type="button"
              className="nhsuk-button nhsuk-button--small"
              onClick={() => onDecide('accept', active.proposal)}
              aria-keyshortcuts="A"
            >
              Redact<span className="nhsuk-u-visually-hidden"> "{active.proposal.text}"</span> (A)
            </button>
            <button
              type="button"
              className="nhsuk-button nhsuk-button--secondary nhsuk-button--small"
              onClick={() => onDecide('reject', active.proposal)}
              aria-keyshortcuts="R"
            >
              Keep<span className="nhsuk-u-visually-hidden"> "{active.proposal.text}"</span> (R)
            </button>
            <button
              type="button"
              className="nhsuk-button nhsuk-button--secondary nhsuk-button--small"
              onClick={() => onRedactEverywhere(active.proposal.text, active.proposal.category)}
            >
              Redact every occurrence<span className="nhsuk-u-visually-hidden"> of "{active.proposal.text}"</span>
            </button>
          </div>
          {activeGroup && (
            <div className="app-toolbar__group" data-testid="active-group">
              <p className="nhsuk-body-s nhsuk-u-margin-bottom-1">
                Carried through the chat: <strong dir="auto">"{activeGroup.text}"</strong> is{' '}
                {carriedWords(activeGroup)}.
              </p>
              <div className="app-button-row">
                <button
                  type="button"
                  className="nhsuk-button nhsuk-button--secondary nhsuk-button--small"
                  onClick={() => onDecideGroup('reject', activeGroup)}
                >
                  Keep all {activeGroup.proposalIds.length.toLocaleString('en-GB')}
                  <span className="nhsuk-u-visually-hidden"> places of "{activeGroup.text}"</span>
                </button>
                <button
                  type="button"
                  className="nhsuk-button nhsuk-button--secondary nhsuk-button--small"
                  onClick={() => onDecideGroup('accept', activeGroup)}
                >
                  Redact all {activeGroup.proposalIds.length.toLocaleString('en-GB')}
                  <span className="nhsuk-u-visually-hidden"> places of "{activeGroup.text}"</span>
                </button>
              </div>
            </div>
          )}
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
              What "{shortText(selection.text)}" is
            </label>
            <select
              className="nhsuk-select"
              id="selection-category"
              value={selectionCategory}
              onChange={(event) => onSelectionCategory(event.target.value as RedactionCategory)}
            >
              <CategoryOptions />
            </select>
          </div>
          <button
            type="button"
            className="nhsuk-button nhsuk-button--small"
            onClick={() => onRedactSelection(selection, selectionCategory)}
          >
            Redact selected text "{shortText(selection.text)}"
          </button>
          <button
            type="button"
            className="nhsuk-button nhsuk-button--secondary nhsuk-button--small"
            onClick={() => onRedactSelectionEverywhere(selection, selectionCategory)}
          >
            Redact every occurrence of the selected text
          </button>
        </div>
      )}
      <p className="nhsuk-body-s nhsuk-u-margin-bottom-0" id="shortcuts">
        Keyboard: J next, K previous, A redact, R keep, / search. Shortcuts work inside the conversation.
      </p>
    </section>
  );
}
