import { describe, expect, it } from 'vitest';
import {
  DEFAULT_TRUST_SETTINGS,
  DIVISION_RULES,
  defaultTrustSettings,
  fillTrustPlaceholders,
  holidayDivisionOf,
  InvalidTrustSettingsError,
  parseTrustSettings,
  placeholdersIn,
  requestTimeLimits,
  trainingPolicyOf,
  trustPlaceholders,
  UnknownPlaceholderError,
} from '../src/index.ts';

describe('trust settings', () => {
  it('fills every field a file leaves out from the defaults, and lists which', () => {
    const resolved = parseTrustSettings(
      { organisation: { name: 'Anytown Hospitals NHS Foundation Trust' }, division: 'scotland' },
      'content/trust/settings.yaml',
    );
    expect(resolved.settings.organisation.name).toBe('Anytown Hospitals NHS Foundation Trust');
    expect(resolved.settings.device).toEqual(DEFAULT_TRUST_SETTINGS.device);
    expect(resolved.defaulted).toContain('device.passcodeMinDigits');
    expect(resolved.defaulted).not.toContain('organisation.name');
    expect(resolved.file).toBe('content/trust/settings.yaml');
    expect(defaultTrustSettings().defaulted).toHaveLength(11);
  });

  it('refuses a bad value or an unknown field, naming the field', () => {
    const field = (data: unknown) => {
      try {
        parseTrustSettings(data);
      } catch (error) {
        expect(error).toBeInstanceOf(InvalidTrustSettingsError);
        return (error as InvalidTrustSettingsError).message;
      }
      return 'no error';
    };
    expect(field({ training: { passMarkPercent: 0.8 } })).toMatch(/^training\.passMarkPercent: /);
    expect(field({ division: 'Wales' })).toBe('division: must be one of england, wales, scotland, northern-ireland');
    expect(field({ device: { passcodeDigits: 6 } })).toMatch(/^device: .*passcodeDigits/);
    expect(field({ approvedApps: ['Teams', ''] })).toBe('approvedApps[1]: must not be empty');
    expect(field({ informationGovernance: { email: 'not an address' } })).toMatch(/^informationGovernance\.email/);
  });

  it('gives the training policy in records-policy’s own terms', () => {
    const resolved = parseTrustSettings({ training: { passMarkPercent: 85, renewalMonths: 24 } });
    expect(trainingPolicyOf(resolved.settings)).toEqual({ passMark: 0.85, renewalMonths: 24, completionTarget: 0.95 });
  });

  it('takes the time limits from the deadline rules', () => {
    expect(requestTimeLimits('england')).toEqual({ foiWorkingDays: 20, sarMonths: 1 });
    expect(requestTimeLimits('scotland')).toEqual({ foiWorkingDays: 20, sarMonths: 1 });
  });

  it('lets the division decide the patient number and the FOI law', () => {
    expect(DIVISION_RULES.scotland.patientNumber).toBe('CHI number');
    expect(DIVISION_RULES.wales.patientNumber).toBe('NHS number');
    expect(DIVISION_RULES.scotland.foiLaw).toBe('Freedom of Information (Scotland) Act 2002');
    expect(DIVISION_RULES['northern-ireland'].foiOffenceSource).toBe('foia-s77');
  });
});

describe('placeholders', () => {
  const trust = trustPlaceholders(
    parseTrustSettings({
      organisation: { name: 'Anytown NHS Trust' },
      approvedApps: ['Microsoft Teams', 'Accurx'],
      consumerAppsAllowed: false,
      informationGovernance: { team: 'the IG team', email: 'ig@anytown.nhs.uk', incidentSystem: 'Datix' },
      device: { autoLockMinutes: 2 },
    }),
  );

  it('reads a trust’s values into sentences, capitalising {{Name}}', () => {
    expect(fillTrustPlaceholders('Use {{approvedApps}}. {{Organisation}} says so.', trust)).toBe(
      'Use Microsoft Teams or Accurx. Anytown NHS Trust says so.',
    );
    expect(fillTrustPlaceholders('{{consumerAppsPolicy}}', trust)).toBe(
      'Anytown NHS Trust does not allow consumer apps such as WhatsApp for patient information.',
    );
    expect(fillTrustPlaceholders('after {{autoLock}}; log it on {{incidentSystem}}', trust)).toBe(
      'after 2 minutes; log it on Datix',
    );
    expect(fillTrustPlaceholders('{{igContactLine}}', trust)).toBe('You can reach the IG team at ig@anytown.nhs.uk.');
  });

  it('uses neutral phrases where a field fell back to its default', () => {
    const defaults = trustPlaceholders(defaultTrustSettings());
    expect(fillTrustPlaceholders('Use {{approvedApps}}.', defaults)).toBe(
      'Use the apps on your organisation’s approved list.',
    );
    expect(fillTrustPlaceholders('{{consumerAppsPolicy}}', defaults)).toMatch(/^Check your organisation’s messaging/);
    expect(fillTrustPlaceholders('{{Organisation}} ({{passMark}}, {{renewalPeriod}})', defaults)).toBe(
      'Your organisation (80%, 12 months)',
    );
    expect(fillTrustPlaceholders('{{foiTimeLimit}} and {{sarTimeLimit}}', defaults)).toBe(
      '20 working days and one month',
    );
  });

  it('stops on an unknown placeholder', () => {
    expect(() => fillTrustPlaceholders('Ask {{igteam}}', trust)).toThrow(UnknownPlaceholderError);
    expect(() => fillTrustPlaceholders('Ask {{igteam}}', trust)).toThrow(/\{\{igteam\}\} is not a trust setting/);
    expect(placeholdersIn('{{a}} and {{ B }}')).toEqual(['a', 'B']);
  });
});

describe('holidayDivisionOf', () => {
  it("names the gov.uk bank-holiday division a trust's UK division keeps", () => {
    expect(holidayDivisionOf('england')).toBe('england-and-wales');
    expect(holidayDivisionOf('wales')).toBe('england-and-wales');
    expect(holidayDivisionOf('scotland')).toBe('scotland');
    expect(holidayDivisionOf('northern-ireland')).toBe('northern-ireland');
  });
});
