/**
 * The detection engine: builds the chat's known names, runs every recogniser over every message in chunks (with
 * progress and cancellation, so it can run in a Web Worker), merges overlapping candidates, applies the mode (FOI or
 * SAR) to decide what is withheld and under which exemption, and for SAR selects the messages by or about the subject.
 */
import { type Conversation, type Message, messageTextAt } from '@im-records/chat-import';
import { normalisePhoneNumber } from '@im-records/records-policy';
import { DetectionAbortedError, RedactionOptionsError } from './errors.ts';
import { PARA16, PARA17, S40_2, S41 } from './exemptions.ts';
import { KnownNames, nameTokens } from './known-names.ts';
import { type Candidate, NONE, type PartyRole, type Recogniser, type RecogniserContext } from './recogniser.ts';
import {
  addressRecogniser,
  ageRecogniser,
  customRecogniser,
  dateOfBirthRecogniser,
  defaultHospitalNumberPatterns,
  hospitalNumberRecogniser,
} from './recognisers/clinical.ts';
import {
  emailRecogniser,
  mentionRecogniser,
  nhsNumberRecogniser,
  niNumberRecogniser,
  phoneRecogniser,
  postcodeRecogniser,
} from './recognisers/identifiers.ts';
import { ConfirmedNames, discoverNames, nameRecogniser, scanConsistent } from './recognisers/names.ts';
import type { Proposal, RedactionCategory, RedactionMode } from './types.ts';

/** The data subject of a SAR: names and aliases (any of which identifies them) and phone numbers. */
export interface SubjectSpec {
  names: readonly string[];
  aliases?: readonly string[];
  phones?: readonly string[];
}

/** Options of {@link detectPersonalData}. */
export interface DetectOptions {
  mode: RedactionMode;
  /** SAR: who the request is from. Required in SAR mode. */
  subject?: SubjectSpec;
  /** FOI: named senior staff whose names are kept because they act in a public role. */
  keepNames?: readonly string[];
  /** SAR: keep the names of health professionals acting in their role (DPA 2018 Sch 2 para 17). Default false. */
  keepHealthProfessionals?: boolean;
  /** Trust hospital-number patterns (regex sources, matched case-sensitively as whole tokens). */
  hospitalNumberPatterns?: readonly string[];
  /** Officer's terms to withhold wherever they occur (whole words, any case). */
  customTerms?: readonly string[];
  /** Officer's patterns to withhold (regex sources). */
  customPatterns?: readonly string[];
  /** Replaces the built-in recognisers (e.g. to switch one off). */
  recognisers?: readonly Recogniser[];
  /** Added after the built-in recognisers, e.g. a statistical name model. */
  extraRecognisers?: readonly Recogniser[];
  /** Messages per chunk between progress reports and cancellation checks; default 2000. */
  chunkSize?: number;
  /** Called after each chunk with messages done and total (all three passes counted). */
  onProgress?: (done: number, total: number) => void;
  /** Cancels detection; the promise rejects with {@link DetectionAbortedError}. */
  signal?: AbortSignal;
}

/** Why a span was found but is not withheld (SAR subject's own data, kept staff names). */
export interface KeptSpan {
  messageId: string;
  start: number;
  end: number;
  category: RedactionCategory;
  rule: string;
  reason: string;
}

/** Whether a message is in scope of a SAR and why. */
export interface MessageSelection {
  messageId: string;
  selected: boolean;
  /** Human-readable reasons, e.g. `author is the data subject`, `mentions "Margret" (fuzzy match of Margaret)`. */
  reasons: string[];
}

/** The engine's output: proposals to withhold, spans deliberately kept, and the SAR selection. */
export interface DetectionResult {
  mode: RedactionMode;
  proposals: Proposal[];
  kept: KeptSpan[];
  /** One entry per message in SAR mode; empty in FOI mode (every message is in scope). */
  selection: MessageSelection[];
}

