import { describe, expect, it } from 'vitest';
import {
  currentPolicyVersion,
  DEFAULT_TRAINING_POLICY,
  EXEMPTIONS,
  expiryDate,
  FORMAT_NEUTRAL_PRINCIPLE,
  findExemption,
  findRetentionRule,
  getExemption,
  hasPassed,
  InvalidTrainingPolicyError,
  isCurrent,
  meetsCompletionTarget,
  mustReattest,
  POLICY_PACKAGE_VERSION,
  type PolicyVersion,
  parseIsoDate,
  RETENTION_RULES,
  trainingPolicy,
  UnknownExemptionError,
  UnknownPolicyVersionError,
} from '../src/index.ts';

const d = parseIsoDate;

describe('exemptions', () => {
  it('covers FOIA sections 21 to 44 (there is no section 25 exemption) with unique codes', () => {
    const sections = EXEMPTIONS.filter((e) => e.regime === 'foia').map((e) => e.code.match(/^s(\d+)/)?.[1]);
    for (let s = 21; s <= 44; s += 1) if (s !== 25) expect(sections).toContain(String(s));
    expect(new Set(EXEMPTIONS.map((e) => e.code)).size).toBe(EXEMPTIONS.length);
  });

  it('marks absolute exemptions as FOIA s2(3) lists them', () => {
    const absolute = EXEMPTIONS.filter((e) => e.absolute === true).map((e) => e.code);
    expect(absolute).toEqual(['s21', 's23', 's32', 's34', 's40(1)', 's40(2)', 's41', 's44']);
    expect(getExemption('s38').absolute).toBe(false);
    expect(getExemption('s42').absolute).toBe(false);
    expect(getExemption('DPA Sch2 para16').absolute).toBeUndefined();
  });

  it('looks codes up however a reviewer types them', () => {
    expect(findExemption('S40(2)')?.code).toBe('s40(2)');
    expect(findExemption('section 41')?.code).toBe('s41');
    expect(findExemption('DPA18 Sch2 para16')?.provision).toBe('DPA 2018 Sch 2 Part 3 para 16');
    expect(findExemption('Sch3 Pt2')?.code).toBe('DPA Sch3 Pt2');
    expect(findExemption('dpa sch2 para 19')?.title).toBe('Legal professional privilege');
    expect(findExemption('s40')).toBeUndefined();
    expect(() => getExemption('s99')).toThrow(UnknownExemptionError);
    expect(() => getExemption('s99')).toThrow("no exemption has the code 's99'");
  });
});

describe('retention', () => {
  it('states the format-neutral principle and the record types from the Code', () => {
    expect(FORMAT_NEUTRAL_PRINCIPLE).toMatch(/whatever its format/);
    expect(findRetentionRule('adult-health-record')?.period).toMatch(/8 years/);
    expect(findRetentionRule('children-health-record')?.period).toMatch(/25th birthday.*26th/);
    expect(findRetentionRule('chat-as-only-record')?.period).toMatch(/full retention period/);
    expect(new Set(RETENTION_RULES.map((r) => r.id)).size).toBe(RETENTION_RULES.length);
  });
});

describe('training policy', () => {
  it('defaults to 80% pass mark, 12 months, 95% target', () => {
    expect(DEFAULT_TRAINING_POLICY).toEqual({ passMark: 0.8, renewalMonths: 12, completionTarget: 0.95 });
    expect(trainingPolicy({ completionTarget: 0.9 }).completionTarget).toBe(0.9);
    expect(() => trainingPolicy({ passMark: 80 })).toThrow(InvalidTrainingPolicyError);
    expect(() => trainingPolicy({ passMark: 80 })).toThrow(/passMark/);
    expect(() => trainingPolicy({ renewalMonths: 0 })).toThrow(/renewalMonths/);
    expect(POLICY_PACKAGE_VERSION).toMatch(/^\d+\.\d+\.\d+$/);
  });

  it('passes at exactly the pass mark', () => {
    expect(hasPassed(8, 10)).toBe(true);
    expect(hasPassed(7, 10)).toBe(false);
    expect(hasPassed(12, 15)).toBe(true);
    expect(hasPassed(0, 0)).toBe(false);
    expect(meetsCompletionTarget(0.95)).toBe(true);
    expect(meetsCompletionTarget(0.949)).toBe(false);
  });

  it('expires 12 months after completion', () => {
    expect(expiryDate(d('2025-03-10'))).toBe('2026-03-10');
    expect(expiryDate(d('2024-02-29'))).toBe('2025-02-28');
    expect(isCurrent(d('2025-03-10'), d('2026-03-09'))).toBe(true);
    expect(isCurrent(d('2025-03-10'), d('2026-03-10'))).toBe(false);
    expect(isCurrent(d('2025-03-10'), d('2025-03-09'))).toBe(false);
  });

  it('asks for re-attestation only after a later material change', () => {
    const versions: PolicyVersion[] = [
      { id: 'v1', version: '1.0', published: d('2025-01-01'), summary: 'First.', materialChange: true },
      { id: 'v1.1', version: '1.1', published: d('2025-03-01'), summary: 'Typos.', materialChange: false },
      { id: 'v2', version: '2.0', published: d('2025-06-01'), summary: 'New app.', materialChange: true },
      { id: 'v2.1', version: '2.1', published: d('2025-07-01'), summary: 'Links.', materialChange: false },
    ];
    expect(mustReattest('v1', versions, 'v1.1')).toBe(false);
    expect(mustReattest('v1', versions)).toBe(true);
    expect(mustReattest('v1.1', versions)).toBe(true);
    expect(mustReattest('v2', versions)).toBe(false);
    expect(mustReattest('v2.1', versions)).toBe(false);
    expect(currentPolicyVersion(versions).id).toBe('v2.1');
    expect(() => mustReattest('v9', versions)).toThrow(UnknownPolicyVersionError);
    expect(() => currentPolicyVersion([])).toThrow(/empty/);
  });
});
