import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { ChatSelectionError, detectFormat, importChat, mergeConversations } from '../src/index.ts';
import { fixture, fromText, list, load } from './helpers.ts';

describe('Telegram Desktop result.json', () => {
  it('reads a single chat: service messages, entity arrays, replies, edits, media not included', async () => {
    const c = await load('telegram-single.json');
    expect(c.source).toMatchObject({ format: 'telegram', variant: 'telegram-single-chat' });
    expect(c.title).toBe('Night team');
    expect(list(c.messages)[0]).toMatchObject({ kind: 'system', author: null, timestamp: '2021-03-01T09:00:00+00:00' });
    expect(list(c.messages)[2]).toMatchObject({
      text: 'See https://nhs.uk now',
      edited: true,
      replyTo: list(c.messages)[1]?.id,
    });
    expect(list(c.messages)[3]?.attachments[0]).toMatchObject({ kind: 'image', included: false });
    expect(list(c.messages)[4]?.timestamp).toBe('2021-07-01T09:05:00+01:00');
    expect(list(c.messages)[4]?.attachments[0]).toMatchObject({
      fileName: 'files/scan.pdf',
      kind: 'document',
      included: false,
    });
    // Record 6 has no date: it is kept as a message, as written, with the time of message 5 and a warning.
    expect(list(c.messages)[5]).toMatchObject({
      text: '{"id":6,"type":"message","text":"no date"}',
      author: null,
      kind: 'message',
      timestamp: '2021-07-01T09:05:00+01:00',
      unreadable: { reason: 'it has no date the tool can read', timeFrom: 'previous' },
      source: { line: 6, lineEnd: 6 },
    });
    expect(c.warnings.find((w) => w.line === 6)?.message).toMatch(/^Message 6 could not be read .* kept as a message/);
    expect(c.reconciliation).toEqual({ linesRead: 6, linesPlaced: 6 });
    expect(c.participants.find((p) => p.name === 'Ana')?.nativeId).toBe('user1');
  });

  it('asks which chat of a full export to import, and imports the one chosen', async () => {
    await expect(load('telegram-full.json')).rejects.toThrow(ChatSelectionError);
    await expect(load('telegram-full.json')).rejects.toThrow(/Ana, Ward 9/);
    const c = await load('telegram-full.json', { chat: 'Ward 9' });
    expect(c.source.variant).toBe('telegram-full-export');
    expect(list(c.messages).map((m) => m.text)).toEqual(['hello']);
  });

  it('tells apart two chats of a full export with the same name, so the one chosen is never a guess', async () => {
    const group = (id: number, text: string) => ({
      id,
      name: 'Ward 7 Nurses',
      type: 'private_group',
      messages: [{ id: 1, type: 'message', date: '2024-03-10T10:00:00', from: 'Jane', text }],
    });
    const bytes = strToU8(
      JSON.stringify({
        chats: { list: [group(101, 'first group'), group(202, 'second group'), { ...group(3, 'x'), name: 'Estates' }] },
      }),
    );
    const read = (chat?: string) => importChat({ fileName: 'result.json', bytes }, chat === undefined ? {} : { chat });
    await expect(read()).rejects.toThrow(/Available: Ward 7 Nurses \(id 101\), Ward 7 Nurses \(id 202\), Estates\./);
    // The bare name is one of two: refused, with the names to choose from.
    await expect(read('Ward 7 Nurses')).rejects.toThrow(ChatSelectionError);
    await expect(read('Ward 7 Nurses')).rejects.toThrow(/^2 chats in result\.json are named 'Ward 7 Nurses'/);
    const second = await read('Ward 7 Nurses (id 202)');
    expect(second.conversation.title).toBe('Ward 7 Nurses');
    expect(list(second.conversation.messages).map((m) => m.text)).toEqual(['second group']);
    expect(list((await read('Estates')).conversation.messages).map((m) => m.text)).toEqual(['x']);
  });
});

