/**
 * The officer's decisions: accept or reject a proposal or a whole group (a name carried through the chat from one
 * find), add a span or every occurrence of a term, include or withhold an attachment. Decisions refer to proposals by
 * stable id or group and terms are re-applied on every run, so they survive a re-run of detection; every decision
 * becomes a line of the case file's decision log.
 */
import type { Conversation, Message } from '@im-records/chat-import';
import { DecisionError } from './errors.ts';
import { PARA16, S40_2 } from './exemptions.ts';
import type { Decision, Proposal, PseudonymRole, RedactionMode } from './types.ts';

/** One line of the decision log (who, when, what, why), and whether it still applied on this run. */
export interface DecisionLogEntry {
  by: string;
  at: string;
  action: Decision['action'];
  /** What was decided, in words, e.g. `rejected person-name "Will" in message m12 (12–16)`. */
  what: string;
  why: string;
  /** False when the decision refers to a proposal detection no longer makes (kept in the log, changes nothing). */
  applied: boolean;
}

/** An attachment's latest include/withhold decision; `exemption` as the decision gave it (see `Decision`). */
export interface AttachmentChoice {
  disclose: boolean;
  reason: string;
  exemption?: string | null;
}

/** The officer's latest choice about one message's scope (see the `leave-out-message` and `include-message` decisions). */
export interface ScopeChoice {
  inScope: boolean;
  by: string;
  at: string;
  reason: string;
}

/**
 * Proposals after decisions, plus the log, attachment choices keyed by `messageId/fileName`, the officer's
 * pseudonym choices keyed by person (the latest choice of role and of label each win) and scope choices keyed by
 * message id.
 */
export interface AppliedDecisions {
  proposals: Proposal[];
  log: DecisionLogEntry[];
  attachments: Map<string, AttachmentChoice>;
  pseudonyms: Map<string, { role?: PseudonymRole; label?: string }>;
  scope: Map<string, ScopeChoice>;
}

/**
 * The officer's scope choices among `decisions`, by message id: the latest for each message wins. It reads the
 * decisions alone, so a scope can take them before detection's proposals are decided (`scopeMessages` in
 * case-settings), and {@link disclose} applies the same choices to the selection it is given.
 */
export function scopeChoices(decisions: readonly Decision[]): Map<string, ScopeChoice> {
  const choices = new Map<string, ScopeChoice>();
  for (const d of decisions) {
    if (d.action !== 'leave-out-message' && d.action !== 'include-message') continue;
    choices.set(d.messageId, { inScope: d.action === 'include-message', by: d.by, at: d.at, reason: d.reason ?? '' });
  }
  return choices;
}

/** The exemption a mode prints on a box the officer added by hand. */
export function defaultExemption(mode: RedactionMode): string {
  return mode === 'foi' ? S40_2 : PARA16;
}

/** The ids of every group's members, by group id (built when the first group decision is applied). */
function groupIndex(proposals: Iterable<Proposal>): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const p of proposals) {
    if (p.group === undefined) continue;
    const list = out.get(p.group);
    if (list) list.push(p.id);
    else out.set(p.group, [p.id]);
  }
  return out;
}

