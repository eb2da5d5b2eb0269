import { describe, expect, it } from 'vitest';
import { applyDecisions, type Decision, detectPersonalDataSync, disclose, stillVisible } from '../src/index.ts';
import { conv, msg } from './helpers.ts';

const at = '2024-05-01T10:00:00Z';

/** Detection, the decisions applied, the disclosure, and what it still shows of what it withholds. */
function check(chat: ReturnType<typeof conv>, decisions: Decision[] = []) {
  const found = detectPersonalDataSync(chat, { mode: 'foi' });
  const applied = applyDecisions(chat, found.proposals, decisions, 'foi');
  const disclosed = disclose(chat, found.proposals, decisions, { mode: 'foi' });
  return { found, disclosed, visible: stillVisible(chat, disclosed, applied.proposals, found.kept) };
}

describe('stillVisible', () => {
  it('lists a value withheld in one place and shown in another (a link), and nothing once every use is withheld', () => {
    const chat = conv([
      msg('m1', 'Sam Patel', 'Mr Zorbek in bed 4 is asking for his son'),
      msg('m2', 'Sam Patel', 'photos at https://example.org/zorbek/ward-4 for the family'),
      msg('m3', 'Ana Ruiz', 'the rota for next week is up'),
    ]);
    const { found, visible } = check(chat);
    expect(found.proposals.some((p) => p.text === 'Zorbek' && p.messageId === 'm1')).toBe(true);
    expect(visible).toEqual([{ text: 'Zorbek', category: 'person-name', places: 1, messageIds: ['m2'] }]);
    // The officer withholds every occurrence: nothing is left to list.
    const everywhere: Decision = { action: 'add-term', term: 'Zorbek', category: 'person-name', by: 'o', at };
    expect(check(chat, [everywhere]).visible).toEqual([]);
  });

  it('looks for a name that is an everyday word with its capital only, and skips values under four characters', () => {
    const chat = conv([
      msg('m1', 'Sam Patel', 'Dr Will Hope is on call, ask Dr Ng'),
      msg('m2', 'Sam Patel', 'we will hope for the best, Ng said'),
      msg('m3', 'Sam Patel', 'Will you ring the family'),
    ]);
    const { visible } = check(chat);
    // "will" and "hope" in lower case are the words; "Will you ring" is listed (a capital); "Ng" is too short to look for.
    expect(visible.map((v) => [v.text, v.places, v.messageIds])).toEqual([['Will', 1, ['m3']]]);
  });

  it('lists nothing when every use is withheld or every use kept; kept in one place and withheld in another, it lists it', () => {
    const chat = conv([msg('m1', 'Sam Patel', 'Mr Zorbek in bed 4'), msg('m2', 'Sam Patel', 'Zorbek for CT at 2')]);
    const { found, visible } = check(chat);
    expect(visible).toEqual([]);
    const keep = found.proposals
      .filter((p) => p.text === 'Zorbek')
      .map((p): Decision => ({ action: 'reject', proposalId: p.id, by: 'o', at }));
    expect(keep).toHaveLength(2);
    expect(check(chat, keep).visible).toEqual([]);
    // Kept where it was found first and withheld where it was carried: one of the two decisions is likely wrong.
    expect(check(chat, keep.slice(0, 1)).visible.map((v) => [v.text, v.messageIds])).toEqual([['Zorbek', ['m1']]]);
  });
});
