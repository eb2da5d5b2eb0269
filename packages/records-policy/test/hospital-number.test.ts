import { describe, expect, it } from 'vitest';
import { HospitalNumberShapeError, hospitalNumberPattern } from '../src/index.ts';

const whole = (shape: string): RegExp => new RegExp(`^(?:${hospitalNumberPattern(shape)})$`);

describe('hospitalNumberPattern', () => {
  it('turns # into a digit, @ into a capital letter and keeps other characters as written', () => {
    expect(whole('RJ1######').test('RJ1234567')).toBe(true);
    expect(whole('RJ1######').test('RJ2234567')).toBe(false);
    expect(whole('@@ ### ####').test('AB 123 4567')).toBe(true);
    expect(whole('@@ ### ####').test('ab 123 4567')).toBe(false);
    expect(whole('K-#######').test('K-1234567')).toBe(true);
    expect(whole('K-#######').test('K1234567')).toBe(false);
  });
  it('gives a pattern that compiles with and without the u flag', () => {
    expect(whole('##/#####').test('12/34567')).toBe(true);
    expect(hospitalNumberPattern('##/#####')).toBe('\\d\\d/\\d\\d\\d\\d\\d');
    expect(new RegExp(hospitalNumberPattern('@-## /#####'), 'u').test('A-12 /34567')).toBe(true);
  });
  it('refuses shapes that would match too much or cannot be numbers, naming the shape and the problem', () => {
    expect(() => hospitalNumberPattern('####')).toThrow(HospitalNumberShapeError);
    expect(() => hospitalNumberPattern('@###')).toThrow(/"@###" has 3 digits; it needs at least 5/);
    expect(() => hospitalNumberPattern('   ')).toThrow(/empty/);
    expect(() => hospitalNumberPattern('######.*')).toThrow(/has "\."/);
    expect(() => hospitalNumberPattern('#'.repeat(25))).toThrow(/25 characters long/);
  });
});