/** The built-in recognisers, in the order they run. */
export const defaultRecognisers: readonly Recogniser[] = [
  nhsNumberRecogniser,
  niNumberRecogniser,
  emailRecogniser,
  phoneRecogniser,
  mentionRecogniser,
  postcodeRecogniser,
  hospitalNumberRecogniser,
  addressRecogniser,
  dateOfBirthRecogniser,
  ageRecogniser,
  nameRecogniser,
  customRecogniser,
];

const priority: Record<RedactionCategory, number> = {
  'nhs-number': 10,
  'ni-number': 9,
  email: 9,
  phone: 8,
  'hospital-number': 8,
  postcode: 7,
  'date-of-birth': 7,
  address: 6,
  custom: 5,
  age: 4,
  'person-name': 3,
};

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

/** The known names, phones and patterns of one chat, built once before detection. */
export function buildContext(conversation: Conversation, options: DetectOptions): RecogniserContext {
  const known = new KnownNames();
  for (const participant of conversation.participants) {
    const phone = participant.phone ?? normalisePhoneNumber(participant.name);
    if (phone) known.addPhone(phone);
    // Participants are usually staff, but their role is left to the text (a patient may be in the group).
    if (!phone) known.addPerson(participant.name, 'unknown', 'participant');
  }
  for (const name of options.keepNames ?? []) known.addPerson(name, 'staff', 'keep', `keep:${name.toLowerCase()}`);
  if (options.subject) {
    for (const name of [...options.subject.names, ...(options.subject.aliases ?? [])]) {
      known.addPerson(name, 'patient', 'subject', 'subject');
    }
    for (const phone of options.subject.phones ?? []) {
      const normalised = normalisePhoneNumber(phone);
      if (normalised) known.addPhone(normalised);
    }
  }
  const hospitalNumberPatterns = (options.hospitalNumberPatterns ?? defaultHospitalNumberPatterns).map((source) =>
    compile(source, 'Hospital-number', 'g', `(?<![A-Za-z0-9])(?:${source})(?![A-Za-z0-9])`),
  );
  const customTerms = (options.customTerms ?? []).map((t) => t.trim().toLowerCase()).filter((t) => t.length > 0);
  const customPatterns = (options.customPatterns ?? []).map((source) => compile(source, 'Custom', 'gu'));
  return { known, hospitalNumberPatterns, customTerms, customPatterns };
}

/** Candidate order for merging: by start, longer first, then the stronger category. */
function compareCandidates(a: Candidate, b: Candidate): number {
  return a.start - b.start || b.end - a.end || priority[b.category] - priority[a.category];
}

/** Merges overlapping candidates: a span inside another gives way; partial overlaps join under the stronger category. */
export function mergeCandidates(candidates: Candidate[]): Candidate[] {
  if (candidates.length < 2) return candidates;
  // Candidates are fresh objects from the recognisers, so they are sorted and reused in place. A message has a handful
  // of them: an insertion sort (stable, like Array.prototype.sort, so ties keep their order) avoids the work array
  // the built-in sort allocates on every call; a long pasted text with many finds uses the built-in one.
  if (candidates.length > 32) candidates.sort(compareCandidates);
  else {
    for (let i = 1; i < candidates.length; i++) {
      const c = candidates[i] as Candidate;
      let j = i - 1;
      while (j >= 0 && compareCandidates(candidates[j] as Candidate, c) > 0) {
        candidates[j + 1] = candidates[j] as Candidate;
        j--;
      }
      candidates[j + 1] = c;
    }
  }
  const out: Candidate[] = [];
  for (const c of candidates) {
    const last = out[out.length - 1];
    if (!last || c.start >= last.end) {
      out.push(c);
      continue;
    }
    if (c.end <= last.end) {
      // Contained: the containing span stands (a name inside an email or address is covered by it).
      if (c.start === last.start && c.end === last.end && priority[c.category] > priority[last.category]) {
        out[out.length - 1] = c;
      }
      continue;
    }
    const stronger = priority[c.category] > priority[last.category] ? c : last;
    out[out.length - 1] = {
      ...stronger,
      start: last.start,
      end: c.end,
      confidence: Math.max(last.confidence, c.confidence),
      rule: `${last.rule}+${c.rule}`,
    };
  }
  return out;
}

