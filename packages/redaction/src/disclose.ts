/**
 * Turns a conversation, proposals and decisions into the {@link DisclosedConversation}: text segments and labelled
 * redaction boxes, authors replaced by consistent pseudonyms (Staff member A, Patient 1), and attachment names that
 * can never carry a name or phone number. It is the only shape a bundle or preview renders, so no withheld value
 * reaches them.
 */
import type { Attachment, Conversation, Message } from '@im-records/chat-import';
import { normalisePhoneNumber, OUTSIDE_SCOPE } from '@im-records/records-policy';
import { CATEGORY_LABELS } from './category-labels.ts';
import { type AppliedDecisions, type AttachmentChoice, applyDecisions, attachmentKey } from './decisions.ts';
import type { MessageSelection, SubjectSpec } from './detect.ts';
import { PARA16, S40_2 } from './exemptions.ts';
import { nameTokens } from './known-names.ts';
import { isTitleMessage } from './title.ts';
import type {
  Decision,
  DisclosedAttachment,
  DisclosedConversation,
  DisclosedMessage,
  DisclosedSection,
  DisclosedSegment,
  Proposal,
  PseudonymEntry,
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
  /**
   * Which messages are in scope (the date range and, for a SAR, detection's selection); messages not selected are left
   * out. The officer's `leave-out-message` and `include-message` decisions win over it.
   */
  selection?: readonly MessageSelection[];
}

/** How each category is labelled on its redaction box (the `box` names of {@link CATEGORY_LABELS}). */
export const categoryLabels: Record<RedactionCategory, string> = Object.fromEntries(
  Object.entries(CATEGORY_LABELS).map(([category, label]) => [category, label.box]),
) as Record<RedactionCategory, string>;

function letters(n: number): string {
  let s = '';
  let k = n;
  do {
    s = String.fromCharCode(65 + (k % 26)) + s;
    k = Math.floor(k / 26) - 1;
  } while (k >= 0);
  return s;
}

/** The numbered kinds of pseudonym, and the rank of a role the text gives (staff outranks patient outranks relative). */
const roleRank = (r: string | undefined): number =>
  r === 'staff' ? 4 : r === 'patient' ? 3 : r === 'staff-default' ? 2 : r === 'relative' ? 1 : 0;

/**
 * Assigns pseudonyms in order of first appearance: participants, then people named in the text. A role can be noted
 * (the text's cues: the strongest wins) or fixed (participants are staff; the officer's choice wins over everything).
 */
