/** The columnar message list the importer returns: it reads like a read-only array of plain messages. */
import { describe, expect, it } from 'vitest';
import { type Message, messageAttachmentsAt, messageIdAt, messageTextAt } from '../src/index.ts';
import { fromText, list, load } from './helpers.ts';

const chat = [
  '03/02/2024, 10:00 - Ana Lee: Morning all 👋',
  '03/02/2024, 10:01 - Ben: <Media omitted>',
  '03/02/2024, 10:02 - Ana Lee: Bed 4 review',
  'second line',
  '03/02/2024, 10:03 - Ben added Chris',
].join('\n');

describe('MessageList from the importer', () => {
  it('reads by index (negative from the end), iterates in order and is undefined past either end', async () => {
    const { messages } = await fromText(chat);
    expect(messages.length).toBe(4);
    const all = list(messages);
    expect(all.map((m) => m.text)).toEqual(['Morning all 👋', '', 'Bed 4 review\nsecond line', 'Ben added Chris']);
    expect(messages.at(-1)).toEqual(all[3]);
    expect(messages.at(-4)).toEqual(all[0]);
    expect(messages.at(4)).toBeUndefined();
    expect(messages.at(-5)).toBeUndefined();
    expect(messages.at(1)?.attachments).toEqual([{ fileName: '<Media omitted>', kind: 'other', included: false }]);
  });

  it('gives plain messages: a fresh object per read, equal in content, JSON as an array', async () => {
    const { messages } = await fromText(chat);
    const first = messages.at(0) as Message;
    const again = messages.at(0) as Message;
    expect(again).not.toBe(first);
    expect(again).toEqual(first);
    expect(Object.getPrototypeOf(first)).toBe(Object.prototype);
    expect(structuredClone(first)).toEqual(first);
    expect(JSON.parse(JSON.stringify(messages))).toEqual(JSON.parse(JSON.stringify(list(messages))));
    // Messages without attachments share one frozen empty list: adding to it fails loudly instead of editing the chat.
    expect(Object.isFrozen(first.attachments)).toBe(true);
    // Changing a message read from the list does not change the list.
    first.text = 'changed';
    expect(messages.at(0)?.text).toBe('Morning all 👋');
    // Its attachments are the list's own, frozen: editing them fails loudly and changes nothing.
    const withFile = messages.at(1) as Message;
    expect(() => withFile.attachments.push({ fileName: 'x.jpg', kind: 'image', included: true })).toThrow(TypeError);
    expect(() => {
      (withFile.attachments[0] as { included: boolean }).included = true;
    }).toThrow(TypeError);
    expect(messages.at(1)?.attachments).toEqual([{ fileName: '<Media omitted>', kind: 'other', included: false }]);
  });

  it('messageTextAt and messageIdAt give each text and id without building the message, on the table and on a plain array', async () => {
    const c = await load('android-uk-24h.txt');
    const all = list(c.messages);
    expect(all.length).toBeGreaterThan(5);
    all.forEach((message, i) => {
      expect(messageTextAt(c.messages, i)).toBe(message.text);
      expect(messageTextAt(all, i)).toBe(message.text);
      expect(messageIdAt(c.messages, i)).toBe(message.id);
      expect(messageIdAt(all, i)).toBe(message.id);
    });
    expect(new Set(all.map((_, i) => messageIdAt(c.messages, i))).size).toBe(all.length);
  });

  it("messageAttachmentsAt gives each message's attachments without building it, on the table and on a plain array", async () => {
    const { messages } = await fromText(chat);
    const all = list(messages);
    all.forEach((message, i) => {
      expect(messageAttachmentsAt(messages, i)).toEqual(message.attachments);
      expect(messageAttachmentsAt(all, i)).toBe(message.attachments);
    });
    expect(messageAttachmentsAt(messages, 1)).toEqual([
      { fileName: '<Media omitted>', kind: 'other', included: false },
    ]);
    expect(messageAttachmentsAt(messages, 0)).toEqual([]);
  });
});
