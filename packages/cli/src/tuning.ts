/**
 * The options that tune detection — kept staff, extra terms, the trust's hospital-number formats — declared, described
 * and read once, so `records redact` and `records package` take them alike (and as the browser tool's scope step does).
 */
import { HospitalNumberShapeError, hospitalNumberPattern } from '@im-records/records-policy';
import { type DetectOptions, defaultHospitalNumberPatterns } from '@im-records/redaction';
import { UsageError } from './command.ts';
import { type OptionValues, readInputFile } from './options.ts';

/** The parseArgs declarations of the tuning options. */
export const tuningArgs = {
  keep: { type: 'string', multiple: true },
  'keep-health-professionals': { type: 'boolean' },
  terms: { type: 'string' },
  'hospital-pattern': { type: 'string', multiple: true },
  'hospital-shape': { type: 'string', multiple: true },
} as const;

/** Their lines in a command's usage text. */
export const tuningUsage = `  --keep NAME                 FOI: named senior staff kept in their public role (repeatable)
  --keep-health-professionals SAR: keep staff names acting in their role (DPA 2018 Sch 2 para 17)
  --terms FILE                extra terms to withhold, one per line; a line 're:PATTERN' is a regular expression
  --hospital-shape SHAPE      trust hospital-number format as a shape, # a digit and @ a capital letter (RJ1-######);
                              looked for as well as the default (repeatable)
  --hospital-pattern REGEX    trust hospital-number pattern, replacing the default of one to three capital letters
                              and 6–8 digits (repeatable)`;

/** What the tuning options ask for, as detection options and as the settings a case file records. */
export interface Tuning {
  detect: Pick<
    DetectOptions,
    'keepNames' | 'keepHealthProfessionals' | 'hospitalNumberPatterns' | 'customTerms' | 'customPatterns'
  >;
  settings: {
    keepNames?: string[];
    keepHealthProfessionals?: boolean;
    hospitalShapes?: string[];
    hospitalPatterns?: string[];
    termsFile?: string;
  };
}

function splitTerms(text: string): { terms: string[]; patterns: string[] } {
  const terms: string[] = [];
  const patterns: string[] = [];
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (!line || line.startsWith('#')) continue;
    if (line.startsWith('re:')) patterns.push(line.slice(3));
    else terms.push(line);
  }
  return { terms, patterns };
}

/** Reads the tuning options; a bad shape or an unreadable terms file is a one-line {@link UsageError}. */
export async function readTuning(values: OptionValues, mode: 'foi' | 'sar'): Promise<Tuning> {
  const tuning: Tuning = { detect: {}, settings: {} };
  const keep = (values.keep as string[] | undefined) ?? [];
  if (keep.length > 0) {
    tuning.detect.keepNames = keep;
    tuning.settings.keepNames = keep;
  }
  if (mode === 'sar' && values['keep-health-professionals'] === true) {
    tuning.detect.keepHealthProfessionals = true;
    tuning.settings.keepHealthProfessionals = true;
  }
  const patterns = values['hospital-pattern'] as string[] | undefined;
  const shapes = (values['hospital-shape'] as string[] | undefined) ?? [];
  if (patterns || shapes.length > 0) {
    let fromShapes: string[];
    try {
      fromShapes = shapes.map(hospitalNumberPattern);
    } catch (error) {
      if (error instanceof HospitalNumberShapeError) throw new UsageError(error.message);
      throw error;
    }
    // Shapes are added to the patterns in force (the default unless --hospital-pattern replaces it), as in the app.
    tuning.detect.hospitalNumberPatterns = [...(patterns ?? defaultHospitalNumberPatterns), ...fromShapes];
    if (shapes.length > 0) tuning.settings.hospitalShapes = shapes;
    if (patterns) tuning.settings.hospitalPatterns = patterns;
  }
  const termsFile = values.terms as string | undefined;
  if (termsFile) {
    const custom = splitTerms(new TextDecoder().decode(await readInputFile(termsFile)));
    tuning.detect.customTerms = custom.terms;
    tuning.detect.customPatterns = custom.patterns;
    tuning.settings.termsFile = termsFile;
  }
  return tuning;
}
