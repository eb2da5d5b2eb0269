import { describe, expect, it } from 'vitest';
import { getExemption, OUTSIDE_SCOPE, withholdingReasonsFor } from '../src/index.ts';

describe('withholding reasons', () => {
  it('offers FOIA codes for FOI, EIR and FOISA and DPA 2018 codes for a SAR, never mixed', () => {
    for (const type of ['foi', 'eir', 'foisa'] as const) {
      const codes = withholdingReasonsFor(type).map((reason) => reason.code);
      expect(codes[0]).toBe('s40(2)');
      expect(codes).toContain('s41');
      expect(codes.filter((code) => code?.startsWith('DPA'))).toEqual([]);
    }
    const sar = withholdingReasonsFor('sar').map((reason) => reason.code);
    expect(sar[0]).toBe('DPA Sch2 para16');
    expect(sar).toContain('DPA Sch3 Pt2');
    expect(sar.filter((code) => code !== null && !code.startsWith('DPA'))).toEqual([]);
    // Para 17 is a reason to disclose a health professional's name, not to withhold.
    expect(sar).not.toContain('DPA Sch2 para17');
  });

  it('ends every list with "outside the scope of the request", which has no code', () => {
    for (const type of ['foi', 'sar'] as const) {
      const reasons = withholdingReasonsFor(type);
      expect(reasons.at(-1)).toEqual({
        code: null,
        label: 'Outside the scope of the request',
        title: 'Outside the scope of the request',
      });
      expect(reasons.filter((reason) => reason.code === null)).toEqual([OUTSIDE_SCOPE]);
    }
  });

  it('labels each exemption with its code and the title records-policy gives it', () => {
    for (const reason of withholdingReasonsFor('foi')) {
      if (reason.code === null) continue;
      expect(reason.label).toBe(`${reason.code} – ${getExemption(reason.code).title}`);
      expect(reason.title).toBe(getExemption(reason.code).title);
    }
  });
});
