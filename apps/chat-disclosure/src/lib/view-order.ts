/**
 * The keyboard's order of the proposals the review shows: the chats' titles' first, then those of the rows shown, each
 * message's in text order, of the categories chosen (none chosen: all). J and K step through it, and so does "accept,
 * then on to the next". {@link nextInView} steps from the proposal in focus without listing the view, so the next
 * proposal still to review costs in proportion to how far away it is, not to the 100,000 messages of a cleared search.
 */
import type { Proposal, ProposalStatus, RedactionCategory } from '@im-records/redaction';
import type { ProposalsByMessage } from './review.ts';
import { rowOfMessage } from './search.ts';

/** What the review shows, as the keyboard's order reads it. */
export interface ReviewView {
  /** The chats' titles, shown above the list. */
  titles: readonly { id: string }[];
  /** Every message of the conversation. */
  messages: readonly { id: string }[];
  /** Indexes into `messages` of the rows shown, in the conversation's order. */
  shown: readonly number[];
  /** Each title's proposals in text order, by the title's index. */
  byTitle: ProposalsByMessage;
  /** Each message's proposals in text order, by the message's index. */
  byMessage: ProposalsByMessage;
  /** The categories chosen in the filters (none: all). */
  categories: readonly RedactionCategory[];
}

/** Every proposal in the view, in the keyboard's order: for "redact all still to review in this view". */
export function proposalsInView(view: ReviewView): Proposal[] {
  const { byTitle, shown, byMessage } = view;
  const list: Proposal[] = [];
  const wanted = wantedIn(view);
  for (const inTitle of byTitle) for (const proposal of inTitle ?? []) if (wanted(proposal)) list.push(proposal);
  for (const index of shown) {
    for (const proposal of byMessage[index] ?? []) if (wanted(proposal)) list.push(proposal);
  }
  return list;
}

/**
 * The next proposal in the view whose status (`statusOf`) is `proposed`, after `from` (before it for `-1`), wrapping
 * round and coming back to `from` last; null when none is left. Without `from` (none in focus, or the one in focus not
 * in the view) the search starts at the first proposal (at the last for `-1`). The same answer as looking `from` up
 * in {@link proposalsInView} and stepping with `nextToReview`, found by walking out from `from`'s row: `messageIndex`
 * gives its message's place in the conversation, and a binary search its row.
 */
export function nextInView(
  view: ReviewView,
  from: Proposal | undefined,
  statusOf: (proposal: Proposal) => ProposalStatus,
  direction: 1 | -1,
  messageIndex: () => ReadonlyMap<string, number>,
): Proposal | null {
  const { titles, shown, byTitle, byMessage } = view;
  // A slot is a message in view: the titles' slots first, then the rows'.
  const slots = titles.length + shown.length;
  if (slots === 0) return null;
  const wanted = wantedIn(view);
  const proposalsAt = (slot: number): readonly Proposal[] =>
    (slot < titles.length ? byTitle[slot] : byMessage[shown[slot - titles.length] as number]) ?? [];
  const pending = (proposal: Proposal) => wanted(proposal) && statusOf(proposal) === 'proposed';
  /** The first pending proposal of `list` in the direction of travel, from place `first` to place `last` inclusive. */
  const pendingBetween = (list: readonly Proposal[], first: number, last: number): Proposal | null => {
    for (let at = first; direction === 1 ? at <= last : at >= last; at += direction) {
      const proposal = list[at] as Proposal;
      if (pending(proposal)) return proposal;
    }
    return null;
  };
  const start = from && wanted(from) ? slotOf(view, from, messageIndex) : undefined;
  if (start === undefined) {
    for (let step = 0; step < slots; step++) {
      const list = proposalsAt(direction === 1 ? step : slots - 1 - step);
      const found =
        direction === 1 ? pendingBetween(list, 0, list.length - 1) : pendingBetween(list, list.length - 1, 0);
      if (found) return found;
    }
    return null;
  }
  // The rest of `from`'s message, every other slot round the view, then `from`'s message up to `from` itself.
  const own = proposalsAt(start.slot);
  const after = pendingBetween(own, start.place + direction, direction === 1 ? own.length - 1 : 0);
  if (after) return after;
  for (let step = 1; step < slots; step++) {
    const list = proposalsAt((((start.slot + direction * step) % slots) + slots) % slots);
    const found = direction === 1 ? pendingBetween(list, 0, list.length - 1) : pendingBetween(list, list.length - 1, 0);
    if (found) return found;
  }
  return pendingBetween(own, direction === 1 ? 0 : own.length - 1, start.place);
}

/** Whether a proposal is of the categories chosen. */
function wantedIn(view: ReviewView): (proposal: Proposal) => boolean {
  const { categories } = view;
  return (proposal) => categories.length === 0 || categories.includes(proposal.category);
}

/** Where `proposal` is in the view: its message's slot and its place among that message's proposals. */
function slotOf(
  view: ReviewView,
  proposal: Proposal,
  messageIndex: () => ReadonlyMap<string, number>,
): { slot: number; place: number } | undefined {
  const { titles, shown, byTitle, byMessage } = view;
  const placeIn = (list: readonly Proposal[] | undefined) =>
    (list ?? []).findIndex((candidate) => candidate.id === proposal.id);
  const title = titles.findIndex((candidate) => candidate.id === proposal.messageId);
  if (title !== -1) {
    const place = placeIn(byTitle[title]);
    return place === -1 ? undefined : { slot: title, place };
  }
  const index = messageIndex().get(proposal.messageId);
  if (index === undefined) return undefined;
  const place = placeIn(byMessage[index]);
  const row = place === -1 ? undefined : rowOfMessage(shown, index);
  return row === undefined ? undefined : { slot: titles.length + row, place };
}