/** The order {@link applyDecisions} returns proposals in: by message id, then start, end and id. */
export function byPosition(a: Proposal, b: Proposal): number {
  return (
    (a.messageId < b.messageId ? -1 : a.messageId > b.messageId ? 1 : 0) ||
    a.start - b.start ||
    a.end - b.end ||
    (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
  );
}

/** Whether proposals are already in {@link byPosition} order (a result of {@link applyDecisions} is). */
function inPositionOrder(proposals: readonly Proposal[]): boolean {
  for (let i = 1; i < proposals.length; i++) {
    if (byPosition(proposals[i - 1] as Proposal, proposals[i] as Proposal) > 0) return false;
  }
  return true;
}

/** Whether no two proposals share an id (when two do, the later one stands for both). */
function idsUnique(proposals: readonly Proposal[]): boolean {
  const ids = new Set<string>();
  for (const p of proposals) ids.add(p.id);
  return ids.size === proposals.length;
}

/** Key of an attachment decision. */
export function attachmentKey(messageId: string, fileName: string): string {
  return `${messageId}/${fileName}`;
}

/**
 * Applies decisions in order (a later decision about the same proposal wins) and returns the proposals that follow,
 * sorted by message id, start, end and id; the input is not changed. A proposal no decision changes is returned as it
 * was given (the same object), so treat the result as read-only, as the input. With no decisions, or none that adds
 * a proposal, proposals already in that order (a previous result) are not sorted again: detection's proposals sorted
 * once can be applied again and again at the cost of a pass over them. Throws {@link DecisionError} for a span on an
 * unknown message or outside its text, or an empty term.
 */
export function applyDecisions(
  conversation: Conversation,
  proposals: readonly Proposal[],
  decisions: readonly Decision[],
  mode: RedactionMode,
): AppliedDecisions {
  if (decisions.length === 0 && idsUnique(proposals)) {
    // Nothing to change, nothing to copy: the same proposals in order.
    const out = proposals.slice();
    if (!inPositionOrder(out)) out.sort(byPosition);
    return { proposals: out, log: [], attachments: new Map(), pseudonyms: new Map(), scope: new Map() };
  }
  const byId = new Map<string, Proposal>();
  for (const p of proposals) byId.set(p.id, p);
  /** Proposals this call made (copies it changes, and added ones): the input's own are copied before a change. */
  const own = new Set<Proposal>();
  const changeable = (p: Proposal): Proposal => {
    if (own.has(p)) return p;
    const copy = { ...p };
    own.add(copy);
    byId.set(copy.id, copy);
    return copy;
  };
  /** Whether a decision added proposals: only then can the order differ from the input's. */
  let added = false;
  const add = (p: Proposal): void => {
    added = true;
    own.add(p);
    byId.set(p.id, p);
  };
  // Only the messages that decisions name are kept (a whole chat's messages would be a copy of the chat).
  const named = new Set<string>();
  for (const d of decisions) if ('messageId' in d) named.add(d.messageId);
  const messages = new Map<string, Message>();
  if (named.size > 0) for (const m of conversation.messages) if (named.has(m.id)) messages.set(m.id, m);
  const log: DecisionLogEntry[] = [];
  const attachments = new Map<string, AttachmentChoice>();
  const pseudonyms = new Map<string, { role?: PseudonymRole; label?: string }>();
  let groups: Map<string, string[]> | undefined;
  for (const [index, d] of decisions.entries()) {
    const why = d.reason ?? '';
    switch (d.action) {
      case 'accept':
      case 'reject': {
        const found = byId.get(d.proposalId);
        const p = found && changeable(found);
        if (p) p.status = d.action === 'accept' ? 'accepted' : 'rejected';
        const what = p
          ? `${d.action === 'accept' ? 'accepted' : 'rejected'} ${p.category} "${p.text}" in message ${p.messageId} (${p.start}–${p.end})`
          : `${d.action} proposal ${d.proposalId} (no longer proposed by detection)`;
        log.push({ by: d.by, at: d.at, action: d.action, what, why, applied: p !== undefined });
        break;
      }
      case 'accept-group':
      case 'reject-group': {
        groups ??= groupIndex(byId.values());
        const members = (groups.get(d.group) ?? []).map((id) => changeable(byId.get(id) as Proposal));
        const status = d.action === 'accept-group' ? 'accepted' : 'rejected';
        for (const p of members) p.status = status;
        const first = members[0];
        const what = first
          ? `${status} ${members.length === 1 ? 'the 1 proposal' : `all ${members.length} proposals`} of group ${d.group} (${first.category} "${first.text}", carried from ${first.origin ?? 'one find'})`
          : `${d.action} ${d.group} (no such group proposed by detection)`;
        log.push({ by: d.by, at: d.at, action: d.action, what, why, applied: first !== undefined });
        break;
      }
      case 'add-span': {
        const message = messages.get(d.messageId);
        if (!message) throw new DecisionError(`Decision ${index + 1} (add-span): no message with id '${d.messageId}'`);
        if (
          !(
            Number.isInteger(d.start) &&
            Number.isInteger(d.end) &&
            d.start >= 0 &&
            d.start < d.end &&
            d.end <= message.text.length
          )
        ) {
          throw new DecisionError(
            `Decision ${index + 1} (add-span): span ${d.start}–${d.end} is outside message '${d.messageId}' (length ${message.text.length})`,
          );
        }
        const id = `${d.messageId}:${d.start}-${d.end}:${d.category}:manual`;
        add({
          id,
          messageId: d.messageId,
          start: d.start,
          end: d.end,
          text: message.text.slice(d.start, d.end),
          category: d.category,
          confidence: 1,
          rule: 'manual:span',
          exemption: d.exemption ?? defaultExemption(mode),
          status: 'accepted',
        });
        log.push({
          by: d.by,
          at: d.at,
          action: d.action,
          what: `added ${d.category} "${message.text.slice(d.start, d.end)}" in message ${d.messageId} (${d.start}–${d.end})`,
          why,
          applied: true,
        });
        break;
      }
      case 'add-term': {
        const term = d.term.trim().toLowerCase();
        if (term.length === 0) throw new DecisionError(`Decision ${index + 1} (add-term): the term is empty`);
        let count = 0;
        for (const message of conversation.messages) {
          const lower = message.text.toLowerCase();
          for (let at = lower.indexOf(term); at !== -1; at = lower.indexOf(term, at + 1)) {
            const before = at === 0 ? '' : lower.charAt(at - 1);
            const after = lower.charAt(at + term.length);
            if (/[\p{L}\d]/u.test(before) || /[\p{L}\d]/u.test(after)) continue;
            const id = `${message.id}:${at}-${at + term.length}:${d.category}:term`;
            add({
              id,
              messageId: message.id,
              start: at,
              end: at + term.length,
              text: message.text.slice(at, at + term.length),
              category: d.category,
              confidence: 1,
              rule: 'manual:term',
              exemption: d.exemption ?? defaultExemption(mode),
              status: 'accepted',
            });
            count++;
          }
        }
        log.push({
          by: d.by,
          at: d.at,
          action: d.action,
          what: `added every occurrence of the term "${d.term}" as ${d.category} (${count} found)`,
          why,
          applied: true,
        });
        break;
      }
      case 'include-attachment':
      case 'withhold-attachment': {
        const disclose = d.action === 'include-attachment';
        const choice: AttachmentChoice = { disclose, reason: why };
        if (!disclose && d.exemption !== undefined) choice.exemption = d.exemption;
        attachments.set(attachmentKey(d.messageId, d.fileName), choice);
        log.push({
          by: d.by,
          at: d.at,
          action: d.action,
          what: `${disclose ? 'included' : 'withheld'} attachment ${d.fileName} of message ${d.messageId}`,
          why,
          applied: messages.has(d.messageId),
        });
        break;
      }
      case 'leave-out-message':
      case 'include-message': {
        const message = messages.get(d.messageId);
        const where = message ? `message ${d.messageId} (${message.author ?? 'system'}, ${message.timestamp})` : '';
        log.push({
          by: d.by,
          at: d.at,
          action: d.action,
          what: message
            ? `${d.action === 'include-message' ? 'brought into scope' : 'left out of scope'} ${where}`
            : `${d.action} ${d.messageId} (no such message in the chat)`,
          why,
          applied: message !== undefined,
        });
        break;
      }
      case 'set-pseudonym': {
        const choice = { ...pseudonyms.get(d.person) };
        if (d.role !== undefined) choice.role = d.role;
        if (d.label !== undefined) {
          const label = d.label.trim();
          if (label) choice.label = label;
          else delete choice.label;
        }
        pseudonyms.set(d.person, choice);
        const parts = [d.role ? `role ${d.role}` : '', d.label !== undefined ? `label "${d.label.trim()}"` : ''];
        log.push({
          by: d.by,
          at: d.at,
          action: d.action,
          what: `set ${parts.filter(Boolean).join(' and ') || 'nothing'} for person "${d.person}"`,
          why,
          applied: true,
        });
        break;
      }
    }
  }
  // The map keeps the input's order (each id where it first came): sorted already when nothing was added to it, the
  // ids were unique and the input was in order.
  const out = [...byId.values()];
  if (added || byId.size !== proposals.length || !inPositionOrder(out)) out.sort(byPosition);
  return { proposals: out, log, attachments, pseudonyms, scope: scopeChoices(decisions) };
}
