import { describe, expect, it } from 'vitest';
import {
  buildContext,
  createNameRecogniser,
  defaultRecognisers,
  detectMessage,
  detectPersonalDataSync,
  nameRecogniser,
} from '../src/index.ts';
import { KnownNames } from '../src/known-names.ts';
import { readHandle } from '../src/recognisers/names/handles.ts';
import { conv, msg, texts } from './helpers.ts';

const nobody = new KnownNames();
const kind = (handle: string, known = nobody): string => readHandle(handle, known).kind;
const rules = createNameRecogniser({ model: null });
const context = buildContext(conv([]), { mode: 'foi' });
const names = (text: string, recogniser = nameRecogniser): string[] =>
  texts(
    text,
    recogniser.find(text, context).filter((c) => c.category === 'person-name'),
  );

describe('reading an @handle', () => {
  it('finds a person in the parts of a handle: capitals, underscores, digits, a run-together name', () => {
    expect(kind('PriyaShah')).toBe('full-name');
    expect(kind('tom_hughes84')).toBe('full-name');
    expect(kind('Sarah')).toBe('name');
    expect(kind('kellyexeter')).toBe('name');
    expect(kind('dave_runs')).toBe('name');
  });

  it('takes organisation words and short acronyms for an organisation', () => {
    expect(kind('CityNewsDesk')).toBe('organisation');
    expect(kind('Rovers_FC')).toBe('organisation');
    expect(kind('WestMidsPolice')).toBe('organisation');
    expect(kind('cornwallradio')).toBe('organisation');
    expect(kind('GreenShop_UK')).toBe('organisation');
    expect(kind('ITV')).toBe('organisation');
    // A given name does not outweigh an organisation word ("Victoria Police")…
    expect(kind('VictoriaPolice')).toBe('organisation');
    // …a full name does: a presenter's own account.
    expect(kind('JaneMorrisNews')).toBe('full-name');
  });

  it('leaves a handle with nothing either way to the model', () => {
    expect(kind('popcornhack')).toBe('unknown');
    expect(kind('xq_77')).toBe('unknown');
  });

  it("reads a name the chat knows in a handle as that person's", () => {
    const known = new KnownNames();
    known.addPerson('Zanele Mbeki', 'staff', 'participant');
    const reading = readHandle('zanele', known);
    expect(reading.kind).toBe('known');
    expect(reading.known?.personKey).toBe('zanele mbeki');
    expect(kind('ZaneleOnCall', known)).toBe('known');
  });
});

describe('@mentions in detection', () => {
  it("proposes a person's handle and not an organisation's, nor any part of it", () => {
    const text = 'thanks @PriyaShah for sharing the @CityNewsDesk story about @Rovers_FC';
    expect(names(text, rules)).toEqual(['@PriyaShah']);
    expect(names(text)).toEqual(['@PriyaShah']);
  });

  it('proposes a handle with nothing either way as name:handle: the rules alone keep it, the model judges it', () => {
    const text = 'loved it @TheVelvetLoft';
    const found = rules.find(text, context);
    expect(found.map((c) => [c.rule, text.slice(c.start, c.end)])).toEqual([['name:handle', '@TheVelvetLoft']]);
    // The model rules it out, and does not add a word of it back on its own.
    expect(names(text)).toEqual([]);
    expect(names('great pic @popcornhack')).toEqual(['@popcornhack']);
  });

  it("holds a handle the chat also writes as a plain word ('@reddit' … 'Reddit') to its own bar", () => {
    // Bars set so the model's doubt cannot decide: every handle passes its usual bar, none the plain-word bar.
    const strict = createNameRecogniser({ keep: { 'name:handle': 0, 'name:handle plain-word': 1.01 } });
    const inFirst = (...lines: string[]): string[] => {
      const chat = conv(lines.map((line, i) => msg(String(i + 1), null, line)));
      const result = detectPersonalDataSync(chat, { mode: 'foi', recognisers: [strict] });
      const text = chat.messages.at(0)?.text ?? '';
      return texts(
        text,
        result.proposals.filter((p) => p.messageId === '1'),
      );
    };
    expect(inFirst('great pic @popcornhack', 'see you there')).toEqual(['@popcornhack']);
    expect(inFirst('great pic @popcornhack', 'Popcornhack is back')).toEqual([]);
    expect(inFirst('great pic @popcornhack', 'more popcornhack tonight')).toEqual([]);
    // A handle with a name in it is a person's whatever the chat writes ("@Sarah" … "Sarah").
    expect(inFirst('thanks @Sarah', 'Sarah was there')).toEqual(['@Sarah']);
  });

  it("still finds a WhatsApp chat's @mentions of its participants, by name and by number", () => {
    const chat = conv([
      msg('1', 'Sarah Okafor', 'bed 4 obs done'),
      msg('2', '447700900123', 'ok'),
      msg('3', 'Tom Hughes', '@Sarah can you ring @447700900123 about the @BBCNews crew in the car park'),
    ]);
    const result = detectPersonalDataSync(chat, { mode: 'foi', recognisers: defaultRecognisers });
    const text = chat.messages.at(2)?.text ?? '';
    const found = result.proposals.filter((p) => p.messageId === '3');
    expect(found.map((p) => [p.category, text.slice(p.start, p.end)])).toEqual([
      ['person-name', '@Sarah'],
      ['phone', '@447700900123'],
    ]);
    // The mention is the participant: same person key as her other names, so the same pseudonym.
    expect(found[0]?.personKey).toBe('sarah okafor');
  });

  it('finds an @mention of a participant whatever the model thinks of it', () => {
    const chat = conv([msg('1', 'Bea Long', 'here'), msg('2', 'Ann Jones', '@Bea ok?')]);
    const found = detectMessage(chat.messages.at(1) ?? msg('x', null, ''), buildContext(chat, { mode: 'foi' }), [
      nameRecogniser,
    ]);
    expect(found.map((c) => [c.rule, '@Bea ok?'.slice(c.start, c.end)])).toEqual([['name:mention', '@Bea']]);
  });

  it("withholds a WhatsApp export's mention whole, and knows the member for the rest of the chat", () => {
    // WhatsApp writes a mention as the member's saved name (or number) between directional isolates.
    const chat = conv([
      msg('1', 'Ann Jones', '@\u2068Zorbek Ndlovu\u2069 can you see bed 4'),
      msg('2', 'Ann Jones', 'zorbek is on the ward till 8'),
      msg('3', 'Ann Jones', '@\u2068Ann Jones\u2069 noted, and @\u2068+44 7700 900123\u2069 please call back'),
    ]);
    const result = detectPersonalDataSync(chat, { mode: 'foi' });
    const shown = result.proposals.map((p) => [
      p.messageId,
      p.rule,
      [...chat.messages].find((m) => m.id === p.messageId)?.text.slice(p.start, p.end),
      p.personKey,
    ]);
    expect(shown).toEqual([
      ['1', 'name:mention', '@\u2068Zorbek Ndlovu\u2069', 'zorbek ndlovu'],
      ['2', 'name:participant', 'zorbek', 'zorbek ndlovu'],
      ['3', 'name:mention', '@\u2068Ann Jones\u2069', 'ann jones'],
      ['3', 'phone:libphonenumber-gb', '+44 7700 900123', undefined],
    ]);
  });
});
