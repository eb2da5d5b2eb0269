import { importChat } from '@im-records/chat-import';
import { generateClinicalChat } from '@im-records/synthetic-chats';
import { describe, expect, it } from 'vitest';
import { createNameRecogniser, defaultRecognisers, detectPersonalDataSync, type Recogniser } from '../src/index.ts';
import { conv, msg } from './helpers.ts';

const words = (text: string): string[] => (text.match(/[\p{L}][\p{L}'’-]*/gu) ?? []).map((w) => w.toLowerCase());

// The disclosure bundle's leak harness found the same name redacted in one message and visible in another
// (seed 11: Igor, Crystal, Price; seed 12: Olumide, Dinu, Olaide, Brook). The chats are built as the harness builds
// them: the generator's WhatsApp export text through the real importer. With the rules alone a guess is not carried
// (see below); with the model voting, the names the rules only guessed are confirmed, so every one is covered.
describe('a name proposed anywhere in a chat is proposed wherever it is used as a name', () => {
  for (const [seed, style] of [
    [11, 'android'],
    [12, 'ios'],
  ] as const) {
    it(`covers every gold name whose word was redacted elsewhere (seed ${seed})`, async () => {
      const chat = await generateClinicalChat({ seed, messages: 300, style });
      const { conversation } = await importChat({
        fileName: 'chat.txt',
        bytes: new TextEncoder().encode(chat.exportText),
      });
      expect(Array.from(conversation.messages).map((m) => m.text)).toEqual(
        Array.from(chat.messages).map((m) => m.text),
      );
      const result = detectPersonalDataSync(conversation, { mode: 'foi' });
      const redactedWords = new Set(
        result.proposals.filter((p) => p.category === 'person-name').flatMap((p) => words(p.text)),
      );
      const visible: string[] = [];
      for (const [i, gold] of chat.messages.entries()) {
        const id = Array.from(conversation.messages)[i]?.id;
        const mine = result.proposals.filter((p) => p.messageId === id);
        for (const span of gold.spans) {
          if (span.label !== 'person-name') continue;
          const value = gold.text.slice(span.start, span.end);
          if (!words(value).some((w) => redactedWords.has(w))) continue;
          const covered = mine.some((p) => p.start <= span.start && span.end <= p.end);
          const pieces = mine.filter((p) => p.start < span.end && span.start < p.end);
          const joined = pieces.reduce((n, p) => n + Math.min(p.end, span.end) - Math.max(p.start, span.start), 0);
          if (!covered && joined < span.end - span.start) visible.push(`${value} in: ${gold.text}`);
        }
      }
      expect(visible).toEqual([]);
    });
  }
});

/** The built-in recognisers with the rules alone finding names: consistency as the rules drive it. */
const rulesOnly: Recogniser[] = defaultRecognisers.map((r) =>
  r.id === 'name' ? createNameRecogniser({ model: null }) : r,
);

describe('consistency rules', () => {
  const detect = (texts: string[]): string[][] => {
    const chat = conv(texts.map((t, i) => msg(`m${i}`, 'Sam Jones', t)));
    const result = detectPersonalDataSync(chat, { mode: 'foi', recognisers: rulesOnly });
    return Array.from(chat.messages).map((m) =>
      result.proposals.filter((p) => p.messageId === m.id && p.category === 'person-name').map((p) => p.text),
    );
  };
  it('carries a cue-found name to later and earlier uses, in any case when it is not an English word', () => {
    expect(detect(['can igorov review bed 13?', 'Thanks Mr Igorov', 'IGOROV to see'])).toEqual([
      ['igorov'],
      ['Igorov'],
      ['IGOROV'],
    ]);
  });
  it('takes a capitalised English-word name at a sentence start only when no verb-like word follows', () => {
    expect(
      detect([
        'Spoke to Mrs Brook Okafor',
        'Brook aged 92 back from CT',
        'Brook the bed please',
        'jon brook to go home',
      ]),
    ).toEqual([['Brook', 'Okafor'], ['Brook'], [], ['jon', 'brook']]);
  });
  it('leaves a place named after a confirmed surname ("Nightingale Ward")', () => {
    expect(detect(['Mrs Nightingale is in bed 4', 'Nightingale Ward has 2 beds', 'ask Nightingale'])).toEqual([
      ['Nightingale'],
      [],
      ['Nightingale'],
    ]);
  });
  it('carries no guess: a word known only as an unknown capitalised word is proposed only where it is found', () => {
    const chat = conv([
      msg('a', 'Sam Jones', 'watching Masterchef tonight'),
      msg('b', 'Sam Jones', 'masterchef again'),
      msg('c', 'Sam Jones', 'Masterchef was good'),
    ]);
    const result = detectPersonalDataSync(chat, { mode: 'foi', recognisers: rulesOnly });
    expect(result.proposals.map((p) => [p.messageId, p.text, p.rule])).toEqual([
      ['a', 'Masterchef', 'name:unknown-proper-noun'],
      ['c', 'Masterchef', 'name:unknown-proper-noun'],
    ]);
  });
  it('does not carry an everyday word the chat writes in lower case, even when a cue confirmed it once', () => {
    expect(
      detect(['Mrs Sales is in bed 4', 'Sales are up this month', 'the sales team rang', 'sales figures due']),
    ).toEqual([['Sales'], [], [], []]);
    // Without the everyday uses the same name is carried.
    expect(detect(['Mrs Sales is in bed 4', 'Sales are up this month'])).toEqual([['Sales'], ['Sales']]);
  });
  it('does not carry a name into a URL, and never takes a retweet convention for a name', () => {
    expect(detect(['Thanks Mr Igorov', 'see https://example.org/igorov/notes', 'RT via Igorov'])).toEqual([
      ['Igorov'],
      [],
      ['Igorov'],
    ]);
  });
  it('keeps the confidence of the evidence and names it: the carried uses share a group and its origin', () => {
    const chat = conv([
      msg('a', 'Sam Jones', 'pt Olumidex in bed 2'),
      msg('b', 'Sam Jones', 'olumidex rang'),
      msg('c', 'Sam Jones', 'OLUMIDEX for CT'),
    ]);
    const result = detectPersonalDataSync(chat, { mode: 'foi', recognisers: rulesOnly });
    const origin = result.proposals.find((p) => p.messageId === 'a');
    const carried = result.proposals.filter((p) => p.rule === 'name:consistent');
    expect(origin?.rule).toBe('name:patient-cue');
    expect(carried.map((p) => [p.messageId, p.text, p.group, p.origin, p.confidence])).toEqual([
      ['b', 'olumidex', 'name:olumidex', origin?.id, origin?.confidence],
      ['c', 'OLUMIDEX', 'name:olumidex', origin?.id, origin?.confidence],
    ]);
    expect(origin?.group).toBeUndefined();
  });
  it('carries a listed given name to its familiar forms written with a capital, never to one that is an everyday word', () => {
    // FOI, no participant or cue names her: "Margaret" is found by the name list alone, and "Mags" is hers.
    const chat = conv([
      msg('a', 'Sam Jones', 'Spoke to Margaret about her discharge'),
      msg('b', 'Sam Jones', 'can someone check on Mags, she keeps pressing the buzzer'),
      msg('c', 'Sam Jones', 'Mags wants a cup of tea'),
      msg('d', 'Sam Jones', 'the mags in the day room are ancient'),
      msg('e', 'Sam Jones', 'William Okafor is for CT'),
      msg('f', 'Sam Jones', 'Will do, and the Bill for parking is on the desk'),
      msg('g', 'Sam Jones', 'Christopher Lowe needs a commode'),
      msg('h', 'Sam Jones', 'the Spill Kit is by the sluice, ask Kit if unsure'),
    ]);
    const result = detectPersonalDataSync(chat, { mode: 'foi' });
    const names = (id: string) =>
      result.proposals.filter((p) => p.messageId === id && p.category === 'person-name').map((p) => p.text);
    expect(names('a')).toEqual(['Margaret']);
    expect(names('b')).toEqual(['Mags']);
    expect(names('c')).toEqual(['Mags']);
    expect(names('d')).toEqual([]);
    expect(names('f')).toEqual([]);
    // "Kit" is an English word too: beside a capitalised word it is a title or a product, on its own his.
    const kit = result.proposals.filter((p) => p.messageId === 'h' && p.category === 'person-name');
    expect(kit.map((p) => [p.text, p.start])).toEqual([
      ['Kit', 'the Spill Kit is by the sluice, ask Kit if unsure'.lastIndexOf('Kit')],
    ]);
    const origin = result.proposals.find((p) => p.messageId === 'a');
    const mags = result.proposals.filter((p) => p.text === 'Mags');
    expect(mags.map((p) => [p.rule, p.group, p.origin, p.personKey])).toEqual([
      ['name:consistent', 'name:mags', origin?.id, origin?.personKey],
      ['name:consistent', 'name:mags', origin?.id, origin?.personKey],
    ]);
  });
});
