import { generateClinicalChat, toWhatsAppExport } from '@im-records/synthetic-chats';
import fc from 'fast-check';
import { zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { detectFormat, importChat, type Message } from '../src/index.ts';
import { fixture, fromText, list, load, utf8 } from './helpers.ts';

describe('WhatsApp variants (own fixtures)', () => {
  it('reads an Android UK 24-hour export: system events, multi-line, media, deleted, edited, poll, location', async () => {
    const c = await load('android-uk-24h.txt');
    expect(c.source.format).toBe('whatsapp');
    expect(c.source.variant).toBe('android-dmy-24h');
    expect(c.reconciliation).toEqual({ linesRead: 19, linesPlaced: 19 });
    const [enc, created, added, multi, media, deleted, edited, poll, live, img, subject, left] = c.messages;
    expect(enc?.kind).toBe('system');
    expect(created).toMatchObject({ kind: 'system', author: null });
    expect(added?.text).toBe('Sister Ward 7 added Dr Amira Shah');
    expect(multi).toMatchObject({
      author: 'Dr Amira Shah',
      text: 'Bed 4 bloods back,\npotassium 5.9\n\nplease repeat',
      timestamp: '2021-01-04T08:05:00+00:00',
    });
    expect(multi?.source).toMatchObject({ line: 4, lineEnd: 7 });
    expect(media?.attachments).toEqual([{ fileName: '<Media omitted>', kind: 'other', included: false }]);
    expect(deleted?.kind).toBe('deleted');
    expect(edited).toMatchObject({ text: 'Running late', edited: true, author: '+44 7700 900123' });
    expect(poll?.kind).toBe('poll');
    expect(poll?.poll).toEqual({
      question: 'Handover time?',
      options: [
        { text: '08:00', votes: 2 },
        { text: '08:30', votes: 0 },
      ],
    });
    // The poll is the table's own, frozen: an edit to it by a reader throws instead of changing the chat.
    const options = poll?.poll?.options as { text: string; votes?: number }[];
    expect(Array.isArray(options)).toBe(true);
    expect(() => options.push({ text: 'later', votes: 1 })).toThrow(TypeError);
    expect(Object.isFrozen(options[0])).toBe(true);
    expect(live?.attachments[0]?.kind).toBe('location');
    expect(img).toMatchObject({ author: 'Jo Bloggs', text: 'X-ray of bed 4' });
    expect(img?.attachments[0]).toMatchObject({ fileName: 'IMG-20210113-WA0001.jpg', kind: 'image', included: false });
    expect(subject).toMatchObject({ kind: 'system', author: null });
    expect(left?.kind).toBe('system');
    expect(c.title).toBe('Ward 7: nights');
    expect(c.participants.find((p) => p.name === '+44 7700 900123')?.phone).toBe('+447700900123');
  });

  it('reads an iOS US 12-hour export with U+202F, U+200E marks, the group name as author and both attachment styles', async () => {
    const c = await load('ios-us-12h.txt');
    expect(c.source.variant).toBe('ios-mdy-12h');
    expect(list(c.messages)[0]).toMatchObject({ kind: 'system', author: null });
    expect(list(c.messages)[1]).toMatchObject({ kind: 'system', author: null, text: 'Amira added Tom' });
    expect(list(c.messages)[2]?.timestamp).toBe('2021-01-29T13:15:00+00:00');
    expect(list(c.messages)[3]?.attachments[0]).toMatchObject({
      fileName: '00000012-PHOTO-2021-01-29-13-16-00.jpg',
      kind: 'image',
    });
    expect(list(c.messages)[4]?.attachments[0]).toMatchObject({
      fileName: 'image omitted',
      kind: 'image',
      included: false,
    });
    expect(list(c.messages)[5]?.attachments[0]).toMatchObject({ fileName: '00000013-discharge.pdf', kind: 'document' });
    expect(list(c.messages)[6]).toMatchObject({ kind: 'deleted', timestamp: '2021-01-30T00:01:00+00:00' });
    expect(list(c.messages)[7]?.attachments[0]?.kind).toBe('location');
    expect(c.participants.map((p) => p.name)).toEqual(['Amira', 'Tom']);
  });

  it.each([
    ['german-dots-24h.txt', 'android-dmy-24h', '2018-01-30T08:00:00+00:00', 3],
    ['year-first.txt', 'android-ymd-24h', '2021-03-02T11:00:00+00:00', 1],
    ['year-first-slash.txt', 'ios-ymd-24h', '2021-03-13T11:00:00+00:00', 1],
    ['no-comma.txt', 'android-dmy-24h', '2019-12-19T16:00:00+00:00', 1],
    ['no-comma-ios.txt', 'ios-dmy-24h', '2022-12-31T11:41:00+00:00', 1],
    ['legacy.txt', 'legacy-dmy-24h', '2012-12-13T08:00:00+00:00', 1],
    ['finnish.txt', 'android-dmy-24h', '2018-06-14T08:05:00+01:00', 1],
    ['french.txt', 'android-dmy-24h', '2017-07-13T09:00:00+01:00', 1],
    ['croatian.txt', 'android-dmy-24h', '2018-06-14T08:00:00+01:00', 1],
    ['spanish-pm.txt', 'android-dmy-12h', '2019-09-25T00:05:00+01:00', 1],
    ['twelve-hour-markers.txt', 'android-mdy-12h', '2021-01-15T15:06:00+00:00', 1],
    ['cjk.txt', 'android-ymd-12h', '2021-01-29T10:00:00+00:00', 1],
    ['korean.txt', 'ios-ymd-12h', '2021-01-30T09:00:00+00:00', 1],
    ['arabic.txt', 'android-dmy-12h', '2021-01-30T09:00:00+00:00', 1],
    ['persian.txt', 'android-dmy-24h', '2021-02-15T09:00:00+00:00', 1],
    ['greek-12h.txt', 'android-dmy-12h', '2021-01-15T15:06:00+00:00', 1],
    ['greek-12h.txt', 'android-dmy-12h', '2021-01-16T00:30:00+00:00', 2],
    ['german-12h.txt', 'android-dmy-12h', '2021-01-15T15:06:00+00:00', 1],
    ['german-12h.txt', 'android-dmy-12h', '2021-01-15T09:15:00+00:00', 0],
  ])('reads %s as %s', async (name, variant, timestamp, index) => {
    const c = await load(name);
    expect(c.source.variant).toBe(variant);
    expect(list(c.messages)[index]?.timestamp).toBe(timestamp);
    expect(c.reconciliation.linesRead).toBe(c.reconciliation.linesPlaced);
    for (const p of c.participants) expect(p.name).not.toMatch(/\d:\d|[AP]M|^\s|\s$/);
  });

  it('keeps CRLF and LF mixed inside one message and normalises to LF', async () => {
    const c = await load('crlf-mixed.txt');
    expect(list(c.messages).map((m) => m.text)).toEqual(['line one\nline two', 'reply', 'done']);
  });

  it('starts the text on the next line when a name ends its line, with LF or CRLF alike', async () => {
    const lf = await fromText('03/02/2024, 10:00 - Ana:\nsecond line\n03/02/2024, 10:01 - Ben: ok\n');
    const crlf = await fromText('03/02/2024, 10:00 - Ana:\r\nsecond line\r\n03/02/2024, 10:01 - Ben: ok\r\n');
    for (const c of [lf, crlf]) expect(list(c.messages)[0]).toMatchObject({ author: 'Ana', text: 'second line' });
    expect(list(crlf.messages)[0]?.id).toBe(list(lf.messages)[0]?.id);
  });

  it('keeps a pasted timestamp line in another layout inside its message, with a warning', async () => {
    const c = await load('pasted-timestamp.txt');
    expect(c.messages).toHaveLength(2);
    expect(list(c.messages)[0]?.text).toContain('[12/02/2021, 09:00:00] Bob: the meeting moved');
    expect(list(c.messages)[0]?.text).toContain('12/02/2021 was a Friday');
    expect(c.warnings.some((w) => w.line === 2 && /another layout/.test(w.message))).toBe(true);
  });

  it('keeps a line whose date or time cannot be read inside its message, and says which line it is', async () => {
    const c = await fromText(
      [
        '04/03/2024, 08:02 - Sam: Bloods sent',
        '31/02/2024, 99:99 - Sam: this header was damaged',
        '04/03/2024, 08:05 - Sam: Results back',
        '',
      ].join('\n'),
    );
    expect(list(c.messages).map((m) => m.text)).toEqual([
      'Bloods sent\n31/02/2024, 99:99 - Sam: this header was damaged',
      'Results back',
    ]);
    expect(c.reconciliation).toEqual({ linesRead: 3, linesPlaced: 3 });
    // It was kept without a word before: nothing told the officer the export had a damaged line.
    const warning = c.warnings.find((w) => w.line === 2);
    expect(warning?.message).toMatch(
      /Line 2 looks like the start of a message, but its date and time \("31\/02\/2024, 99:99"\) cannot be read/,
    );
  });

  it('reports a line whose time is garbled past reading as a time (a missing or stray character), and keeps it', async () => {
    const garbled = [
      '17/03/2024, 1x:4 - Sam: damaged',
      '17/03/2024, 08:0 - Sam: cut short',
      '[17/03/2024, 8:O5] Sam: letter O',
    ];
    const c = await fromText(
      ['04/03/2024, 08:02 - Sam: Bloods sent', ...garbled, '04/03/2024, 08:05 - Sam: Results back', ''].join('\n'),
    );
    expect(list(c.messages).map((m) => m.text)).toEqual([`Bloods sent\n${garbled.join('\n')}`, 'Results back']);
    expect(c.warnings.filter((w) => /looks like the start of a message/.test(w.message)).map((w) => w.line)).toEqual([
      2, 3, 4,
    ]);
    // A message line that only begins with a date is not one.
    const plain = await fromText(
      '04/03/2024, 08:02 - Sam: Clinic moved to\n12/03/2024, at 10 - bring notes\n12/03/2024, ward 7: ok?\n',
    );
    expect(plain.warnings.filter((w) => /looks like the start of a message/.test(w.message))).toEqual([]);
  });

  it('infers day-first or month-first from the whole file and lets the caller override it', async () => {
    const inferred = await load('ambiguous-order.txt');
    expect(list(inferred.messages)[3]?.timestamp).toBe('2021-03-04T10:00:00+00:00');
    const forced = await load('ambiguous-order.txt', { dateOrder: 'mdy' });
    expect(list(forced.messages)[3]?.timestamp).toBe('2021-04-03T10:00:00+01:00');
    const late = await fromText('01/02/2021, 10:00 - A: x\n01/13/2021, 10:00 - B: y\n');
    expect(late.source.variant).toBe('android-mdy-24h');
    expect(list(late.messages)[0]?.timestamp).toBe('2021-01-02T10:00:00+00:00');
  });

  it("keeps lines before the first header as a message of their own, with the first message's time", async () => {
    const c = await load('orphan-start.txt');
    const [kept, first] = list(c.messages);
    expect(c.messages).toHaveLength(2);
    expect(kept).toMatchObject({
      author: null,
      text: 'Chat history exported',
      timestamp: first?.timestamp,
      source: { line: 1, lineEnd: 2 },
      unreadable: { reason: 'it comes before the first message, so who wrote it is not known', timeFrom: 'next' },
    });
    expect(c.warnings.find((w) => w.line === 1)?.message).toMatch(
      /^Lines 1 to 2 could not be read .* kept as a message/,
    );
    expect(c.warnings.some((w) => w.raw !== undefined)).toBe(false);
    expect(c.reconciliation).toEqual({ linesRead: 3, linesPlaced: 3 });
  });

  it('still only notes blank lines before the first header', async () => {
    const c = await fromText('\n\n01/02/2021, 10:00 - Ana: first\n');
    expect(list(c.messages).map((m) => m.text)).toEqual(['first']);
    expect(c.warnings.map((w) => w.message)).toContain(
      'The export starts with blank lines (1 to 2): nothing to check.',
    );
  });

  it('matches both attachment styles to files inside a zip, skipping __MACOSX and reading nested zips', async () => {
    const inner = zipSync({
      '_chat.txt': utf8(
        '[29/01/2021, 13:16:00] Tom: \u200e<attached: 00000012-PHOTO-2021-01-29-13-16-00.jpg>\n[29/01/2021, 13:17:00] Tom: \u200e<attached: 00000013-missing.pdf>\n',
      ),
      '00000012-PHOTO-2021-01-29-13-16-00.jpg': new Uint8Array([1, 2, 3]),
    });
    const outer = zipSync({ 'export.zip': inner, '__MACOSX/._export.zip': new Uint8Array([0]) });
    const archive = await importChat({ fileName: 'WhatsApp Chat - Ward 7.zip', bytes: outer });
    const [photo, pdf] = archive.conversation.messages;
    expect(photo?.attachments[0]).toMatchObject({
      included: true,
      kind: 'image',
      mediaKey: 'export.zip/00000012-PHOTO-2021-01-29-13-16-00.jpg',
    });
    expect(archive.media.get('export.zip/00000012-PHOTO-2021-01-29-13-16-00.jpg')).toEqual(new Uint8Array([1, 2, 3]));
    expect(pdf?.attachments[0]).toMatchObject({ included: false, kind: 'document' });
    expect(archive.conversation.title).toBe('Ward 7');

    const android = zipSync({
      'WhatsApp Chat with Ward 7.txt': utf8(
        '29/01/2021, 13:16 - Tom: IMG-20210129-WA0001.jpg (file attached)\ncaption\n',
      ),
      'IMG-20210129-WA0001.jpg': new Uint8Array([9]),
    });
    const a = await importChat({ fileName: 'x.zip', bytes: android });
    expect(list(a.conversation.messages)[0]).toMatchObject({
      text: 'caption',
      attachments: [{ fileName: 'IMG-20210129-WA0001.jpg', included: true }],
    });
  });

  it('reads a zip attached in the chat as an attachment, not as a second chat (an export the project makes)', async () => {
    // An iOS export whose chat has another WhatsApp export attached to it: the attached zip has its own _chat.txt.
    const attached = await generateClinicalChat({ seed: 2, messages: 20, style: 'ios' });
    const attachedZip = zipSync({ '_chat.txt': utf8(attached.exportText) });
    const chat = await generateClinicalChat({ seed: 1, messages: 40, style: 'ios' });
    const last = chat.messages.at(-1) as (typeof chat.messages)[number];
    const zipName = '00000099-Ward 6 handover export.zip';
    const withZip = [
      ...chat.messages,
      { ...last, id: 'zip', text: 'the old group, for the record', attachment: zipName },
    ];
    const photos = Object.fromEntries(
      chat.messages.filter((m) => m.attachment).map((m) => [m.attachment as string, new Uint8Array([0xff, 0xd8])]),
    );
    const exportZip = zipSync({
      '_chat.txt': utf8(toWhatsAppExport(withZip, 'ios')),
      [zipName]: attachedZip,
      ...photos,
    });

    expect(detectFormat({ fileName: 'WhatsApp Chat - Ward 7.zip', bytes: exportZip }).format).toBe('whatsapp');
    const { conversation, media } = await importChat({ fileName: 'WhatsApp Chat - Ward 7.zip', bytes: exportZip });
    expect(conversation.messages).toHaveLength(withZip.length);
    expect(conversation.source.variant).toMatch(/^ios-/);
    const zipMessage = list(conversation.messages).at(-1);
    expect(zipMessage).toMatchObject({
      text: 'the old group, for the record',
      attachments: [{ fileName: zipName, kind: 'document', included: true, mediaKey: zipName }],
    });
    expect(media.get(zipName)).toEqual(attachedZip);
    // The attached export's messages are not the chat's, and its files are not counted as unattached.
    expect(new Set(list(conversation.messages).map((m) => m.source.file))).toEqual(new Set(['_chat.txt']));
    expect(conversation.warnings.some((w) => /not attached to any message/.test(w.message))).toBe(false);
  });

  it('still reads an export that was zipped again, and asks which chat when a zip holds two exports', async () => {
    const one = await generateClinicalChat({ seed: 3, messages: 10, style: 'android' });
    const two = await generateClinicalChat({ seed: 4, messages: 10, style: 'android' });
    const exportOf = (c: typeof one) => zipSync({ [`WhatsApp Chat with ${c.title}.txt`]: utf8(c.exportText) });
    const wrapped = zipSync({ 'export.zip': exportOf(one) });
    const { conversation } = await importChat({ fileName: 'from-email.zip', bytes: wrapped });
    expect(conversation.messages).toHaveLength(one.messages.length);
    const both = zipSync({ 'one.zip': exportOf(one), 'two.zip': exportOf(two) });
    await expect(importChat({ fileName: 'both.zip', bytes: both })).rejects.toThrow(/holds 2 WhatsApp chats/);
  });

  it('reads the autumn repeated hour in file order and flags the spring gap', async () => {
    const autumn = await load('dst-autumn.txt');
    expect(list(autumn.messages).map((m) => m.timestamp)).toEqual([
      '2021-10-31T00:30:00+01:00',
      '2021-10-31T01:10:00+01:00',
      '2021-10-31T01:50:00+01:00',
      '2021-10-31T01:20:00+00:00',
      '2021-10-31T01:40:00+00:00',
      '2021-10-31T02:10:00+00:00',
    ]);
    expect(autumn.warnings.some((w) => /backwards/.test(w.message))).toBe(false);
    const spring = await load('dst-spring.txt');
    expect(list(spring.messages)[1]?.timestamp).toBe('2021-03-28T02:30:00+01:00');
    expect(spring.warnings.some((w) => w.line === 2 && /does not exist/.test(w.message))).toBe(true);
    const ny = await load('dst-autumn.txt', { timeZone: 'America/New_York' });
    expect(list(ny.messages)[0]?.timestamp).toBe('2021-10-31T00:30:00-04:00');
  });

  it('gives stable ids: same file, same ids; repeated identical messages stay distinct', async () => {
    const a = await load('android-uk-24h.txt');
    const b = await load('android-uk-24h.txt');
    expect(list(a.messages).map((m) => m.id)).toEqual(list(b.messages).map((m) => m.id));
    const twice = await fromText('01/02/2021, 10:00 - A: ok\n01/02/2021, 10:00 - A: ok\n');
    expect(new Set(list(twice.messages).map((m) => m.id)).size).toBe(2);
    expect(fixture('android-uk-24h.txt').length).toBeGreaterThan(0);
  });
});

describe('authors recognised without scanning for the colon', () => {
  it('reads each line as it reads that line alone, whatever the names and colons (property)', async () => {
    // Names that start alike, contain colons or are prefixes of each other; texts with colons of their own. A line's
    // first author is found by scanning for the colon; later lines by the same author by matching the known name.
    const author = fc.constantFrom(
      'Ana',
      'Ana Lee',
      'Ana:Lee',
      'An',
      'A:',
      'Dr: Who',
      '+44 7700 900123',
      '+44 7700 900124',
    );
    const text = fc.constantFrom('hi', 'see: notes', 'a:b', ': leading', 'x:\u00a0y', 'ok:', 'Lee: no');
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(author, text), { minLength: 1, maxLength: 20 }), async (rows) => {
        const lines = rows.map(([name, said], i) => `01/02/2021, 10:${String(i).padStart(2, '0')} - ${name}: ${said}`);
        const whole = list((await fromText(`${lines.join('\n')}\n`)).messages);
        expect(whole).toHaveLength(rows.length);
        for (const [i, line] of lines.entries()) {
          const [alone] = list((await fromText(`${line}\n`)).messages);
          expect({ author: whole[i]?.author, text: whole[i]?.text }).toEqual({
            author: alone?.author,
            text: alone?.text,
          });
        }
      }),
      { numRuns: 150 },
    );
  });
});

