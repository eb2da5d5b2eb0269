/**
 * The options that make a case's settings — the date scope, kept staff, extra terms, the trust's hospital-number
 * formats, the SAR subject — declared, described and read once, so `records redact` and `records package` take them
 * alike. They become `@im-records/case-settings`' settings, and its builder (the one the browser tool's case worker
 * uses) makes the engine's options, so a batch run and the browser treat a case the same.
 */
import {
  buildEngineOptions,
  type CaseSettings,
  CaseSettingsError,
  type EngineOptions,
} from '@im-records/case-settings';
import type { Conversation } from '@im-records/chat-import';
import { normalisePhoneNumber } from '@im-records/records-policy';
import type { Decision, StillVisible } from '@im-records/redaction';
import { UsageError } from './command.ts';
import { type OptionValues, readInputFile } from './options.ts';

/** The parseArgs declarations of the settings options. */
export const tuningArgs = {
  subject: { type: 'string', multiple: true },
  from: { type: 'string' },
  to: { type: 'string' },
  keep: { type: 'string', multiple: true },
  'keep-health-professionals': { type: 'boolean' },
  'withhold-health-professionals': { type: 'boolean' },
  terms: { type: 'string' },
  'hospital-pattern': { type: 'string', multiple: true },
  'hospital-shape': { type: 'string', multiple: true },
  'leave-out': { type: 'string', multiple: true },
  include: { type: 'string', multiple: true },
} as const;

/** Their lines in a command's usage text. */
export const tuningUsage = `  --subject NAME              SAR (required): the data subject as the chat names them; repeat for aliases; a phone
                              number is taken as their number, but at least one must be a name
  --from YYYY-MM-DD           first day in scope (the export's local dates); messages before it are left out
  --to YYYY-MM-DD             last day in scope, included; messages after it are left out
  --keep NAME                 FOI: named senior staff kept in their public role; SAR: health professionals in
                              the chat no title or role shows, kept with the others (repeatable)
  --withhold-health-professionals
                              SAR: withhold the names of staff acting in their role too. By default a SAR keeps
                              them, as the browser tool does (DPA 2018 Sch 2 para 17: the ICO says names of doctors
                              and nurses acting in their role are normally not withheld)
  --keep-health-professionals SAR: the default, said explicitly (kept so older scripts run); not with the above
  --terms FILE                extra terms to withhold, one per line; a line 're:PATTERN' is a regular expression
  --hospital-shape SHAPE      trust hospital-number format as a shape, # a digit and @ a capital letter (RJ1-######);
                              looked for as well as the default (repeatable)
  --hospital-pattern REGEX    trust hospital-number pattern, replacing the default of one to three capital letters
                              and 6–8 digits (repeatable)
  --leave-out ID              leave the message with this id out of the disclosure, whatever the scope says: for
                              example one marked checkWhoIsMeant that is about someone else (repeatable)
  --include ID                bring the message with this id into the disclosure, or keep one marked
                              checkWhoIsMeant that is about the subject (repeatable; ids as records redact prints)`;

