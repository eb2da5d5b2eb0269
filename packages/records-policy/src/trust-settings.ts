/**
 * A trust's own settings for the course and the policy: its name, approved apps, IG contact and incident system,
 * passcode rules, whether consumer apps are allowed, its UK division (which decides NHS or CHI number and FOIA or
 * FOISA), pass mark and renewal period. The schema lives here, with no file or HTTP code, so the training site's build,
 * the attestation service's admin pages and course exports all read and check the same thing.
 */
import { z } from 'zod';
import { addMonthsClamped, type IsoDate } from './dates.ts';
import { computeDeadline } from './deadlines/compute.ts';
import { RecordsPolicyError } from './errors.ts';
import type { Division } from './holidays/types.ts';
import { type SourceId, UK_DIVISIONS, type UkDivision } from './sources.ts';
import { DEFAULT_TRAINING_POLICY, type TrainingPolicy, trainingPolicy } from './training.ts';

/** A trust's settings, every field filled in (from its file or the defaults). */
export interface TrustSettings {
  organisation: {
    /** As staff know it, e.g. "Anytown Hospitals NHS Foundation Trust". */
    name: string;
  };
  /** The UK division the trust works in. */
  division: UkDivision;
  /** The messaging apps the trust approves for work, by name (empty: not listed in the settings). */
  approvedApps: string[];
  /** Whether the trust allows a consumer app such as WhatsApp for work at all. */
  consumerAppsAllowed: boolean;
  informationGovernance: {
    /** How staff should name the team in a sentence: "the Information Governance team". */
    team: string;
    email?: string;
    phone?: string;
    /** The incident reporting system, as staff know it: "Datix". */
    incidentSystem: string;
  };
  device: {
    /** The shortest passcode the trust accepts on a phone with work messages. */
    passcodeMinDigits: number;
    /** The longest time before the screen locks itself. */
    autoLockMinutes: number;
  };
  training: {
    /** Whole percent needed to pass the assessment (80). */
    passMarkPercent: number;
    /** Months a completion stays current (12). */
    renewalMonths: number;
    /** Whole percent of staff who should be in date (95). */
    completionTargetPercent: number;
  };
}

/**
 * The course's defaults, used for every field a trust's file leaves out. The organisation, team and system names are
 * phrases that read well in a sentence ("your organisation"), so a default build still reads as English; the passcode
 * and auto-lock figures have no national source and are shown as local policy, and a default build says so.
 */
export const DEFAULT_TRUST_SETTINGS: TrustSettings = {
  organisation: { name: 'your organisation' },
  division: 'england',
  approvedApps: [],
  consumerAppsAllowed: false,
  informationGovernance: {
    team: 'your information governance (IG) team',
    incidentSystem: 'your organisation’s incident reporting system',
  },
  device: { passcodeMinDigits: 6, autoLockMinutes: 1 },
  // From records-policy's training policy, so the default pass mark and renewal live in one place.
  training: {
    passMarkPercent: Math.round(DEFAULT_TRAINING_POLICY.passMark * 100),
    renewalMonths: DEFAULT_TRAINING_POLICY.renewalMonths,
    completionTargetPercent: Math.round(DEFAULT_TRAINING_POLICY.completionTarget * 100),
  },
};

const text = z.string().trim().min(1, 'must not be empty');

/**
 * The schema of a trust settings file: every field optional (a trust sets what differs from the defaults), unknown
 * fields refused so a misspelt one fails instead of being ignored.
 */
export const trustSettingsFileSchema = z.strictObject({
  organisation: z.strictObject({ name: text }).optional(),
  division: z
    .enum(UK_DIVISIONS as [UkDivision, ...UkDivision[]], {
      error: `must be one of ${UK_DIVISIONS.join(', ')}`,
    })
    .optional(),
  approvedApps: z.array(text).optional(),
  consumerAppsAllowed: z.boolean({ error: 'must be true or false' }).optional(),
  informationGovernance: z
    .strictObject({
      team: text.optional(),
      email: z.email('must be an email address').optional(),
      phone: text.optional(),
      incidentSystem: text.optional(),
    })
    .optional(),
  device: z
    .strictObject({
      passcodeMinDigits: z.int('must be a whole number').min(4).max(16).optional(),
      autoLockMinutes: z.int('must be a whole number').min(1).max(30).optional(),
    })
    .optional(),
  training: z
    .strictObject({
      passMarkPercent: z.int('must be a whole percent, such as 80').min(50).max(100).optional(),
      renewalMonths: z.int('must be a whole number of months').min(1).max(36).optional(),
      completionTargetPercent: z.int('must be a whole percent, such as 95').min(1).max(100).optional(),
    })
    .optional(),
});

