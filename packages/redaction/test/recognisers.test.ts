import { describe, expect, it } from 'vitest';
import {
  addressRecogniser,
  ageRecogniser,
  buildContext,
  createNameRecogniser,
  customRecogniser,
  dateOfBirthRecogniser,
  defaultRecognisers,
  detectMessage,
  emailRecogniser,
  hospitalNumberRecogniser,
  mentionRecogniser,
  nhsNumberRecogniser,
  niNumberRecogniser,
  phoneRecogniser,
  postcodeRecogniser,
  type Recogniser,
  RedactionOptionsError,
} from '../src/index.ts';
import { conv, msg, texts } from './helpers.ts';

const context = buildContext(conv([]), { mode: 'foi' });
function run(r: Recogniser, text: string, ctx = context): string[] {
  return texts(text, r.find(text, ctx));
}

describe('nhsNumberRecogniser', () => {
  it('finds checksum-valid numbers written three ways', () => {
    expect(run(nhsNumberRecogniser, 'NHS no 401 023 2137 and 4010232137 and 401-023-2137')).toEqual([
      '401 023 2137',
      '4010232137',
      '401-023-2137',
    ]);
  });
  it('takes a wrong check digit only when NHS context precedes it', () => {
    expect(run(nhsNumberRecogniser, 'order 401-023-2138 arrived')).toEqual([]);
    expect(run(nhsNumberRecogniser, 'NHS number 401-023-2138 (typo?)')).toEqual(['401-023-2138']);
  });
  it('scores context higher than checksum alone', () => {
    const [withContext] = nhsNumberRecogniser.find('NHS no 4010232137', context);
    const [bare] = nhsNumberRecogniser.find('4010232137', context);
    expect(withContext?.confidence).toBeGreaterThan(bare?.confidence ?? 1);
  });
});

describe('niNumberRecogniser', () => {
  it('applies the prefix and suffix rules, spaced or not, any case', () => {
    expect(run(niNumberRecogniser, 'NI AB 12 34 56 C, tw987654a')).toEqual(['AB 12 34 56 C', 'tw987654a']);
    expect(run(niNumberRecogniser, 'BG123612A nt 99 88 77 a AA 12 34 56 H')).toEqual([]);
  });
});

describe('postcodeRecogniser', () => {
  it('finds real-shaped postcodes and rejects impossible ones', () => {
    expect(run(postcodeRecogniser, 'lives in SW1A 1AA, or sw6 0jj or GIR 0AA')).toEqual([
      'SW1A 1AA',
      'sw6 0jj',
      'GIR 0AA',
    ]);
    expect(run(postcodeRecogniser, 'QA1 1AA M1 1CA ABCM11AADEF')).toEqual([]);
  });
});

describe('emailRecogniser', () => {
  it('finds addresses and not dangling domains', () => {
    expect(run(emailRecogniser, 'mail jo.bloggs@nhs.net or info@presidio.')).toEqual(['jo.bloggs@nhs.net']);
  });
});

describe('phoneRecogniser', () => {
  it('finds Ofcom drama-range numbers however they are typed', () => {
    expect(run(phoneRecogniser, 'ring 07700 900123 or +44 7700 900456 or (01632) 960 001 or 020 7946 0999')).toEqual([
      '07700 900123',
      '+44 7700 900456',
      '(01632) 960 001',
      '020 7946 0999',
    ]);
  });
  it('does not take bleeps, extensions, order references or NHS numbers for phones', () => {
    expect(run(phoneRecogniser, 'bleep 4412, ext 2291, order ref 06052008, NHS 401 023 2137')).toEqual([]);
  });
  it('does not read a decimal number as a phone, even after a cue', () => {
    expect(run(phoneRecogniser, 'the ratio was 0.07700900123, the number was 28919.8689279')).toEqual([]);
    expect(run(phoneRecogniser, 'call 0117.496.0123')).toEqual(['0117.496.0123']);
  });
  it('finds foreign numbers when a cue says they are phone numbers', () => {
    expect(run(phoneRecogniser, 'My US number is (415) 555-0132')).toEqual(['(415) 555-0132']);
    expect(run(phoneRecogniser, 'My CN number is 13812345678')).toEqual(['13812345678']);
  });
  it('marks a participant’s own number', () => {
    const ctx = buildContext(conv([msg('m1', '+44 7700 900123', 'hi')]), { mode: 'foi' });
    const [c] = phoneRecogniser.find('call 07700 900123', ctx);
    expect(c?.rule).toBe('phone:participant');
  });
});

