import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { describeRule, RULE_DESCRIPTIONS, ruleConfidence } from '../src/index.ts';

describe('rule descriptions', () => {
  it('describes every rule the engine gives a confidence, in words and not the rule name', () => {
    const rules = new Set(Object.keys(ruleConfidence).map((key) => key.split(' ')[0] as string));
    for (const rule of [...rules, 'name:model', 'manual:span', 'manual:term']) {
      expect(describeRule(rule), rule).not.toBe(rule);
    }
  });
  it('describes every rule of the golden results (what detection really proposes)', () => {
    const golden = JSON.parse(readFileSync(new URL('golden/detect-golden.json', import.meta.url), 'utf8')) as {
      results: Record<string, { proposals: unknown[][] }>;
    };
    const rules = new Set(Object.values(golden.results).flatMap((r) => r.proposals.map((p) => p[2] as string)));
    expect(rules.size).toBeGreaterThan(15);
    for (const rule of rules) expect(RULE_DESCRIPTIONS[rule], rule).toBeDefined();
  });
  it("gives a plugged-in recogniser's rule its own name", () => {
    expect(describeRule('ward-code:pattern')).toBe('ward-code:pattern');
  });
  it('says which finds are guesses', () => {
    expect(describeRule('name:unknown-proper-noun')).toMatch(/guess/);
    expect(describeRule('name:title')).not.toMatch(/guess/);
  });
});