describe('rows read from the export bytes', () => {
  it('reads system lines from their bytes and still takes the chat name from a quoted one', async () => {
    for (const [line, title] of [
      ['Ana changed the subject to "Ward 7"', 'Ward 7'],
      ['Ana changed the group name to “Ward 8”', 'Ward 8'],
      ['Ana created group "Ward 9"', 'Ward 9'],
    ] as const) {
      const c = await fromText(
        `03/02/2024, 10:00 - Ana added Ben\n03/02/2024, 10:01 - ${line}\n03/02/2024, 10:02 - Ben: hi\n`,
      );
      expect(c.title).toBe(title);
      const [added, named] = list(c.messages);
      expect(added).toMatchObject({ kind: 'system', author: null, text: 'Ana added Ben', attachments: [] });
      expect(named).toMatchObject({ kind: 'system', author: null, text: line });
    }
  });

  // Texts read straight from the bytes (ASCII, or well-formed UTF-8 with emoji and accents) and texts read through
  // the decode batch must come out the same, ids included. A CRLF export of a chat sends every message through the
  // batch (its line ends are rewritten); the same chat with LF line ends takes the byte route where it can.
  const piece = fc.oneof(
    fc.string({ unit: 'grapheme', maxLength: 30 }),
    fc.string({ unit: 'grapheme-ascii', maxLength: 30 }),
    fc.constantFrom(
      '<Media omitted>',
      '<Medien weggelassen>',
      'This message was deleted',
      'POLL:',
      'Messages and calls are end-to-end encrypted.',
      'see you at 14:00 👍',
      'Ärztin kommt 🚑',
      'image omitted',
      'IMG-20240101-WA0001.jpg (file attached)',
      'IMG-20240101-WA0002.jpg (anything)',
      'notes.txt (file attached)',
      'a.b.jpg (file attached)',
      'scan.pdf (Datei angehängt)',
      'notes. (file attached)',
      'plan.abcdefg (file attached)',
      'obs stable (bed 4)',
      'v1.2 (draft)',
      'see (a) and (b)',
      'https://maps.google.com/?q=51.5,-0.1',
      '😀😀',
      'e\u0301 naïve café',
      '検査結果',
    ),
  );
  const message = fc.array(piece, { minLength: 1, maxLength: 3 }).map((parts) =>
    parts
      .join(' ')
      .replace(/[\r\n\u2028\u2029\u0085]/g, ' ')
      .trim(),
  );
  // null: a system line (no author), whose text may name the chat in quotation marks.
  const systemText = fc.oneof(
    message,
    fc.constantFrom(
      'Ana added Ben',
      'Ben left',
      'Siân added Jamie O’Neill',
      'Ana changed the subject to "Ward 7"',
      'Ana changed the group name to “Ward 8”',
      "Ana changed this group's icon",
    ),
  );
  const lines = fc.array(
    fc.oneof(
      fc.tuple(fc.constantFrom('Ana Lee', 'Ben', 'Dr Okafor 🙂'), message, fc.boolean()),
      fc.tuple(fc.constant(null), systemText, fc.boolean()),
    ),
    { minLength: 1, maxLength: 12 },
  );

  it('gives the same messages and ids whether a text is read from its bytes or decoded in a batch', async () => {
    await fc.assert(
      fc.asyncProperty(lines, async (rows) => {
        const body = rows.map(([author, text, twoLines], i) => {
          const minute = String(i).padStart(2, '0');
          const said = author === null ? text : `${author}: ${text}`;
          return `03/02/2024, 10:${minute} - ${said}${twoLines ? '\nsecond line' : ''}`;
        });
        const lf = await fromText(`${body.join('\n')}\n`);
        const crlf = await fromText(`${body.join('\r\n').replace(/\nsecond/g, '\r\nsecond')}\r\n`);
        const strip = (m: Message) => ({ ...m, source: undefined });
        expect(list(lf.messages).map(strip)).toEqual(list(crlf.messages).map(strip));
        expect(lf.participants).toEqual(crlf.participants);
        expect(lf.title).toEqual(crlf.title);
      }),
      { numRuns: 300 },
    );
  });
});
