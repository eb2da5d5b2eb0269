/**
 * Conformance over third-party samples in ../shared/fixtures/chats (skipped when absent): files with an expected
 * parse (chat-miner targets) are compared with it; every other file is checked against invariants.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ChatImportError, importChat } from '../src/index.ts';
import { list } from './helpers.ts';

const dir = new URL('../../../../shared/fixtures/chats/', import.meta.url);
const present = existsSync(dir);
const files = present ? readdirSync(dir).filter((f) => !f.includes('_target')) : [];
const read = (name: string): Uint8Array => new Uint8Array(readFileSync(new URL(name, dir)));
const unsupported = new Set(['joweich-chat-miner__instagram_test_export.json']);

interface Target {
  timestamp: string;
  author: string;
  message: string;
}
// chat-miner joins lines and entity parts with spaces; compare text without white space.
const squash = (text: string): string => text.replace(/\s+/g, '');

describe.skipIf(!present)('conformance: files with an expected parse', () => {
  const targets: [string, string][] = [
    ['joweich-chat-miner__whatsapp_test_ddmmyy_24hrs.txt', 'joweich-chat-miner__whatsapp_target.json'],
    ['joweich-chat-miner__whatsapp_test_mmddyy_24hrs.txt', 'joweich-chat-miner__whatsapp_target.json'],
    ['joweich-chat-miner__whatsapp_test_[mmddyy]_24hrs.txt', 'joweich-chat-miner__whatsapp_target.json'],
    ['joweich-chat-miner__whatsapp_test_yyyymmdd_24hrs.txt', 'joweich-chat-miner__whatsapp_target.json'],
    ['joweich-chat-miner__whatsapp_test_mmddyyyy_12hrs.txt', 'joweich-chat-miner__whatsapp_target.json'],
    ['joweich-chat-miner__telegram_test_single_export.json', 'joweich-chat-miner__telegram_target.json'],
    ['joweich-chat-miner__telegram_test_batch_export.json', 'joweich-chat-miner__telegram_target.json'],
    ['joweich-chat-miner__signal_test_export.txt', 'joweich-chat-miner__signal_target.json'],
  ];
  it.each(targets)('%s matches %s', async (file, targetFile) => {
    const target = JSON.parse(new TextDecoder().decode(read(targetFile))) as Target[];
    const { conversation: c } = await importChat({ fileName: file, bytes: read(file) }, { timeZone: 'UTC' });
    for (const t of target) {
      const found = list(c.messages).find(
        (m) =>
          m.timestamp.slice(0, 19) === t.timestamp && m.author === t.author && squash(m.text) === squash(t.message),
      );
      expect(found, `${t.timestamp} ${t.author}: ${t.message}`).toBeDefined();
    }
    // Messages the target leaves out are system events or the malformed "Name:." line; none is an authored message with text.
    const extra = list(c.messages).filter(
      (m) => m.kind === 'message' && !target.some((t) => t.author === m.author && squash(t.message) === squash(m.text)),
    );
    expect(extra).toEqual([]);
  });
});

describe.skipIf(!present)('conformance: invariants on every sample', () => {
  it.each(files.filter((f) => !unsupported.has(f)))('%s', async (file) => {
    const { conversation: c } = await importChat({ fileName: file, bytes: read(file) });
    expect(c.reconciliation.linesRead).toBeGreaterThan(0);
    expect(c.reconciliation.linesPlaced).toBe(c.reconciliation.linesRead);
    let previous = Number.NEGATIVE_INFINITY;
    let previousChannel: string | undefined;
    for (const m of c.messages) {
      expect(m.timestamp).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2}$/);
      const t = Date.parse(m.timestamp);
      expect(Number.isNaN(t)).toBe(false);
      if (m.channel === previousChannel && t < previous) {
        expect(
          c.warnings.some((w) => w.line === m.source.line && w.file === m.source.file && /backwards/.test(w.message)),
        ).toBe(true);
      }
      previous = t;
      previousChannel = m.channel;
      if (m.author !== null) {
        expect(m.author).not.toMatch(/^\d{1,2}[:.]\d{2}|\b[AaPp]\.? ?[Mm]\.?$|^\s|\s$|^$/);
        expect(m.author.length).toBeLessThanOrEqual(100);
      }
      // Recognised: a known kind, or 'other' only for Android's kind-less "<Media omitted>" placeholder (any language).
      for (const a of m.attachments) {
        expect(['image', 'video', 'audio', 'document', 'sticker', 'contact', 'location', 'other']).toContain(a.kind);
        if (a.kind === 'other') expect(a.fileName).toMatch(/^<.+>$/);
      }
      if (m.kind === 'message') expect(m.text).not.toMatch(/^\u200e?<attached: |\(file attached\)$|^<Media omitted>$/);
    }
  });

  it('refuses the Instagram sample, naming it', async () => {
    const error = await importChat({
      fileName: 'x.json',
      bytes: read('joweich-chat-miner__instagram_test_export.json'),
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ChatImportError);
    expect((error as Error).message).toMatch(/Instagram/);
  });

  it('merges the two overlapping whatstk exports without duplicates', async () => {
    const { mergeConversations } = await import('../src/index.ts');
    const a = (await importChat({ fileName: 'p1.txt', bytes: read('lucasrodes-whatstk__lorem-merge-part1.txt') }))
      .conversation;
    const b = (await importChat({ fileName: 'p2.txt', bytes: read('lucasrodes-whatstk__lorem-merge-part2.txt') }))
      .conversation;
    const merged = mergeConversations(a, b);
    expect(new Set(list(merged.messages).map((m) => m.id)).size).toBe(merged.messages.length);
    expect(merged.messages.length).toBeLessThanOrEqual(a.messages.length + b.messages.length);
  });
});
