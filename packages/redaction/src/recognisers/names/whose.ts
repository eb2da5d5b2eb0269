/**
 * Whose a find of a name the chat knows is: its role and person key where it is written. A title, bed or cue beside
 * the word can make it another person of the same name (a patient with a colleague's surname, a namesake of the SAR
 * subject or of a name on the FOI keep list), and a name two people have, written with nothing beside it, is no one's
 * until the officer says (`KnownName.shared`). Taking such a use for the wrong person would keep a patient's name.
 */
import type { KnownName, KnownNames } from '../../known-names.ts';
import type { PartyRole } from '../../recogniser.ts';
import { bedAfter, bedBefore, namesakeSurnameAt, relationAfter } from './cues.ts';
import { onlySpaceBetween, tokens } from './tokens.ts';

/**
 * The role of a use of a known name with nothing beside it to say whose it is: the known person's, unless cues
 * elsewhere give the name to a colleague and to a patient (`KnownName.shared`). Then it could be either's: no role,
 * and the officer decides. Taking it for the colleague's would have a SAR keep a patient's name under para 17.
 */
export const bareRole = (k: KnownName): PartyRole => (k.shared ? 'unknown' : k.role);

/**
 * Whose a name is where a title or cue stands beside it: a participant's or the subject's known role, else what the
 * cue here says. A role a cue gave the word elsewhere in the chat is another person's guess: "Sister Jones" in one
 * message does not make "mr jones (bed 3)" in another a member of staff, whose name a SAR with para 17 would keep.
 */
export function roleHere(k: KnownName | undefined, cueRole: PartyRole): PartyRole {
  return k && k.role !== 'unknown' && k.source !== 'cue' ? k.role : cueRole;
}

/**
 * Whose name a find of a word the chat knows is: the known person's, unless what stands beside the word here gives
 * another role than a cue gave it elsewhere ("Sister Ng" … "bay 5: Ng, 78F"). Then it is another person of the same
 * name, with a key of their own: their own pseudonym in the bundle, and no group decision about the one reaches the
 * other ("Keep all" for the sister would have kept the patient's name too).
 */
export function personHere(k: KnownName, role: PartyRole, inBed = false): string {
  if ((k.source === 'cue' && role !== k.role) || (inBed && k.source === 'participant'))
    return `${k.personKey} (${role})`;
  // A patient with a kept name's surname is someone else: not a kept key, or the FOI keep list would keep them.
  if (inBed && k.source === 'keep') return `${k.personKey.slice('keep:'.length)} (${role})`;
  return k.personKey;
}

/**
 * Whether a bed stands beside a name written from `from` (its title's start) to `end`: "bed 5 (Mr Okafor)", "Okafor in
 * bed 5". Beside a participant's name it makes the find a patient of the same name, not the colleague writing in the
 * chat; a title alone does not ("Mr Patel please check bed 4" addresses a colleague).
 */
export function bedBeside(text: string, from: number, end: number): boolean {
  return bedBefore.test(text.slice(Math.max(0, from - 24), from)) || bedAfter(text, end);
}

/**
 * Whether the word at token i is a participant's surname written without their given name ("Mr Okafor", "Okafor" for
 * Jane Okafor): only then can a bed beside it make it someone else. "Bed 4 is Margaret Okafor" names the participant.
 */
function surnameAlone(text: string, i: number, k: KnownName, lower: string): boolean {
  const parts = k.personKey.replace(/^keep:/, '').split(' ');
  if (parts.length < 2 || parts[0] === lower) return false;
  const p = i - 1;
  return p < 0 || !parts.includes(text.slice(tokens.start[p] as number, tokens.end[p] as number).toLowerCase());
}

/**
 * Whether a find of a known name at token i is a patient of the same name as a participant or a member of staff on the
 * FOI keep list: a bed beside it (see {@link bedBeside}: "Mr Jones in bed 3" is not the medical director Sarah Jones), or,
 * after a courtesy title (`titled`), their relatives ("Mr Okafor's son rang about his dad's discharge", where Jane Okafor
 * writes in the chat: printed as her pseudonym, the disclosure gave her a son on the ward's list). Without a title the
 * relatives may be the participant's own (a patient in the group: "Bed 4 is Margaret Okafor" … "Okafor's daughter").
 */
export function namesakeInBed(
  text: string,
  i: number,
  k: KnownName,
  lower: string,
  from: number,
  titled = false,
): boolean {
  const end = tokens.end[i] as number;
  return (
    (k.source === 'participant' || k.source === 'keep') &&
    surnameAlone(text, i, k, lower) &&
    (bedBeside(text, from, end) || (titled && relationAfter.test(text.slice(end, end + 24))))
  );
}

/**
 * The given name of someone whose name is kept (the SAR subject, the FOI keep list) where someone else in the chat has
 * it too (`KnownName.shared`), at token i — or their surname, when a colleague has it ("Dr Thompson"): that person's
 * when the rest of their name is beside it ("Margaret Thompson", "Margaret T"), nobody the chat knows when another
 * surname follows ("Margaret Evans": the rules read it as any other name), else `k` (a use the officer decides:
 * `name:shared`).
 */
export function keptOrNamesake(text: string, i: number, count: number, k: KnownName, known: KnownNames) {
  const end = tokens.end[i] as number;
  // "Margaret Thompson": the surname after the kept person's given name is theirs.
  const p = i - 1;
  if (p >= 0 && onlySpaceBetween(text, tokens.end[p] as number, tokens.start[i] as number)) {
    const before = text.slice(tokens.start[p] as number, tokens.end[p] as number).toLowerCase();
    if ((known.unshared(before) ?? known.get(before))?.personKey === k.personKey)
      return known.unshared(text.slice(tokens.start[i] as number, end).toLowerCase()) ?? k;
  }
  const n = i + 1;
  if (n < count && onlySpaceBetween(text, end, tokens.start[n] as number)) {
    const word = text.slice(tokens.start[n] as number, tokens.end[n] as number);
    const next = word.length === 1 ? undefined : known.get(word.toLowerCase());
    const same = (next?.personKey === k.personKey && !next.shared) || known.isKeptInitial(k.personKey, word);
    if (same) return known.unshared(text.slice(tokens.start[i] as number, end).toLowerCase()) ?? k;
  }
  return namesakeSurnameAt(text, end, known, k.personKey) ? undefined : k;
}
