import type { Decision, Proposal } from '@im-records/redaction';
import { describe, expect, it } from 'vitest';
import { attachmentChoices } from '../src/lib/attachments.ts';
import {
  decidedStatuses,
  filterMessages,
  indexProposalsOf,
  nextToReview,
  noFilters,
  pendingInView,
  type ReviewFilters,
  reviewCounts,
  segmentText,
  statusOf,
} from '../src/lib/review.ts';

const proposal = (
  id: string,
  messageId: string,
  start: number,
  end: number,
  category: Proposal['category'] = 'person-name',
): Proposal => ({
  id,
  messageId,
  start,
  end,
  text: 'x'.repeat(end - start),
  category,
  confidence: 0.9,
  rule: 'test',
  exemption: 's40(2)',
  status: 'proposed',
});

const proposals = [
  proposal('p1', 'm1', 0, 4),
  proposal('p2', 'm2', 5, 9, 'phone'),
  proposal('p3', 'm2', 0, 3),
  proposal('p4', 'm3', 0, 2),
];
const messages = [
  { id: 'm1', author: 'Ann', timestamp: '2024-03-01T09:00:00+00:00' },
  { id: 'm2', author: 'Bob', timestamp: '2024-03-02T09:00:00+00:00' },
  { id: 'm3', author: 'Ann', timestamp: '2024-03-03T09:00:00+00:00' },
  { id: 'm4', author: null, timestamp: '2024-03-04T09:00:00+00:00' },
];
const at = '2024-04-01T00:00:00Z';
/** The proposals of `list` by message of `messages`, as the review indexes them. */
const byMessageOf = (list: readonly Proposal[]) => indexProposalsOf(list, { titles: [], messages }).byMessage;
/** Whether each message of `messages` is in scope, by index, as the case worker says: the messages of `ids` are. */
const scopeOf = (ids: readonly string[]) => Uint8Array.from(messages, (message) => (ids.includes(message.id) ? 1 : 0));
/** The statuses the decisions give `list`'s proposals, as the review reads them. */
const statusesAfter = (list: readonly Proposal[], decisions: readonly Decision[]) => {
  const chat = [...new Set(list.map((p) => p.messageId))].map((id) => ({ id }));
  return decidedStatuses(decisions, indexProposalsOf(list, { titles: [], messages: chat }).members);
};

describe('decidedStatuses', () => {
  it('lets the latest decision win, and leaves a proposal not decided its own status', () => {
    const decisions: Decision[] = [
      { action: 'accept', proposalId: 'p1', by: 'a', at },
      { action: 'reject', proposalId: 'p2', by: 'a', at },
      { action: 'accept', proposalId: 'p2', by: 'a', at },
      { action: 'reject', proposalId: 'gone', by: 'a', at },
    ];
    const statuses = statusesAfter(proposals, decisions);
    const [p1, p2, p3] = proposals as [Proposal, Proposal, Proposal];
    expect(statusOf(p1, statuses)).toBe('accepted');
    expect(statusOf(p2, statuses)).toBe('accepted');
    expect(statusOf(p3, statuses)).toBe('proposed');
    // Only what was decided is held: opening a review with no decisions builds nothing per proposal.
    expect(statuses.has('p3')).toBe(false);
    expect(statusesAfter(proposals, []).size).toBe(0);
    expect(statusOf({ ...p3, status: 'accepted' }, statuses)).toBe('accepted');
  });
  it('decides every member of a group with one group decision, a later single decision still winning', () => {
    const grouped = [
      { ...proposal('origin', 'm1', 0, 4) },
      { ...proposal('g1', 'm2', 0, 4), group: 'name:best', origin: 'origin' },
      { ...proposal('g2', 'm3', 0, 4), group: 'name:best', origin: 'origin' },
      { ...proposal('other', 'm3', 5, 9), group: 'name:zorbek', origin: 'origin' },
    ];
    const decisions: Decision[] = [
      { action: 'reject-group', group: 'name:best', by: 'a', at },
      { action: 'accept', proposalId: 'g2', by: 'a', at },
      { action: 'accept-group', group: 'name:gone', by: 'a', at },
    ];
    const statuses = statusesAfter(grouped, decisions);
    const status = (id: string) => statusOf(grouped.find((p) => p.id === id) as Proposal, statuses);
    expect(status('g1')).toBe('rejected');
    expect(status('g2')).toBe('accepted');
    // The find the group rests on is not a member, and other groups are untouched.
    expect(status('origin')).toBe('proposed');
    expect(status('other')).toBe('proposed');
    expect([...statuses.keys()].sort()).toEqual(['g1', 'g2']);
  });
});

