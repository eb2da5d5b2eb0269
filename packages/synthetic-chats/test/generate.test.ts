import { describe, expect, it } from 'vitest';
import {
  dramaPhone,
  generateClinicalChat,
  invalidNhsNumber,
  niNumber,
  Random,
  toGoldJsonl,
  ukPostcode,
  validNhsNumber,
} from '../src/index.ts';

function nhsValid(s: string): boolean {
  const d = s.replace(/\D/g, '');
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += Number(d[i]) * (10 - i);
  const check = (11 - (sum % 11)) % 11;
  return check !== 10 && check === Number(d[9]);
}

describe('generateClinicalChat', () => {
  it('is deterministic for a seed and differs between seeds', async () => {
    const a = await generateClinicalChat({ seed: 1, messages: 300 });
    const b = await generateClinicalChat({ seed: 1, messages: 300 });
    const c = await generateClinicalChat({ seed: 2, messages: 300 });
    expect(a.exportText).toBe(b.exportText);
    expect(toGoldJsonl(a.messages)).toBe(toGoldJsonl(b.messages));
    expect(a.exportText).not.toBe(c.exportText);
  });

  it('writes gold spans whose text is the identifier (UTF-16 offsets)', async () => {
    const chat = await generateClinicalChat({ seed: 3, messages: 2000 });
    const labels = new Set<string>();
    for (const m of chat.messages) {
      for (const s of m.spans) {
        labels.add(s.label);
        const value = m.text.slice(s.start, s.end);
        expect(value.length).toBeGreaterThan(0);
        expect(value.trim()).toBe(value);
        if (s.label === 'email') expect(value).toMatch(/@/);
        if (s.label === 'age') expect(value).toMatch(/^\d{1,3}$/);
      }
    }
    expect([...labels].sort()).toEqual([
      'address',
      'age',
      'date-of-birth',
      'email',
      'hospital-number',
      'nhs-number',
      'ni-number',
      'person-name',
      'phone',
      'postcode',
    ]);
  });

  it('writes Android and iOS export lines', async () => {
    const android = await generateClinicalChat({ seed: 4, messages: 5, style: 'android' });
    const ios = await generateClinicalChat({ seed: 4, messages: 5, style: 'ios' });
    expect(android.exportText.split('\n')[1]).toMatch(/^\d\d\/\d\d\/\d{4}, \d\d:\d\d - [^:]+: /);
    expect(ios.exportText.split('\n')[1]).toMatch(/^\[\d\d\/\d\d\/\d{4}, \d\d:\d\d:\d\d\] [^:]+: /);
  });

  it('mixes in names from locales the name lists were not built from', async () => {
    const chat = await generateClinicalChat({ seed: 5, messages: 10, patients: 200 });
    const heldOut = chat.cast.patients.filter((p) => p.source === 'held-out').length;
    expect(heldOut).toBeGreaterThan(30);
    expect(heldOut).toBeLessThan(100);
  });

  it('includes the precision traps as plain text', async () => {
    const chat = await generateClinicalChat({ seed: 6, messages: 3000 });
    const plain = chat.messages.filter((m) => m.spans.length === 0).map((m) => m.text);
    for (const trap of [
      /^Will you/,
      /^May I/,
      /^Hope /,
      /^Grace period/,
      /^Bleep \d{4}/,
      /^Order ref \d{8}/,
      /^Ward \d+/,
    ]) {
      expect(
        plain.some((t) => trap.test(t)),
        String(trap),
      ).toBe(true);
    }
  });
});

describe('identifiers', () => {
  const random = new Random(9);
  it('makes valid and invalid NHS numbers in the 999 test range', () => {
    for (let i = 0; i < 200; i++) {
      const good = validNhsNumber(random);
      const bad = invalidNhsNumber(random);
      expect(good.replace(/\D/g, '')).toMatch(/^999\d{7}$/);
      expect(nhsValid(good)).toBe(true);
      expect(nhsValid(bad)).toBe(false);
    }
  });
  it('makes drama-range phones, real-shaped postcodes and NI numbers', () => {
    for (let i = 0; i < 200; i++) {
      expect(dramaPhone(random).replace(/\D/g, '')).toMatch(/^(?:44)?0?(?:7700900|1632960|2079460)\d{3}$/);
      expect(ukPostcode(random).toUpperCase()).toMatch(/^[A-Z]{1,2}\d{1,2} ?\d[ABD-HJLNP-UW-Z]{2}$/);
      expect(niNumber(random).replace(/ /g, '')).toMatch(/^[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z]\d{6}[A-D]$/);
    }
  });
});
