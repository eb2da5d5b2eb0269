import { importChat, type Message } from '@im-records/chat-import';
import {
  applyDecisions,
  detectPersonalDataSync,
  isTitleMessage,
  type Proposal,
  withTitleMessages,
} from '@im-records/redaction';
import { describe, expect, it } from 'vitest';
import {
  messagePlaces,
  messagesInScopeOf,
  packedBuffers,
  packMessages,
  packProposals,
  packScope,
  unpackMessages,
  unpackProposals,
  unpackScope,
} from '../src/lib/compact.ts';

/** A WhatsApp export named after one person, imported with its title messages, as the worker's merge gives it. */
async function titledChat(text: string) {
  const { conversation: imported } = await importChat({
    fileName: 'WhatsApp Chat with Derek Thompson.txt',
    bytes: new TextEncoder().encode(text),
  });
  const conversation = withTitleMessages({ ...imported, messages: Array.from(imported.messages) });
  const all = conversation.messages as Message[];
  return { conversation, all, titles: all.filter((message) => isTitleMessage(message.id)) };
}

import { decidedStatuses, indexProposals, reviewCounts } from '../src/lib/review.ts';

/** The packed form as the page receives it: a structured clone, its buffers moved. */
function sent<T>(packed: T & object): T {
  return structuredClone(packed, { transfer: packedBuffers(packed as never) });
}

/** A chat of a title and messages m0 to m9, as the page holds it, and each message's place as the worker knows it. */
const chat = { titles: [{ id: 'title:1' }], messages: Array.from({ length: 10 }, (_, i) => ({ id: `m${i}` })) };
const places = messagePlaces([...chat.titles, ...chat.messages]);

const base = (i: number): Message => ({
  id: `m${i}`,
  timestamp: `2024-03-04T08:${String(i).padStart(2, '0')}:00+00:00`,
  author: i % 3 === 0 ? null : `Author ${i % 2}`,
  text: i % 4 === 0 ? '' : `Message ${i} with émoji 👍 and\nnew lines`,
  kind: i % 3 === 0 ? 'system' : 'message',
  attachments: [],
  source: { file: i < 5 ? 'chat.txt' : 'other.txt', line: i + 1, lineEnd: i + 2 },
});

