/** The review's pure parts: decisions stamped in one place, the shortcut keys, and when a message row renders again. */
import type { Message } from '@im-records/chat-import';
import type { Proposal } from '@im-records/redaction';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { MessageProps } from '../src/components/review/Message.tsx';
import { sameRow } from '../src/components/review/Message.tsx';
import { groupStateWords, groupStatuses, NameGroups } from '../src/components/review/NameGroups.tsx';
import { reviewKeyOf } from '../src/components/review/useReviewKeys.ts';
import type { Services } from '../src/components/services.ts';
import { everyOccurrence, makeDecision } from '../src/lib/decisions.ts';

describe('makeDecision', () => {
  it('stamps who and when, in the order the case file lists them', () => {
    const decision = makeDecision(everyOccurrence('Rainbow Ward', 'custom'), 'Jo Officer', '2024-03-05T10:00:00.000Z');
    expect(decision).toEqual({
      action: 'add-term',
      term: 'Rainbow Ward',
      category: 'custom',
      by: 'Jo Officer',
      at: '2024-03-05T10:00:00.000Z',
      reason: 'Redact every occurrence',
    });
    expect(Object.keys(decision)).toEqual(['action', 'term', 'category', 'by', 'at', 'reason']);
  });

  it('records an unnamed officer as "officer", and adds no reason the draft has not', () => {
    expect(makeDecision({ action: 'accept', proposalId: 'p1' }, '  ', 'now')).toEqual({
      action: 'accept',
      proposalId: 'p1',
      by: 'officer',
      at: 'now',
    });
  });
});

describe('review shortcut keys', () => {
  const plain = { inField: false, modifier: false };
  it('maps J, K, A, R and / in either case', () => {
    expect(['j', 'J', 'k', 'K', 'a', 'A', 'r', 'R', '/'].map((key) => reviewKeyOf(key, plain))).toEqual([
      'next',
      'next',
      'previous',
      'previous',
      'accept',
      'accept',
      'reject',
      'reject',
      'search',
    ]);
    expect(reviewKeyOf('x', plain)).toBeNull();
  });

  it('never acts while typing in a field or with Ctrl, Alt or Cmd (WCAG 2.1.4)', () => {
    expect(reviewKeyOf('a', { inField: true, modifier: false })).toBeNull();
    expect(reviewKeyOf('r', { inField: false, modifier: true })).toBeNull();
  });
});

describe('message rows', () => {
  const message = (id: string, attachments: Message['attachments'] = []): Message => ({
    id,
    timestamp: '2024-03-04T08:00:00+00:00',
    author: 'Ana',
    text: 'Bed 4 is Margaret',
    kind: 'message',
    attachments,
    source: { file: 'chat.txt', line: 1, lineEnd: 1 },
  });
  const proposal = { id: 'p1', messageId: 'm1', start: 9, end: 17, status: 'proposed' } as Proposal;
  const base: MessageProps = {
    message: message('m1', [{ fileName: 'scan.pdf', kind: 'document', included: true }]),
    proposals: [proposal],
    groups: new Map(),
    statuses: new Map([['p1', 'proposed']]),
    active: null,
    inScope: true,
    reasons: [],
    onChoose: () => undefined,
    services: {} as Services,
    attachments: new Map(),
    onAttachment: () => undefined,
  };

  it('skips a render when only other rows changed: another proposal decided or in focus, another file chosen', () => {
    expect(sameRow(base, { ...base, statuses: new Map([...base.statuses, ['p9', 'accepted']]) })).toBe(true);
    expect(sameRow(base, { ...base, active: 'p9' })).toBe(true);
    const otherChoice = new Map([['m9\u0000x.jpg', { action: 'include-attachment' as const }]]);
    expect(sameRow(base, { ...base, attachments: otherChoice })).toBe(true);
    // The choices map is rebuilt after every decision: an equal choice is the same.
    const choice = (): Map<string, { action: 'include-attachment' }> =>
      new Map([['m1\u0000scan.pdf', { action: 'include-attachment' }]]);
    expect(sameRow({ ...base, attachments: choice() }, { ...base, attachments: choice() })).toBe(true);
  });

  it('renders again when something it shows changed', () => {
    expect(sameRow(base, { ...base, statuses: new Map([['p1', 'accepted']]) })).toBe(false);
    expect(sameRow(base, { ...base, active: 'p1' })).toBe(false);
    expect(sameRow(base, { ...base, inScope: false })).toBe(false);
    // New groups (a re-run of detection) may make a place part of a carried name.
    expect(sameRow(base, { ...base, groups: new Map() })).toBe(false);
    const withheld = new Map([['m1\u0000scan.pdf', { action: 'withhold-attachment' as const, reason: 'x' }]]);
    expect(sameRow(base, { ...base, attachments: withheld })).toBe(false);
    // A new callback is a change: the review passes stable ones, so this does not happen while scrolling.
    expect(sameRow(base, { ...base, onChoose: () => undefined })).toBe(false);
  });
});

describe('a name carried through the chat', () => {
  const group = {
    id: 'name:best',
    text: 'Best',
    proposalIds: ['g1', 'g2', 'g3'],
    origin: 'o1',
    statuses: { proposed: 3, accepted: 0, rejected: 0 },
  };

  it("counts its places by the officer's decisions, else by detection's statuses", () => {
    const member = (id: string, status: Proposal['status']): Proposal => ({
      id,
      messageId: 'm1',
      start: 0,
      end: 4,
      text: group.text,
      category: 'person-name',
      confidence: 0.9,
      rule: 'test',
      exemption: 's40(2)',
      status,
      group: group.id,
    });
    const statuses = new Map([
      ['g1', 'rejected' as const],
      ['g2', 'accepted' as const],
    ]);
    const members = [member('g1', 'proposed'), member('g2', 'proposed'), member('g3', 'proposed')];
    expect(groupStatuses(members, statuses)).toEqual({ proposed: 1, accepted: 1, rejected: 1 });
    expect(groupStatuses([...members, member('g4', 'accepted')], statuses)).toEqual({
      proposed: 1,
      accepted: 2,
      rejected: 1,
    });
  });

  it('says its state in words', () => {
    expect(groupStateWords({ proposed: 3, accepted: 0, rejected: 0 })).toBe('3 to review');
    expect(groupStateWords({ proposed: 0, accepted: 0, rejected: 37 })).toBe('all 37 kept');
    expect(groupStateWords({ proposed: 0, accepted: 1, rejected: 0 })).toBe('redacted');
    expect(groupStateWords({ proposed: 1, accepted: 1, rejected: 1 })).toBe('1 to review · 1 redacted · 1 kept');
  });
});

describe('the name groups panel', () => {
  const none = {
    groups: [],
    members: new Map(),
    statuses: new Map(),
    onDecideGroup: () => undefined,
    onShow: () => undefined,
  };

  it('says the groups are being found while they are, and shows nothing when a chat has none', () => {
    const finding = renderToStaticMarkup(createElement(NameGroups, { ...none, pending: true }));
    expect(finding).toContain('role="status"');
    expect(finding).toContain('Finding the names carried through the chat');
    expect(renderToStaticMarkup(createElement(NameGroups, { ...none, pending: false }))).toBe('');
  });
});
