/**
 * A disclosure case's settings, and the one builder from them to the redaction engine's options. The browser tool's
 * case worker and the `records` command line both build their options here, so a case gives the same detection and
 * the same disclosure whichever runs it.
 */
import {
  HospitalNumberShapeError,
  hospitalNumberPattern,
  isIsoDate,
  type RequestType,
  redactionModeFor,
} from '@im-records/records-policy';
import {
  type DetectOptions,
  type DiscloseOptions,
  defaultHospitalNumberPatterns,
  type RedactionMode,
  type SubjectSpec,
} from '@im-records/redaction';
import { CaseSettingsError } from './errors.ts';

/** The person a subject access request is from: their data is kept, everyone else's withheld. */
export interface DataSubject {
  /** Their name as it appears in the chat. */
  name: string;
  /** Other names they go by in the chat ("Maggie"). */
  aliases?: readonly string[];
  /** Their phone numbers, as their own messages may be headed by one. */
  phones?: readonly string[];
}

/** Everything about a case that decides what is found, what is kept and what is in scope. */
export interface CaseSettings {
  /** The request being answered: it decides how personal data is treated (records-policy's `redactionModeFor`). */
  requestType: RequestType;
  /** First day in scope, `YYYY-MM-DD` in the export's local time; absent or empty: from the start. */
  from?: string;
  /** Last day in scope (included); absent or empty: to the end. */
  to?: string;
  /** SAR: the data subject (required for a SAR). */
  subject?: DataSubject;
  /** SAR: keep the names of health professionals acting in their role (DPA 2018 Sch 2 para 17). */
  keepHealthProfessionals?: boolean;
  /**
   * FOI: senior staff whose names are kept because they act in a public role. SAR, with `keepHealthProfessionals`:
   * health professionals whose names are kept although no title or role beside them says so (the group's staff).
   */
  keepNames?: readonly string[];
  /** The trust's hospital-number formats as shapes (`RJ1-######`), looked for as well as the patterns in force. */
  hospitalNumberShapes?: readonly string[];
  /** Hospital-number patterns (regular expression sources) in place of the built-in one. */
  hospitalNumberPatterns?: readonly string[];
  /** Terms to withhold wherever they occur, and patterns (regular expression sources). */
  customTerms?: readonly string[];
  customPatterns?: readonly string[];
}

/** The engine's options for a case: detection's, and disclosure's without the scope (see `scopeMessages`). */
export interface EngineOptions {
  mode: RedactionMode;
  detect: DetectOptions;
  disclose: Omit<DiscloseOptions, 'selection'>;
}

const trimmed = (values: readonly string[] | undefined): string[] =>
  (values ?? []).map((value) => value.trim()).filter(Boolean);

/** The date range's ends, checked: real dates, the first not after the last. */
export function dateRangeOf(settings: Pick<CaseSettings, 'from' | 'to'>): { from: string; to: string } {
  const from = settings.from?.trim() ?? '';
  const to = settings.to?.trim() ?? '';
  for (const [setting, value] of [
    ['from', from],
    ['to', to],
  ] as const) {
    if (value && !isIsoDate(value)) {
      throw new CaseSettingsError(setting, `The '${setting}' date '${value}' is not a real date written YYYY-MM-DD.`);
    }
  }
  if (from && to && from > to) {
    throw new CaseSettingsError('dateRange', `The date range ends (${to}) before it starts (${from}).`);
  }
  return { from, to };
}

/** The data subject as the engine takes it, or undefined when there is none or the request is not a SAR. */
function subjectOf(settings: CaseSettings, mode: RedactionMode): SubjectSpec | undefined {
  const name = settings.subject?.name.trim() ?? '';
  if (mode !== 'sar') return undefined;
  if (!name) {
    throw new CaseSettingsError('subject', 'A subject access request needs the data subject: give their name.');
  }
  return {
    names: [name],
    aliases: trimmed(settings.subject?.aliases),
    phones: trimmed(settings.subject?.phones),
  };
}

/** The hospital-number patterns in force: the built-in (or the given) patterns, and the trust's shapes added. */
function hospitalPatternsOf(settings: CaseSettings): string[] | undefined {
  const shapes = trimmed(settings.hospitalNumberShapes);
  const patterns = settings.hospitalNumberPatterns;
  if (shapes.length === 0 && patterns === undefined) return undefined;
  let fromShapes: string[];
  try {
    fromShapes = shapes.map(hospitalNumberPattern);
  } catch (error) {
    if (error instanceof HospitalNumberShapeError) throw new CaseSettingsError('hospitalNumberShapes', error.message);
    throw error;
  }
  // A shape is added to the patterns in force, never in their place: a missed number is a breach.
  return [...(patterns ?? defaultHospitalNumberPatterns), ...fromShapes];
}

/**
 * The redaction engine's options for a case, checked: the mode from the request type, the subject of a SAR (their
 * name required), kept staff (FOI) or health professionals (SAR, with any named), the hospital-number patterns with
 * the trust's shapes added, and the extra terms. Throws {@link CaseSettingsError} for a setting that cannot be used.
 */
export function buildEngineOptions(settings: CaseSettings): EngineOptions {
  const mode = redactionModeFor(settings.requestType);
  dateRangeOf(settings);
  const detect: DetectOptions = { mode };
  const disclose: Omit<DiscloseOptions, 'selection'> = { mode };
  const subject = subjectOf(settings, mode);
  if (subject) {
    detect.subject = subject;
    disclose.subject = subject;
  }
  if (mode === 'sar' && settings.keepHealthProfessionals) {
    detect.keepHealthProfessionals = true;
    disclose.keepHealthProfessionals = true;
  }
  const keepNames = trimmed(settings.keepNames);
  if (keepNames.length > 0 && (mode === 'foi' || settings.keepHealthProfessionals === true)) {
    detect.keepNames = keepNames;
    disclose.keepNames = keepNames;
  }
  const hospitalPatterns = hospitalPatternsOf(settings);
  if (hospitalPatterns) detect.hospitalNumberPatterns = hospitalPatterns;
  const terms = trimmed(settings.customTerms);
  if (terms.length > 0) detect.customTerms = terms;
  const patterns = settings.customPatterns ?? [];
  if (patterns.length > 0) detect.customPatterns = [...patterns];
  return { mode, detect, disclose };
}
