/**
 * SAR mode: the data subject's own data is kept (their name, their phone, identifiers written beside their name),
 * everyone else's is withheld under DPA 2018 Sch 2 para 16 — health professionals' names kept with para 17 when asked —
 * and each message is selected when it is by or about the subject, with the reasons.
 */
import { normalisePhoneNumber } from '@im-records/records-policy';
import { PARA16, PARA17 } from '../exemptions.ts';
import { nameTokens } from '../known-names.ts';
import type { Candidate } from '../recogniser.ts';
import { isRelationWord } from '../recognisers/names/cues.ts';
import type { DetectionContext } from './context.ts';
import type { ModeDecision } from './types.ts';

const para16: ModeDecision = { withhold: true, exemption: PARA16 };
const ownName: ModeDecision = { withhold: false, exemption: '', keptReason: "the data subject's own name" };
const professional: ModeDecision = {
  withhold: false,
  exemption: '',
  keptReason: `health professional acting in their role (${PARA17})`,
};
const ownPhone: ModeDecision = { withhold: false, exemption: '', keptReason: "the data subject's own phone number" };
const ownData: ModeDecision = {
  withhold: false,
  exemption: '',
  keptReason: "the data subject's own data (named beside it)",
};
const ownContact: ModeDecision = {
  withhold: false,
  exemption: '',
  keptReason: "the data subject's own contact details (only person named)",
};

/** Whether a phone number as written is one of the subject's. */
function subjectPhone(written: string, context: DetectionContext): boolean {
  if (context.subjectPhones.size === 0) return false;
  const normalised = normalisePhoneNumber(written);
  return normalised !== undefined && context.subjectPhones.has(normalised);
}

/** Whether a relation word ("daughter", "husband", "nok") stands between a name and an identifier, either way round. */
function relativeBetween(text: string, name: Candidate, identifier: Candidate): boolean {
  const between =
    name.end <= identifier.start ? text.slice(name.end, identifier.start) : text.slice(identifier.end, name.start);
  return between
    .toLowerCase()
    .split(/[^\p{L}]+/u)
    .some((word) => isRelationWord(word));
}

/** Whose data a candidate is in SAR mode: the subject's when it names them, or sits next to their name. */
export function sarDecision(
  c: Candidate,
  text: string,
  names: readonly Candidate[],
  context: DetectionContext,
): ModeDecision {
  if (c.category === 'person-name') {
    // A fuzzy match, or a name someone else in the chat has too, selects the message but stays withheld: it
    // could be someone else.
    if (c.personKey === 'subject' && c.rule !== 'name:fuzzy' && c.rule !== 'name:shared') return ownName;
    if (context.options.keepHealthProfessionals && c.role === 'staff') return professional;
    return para16;
  }
  if (c.category === 'phone' && subjectPhone(text.slice(c.start, c.end), context)) return ownPhone;
  // Attribute an identifier to the nearest person named before it in the message (else the first named after it).
  let owner: Candidate | undefined;
  for (const n of names) if (n.end <= c.start) owner = n;
  owner ??= names.find((n) => n.start >= c.end);
  if (owner?.personKey === 'subject' && c.category !== 'phone' && c.category !== 'email') return ownData;
  // A number next to the subject's name may still be a relative's; keep only when no one else is named, and no relative
  // stands between the name and it ("Maggie was asking for her daughter, number is …").
  if (
    owner?.personKey === 'subject' &&
    names.every((n) => n.personKey === 'subject') &&
    !relativeBetween(text, owner, c)
  ) {
    return ownContact;
  }
  return para16;
}

/** Why an author is the SAR subject (exact or fuzzy name, or their phone), or undefined. */
function authorIsSubject(author: string | null, context: DetectionContext): string | undefined {
  if (author === null || !context.options.subject) return undefined;
  if (subjectPhone(author, context)) return `author ${author} is the data subject's phone number`;
  const tokens = nameTokens(author).map((t) => t.toLowerCase());
  if (tokens.length > 0 && tokens.every((t) => context.subjectTokens.has(t)))
    return `author ${author} is the data subject`;
  const fuzzy = tokens.map((t) => context.known.get(t) ?? context.known.fuzzy(t));
  if (tokens.length > 0 && fuzzy.every((k) => k?.personKey === 'subject')) {
    return `author ${author} matches the data subject's name (fuzzy)`;
  }
  return undefined;
}

/** Rules whose find of the subject's name may be someone else's (see `MessageSelection.uncertain`). */
const uncertainRules = new Set(['name:fuzzy', 'name:shared']);

/**
 * Why a message is in scope of the SAR: by the subject, naming them, or holding their phone number (none: out of
 * scope); `uncertain` when only a name that may be someone else's selects it.
 */
export function selectionReasons(
  author: string | null,
  text: string,
  candidates: readonly Candidate[],
  names: readonly Candidate[],
  context: DetectionContext,
): { reasons: string[]; uncertain: boolean } {
  const reasons: string[] = [];
  const byAuthor = authorIsSubject(author, context);
  if (byAuthor) reasons.push(byAuthor);
  let sure = byAuthor !== undefined;
  for (const n of names) {
    if (n.personKey !== 'subject') continue;
    if (!uncertainRules.has(n.rule)) sure = true;
    const written = text.slice(n.start, n.end);
    reasons.push(
      n.rule === 'name:fuzzy'
        ? `mentions "${written}" (fuzzy match of the subject's name)`
        : n.rule === 'name:shared'
          ? `mentions "${written}" (the subject's name, which someone else in the chat shares: check who is meant)`
          : `mentions "${written}" (subject's name)`,
    );
  }
  for (const c of candidates) {
    if (c.category === 'phone' && c.rule === 'phone:participant' && subjectPhone(text.slice(c.start, c.end), context)) {
      reasons.push("contains the subject's phone number");
      sure = true;
    }
  }
  return { reasons: [...new Set(reasons)], uncertain: reasons.length > 0 && !sure };
}