describe('indexProposalsOf', () => {
  it("files each message's proposals in text order, ties by id, whatever order they come in", () => {
    const list = [
      proposal('p5', 'm2', 0, 3, 'postcode'),
      ...proposals,
      proposal('p0', 'm2', 0, 3, 'address'),
      proposal('p6', 'm2', 0, 7, 'address'),
    ];
    const ids = (index: ReturnType<typeof byMessageOf>) => index.map((inMessage) => inMessage?.map((p) => p.id));
    const expected = [['p1'], ['p6', 'p0', 'p3', 'p5', 'p2'], ['p4'], undefined];
    expect(ids(byMessageOf(list))).toEqual(expected);
    expect(ids(byMessageOf([...list].reverse()))).toEqual(expected);
  });
});

describe('filterMessages', () => {
  const byMessage = byMessageOf(proposals);
  const statuses = statusesAfter(proposals, [{ action: 'accept', proposalId: 'p1', by: 'a', at }]);

  it('shows every message with no filters', () => {
    expect(filterMessages(messages, byMessage, statuses, noFilters, null, null)).toEqual([0, 1, 2, 3]);
  });

  it('filters by scope, search hits, participant and dates', () => {
    expect(filterMessages(messages, byMessage, statuses, noFilters, scopeOf(['m1', 'm3']), null)).toEqual([0, 2]);
    expect(
      filterMessages(messages, byMessage, statuses, { ...noFilters, inScopeOnly: false }, scopeOf(['m1']), null),
    ).toEqual([0, 1, 2, 3]);
    expect(filterMessages(messages, byMessage, statuses, noFilters, null, new Set(['m2', 'm4']))).toEqual([1, 3]);
    expect(filterMessages(messages, byMessage, statuses, { ...noFilters, participant: 'Ann' }, null, null)).toEqual([
      0, 2,
    ]);
    expect(
      filterMessages(messages, byMessage, statuses, { ...noFilters, from: '2024-03-02', to: '2024-03-03' }, null, null),
    ).toEqual([1, 2]);
  });

  it('filters by category and status of the proposals in a message', () => {
    expect(filterMessages(messages, byMessage, statuses, { ...noFilters, categories: ['phone'] }, null, null)).toEqual([
      1,
    ]);
    expect(filterMessages(messages, byMessage, statuses, { ...noFilters, status: 'accepted' }, null, null)).toEqual([
      0,
    ]);
    expect(filterMessages(messages, byMessage, statuses, { ...noFilters, status: 'proposed' }, null, null)).toEqual([
      1, 2,
    ]);
    expect(filterMessages(messages, byMessage, statuses, { ...noFilters, status: 'any-proposal' }, null, null)).toEqual(
      [0, 1, 2],
    );
  });
});

describe('reviewCounts', () => {
  it('counts by status and category, in scope only when asked', () => {
    const statuses = statusesAfter(proposals, [
      { action: 'accept', proposalId: 'p1', by: 'a', at },
      { action: 'reject', proposalId: 'p2', by: 'a', at },
    ]);
    const index = indexProposalsOf(proposals, { titles: [], messages });
    const all = reviewCounts({ titles: [], messages, inScope: null }, index, statuses);
    expect(all).toMatchObject({ total: 4, proposed: 2, accepted: 1, rejected: 1 });
    expect(all.byCategory.phone).toEqual({ total: 1, proposed: 0 });
    expect(all.byCategory['person-name']).toEqual({ total: 3, proposed: 2 });
    expect(reviewCounts({ titles: [], messages, inScope: scopeOf(['m2']) }, index, statuses)).toMatchObject({
      total: 2,
      proposed: 1,
      rejected: 1,
    });
    // A chat title is always counted, in scope or not.
    expect(
      reviewCounts(
        { titles: [{ id: 'm1' }], messages: messages.slice(1), inScope: scopeOf(['m2']).slice(1) },
        indexProposalsOf(proposals, { titles: [{ id: 'm1' }], messages: messages.slice(1) }),
        statuses,
      ),
    ).toMatchObject({ total: 3, accepted: 1 });
  });
});

