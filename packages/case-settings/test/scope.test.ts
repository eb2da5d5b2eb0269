import type { Message } from '@im-records/chat-import';
import { describe, expect, it } from 'vitest';
import { dateExclusion, dateReason, scopeMessages } from '../src/index.ts';

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
