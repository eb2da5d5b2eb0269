import { describe, expect, it } from 'vitest';
import { isRequestType, REQUEST_TYPES, redactionModeFor } from '../src/index.ts';

describe('request types', () => {
  it('discloses a subject access request as sar and every FOI regime as foi', () => {
    expect(REQUEST_TYPES.map((type) => [type, redactionModeFor(type)])).toEqual([
      ['foi', 'foi'],
      ['eir', 'foi'],
      ['foisa', 'foi'],
      ['sar', 'sar'],
    ]);
  });

  it('validates input against the same list', () => {
    for (const type of REQUEST_TYPES) expect(isRequestType(type)).toBe(true);
    expect(isRequestType('FOI')).toBe(false);
  });
});