describe('compact forms of the prepared case', () => {
  it('gives back every message field for field, the rare fields included', () => {
    const messages: Message[] = Array.from({ length: 10 }, (_, i) => base(i));
    messages[1] = {
      ...base(1),
      attachments: [{ fileName: 'photo.jpg', kind: 'image', included: true, mediaKey: 'photo.jpg' } as never],
      edited: true,
      replyTo: 'm0',
    };
    messages[2] = { ...base(2), channel: '1:#ward', thread: 't1', nativeId: '42' };
    messages[3] = {
      ...base(3),
      kind: 'poll',
      poll: { question: 'Which day?', options: [{ text: 'Mon', votes: 2 }] } as never,
    };
    const packed = packMessages(messages);
    expect(packed.id.joined).toBe(messages.map((m) => m.id).join(''));
    const back = unpackMessages(sent(packed));
    expect(back).toEqual(messages);
    expect(back[1]?.attachments).not.toBe(back[0]?.attachments);
    expect(back[0]?.attachments).not.toBe(back[4]?.attachments);
  });

  it('packs no messages and no proposals', () => {
    expect(unpackMessages(sent(packMessages([])))).toEqual([]);
    expect(unpackProposals(sent(packProposals([], places)), chat).list).toEqual([]);
  });

  it("gives back detection's and the officer's proposals as the worker had them, those on the chat's title too", async () => {
    const text = [
      '04/03/2024, 08:01 - Jane Okafor: Bed 4 is Margaret Thompson, NHS number 943 476 5919',
      '04/03/2024, 08:02 - Derek Thompson: Margaret Thompson is my mother, call 07700 900123',
      '04/03/2024, 08:03 - Jane Okafor: Will do, Derek. Ask Mrs Thompson about 👍 Margaret’s bed',
    ].join('\n');
    const { conversation, all, titles } = await titledChat(text);
    const detected = detectPersonalDataSync(conversation, { mode: 'foi' }).proposals;
    const [first] = detected;
    if (!first) throw new Error('Detection found nothing.');
    // The officer's own additions carry ids of their own (`…:manual`, `…:term`).
    const { proposals } = applyDecisions(
      conversation,
      detected,
      [
        { action: 'reject', proposalId: first.id, by: 'a', at: 'now' },
        { action: 'add-span', messageId: all[1]?.id ?? '', start: 0, end: 3, category: 'custom', by: 'a', at: 'now' },
        { action: 'add-term', term: 'bed', category: 'custom', by: 'a', at: 'now' },
      ],
      'foi',
    );
    // A title is not a message: its proposals name it by its own id (`title:1`), and travel by its place among titles.
    expect(proposals.some((proposal) => isTitleMessage(proposal.messageId))).toBe(true);
    expect(proposals.filter((proposal) => proposal.rule.startsWith('manual:')).length).toBeGreaterThanOrEqual(3);
    const packed = packProposals(proposals, messagePlaces(all));
    const back = unpackProposals(sent(packed), { titles, messages: all.slice(titles.length) }).list;
    expect(back).toEqual(proposals);
  });

  it("counts the review in the worker as the page would, for detection's proposals with no decision made", async () => {
    const text = [
      '04/03/2024, 08:01 - Jane Okafor: Bed 4 is Margaret Thompson, NHS number 943 476 5919',
      '04/03/2024, 08:02 - Derek Thompson: Margaret Thompson is my mother, call 07700 900123 or 07700 900456',
      '05/03/2024, 09:03 - Jane Okafor: Will do, Derek. Ask Mrs Thompson about Margaret’s bed',
    ].join('\n');
    const { conversation, all, titles } = await titledChat(text);
    const messages = all.slice(titles.length);
    const { proposals } = applyDecisions(
      conversation,
      detectPersonalDataSync(conversation, { mode: 'foi' }).proposals,
      [],
      'foi',
    );
    const places = messagePlaces(all);
    // The first day only is in scope, so the counts leave a message out.
    const scope = packScope(
      messages.slice(0, 2).map((message) => ({ messageId: message.id, reasons: ['In the date range'] })),
      places,
    );
    const packed = packProposals(proposals, places);
    // The worker, as `prepare` does.
    const inWorker = reviewCounts(
      { titles, messages, inScope: messagesInScopeOf(scope, titles.length, messages.length) },
      indexProposals(proposals, packed.place, { titles: titles.length, messages: messages.length }),
      new Map(),
    );
    // The page, as the review's first render did.
    const chat = { titles, messages };
    const { messagesInScope } = unpackScope(sent(scope), chat);
    const { list, places: placed } = unpackProposals(sent(packed), chat);
    const index = indexProposals(list, placed, { titles: titles.length, messages: messages.length });
    const onPage = reviewCounts(
      { titles, messages, inScope: messagesInScope },
      index,
      decidedStatuses([], index.members),
    );
    expect(inWorker).toEqual(onPage);
    expect(inWorker.total).toBeGreaterThan(3);
    expect(inWorker.total).toBeLessThan(proposals.length);
  });

  it('gives back every proposal, with shared further exemptions still shared and optional fields only where set', () => {
    const also = Object.freeze(['s41']);
    const proposals = Array.from(
      { length: 6 },
      (_, i): Proposal => ({
        id: `m${i}:0-5:name`,
        messageId: `m${i}`,
        start: i,
        end: i + 5.5,
        text: `Name ${i}`,
        category: i % 2 ? 'person-name' : 'phone',
        confidence: 0.1 * i,
        rule: i % 2 ? 'name:participant' : 'phone:libphonenumber-gb',
        exemption: 's40(2)',
        status: i === 5 ? 'accepted' : 'proposed',
        ...(i % 2 ? { role: 'patient' as const, personKey: `p${i % 3}`, alsoExemptions: also } : {}),
        ...(i === 3 ? { group: 'g1' } : {}),
      }),
    );
    const packed = packProposals(proposals, places);
    // The optional fields travel in columns, each value once; no proposal needs a field of its own.
    expect(packed.optional.personKey.values).toEqual(['p1', 'p0', 'p2']);
    expect(packed.optional.alsoExemptions.values).toHaveLength(1);
    expect(packed.rest.values).toEqual([null]);
    const { list: back, places: placed } = unpackProposals(sent(packed), chat);
    expect(back).toEqual(proposals);
    // Each proposal's message by place (the title first), its id the very string the page's message holds.
    expect([...placed]).toEqual([1, 2, 3, 4, 5, 6]);
    expect(back[2]?.messageId).toBe(chat.messages[2]?.id);
    expect(Object.keys(back[0] as object)).not.toContain('role');
    expect(back[1]?.alsoExemptions).toBe(back[3]?.alsoExemptions);
    expect(packed.optional.group.index.byteLength).toBe(0);
  });

  it('gives back a field it has no column for, as it is', () => {
    const proposal = {
      id: 'm1:0-4:name',
      messageId: 'm1',
      start: 0,
      end: 4,
      text: 'Anne',
      category: 'person-name',
      confidence: 0.9,
      rule: 'name:model',
      exemption: 's40(2)',
      status: 'proposed',
      origin: 'm0:3-7:name',
      note: { seenBy: 'a later engine' },
    } as Proposal;
    expect(unpackProposals(sent(packProposals([proposal], places)), chat).list).toEqual([proposal]);
  });

  it('refuses a proposal on a message the chat does not have', () => {
    const proposal = { id: 'x', messageId: 'elsewhere' } as Proposal;
    expect(() => packProposals([proposal], places)).toThrow(/elsewhere/);
  });

  it('gives back the scope by place, each list of reasons once, and which messages are in scope', () => {
    const inDates = ['In the date range'];
    const inScope = [
      { messageId: 'title:1', reasons: ['The chat title'] },
      { messageId: 'm1', reasons: [...inDates] },
      { messageId: 'm2', reasons: [...inDates] },
      { messageId: 'm7', reasons: [...inDates, 'Mentions the data subject'] },
      { messageId: 'm8', reasons: [...inDates, 'Mentions a name someone else shares'], uncertain: true as const },
    ];
    const packed = packScope(inScope, places);
    expect(packed.reasons.values).toHaveLength(4);
    const back = unpackScope(sent(packed), chat);
    expect(back.inScope).toEqual(inScope);
    expect(back.inScope[1]?.reasons).toBe(back.inScope[2]?.reasons);
    expect([...back.messagesInScope]).toEqual([0, 1, 1, 0, 0, 0, 0, 1, 1, 0]);
  });

  it('moves its buffers rather than copying them', () => {
    const packed = packMessages([base(1), base(2)]);
    const buffers = packedBuffers(packed);
    expect(buffers.length).toBeGreaterThanOrEqual(5);
    structuredClone(packed, { transfer: buffers });
    expect(packed.id.ends.byteLength).toBe(0);
  });
});