describe('hospitalNumberRecogniser', () => {
  it('uses the default trust pattern and context', () => {
    expect(run(hospitalNumberRecogniser, 'hosp no RX1234567 and K123456')).toEqual(['RX1234567', 'K123456']);
    expect(run(hospitalNumberRecogniser, 'MRN 77-12345X')).toEqual([]);
  });
  it('uses trust-configured patterns', () => {
    const ctx = buildContext(conv([]), { mode: 'foi', hospitalNumberPatterns: ['\\d{3}-\\d{4}-[A-Z]'] });
    expect(run(hospitalNumberRecogniser, 'unit 123-4567-Z seen', ctx)).toEqual(['123-4567-Z']);
  });
  it('rejects an invalid pattern with a clear error', () => {
    expect(() => buildContext(conv([]), { mode: 'foi', hospitalNumberPatterns: ['(['] })).toThrow(
      RedactionOptionsError,
    );
  });
  it('finds any number written after "hosp no" or "MRN"', () => {
    expect(run(hospitalNumberRecogniser, 'MRN: 0012345678')).toEqual(['0012345678']);
    // Written with a space after the trust's prefix (left visible before).
    expect(run(hospitalNumberRecogniser, 'hosp no RJ1 234567 for CT')).toEqual(['RJ1 234567']);
  });
});

describe('addressRecogniser', () => {
  it('finds street addresses and the town after them', () => {
    expect(run(addressRecogniser, 'lives at 12 Acacia Avenue, Little Whinging SW1A 1AA')).toEqual([
      '12 Acacia Avenue',
      'Little Whinging',
    ]);
    expect(run(addressRecogniser, 'Flat 3, 7 Mill Lane')).toEqual(['Flat 3, 7 Mill Lane']);
    expect(run(addressRecogniser, '157 The Willows')).toEqual(['157 The Willows']);
    // An abbreviated saint's name starts a town too (it was covered only by chance, as a name, before the model).
    expect(run(addressRecogniser, 'lives at 147 Jeannette View, St. Hermann TR24 0NJ')).toEqual([
      '147 Jeannette View',
      'St. Hermann',
    ]);
  });
  it('leaves bay and bed numbers alone', () => {
    expect(run(addressRecogniser, 'Bay 3 bed 2 needs a side room')).toEqual([]);
  });
});

describe('dateOfBirthRecogniser', () => {
  it('needs a DOB cue', () => {
    expect(run(dateOfBirthRecogniser, 'DOB 12/03/1941, born 3 March 1939, d.o.b. 4.5.52')).toEqual([
      '12/03/1941',
      '3 March 1939',
      '4.5.52',
    ]);
    expect(run(dateOfBirthRecogniser, 'clinic on 12/03/2024')).toEqual([]);
  });
});

describe('ageRecogniser', () => {
  it('finds ages with their cue, the number only', () => {
    expect(run(ageRecogniser, '84yo, aged 90, a 77-year-old, Mr X (66M)').sort()).toEqual(['66', '77', '84', '90']);
    // The ward's shorthand without brackets; "5M" and "£20M" are amounts.
    expect(run(ageRecogniser, 'Pt 72M chest pain, bay 5: Ng, 78F').sort()).toEqual(['72', '78']);
    expect(run(ageRecogniser, 'a 5M budget, £20M, 3F')).toEqual([]);
    expect(run(ageRecogniser, 'paracetamol 500mg, bed 12, ward 7, at 14:30')).toEqual([]);
  });
});

describe('customRecogniser', () => {
  it('finds terms as whole words and patterns', () => {
    const ctx = buildContext(conv([]), { mode: 'foi', customTerms: ['Rainbow Ward'], customPatterns: ['CASE-\\d+'] });
    expect(run(customRecogniser, 'moved to rainbow ward, see CASE-991; rainbow wardrobe', ctx)).toEqual([
      'rainbow ward',
      'CASE-991',
    ]);
  });
});

describe('mentions', () => {
  it('reads @phone mentions as phones; @names are the name recogniser’s (trailing marks left out)', () => {
    const text = '@447700900123 and @Sarah.';
    const phones = mentionRecogniser.find(text, context);
    expect(phones.map((c) => [c.category, c.rule, text.slice(c.start, c.end)])).toEqual([
      ['phone', 'phone:mention', '@447700900123'],
    ]);
    const rules = createNameRecogniser({ model: null });
    const merged = detectMessage(msg('m', 'A', text), context, [mentionRecogniser, rules]);
    expect(merged.map((c) => [c.category, c.rule, text.slice(c.start, c.end)])).toEqual([
      ['phone', 'phone:mention', '@447700900123'],
      ['person-name', 'name:mention', '@Sarah'],
    ]);
  });

  it('does not take a link written straight after an @ for a handle', () => {
    const rules = createNameRecogniser({ model: null });
    const text = 'speech on the GP tax @http://t.co/Y6EknQi1It and @Sarah';
    const found = detectMessage(msg('m', 'A', text), context, [rules]);
    expect(found.map((c) => [c.rule, text.slice(c.start, c.end)])).toEqual([['name:mention', '@Sarah']]);
  });
});

describe('detectMessage merging', () => {
  it('lets a containing email or address cover the names inside it', () => {
    const ctx = buildContext(conv([msg('m1', 'Oliver Adams', 'hi')]), { mode: 'foi' });
    const text = 'email oliver.adams@nhs.net';
    const found = detectMessage(msg('m', 'A', text), ctx, defaultRecognisers);
    expect(found.map((c) => [c.category, text.slice(c.start, c.end)])).toEqual([['email', 'oliver.adams@nhs.net']]);
  });
});