/** Runs the recognisers over one message and merges their candidates. */
export function detectMessage(
  message: Message,
  context: RecogniserContext,
  recognisers: readonly Recogniser[],
): Candidate[] {
  const found = findCandidates(message, context, recognisers);
  return found === NONE ? [] : found;
}

/** The recognisers' candidates of one message are gathered here, then merged into a fresh array. */
const gathered: Candidate[] = [];

/** {@link detectMessage} for the engine: the shared empty array when nothing is found (most messages). */
function findCandidates(message: Message, context: RecogniserContext, recognisers: readonly Recogniser[]): Candidate[] {
  const text = message.text;
  if (text.length === 0) return NONE;
  let digits = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 48 && c <= 57) digits++;
  }
  gathered.length = 0;
  for (const recogniser of recognisers) {
    if (recogniser.minDigits !== undefined && digits < recogniser.minDigits) continue;
    const found = recogniser.find(message, context);
    for (let j = 0; j < found.length; j++) gathered.push(found[j] as Candidate);
  }
  if (gathered.length === 0) return NONE;
  if (gathered.length === 1) return [gathered[0] as Candidate];
  return mergeCandidates(gathered);
}

const patientCategories = new Set<RedactionCategory>([
  'nhs-number',
  'hospital-number',
  'date-of-birth',
  'age',
  'ni-number',
  'address',
  'postcode',
]);

interface ModeDecision {
  withhold: boolean;
  exemption: string;
  alsoExemptions?: readonly string[];
  keptReason?: string;
}

const foiKeep: ModeDecision = {
  withhold: false,
  exemption: '',
  keptReason: 'named senior staff acting in a public role (FOI keep list)',
};
const foiThirdParty: ModeDecision = { withhold: true, exemption: S40_2 };
/**
 * One frozen array shared by every proposal withheld under s40(2) and s41: a million patient proposals would otherwise
 * each keep an array and its backing store alive, and every scavenge would copy them.
 */
const alsoS41: readonly string[] = Object.freeze([S41]);
const foiPatient: ModeDecision = { withhold: true, exemption: S40_2, alsoExemptions: alsoS41 };

function foiDecision(c: Candidate): ModeDecision {
  if (c.category === 'person-name') {
    // Only exact (or familiar-form) matches are kept: a fuzzy match could be someone else with a similar name.
    if (c.personKey?.startsWith('keep:') && c.rule !== 'name:fuzzy') return foiKeep;
    return c.role === 'staff' ? foiThirdParty : foiPatient;
  }
  return patientCategories.has(c.category) ? foiPatient : foiThirdParty;
}

/** Whose data a candidate is in SAR mode: the subject's when it names them, or sits next to their name. */
function sarDecision(
  c: Candidate,
  text: string,
  names: readonly Candidate[],
  context: RecogniserContext,
  options: DetectOptions,
): ModeDecision {
  const para16: ModeDecision = { withhold: true, exemption: PARA16 };
  if (c.category === 'person-name') {
    // A fuzzy match selects the message but stays withheld: it could be someone else with a similar name.
    if (c.personKey === 'subject' && c.rule !== 'name:fuzzy') {
      return { withhold: false, exemption: '', keptReason: "the data subject's own name" };
    }
    if (options.keepHealthProfessionals && c.role === 'staff') {
      return { withhold: false, exemption: '', keptReason: `health professional acting in their role (${PARA17})` };
    }
    return para16;
  }
  if (c.category === 'phone') {
    const normalised = normalisePhoneNumber(text.slice(c.start, c.end));
    const subjectPhones = (options.subject?.phones ?? []).map((p) => normalisePhoneNumber(p));
    if (normalised && subjectPhones.includes(normalised)) {
      return { withhold: false, exemption: '', keptReason: "the data subject's own phone number" };
    }
  }
  // Attribute an identifier to the nearest person named before it in the message (else the first named after it).
  let owner: Candidate | undefined;
  for (const n of names) if (n.end <= c.start) owner = n;
  owner ??= names.find((n) => n.start >= c.end);
  if (owner?.personKey === 'subject' && c.category !== 'phone' && c.category !== 'email') {
    return { withhold: false, exemption: '', keptReason: "the data subject's own data (named beside it)" };
  }
  if (owner?.personKey === 'subject' && (c.category === 'phone' || c.category === 'email')) {
    // A number next to the subject's name may still be a relative's; keep only when no one else is named.
    if (names.every((n) => n.personKey === 'subject')) {
      return {
        withhold: false,
        exemption: '',
        keptReason: "the data subject's own contact details (only person named)",
      };
    }
  }
  void context;
  return para16;
}

