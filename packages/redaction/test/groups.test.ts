import { describe, expect, it } from 'vitest';
import { applyDecisions, type Decision, detectPersonalDataSync, proposalGroups } from '../src/index.ts';
import { conv, msg } from './helpers.ts';

const at = '2024-05-01T10:00:00Z';
// "Zorbek" is confirmed once by a title and carried to its other uses: one group the officer can decide at once.
const chat = conv([
  msg('m1', 'Sam Jones', 'Mr Zorbek is in bed 4'),
  msg('m2', 'Sam Jones', 'zorbek for CT'),
  msg('m3', 'Sam Jones', 'ZORBEK back on the ward'),
  msg('m4', 'Sam Jones', 'family of zorbek rang'),
  msg('m5', 'Sam Jones', 'NHS 401 023 2137'),
]);

describe('grouped proposals', () => {
  const detected = detectPersonalDataSync(chat, { mode: 'foi' });
  const origin = detected.proposals.find((p) => p.messageId === 'm1' && p.category === 'person-name');

  it('groups the uses carried from one find, names the find they rest on, and leaves the find itself out', () => {
    const groups = proposalGroups(detected.proposals);
    expect(groups).toHaveLength(1);
    const [group] = groups;
    expect(group?.id).toBe('name:zorbek');
    expect(group?.text).toBe('zorbek');
    expect(group?.proposalIds).toEqual(['m2:0-6:person-name', 'm3:0-6:person-name', 'm4:10-16:person-name']);
    expect(group?.origin).toBe(origin?.id);
    expect(group?.originProposal?.rule).toBe('name:title');
    expect(group?.statuses).toEqual({ proposed: 3, accepted: 0, rejected: 0 });
  });

  // The chat tool shows detection's list on opening and `applyDecisions`' after each decision: the name must not change.
  it('names a group by its member first in message id order, whatever order the proposals come in', () => {
    const sorted = applyDecisions(chat, detected.proposals, [], 'foi').proposals;
    const third = sorted.filter((p) => p.group !== undefined)[2];
    // Reversed, the group's first member would be "zorbek" in m4; written otherwise there, it must still be m2's.
    const reversed = [...sorted].reverse().map((p) => (p === third ? { ...p, text: 'Zorbek' } : p));
    for (const order of [detected.proposals, sorted, reversed]) {
      const [group] = proposalGroups(order);
      expect(group?.text).toBe('zorbek');
      expect(group?.proposalIds).toHaveLength(3);
    }
  });

  it('one reject clears the whole group, now and after a re-run, and is one line of the log', () => {
    const decisions: Decision[] = [
      { action: 'reject-group', group: 'name:zorbek', by: 'officer1', at, reason: 'a product name here' },
    ];
    const applied = applyDecisions(chat, detected.proposals, decisions, 'foi');
    const statuses = applied.proposals.map((p) => [p.messageId, p.status]);
    expect(statuses).toEqual([
      ['m1', 'proposed'],
      ['m2', 'rejected'],
      ['m3', 'rejected'],
      ['m4', 'rejected'],
      ['m5', 'proposed'],
    ]);
    expect(proposalGroups(applied.proposals)[0]?.statuses).toEqual({ proposed: 0, accepted: 0, rejected: 3 });
    expect(applied.log.map((l) => [l.action, l.what, l.why, l.applied])).toEqual([
      [
        'reject-group',
        `rejected all 3 proposals of group name:zorbek (person-name "zorbek", carried from ${origin?.id})`,
        'a product name here',
        true,
      ],
    ]);
    const again = applyDecisions(chat, detectPersonalDataSync(chat, { mode: 'foi' }).proposals, decisions, 'foi');
    expect(again.proposals.filter((p) => p.status === 'rejected')).toHaveLength(3);
  });

  it('a later single decision wins over the group decision for its proposal; an unknown group changes nothing', () => {
    const decisions: Decision[] = [
      { action: 'reject-group', group: 'name:zorbek', by: 'officer1', at },
      { action: 'accept', proposalId: 'm3:0-6:person-name', by: 'officer1', at },
      { action: 'accept-group', group: 'name:nobody', by: 'officer1', at },
    ];
    const applied = applyDecisions(chat, detected.proposals, decisions, 'foi');
    expect(applied.proposals.filter((p) => p.group).map((p) => p.status)).toEqual(['rejected', 'accepted', 'rejected']);
    expect(applied.log[2]?.applied).toBe(false);
    expect(applied.log[2]?.what).toBe('accept-group name:nobody (no such group proposed by detection)');
  });
});
