import type { Message } from '@im-records/chat-import';
import { scopeChoices } from '@im-records/redaction';
import { describe, expect, it } from 'vitest';
import { dateExclusion, dateReason, LEFT_OUT_BY_OFFICER, scopeMessages } from '../src/index.ts';

const message = (id: string, timestamp: string): Message => ({
  id,
  timestamp,
  author: 'Ana',
  text: 'x',
  kind: 'message',
  attachments: [],
  source: { file: 'chat.txt', line: 1, lineEnd: 1 },
});

const messages = [
  message('title:1', '2024-01-01T00:00:00+00:00'),
  message('a', '2024-02-28T23:59:00+00:00'),
  message('b', '2024-03-01T00:30:00+00:00'),
  message('c', '2024-03-31T23:00:00+01:00'),
  message('d', '2024-04-01T00:10:00+01:00'),
];

describe('date scope', () => {
  it("compares days in the export's local time, both ends included", () => {
    const range = { from: '2024-03-01', to: '2024-03-31' };
    expect(dateExclusion('2024-02-28T23:59:00+00:00', range)).toBe('Before 1 March 2024');
    expect(dateExclusion('2024-03-31T23:00:00+01:00', range)).toBeNull();
    expect(dateExclusion('2024-04-01T00:10:00+01:00', range)).toBe('After 31 March 2024');
    expect(dateReason(range)).toBe('Sent between 1 March 2024 and 31 March 2024');
    expect(dateReason({ from: '2024-03-01' })).toBe('Sent on or after 1 March 2024');
    expect(dateReason({})).toBe('All dates are in scope');
  });

  it('selects messages in the date range, always the chat title, and counts the rest by reason', () => {
    const scope = scopeMessages(messages, { from: '2024-03-01', to: '2024-03-31' }, []);
    expect(scope.selection.filter((entry) => entry.selected).map((entry) => entry.messageId)).toEqual([
      'title:1',
      'b',
      'c',
    ]);
    expect(scope.inScope).toEqual([
      { messageId: 'b', reasons: ['Sent between 1 March 2024 and 31 March 2024'] },
      { messageId: 'c', reasons: ['Sent between 1 March 2024 and 31 March 2024'] },
    ]);
    expect(scope.outOfScope).toEqual([
      { reason: 'Before 1 March 2024', count: 1 },
      { reason: 'After 31 March 2024', count: 1 },
    ]);
  });

  it("combines a SAR's selection with the dates, keeping the engine's reasons", () => {
    const subject = [
      { messageId: 'b', selected: true, reasons: ['author Ana is the data subject'] },
      { messageId: 'c', selected: false, reasons: [] },
      { messageId: 'd', selected: true, reasons: ['mentions "Ana"'] },
    ];
    const scope = scopeMessages(messages, { to: '2024-03-31' }, subject);
    expect(scope.inScope).toEqual([
      { messageId: 'b', reasons: ['Sent on or before 31 March 2024', 'author Ana is the data subject'] },
    ]);
    expect(scope.outOfScope).toEqual([
      { reason: 'Not by or about the data subject', count: 2 },
      { reason: 'After 31 March 2024', count: 1 },
    ]);
    expect(scope.selection.find((entry) => entry.messageId === 'd')).toEqual({
      messageId: 'd',
      selected: false,
      reasons: ['mentions "Ana"'],
    });
  });

  it('carries a message the officer must check (selected only by a name that may be someone else’s)', () => {
    const subject = [
      {
        messageId: 'a',
        selected: true,
        reasons: ['mentions "Anna" (fuzzy match of the subject\'s name)'],
        uncertain: true as const,
      },
      { messageId: 'b', selected: true, reasons: ['author Ana is the data subject'] },
    ];
    const scope = scopeMessages(messages, {}, subject);
    expect(scope.inScope.filter((entry) => entry.uncertain).map((entry) => entry.messageId)).toEqual(['a']);
    expect(scope.selection.filter((entry) => entry.uncertain).map((entry) => entry.messageId)).toEqual(['a']);
  });
});

describe("the officer's own scope choices", () => {
  const at = '2024-05-01T09:00:00.000Z';
  const subject = [
    { messageId: 'a', selected: true, reasons: ['author Ana is the data subject'] },
    {
      messageId: 'b',
      selected: true,
      reasons: ['mentions "Ana" (the subject\'s name, which someone else in the chat shares: check who is meant)'],
      uncertain: true as const,
    },
    { messageId: 'c', selected: false, reasons: [] },
    { messageId: 'd', selected: true, reasons: ['author Ana is the data subject'] },
  ];

  it('win over the selection and the date range, with the latest choice for a message standing', () => {
    const choices = scopeChoices([
      { action: 'leave-out-message', messageId: 'b', by: 'Sam', at, reason: 'Another Ana is meant' },
      { action: 'include-message', messageId: 'c', by: 'Sam', at, reason: 'A reply about the subject' },
      { action: 'include-message', messageId: 'a', by: 'Sam', at },
      { action: 'leave-out-message', messageId: 'a', by: 'Sam', at, reason: 'Duplicate of another export' },
      { action: 'include-message', messageId: 'd', by: 'Sam', at, reason: 'Part of the same ward round' },
    ]);
    const scope = scopeMessages(messages, { to: '2024-03-31' }, subject, choices);
    expect(scope.selection.filter((entry) => entry.selected).map((entry) => entry.messageId)).toEqual([
      'title:1',
      'c',
      'd',
    ]);
    expect(scope.inScope).toEqual([
      {
        messageId: 'c',
        reasons: ['Brought into scope by Sam: A reply about the subject', 'Sent on or before 31 March 2024'],
      },
      // After the date range, brought in all the same: the officer's reason first, then the engine's.
      {
        messageId: 'd',
        reasons: ['Brought into scope by Sam: Part of the same ward round', 'author Ana is the data subject'],
      },
    ]);
    expect(scope.outOfScope).toEqual([{ reason: LEFT_OUT_BY_OFFICER, count: 2 }]);
  });

  it('settle a message whose name was uncertain, either way', () => {
    const left = scopeMessages(
      messages,
      {},
      subject,
      scopeChoices([{ action: 'leave-out-message', messageId: 'b', by: 'Sam', at }]),
    );
    expect(left.selection.find((entry) => entry.messageId === 'b')).toMatchObject({ selected: false });
    expect(left.selection.some((entry) => entry.uncertain)).toBe(false);
    const kept = scopeMessages(
      messages,
      {},
      subject,
      scopeChoices([{ action: 'include-message', messageId: 'b', by: 'Sam', at }]),
    );
    expect(kept.inScope.find((entry) => entry.messageId === 'b')).toEqual({
      messageId: 'b',
      reasons: ['Kept in scope by Sam', 'All dates are in scope', subject[1]?.reasons[0]],
    });
    expect(kept.inScope.some((entry) => entry.uncertain)).toBe(false);
    // Without a choice it is still to check.
    expect(scopeMessages(messages, {}, subject).inScope.find((entry) => entry.messageId === 'b')?.uncertain).toBe(true);
  });
});