export class Pseudonyms {
  readonly #parent = new Map<string, string>();
  readonly #role = new Map<string, string>();
  readonly #fixed = new Set<string>();
  readonly #custom = new Map<string, string>();
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
    const [root, child] = this.#label.has(rb) && !this.#label.has(ra) ? [rb, ra] : [ra, rb];
    this.#parent.set(child, root);
    if (this.#fixed.has(child) && !this.#fixed.has(root)) {
      this.#fixed.add(root);
      this.#role.set(root, this.#role.get(child) as string);
    } else this.note(root, this.#role.get(child) ?? 'unknown');
    const custom = this.#custom.get(child);
    if (custom !== undefined && !this.#custom.has(root)) this.#custom.set(root, custom);
  }

  /** Records a role the text gives a person (staff outranks patient outranks relative outranks unknown). */
  note(key: string, role: string): void {
    const root = this.#find(key);
    if (this.#fixed.has(root)) return;
    if (roleRank(role) > roleRank(this.#role.get(root))) this.#role.set(root, role);
  }

  /** Fixes a person's role whatever the text says (a participant is staff; the officer's choice). */
  fix(key: string, role: string): void {
    const root = this.#find(key);
    this.#fixed.add(root);
    this.#role.set(root, role);
  }

  /** Gives a person a label of the officer's own instead of a numbered one. */
  rename(key: string, label: string): void {
    this.#custom.set(this.#find(key), label);
  }

  /** The role a person's pseudonym is of: `staff`, `patient`, `relative` or `unknown`. */
  roleOf(key: string): 'staff' | 'patient' | 'relative' | 'unknown' {
    const role = this.#role.get(this.#find(key));
    return role === 'staff' || role === 'staff-default'
      ? 'staff'
      : role === 'patient' || role === 'relative'
        ? role
        : 'unknown';
  }

  /** Whether the officer (or a participant's rule) fixed the person's role. */
  isFixed(key: string): boolean {
    return this.#fixed.has(this.#find(key));
  }

  /** Records which person a name proposal refers to (see {@link Pseudonyms.labelOf}). */
  assign(proposalId: string, person: string): void {
    this.#person.set(proposalId, person);
  }

  /** The person a name proposal refers to. */
  personOf(p: Proposal): string {
    return this.#find(this.#person.get(p.id) ?? p.personKey ?? p.text.toLowerCase());
  }

  /** The pseudonym of the person a name proposal refers to. */
  labelOf(p: Proposal): string {
    return this.label(this.personOf(p));
  }

  /** The pseudonym of a person, fixed the first time it is asked for (an officer's own label always wins). */
  label(key: string): string {
    const root = this.#find(key);
    const custom = this.#custom.get(root);
    if (custom !== undefined) return custom;
    const existing = this.#label.get(root);
    if (existing) return existing;
    const role = this.roleOf(root);
    let label: string;
    if (role === 'staff') label = `Staff member ${letters(this.#staff++)}`;
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

/** A person's key and the names they are written as, collected while the pseudonyms are built (for the review). */
interface PeopleSeen {
  order: string[];
  names: Map<string, Set<string>>;
  participants: Map<string, string>;
}

/**
 * Builds the pseudonym table for a conversation and its withheld name proposals. Names written together ("Margaret
 * Thompson") are one person, keyed by the whole name, so "Derek Thompson" is another person, not merged with Margaret
 * through the surname they share. A part written alone ("Margaret") is that person when exactly one full name in the
 * chat contains it; a part that several contain ("Thompson") could be any of them and gets a pseudonym of its own.
 * Participants (people who wrote in the chat) are staff whatever the text says about them; the officer's choices of
 * role and label (`set-pseudonym` decisions) win over both.
 */
function buildPseudonyms(
  conversation: Conversation,
  withheld: readonly Proposal[],
  choices: AppliedDecisions['pseudonyms'],
  seen?: PeopleSeen,
): Pseudonyms {
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
  const participantKeys = conversation.participants.map((participant) => participantKey(participant.name));
  const isParticipant = new Set(participantKeys);
  // First the roles the text gives each person (title, relation, patient identifiers).
  const order: string[] = [];
  for (const run of runs) {
    for (const p of run) {
      let person = fullNameOfRun.get(run);
      if (person === undefined) {
        const key = tokenKey(p);
        const fullNames = fullNamesOf.get(key);
        // A participant's own name written alone is that participant, even where their surname is shared.
        person = fullNames?.size === 1 && !isParticipant.has(key) ? ([...fullNames][0] as string) : key;
      }
      pseudonyms.assign(p.id, person);
      pseudonyms.note(person, p.role ?? 'unknown');
      order.push(person);
      if (seen) {
        const names = seen.names.get(person) ?? new Set<string>();
        names.add(p.text);
        seen.names.set(person, names);
      }
    }
  }
  // Participants wrote in the chat: staff, whatever the text says, unless the officer says otherwise.
  conversation.participants.forEach((participant, index) => {
    const key = participantKeys[index] as string;
    pseudonyms.fix(key, 'staff');
    if (seen) seen.participants.set(key, participant.name);
  });
  for (const [person, choice] of choices) {
    if (choice.role) pseudonyms.fix(person, choice.role);
    if (choice.label) pseudonyms.rename(person, choice.label);
  }
  // Participants are lettered first, in order of appearance; then the people named in the text.
  for (const key of participantKeys) pseudonyms.label(key);
  for (const key of order) pseudonyms.label(key);
  if (seen) seen.order = [...new Set([...participantKeys, ...order])];
  return pseudonyms;
}

function participantKey(name: string): string {
  return nameTokens(name).join(' ').toLowerCase() || `participant:${name}`;
}

/** How an author is shown: their own name when it is kept (SAR subject, para 17 staff, FOI keep list), else a pseudonym. */
function authorLabel(author: string, pseudonyms: Pseudonyms, options: DiscloseOptions): string {
  const tokens = nameTokens(author).map((t) => t.toLowerCase());
  const matches = (names: readonly string[]): boolean =>
    names.some((n) => {
      const nt = nameTokens(n).map((t) => t.toLowerCase());
      return nt.length > 0 && (nt.every((t) => tokens.includes(t)) || tokens.every((t) => nt.includes(t)));
    });
  const phone = normalisePhoneNumber(author);
  const key = participantKey(author);
  if (options.mode === 'sar' && options.subject) {
    const subjectNames = [...options.subject.names, ...(options.subject.aliases ?? [])];
    const subjectPhones = (options.subject.phones ?? []).map((p) => normalisePhoneNumber(p));
    if ((tokens.length > 0 && matches(subjectNames)) || (phone && subjectPhones.includes(phone))) return author;
    // Para 17 keeps health professionals' names: a participant the officer has not said is someone else.
    if (options.keepHealthProfessionals && tokens.length > 0 && pseudonyms.roleOf(key) === 'staff') return author;
  }
  if (options.mode === 'foi' && tokens.length > 0 && matches(options.keepNames ?? [])) return author;
  return pseudonyms.label(key);
}

/** The redaction box label for a withheld span. */
function boxLabel(p: Proposal, pseudonyms: Pseudonyms): string {
  if (p.category === 'person-name') return pseudonyms.labelOf(p);
  return categoryLabels[p.category];
}

/** One redaction box: where it starts and ends in the text, and the proposal it is labelled from. */
interface Box {
  start: number;
  end: number;
  first: Proposal;
}

/**
 * The redaction boxes of a text: each withheld span is a box, overlapping spans share one, and the parts of a name
 * written together ("Margaret Thompson", "J. Smith": name spans apart by at most three spaces or dots) are one box.
 * This is the one definition of "a redaction": the bundle prints these boxes and every count counts them.
 */
function boxesOf(text: string, withheld: readonly Pick<Proposal, 'start' | 'end' | 'category'>[]): Box[] {
  const spans = [...withheld].sort((a, b) => a.start - b.start || b.end - a.end);
  const boxes: Box[] = [];
  let at = 0;
  for (const p of spans) {
    if (p.end <= at) continue;
    const start = Math.max(p.start, at);
    const last = boxes[boxes.length - 1];
    const gap = text.slice(at, start);
    if (
      last &&
      last.end === at &&
      gap.length > 0 &&
      /^[\s.]{1,3}$/.test(gap) &&
      last.first.category === 'person-name' &&
      p.category === 'person-name'
    ) {
      last.end = p.end;
    } else boxes.push({ start, end: p.end, first: p as Proposal });
    at = p.end;
  }
  return boxes;
}

/**
 * How many redactions (boxes, see the bundle) a text has when these spans are withheld: what the review counts before
 * a bundle exists, by the same rule {@link disclose} draws them. One span is one box (unless it ends before the text
 * starts), counted without copying and sorting: most messages of a chat have one, and the review counts every message
 * as it opens.
 */
export function countRedactions(
  text: string,
  withheld: readonly Pick<Proposal, 'start' | 'end' | 'category'>[],
): number {
  if (withheld.length === 0) return 0;
  if (withheld.length === 1) return (withheld[0] as Pick<Proposal, 'end'>).end > 0 ? 1 : 0;
  return boxesOf(text, withheld).length;
}

function segmentsOf(message: Message, withheld: readonly Proposal[], pseudonyms: Pseudonyms): DisclosedSegment[] {
  const text = message.text;
  const segments: DisclosedSegment[] = [];
  let at = 0;
  for (const box of boxesOf(text, withheld)) {
    if (box.start > at) segments.push({ type: 'text', text: text.slice(at, box.start) });
    segments.push({
      type: 'redaction',
      category: box.first.category,
      exemption: box.first.exemption,
      label: boxLabel(box.first, pseudonyms),
    });
    at = box.end;
  }
  if (at < text.length) segments.push({ type: 'text', text: text.slice(at) });
  return segments;
}

/** The placeholder text of a redaction box, e.g. `[NHS number — s40(2)]`. */
export function placeholder(segment: Extract<DisclosedSegment, { type: 'redaction' }>): string {
  return `[${segment.label} — ${segment.exemption}]`;
}

/** A title as disclosed: its text, with each box as `[its label]` (a pseudonym, or the kind of data). */
function titleText(segments: readonly DisclosedSegment[]): string {
  return segments
    .map((s) => (s.type === 'text' ? s.text : `[${s.label}]`))
    .join('')
    .trim();
}

/** Why an attachment is withheld, as the bundle prints it: the exemption and the reason, or "outside the scope". */
function withheldReasonOf(choice: AttachmentChoice | undefined, mode: RedactionMode): string {
  const code = mode === 'foi' ? S40_2 : PARA16;
  if (!choice) return `${code}: not reviewed`;
  const reason = choice.reason.trim();
  if (choice.exemption === null) {
    return reason && reason !== OUTSIDE_SCOPE.label ? `${OUTSIDE_SCOPE.label}: ${reason}` : OUTSIDE_SCOPE.label;
  }
  return `${choice.exemption ?? code}: ${reason || 'withheld by the officer'}`;
}

/** Everything disclose and the pseudonym table share, from the decisions applied: withheld proposals, pseudonyms. */
function prepare(conversation: Conversation, applied: AppliedDecisions, seen?: PeopleSeen) {
  const withheld = applied.proposals.filter(isWithheld);
  const pseudonyms = buildPseudonyms(conversation, withheld, applied.pseudonyms, seen);
  return { withheld, pseudonyms };
}

/**
 * The people of a conversation as the disclosure will show them — participants first, then people named in the text —
 * with their role, pseudonym (or kept name) and how they are written, so the officer can check every pseudonym and
 * change its role or label (`set-pseudonym`) in review. Uses the same rules as {@link disclose}.
 */
export function pseudonymTable(
  conversation: Conversation,
  proposals: readonly Proposal[],
  decisions: readonly Decision[],
  options: DiscloseOptions,
): PseudonymEntry[] {
  return pseudonymTableFrom(conversation, applyDecisions(conversation, proposals, decisions, options.mode), options);
}

/**
 * {@link pseudonymTable} from decisions already applied (by {@link applyDecisions} in `options.mode`), for a caller
 * that has applied them for its own use: the review's proposals and its people table then cost one application.
 */
export function pseudonymTableFrom(
  conversation: Conversation,
  applied: AppliedDecisions,
  options: DiscloseOptions,
): PseudonymEntry[] {
  const seen: PeopleSeen = { order: [], names: new Map(), participants: new Map() };
  const { pseudonyms } = prepare(conversation, applied, seen);
  return seen.order.map((person) => {
    const author = seen.participants.get(person);
    const names = new Set<string>(author === undefined ? [] : [author]);
    for (const name of seen.names.get(person) ?? []) names.add(name);
    const shownAs = author === undefined ? pseudonyms.label(person) : authorLabel(author, pseudonyms, options);
    return {
      person,
      names: [...names],
      participant: author !== undefined,
      role: pseudonyms.roleOf(person),
      shownAs,
      keptByName: author !== undefined && shownAs === author,
      chosenByOfficer: applied.pseudonyms.has(person),
    };
  });
}

/**
 * Produces the disclosed conversation. Proposals not rejected are withheld (proposed ones are withheld until the
 * officer rejects them: recall first); decisions are applied first, see {@link applyDecisions}. Title messages (see
 * {@link withTitleMessages}) become the disclosed title and section titles, with the same decisions applied.
 */
export function disclose(
  conversation: Conversation,
  proposals: readonly Proposal[],
  decisions: readonly Decision[],
  options: DiscloseOptions,
): DisclosedConversation {
  const applied = applyDecisions(conversation, proposals, decisions, options.mode);
  const { withheld, pseudonyms } = prepare(conversation, applied);
  const byMessage = new Map<string, Proposal[]>();
  for (const p of withheld) {
    const list = byMessage.get(p.messageId) ?? [];
    list.push(p);
    byMessage.set(p.messageId, list);
  }
  const selected = options.selection
    ? new Set(options.selection.filter((s) => s.selected).map((s) => s.messageId))
    : undefined;
  // The officer's own choices win over the selection: a message left out is never disclosed, whatever selected it.
  const chosen = applied.scope;
  const messages: DisclosedMessage[] = [];
  const sections: DisclosedSection[] = [];
  let redactions = 0;
  let attachmentsDisclosed = 0;
  let attachmentsWithheld = 0;
  let attachmentIndex = 0;
  let titleCount = 0;
  for (const message of conversation.messages) {
    if (isTitleMessage(message.id)) {
      titleCount++;
      const segments = segmentsOf(message, byMessage.get(message.id) ?? [], pseudonyms);
      redactions += segments.filter((s) => s.type === 'redaction').length;
      sections.push({ key: message.channel ?? '', title: titleText(segments), segments });
      continue;
    }
    const choice = chosen.get(message.id);
    if (choice ? !choice.inScope : selected && !selected.has(message.id)) continue;
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
      } else out.withheldReason = withheldReasonOf(decision, options.mode);
      if (out.disclose) attachmentsDisclosed++;
      else attachmentsWithheld++;
      return out;
    });
    const disclosed: DisclosedMessage = {
      id: message.id,
      timestamp: message.timestamp,
      author: message.author === null ? null : authorLabel(message.author, pseudonyms, options),
      kind: message.kind,
      segments,
      attachments,
    };
    // Title messages come first (withTitleMessages), so every section is known here.
    if (sections.length > 1) disclosed.section = message.channel ?? '';
    if (message.unreadable !== undefined) disclosed.unreadable = message.unreadable;
    messages.push(disclosed);
  }
  const inScope = messages.length;
  const neutral = options.mode === 'foi' ? 'Disclosed conversation' : 'Subject access disclosure';
  const out: DisclosedConversation = {
    mode: options.mode,
    title:
      sections.length === 0
        ? neutral
        : sections.length === 1
          ? (sections[0] as DisclosedSection).title || neutral
          : sections.map((section) => section.title).join('; '),
    messages,
    counts: {
      messagesInScope: inScope,
      messagesDisclosed: inScope,
      messagesWithheld: conversation.messages.length - titleCount - inScope,
      redactions,
      attachmentsDisclosed,
      attachmentsWithheld,
    },
  };
  if (sections.length > 0) out.sections = sections;
  return out;
}