/**
 * `messageId:start-end:category`, built by a join so it is one flat string: a template literal makes a tree of
 * concatenation nodes (about 90 bytes more per id, measured), and every proposal keeps its id for the whole run.
 */
function proposalId(messageId: string, c: { start: number; end: number; category: RedactionCategory }): string {
  return [messageId, ':', c.start, '-', c.end, ':', c.category].join('');
}

/** Authors that are the SAR subject (exact or fuzzy name, or their phone). */
function authorIsSubject(
  author: string | null,
  context: RecogniserContext,
  options: DetectOptions,
): string | undefined {
  if (author === null || !options.subject) return undefined;
  const phone = normalisePhoneNumber(author);
  const subjectPhones = (options.subject.phones ?? []).map((p) => normalisePhoneNumber(p));
  if (phone && subjectPhones.includes(phone)) return `author ${author} is the data subject's phone number`;
  const tokens = nameTokens(author).map((t) => t.toLowerCase());
  const subjectTokens = new Set(
    [...options.subject.names, ...(options.subject.aliases ?? [])].flatMap((n) =>
      nameTokens(n).map((t) => t.toLowerCase()),
    ),
  );
  if (tokens.length > 0 && tokens.every((t) => subjectTokens.has(t))) return `author ${author} is the data subject`;
  const fuzzy = tokens.map((t) => context.known.get(t) ?? context.known.fuzzy(t));
  if (tokens.length > 0 && fuzzy.every((k) => k?.personKey === 'subject')) {
    return `author ${author} matches the data subject's name (fuzzy)`;
  }
  return undefined;
}

