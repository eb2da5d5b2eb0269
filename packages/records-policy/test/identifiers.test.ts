import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  findEmails,
  findIdentifiers,
  findNationalInsuranceNumbers,
  findNhsNumbers,
  findPhoneNumbers,
  findPostcodes,
  isValidEmail,
  isValidNationalInsuranceNumber,
  isValidNhsNumber,
  isValidPhoneNumber,
  isValidPostcode,
  nhsNumberCheckDigit,
  nhsNumberPattern,
  normaliseEmail,
  normaliseNationalInsuranceNumber,
  normaliseNhsNumber,
  normalisePhoneNumber,
  normalisePostcode,
} from '../src/index.ts';

describe('NHS number', () => {
  it('accepts numbers whose modulus-11 check digit matches, bare or grouped', () => {
    // 943 476 5919: weights 10..2 over 943476591 give 299; 299 mod 11 = 2; 11 - 2 = 9.
    expect(isValidNhsNumber('9434765919')).toBe(true);
    expect(isValidNhsNumber('943 476 5919')).toBe(true);
    expect(isValidNhsNumber('943-476-5919')).toBe(true);
    expect(normaliseNhsNumber(' 943 476 5919 ')).toBe('9434765919');
  });

  it('rejects a wrong check digit, a remainder of 10, wrong shapes and repeated digits', () => {
    expect(isValidNhsNumber('9434765918')).toBe(false);
    expect(isValidNhsNumber('943476591')).toBe(false);
    expect(isValidNhsNumber('94347659190')).toBe(false);
    expect(isValidNhsNumber('9434 765919')).toBe(false);
    expect(isValidNhsNumber('94a4765919')).toBe(false);
    // 1111111111 and 0000000000 pass the checksum but are never issued.
    expect(nhsNumberCheckDigit('111111111')).toBe(1);
    expect(isValidNhsNumber('1111111111')).toBe(false);
    expect(isValidNhsNumber('0000000000')).toBe(false);
    // 000000001: sum 2, 11 - 2 = 9. 000000006: sum 12, remainder 1, 11 - 1 = 10, so no valid number has this stem.
    expect(nhsNumberCheckDigit('000000001')).toBe(9);
    expect(nhsNumberCheckDigit('000000006')).toBeUndefined();
    expect(nhsNumberCheckDigit('12345678')).toBeUndefined();
  });

  it('check digit agrees with a direct computation for every stem (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 9, maxLength: 9 }), (digits) => {
        const stem = digits.join('');
        const sum = digits.reduce((acc, d, i) => acc + d * (10 - i), 0);
        const expected = (11 - (sum % 11)) % 11;
        const check = nhsNumberCheckDigit(stem);
        if (expected === 10) {
          expect(check).toBeUndefined();
        } else {
          expect(check).toBe(expected);
          const full = `${stem}${expected}`;
          expect(isValidNhsNumber(full)).toBe(!/^(\d)\1{9}$/.test(full));
          // Any other final digit is invalid.
          expect(isValidNhsNumber(`${stem}${(expected + 1) % 10}`)).toBe(false);
        }
      }),
    );
  });

  it('finds only valid numbers in text, with exact spans, unless near misses are asked for', () => {
    const text = 'Pt NHS no 943 476 5919, old ref 9434765918, tel 01234567890.';
    const found = findNhsNumbers(text);
    expect(found).toEqual([
      { kind: 'nhs-number', start: 10, end: 22, text: '943 476 5919', normalised: '9434765919', valid: true },
    ]);
    const all = findNhsNumbers(text, { includeInvalid: true });
    expect(all.map((m) => [m.text, m.valid])).toEqual([
      ['943 476 5919', true],
      ['9434765918', false],
    ]);
  });

  it('pattern returns a fresh regex each call', () => {
    const a = nhsNumberPattern();
    a.exec('9434765919');
    expect(a.lastIndex).toBeGreaterThan(0);
    expect(nhsNumberPattern().lastIndex).toBe(0);
  });
});

