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
 * Status of each proposal: its own status from detection unless the officer decided otherwise; the latest decision wins,
 * so changing one's mind is just another decision in the log. A group decision (`accept-group`, `reject-group`: a name
 * the consistency pass carried through the chat) decides every proposal of its group, as the engine's `applyDecisions`
 * does.
 */
export function statusesAfter(
  proposals: readonly Proposal[],
  decisions: readonly Decision[],
): Map<string, ProposalStatus> {
  const statuses = new Map<string, ProposalStatus>();
  for (const proposal of proposals) statuses.set(proposal.id, proposal.status);
  let members: Map<string, string[]> | undefined;
  for (const decision of decisions) {
    if ((decision.action === 'accept' || decision.action === 'reject') && statuses.has(decision.proposalId)) {
      statuses.set(decision.proposalId, decision.action === 'accept' ? 'accepted' : 'rejected');
    } else if (decision.action === 'accept-group' || decision.action === 'reject-group') {
      members ??= groupMembers(proposals);
      const status = decision.action === 'accept-group' ? 'accepted' : 'rejected';
      for (const id of members.get(decision.group) ?? []) statuses.set(id, status);
    }
  }
  return statuses;
}

/** The ids of each group's proposals, by group id. */
function groupMembers(proposals: readonly Proposal[]): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const proposal of proposals) {
    if (proposal.group === undefined) continue;
    const list = out.get(proposal.group);
    if (list) list.push(proposal.id);
    else out.set(proposal.group, [proposal.id]);
  }
  return out;
}

/** Proposals grouped by message id, each group in text order, for highlighting. */
export function proposalsByMessage(proposals: readonly Proposal[]): Map<string, Proposal[]> {
  const byMessage = new Map<string, Proposal[]>();
  for (const proposal of proposals) {
    const group = byMessage.get(proposal.messageId);
    if (group) group.push(proposal);
    else byMessage.set(proposal.messageId, [proposal]);
  }
  for (const group of byMessage.values()) group.sort((a, b) => a.start - b.start || b.end - a.end);
  return byMessage;
}

/** The local calendar day of an ISO timestamp (its first ten characters carry the local date). */
export const dayOf = (timestamp: string): string => timestamp.slice(0, 10);

/**
 * Indexes of the messages the review list shows. `searchHits` (message ids) narrows further when a search is active;
 * `inScope` is the set of in-scope message ids (null when everything is in scope).
 */
export function filterMessages(
  messages: readonly FilterableMessage[],
  byMessage: ReadonlyMap<string, readonly Proposal[]>,
  statuses: ReadonlyMap<string, ProposalStatus>,
  filters: ReviewFilters,
  inScope: ReadonlySet<string> | null,
  searchHits: ReadonlySet<string> | null,
): number[] {
  const shown: number[] = [];
  const wantCategories = filters.categories.length > 0 ? new Set(filters.categories) : null;
  const needsProposal = wantCategories !== null || filters.status !== 'all';
  for (let index = 0; index < messages.length; index++) {
    const message = messages[index] as FilterableMessage;
    if (filters.inScopeOnly && inScope && !inScope.has(message.id)) continue;
    if (searchHits && !searchHits.has(message.id)) continue;
    if (filters.participant && message.author !== filters.participant) continue;
    if (filters.from || filters.to) {
      const day = dayOf(message.timestamp);
      if (filters.from && day < filters.from) continue;
      if (filters.to && day > filters.to) continue;
    }
    if (needsProposal) {
      const proposals = byMessage.get(message.id) ?? [];
      const match = proposals.some(
        (proposal) =>
          (!wantCategories || wantCategories.has(proposal.category)) &&
          (filters.status === 'all' ||
            filters.status === 'any-proposal' ||
            statuses.get(proposal.id) === filters.status),
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

/** Counts of proposals by status and category, over the in-scope messages only when `inScope` is given. */
export function reviewCounts(
  proposals: readonly Proposal[],
  statuses: ReadonlyMap<string, ProposalStatus>,
  inScope: Pick<ReadonlySet<string>, 'has'> | null,
  textOf?: (messageId: string) => string | undefined,
): ReviewCounts {
  const counts: ReviewCounts = { redactions: 0, total: 0, proposed: 0, accepted: 0, rejected: 0, byCategory: {} };
  const withheld = new Map<string, Proposal[]>();
  for (const proposal of proposals) {
    if (inScope && !inScope.has(proposal.messageId)) continue;
    const status = statuses.get(proposal.id) ?? proposal.status;
    if (status !== 'rejected') {
      const group = withheld.get(proposal.messageId);
      if (group) group.push(proposal);
      else withheld.set(proposal.messageId, [proposal]);
    }
    counts.total++;
    counts[status]++;
    const category = counts.byCategory[proposal.category] ?? { total: 0, proposed: 0 };
    counts.byCategory[proposal.category] = category;
    category.total++;
    if (status === 'proposed') category.proposed++;
  }
  if (textOf) {
    for (const [messageId, group] of withheld) {
      const text = textOf(messageId);
      if (text !== undefined) counts.redactions += countRedactions(text, group);
    }
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
  for (const proposal of shownProposals()) if ((statuses.get(proposal.id) ?? proposal.status) === 'proposed') pending++;
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
    if ((statuses.get(proposal.id) ?? proposal.status) === 'proposed') return index;
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