/** What a trust settings file may hold: any part of {@link TrustSettings}. */
export type TrustSettingsFile = z.infer<typeof trustSettingsFileSchema>;

/** Settings with where they came from: the file read (or none) and which fields fell back to the defaults. */
export interface ResolvedTrustSettings {
  settings: TrustSettings;
  /** The file the settings were read from, relative to the repository root; null when none was given. */
  file: string | null;
  /** Field paths that took the default, e.g. `organisation.name`, `device.passcodeMinDigits`. */
  defaulted: readonly string[];
}

/** Thrown by {@link parseTrustSettings} when settings do not fit the schema; the message names the field. */
export class InvalidTrustSettingsError extends RecordsPolicyError {
  override name = 'InvalidTrustSettingsError';
  /** The field path, such as `training.passMarkPercent`. */
  readonly field: string;
  constructor(field: string, problem: string) {
    super(field ? `${field}: ${problem}` : problem);
    this.field = field;
  }
}

/** Thrown by {@link fillTrustPlaceholders} for a `{{name}}` that is not a trust placeholder. */
export class UnknownPlaceholderError extends RecordsPolicyError {
  override name = 'UnknownPlaceholderError';
}

function fieldPath(path: readonly PropertyKey[]): string {
  return path.map((key, i) => (typeof key === 'number' ? `[${key}]` : `${i > 0 ? '.' : ''}${String(key)}`)).join('');
}

/** Merges a validated file over the defaults and lists the fields that were not set. */
export function applyTrustDefaults(file: TrustSettingsFile, fileName: string | null = null): ResolvedTrustSettings {
  const d = DEFAULT_TRUST_SETTINGS;
  const defaulted: string[] = [];
  const pick = <T>(value: T | undefined, fallback: T, path: string): T => {
    if (value !== undefined) return value;
    defaulted.push(path);
    return fallback;
  };
  const ig = file.informationGovernance ?? {};
  const email = ig.email;
  const phone = ig.phone;
  const settings: TrustSettings = {
    organisation: { name: pick(file.organisation?.name, d.organisation.name, 'organisation.name') },
    division: pick(file.division, d.division, 'division'),
    approvedApps: pick(file.approvedApps, d.approvedApps, 'approvedApps'),
    consumerAppsAllowed: pick(file.consumerAppsAllowed, d.consumerAppsAllowed, 'consumerAppsAllowed'),
    informationGovernance: {
      team: pick(ig.team, d.informationGovernance.team, 'informationGovernance.team'),
      ...(email === undefined ? {} : { email }),
      ...(phone === undefined ? {} : { phone }),
      incidentSystem: pick(
        ig.incidentSystem,
        d.informationGovernance.incidentSystem,
        'informationGovernance.incidentSystem',
      ),
    },
    device: {
      passcodeMinDigits: pick(file.device?.passcodeMinDigits, d.device.passcodeMinDigits, 'device.passcodeMinDigits'),
      autoLockMinutes: pick(file.device?.autoLockMinutes, d.device.autoLockMinutes, 'device.autoLockMinutes'),
    },
    training: {
      passMarkPercent: pick(file.training?.passMarkPercent, d.training.passMarkPercent, 'training.passMarkPercent'),
      renewalMonths: pick(file.training?.renewalMonths, d.training.renewalMonths, 'training.renewalMonths'),
      completionTargetPercent: pick(
        file.training?.completionTargetPercent,
        d.training.completionTargetPercent,
        'training.completionTargetPercent',
      ),
    },
  };
  return { settings, file: fileName, defaulted };
}

/**
 * Checks untrusted settings (parsed YAML or JSON, or a form post) and fills in the defaults. Throws
 * {@link InvalidTrustSettingsError} naming the first bad field (`training.passMarkPercent: …`). A file loader that
 * knows line numbers can use {@link trustSettingsFileSchema} itself.
 */