describe('CSV that is not comma-separated', () => {
  it('says the columns are separated by semicolons or tabs, and what to save it as', async () => {
    for (const [separator, name] of [
      [';', 'semicolons'],
      ['\t', 'tabs'],
    ] as const) {
      const header = ['timestamp', 'author', 'text'].join(separator);
      const text = `${header}\n${['2024-03-01T10:00:00Z', 'Ana', 'hi'].join(separator)}`;
      const refused = importChat({ fileName: 'ward.csv', bytes: strToU8(text) });
      await expect(refused).rejects.toThrow(
        `csv: its columns are separated by ${name}, not commas: save it as CSV (comma delimited) and add it again`,
      );
    }
  });
});

describe('JSON that is not valid', () => {
  it('is refused with where it breaks, never with a quote of the file', async () => {
    const file = strToU8('{"name": "Ward 9", "type": "private_group", "messages": [{"text": Margaret Thompson}]}');
    const refused = importChat({ fileName: 'result.json', bytes: file }, { format: 'telegram' });
    await expect(refused).rejects.toThrow(/^result\.json is not valid JSON/);
    await expect(refused).rejects.not.toThrow(/Margaret/);
  });
});

describe('Slack workspace export', () => {
  const users = [
    { id: 'U1', name: 'ana', real_name: 'Ana Lee' },
    { id: 'U2', name: 'ben', profile: { real_name: 'Ben Okafor' } },
  ];
  const zip = zipSync({
    'channels.json': strToU8(JSON.stringify([{ id: 'C1', name: 'ward-7' }])),
    'users.json': strToU8(JSON.stringify(users)),
    'dms.json': strToU8(JSON.stringify([{ id: 'D1', members: ['U1', 'U2'] }])),
    'mpims.json': strToU8(JSON.stringify([{ id: 'G1', name: 'mpdm-ana--ben-1', members: ['U1', 'U2'] }])),
    'ward-7/2021-03-01.json': strToU8(
      JSON.stringify([
        {
          type: 'message',
          subtype: 'channel_join',
          user: 'U2',
          text: '<@U2> has joined the channel',
          ts: '1614589200.000100',
        },
        {
          type: 'message',
          user: 'U1',
          text: 'Hi <@U2>, see <https://nhs.uk|NHS> &amp; bed 4',
          ts: '1614589260.000200',
          thread_ts: '1614589260.000200',
        },
        {
          type: 'message',
          user: 'U2',
          text: 'On it',
          ts: '1614589320.000300',
          thread_ts: '1614589260.000200',
          edited: { user: 'U2', ts: '1' },
        },
        {
          type: 'message',
          subtype: 'file_share',
          user: 'U2',
          text: '',
          ts: '1614589380.000400',
          files: [{ id: 'F1', name: 'scan.pdf', mimetype: 'application/pdf' }],
        },
        {
          type: 'message',
          subtype: 'tombstone',
          user: 'U1',
          text: 'This message was deleted.',
          ts: '1614589440.000500',
        },
        { type: 'message', text: 'no ts' },
      ]),
    ),
    'D1/2021-03-02.json': strToU8(
      JSON.stringify([{ type: 'message', user: 'U2', text: 'private', ts: '1614675600.000100' }]),
    ),
    'mpdm-ana--ben-1/2021-03-02.json': strToU8(
      JSON.stringify([{ type: 'message', user: 'U1', text: 'group dm', ts: '1614675660.000100' }]),
    ),
  });

  it('reads channels, DMs and group DMs with names, threads, subtypes and files', async () => {
    const { conversation: c } = await importChat({ fileName: 'workspace.zip', bytes: zip });
    expect(c.source.format).toBe('slack');
    const ward = list(c.messages).filter((m) => m.channel === '#ward-7');
    expect(ward[0]).toMatchObject({ kind: 'system', author: null });
    expect(ward[1]).toMatchObject({ author: 'Ana Lee', text: 'Hi @Ben Okafor, see NHS (https://nhs.uk) & bed 4' });
    expect(ward[2]).toMatchObject({ replyTo: ward[1]?.id, thread: '1614589260.000200', edited: true });
    expect(ward[3]?.attachments[0]).toMatchObject({ fileName: 'scan.pdf', kind: 'document', included: false });
    expect(ward[4]?.kind).toBe('deleted');
    expect(list(c.messages).find((m) => m.text === 'private')?.channel).toBe('DM: Ana Lee, Ben Okafor');
    expect(list(c.messages).find((m) => m.text === 'group dm')?.channel).toBe('#mpdm-ana--ben-1');
    expect(c.reconciliation).toEqual({ linesRead: 8, linesPlaced: 8 });
    // The record with no time is kept in its channel with the time of the message before it there.
    expect(ward[5]).toMatchObject({
      text: '{"type":"message","text":"no ts"}',
      author: null,
      timestamp: ward[4]?.timestamp,
      unreadable: { reason: 'it has no time the tool can read', timeFrom: 'previous' },
    });
    expect(c.warnings.some((w) => /^Message 6 of ward-7\/2021-03-01.json could not be read/.test(w.message))).toBe(
      true,
    );
  });

  it('keeps a damaged day file, and one that is not a list, whole as a message in its channel', async () => {
    const damaged = zipSync({
      'channels.json': strToU8(JSON.stringify([{ id: 'C1', name: 'ward-7' }])),
      'users.json': strToU8(JSON.stringify(users)),
      'ward-7/2021-03-01.json': strToU8(
        JSON.stringify([{ type: 'message', user: 'U1', text: 'Morning', ts: '1614589260.000200' }]),
      ),
      'ward-7/2021-03-02.json': strToU8('[{"type":"message","user":"U2","text":"Margaret Thompson to CT'),
      'ward-7/2021-03-03.json': strToU8('{"text":"Call Peter on 07700 900123"}'),
    });
    const { conversation: c } = await importChat({ fileName: 'workspace.zip', bytes: damaged });
    const ward = list(c.messages);
    expect(ward.map((m) => [m.channel, m.text])).toEqual([
      ['#ward-7', 'Morning'],
      ['#ward-7', '[{"type":"message","user":"U2","text":"Margaret Thompson to CT'],
      ['#ward-7', '{"text":"Call Peter on 07700 900123"}'],
    ]);
    expect(ward.map((m) => m.unreadable?.reason)).toEqual([
      undefined,
      expect.stringMatching(/^the file is damaged: it is not valid JSON \(it breaks at line 1, column \d+\)$/),
      'the file does not hold a list of messages',
    ]);
    expect(ward[1]?.timestamp).toBe(ward[0]?.timestamp);
    expect(c.reconciliation).toEqual({ linesRead: 3, linesPlaced: 3 });
    // The warnings say where, not what: the parser's own message would quote the patient's name.
    expect(c.warnings.map((w) => w.message).join('\n')).not.toMatch(/Margaret|Peter/);
    expect(
      c.warnings.some((w) => /^ward-7\/2021-03-02.json could not be read \(the file is damaged/.test(w.message)),
    ).toBe(true);
  });

  it('keeps only the chosen conversation with --chat', async () => {
    const { conversation: c } = await importChat({ fileName: 'workspace.zip', bytes: zip }, { chat: 'ward-7' });
    expect(new Set(list(c.messages).map((m) => m.channel))).toEqual(new Set(['#ward-7']));
    expect(c.title).toBe('#ward-7');
  });
});

describe('Signal and CSV', () => {
  it('reads signal-export markdown', async () => {
    const c = await load('signal-chat.md');
    expect(c.source.variant).toBe('signal-export-markdown');
    expect(list(c.messages).map((m) => [m.author, m.text])).toEqual([
      ['Me', 'Hi'],
      ['Sam', 'Hello\nsecond line'],
      ['Sam', '![photo](media/photo.jpg)'],
    ]);
    expect(list(c.messages)[2]?.attachments[0]).toMatchObject({ kind: 'image', included: false });
  });

  it('reads signal-export JSON lines and keeps a bad line as a message, marked, with a warning', async () => {
    const c = await load('signal-data.jsonl');
    expect(c.source.variant).toBe('signal-export-jsonl');
    expect(list(c.messages)[1]?.attachments[0]?.fileName).toBe('photo.jpg');
    expect(list(c.messages)[2]).toMatchObject({
      text: 'not json',
      author: null,
      timestamp: list(c.messages)[1]?.timestamp,
      unreadable: { reason: 'it is not a message record', timeFrom: 'previous' },
    });
    expect(c.warnings.find((w) => w.line === 3)?.message).toMatch(/kept as a message/);
    expect(c.reconciliation).toEqual({ linesRead: 3, linesPlaced: 3 });
  });

  it('reads the CSV layout: quoted multi-line fields, offsets, system rows, bad rows kept as marked messages', async () => {
    const c = await load('layout.csv');
    expect(list(c.messages)[0]).toMatchObject({
      author: 'Ana',
      text: 'Hello, ward',
      timestamp: '2021-02-03T10:00:00+00:00',
    });
    expect(list(c.messages)[1]).toMatchObject({ text: 'Two\nlines', edited: true, source: { line: 3, lineEnd: 4 } });
    expect(list(c.messages)[1]?.attachments[0]).toMatchObject({ fileName: 'scan.pdf', kind: 'document' });
    expect(list(c.messages)[2]).toMatchObject({ kind: 'system', author: null });
    // The bad row is the fourth message, as written; its fields line up, so its author is read.
    expect(list(c.messages)[3]).toMatchObject({
      text: 'not-a-date,Ana,bad,message,,',
      author: 'Ana',
      timestamp: '2021-02-03T10:02:00+00:00',
      unreadable: { timeFrom: 'previous' },
      source: { line: 6, lineEnd: 6 },
    });
    expect(list(c.messages)[3]?.unreadable?.reason).toMatch(/timestamp/);
    expect(c.warnings.find((w) => w.line === 6)?.raw).toBeUndefined();
    // The header row is the layout, placed but nothing to check: "Header row of the CSV layout." was on every card.
    expect(c.warnings.map((w) => w.line)).toEqual([3, 6]);
    expect(c.reconciliation).toEqual({ linesRead: 6, linesPlaced: 6 });
  });
});

describe('detection and merging', () => {
  it('detects every format', () => {
    expect(detectFormat({ fileName: 'a.txt', bytes: fixture('android-uk-24h.txt') }).format).toBe('whatsapp');
    expect(detectFormat({ fileName: 'result.json', bytes: fixture('telegram-single.json') }).format).toBe('telegram');
    expect(detectFormat({ fileName: 'chat.md', bytes: fixture('signal-chat.md') }).format).toBe('signal');
    expect(detectFormat({ fileName: 'x.csv', bytes: fixture('layout.csv') }).format).toBe('csv');
  });

  it('merges overlapping exports of one chat without duplicates', async () => {
    const lines = Array.from(
      { length: 10 },
      (_, i) => `0${1 + Math.floor(i / 5)}/02/2021, 1${i % 10}:00 - ${i % 2 ? 'Ana' : 'Ben'}: message ${i}`,
    );
    const a = await fromText(`${lines.slice(0, 7).join('\n')}\n`, 'part1.txt');
    const b = await fromText(`${lines.slice(4).join('\n')}\n`, 'part2.txt');
    const merged = mergeConversations(a, b);
    expect(list(merged.messages).map((m) => m.text)).toEqual(lines.map((_, i) => `message ${i}`));
    expect(merged.sources?.map((s) => s.fileName)).toEqual(['part1.txt', 'part2.txt']);
    expect(merged.participants.map((p) => p.messageCount).reduce((x, y) => x + y)).toBe(10);
  });
});

describe('records that cannot be read are kept as messages', () => {
  const csvOf = (...rows: string[]): Uint8Array => strToU8(['timestamp,author,text', ...rows].join('\n'));

  it('keeps a CSV row with the wrong field count, an unreadable author and the next time when it comes first', async () => {
    const { conversation: c } = await importChat({
      fileName: 'chat.csv',
      bytes: csvOf('2021-02-03 10:00,Ana,"extra",field', '2021-02-03T10:05:00Z,Ben,Hello'),
    });
    expect(list(c.messages).map((m) => [m.author, m.text, m.timestamp, m.unreadable?.timeFrom])).toEqual([
      [null, '2021-02-03 10:00,Ana,"extra",field', '2021-02-03T10:05:00+00:00', 'next'],
      ['Ben', 'Hello', '2021-02-03T10:05:00+00:00', undefined],
    ]);
    expect(list(c.messages)[0]?.unreadable?.reason).toBe('it has 4 fields, the header has 3');
    expect(c.warnings.find((w) => w.line === 2)?.message).toMatch(/^The row on line 2 could not be read/);
    expect(c.reconciliation).toEqual({ linesRead: 3, linesPlaced: 3 });
  });

  it('keeps an unclosed quote to the end of the file as one message spanning its lines', async () => {
    const { conversation: c } = await importChat({
      fileName: 'chat.csv',
      bytes: csvOf('2021-02-03T10:00,Ana,Hi', '2021-02-03T10:01,Ben,"Dr Okafor said', 'bed 4'),
    });
    expect(list(c.messages)[1]).toMatchObject({
      author: null,
      text: '2021-02-03T10:01,Ben,"Dr Okafor said\nbed 4',
      unreadable: { reason: 'a quoted field is never closed', timeFrom: 'previous' },
      source: { line: 3, lineEnd: 4 },
    });
    expect(c.reconciliation).toEqual({ linesRead: 4, linesPlaced: 4 });
  });

  it('gives every row no time when none can be read, and still keeps them all', async () => {
    const { conversation: c } = await importChat(
      { fileName: 'chat.csv', bytes: csvOf('x,Ana,one', 'y,Ben,two') },
      { timeZone: 'UTC' },
    );
    expect(list(c.messages).map((m) => [m.author, m.timestamp, m.unreadable?.timeFrom])).toEqual([
      ['Ana', '1970-01-01T00:00:00+00:00', 'none'],
      ['Ben', '1970-01-01T00:00:00+00:00', 'none'],
    ]);
  });

  it('gives a local time borrowed from a neighbour the same offset as its lender', async () => {
    const { conversation: c } = await importChat(
      { fileName: 'chat.csv', bytes: csvOf('2021-07-01T09:00,Ana,Hi', 'bad,Ana,kept') },
      { timeZone: 'Europe/London' },
    );
    expect(list(c.messages)[1]?.timestamp).toBe('2021-07-01T09:00:00+01:00');
  });

  it('keeps a Telegram record that is not an object, and the sender of one with no date', async () => {
    const bytes = strToU8(
      JSON.stringify({
        name: 'Ward',
        type: 'personal_chat',
        messages: [
          7,
          { id: 1, type: 'message', date: '2021-03-01T09:00:00', date_unixtime: '1614589200', from: 'Ana', text: 'a' },
          { id: 2, type: 'message', from: 'Ben', text: 'no date' },
        ],
      }),
    );
    const { conversation: c } = await importChat({ fileName: 'result.json', bytes });
    expect(list(c.messages).map((m) => [m.author, m.text, m.unreadable?.timeFrom])).toEqual([
      [null, '7', 'next'],
      ['Ana', 'a', undefined],
      ['Ben', '{"id":2,"type":"message","from":"Ben","text":"no date"}', 'previous'],
    ]);
  });

  it('keeps signal-export markdown lines before the first message as one message', async () => {
    // Detection reads the first chat's first line, so lines before a header are only met in another chat of a zip.
    const bytes = zipSync({
      'Signal/Ward/chat.md': strToU8('[2021-02-03 09:00] Me: Morning\n'),
      'Signal/Ana/chat.md': strToU8('Note from Ana Lee\n[2021-02-03 10:00] Me: Hi\n'),
    });
    const { conversation: c } = await importChat({ fileName: 'signal.zip', bytes }, { chat: 'Ana' });
    expect(list(c.messages)[0]).toMatchObject({
      author: null,
      text: 'Note from Ana Lee',
      unreadable: { timeFrom: 'next' },
      timestamp: list(c.messages)[1]?.timestamp,
    });
  });
});
