/**
 * Grouped proposals for review: the uses of a name that the consistency pass carried through a chat from one find
 * share a group, so the review screen can show "'Best' — 37 places, from one find" and decide them with one
 * `accept-group` or `reject-group` decision instead of 37.
 */
import { byPosition } from './decisions.ts';
import type { Proposal, ProposalStatus } from './types.ts';

/** One group of proposals that stand or fall together. */
export interface ProposalGroup {
  /** The group id carried by its proposals and named by group decisions (`name:best`). */
  id: string;
  /**
   * The name as written at the member first in `applyDecisions`' order (by message id, then start): the same whatever
   * order the proposals are given in, so a list fresh from detection and one after a decision show the same name.
   */
  text: string;
  /** The members' proposal ids, in the order given (chat order for detection's output). */
  proposalIds: string[];
  /** The id of the proposal (or kept span) whose evidence the group rests on. */
  origin: string;
  /** That proposal, when it is in the list given (absent when the evidence is a kept span or a participant's name). */
  originProposal?: Proposal;
  /** How many members are proposed, accepted and rejected. */
  statuses: Record<ProposalStatus, number>;
}

/** The groups among `proposals`, largest first (then by id), each with its members, origin and their statuses. */
export function proposalGroups(proposals: readonly Proposal[]): ProposalGroup[] {
  const groups = new Map<string, ProposalGroup>();
  /** Each group's member first in `applyDecisions`' order, whose text names the group. */
  const first = new Map<ProposalGroup, Proposal>();
  for (const p of proposals) {
    if (p.group === undefined) continue;
    let g = groups.get(p.group);
    if (!g) {
      g = {
        id: p.group,
        text: p.text,
        proposalIds: [],
        origin: p.origin ?? '',
        statuses: { proposed: 0, accepted: 0, rejected: 0 },
      };
      groups.set(p.group, g);
      first.set(g, p);
    } else if (byPosition(p, first.get(g) as Proposal) < 0) {
      first.set(g, p);
      g.text = p.text;
    }
    g.proposalIds.push(p.id);
    g.statuses[p.status]++;
  }
  const out = [...groups.values()];
  // The origins are looked for among the proposals once the groups are known: a few ids in a set, where a map of every
  // proposal by id (100,000 at a time in the review) would cost the review's first render more than the groups do.
  if (out.length > 0) {
    const origins = new Map<string, Proposal | undefined>(out.map((g) => [g.origin, undefined]));
    for (const p of proposals) if (origins.has(p.id)) origins.set(p.id, p);
    for (const g of out) {
      const origin = origins.get(g.origin);
      if (origin) g.originProposal = origin;
    }
  }
  return out.sort((a, b) => b.proposalIds.length - a.proposalIds.length || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}
