/** How the review says a proposal's status and names a proposal, for screen readers and announcements alike. */
import { CATEGORY_LABELS, type Proposal, type ProposalGroup, type ProposalStatus } from '@im-records/redaction';

/** A status as the review says it. */
export const statusWords: Readonly<Record<ProposalStatus, string>> = {
  proposed: 'to review',
  accepted: 'redacted',
  rejected: 'kept',
};

/** A proposal as a screen reader hears it: `Name "Ana Lee", to review, s40(2)`. */
export function proposalLabel(proposal: Proposal, status: ProposalStatus): string {
  return `${CATEGORY_LABELS[proposal.category].name} "${proposal.text}", ${statusWords[status]}, ${proposal.exemption}`;
}

/** A selection or term shortened for a label: its first 40 characters. */
export const shortText = (text: string): string => (text.length > 40 ? `${text.slice(0, 40)}…` : text);

/** What a carried place says about its group: "one of 37 places, from one find". */
export const carriedWords = (group: ProposalGroup): string =>
  `one of ${group.proposalIds.length.toLocaleString('en-GB')} ${group.proposalIds.length === 1 ? 'place' : 'places'}, from one find`;
