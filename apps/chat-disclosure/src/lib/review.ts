/**
 * Pure review logic: the status of every proposal after the officer's decisions, the filters of the review screen and the
 * accept/reject loop's "next one to review". Kept apart from React so it is unit-tested and fast on 100k messages.
 */
import {
  countRedactions,
  type Decision,
  type Proposal,
  type ProposalStatus,
  type RedactionCategory,
} from '@im-records/redaction';
import { messagePlaces } from './compact.ts';

/** The minimum of a message the filters need. */
export interface FilterableMessage {
  id: string;
  author: string | null;
  timestamp: string;
}

/** The review screen's filters; empty values mean "any". */
export interface ReviewFilters {
  categories: RedactionCategory[];
  participant: string;
  from: string;
  to: string;
  status: 'all' | 'proposed' | 'accepted' | 'rejected' | 'any-proposal';
  /** Only messages in scope (the default); off to see the whole chat. */
  inScopeOnly: boolean;
}

/** Filters that show everything in scope. */
export const noFilters: ReviewFilters = {
  categories: [],
  participant: '',
  from: '',
  to: '',
  status: 'all',
  inScopeOnly: true,
};

/**
 * The statuses the officer's decisions give, by proposal id. Only proposals decided are in it: any other keeps its own
 * status from detection (read a proposal's status with {@link statusOf}). The latest decision wins, so changing one's
 * mind is just another decision in the log. A group decision (`accept-group`, `reject-group`: a name the consistency
 * pass carried through the chat) decides every proposal of its group (`members`, from {@link indexProposals}), as the
 * engine's `applyDecisions` does. Built from the log alone, so a decision costs a pass over the decisions, not over
 * every proposal: opening the review, with no decisions yet, builds an empty map.
 */
export function decidedStatuses(
  decisions: readonly Decision[],
  members: ReadonlyMap<string, readonly Proposal[]>,
): Map<string, ProposalStatus> {
  const statuses = new Map<string, ProposalStatus>();
  for (const decision of decisions) {
    if (decision.action === 'accept' || decision.action === 'reject') {
      statuses.set(decision.proposalId, decision.action === 'accept' ? 'accepted' : 'rejected');
    } else if (decision.action === 'accept-group' || decision.action === 'reject-group') {
      const status = decision.action === 'accept-group' ? 'accepted' : 'rejected';
      for (const proposal of members.get(decision.group) ?? []) statuses.set(proposal.id, status);
    }
  }
  return statuses;
}

/**
 * A proposal's status now: the officer's decision ({@link decidedStatuses}), else its own from detection. With no
 * decisions (a review just opened) no id is looked up: the counts of 100,000 proposals then hash none of their ids.
 */
export const statusOf = (proposal: Proposal, decided: ReadonlyMap<string, ProposalStatus>): ProposalStatus =>
  decided.size === 0 ? proposal.status : (decided.get(proposal.id) ?? proposal.status);

/** Proposals by message: each message's in text order, at the message's index (none: undefined). */
export type ProposalsByMessage = readonly (readonly Proposal[] | undefined)[];

/** The proposals indexed for the review, in one pass: by title, by message, and by group. */
export interface ProposalIndex {
  /** Each chat title's proposals, by the title's index in `titles`. */
  byTitle: ProposalsByMessage;
  /** Each message's proposals, by the message's index in `messages`: for highlighting, filtering and counting. */
  byMessage: ProposalsByMessage;
  /** Each group's proposals (by group id): the places a name was carried to, decided at once. */
  members: Map<string, Proposal[]>;
}

/**
 * Indexes `proposals` by title, by message (each message's in text order) and by group, in one pass. `places` gives
 * each proposal's message by its place in the chat, titles first (`compact.ts`): arrays by place, not maps by id, so
 * opening the review at 100,000 messages hashes no message id.
 */
