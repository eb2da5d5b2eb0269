import fc from 'fast-check';
import { zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import {
  ChatImportError,
  EmptyInputError,
  InvalidArchiveError,
  importChat,
  LimitExceededError,
  UnsupportedFormatError,
} from '../src/index.ts';
import { list, utf8 } from './helpers.ts';

const run = (fileName: string, bytes: Uint8Array, options = {}) => importChat({ fileName, bytes }, options);

describe('hostile and broken input', () => {
  it('refuses an empty file and a blank one', async () => {
    await expect(run('a.txt', new Uint8Array())).rejects.toThrow(EmptyInputError);
    await expect(run('a.txt', utf8(' \n\n'))).rejects.toThrow(EmptyInputError);
  });

  it('names a PDF renamed .txt', async () => {
    await expect(run('chat.txt', utf8('%PDF-1.7\n%âãÏÓ\n1 0 obj'))).rejects.toThrow(/chat\.txt is a PDF document/);
  });

  it('names what was tried and what is supported for an unknown file', async () => {
    const error = await run('notes.txt', utf8('just some notes\nnothing else\n')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UnsupportedFormatError);
    expect((error as UnsupportedFormatError).tried.map((t) => t.split(':')[0])).toEqual([
      'whatsapp',
      'telegram',
      'slack',
      'signal',
      'csv',
    ]);
    expect((error as Error).message).toMatch(/Supported: WhatsApp/);
  });

  it('replaces invalid UTF-8 and warns with the line', async () => {
    const bytes = new Uint8Array([
      ...utf8('01/02/2021, 10:00 - A: ok\n01/02/2021, 10:01 - B: bad '),
      0xff,
      0xfe,
      ...utf8('\n'),
    ]);
    const { conversation: c } = await run('a.txt', bytes);
    expect(list(c.messages)[1]?.text).toContain('\ufffd');
    expect(c.warnings.some((w) => w.line === 2 && /could not be read/.test(w.message))).toBe(true);
  });

  it('reads UTF-16 with a BOM and without one', async () => {
    const text = '01/02/2021, 10:00 - Ana: héllo\n';
    const le = new Uint8Array(text.length * 2);
    for (let i = 0; i < text.length; i++) le[i * 2] = text.charCodeAt(i);
    const withBom = new Uint8Array([0xff, 0xfe, ...le]);
    expect(list((await run('a.txt', withBom)).conversation.messages)[0]?.text).toBe('héllo');
    const guessed = await run('a.txt', le);
    expect(list(guessed.conversation.messages)[0]?.text).toBe('héllo');
    expect(guessed.conversation.warnings.some((w) => /UTF-16LE/.test(w.message))).toBe(true);
  });

  it('stops a zip bomb by ratio and by total size', async () => {
    const bomb = zipSync({ '_chat.txt': new Uint8Array(30 * 1024 * 1024) }, { level: 9 });
    await expect(run('bomb.zip', bomb)).rejects.toThrow(LimitExceededError);
    const big = zipSync({ '_chat.txt': utf8('01/02/2021, 10:00 - A: x\n'.repeat(100_000)) });
    await expect(run('big.zip', big, { limits: { maxUncompressedBytes: 100_000 } })).rejects.toThrow(
      /maxUncompressedBytes/,
    );
  });

  it('caps nested zip depth and ignores path-traversal names', async () => {
    let nested = zipSync({ '_chat.txt': utf8('01/02/2021, 10:00 - A: x\n') });
    for (let i = 0; i < 4; i++) nested = zipSync({ [`level${i}.zip`]: nested });
    await expect(run('deep.zip', nested)).rejects.toThrow(/maxZipDepth/);
    const evil = zipSync({ '_chat.txt': utf8('01/02/2021, 10:00 - A: x\n'), '../../etc/passwd': utf8('root') });
    const { conversation: c } = await run('evil.zip', evil);
    expect(c.messages).toHaveLength(1);
    expect(c.warnings.some((w) => /unsafe path/.test(w.message))).toBe(true);
  });

  it('refuses a corrupt zip', async () => {
    const good = zipSync({ '_chat.txt': utf8('01/02/2021, 10:00 - A: x\n'.repeat(50)) });
    await expect(run('cut.zip', good.subarray(0, 60))).rejects.toThrow(InvalidArchiveError);
  });

  it('reads a zip cut short in its central directory, and warns that its end is damaged', async () => {
    const chat = utf8('01/02/2021, 10:00 - A: hello\n01/02/2021, 10:01 - B: IMG-0001.jpg (file attached)\n');
    const whole = zipSync({ '_chat.txt': chat, 'IMG-0001.jpg': new Uint8Array([0xff, 0xd8, 0xff, 0xd9]) });
    const damaged = /^The end of cut\.zip is damaged .* read from its files one by one/;
    const before = await run('cut.zip', whole);
    expect(before.conversation.warnings.some((w) => damaged.test(w.message))).toBe(false);
    // The central directory starts where the end record (the last 22 bytes, no comment) says.
    const view = new DataView(whole.buffer, whole.byteOffset, whole.byteLength);
    const directory = view.getUint32(whole.length - 6, true);
    for (const cut of [1, 10, 22, whole.length - directory - 5, whole.length - directory]) {
      const { conversation: c, media } = await run('cut.zip', whole.subarray(0, whole.length - cut));
      expect(list(c.messages).map((m) => m.text)).toEqual(list(before.conversation.messages).map((m) => m.text));
      expect([...media.values()]).toEqual([...before.media.values()]);
      expect(c.warnings.filter((w) => damaged.test(w.message))).toHaveLength(1);
    }
  });

  it('finds the end of a zip with a comment, and does not warn about it', async () => {
    const whole = zipSync({ '_chat.txt': utf8('01/02/2021, 10:00 - A: hello\n') });
    const comment = utf8('made by a phone');
    const commented = new Uint8Array(whole.length + comment.length);
    commented.set(whole);
    commented.set(comment, whole.length);
    new DataView(commented.buffer).setUint16(whole.length - 2, comment.length, true);
    const { conversation: c } = await run('commented.zip', commented);
    expect(c.warnings.some((w) => /is damaged/.test(w.message))).toBe(false);
    expect(c.messages).toHaveLength(1);
  });

  it('handles a single 100 MB line: an error on its own, a warning inside a chat', async () => {
    const line = new Uint8Array(100 * 1024 * 1024).fill(0x61);
    await expect(run('big.txt', line)).rejects.toThrow(UnsupportedFormatError);
    const head = utf8('01/02/2021, 10:00 - A: before\n');
    const tail = utf8('\n01/02/2021, 10:02 - B: after\n');
    const bytes = new Uint8Array(head.length + line.length + tail.length);
    bytes.set(head);
    bytes.set(line, head.length);
    bytes.set(tail, head.length + line.length);
    const { conversation: c } = await run('chat.txt', bytes);
    expect(list(c.messages).map((m) => m.text)).toEqual(['before', 'after']);
    expect(c.warnings.some((w) => w.line === 2 && /too long to be a chat message/.test(w.message))).toBe(true);
    expect(c.reconciliation).toEqual({ linesRead: 3, linesPlaced: 3 });
  }, 60_000);
});

const headerish = fc.oneof(
  fc.constantFrom(
    '01/02/2021, 10:00 - ',
    '[1/2/21, 9:05:01\u202fPM] ',
    '2021-02-01, 10:00 - ',
    '13.6.2018 klo 21.25.15 - ',
    '\u200e',
    '\ufeff',
    '31/10/2021, 01:30 - ',
    '28/03/2021, 01:30 - ',
  ),
  fc.constantFrom(
    'Ana: ',
    'Ben: ',
    '<Media omitted>',
    'POLL:',
    'OPTION: x (1 vote)',
    '\r',
    '\n',
    ': ',
    '<attached: a.jpg>',
    'IMG-20210101-WA0001.jpg (file attached)',
  ),
  fc.string({ maxLength: 12 }),
);
const chatText = fc
  .array(
    fc.array(headerish, { maxLength: 6 }).map((parts) => parts.join('')),
    { minLength: 1, maxLength: 30 },
  )
  .map((lines) => lines.join('\n'));

describe('properties', () => {
  it('no text crashes the WhatsApp parser and no line goes missing', async () => {
    await fc.assert(
      fc.asyncProperty(chatText, async (text) => {
        const body = `01/02/2021, 09:00 - Start: begin\n${text}`;
        const { conversation: c } = await importChat(
          { fileName: 'chat.txt', bytes: utf8(body) },
          { format: 'whatsapp' },
        );
        const lines = body.endsWith('\n') ? body.split('\n').length - 1 : body.split('\n').length;
        expect(c.reconciliation.linesRead).toBe(lines);
        expect(c.reconciliation.linesPlaced).toBe(lines);
        for (const m of c.messages) expect(Number.isNaN(Date.parse(m.timestamp))).toBe(false);
      }),
      { numRuns: 300 },
    );
  });

  it('any bytes give a result or a ChatImportError, never another failure', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uint8Array({ maxLength: 400 }),
        fc.constantFrom('a.txt', 'a.zip', 'result.json', 'a.csv', 'chat.md'),
        async (bytes, name) => {
          try {
            const { conversation: c } = await importChat({ fileName: name, bytes });
            expect(c.reconciliation.linesRead).toBe(c.reconciliation.linesPlaced);
          } catch (error) {
            expect(error).toBeInstanceOf(ChatImportError);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
