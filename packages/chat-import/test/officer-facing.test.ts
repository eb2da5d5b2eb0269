/**
 * What a records officer sees of an import: business notices as system lines, warnings in plain English with what to
 * do (never an option name or a pattern), and whether two exports are the same chat before they are combined.
 */
import { zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { compareChats, importChat } from '../src/index.ts';
import { fromText, list, utf8 } from './helpers.ts';

describe("WhatsApp's business notices", () => {
  it('reads "This business uses a secure service from Meta…" as a system line, not the business\'s message', async () => {
    const ios = await fromText(
      [
        '[12/01/2024, 10:00:00] Acme Pharmacy: \u200eThis business uses a secure service from Meta to manage this chat. Tap to learn more.',
        '[12/01/2024, 10:01:00] Jane Okafor: Is the prescription for bed 4 ready?',
      ].join('\n'),
      '_chat.txt',
    );
    expect(list(ios.messages)[0]).toMatchObject({ kind: 'system', author: null });
    expect(ios.participants.map((p) => p.name)).toEqual(['Jane Okafor']);
    const android = await fromText(
      [
        '12/01/2024, 10:00 - Acme Pharmacy: This business uses a secure service from Meta to manage this chat. Tap to learn more.',
        '12/01/2024, 10:01 - Acme Pharmacy: This chat is with a business account. Tap to learn more.',
        '12/01/2024, 10:02 - Jane Okafor: Thanks',
      ].join('\n'),
    );
    expect(list(android.messages).map((m) => [m.kind, m.author])).toEqual([
      ['system', null],
      ['system', null],
      ['message', 'Jane Okafor'],
    ]);
  });
});

describe('warnings for a person', () => {
  const technical = /dateOrder|--date-order|maxLineLength|U\+FFFD|undecidable|\\d|\[\^|kept here/;

  it('says when the day/month order cannot be told, with a code a page can offer a choice for', async () => {
    const chat = await fromText('01/02/2021, 10:00 - Ana: hi\n03/02/2021, 10:05 - Ben: hello\n');
    const warning = chat.warnings.find((w) => w.code === 'date-order');
    expect(warning?.message).toContain('day first');
    expect(warning?.message).not.toMatch(technical);
    const chosen = await importChat(
      { fileName: 'chat.txt', bytes: utf8('01/02/2021, 10:00 - Ana: hi\n') },
      { dateOrder: 'mdy' },
    );
    expect(chosen.conversation.warnings.some((w) => w.code === 'date-order')).toBe(false);
    expect(list(chosen.conversation.messages)[0]?.timestamp.slice(0, 10)).toBe('2021-01-02');
  });

  it('says which line to check when times go backwards, and no warning names an option or a pattern', async () => {
    const chat = await fromText(
      [
        'junk before the first message',
        '13/02/2021, 10:00 - Ana: hi',
        '13/02/2021, 09:00 - Ben: earlier',
        `13/02/2021, 09:05 - Ben: ${'x'.repeat(50)}`,
      ].join('\n'),
      'chat.txt',
      { limits: { maxLineLength: 40 } },
    );
    expect(chat.warnings.some((w) => w.message.startsWith('Some times go backwards — check line 3'))).toBe(true);
    expect(chat.warnings.length).toBeGreaterThan(2);
    for (const warning of chat.warnings) expect(warning.message).not.toMatch(technical);
  });

  it('says when an export of any format has no messages, so an empty one is not disclosed as "nothing held"', async () => {
    const csv = await fromText('timestamp,author,text\n', 'ward.csv');
    const slack = await importChat({
      fileName: 'slack.zip',
      bytes: zipSync({
        'channels.json': utf8('[{"id":"C1","name":"general"}]'),
        'users.json': utf8('[{"id":"U1","name":"a"}]'),
        'general/2024-01-01.json': utf8('[]'),
      }),
    });
    const telegram = await fromText('{"name":"Ward","type":"personal_chat","id":1,"messages":[]}', 'result.json');
    for (const chat of [csv, slack.conversation, telegram]) {
      expect(chat.messages.length).toBe(0);
      expect(chat.warnings.filter((w) => w.message.startsWith('The chat has no messages'))).toHaveLength(1);
    }
    const one = await fromText('timestamp,author,text\n2024-03-01T10:00:00Z,Ana,hi\n', 'ward.csv');
    expect(one.warnings).toEqual([]);
  });
});

describe('compareChats', () => {
  const chat = (fileName: string, lines: string[]) => fromText(`${lines.join('\n')}\n`, fileName);

  it('calls overlapping exports of one chat the same chat', async () => {
    const a = await chat('a.txt', ['13/02/2021, 10:00 - Ana: hi', '13/02/2021, 10:01 - Ben: hello']);
    const b = await chat('b.txt', ['13/02/2021, 10:01 - Ben: hello', '13/02/2021, 10:02 - Ana: bye']);
    expect(compareChats(a, b)).toMatchObject({ sameChat: true, sharedMessages: 1 });
  });

  it('calls later exports by the same people the same chat, even without a message in common', async () => {
    const a = await chat('a.txt', ['13/02/2021, 10:00 - Ana: hi', '13/02/2021, 10:01 - Ben: hello']);
    const b = await chat('b.txt', ['14/03/2021, 10:00 - Ben: again', '14/03/2021, 10:01 - Ana: yes']);
    expect(compareChats(a, b)).toMatchObject({ sameChat: true, sharedMessages: 0 });
  });

  it('keeps two one-to-one chats from one phone apart, and says why naming both files', async () => {
    const a = await chat('WhatsApp Chat with Derek.txt', [
      '13/02/2021, 10:00 - Jane: hi',
      '13/02/2021, 10:01 - Derek: hello',
    ]);
    const b = await chat('WhatsApp Chat with Priya.txt', [
      '13/02/2021, 11:00 - Jane: hi',
      '13/02/2021, 11:01 - Priya: ok',
    ]);
    const result = compareChats(a, b);
    expect(result.sameChat).toBe(false);
    expect(result.reason).toBe(
      'WhatsApp Chat with Derek.txt and WhatsApp Chat with Priya.txt have no message in common and only Jane wrote in both: they are different chats.',
    );
  });

  it('never calls exports from different apps the same chat', async () => {
    const a = await chat('a.txt', ['13/02/2021, 10:00 - Ana: hi']);
    const csv = await fromText('timestamp,author,text\n2021-02-13T10:00:00,Ana,hi\n', 'b.csv');
    expect(compareChats(a, csv).sameChat).toBe(false);
  });
});