export function indexProposals(
  proposals: readonly Proposal[],
  places: ArrayLike<number>,
  chat: { titles: number; messages: number },
): ProposalIndex {
  const byPlace: (Proposal[] | undefined)[] = new Array(chat.titles + chat.messages);
  const members = new Map<string, Proposal[]>();
  for (let i = 0; i < proposals.length; i++) {
    const proposal = proposals[i] as Proposal;
    const place = places[i] as number;
    const inMessage = byPlace[place];
    if (inMessage) inMessage.push(proposal);
    else byPlace[place] = [proposal];
    if (proposal.group === undefined) continue;
    const inGroup = members.get(proposal.group);
    if (inGroup) inGroup.push(proposal);
    else members.set(proposal.group, [proposal]);
  }
  // Text order, ties (one span, two categories) by id: the same whatever order the proposals came in (detection's on
  // opening, `applyDecisions`' after a decision).
  for (const inMessage of byPlace) {
    if (inMessage && inMessage.length > 1) {
      inMessage.sort((a, b) => a.start - b.start || b.end - a.end || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    }
  }
  return { byTitle: byPlace.slice(0, chat.titles), byMessage: byPlace.slice(chat.titles), members };
}

/**
 * {@link indexProposals} for proposals that come without their messages' places (tests, and anything not from the
 * case worker): each message is found by id in `titles`, then `messages`.
 */
export function indexProposalsOf(
  proposals: readonly Proposal[],
  chat: { titles: readonly { id: string }[]; messages: readonly { id: string }[] },
): ProposalIndex {
  const places = messagePlaces([...chat.titles, ...chat.messages]);
  const placed = Uint32Array.from(proposals, (proposal) => {
    const place = places.get(proposal.messageId);
    if (place === undefined) throw new RangeError(`Message ${proposal.messageId} is not in the chat.`);
    return place;
  });
  return indexProposals(proposals, placed, { titles: chat.titles.length, messages: chat.messages.length });
}

/** The local calendar day of an ISO timestamp (its first ten characters carry the local date). */
export const dayOf = (timestamp: string): string => timestamp.slice(0, 10);

/**
 * Indexes of the messages the review list shows. `searchHits` (message ids) narrows further when a search is active;
 * `inScope` says for each message, by index, whether it is in scope (null when everything is in scope).
 */
export function filterMessages(
  messages: readonly FilterableMessage[],
  byMessage: ProposalsByMessage,
  statuses: ReadonlyMap<string, ProposalStatus>,
  filters: ReviewFilters,
  inScope: ArrayLike<number> | null,
  searchHits: ReadonlySet<string> | null,
): number[] {
  const shown: number[] = [];
  const wantCategories = filters.categories.length > 0 ? new Set(filters.categories) : null;
  const needsProposal = wantCategories !== null || filters.status !== 'all';
  for (let index = 0; index < messages.length; index++) {
    const message = messages[index] as FilterableMessage;
    if (filters.inScopeOnly && inScope && !inScope[index]) continue;
    if (searchHits && !searchHits.has(message.id)) continue;
    if (filters.participant && message.author !== filters.participant) continue;
    if (filters.from || filters.to) {
      const day = dayOf(message.timestamp);
      if (filters.from && day < filters.from) continue;
      if (filters.to && day > filters.to) continue;
    }
    if (needsProposal) {
      const proposals = byMessage[index] ?? [];
      const match = proposals.some(
        (proposal) =>
          (!wantCategories || wantCategories.has(proposal.category)) &&
          (filters.status === 'all' ||
            filters.status === 'any-proposal' ||
            statusOf(proposal, statuses) === filters.status),
      );
      if (!match) continue;
    }
    shown.push(index);
  }
  return shown;
}

/** Counts for the "still to review" panel. */
export interface ReviewCounts {
  /**
   * Redactions the bundle will print, by the one definition the bundle and case file use (redaction's
   * `countRedactions`: a box per withheld run, the parts of a name written together one box); proposals not yet
   * reviewed count, as they are withheld. Only when message texts are given; else 0.
   */
  redactions: number;
  total: number;
  proposed: number;
  accepted: number;
  rejected: number;
  byCategory: Partial<Record<RedactionCategory, { total: number; proposed: number }>>;
}

/** A message as the counts read it: its text, when given, for the number of redactions. */
export interface CountedMessage {
  id: string;
  text?: string;
}

/**
 * Counts of proposals by status and category, over the chats' titles and the messages in scope (`inScope`, by index;
 * every message when null). Walks the messages, reading each one's proposals at its index (already in text order), so
 * it needs no map of the messages by id and no second grouping of the proposals.
 */
export function reviewCounts(
  chat: {
    titles: readonly CountedMessage[];
    messages: readonly CountedMessage[];
    inScope: ArrayLike<number> | null;
  },
  proposals: Pick<ProposalIndex, 'byTitle' | 'byMessage'>,
  statuses: ReadonlyMap<string, ProposalStatus>,
): ReviewCounts {
  const counts: ReviewCounts = { redactions: 0, total: 0, proposed: 0, accepted: 0, rejected: 0, byCategory: {} };
  const count = (message: CountedMessage, proposals: readonly Proposal[] | undefined) => {
    if (!proposals) return;
    const withheld: Proposal[] = [];
    for (const proposal of proposals) {
      const status = statusOf(proposal, statuses);
      if (status !== 'rejected') withheld.push(proposal);
      counts.total++;
      counts[status]++;
      const category = counts.byCategory[proposal.category] ?? { total: 0, proposed: 0 };
      counts.byCategory[proposal.category] = category;
      category.total++;
      if (status === 'proposed') category.proposed++;
    }
    if (message.text !== undefined) counts.redactions += countRedactions(message.text, withheld);
  };
  const { titles, messages, inScope } = chat;
  for (let index = 0; index < titles.length; index++) count(titles[index] as CountedMessage, proposals.byTitle[index]);
  for (let index = 0; index < messages.length; index++) {
    if (!inScope || inScope[index]) count(messages[index] as CountedMessage, proposals.byMessage[index]);
  }
  return counts;
}

/**
 * How many of the proposals the review shows are still to review (the "redact all still to review in this view"
 * button). When the view is every message in scope — no search, and no participant, date or status filter that leaves
 * out a message with a proposal still to review — that is already in `counts` (by category when categories are
 * chosen), which saves a pass over 100,000 messages each time a search is cleared; otherwise the proposals shown are
 * counted. `shownProposals` gives the proposals shown (the chats' titles' and the rows', of the chosen categories).
 */
export function pendingInView(
  view: { filters: ReviewFilters; searching: boolean; scoped: boolean },
  counts: ReviewCounts,
  shownProposals: () => readonly Proposal[],
  statuses: ReadonlyMap<string, ProposalStatus>,
): number {
  const { filters, searching, scoped } = view;
  const wholeScope =
    !searching &&
    !filters.participant &&
    !filters.from &&
    !filters.to &&
    filters.status !== 'accepted' &&
    filters.status !== 'rejected' &&
    (filters.inScopeOnly || !scoped);
  if (wholeScope) {
    if (filters.categories.length === 0) return counts.proposed;
    let pending = 0;
    for (const category of new Set(filters.categories)) pending += counts.byCategory[category]?.proposed ?? 0;
    return pending;
  }
  let pending = 0;
  for (const proposal of shownProposals()) if (statusOf(proposal, statuses) === 'proposed') pending++;
  return pending;
}

/**
 * The next proposal still to review after (or before, for `-1`) position `from` in `ordered`, wrapping round; `null`
 * when none is left. Drives the keyboard loop: accept or reject, then straight on to the next.
 */
export function nextToReview(
  ordered: readonly Proposal[],
  from: number,
  statuses: ReadonlyMap<string, ProposalStatus>,
  direction: 1 | -1 = 1,
): number | null {
  const n = ordered.length;
  for (let step = 1; step <= n; step++) {
    const index = (((from + direction * step) % n) + n) % n;
    const proposal = ordered[index] as Proposal;
    if (statusOf(proposal, statuses) === 'proposed') return index;
  }
  return null;
}

/** Splits a message's text into plain runs and proposal runs for highlighting; overlapping proposals are nested out. */
export function segmentText(
  text: string,
  proposals: readonly Proposal[],
): { text: string; proposal?: Proposal; start: number }[] {
  const segments: { text: string; proposal?: Proposal; start: number }[] = [];
  let at = 0;
  for (const proposal of proposals) {
    if (proposal.start < at || proposal.end > text.length || proposal.end <= proposal.start) continue;
    if (proposal.start > at) segments.push({ text: text.slice(at, proposal.start), start: at });
    segments.push({ text: text.slice(proposal.start, proposal.end), proposal, start: proposal.start });
    at = proposal.end;
  }
  if (at < text.length) segments.push({ text: text.slice(at), start: at });
  return segments;
}
