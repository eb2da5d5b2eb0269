/**
 * `applyDecisions` with nothing to change does no copying and, for proposals already in its order, no sorting: these
 * check that every shortcut gives exactly what the whole application gives, and that the input is never changed.
 */
import { describe, expect, it } from 'vitest';
import {
  applyDecisions,
  type Decision,
  detectPersonalDataSync,
  type Proposal,
  pseudonymTable,
  pseudonymTableFrom,
} from '../src/index.ts';
import { conv, msg } from './helpers.ts';

const at = '2024-05-01T10:00:00Z';
const chat = conv([
  msg('m3', 'Sister Ann Lee', 'Mr Abernathy in bed 3, NHS 401 023 2137, ring 07700 900123'),
  msg('m1', 'Jo Smith', 'Abernathy family asked for Dr Patel; Margaret Thompson called at 10'),
  msg('m2', 'Sister Ann Lee', 'Rainbow Ward is full, ring Abernathy family on 07700 900456'),
  msg('m10', 'Jo Smith', 'Margaret Thompson is in bay 2 and Mr Abernathy in bay 4'),
]);
const detected = detectPersonalDataSync(chat, { mode: 'foi' }).proposals;

/** The whole application as it always ran: every proposal copied by id (the later of two with one id), then sorted. */
function copiedAndSorted(proposals: readonly Proposal[]): Proposal[] {
  const byId = new Map<string, Proposal>();
  for (const p of proposals) byId.set(p.id, { ...p });
  return [...byId.values()].sort(
    (a, b) =>
      (a.messageId < b.messageId ? -1 : a.messageId > b.messageId ? 1 : 0) ||
      a.start - b.start ||
      a.end - b.end ||
      (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );
}

/** A decision that changes no proposal, so the application takes its whole path. */
const changesNoProposal: Decision = { action: 'set-pseudonym', person: 'nobody here', role: 'relative', by: 'o', at };

/** Deterministic shuffle (a fixed rotation and reversal of halves), so the input is out of order. */
function shuffled<T>(items: readonly T[]): T[] {
  const half = Math.floor(items.length / 2);
  return [...items.slice(half).reverse(), ...items.slice(0, half)];
}

/** Proposals frozen, so any change to them throws (test files are modules: strict mode). */
function frozen(proposals: readonly Proposal[]): Proposal[] {
  return proposals.map((p) => Object.freeze({ ...p }));
}

describe('applyDecisions without decisions', () => {
  it('gives what the whole application gives, from any order', () => {
    expect(detected.length).toBeGreaterThan(8);
    const expected = copiedAndSorted(detected);
    // Detection's order is the chat's, not this one (m3 before m1): the shortcut must sort it.
    expect(detected.map((p) => p.id)).not.toEqual(expected.map((p) => p.id));
    for (const input of [detected, shuffled(detected), expected]) {
      const fast = applyDecisions(chat, frozen(input), [], 'foi');
      const whole = applyDecisions(chat, frozen(input), [changesNoProposal], 'foi');
      expect(fast.proposals).toEqual(expected);
      expect(whole.proposals).toEqual(expected);
      expect(fast.log).toEqual([]);
      expect(fast.attachments.size).toBe(0);
      expect(fast.pseudonyms.size).toBe(0);
    }
  });

  it('returns proposals already in order as they are, in a new list', () => {
    const ordered = frozen(copiedAndSorted(detected));
    const { proposals } = applyDecisions(chat, ordered, [], 'foi');
    expect(proposals).not.toBe(ordered);
    expect(proposals.every((p, i) => p === ordered[i])).toBe(true);
  });

  it('keeps the later of two proposals with one id, as the whole application does', () => {
    const first = detected[0] as Proposal;
    const twin: Proposal = { ...first, status: 'accepted', confidence: 0.5 };
    const input = frozen([...detected, twin]);
    const expected = copiedAndSorted(input);
    expect(expected).toHaveLength(detected.length);
    expect(applyDecisions(chat, input, [], 'foi').proposals).toEqual(expected);
    expect(applyDecisions(chat, input, [changesNoProposal], 'foi').proposals).toEqual(expected);
  });
});

describe('applyDecisions with decisions', () => {
  const target = detected.find((p) => p.text === 'Abernathy') as Proposal;
  const phone = detected.find((p) => p.category === 'phone') as Proposal;
  const grouped = detected.find((p) => p.group !== undefined);
  const decisions: Decision[] = [
    { action: 'reject', proposalId: target.id, by: 'o', at },
    { action: 'accept', proposalId: phone.id, by: 'o', at },
    ...(grouped ? [{ action: 'accept-group' as const, group: grouped.group as string, by: 'o', at }] : []),
    { action: 'reject', proposalId: phone.id, by: 'o', at },
  ];

  it('gives the same result from detection order, any order, or its own earlier result, and changes no input', () => {
    expect(grouped).toBeDefined();
    const once = applyDecisions(chat, frozen(detected), decisions, 'foi');
    const fromShuffled = applyDecisions(chat, frozen(shuffled(detected)), decisions, 'foi');
    const fromOrdered = applyDecisions(
      chat,
      frozen(applyDecisions(chat, detected, [], 'foi').proposals),
      decisions,
      'foi',
    );
    expect(fromShuffled).toEqual(once);
    expect(fromOrdered).toEqual(once);
    expect(once.proposals.map((p) => p.id)).toEqual(copiedAndSorted(detected).map((p) => p.id));
    expect(once.proposals.find((p) => p.id === phone.id)?.status).toBe('rejected');
    expect(once.proposals.find((p) => p.id === target.id)?.status).toBe(
      target.group !== undefined && target.group === grouped?.group ? 'accepted' : 'rejected',
    );
    for (const p of once.proposals.filter((p) => p.group === grouped?.group && p.id !== phone.id)) {
      expect(p.status).toBe('accepted');
    }
  });

  it('sorts what a term or a span adds among the rest', () => {
    const ordered = applyDecisions(chat, detected, [], 'foi').proposals;
    const adding: Decision[] = [
      { action: 'add-term', term: 'rainbow ward', category: 'custom', by: 'o', at },
      { action: 'add-span', messageId: 'm1', start: 0, end: 9, category: 'custom', by: 'o', at },
    ];
    const { proposals } = applyDecisions(chat, frozen(ordered), adding, 'foi');
    expect(proposals).toEqual(copiedAndSorted(proposals));
    expect(proposals.filter((p) => p.rule.startsWith('manual:')).map((p) => p.text)).toEqual([
      'Abernathy',
      'Rainbow Ward',
    ]);
  });
});

describe('pseudonymTableFrom', () => {
  it('gives the table pseudonymTable gives, from the same decisions applied', () => {
    const decisions: Decision[] = [
      { action: 'set-pseudonym', person: 'margaret thompson', role: 'patient', label: 'Mrs T', by: 'o', at },
      { action: 'reject', proposalId: (detected.find((p) => p.text === 'Patel') as Proposal).id, by: 'o', at },
    ];
    const options = { mode: 'foi' as const };
    const applied = applyDecisions(chat, detected, decisions, 'foi');
    const table = pseudonymTable(chat, detected, decisions, options);
    expect(pseudonymTableFrom(chat, applied, options)).toEqual(table);
    expect(table.some((entry) => entry.chosenByOfficer)).toBe(true);
  });
});