describe('National Insurance number', () => {
  it('accepts valid numbers with or without spaces and in any case', () => {
    expect(isValidNationalInsuranceNumber('AB123456C')).toBe(true);
    expect(isValidNationalInsuranceNumber('AB 12 34 56 C')).toBe(true);
    expect(isValidNationalInsuranceNumber('ab 12 34 56 d')).toBe(true);
    expect(normaliseNationalInsuranceNumber('jg 10 37 59 a')).toBe('JG103759A');
  });

  it('applies the prefix and suffix rules', () => {
    for (const first of 'DFIQUV') expect(isValidNationalInsuranceNumber(`${first}A123456A`)).toBe(false);
    for (const second of 'DFIQUVO') expect(isValidNationalInsuranceNumber(`A${second}123456A`)).toBe(false);
    for (const prefix of ['BG', 'GB', 'NK', 'KN', 'NT', 'TN', 'ZZ']) {
      expect(isValidNationalInsuranceNumber(`${prefix}123456A`)).toBe(false);
    }
    expect(isValidNationalInsuranceNumber('AB123456E')).toBe(false);
    expect(isValidNationalInsuranceNumber('AB12345C')).toBe(false);
    expect(isValidNationalInsuranceNumber('AO123456A')).toBe(false);
    expect(isValidNationalInsuranceNumber('OA123456A')).toBe(true);
  });

  it('agrees with the rules for every letter combination (property)', () => {
    const letter = fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZ');
    fc.assert(
      fc.property(letter, letter, fc.nat({ max: 999999 }), letter, (a, b, n, s) => {
        const text = `${a}${b}${String(n).padStart(6, '0')}${s}`;
        const expected =
          !'DFIQUV'.includes(a) &&
          !'DFIQUVO'.includes(b) &&
          !['BG', 'GB', 'NK', 'KN', 'NT', 'TN', 'ZZ'].includes(a + b) &&
          'ABCD'.includes(s);
        expect(isValidNationalInsuranceNumber(text)).toBe(expected);
      }),
    );
  });

  it('finds numbers in text', () => {
    const text = 'NI: AB 12 34 56 C and GB123456A';
    expect(findNationalInsuranceNumbers(text).map((m) => [m.start, m.end, m.normalised])).toEqual([
      [4, 17, 'AB123456C'],
    ]);
    expect(findNationalInsuranceNumbers(text, { includeInvalid: true })).toHaveLength(2);
  });
});

describe('postcode', () => {
  it('accepts every positional form and normalises spacing and case', () => {
    for (const code of ['M1 1AA', 'M60 1NW', 'CR2 6XH', 'DN55 1PT', 'W1A 1HQ', 'EC1A 1BB', 'SW1A 1AA', 'GIR 0AA']) {
      expect(isValidPostcode(code)).toBe(true);
    }
    expect(normalisePostcode('sw1a1aa')).toBe('SW1A 1AA');
    expect(normalisePostcode('  ls1   4ap ')).toBe('LS1 4AP');
    expect(normalisePostcode('gir0aa')).toBe('GIR 0AA');
  });

  it('rejects positional-rule breaches', () => {
    expect(isValidPostcode('QA1 1AA')).toBe(false); // Q never first
    expect(isValidPostcode('VA1 1AA')).toBe(false);
    expect(isValidPostcode('XA1 1AA')).toBe(false);
    expect(isValidPostcode('AI1 1AA')).toBe(false); // I never second
    expect(isValidPostcode('AZ1 1AA')).toBe(false);
    expect(isValidPostcode('M1 1CA')).toBe(false); // C never in the inward code
    expect(isValidPostcode('M1 1AK')).toBe(false);
    expect(isValidPostcode('W1I 1AA')).toBe(false); // A9A third letter not I
    expect(isValidPostcode('EC1C 1BB')).toBe(false); // AA9A fourth letter not C
    expect(isValidPostcode('M1 AAA')).toBe(false);
    expect(isValidPostcode('M1')).toBe(false);
    expect(isValidPostcode('ABC1 1AA')).toBe(false);
  });

  it('finds postcodes in text and skips invalid ones', () => {
    const text = 'Lives at 1 High St, leeds ls1 4ap; not QA1 1AA.';
    expect(findPostcodes(text).map((m) => [m.text, m.normalised])).toEqual([['ls1 4ap', 'LS1 4AP']]);
    expect(findPostcodes(text, { includeInvalid: true }).map((m) => m.valid)).toEqual([true, false]);
  });
});