function* run(conversation: Conversation, options: DetectOptions): Generator<number, DetectionResult> {
  if (options.mode === 'sar' && (!options.subject || options.subject.names.filter((n) => n.trim()).length === 0)) {
    throw new RedactionOptionsError('SAR mode needs the data subject: give at least one name in options.subject.names');
  }
  const context = buildContext(conversation, options);
  const recognisers = [...(options.recognisers ?? defaultRecognisers), ...(options.extraRecognisers ?? [])];
  const names = recognisers.some((r) => r.categories.includes('person-name'));
  const chunk = Math.max(1, options.chunkSize ?? 2000);
  const messages = conversation.messages;
  const count = messages.length;
  // Pass 1: names found by strong cues anywhere in the chat become known names for every message.
  if (names) {
    for (let i = 0; i < count; i++) {
      const text = messageTextAt(messages, i);
      if (text.length > 0) discoverNames(text, context.known);
      if ((i + 1) % chunk === 0) yield i + 1;
    }
  }
  yield count;
  // Pass 2: every recogniser on every message, decided at once (candidates are not kept: on a big chat holding them
  // would double the live heap); the names found are confirmed for the whole chat.
  const confirmed = new ConfirmedNames();
  const proposals: Proposal[] = [];
  const kept: KeptSpan[] = [];
  const selection: MessageSelection[] = [];
  const proposalAt = new Int32Array(count + 1);
  const keptAt = new Int32Array(count + 1);
  // Candidates of messages with kept spans (rare: the SAR subject, kept staff), needed to decide them again.
  const keptCandidates = new Map<number, Candidate[]>();
  for (let i = 0; i < count; i++) {
    const message = messages.at(i) as Message;
    const candidates = findCandidates(message, context, recognisers);
    proposalAt[i] = proposals.length;
    keptAt[i] = kept.length;
    if (candidates.length > 0) {
      for (const c of candidates) if (c.category === 'person-name') confirmed.add(message.text, c);
      decide(message, candidates, context, options, proposals, kept, selection);
      if (kept.length > (keptAt[i] as number)) keptCandidates.set(i, candidates);
    } else if (options.mode === 'sar') decide(message, candidates, context, options, proposals, kept, selection);
    if ((i + 1) % chunk === 0) yield count + i + 1;
  }
  proposalAt[count] = proposals.length;
  keptAt[count] = kept.length;
  yield 2 * count;
  if (!names || confirmed.size === 0) return { mode: options.mode, proposals, kept, selection };
  // Pass 3: a name confirmed anywhere is proposed at its other uses; a message that gains one is decided again.
  const finalProposals: Proposal[] = [];
  const finalKept: KeptSpan[] = [];
  for (let i = 0; i < count; i++) {
    const p0 = proposalAt[i] as number;
    const p1 = proposalAt[i + 1] as number;
    const k0 = keptAt[i] as number;
    const k1 = keptAt[i + 1] as number;
    // The text alone decides whether the message gains a name; the whole message is built only when it does.
    const text = messageTextAt(messages, i);
    const more = text.length > 0 ? scanConsistent(text, confirmed, proposals, p0, p1, kept, k0, k1) : NONE;
    if (more.length === 0) {
      for (let j = p0; j < p1; j++) finalProposals.push(proposals[j] as Proposal);
      for (let j = k0; j < k1; j++) finalKept.push(kept[j] as KeptSpan);
    } else {
      const previous = keptCandidates.get(i) ?? proposals.slice(p0, p1).map(toCandidate);
      const candidates = mergeCandidates([...previous.map((c) => ({ ...c })), ...more]);
      const sink: MessageSelection[] = [];
      decide(messages.at(i) as Message, candidates, context, options, finalProposals, finalKept, sink);
      if (options.mode === 'sar' && sink[0]) selection[i] = sink[0];
    }
    if ((i + 1) % chunk === 0) yield 2 * count + i + 1;
  }
  return { mode: options.mode, proposals: finalProposals, kept: finalKept, selection };
}

/** A proposal back as the candidate it came from (to decide a message again). */
function toCandidate(p: Proposal): Candidate {
  const c: Candidate = { start: p.start, end: p.end, category: p.category, confidence: p.confidence, rule: p.rule };
  if (p.role) c.role = p.role;
  if (p.personKey) c.personKey = p.personKey;
  return c;
}

/**
 * The proposal for a withheld candidate. The common shapes are built as one object literal each (a name with role and
 * person key, with or without further exemptions; an identifier with or without them), so a million proposals do not
 * each grow a property store; the keys and their order are those of the general case below.
 */
function toProposal(message: Message, c: Candidate, d: ModeDecision): Proposal {
  const id = proposalId(message.id, c);
  const text = message.text.slice(c.start, c.end);
  const confidence = Math.round(c.confidence * 100) / 100;
  const also = d.alsoExemptions;
  const { role, personKey } = c;
  if (role && personKey) {
    if (also) {
      return {
        id,
        messageId: message.id,
        start: c.start,
        end: c.end,
        text,
        category: c.category,
        confidence,
        rule: c.rule,
        exemption: d.exemption,
        status: 'proposed',
        alsoExemptions: also,
        role,
        personKey,
      };
    }
    return {
      id,
      messageId: message.id,
      start: c.start,
      end: c.end,
      text,
      category: c.category,
      confidence,
      rule: c.rule,
      exemption: d.exemption,
      status: 'proposed',
      role,
      personKey,
    };
  }
  if (!role && !personKey) {
    if (also) {
      return {
        id,
        messageId: message.id,
        start: c.start,
        end: c.end,
        text,
        category: c.category,
        confidence,
        rule: c.rule,
        exemption: d.exemption,
        status: 'proposed',
        alsoExemptions: also,
      };
    }
    return {
      id,
      messageId: message.id,
      start: c.start,
      end: c.end,
      text,
      category: c.category,
      confidence,
      rule: c.rule,
      exemption: d.exemption,
      status: 'proposed',
    };
  }
  const p: Proposal = {
    id,
    messageId: message.id,
    start: c.start,
    end: c.end,
    text,
    category: c.category,
    confidence,
    rule: c.rule,
    exemption: d.exemption,
    status: 'proposed',
  };
  if (also) p.alsoExemptions = also;
  if (role) p.role = role;
  if (personKey) p.personKey = personKey;
  return p;
}

