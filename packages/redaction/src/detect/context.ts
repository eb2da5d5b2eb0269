/**
 * Everything detection needs to know about a chat and the request before it reads a message, computed once: the chat's
 * known names (participants, the keep list, the SAR subject) and phones, the compiled trust and officer patterns, and
 * the SAR subject's phone numbers and name tokens in the normalised forms every comparison uses.
 */
import type { Conversation } from '@im-records/chat-import';
import { normalisePhoneNumber } from '@im-records/records-policy';
import { RedactionOptionsError } from '../errors.ts';
import { KnownNames, nameTokens } from '../known-names.ts';
import type { RecogniserContext } from '../recogniser.ts';
import { defaultHospitalNumberPatterns } from '../recognisers/clinical.ts';
import { WordCounts } from '../word-counts.ts';
import type { DetectOptions } from './types.ts';

/** The recognisers' context plus what the modes need of the request. */
export interface DetectionContext extends RecogniserContext {
  options: DetectOptions;
  /** The SAR subject's phone numbers, normalised (empty in FOI mode). */
  subjectPhones: ReadonlySet<string>;
  /** The lower-case name tokens of the SAR subject's names and aliases (empty in FOI mode). */
  subjectTokens: ReadonlySet<string>;
}

/** Compiles `pattern`, made from the caller's `source`; a bad one is reported as the caller wrote it. */
function compile(source: string, what: string, flags: string, pattern = source): RegExp {
  try {
    new RegExp(source, flags);
    return new RegExp(pattern, flags);
  } catch (error) {
    throw new RedactionOptionsError(
      `${what} pattern '${source}' is not a valid regular expression: ${(error as Error).message.replace(/^Invalid regular expression: \/.*\/[a-z]*: /, '')}`,
    );
  }
}

/** Builds the context of one detection run (see the module comment). */
export function buildDetectionContext(conversation: Conversation, options: DetectOptions): DetectionContext {
  const known = new KnownNames();
  for (const participant of conversation.participants) {
    const phone = participant.phone ?? normalisePhoneNumber(participant.name);
    if (phone) known.addPhone(phone);
    // Participants are usually staff, but their role is left to the text (a patient may be in the group).
    if (!phone) known.addPerson(participant.name, 'unknown', 'participant');
  }
  for (const name of options.keepNames ?? []) known.addPerson(name, 'staff', 'keep', `keep:${name.toLowerCase()}`);
  const subjectPhones = new Set<string>();
  const subjectTokens = new Set<string>();
  if (options.subject) {
    for (const name of [...options.subject.names, ...(options.subject.aliases ?? [])]) {
      known.addPerson(name, 'patient', 'subject', 'subject');
      for (const token of nameTokens(name)) subjectTokens.add(token.toLowerCase());
    }
    for (const phone of options.subject.phones ?? []) {
      const normalised = normalisePhoneNumber(phone);
      if (normalised) {
        known.addPhone(normalised);
        subjectPhones.add(normalised);
      }
    }
  }
  // A participant with a kept given name and another surname ("Margaret Obi", a nurse in the group, when the subject
  // is Margaret Thompson) makes a bare "Margaret" anyone's: the officer checks who is meant.
  for (const participant of conversation.participants) {
    const tokens = nameTokens(participant.name);
    if (tokens.length > 0 && tokens.every((t) => subjectTokens.has(t.toLowerCase()))) known.noteSubjectWrites();
    const [given, ...others] = tokens;
    const kept = given === undefined ? undefined : known.get(given.toLowerCase());
    if (!given || !kept || (kept.source !== 'subject' && kept.source !== 'keep') || others.length === 0) continue;
    const samePerson = (t: string) =>
      known.get(t.toLowerCase())?.personKey === kept.personKey || known.isKeptInitial(kept.personKey, t);
    if (!others.every(samePerson)) known.noteNamesake(given.toLowerCase());
  }
  const hospitalNumberPatterns = (options.hospitalNumberPatterns ?? defaultHospitalNumberPatterns).map((source) =>
    compile(source, 'Hospital-number', 'g', `(?<![A-Za-z0-9])(?:${source})(?![A-Za-z0-9])`),
  );
  const customTerms = (options.customTerms ?? []).map((t) => t.trim().toLowerCase()).filter((t) => t.length > 0);
  const customPatterns = (options.customPatterns ?? []).map((source) => compile(source, 'Custom', 'gu'));
  return {
    known,
    hospitalNumberPatterns,
    customTerms,
    customPatterns,
    lowerCaseUses: new WordCounts(),
    options,
    subjectPhones,
    subjectTokens,
  };
}

/** The known names, phones and patterns of one chat, built once before detection (for running recognisers alone). */
export function buildContext(conversation: Conversation, options: DetectOptions): RecogniserContext {
  return buildDetectionContext(conversation, options);
}