describe('phone number', () => {
  it('accepts UK numbers including Ofcom drama ranges, and international numbers', () => {
    expect(normalisePhoneNumber('07700 900123')).toBe('+447700900123');
    expect(normalisePhoneNumber('01632 960001')).toBe('+441632960001');
    expect(normalisePhoneNumber('07911 123456')).toBe('+447911123456');
    expect(normalisePhoneNumber('+44 (0)20 7946 0958')).toBe('+442079460958');
    expect(normalisePhoneNumber('(020) 7946 0958')).toBe('+442079460958');
    expect(isValidPhoneNumber('+1 212 555 0100')).toBe(true);
  });

  it('rejects bare digit runs without a leading zero, text and impossible lengths', () => {
    expect(isValidPhoneNumber('9434765919')).toBe(false);
    expect(isValidPhoneNumber('0770')).toBe(false);
    expect(isValidPhoneNumber('call me')).toBe(false);
    expect(isValidPhoneNumber('07700 900123 ext')).toBe(false);
  });

  it('finds phone numbers in text but not NHS numbers or doses', () => {
    const text = 'ring 07700 900123 or +44 20 7946 0958; NHS 943 476 5919; 10mg at 0800; bleep 1234';
    const found = findPhoneNumbers(text);
    expect(found.map((m) => [text.slice(m.start, m.end), m.normalised])).toEqual([
      ['07700 900123', '+447700900123'],
      ['+44 20 7946 0958', '+442079460958'],
    ]);
  });
});

describe('email', () => {
  it('accepts ordinary addresses and lower-cases the domain', () => {
    expect(isValidEmail('jane.doe@nhs.net')).toBe(true);
    expect(normaliseEmail('Jane.Doe+ward4@NHS.NET')).toBe('Jane.Doe+ward4@nhs.net');
  });

  it('rejects malformed addresses', () => {
    for (const bad of [
      'jane@',
      '@nhs.net',
      'jane..doe@nhs.net',
      '.jane@nhs.net',
      'jane@nhs',
      'jane@-nhs.net',
      'a@b.c1',
    ]) {
      expect(isValidEmail(bad)).toBe(false);
    }
    expect(isValidEmail(`${'a'.repeat(65)}@nhs.net`)).toBe(false);
  });

  it('finds addresses in text', () => {
    const text = 'email jane.doe@nhs.net, or (bob@example.co.uk).';
    expect(findEmails(text).map((m) => m.text)).toEqual(['jane.doe@nhs.net', 'bob@example.co.uk']);
  });
});

describe('findIdentifiers', () => {
  it('returns every kind sorted by position', () => {
    const text = 'Mr X, NHS 943 476 5919, NI AB123456C, M1 1AA, 07700 900123, x@nhs.net';
    expect(findIdentifiers(text).map((m) => m.kind)).toEqual(['nhs-number', 'ni-number', 'postcode', 'phone', 'email']);
  });

  it('never throws and returns in-bounds spans whose text matches (property)', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (text) => {
        for (const match of findIdentifiers(text, { includeInvalid: true })) {
          expect(match.start).toBeGreaterThanOrEqual(0);
          expect(match.end).toBeLessThanOrEqual(text.length);
          expect(text.slice(match.start, match.end)).toBe(match.text);
        }
      }),
    );
  });

  it('finds a valid NHS number planted anywhere in random text (property)', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), fc.string({ maxLength: 40 }), (before, after) => {
        const text = `${before} 943 476 5919 ${after}`;
        const hit = findNhsNumbers(text).find((m) => m.start === before.length + 1);
        expect(hit?.normalised).toBe('9434765919');
      }),
    );
  });
});
