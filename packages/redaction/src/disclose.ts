/**
 * Turns a conversation, proposals and decisions into the {@link DisclosedConversation}: text segments and labelled
 * redaction boxes, authors replaced by consistent pseudonyms (Staff member A, Patient 1), and attachment names that
 * can never carry a name or phone number. It is the only shape a bundle or preview renders, so no withheld value
 * reaches them.
 */
import type { Attachment, Conversation, Message } from '@im-records/chat-import';
import { normalisePhoneNumber } from '@im-records/records-policy';
import { type AppliedDecisions, applyDecisions, attachmentKey } from './decisions.ts';
import type { MessageSelection, SubjectSpec } from './detect.ts';
import { PARA16, S40_2 } from './exemptions.ts';
import { nameTokens } from './known-names.ts';
import type {
  Decision,
  DisclosedAttachment,
  DisclosedConversation,
  DisclosedMessage,
  DisclosedSegment,
  Proposal,
  RedactionCategory,
  RedactionMode,
} from './types.ts';

/** Options of {@link disclose}. */
export interface DiscloseOptions {
  mode: RedactionMode;
  /** SAR: the subject, whose own name as author is shown. */
  subject?: SubjectSpec;
  /** FOI: named senior staff shown by name. */
  keepNames?: readonly string[];
  /** SAR: show health professionals' names (para 17). */
  keepHealthProfessionals?: boolean;
  /** SAR: which messages are in scope (from detection); messages not selected are left out. */
  selection?: readonly MessageSelection[];
}

/** How each category is labelled on its redaction box. */
export const categoryLabels: Record<RedactionCategory, string> = {
  'person-name': 'Name',
  'nhs-number': 'NHS number',
  'hospital-number': 'Hospital number',
  phone: 'Phone number',
  email: 'Email address',
  postcode: 'Postcode',
  address: 'Address',
  'date-of-birth': 'Date of birth',
  age: 'Age',
  'ni-number': 'NI number',
  custom: 'Redacted',
};

function letters(n: number): string {
  let s = '';
  let k = n;
  do {
    s = String.fromCharCode(65 + (k % 26)) + s;
    k = Math.floor(k / 26) - 1;
  } while (k >= 0);
  return s;
}

/** Assigns pseudonyms in order of first appearance: participants, then people named in the text. */
export class Pseudonyms {
  readonly #parent = new Map<string, string>();
  readonly #role = new Map<string, string>();
  readonly #label = new Map<string, string>();
  /** Person key of each name proposal, by proposal id. */
  readonly #person = new Map<string, string>();
  #staff = 0;
  readonly #counters: Record<string, number> = { patient: 0, relative: 0, unknown: 0 };

  #find(key: string): string {
    let root = key;
    for (let p = this.#parent.get(root); p !== undefined && p !== root; p = this.#parent.get(root)) root = p;
    this.#parent.set(key, root);
    return root;
  }

  /** Declares that two keys are the same person (e.g. "Margaret" and "Smith" written together). */
  union(a: string, b: string): void {
    const ra = this.#find(a);
    const rb = this.#find(b);
    if (ra === rb) return;
    if (this.#label.has(rb) && !this.#label.has(ra)) this.#parent.set(ra, rb);
    else this.#parent.set(rb, ra);
  }