describe('pendingInView', () => {
  const statuses = statusesAfter(proposals, [{ action: 'accept', proposalId: 'p3', by: 'a', at }]);
  const index = indexProposalsOf(proposals, { titles: [], messages });
  const { byMessage } = index;
  /** The proposals still to review among the rows the filters show, counted one by one. */
  const counted = (filters: ReviewFilters, inScope: Uint8Array | null, hits: ReadonlySet<string> | null) => {
    const shown = filterMessages(messages, byMessage, statuses, filters, inScope, hits);
    return shown
      .flatMap((at) => byMessage[at] ?? [])
      .filter((p) => filters.categories.length === 0 || filters.categories.includes(p.category));
  };
  const filterSets: ReviewFilters[] = [
    noFilters,
    { ...noFilters, categories: ['phone'] },
    { ...noFilters, categories: ['person-name', 'phone'] },
    { ...noFilters, status: 'proposed' },
    { ...noFilters, status: 'any-proposal', categories: ['person-name'] },
    { ...noFilters, status: 'accepted' },
    { ...noFilters, status: 'rejected' },
    { ...noFilters, participant: 'Ann' },
    { ...noFilters, from: '2024-03-02' },
    { ...noFilters, inScopeOnly: false },
  ];

  it('agrees with counting the rows shown, for every filter, scope and search', () => {
    for (const inScope of [null, scopeOf(['m1', 'm2'])]) {
      for (const hits of [null, new Set(['m2', 'm3'])]) {
        for (const filters of filterSets) {
          const counts = reviewCounts({ titles: [], messages, inScope }, index, statuses);
          const shownProposals = () => counted(filters, inScope, hits);
          const expected = shownProposals().filter((p) => statusOf(p, statuses) === 'proposed').length;
          expect(
            pendingInView(
              { filters, searching: hits !== null, scoped: inScope !== null },
              counts,
              shownProposals,
              statuses,
            ),
            JSON.stringify({ filters, inScope: inScope && [...inScope], hits: hits && [...hits] }),
          ).toBe(expected);
        }
      }
    }
  });

  it('takes the whole scope from the counts, without listing the proposals shown', () => {
    const counts = reviewCounts({ titles: [], messages, inScope: null }, index, statuses);
    const unused = () => {
      throw new Error('the proposals shown were listed');
    };
    expect(pendingInView({ filters: noFilters, searching: false, scoped: false }, counts, unused, statuses)).toBe(3);
  });
});

describe('nextToReview', () => {
  it('moves forward and back to proposals still to review, wrapping round, and stops when none is left', () => {
    const statuses = statusesAfter(proposals, [{ action: 'accept', proposalId: 'p2', by: 'a', at }]);
    expect(nextToReview(proposals, -1, statuses, 1)).toBe(0);
    expect(nextToReview(proposals, 0, statuses, 1)).toBe(2);
    expect(nextToReview(proposals, 3, statuses, 1)).toBe(0);
    expect(nextToReview(proposals, 0, statuses, -1)).toBe(3);
    const done = statusesAfter(
      proposals,
      proposals.map((p) => ({ action: 'reject' as const, proposalId: p.id, by: 'a', at })),
    );
    expect(nextToReview(proposals, 0, done, 1)).toBeNull();
  });
});

describe('segmentText', () => {
  it('splits text around proposals and skips overlapping ones', () => {
    const text = 'Call Jo on 07700 900123';
    const segments = segmentText(text, [
      proposal('a', 'm', 5, 7),
      proposal('b', 'm', 6, 9),
      proposal('c', 'm', 11, 23),
    ]);
    expect(segments.map((s) => s.text)).toEqual(['Call ', 'Jo', ' on ', '07700 900123']);
    expect(segments.map((s) => s.text).join('')).toBe(text);
    expect(segments[1]?.proposal?.id).toBe('a');
  });
});

describe('attachmentChoices', () => {
  it('keeps the latest include or withhold per attachment with its reason', () => {
    const choices = attachmentChoices([
      { action: 'include-attachment', messageId: 'm1', fileName: 'a.jpg', by: 'a', at },
      { action: 'withhold-attachment', messageId: 'm1', fileName: 'a.jpg', by: 'a', at, reason: 's40(2)' },
      { action: 'include-attachment', messageId: 'm2', fileName: 'b.jpg', by: 'a', at },
      { action: 'accept', proposalId: 'p', by: 'a', at },
    ]);
    expect(choices.get('m1\u0000a.jpg')).toEqual({ action: 'withhold-attachment', reason: 's40(2)' });
    expect(choices.get('m2\u0000b.jpg')).toEqual({ action: 'include-attachment' });
    expect(choices.size).toBe(2);
  });
});