/** A case's settings from the options, the engine's options built from them, and what a case file records of them. */
export interface Tuning {
  /** The `--subject` values as given (checked by {@link readSubjects}); empty in an FOI. */
  subjects: string[];
  settings: CaseSettings;
  engine: EngineOptions;
  /** The options as given, for the case file. */
  record: {
    from?: string;
    to?: string;
    keepNames?: string[];
    keepHealthProfessionals?: boolean;
    hospitalShapes?: string[];
    hospitalPatterns?: string[];
    termsFile?: string;
    leaveOut?: string[];
    include?: string[];
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

/** The `--subject` values as a data subject: the first name, the other names as aliases, phone numbers apart. */
export function subjectOf(values: readonly string[]): NonNullable<CaseSettings['subject']> {
  const phones = values.filter((value) => normalisePhoneNumber(value) !== undefined);
  const names = values.filter((value) => normalisePhoneNumber(value) === undefined);
  return { name: names[0] ?? '', aliases: names.slice(1), phones };
}

/**
 * The `--subject` values, checked for `mode`: a SAR needs at least one, and at least one that is a name (a phone
 * number alone finds no message that names them, and the subject's own name is what the disclosure keeps); an FOI has
 * no data subject, so it takes none; a blank one is a mistake. The one rule for every command that takes `--subject`.
 */
export function readSubjects(values: OptionValues, mode: 'foi' | 'sar'): string[] {
  const subjects = (values.subject as string[] | undefined) ?? [];
  if (mode === 'foi') {
    if (subjects.length > 0) throw new UsageError('--subject applies to --mode sar only (an FOI has no data subject).');
    return subjects;
  }
  if (subjects.length === 0) throw new UsageError('--mode sar needs --subject NAME (the data subject).');
  if (subjects.some((subject) => subject.trim() === '')) throw new UsageError('--subject must not be blank.');
  if (subjects.every((subject) => normalisePhoneNumber(subject) !== undefined))
    throw new UsageError('--subject needs at least one name, not only phone numbers.');
  return subjects;
}

/**
 * Whether a SAR keeps the names of health professionals acting in their role (DPA 2018 Sch 2 para 17): yes unless
 * `--withhold-health-professionals`, as the browser tool's scope step starts (the ICO: names of doctors and nurses
 * acting in their role are normally not withheld). `--keep-health-professionals` says the default (older scripts
 * pass it); both together, or either in an FOI, are usage errors. False in an FOI.
 */
export function readHealthProfessionals(values: OptionValues, mode: 'foi' | 'sar'): boolean {
  const keep = values['keep-health-professionals'] === true;
  const withhold = values['withhold-health-professionals'] === true;
  if (keep && withhold)
    throw new UsageError('--keep-health-professionals and --withhold-health-professionals cannot both be given.');
  if (mode !== 'sar') {
    if (keep) throw new UsageError('--keep-health-professionals applies to --mode sar only.');
    if (withhold) throw new UsageError('--withhold-health-professionals applies to --mode sar only.');
    return false;
  }
  return !withhold;
}

/**
 * Reads the settings options (and the terms file) into a case's settings for `mode`, with the SAR subject checked by
 * {@link readSubjects}, and builds the engine's options from them. A setting that cannot be used (a date that is not
 * one, a range that ends before it starts, a bad shape, an option of the other mode) is a one-line {@link UsageError}.
 */
export async function readTuning(values: OptionValues, mode: 'foi' | 'sar'): Promise<Tuning> {
  const subjects = readSubjects(values, mode);
  const settings: CaseSettings = { requestType: mode };
  const record: Tuning['record'] = {};
  const from = values.from as string | undefined;
  const to = values.to as string | undefined;
  if (from !== undefined) settings.from = record.from = from;
  if (to !== undefined) settings.to = record.to = to;
  if (mode === 'sar') settings.subject = subjectOf(subjects);
  const keep = (values.keep as string[] | undefined) ?? [];
  const keepProfessionals = readHealthProfessionals(values, mode);
  if (keep.length > 0) {
    if (mode === 'sar' && !keepProfessionals) {
      throw new UsageError(
        '--keep in --mode sar names health professionals to keep: it cannot be given with --withhold-health-professionals.',
      );
    }
    settings.keepNames = record.keepNames = keep;
  }
  if (mode === 'sar') settings.keepHealthProfessionals = record.keepHealthProfessionals = keepProfessionals;
  const patterns = values['hospital-pattern'] as string[] | undefined;
  const shapes = (values['hospital-shape'] as string[] | undefined) ?? [];
  if (shapes.length > 0) settings.hospitalNumberShapes = record.hospitalShapes = shapes;
  if (patterns) settings.hospitalNumberPatterns = record.hospitalPatterns = patterns;
  const leaveOut = (values['leave-out'] as string[] | undefined) ?? [];
  const include = (values.include as string[] | undefined) ?? [];
  const both = leaveOut.find((id) => include.includes(id));
  if (both !== undefined) throw new UsageError(`--leave-out and --include both name message '${both}': choose one.`);
  if (leaveOut.length > 0) record.leaveOut = leaveOut;
  if (include.length > 0) record.include = include;
  const termsFile = values.terms as string | undefined;
  if (termsFile) {
    const custom = splitTerms(new TextDecoder().decode(await readInputFile(termsFile)));
    settings.customTerms = custom.terms;
    settings.customPatterns = custom.patterns;
    record.termsFile = termsFile;
  }
  try {
    return { subjects, settings, engine: buildEngineOptions(settings), record };
  } catch (error) {
    if (error instanceof CaseSettingsError) throw new UsageError(`${optionOf(error.setting)}: ${error.message}`);
    throw error;
  }
}

/**
 * The officer's `--leave-out` and `--include` as decisions (by `by`, at `at`), in that order, after checking that each
 * names a message of the conversation: a mistyped id is a usage error, not a message silently disclosed.
 */
export function scopeDecisionsOf(tuning: Tuning, conversation: Conversation, by: string, at: string): Decision[] {
  const { leaveOut = [], include = [] } = tuning.record;
  if (leaveOut.length + include.length === 0) return [];
  const ids = new Set<string>();
  for (const message of conversation.messages) ids.add(message.id);
  const decision = (option: '--leave-out' | '--include', messageId: string): Decision => {
    if (!ids.has(messageId)) {
      throw new UsageError(
        `${option}: no message with id '${messageId}' in the export (records redact prints each id).`,
      );
    }
    return option === '--leave-out'
      ? { action: 'leave-out-message', messageId, by, at, reason: 'left out on the command line (--leave-out)' }
      : { action: 'include-message', messageId, by, at, reason: 'included on the command line (--include)' };
  };
  return [...leaveOut.map((id) => decision('--leave-out', id)), ...include.map((id) => decision('--include', id))];
}

/** The option a refused setting came from, as the user typed it. */
function optionOf(setting: string): string {
  const options: Record<string, string> = {
    from: '--from',
    to: '--to',
    dateRange: '--from/--to',
    subject: '--subject',
    hospitalNumberShapes: '--hospital-shape',
  };
  return options[setting] ?? setting;
}

/**
 * The warning both commands print when a SAR's scope has messages selected only by a name that may be someone else's
 * (`InScope.uncertain`), or undefined when there are none: their names stay withheld, but an officer should check who
 * is meant before the messages are disclosed.
 */
export function uncertainScopeWarning(count: number): string | undefined {
  if (count === 0) return undefined;
  return `warning: ${count === 1 ? '1 message is' : `${count} messages are`} in scope only because of a name that may be someone else's (a near spelling of the subject's, or a name someone else in the chat has too): check who is meant before disclosing (records redact marks them checkWhoIsMeant; --leave-out ID or --include ID settles each)\n`;
}

/**
 * The warning both commands print when values the disclosure withholds are still shown elsewhere in it (redaction's
 * `stillVisible`: a link, a place detection read differently), or undefined when there are none. Each such value undoes
 * its own redaction: the officer withholds every occurrence with --terms, or checks why it was withheld.
 */
export function stillVisibleWarning(values: readonly StillVisible[]): string | undefined {
  if (values.length === 0) return undefined;
  const listed = values
    .slice(0, 10)
    .map((value) => `"${value.text}" (${value.places} ${value.places === 1 ? 'place' : 'places'})`)
    .join(', ');
  const more = values.length > 10 ? ` and ${values.length - 10} more` : '';
  return `warning: ${values.length === 1 ? '1 value withheld in one place is' : `${values.length} values withheld in one place are`} still shown elsewhere in the disclosure: ${listed}${more}; withhold every occurrence with --terms FILE, or check why it was withheld\n`;
}
