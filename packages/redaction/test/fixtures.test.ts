import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildContext, defaultRecognisers, detectMessage, type RedactionCategory } from '../src/index.ts';
import { conv, msg } from './helpers.ts';

const dir = new URL('../../../../shared/fixtures/pii/', import.meta.url);
const file = new URL('presidio_recognizer_cases.jsonl', dir);
const entities: Record<string, RedactionCategory> = {
  UK_NHS: 'nhs-number',
  UK_NINO: 'ni-number',
  UK_POSTCODE: 'postcode',
  PHONE_NUMBER: 'phone',
  EMAIL_ADDRESS: 'email',
};

describe.skipIf(!existsSync(file))('Presidio recogniser cases (shared fixtures)', () => {
  const context = buildContext(conv([]), { mode: 'foi' });
  const cases = existsSync(file)
    ? readFileSync(file, 'utf8')
        .split('\n')
        .filter((l) => l.trim())
        .map(
          (l) =>
            JSON.parse(l) as {
              entity: string;
              text: string;
              expected_count: number;
              spans?: { start: number; end: number }[];
            },
        )
        .filter((c) => entities[c.entity] !== undefined)
    : [];
  it('has cases for all five categories', () => {
    expect(new Set(cases.map((c) => c.entity)).size).toBe(5);
  });
  it('gets every must-flag and must-not-flag case right', () => {
    const wrong: string[] = [];
    for (const c of cases) {
      const category = entities[c.entity] as RedactionCategory;
      const found = detectMessage(msg('x', null, c.text), context, defaultRecognisers).filter(
        (f) => f.category === category,
      );
      if (c.expected_count === 0 && found.length > 0) wrong.push(`flagged: ${c.text}`);
      for (const s of c.spans ?? []) {
        if (!found.some((f) => f.start < s.end && s.start < f.end))
          wrong.push(`missed ${c.text.slice(s.start, s.end)} in ${c.text}`);
      }
    }
    expect(wrong).toEqual([]);
  });
});