export function parseTrustSettings(data: unknown, fileName: string | null = null): ResolvedTrustSettings {
  const result = trustSettingsFileSchema.safeParse(data ?? {});
  if (!result.success) {
    const [first] = result.error.issues;
    throw new InvalidTrustSettingsError(fieldPath(first?.path ?? []), first?.message ?? 'does not match the schema');
  }
  return applyTrustDefaults(result.data, fileName);
}

/** The defaults, as a build without a settings file uses them: every field listed as defaulted. */
export function defaultTrustSettings(): ResolvedTrustSettings {
  return applyTrustDefaults({});
}

/** The training policy (pass mark, renewal, completion target) a trust's settings give, checked by records-policy. */
export function trainingPolicyOf(settings: TrustSettings): TrainingPolicy {
  return trainingPolicy({
    passMark: settings.training.passMarkPercent / 100,
    renewalMonths: settings.training.renewalMonths,
    completionTarget: settings.training.completionTargetPercent / 100,
  });
}

/** What a division decides: the patient number, the FOI law, its regulator, its offence and their sources. */
export interface DivisionRules {
  nation: string;
  patientNumber: string;
  foiLaw: string;
  foiRegulator: string;
  foiOffence: string;
  foiTimeLimitSource: SourceId;
  foiOffenceSource: SourceId;
}

const fullFoia = 'Freedom of Information Act 2000';
const fullFoisa = 'Freedom of Information (Scotland) Act 2002';
const ico = 'Information Commissioner’s Office (ICO)';

/** The rules each UK division works under (records-rules.md §1; NHS Data Dictionary for the patient numbers). */
export const DIVISION_RULES: Readonly<Record<UkDivision, DivisionRules>> = {
  england: {
    nation: 'England',
    patientNumber: 'NHS number',
    foiLaw: fullFoia,
    foiRegulator: ico,
    foiOffence: `section 77 of the ${fullFoia}`,
    foiTimeLimitSource: 'foia-s10',
    foiOffenceSource: 'foia-s77',
  },
  wales: {
    nation: 'Wales',
    patientNumber: 'NHS number',
    foiLaw: fullFoia,
    foiRegulator: ico,
    foiOffence: `section 77 of the ${fullFoia}`,
    foiTimeLimitSource: 'foia-s10',
    foiOffenceSource: 'foia-s77',
  },
  scotland: {
    nation: 'Scotland',
    patientNumber: 'CHI number',
    foiLaw: fullFoisa,
    foiRegulator: 'Scottish Information Commissioner',
    foiOffence: `section 65 of the ${fullFoisa}`,
    foiTimeLimitSource: 'foisa-s10',
    foiOffenceSource: 'foisa-s65',
  },
  'northern-ireland': {
    nation: 'Northern Ireland',
    patientNumber: 'Health and Care (H&C) number',
    foiLaw: fullFoia,
    foiRegulator: ico,
    foiOffence: `section 77 of the ${fullFoia}`,
    foiTimeLimitSource: 'foia-s10',
    foiOffenceSource: 'foia-s77',
  },
};

/**
 * The bank-holiday division (gov.uk's feed) whose holidays a trust in a UK division keeps: England and Wales share
 * one calendar. Used wherever a trust's own working days matter (the attestation service sends no reminders on them).
 */
export function holidayDivisionOf(division: UkDivision): Division {
  return division === 'england' || division === 'wales' ? 'england-and-wales' : division;
}

const numberWords = ['no', 'one', 'two', 'three', 'four', 'five', 'six'];
const sampleDay = '2025-03-03' as IsoDate; // a Monday with no bank holiday within the next six weeks

/**
 * The time limits staff are told, read from records-policy's own deadline rules so the course cannot drift from the
 * disclosure tool: FOI (or FOISA) working days, and the SAR period in months.
 */
export function requestTimeLimits(division: UkDivision): { foiWorkingDays: number; sarMonths: number } {
  const foi = computeDeadline({
    type: division === 'scotland' ? 'foisa' : 'foi',
    received: sampleDay,
    asOf: sampleDay,
  });
  const sar = computeDeadline({ type: 'sar', received: sampleDay, asOf: sampleDay });
  const sarMonths = [1, 2, 3].find((months) => addMonthsClamped(sampleDay, months) === sar.due) ?? 1;
  return { foiWorkingDays: foi.workingDaysTotal, sarMonths };
}

