/**
 * Proposals from decided candidates, shaped for a million of them: flat id strings and a few fixed object shapes, so a
 * big chat's proposals do not each grow a property store.
 */
import type { Message } from '@im-records/chat-import';
import type { Candidate } from '../recogniser.ts';
import type { Proposal, RedactionCategory } from '../types.ts';
import type { ModeDecision } from './types.ts';

/**
 * `messageId:start-end:category`, built by a join so it is one flat string: a template literal makes a tree of
 * concatenation nodes (about 90 bytes more per id, measured), and every proposal keeps its id for the whole run.
 */
function proposalId(messageId: string, c: { start: number; end: number; category: RedactionCategory }): string {
  return [messageId, ':', c.start, '-', c.end, ':', c.category].join('');
}

/** A proposal back as the candidate it came from (to decide a message again). */
export function toCandidate(p: Proposal): Candidate {
  const c: Candidate = { start: p.start, end: p.end, category: p.category, confidence: p.confidence, rule: p.rule };
  if (p.role) c.role = p.role;
  if (p.personKey) c.personKey = p.personKey;
  if (p.group) c.group = p.group;
  if (p.origin) c.origin = p.origin;
  return c;
}

/**
 * The proposal for a withheld candidate. The common shapes are built as one object literal each (a name with role and
 * person key, with or without further exemptions; an identifier with or without them), so a million proposals do not
 * each grow a property store; the keys and their order are those of the general case below.
 */
export function toProposal(message: Message, c: Candidate, d: ModeDecision): Proposal {
  const id = proposalId(message.id, c);
  const text = message.text.slice(c.start, c.end);
  const confidence = Math.round(c.confidence * 100) / 100;
  const also = d.alsoExemptions;
  const { role, personKey, group, origin } = c;
  if (group !== undefined && origin !== undefined && role && personKey) {
    // A carried name (a cue's name at its other uses, consistency): two more shapes, with its group and origin.
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
        group,
        origin,
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
      group,
      origin,
    };
  }
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
  if (group !== undefined) p.group = group;
  if (origin !== undefined) p.origin = origin;
  return p;
}
