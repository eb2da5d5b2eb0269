import { describe, expect, it } from 'vitest';
import { applyDecisions, type Decision, DecisionError, detectPersonalDataSync, disclose } from '../src/index.ts';
import { conv, msg } from './helpers.ts';

const at = '2024-05-01T10:00:00Z';
const chat = conv([
  msg('m1', 'Sister Ann Lee', 'Mr Abernathy in bed 3, NHS 401 023 2137'),
  msg('m2', 'Sister Ann Lee', 'Rainbow Ward is full, ring Abernathy family'),
]);

describe('decisions', () => {
  const first = detectPersonalDataSync(chat, { mode: 'foi' });
  const name = first.proposals.find((p) => p.text === 'Abernathy' && p.messageId === 'm1');
  const nhs = first.proposals.find((p) => p.category === 'nhs-number');
  const decisions: Decision[] = [
    { action: 'reject', proposalId: name?.id ?? '', by: 'officer1', at, reason: 'public figure' },
    { action: 'accept', proposalId: nhs?.id ?? '', by: 'officer1', at },
    { action: 'add-term', term: 'rainbow ward', category: 'custom', by: 'officer2', at, reason: 'identifies the unit' },
    { action: 'add-span', messageId: 'm1', start: 16, end: 21, category: 'custom', by: 'officer2', at },
  ];

  it('survive a re-run of detection (stable ids, terms re-applied)', () => {
    const again = detectPersonalDataSync(chat, { mode: 'foi' });
    expect(again.proposals.map((p) => p.id)).toEqual(first.proposals.map((p) => p.id));
    const applied = applyDecisions(chat, again.proposals, decisions, 'foi');
    expect(applied.proposals.find((p) => p.id === name?.id)?.status).toBe('rejected');
    expect(applied.proposals.find((p) => p.id === nhs?.id)?.status).toBe('accepted');
    const terms = applied.proposals.filter((p) => p.rule === 'manual:term');
    expect(terms.map((p) => [p.messageId, p.text, p.exemption, p.status])).toEqual([
      ['m2', 'Rainbow Ward', 's40(2)', 'accepted'],
    ]);
    expect(applied.proposals.find((p) => p.rule === 'manual:span')?.text).toBe('bed 3');
  });

  it('records who, when, what and why', () => {
    const { log } = applyDecisions(chat, first.proposals, decisions, 'foi');
    expect(log.map((l) => [l.by, l.at, l.what, l.why, l.applied])).toEqual([
      ['officer1', at, 'rejected person-name "Abernathy" in message m1 (3–12)', 'public figure', true],
      ['officer1', at, 'accepted nhs-number "401 023 2137" in message m1 (27–39)', '', true],
      [
        'officer2',
        at,
        'added every occurrence of the term "rainbow ward" as custom (1 found)',
        'identifies the unit',
        true,
      ],
      ['officer2', at, 'added custom "bed 3" in message m1 (16–21)', '', true],
    ]);
  });

  it('keeps a decision about a proposal that no longer exists in the log without applying it', () => {
    const { log } = applyDecisions(
      chat,
      first.proposals,
      [{ action: 'reject', proposalId: 'gone', by: 'o', at }],
      'foi',
    );
    expect(log[0]?.applied).toBe(false);
  });

  it('rejects spans outside the message and unknown messages', () => {
    expect(() =>
      applyDecisions(
        chat,
        [],
        [{ action: 'add-span', messageId: 'm1', start: 5, end: 500, category: 'custom', by: 'o', at }],
        'foi',
      ),
    ).toThrow(DecisionError);
    expect(() =>
      applyDecisions(
        chat,
        [],
        [{ action: 'add-span', messageId: 'nope', start: 0, end: 1, category: 'custom', by: 'o', at }],
        'foi',
      ),
    ).toThrow(/no message with id 'nope'/);
    expect(() =>
      applyDecisions(chat, [], [{ action: 'add-term', term: ' ', category: 'custom', by: 'o', at }], 'sar'),
    ).toThrow(DecisionError);
  });

  it('uses the SAR exemption for boxes added by hand in SAR mode', () => {
    const { proposals } = applyDecisions(
      chat,
      [],
      [{ action: 'add-term', term: 'abernathy', category: 'person-name', by: 'o', at }],
      'sar',
    );
    expect(new Set(proposals.map((p) => p.exemption))).toEqual(new Set(['DPA Sch2 para16']));
  });
});

describe("the officer's scope choices", () => {
  const ward = conv([
    msg('s1', 'Nurse Obi', 'Margaret in bed 6 is asking for her daughter'),
    msg('s2', 'Nurse Obi', 'Margaret Thompson bloods back, all normal'),
    msg('s3', 'Dr Kaur', 'Thanks, she can go home'),
  ]);
  const subject = { names: ['Margaret Thompson'] };
  const detection = detectPersonalDataSync(ward, { mode: 'sar', subject });
  const choices: Decision[] = [
    { action: 'leave-out-message', messageId: 's1', by: 'Sam', at, reason: 'Another Margaret is meant' },
    { action: 'include-message', messageId: 's3', by: 'Sam', at, reason: 'The reply is about the subject' },
    { action: 'include-message', messageId: 'gone', by: 'Sam', at },
  ];

  it('are logged with the message they name, and one naming no message is kept but not applied', () => {
    const { log, scope } = applyDecisions(ward, detection.proposals, choices, 'sar');
    expect(log.map((l) => [l.action, l.what, l.why, l.applied])).toEqual([
      [
        'leave-out-message',
        'left out of scope message s1 (Nurse Obi, 2024-03-04T09:00:00+00:00)',
        'Another Margaret is meant',
        true,
      ],
      [
        'include-message',
        'brought into scope message s3 (Dr Kaur, 2024-03-04T09:00:00+00:00)',
        'The reply is about the subject',
        true,
      ],
      ['include-message', 'include-message gone (no such message in the chat)', '', false],
    ]);
    expect([...scope.keys()]).toEqual(['s1', 's3', 'gone']);
  });

  it('decide what is disclosed, whatever the selection says', () => {
    // The selection as given puts s1 and s2 in and s3 out; the officer's choices turn s1 and s3 round.
    const selection = [
      { messageId: 's1', selected: true, reasons: [] },
      { messageId: 's2', selected: true, reasons: [] },
      { messageId: 's3', selected: false, reasons: [] },
    ];
    const ids = (decisions: Decision[]) =>
      disclose(ward, detection.proposals, decisions, { mode: 'sar', subject, selection }).messages.map((m) => m.id);
    expect(ids([])).toEqual(['s1', 's2']);
    expect(ids(choices)).toEqual(['s2', 's3']);
    // With no selection (every message in scope), a message left out is still left out.
    expect(disclose(ward, detection.proposals, choices, { mode: 'sar', subject }).messages.map((m) => m.id)).toEqual([
      's2',
      's3',
    ]);
  });
});