function listOf(names: readonly string[]): string {
  if (names.length <= 1) return names.join('');
  return `${names.slice(0, -1).join(', ')} or ${names.at(-1)}`;
}

/**
 * The values content may use as `{{name}}` (a capital first letter, `{{Organisation}}`, capitalises the value):
 * `organisation`, `approvedApps`, `consumerAppsPolicy`, `igTeam`, `igContactLine`, `incidentSystem`,
 * `passcodeMinDigits`, `autoLock`, `passMark`, `renewalPeriod`, `completionTarget`, `nation`, `patientNumber`,
 * `foiLaw`, `foiRegulator`, `foiOffence`, `foiTimeLimit`, `sarTimeLimit`. Where a field fell back to the default, the
 * value is a neutral phrase ("the apps on your organisation's approved list") rather than a claim about the trust.
 */
export function trustPlaceholders(resolved: ResolvedTrustSettings): Readonly<Record<string, string>> {
  const { settings } = resolved;
  const defaulted = new Set(resolved.defaulted);
  const org = settings.organisation.name;
  const Org = capitalise(org);
  const ig = settings.informationGovernance;
  const division = DIVISION_RULES[settings.division];
  const limits = requestTimeLimits(settings.division);
  const contact = [ig.email, ig.phone].filter((part): part is string => part !== undefined);
  const minutes = settings.device.autoLockMinutes;
  // Pass mark, renewal and target as the training policy reads them (checked there), not straight from the file.
  const policy = trainingPolicyOf(settings);
  return {
    organisation: org,
    approvedApps:
      settings.approvedApps.length === 0 ? `the apps on ${org}’s approved list` : listOf(settings.approvedApps),
    consumerAppsPolicy: defaulted.has('consumerAppsAllowed')
      ? `Check ${org}’s messaging policy: it says whether a consumer app may be used for work at all.`
      : settings.consumerAppsAllowed
        ? `${Org} allows a consumer app such as WhatsApp for work only in the ways its messaging policy sets out.`
        : `${Org} does not allow consumer apps such as WhatsApp for patient information.`,
    igTeam: ig.team,
    igContactLine:
      contact.length === 0
        ? `Your intranet lists how to reach ${ig.team}.`
        : `You can reach ${ig.team} at ${contact.join(' or on ')}.`,
    incidentSystem: ig.incidentSystem,
    passcodeMinDigits: String(settings.device.passcodeMinDigits),
    autoLock: `${minutes} minute${minutes === 1 ? '' : 's'}`,
    passMark: `${Math.round(policy.passMark * 100)}%`,
    renewalPeriod: `${policy.renewalMonths} months`,
    completionTarget: `${Math.round(policy.completionTarget * 100)}%`,
    nation: division.nation,
    patientNumber: division.patientNumber,
    foiLaw: division.foiLaw,
    foiRegulator: division.foiRegulator,
    foiOffence: division.foiOffence,
    foiTimeLimit: `${limits.foiWorkingDays} working days`,
    sarTimeLimit: `${numberWords[limits.sarMonths] ?? limits.sarMonths} month${limits.sarMonths === 1 ? '' : 's'}`,
  };
}

function capitalise(value: string): string {
  return value.charAt(0).toUpperCase() + value.slice(1);
}

const placeholderPattern = /\{\{\s*([A-Za-z]+)\s*\}\}/g;

/** The placeholder names a text uses, in order (for checks that every name is known). */
export function placeholdersIn(text: string): string[] {
  return [...text.matchAll(placeholderPattern)].map((match) => match[1] ?? '');
}

/**
 * Replaces every `{{name}}` in a text with its value from {@link trustPlaceholders}; `{{Name}}` capitalises the value.
 * Throws {@link UnknownPlaceholderError} naming a placeholder that has no value, so a typo stops the build.
 */
export function fillTrustPlaceholders(text: string, values: Readonly<Record<string, string>>): string {
  return text.replace(placeholderPattern, (_whole, name: string) => {
    const direct = values[name];
    if (direct !== undefined) return direct;
    const lower = values[name.charAt(0).toLowerCase() + name.slice(1)];
    if (lower !== undefined && name.charAt(0) !== name.charAt(0).toLowerCase()) return capitalise(lower);
    throw new UnknownPlaceholderError(
      `{{${name}}} is not a trust setting placeholder (known: ${Object.keys(values).join(', ')})`,
    );
  });
}