  /** Records a role seen for a person (staff outranks patient outranks relative outranks unknown). */
  note(key: string, role: string): void {
    const root = this.#find(key);
    const rank = (r: string | undefined): number =>
      r === 'staff' ? 4 : r === 'patient' ? 3 : r === 'staff-default' ? 2 : r === 'relative' ? 1 : 0;
    if (rank(role) > rank(this.#role.get(root))) this.#role.set(root, role);
  }

  /** Records which person a name proposal refers to (see {@link Pseudonyms.labelOf}). */
  assign(proposalId: string, person: string): void {
    this.#person.set(proposalId, person);
  }

  /** The pseudonym of the person a name proposal refers to. */
  labelOf(p: Proposal): string {
    return this.label(this.#person.get(p.id) ?? p.personKey ?? p.text.toLowerCase());
  }

  /** The pseudonym of a person, fixed the first time it is asked for. */
  label(key: string): string {
    const root = this.#find(key);
    const existing = this.#label.get(root);
    if (existing) return existing;
    const role = this.#role.get(root) ?? 'unknown';
    let label: string;
    if (role === 'staff' || role === 'staff-default') label = `Staff member ${letters(this.#staff++)}`;
    else {
      const n = (this.#counters[role] ?? 0) + 1;
      this.#counters[role] = n;
      label = role === 'patient' ? `Patient ${n}` : role === 'relative' ? `Relative ${n}` : `Person ${n}`;
    }
    this.#label.set(root, label);
    return label;
  }
}

const autoNamed = [
  /^(?:IMG|VID|AUD|PTT|STK|DOC)-\d{8}-WA\d{4,}\.[A-Za-z0-9]{1,5}$/,
  /^\d{8}-(?:PHOTO|VIDEO|AUDIO|STICKER|GIF)-\d{4}-\d{2}-\d{2}-\d{2}-\d{2}-\d{2}\.[A-Za-z0-9]{1,5}$/,
  /^\d{8}-(?:PHOTO|VIDEO|AUDIO|STICKER|GIF)-\d{4}-\d{2}-\d{2}\.[A-Za-z0-9]{1,5}$/,
];

/**
 * A display name for an attachment that cannot contain personal data: the original only when it is one of WhatsApp's
 * generated names (IMG-20240304-WA0001.jpg), else a neutral `kind-0003.ext`.
 */
export function safeAttachmentName(attachment: Attachment, index: number): string {
  const name = attachment.fileName;
  if (autoNamed.some((p) => p.test(name))) return name;
  const ext = /\.([A-Za-z0-9]{1,5})$/.exec(name)?.[1]?.toLowerCase();
  return `${attachment.kind}-${String(index).padStart(4, '0')}${ext ? `.${ext}` : ''}`;
}

function isWithheld(p: Proposal): boolean {
  return p.status !== 'rejected';
}

/** The person a name proposal refers to before grouping: the engine's person key, else the word itself. */
function tokenKey(p: Proposal): string {
  return p.personKey ?? p.text.toLowerCase();
}

/** Whether two name proposals are written as one name ("Margaret Thompson", "J. Smith"). */
function adjacent(text: string, a: Proposal, b: Proposal): boolean {
  return /^[\s.]{1,3}$/.test(text.slice(a.end, b.start));
}

/**
 * Builds the pseudonym table for a conversation and its withheld name proposals. Names written together ("Margaret
 * Thompson") are one person, keyed by the whole name, so "Derek Thompson" is another person, not merged with Margaret
 * through the surname they share. A part written alone ("Margaret") is that person when exactly one full name in the
 * chat contains it; a part that several contain ("Thompson") could be any of them and gets a pseudonym of its own.
 */
function buildPseudonyms(conversation: Conversation, withheld: readonly Proposal[]): Pseudonyms {
  const pseudonyms = new Pseudonyms();
  const byMessage = new Map<string, Proposal[]>();
  for (const p of withheld) {
    if (p.category !== 'person-name') continue;
    const list = byMessage.get(p.messageId) ?? [];
    list.push(p);
    byMessage.set(p.messageId, list);
  }
  // Runs of names written together, in order of appearance; the full names each single key belongs to.
  const runs: Proposal[][] = [];
  const fullNamesOf = new Map<string, Set<string>>();
  const fullNameOfRun = new Map<Proposal[], string>();
  for (const message of conversation.messages) {
    const names = (byMessage.get(message.id) ?? []).sort((a, b) => a.start - b.start);
    let run: Proposal[] = [];
    for (const p of names) {
      const last = run[run.length - 1];
      if (last && !adjacent(message.text, last, p)) {
        runs.push(run);
        run = [];
      }
      run.push(p);
    }
    if (run.length > 0) runs.push(run);
  }
  for (const run of runs) {
    const keys = [...new Set(run.map(tokenKey))];
    if (keys.length < 2) continue;
    const fullName = keys.join(' ');
    fullNameOfRun.set(run, fullName);
    for (const key of keys) {
      const set = fullNamesOf.get(key) ?? new Set<string>();
      set.add(fullName);
      fullNamesOf.set(key, set);
    }
  }
  // First the roles the text gives each person (title, relation, patient identifiers).
  const order: string[] = [];
  for (const run of runs) {
    for (const p of run) {
      let person = fullNameOfRun.get(run);
      if (person === undefined) {
        const key = tokenKey(p);
        const fullNames = fullNamesOf.get(key);
        person = fullNames?.size === 1 ? ([...fullNames][0] as string) : key;
      }
      pseudonyms.assign(p.id, person);
      pseudonyms.note(person, p.role ?? 'unknown');
      order.push(person);
    }
  }
  // Participants are staff unless the text says otherwise; they are lettered first, in order of appearance.
  for (const participant of conversation.participants) {
    const key = participantKey(participant.name);
    pseudonyms.note(key, 'staff-default');
    pseudonyms.label(key);
  }
  for (const key of order) pseudonyms.label(key);
  return pseudonyms;
}

function participantKey(name: string): string {
  return nameTokens(name).join(' ').toLowerCase() || `participant:${name}`;
}

function authorLabel(author: string, pseudonyms: Pseudonyms, options: DiscloseOptions): string {
  const tokens = nameTokens(author).map((t) => t.toLowerCase());
  const matches = (names: readonly string[]): boolean =>
    names.some((n) => {
      const nt = nameTokens(n).map((t) => t.toLowerCase());
      return nt.length > 0 && (nt.every((t) => tokens.includes(t)) || tokens.every((t) => nt.includes(t)));
    });
  const phone = normalisePhoneNumber(author);
  if (options.mode === 'sar' && options.subject) {
    const subjectNames = [...options.subject.names, ...(options.subject.aliases ?? [])];
    const subjectPhones = (options.subject.phones ?? []).map((p) => normalisePhoneNumber(p));
    if ((tokens.length > 0 && matches(subjectNames)) || (phone && subjectPhones.includes(phone))) return author;
    if (options.keepHealthProfessionals && tokens.length > 0) return author;
  }
  if (options.mode === 'foi' && tokens.length > 0 && matches(options.keepNames ?? [])) return author;
  return pseudonyms.label(participantKey(author));
}

/** The redaction box label for a withheld span. */
function boxLabel(p: Proposal, pseudonyms: Pseudonyms): string {
  if (p.category === 'person-name') return pseudonyms.labelOf(p);
  return categoryLabels[p.category];
}

function segmentsOf(message: Message, withheld: readonly Proposal[], pseudonyms: Pseudonyms): DisclosedSegment[] {
  const text = message.text;
  const spans = [...withheld].sort((a, b) => a.start - b.start || b.end - a.end);
  const segments: DisclosedSegment[] = [];
  let at = 0;
  for (const p of spans) {
    if (p.end <= at) continue;
    const start = Math.max(p.start, at);
    const gap = text.slice(at, start);
    const last = segments[segments.length - 1];
    const label = boxLabel(p, pseudonyms);
    if (
      gap.length > 0 &&
      /^[\s.]{1,3}$/.test(gap) &&
      last?.type === 'redaction' &&
      last.label === label &&
      p.category === 'person-name'
    ) {
      // "Margaret Smith" becomes one box, not two: the gap between the parts would say nothing.
      at = p.end;
      continue;
    }
    if (gap.length > 0) segments.push({ type: 'text', text: gap });
    segments.push({ type: 'redaction', category: p.category, exemption: p.exemption, label });
    at = p.end;
  }
  if (at < text.length) segments.push({ type: 'text', text: text.slice(at) });
  return segments;
}

/** The placeholder text of a redaction box, e.g. `[NHS number — s40(2)]`. */
export function placeholder(segment: Extract<DisclosedSegment, { type: 'redaction' }>): string {
  return `[${segment.label} — ${segment.exemption}]`;
}

/**
 * Produces the disclosed conversation. Proposals not rejected are withheld (proposed ones are withheld until the
 * officer rejects them: recall first); decisions are applied first, see {@link applyDecisions}.
 */
export function disclose(
  conversation: Conversation,
  proposals: readonly Proposal[],
  decisions: readonly Decision[],
  options: DiscloseOptions,
): DisclosedConversation {
  const applied: AppliedDecisions = applyDecisions(conversation, proposals, decisions, options.mode);
  const withheld = applied.proposals.filter(isWithheld);
  const pseudonyms = buildPseudonyms(conversation, withheld);
  const byMessage = new Map<string, Proposal[]>();
  for (const p of withheld) {
    const list = byMessage.get(p.messageId) ?? [];
    list.push(p);
    byMessage.set(p.messageId, list);
  }
  const selected = options.selection
    ? new Set(options.selection.filter((s) => s.selected).map((s) => s.messageId))
    : undefined;
  const messages: DisclosedMessage[] = [];
  let redactions = 0;
  let attachmentsDisclosed = 0;
  let attachmentsWithheld = 0;
  let attachmentIndex = 0;
  for (const message of conversation.messages) {
    if (selected && !selected.has(message.id)) continue;
    const spans = byMessage.get(message.id) ?? [];
    const segments = segmentsOf(message, spans, pseudonyms);
    redactions += segments.filter((s) => s.type === 'redaction').length;
    const attachments: DisclosedAttachment[] = message.attachments.map((a) => {
      attachmentIndex++;
      const decision = applied.attachments.get(attachmentKey(message.id, a.fileName));
      const displayName = safeAttachmentName(a, attachmentIndex);
      const out: DisclosedAttachment = { displayName, kind: a.kind, disclose: false };
      if (!a.included) out.withheldReason = 'file not present in the export';
      else if (decision?.disclose) {
        out.disclose = true;
        if (a.mediaKey !== undefined) out.mediaKey = a.mediaKey;
      } else {
        const code = options.mode === 'foi' ? S40_2 : PARA16;
        out.withheldReason = decision
          ? `${code}: ${decision.reason || 'withheld by the officer'}`
          : `${code}: not reviewed`;
      }
      if (out.disclose) attachmentsDisclosed++;
      else attachmentsWithheld++;
      return out;
    });
    messages.push({
      id: message.id,
      timestamp: message.timestamp,
      author: message.author === null ? null : authorLabel(message.author, pseudonyms, options),
      kind: message.kind,
      segments,
      attachments,
    });
  }
  const inScope = messages.length;
  return {
    mode: options.mode,
    title: options.mode === 'foi' ? 'Disclosed conversation' : 'Subject access disclosure',
    messages,
    counts: {
      messagesInScope: inScope,
      messagesDisclosed: inScope,
      messagesWithheld: conversation.messages.length - inScope,
      redactions,
      attachmentsDisclosed,
      attachmentsWithheld,
    },
  };
}
