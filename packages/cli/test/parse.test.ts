import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { main } from '../src/main.ts';

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { stdout: (t: string) => out.push(t), stderr: (t: string) => err.push(t) }, out, err };
}

const dir = mkdtempSync(join(tmpdir(), 'records-parse-'));
const chat = join(dir, 'WhatsApp Chat with Ward 7.txt');
writeFileSync(chat, '01/02/2021, 10:00 - Ana: Hello\nsecond line\n13/02/2021, 10:01 - Ben: <Media omitted>\n');

describe('records parse', () => {
  it('prints the conversation as JSON', async () => {
    const { io, out } = capture();
    expect(await main(['parse', chat], io)).toBe(0);
    const json = JSON.parse(out.join(''));
    expect(json.format).toBe('whatsapp');
    expect(json.source.fileName).toBe('WhatsApp Chat with Ward 7.txt');
    expect(json.source.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(json.participants.map((p: { name: string }) => p.name)).toEqual(['Ana', 'Ben']);
    expect(json.messages[0]).toMatchObject({
      timestamp: '2021-02-01T10:00:00+00:00',
      author: 'Ana',
      text: 'Hello\nsecond line',
      kind: 'message',
      attachments: [],
    });
    expect(json.messages[1].attachments).toEqual([{ fileName: '<Media omitted>', kind: 'other', included: false }]);
    expect(json.reconciliation).toEqual({ linesRead: 3, linesPlaced: 3 });
  });

  it('marks a record it could not read, as records redact does, so a script can tell it from a message', async () => {
    const csv = join(dir, 'ward.csv');
    writeFileSync(csv, 'timestamp,author,text\n2024-03-01T10:00:00Z,Ana,hi\nnot a date,Ben,hello\n');
    const { io, out } = capture();
    expect(await main(['parse', csv], io)).toBe(0);
    const messages = JSON.parse(out.join('')).messages;
    expect(messages[0].unreadable).toBeUndefined();
    expect(messages[1]).toMatchObject({
      text: 'not a date,Ben,hello',
      timestamp: '2024-03-01T10:00:00+00:00',
      unreadable: { reason: expect.stringContaining('timestamp'), timeFrom: 'previous' },
      line: 3,
    });
  });

  it('honours --date-order and --timezone', async () => {
    const ok = capture();
    writeFileSync(join(dir, 'b.txt'), '01/02/2021, 10:00 - Ana: Hello\n');
    expect(
      await main(['parse', join(dir, 'b.txt'), '--date-order', 'mdy', '--timezone', 'America/New_York'], ok.io),
    ).toBe(0);
    expect(JSON.parse(ok.out.join('')).messages[0].timestamp).toBe('2021-01-02T10:00:00-05:00');
  });

  it('rejects bad options with exit code 2 and bad files with exit code 1', async () => {
    const bad = capture();
    expect(await main(['parse', chat, '--date-order', 'ydm'], bad.io)).toBe(2);
    expect(bad.err.join('')).toMatch(/--date-order/);
    const missing = capture();
    expect(await main(['parse', join(dir, 'nope.txt')], missing.io)).toBe(2);
    const pdf = join(dir, 'scan.txt');
    writeFileSync(pdf, '%PDF-1.4 not a chat');
    const refused = capture();
    expect(await main(['parse', pdf], refused.io)).toBe(1);
    // Bad input: the message alone, on one line, without the error's class name.
    expect(refused.err.join('')).toMatch(/^records parse: scan\.txt is a PDF document[^\n]*\n$/);
    expect(refused.err.join('')).not.toMatch(/Error:/);
  });

  it('says to export the chat again when a zip was cut off before its first chat was whole', async () => {
    const zip = new JSZip();
    const lines = Array.from(
      { length: 400 },
      (_, i) => `01/02/2021, 10:${String(i % 60).padStart(2, '0')} - Ana: note ${i}`,
    );
    zip.file('_chat.txt', lines.join('\n'));
    const whole = await zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' });
    const cut = join(dir, 'WhatsApp Chat - Ward 7.zip');
    writeFileSync(cut, whole.subarray(0, Math.floor(whole.length / 2)));
    const failed = capture();
    expect(await main(['parse', cut], failed.io)).toBe(1);
    expect(failed.err.join('')).toMatch(
      /^records parse: WhatsApp Chat - Ward 7\.zip .*Export the chat again from the app/,
    );
  });
});