/** Whether a candidate is a patient identifier (NHS number, DOB, address…). */
function hasPatientCategory(candidates: readonly Candidate[]): boolean {
  for (let j = 0; j < candidates.length; j++)
    if (patientCategories.has((candidates[j] as Candidate).category)) return true;
  return false;
}

/** Applies the mode to one message's merged candidates: proposals, kept spans and (SAR) the selection. */
function decide(
  message: Message,
  candidates: Candidate[],
  context: RecogniserContext,
  options: DetectOptions,
  proposals: Proposal[],
  kept: KeptSpan[],
  selection: MessageSelection[],
): void {
  // A name in the same message as a patient identifier (NHS number, DOB, address…) is most likely the patient's.
  if (candidates.length > 1 && hasPatientCategory(candidates)) {
    for (const c of candidates) {
      // Participants keep their own role: they are usually staff writing about a patient.
      if (c.category === 'person-name' && c.role === 'unknown' && c.rule !== 'name:participant') c.role = 'patient';
    }
  }
  const names = options.mode === 'sar' ? candidates.filter((c) => c.category === 'person-name') : candidates;
  for (const c of candidates) {
    const d = options.mode === 'foi' ? foiDecision(c) : sarDecision(c, message.text, names, context, options);
    if (d.withhold) {
      proposals.push(toProposal(message, c, d));
    } else {
      kept.push({
        messageId: message.id,
        start: c.start,
        end: c.end,
        category: c.category,
        rule: c.rule,
        reason: d.keptReason ?? 'kept',
      });
    }
  }
  if (options.mode === 'sar') {
    const reasons: string[] = [];
    const byAuthor = authorIsSubject(message.author, context, options);
    if (byAuthor) reasons.push(byAuthor);
    for (const n of names) {
      if (n.personKey !== 'subject') continue;
      const written = message.text.slice(n.start, n.end);
      reasons.push(
        n.rule === 'name:fuzzy'
          ? `mentions "${written}" (fuzzy match of the subject's name)`
          : `mentions "${written}" (subject's name)`,
      );
    }
    for (const c of candidates) {
      if (c.category === 'phone' && c.rule === 'phone:participant') {
        const normalised = normalisePhoneNumber(message.text.slice(c.start, c.end));
        const subjectPhones = (options.subject?.phones ?? []).map((p) => normalisePhoneNumber(p));
        if (normalised && subjectPhones.includes(normalised)) reasons.push("contains the subject's phone number");
      }
    }
    selection.push({ messageId: message.id, selected: reasons.length > 0, reasons: [...new Set(reasons)] });
  }
}

/** Runs detection to completion on the calling thread (tests, the CLI, a worker that needs no progress). */
export function detectPersonalDataSync(conversation: Conversation, options: DetectOptions): DetectionResult {
  const steps = run(conversation, options);
  const total = conversation.messages.length * 3;
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
    options.onProgress?.(step.value, total);
  }
}

/**
 * Runs detection in chunks, yielding to the event loop between chunks so a Web Worker stays responsive to messages
 * and a page can show progress; rejects with {@link DetectionAbortedError} when the signal aborts.
 */
export async function detectPersonalData(conversation: Conversation, options: DetectOptions): Promise<DetectionResult> {
  const steps = run(conversation, options);
  const total = conversation.messages.length * 3;
  for (;;) {
    if (options.signal?.aborted) throw new DetectionAbortedError('Detection was cancelled');
    const step = steps.next();
    if (step.done) return step.value;
    options.onProgress?.(step.value, total);
    await new Promise<void>((resolve) => setTimeout(resolve, 0));
  }
}

/** Role type re-exported for recogniser authors. */
export type { PartyRole };
