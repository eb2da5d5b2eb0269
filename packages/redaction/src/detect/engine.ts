/**
 * The detection engine: builds the chat's context once, then runs three passes over the messages in chunks (with
 * progress and cancellation, so it can run in a Web Worker) — the recognisers' chat-wide discovery, every recogniser on
 * every message (candidates merged and decided by the mode at once), and the recognisers' rescan of every message with
 * what the chat has confirmed (a message that gains a candidate is decided again).
 *
 * Each pass reads the messages' texts alone (`messageTextAt`: no whole message is built); a whole message (id,
 * timestamp, author, source) is built only for the few messages where something is found.
 */
import { type Conversation, type Message, messageIdAt, messageTextAt, nextTurn } from '@im-records/chat-import';
import { forgetChatCaches } from '../chat-caches.ts';
import { DetectionAbortedError, RedactionOptionsError } from '../errors.ts';
import {
  type Candidate,
  type ChatPasses,
  type FoundSpan,
  NONE,
  type Recogniser,
  type RecogniserContext,
} from '../recogniser.ts';
import { defaultRecognisers } from '../recognisers/defaults.ts';
import type { Proposal } from '../types.ts';
import { buildDetectionContext, type DetectionContext } from './context.ts';
import { foiDecision, patientCategories } from './foi.ts';
import { mergeCandidates } from './merge.ts';
import { toCandidate, toProposal } from './proposals.ts';
import { sarDecision, selectionReasons } from './sar.ts';
import type { DetectionResult, DetectOptions, KeptSpan, MessageSelection } from './types.ts';

/** The recognisers' candidates of one message are gathered here, then merged into a fresh array. */
const gathered: Candidate[] = [];

/** Whether a text has a digit: most messages have none, and one native search says so faster than counting. */
const anyDigit = /[0-9]/;

/** How many ASCII digits a text holds (recognisers that need more than it has are not run). */
function countDigits(text: string): number {
  let digits = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 48 && c <= 57) digits++;
  }
  return digits;
}

/**
 * A run's recognisers, and those of them that can find something in a text without digits, picked out once: most
 * messages have no digit, and most recognisers (NHS numbers, phones, dates…) need some.
 */
interface RecogniserSet {
  all: readonly Recogniser[];
  withoutDigits: readonly Recogniser[];
}

function recogniserSet(recognisers: readonly Recogniser[]): RecogniserSet {
  return { all: recognisers, withoutDigits: recognisers.filter((r) => (r.minDigits ?? 0) <= 0) };
}

/** Runs the recognisers over one text and merges them; the shared empty array when nothing is found (most messages). */
function findCandidates(
  text: string,
  messageId: string,
  context: RecogniserContext,
  recognisers: RecogniserSet,
): Candidate[] {
  if (text.length === 0) return NONE;
  const digits = anyDigit.test(text) ? countDigits(text) : 0;
  // Truncating an array is a call into the runtime even when it is empty already, as it is after most messages.
  if (gathered.length > 0) gathered.length = 0;
  for (const recogniser of digits === 0 ? recognisers.withoutDigits : recognisers.all) {
    if (recogniser.minDigits !== undefined && digits < recogniser.minDigits) continue;
    const found = recogniser.find(text, context, messageId);
    for (let j = 0; j < found.length; j++) gathered.push(found[j] as Candidate);
  }
  if (gathered.length === 0) return NONE;
  if (gathered.length === 1) return [gathered[0] as Candidate];
  return mergeCandidates(gathered);
}

