/**
 * Names known in one chat: the participants (full names, first names, surnames, hyphen parts, initials, familiar
 * forms), the SAR subject's names and aliases, and names found by strong cues ("Mrs Okafor", "daughter Julie").
 * Misspelt or shortened forms are matched with fuse.js against this small list only.
 */
import Fuse from 'fuse.js';
import { nicknamesOf } from './data/nicknames.ts';
import {
  CLINICAL,
  FIRST,
  FUNCTION,
  isCommonWord,
  isLowerCaseWord,
  JOB_TITLE,
  LAST,
  lexFlags,
  TITLES,
} from './lexicon.ts';
import type { PartyRole } from './recogniser.ts';
import { WordGate } from './word-gate.ts';

/** What the chat knows about one name token. */
export interface KnownName {
  /** Groups the tokens of one person (lower-case cleaned full name, or the token for cue-found names). */
  personKey: string;
  role: PartyRole;
  /** How it became known: `participant`, `subject`, `keep`, `nickname`, `cue`. */
  source: 'participant' | 'subject' | 'keep' | 'nickname' | 'cue';
  /** For a cue-found name: the id its find will have where the cue named it (what its other uses rest on). */
  origin?: string;
  /**
   * A use with nothing beside it to say whose it is could be two people's: for a cue-found name, cues elsewhere give it
   * to a colleague and to a patient or relative ("Sister Ng" … "bay 5: Ng"); for the given name of someone whose name
   * is kept (the SAR subject, the FOI keep list), someone else in the chat has it too ("Margaret Evans" when the
   * subject is Margaret Thompson).
   */
  shared?: boolean;
}

/** Whether two roles cues gave a word are different people's for para 17: a colleague's and anyone else's. */
const rolesDiffer = (a: PartyRole, b: PartyRole): boolean =>
  a !== 'unknown' && b !== 'unknown' && (a === 'staff') !== (b === 'staff');

const titleWords = new Set(TITLES);

/** Whether a lower-case word is a personal title (Mr, Dr, Sister…). */
export function isTitle(lower: string): boolean {
  return titleWords.has(lower);
}

/**
 * The role a title implies: clinical titles and job titles ("HCA", "SpR") are staff, courtesy titles are usually
 * patients in ward chat.
 */
export function roleOfTitle(lower: string): PartyRole {
  return /^(dr|doctor|sister|sr|nurse|prof|professor|matron)$/.test(lower) || (lexFlags(lower) & JOB_TITLE) !== 0
    ? 'staff'
    : 'patient';
}

