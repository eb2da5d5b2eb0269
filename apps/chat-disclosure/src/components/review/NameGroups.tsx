/**
 * "Names carried through the chat": each name the consistency pass carried from one find to its other uses ("'Best' —
 * 37 places, from one find"), with how many are still to review and buttons that redact or keep all of them with one
 * group decision. One wrong guess carried through a chat is cleared with one click instead of 37; "Show the find"
 * moves to the proposal the group rests on, which is decided on its own. On a phone the list waits behind a button (as
 * the filters do), so the conversation is not pushed a screen or more down by rows of full-width buttons; the toolbar
 * still offers the chosen place's group.
 */
import type { Proposal, ProposalGroup, ProposalStatus } from '@im-records/redaction';
import { useState } from 'react';
import { statusOf } from '../../lib/review.ts';
import { countOf, formatCount, PhoneFoldToggle, phoneFolded } from '../ui.tsx';

/** How many groups are listed before "Show all". */
const FIRST_SHOWN = 8;

/** A group decision as the panel and the toolbar ask for it. */
export type GroupAction = 'accept' | 'reject';

/** How many of a group's proposals (`members`) are in each status now (the officer's decisions included). */
export function groupStatuses(
  members: readonly Proposal[],
  statuses: ReadonlyMap<string, ProposalStatus>,
): Record<ProposalStatus, number> {
  const out: Record<ProposalStatus, number> = { proposed: 0, accepted: 0, rejected: 0 };
  for (const proposal of members) out[statusOf(proposal, statuses)]++;
  return out;
}

/** The state of a group in words: "4 to review", "all 4 kept", "2 to review · 1 redacted · 1 kept". */
export function groupStateWords(counts: Record<ProposalStatus, number>): string {
  const total = counts.proposed + counts.accepted + counts.rejected;
  if (counts.rejected === total) return total === 1 ? 'kept' : `all ${formatCount(total)} kept`;
  if (counts.accepted === total) return total === 1 ? 'redacted' : `all ${formatCount(total)} redacted`;
  const parts: string[] = [];
  if (counts.proposed) parts.push(`${formatCount(counts.proposed)} to review`);
  if (counts.accepted) parts.push(`${formatCount(counts.accepted)} redacted`);
  if (counts.rejected) parts.push(`${formatCount(counts.rejected)} kept`);
  return parts.join(' · ');
}

export interface NameGroupsProps {
  groups: readonly ProposalGroup[];
  /** Whether the groups are still being worked out (just after the review opens, or after the proposals change). */
  pending?: boolean;
  /** Each group's proposals, by group id. */
  members: ReadonlyMap<string, readonly Proposal[]>;
  /** The officer's decisions' statuses (`decidedStatuses`). */
  statuses: ReadonlyMap<string, ProposalStatus>;
  onDecideGroup: (action: GroupAction, group: ProposalGroup) => void;
  /** Moves the review to a proposal (the find a group rests on). */
  onShow: (proposal: Proposal) => void;
}

export function NameGroups({ groups, pending, members, statuses, onDecideGroup, onShow }: NameGroupsProps) {
  const [all, setAll] = useState(false);
  /** Whether the list is shown on a phone (wider screens always show it). */
  const [open, setOpen] = useState(false);
  if (groups.length === 0) {
    return pending ? (
      <p className="nhsuk-body-s" role="status" data-testid="name-groups-pending">
        Finding the names carried through the chat…
      </p>
    ) : null;
  }
  const listed = all ? groups : groups.slice(0, FIRST_SHOWN);
  return (
    <section className="app-name-groups" aria-labelledby="name-groups-heading" data-testid="name-groups">
      <h2 className="nhsuk-heading-s nhsuk-u-margin-bottom-2" id="name-groups-heading">
        Names carried through the chat ({formatCount(groups.length)})
      </h2>
      <PhoneFoldToggle
        open={open}
        controls="name-groups-body"
        onToggle={() => setOpen(!open)}
        show="Show the names"
        hide="Hide the names"
      />
      <div className={phoneFolded(open)} id="name-groups-body">
        <p className="nhsuk-body-s nhsuk-u-margin-bottom-2">
          A name found once is also proposed wherever else the chat uses it. If the first find was wrong, keep all its
          places at once. In the conversation, a carried place still to review has a double underline.
        </p>
        <ul className="nhsuk-list app-name-groups__list">
          {listed.map((group) => {
            const counts = groupStatuses(members.get(group.id) ?? [], statuses);
            const places = group.proposalIds.length;
            return (
              <li key={group.id} className="app-name-groups__row" data-testid="name-group" data-group={group.id}>
                <p className="nhsuk-body-s nhsuk-u-margin-bottom-1">
                  <strong dir="auto">{group.text}</strong> — {countOf(places, 'place')}, from one find
                  {!group.originProposal && ' (a name the chat confirms, such as someone who wrote in it)'} ·{' '}
                  <span data-testid="name-group-state">{groupStateWords(counts)}</span>
                </p>
                <div className="app-button-row">
                  {group.originProposal && (
                    <button
                      type="button"
                      className="nhsuk-button nhsuk-button--secondary nhsuk-button--small nhsuk-u-margin-bottom-1"
                      onClick={() => onShow(group.originProposal as Proposal)}
                    >
                      Show the find<span className="nhsuk-u-visually-hidden"> of "{group.text}"</span>
                    </button>
                  )}
                  <button
                    type="button"
                    className="nhsuk-button nhsuk-button--secondary nhsuk-button--small nhsuk-u-margin-bottom-1"
                    disabled={counts.rejected === places}
                    onClick={() => onDecideGroup('reject', group)}
                  >
                    Keep all {formatCount(places)}
                    <span className="nhsuk-u-visually-hidden"> places of "{group.text}"</span>
                  </button>
                  <button
                    type="button"
                    className="nhsuk-button nhsuk-button--small nhsuk-u-margin-bottom-1"
                    disabled={counts.accepted === places}
                    onClick={() => onDecideGroup('accept', group)}
                  >
                    Redact all {formatCount(places)}
                    <span className="nhsuk-u-visually-hidden"> places of "{group.text}"</span>
                  </button>
                </div>
              </li>
            );
          })}
        </ul>
        {groups.length > FIRST_SHOWN && (
          <button
            type="button"
            className="nhsuk-button nhsuk-button--secondary nhsuk-button--small"
            onClick={() => setAll(!all)}
          >
            {all ? `Show the ${FIRST_SHOWN} largest only` : `Show all ${formatCount(groups.length)} names`}
          </button>
        )}
      </div>
    </section>
  );
}