/** Runs the recognisers over one message and merges their candidates (for a single message, in tests and tools). */
export function detectMessage(
  message: Message,
  context: RecogniserContext,
  recognisers: readonly Recogniser[],
): Candidate[] {
  const found = findCandidates(message.text, message.id, context, recogniserSet(recognisers));
  return found === NONE ? [] : found;
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
  context: DetectionContext,
  proposals: Proposal[],
  kept: KeptSpan[],
  selection: MessageSelection[],
): void {
  const sar = context.options.mode === 'sar';
  // A name in the same message as a patient identifier (NHS number, DOB, address…) is most likely the patient's.
  if (candidates.length > 1 && hasPatientCategory(candidates)) {
    for (const c of candidates) {
      // Participants keep their own role: they are usually staff writing about a patient.
      if (c.category === 'person-name' && c.role === 'unknown' && c.rule !== 'name:participant') c.role = 'patient';
    }
  }
  const names = sar ? candidates.filter((c) => c.category === 'person-name') : candidates;
  for (const c of candidates) {
    const d = sar ? sarDecision(c, message.text, names, context) : foiDecision(c);
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
  if (sar) {
    const { reasons, uncertain } = selectionReasons(message.author, message.text, candidates, names, context);
    const entry: MessageSelection = { messageId: message.id, selected: reasons.length > 0, reasons };
    if (uncertain) entry.uncertain = true;
    selection.push(entry);
  }
}

function* run(conversation: Conversation, options: DetectOptions): Generator<number, DetectionResult> {
  if (options.mode === 'sar' && (!options.subject || options.subject.names.filter((n) => n.trim()).length === 0)) {
    throw new RedactionOptionsError('SAR mode needs the data subject: give at least one name in options.subject.names');
  }
  // Answers kept from an earlier chat must not decide this one's (nor stay in memory beside it).
  forgetChatCaches();
  const context = buildDetectionContext(conversation, options);
  const recognisers = [...(options.recognisers ?? defaultRecognisers), ...(options.extraRecognisers ?? [])];
  const finders = recogniserSet(recognisers);
  const passes: ChatPasses[] = [];
  for (const r of recognisers) if (r.chatPasses) passes.push(r.chatPasses(context, conversation.messages));
  const discoverers = passes.filter((p) => p.discover !== undefined);
  const confirmers = passes.filter((p) => p.confirm !== undefined);
  const chunk = Math.max(1, options.chunkSize ?? 2000);
  const messages = conversation.messages;
  const count = messages.length;
  // Pass 1: the chat's lower-case words are counted, and the recognisers' chat-wide discovery reads every message
  // (names found by strong cues anywhere in the chat become known names).
  {
    const words = context.lowerCaseUses;
    for (let i = 0; i < count; i++) {
      const text = messageTextAt(messages, i);
      if (text.length > 0) {
        words.add(text);
        for (const p of discoverers) p.discover?.(text, i);
      }
      if ((i + 1) % chunk === 0) yield i + 1;
    }
  }
  yield count;
  // Pass 2: every recogniser on every message, decided at once (candidates are not kept: on a big chat holding them
  // would double the live heap); the recognisers' chat-wide passes learn from what was found.
  const proposals: Proposal[] = [];
  const kept: KeptSpan[] = [];
  const selection: MessageSelection[] = [];
  const proposalAt = new Int32Array(count + 1);
  const keptAt = new Int32Array(count + 1);
  // Candidates of messages with kept spans (rare: the SAR subject, kept staff), needed to decide them again.
  const keptCandidates = new Map<number, Candidate[]>();
  const sar = options.mode === 'sar';
  for (let i = 0; i < count; i++) {
    const candidates = findCandidates(messageTextAt(messages, i), messageIdAt(messages, i), context, finders);
    proposalAt[i] = proposals.length;
    keptAt[i] = kept.length;
    // SAR mode decides every message (whether it is selected); FOI mode only those with candidates.
    if (candidates.length > 0 || sar) {
      const message = messages.at(i) as Message;
      if (candidates.length > 0) for (const p of confirmers) p.confirm?.(message, candidates);
      decide(message, candidates, context, proposals, kept, selection);
      if (kept.length > (keptAt[i] as number)) keptCandidates.set(i, candidates);
    }
    if ((i + 1) % chunk === 0) yield count + i + 1;
  }
  proposalAt[count] = proposals.length;
  keptAt[count] = kept.length;
  yield 2 * count;
  const rescanners = passes.filter((p) => p.rescan !== undefined && (p.readyToRescan?.() ?? true));
  if (rescanners.length === 0) return { mode: options.mode, proposals, kept, selection };
  // Pass 3: the recognisers' rescan (a name confirmed anywhere is proposed at its other uses); a message that gains a
  // candidate is decided again.
  const finalProposals: Proposal[] = [];
  const finalKept: KeptSpan[] = [];
  const found: FoundSpan[] = [];
  for (let i = 0; i < count; i++) {
    const p0 = proposalAt[i] as number;
    const p1 = proposalAt[i + 1] as number;
    const k0 = keptAt[i] as number;
    const k1 = keptAt[i + 1] as number;
    // The text alone decides whether the message gains a candidate; the whole message is built only when it does.
    const text = messageTextAt(messages, i);
    let more: Candidate[] = NONE;
    if (text.length > 0) {
      if (found.length > 0) found.length = 0;
      for (let j = p0; j < p1; j++) found.push(proposals[j] as Proposal);
      for (let j = k0; j < k1; j++) found.push(kept[j] as KeptSpan);
      for (const p of rescanners) {
        const extra = p.rescan?.(text, found) ?? NONE;
        if (extra.length > 0) more = more === NONE ? extra : [...more, ...extra];
      }
    }
    if (more.length === 0) {
      for (let j = p0; j < p1; j++) finalProposals.push(proposals[j] as Proposal);
      for (let j = k0; j < k1; j++) finalKept.push(kept[j] as KeptSpan);
    } else {
      const previous = keptCandidates.get(i) ?? proposals.slice(p0, p1).map(toCandidate);
      const candidates = mergeCandidates([...previous.map((c) => ({ ...c })), ...more]);
      const sink: MessageSelection[] = [];
      decide(messages.at(i) as Message, candidates, context, finalProposals, finalKept, sink);
      if (options.mode === 'sar' && sink[0]) selection[i] = sink[0];
    }
    if ((i + 1) % chunk === 0) yield 2 * count + i + 1;
  }
  return { mode: options.mode, proposals: finalProposals, kept: finalKept, selection };
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
 * Runs detection in chunks, yielding to the event loop between chunks (the host's quickest turn: see `nextTurn` in chat-import) so
 * a Web Worker stays responsive to messages and a page can show progress; rejects with {@link DetectionAbortedError} when the signal aborts.
 */
export async function detectPersonalData(conversation: Conversation, options: DetectOptions): Promise<DetectionResult> {
  const steps = run(conversation, options);
  const total = conversation.messages.length * 3;
  for (;;) {
    if (options.signal?.aborted) throw new DetectionAbortedError('Detection was cancelled');
    const step = steps.next();
    if (step.done) return step.value;
    options.onProgress?.(step.value, total);
    await nextTurn();
  }
}
