import { describe, expect, it } from 'vitest';
import { directionOf } from '../src/lib/direction.ts';

describe('directionOf', () => {
  it('reads a Latin message left to right', () => {
    expect(directionOf('Bed 4 needs a review at 10:30')).toBe('ltr');
  });

  it('reads a message from its first strong character, whichever script comes later', () => {
    expect(directionOf('مرحبا, the patient in bed 4')).toBe('rtl');
    expect(directionOf('Patient said: مرحبا')).toBe('ltr');
    expect(directionOf('שלום Anna')).toBe('rtl');
    expect(directionOf('07700 900123 שלום')).toBe('rtl');
  });

  it('skips an isolated run and a right-to-left mark as the bidi algorithm does', () => {
    // The text inside an isolate does not count as the first strong character (rule P2).
    expect(directionOf('\u2067שלום\u2069 Anna')).toBe('ltr');
    expect(directionOf('\u200f123 Anna')).toBe('rtl');
  });

  it('has no direction for digits, punctuation and emoji alone', () => {
    expect(directionOf('07700 900123')).toBeUndefined();
    expect(directionOf('👍 !!')).toBeUndefined();
  });

  it('reads other left-to-right scripts left to right', () => {
    expect(directionOf('Привет')).toBe('ltr');
    expect(directionOf('नमस्ते 4')).toBe('ltr');
  });
});