/** Splits a display name ("Dr Sarah Jones (F1) 🩺") into its name tokens ("Sarah", "Jones"). */
export function nameTokens(display: string): string[] {
  const words = display.replace(/\([^)]*\)/g, ' ').match(/[\p{L}][\p{L}\p{M}'’-]*/gu);
  if (!words) return [];
  return words.filter((w) => !isTitle(w.toLowerCase().replace(/\.$/, '')));
}

/** A chat's known names with exact, prefix and fuzzy lookup. */
export class KnownNames {
  readonly #names = new Map<string, KnownName>();
  readonly #gate = new WordGate();
  readonly #initials = new Map<string, KnownName>();
  readonly #phones = new Set<string>();
  /**
   * The given names, and their familiar forms, of the people whose names are kept — the SAR subject, the FOI keep list —
   * capitalised as written ("Margaret", "Maggie"), with whose they are.
   */
  readonly #keptGivenNames: { given: string; personKey: string }[] = [];
  /** The initials of those people's surnames ("T" of Thompson), by person. */
  readonly #keptInitials = new Map<string, Set<string>>();
  /** The entries of given names {@link KnownNames.noteNamesake} marked shared, as they were. */
  readonly #unshared = new Map<string, KnownName>();
  /** Whether the SAR subject writes in the chat (see {@link KnownNames.noteSubjectWrites}). */
  #subjectWrites = false;
  /** Words a bed or bay named before any cue made them known (see {@link KnownNames.noteBedName}). */
  readonly #bedNamed = new Set<string>();
  #fuse: Fuse<string> | undefined;
  #targets: string[] | undefined;
  readonly #fuzzyCache = new Map<string, string | null>();

  /** Adds every part of a person's name (and familiar forms of the first name). */
  addPerson(display: string, role: PartyRole, source: KnownName['source'], key?: string): void {
    const tokens = nameTokens(display);
    if (tokens.length === 0) return;
    // A role account ("Consultant On Call", "Ward 7 Sister") names no one: its words stay ordinary words in the chat.
    if (source === 'participant' && isRoleAccount(tokens)) return;
    const personKey = key ?? tokens.join(' ').toLowerCase();
    const entry: KnownName = { personKey, role, source };
    for (const token of tokens) {
      const lower = token.toLowerCase();
      if (lower.length < 2) continue;
      this.#set(lower, entry);
      if (lower.includes('-')) for (const part of lower.split('-')) if (part.length >= 3) this.#set(part, entry);
    }
    const first = tokens[0]?.toLowerCase() ?? '';
    const nickSource = source === 'subject' || source === 'keep' ? source : 'nickname';
    for (const nick of nicknamesOf(first)) this.#set(nick, { ...entry, source: nickSource });
    if ((source === 'subject' || source === 'keep') && tokens.length >= 2 && first.length >= 2) {
      for (const given of [first, ...nicknamesOf(first)])
        this.#keptGivenNames.push({ given: given.charAt(0).toUpperCase() + given.slice(1), personKey });
      const initials = this.#keptInitials.get(personKey) ?? new Set<string>();
      for (const surname of tokens.slice(1)) initials.add(surname.charAt(0).toUpperCase());
      this.#keptInitials.set(personKey, initials);
    }
    if (tokens.length >= 2) {
      const initials = tokens.map((t) => t.charAt(0).toUpperCase()).join('');
      if (!clinicalAbbreviations.has(initials)) this.#initials.set(initials, entry);
    }
    this.#fuse = undefined;
    this.#targets = undefined;
    this.#fuzzyCache.clear();
  }

  /**
   * Adds one token found by a cue (title, relation); common English words are not propagated. `origin` is the id of
   * the find where the cue names it, so its other uses can say what they rest on.
   */
  addCueName(token: string, role: PartyRole, origin?: () => string): void {
    const lower = token.toLowerCase();
    if (lower.length < 2 || isCommonWord(lower)) return;
    const existing = this.#names.get(lower);
    if (existing) {
      if (existing.source === 'cue' && rolesDiffer(existing.role, role)) existing.shared = true;
      // "Dr Thompson" when the subject is Margaret Thompson: a colleague may have the subject's surname — unless the
      // subject writes in the chat, as its staff do (a colleague's own request), when "Dr Thompson" is as likely them.
      else if (existing.source === 'subject' && role === 'staff' && !this.#subjectWrites) this.noteNamesake(lower);
      return;
    }
    // A misspelling of a name already known ("Margret" for Margaret) belongs to that person, not a new one.
    if (this.fuzzy(lower)) return;
    const entry: KnownName = { personKey: lower, role, source: 'cue' };
    if (origin) entry.origin = origin();
    if (rolesDiffer(role, 'patient') && this.#bedNamed.has(lower)) entry.shared = true;
    this.#set(lower, entry);
  }

  /**
   * Notes a word a bed or bay names ("bay 5: Ng", "Ng (bed 8)"): a patient's. It makes no name known by itself (the
   * scan reads the bed where it stands); it only tells a name a cue gives a colleague elsewhere that it is shared.
   */
  noteBedName(token: string): void {
    const lower = token.toLowerCase();
    const existing = this.#names.get(lower);
    if (existing === undefined) this.#bedNamed.add(lower);
    else if (existing.source === 'cue' && rolesDiffer(existing.role, 'patient')) existing.shared = true;
  }

  /**
   * The given names of the people whose names are kept (the SAR subject, the FOI keep list), with their familiar
   * forms, capitalised ("Margaret", "Maggie"), and whose they are; none when no one's name is kept.
   */
  get keptGivenNames(): readonly { given: string; personKey: string }[] {
    return this.#keptGivenNames;
  }

  /** Whether `letter` (a capital) is the initial of a surname of the kept person `personKey` ("Margaret T"). */
  isKeptInitial(personKey: string, letter: string): boolean {
    return this.#keptInitials.get(personKey)?.has(letter) === true;
  }

  /**
   * Notes that someone else in the chat has the given name of a person whose name is kept ("Margaret Evans" when the
   * subject is Margaret Thompson, "Sarah Evans" when Sarah Jones is on the keep list): a use of it with nothing beside
   * it could be either's (`KnownName.shared`), so it is not kept unasked.
   */
  noteNamesake(lower: string): void {
    const existing = this.#names.get(lower);
    if ((existing?.source === 'subject' || existing?.source === 'keep') && !existing.shared) {
      this.#unshared.set(lower, existing);
      this.#names.set(lower, { ...existing, shared: true });
    }
  }

  /**
   * Notes that the SAR subject writes in the chat (a participant's name is theirs): then a title for staff before their
   * surname ("Dr Kutch") names them as likely as a colleague, and does not make the surname shared.
   */
  noteSubjectWrites(): void {
    this.#subjectWrites = true;
  }

  /** The entry of a given name before {@link KnownNames.noteNamesake} marked it shared. */
  unshared(lower: string): KnownName | undefined {
    return this.#unshared.get(lower);
  }

  /** Records a participant's phone number (digits only, with + when international). */
  addPhone(digits: string): void {
    this.#phones.add(digits);
  }

  #set(lower: string, entry: KnownName): void {
    const existing = this.#names.get(lower);
    // Subject and keep entries win over others so SAR and FOI keep-lists behave predictably.
    if (existing && rank(existing.source) >= rank(entry.source)) return;
    this.#names.set(lower, entry);
    this.#gate.add(lower);
  }

  /** Whether a plain lower-case word with this hash may be known (false: it certainly is not). */
  mayKnow(h: number): boolean {
    return this.#gate.has(h);
  }

  /** The exact entry for a lower-case token. */
  get(lower: string): KnownName | undefined {
    return this.#names.get(lower);
  }

  /** The entry for initials written in capitals ("SJ"). */
  initials(upper: string): KnownName | undefined {
    return this.#initials.get(upper);
  }

  /** Whether digits (as normalised by the phone finder) belong to a participant. */
  hasPhone(digits: string): boolean {
    return this.#phones.has(digits);
  }

  /** Every known lower-case token. */
  tokens(): string[] {
    return [...this.#names.keys()];
  }

  /** Names fuzzy matching runs against: the people of the chat (participants, subject, keep list), not cue finds. */
  #fuzzyTargets(): string[] {
    const out: string[] = [];
    for (const [name, entry] of this.#names) {
      if (entry.source === 'participant' || entry.source === 'subject' || entry.source === 'keep') out.push(name);
    }
    return out;
  }

  /**
   * A chat person's name (participant, subject, keep list) that `lower` is a shortening of (a prefix of four letters
   * or more) or a misspelling of (fuse.js score at most 0.25, same first letter, length within two), or undefined.
   */
  fuzzy(lower: string): KnownName | undefined {
    if (lower.length < 4) return undefined;
    const cached = this.#fuzzyCache.get(lower);
    if (cached !== undefined) return cached === null ? undefined : this.#names.get(cached);
    let found: string | null = null;
    this.#targets ??= this.#fuzzyTargets();
    for (const name of this.#targets) {
      if (name.length >= lower.length + 2 && name.startsWith(lower)) {
        found = name;
        break;
      }
    }
    if (found === null) {
      this.#fuse ??= new Fuse(
        this.#targets.filter((n) => n.length >= 4),
        {
          includeScore: true,
          threshold: 0.25,
          ignoreLocation: true,
        },
      );
      for (const result of this.#fuse.search(lower, { limit: 3 })) {
        const name = result.item;
        if ((result.score ?? 1) <= 0.25 && name[0] === lower[0] && Math.abs(name.length - lower.length) <= 2) {
          found = name;
          break;
        }
      }
    }
    this.#fuzzyCache.set(lower, found);
    return found === null ? undefined : this.#names.get(found);
  }
}

function rank(source: KnownName['source']): number {
  return source === 'subject'
    ? 4
    : source === 'keep'
      ? 3
      : source === 'participant'
        ? 2
        : source === 'nickname'
          ? 1
          : 0;
}

/** Two- and three-letter clinical abbreviations that must never be read as someone's initials. */
const clinicalAbbreviations = new Set(
  'AF AKI BP CT CXR DN ECG ED GP HR ICU ITU IV IM MI NG NHS OD OK OT PR PT RR SC TTO TTA UK UTI MDT HCA SHO FY AMU SAU CCU ENT DVT PE GI OT SALT DNR CPR IO ABG VBG LP MRI US'.split(
    ' ',
  ),
);

/**
 * Whether a participant's name tokens describe a role or a place rather than a person: no token is a listed first
 * name or surname (ward vocabulary aside), and every one is ward vocabulary, a function word or everyday English ("Consultant On Call",
 * "Ward 7 Sister", "Night Coordinator"). "Hope Baker" and "Dr Okafor" are people.
 */
export function isRoleAccount(tokens: readonly string[]): boolean {
  for (const token of tokens) {
    const lower = token.toLowerCase();
    const flags = lexFlags(lower);
    // Ward vocabulary first: "Ward" is a surname too, but "Ward 7 Sister" is a ward's phone.
    if (flags & CLINICAL) continue;
    if (flags & (FIRST | LAST)) return false;
    if (!(flags & FUNCTION) && !isLowerCaseWord(lower)) return false;
  }
  return true;
}
