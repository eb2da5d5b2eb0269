import { defaultHospitalNumberPatterns } from '@im-records/redaction';
import { describe, expect, it } from 'vitest';
import { buildEngineOptions, CaseSettingsError, dateRangeOf } from '../src/index.ts';

describe('buildEngineOptions', () => {
  it('takes the mode from the request type: every FOI regime is foi, a subject access request sar', () => {
    for (const requestType of ['foi', 'eir', 'foisa'] as const) {
      expect(buildEngineOptions({ requestType })).toEqual({
        mode: 'foi',
        detect: { mode: 'foi' },
        disclose: { mode: 'foi' },
      });
    }
    expect(buildEngineOptions({ requestType: 'sar', subject: { name: 'Margaret Okafor' } }).mode).toBe('sar');
  });

  it("gives a SAR's subject, trimmed, to detection and disclosure alike, and requires their name", () => {
    const options = buildEngineOptions({
      requestType: 'sar',
      subject: { name: ' Margaret Okafor ', aliases: ['Maggie', ' '], phones: ['07700 900999'] },
      keepHealthProfessionals: true,
      keepNames: ['Dr Shah'],
    });
    const subject = { names: ['Margaret Okafor'], aliases: ['Maggie'], phones: ['07700 900999'] };
    // With para 17, the named staff are health professionals kept although no title or role beside them says so.
    const kept = { mode: 'sar', subject, keepHealthProfessionals: true, keepNames: ['Dr Shah'] };
    expect(options.detect).toEqual(kept);
    expect(options.disclose).toEqual(kept);
    // Without para 17 a SAR keeps no one's name but the subject's: the list is not used.
    const withheld = buildEngineOptions({
      requestType: 'sar',
      subject: { name: 'Margaret Okafor' },
      keepNames: ['Dr Shah'],
    });
    expect(withheld.detect.keepNames).toBeUndefined();
    expect(withheld.detect.keepHealthProfessionals).toBeUndefined();
    expect(() => buildEngineOptions({ requestType: 'sar', subject: { name: '  ' } })).toThrow(CaseSettingsError);
    expect(() => buildEngineOptions({ requestType: 'sar' })).toThrow(/needs the data subject/);
  });

  it('keeps named staff in an FOI and ignores a subject and para 17 there', () => {
    const options = buildEngineOptions({
      requestType: 'foi',
      keepNames: ['Dr Amina Shah', ''],
      subject: { name: 'Ignored' },
      keepHealthProfessionals: true,
    });
    expect(options.detect).toEqual({ mode: 'foi', keepNames: ['Dr Amina Shah'] });
    expect(options.disclose).toEqual({ mode: 'foi', keepNames: ['Dr Amina Shah'] });
  });

  it("adds the trust's hospital-number shapes to the patterns in force, never in their place", () => {
    const shaped = buildEngineOptions({ requestType: 'foi', hospitalNumberShapes: ['RJ1-######', ''] });
    expect(shaped.detect.hospitalNumberPatterns?.slice(0, -1)).toEqual([...defaultHospitalNumberPatterns]);
    expect(shaped.detect.hospitalNumberPatterns?.at(-1)).toMatch(/RJ1/);
    const replaced = buildEngineOptions({
      requestType: 'foi',
      hospitalNumberPatterns: ['H\\d{7}'],
      hospitalNumberShapes: ['RJ1-######'],
    });
    expect(replaced.detect.hospitalNumberPatterns?.[0]).toBe('H\\d{7}');
    expect(replaced.detect.hospitalNumberPatterns).toHaveLength(2);
    const error = (() => {
      try {
        buildEngineOptions({ requestType: 'foi', hospitalNumberShapes: ['RJ1-###'] });
      } catch (caught) {
        return caught;
      }
    })();
    expect(error).toBeInstanceOf(CaseSettingsError);
    expect(error).toMatchObject({ setting: 'hospitalNumberShapes', message: expect.stringMatching(/RJ1-###/) });
  });

  it('passes extra terms and patterns to detection only', () => {
    const options = buildEngineOptions({ requestType: 'foi', customTerms: ['Rainbow Ward'], customPatterns: ['x\\d'] });
    expect(options.detect).toMatchObject({ customTerms: ['Rainbow Ward'], customPatterns: ['x\\d'] });
    expect(options.disclose).toEqual({ mode: 'foi' });
  });

  it('checks the date range', () => {
    expect(dateRangeOf({ from: '2024-03-01', to: ' 2024-03-31 ' })).toEqual({ from: '2024-03-01', to: '2024-03-31' });
    expect(dateRangeOf({})).toEqual({ from: '', to: '' });
    expect(() => buildEngineOptions({ requestType: 'foi', from: '2024-02-30' })).toThrow(/'from' date '2024-02-30'/);
    expect(() => buildEngineOptions({ requestType: 'foi', from: '2024-04-01', to: '2024-03-01' })).toThrow(
      expect.objectContaining({ setting: 'dateRange', message: expect.stringMatching(/ends \(2024-03-01\) before/) }),
    );
  });
});
