/**
 * The per-message name scan: walks one message's tokens and applies the rules in order of strength — a title before
 * the word, a name the chat knows, the name lists (with care for names that are also English words), relation and
 * patient cues, neighbours of names, initials, and last Philter's rule for unknown capitalised words. Each find carries
 * the confidence of its evidence from the one table in `confidence.ts`.
 */
import { consistency, ruleConfidence } from '../../confidence.ts';
import { officeTerms } from '../../data/safe-terms.ts';
import { type KnownName, type KnownNames, roleOfTitle } from '../../known-names.ts';
import {
  CLINICAL,
  COMMON,
  FIRST,
  FUNCTION,
  isLowerCaseWord,
  JOB_TITLE,
  LAST,
  MONTH,
  SAFE,
  TITLE,
} from '../../lexicon.ts';
import { type Candidate, NONE, type PartyRole, type RecogniserContext } from '../../recogniser.ts';
import {
  addressedAfter,
  addressedBefore,
  bedAfter,
  bedBefore,
  careAfter,
  isRelationWord,
  jobTitleAfter,
  jobTitleName,
  lowerCaseNameAfterCue,
  nameLabelBefore,
  patientBefore,
  patientListBefore,
  relationAfter,
  relationBefore,
  workplaceAfter,
} from './cues.ts';
import {
  acronymBesideName,
  dateWord,
  familySurname,
  foreignText,
  inLists,
  nonLatin,
  particleBetween,
  placeBefore,
  placeOrCondition,
  placeWordAfter,
  surnameBeforeNumber,
  townAfterPreposition,
  unknownWord,
} from './rules.ts';
import { GLUED, lowerAt, onlySpaceBetween, sentenceInitial, tokenise, tokens, wordLength } from './tokens.ts';
import { bareRole, bedBeside, keptOrNamesake, namesakeInBed, personHere, roleHere } from './whose.ts';

/** Greetings and interjections written before a name ("Hey Ash", "Morning Priya"), not part of it. */
const greetings = new Set([
  'hey',
  'hi',
  'hiya',
  'hello',
  'thanks',
  'cheers',
  'ta',
  'morning',
  'evening',
  'afternoon',
  'night',
  'dear',
  'bye',
  'congrats',
  'sorry',
  'welcome',
  'oh',
  'ok',
  'okay',
  'yes',
  'well',
]);

/** Titles written short, which a full stop may follow inside a name ("Dr. Shah"). */
const abbreviatedTitle = /^(?:mr|mrs|ms|mx|dr|sr|prof|rev)$/;

/** Rule names of known-name finds, interned so a candidate does not build its rule string. */
const knownRules: Record<KnownName['source'], string> = {
  participant: 'name:participant',
  subject: 'name:subject',
  keep: 'name:keep',
  nickname: 'name:nickname',
  cue: 'name:cue',
};

/** The confidence of a find by a name the chat knows: a cue-found name is weaker evidence than a participant. */
const knownConfidence = (k: KnownName): number =>
  k.source === 'cue' ? ruleConfidence['name:cue'] : ruleConfidence[knownRules[k.source] as 'name:participant'];

/** A name candidate for token i; `confirms` when the evidence may be carried to the name's other uses in the chat. */
function candidate(
  i: number,
  confidence: number,
  rule: string,
  role: PartyRole,
  personKey: string,
  confirms: boolean,
): Candidate {
  return {
    start: tokens.start[i] ?? 0,
    end: tokens.end[i] ?? 0,
    category: 'person-name',
    confidence,
    rule,
    role,
    personKey,
    confirms,
  };
}

/** Whether `id` is the id of the name find at start–end of message `messageId`, without building that id. */
function isFind(id: string, messageId: string, start: number, end: number): boolean {
  if (!id.startsWith(messageId) || id.charCodeAt(messageId.length) !== 58) return false;
  const span = id.slice(messageId.length + 1, id.lastIndexOf(':'));
  const dash = span.indexOf('-');
  return Number(span.slice(0, dash)) === start && Number(span.slice(dash + 1)) === end;
}

/**
 * A find of a name the chat knows. A name a cue found elsewhere ("Mr Zorbek" … "zorbek for CT") rests on that cue: its
 * finds share the name's group (one decision for all) and name the cue's find as their origin.
 */
function knownFind(i: number, k: KnownName, role: PartyRole, messageId: string, inBed = false): Candidate {
  const personKey = personHere(k, role, inBed);
  const c =
    k.shared && role === 'unknown'
      ? candidate(i, ruleConfidence['name:shared'], 'name:shared', role, personKey, true)
      : candidate(i, knownConfidence(k), knownRules[k.source], role, personKey, true);
  // The cue's own find is the origin, not a member of the group; nor is another person of the same name.
  if (
    k.source === 'cue' &&
    k.origin !== undefined &&
    personKey === k.personKey &&
    !isFind(k.origin, messageId, c.start, c.end)
  ) {
    c.group = `name:${k.personKey}`;
    c.origin = k.origin;
  }
  return c;
}

/**
 * Whether the chat writes a word in lower case as an everyday English word (see `consistency.everydayUses`): an
 * English word in no name list ("sales", "best"; not "glover" or "grant", which the lists know as names).
 */
function everydayInChat(lower: string, flags: number, context: RecogniserContext): boolean {
  return (
    (flags & (FIRST | LAST)) === 0 &&
    context.lowerCaseUses.get(lower) >= consistency.everydayUses &&
    isLowerCaseWord(lower)
  );
}

/** Whether token i is followed, one space on, by a capitalised name the chat knows ("Dinu Savu" once "Mr Savu" is). */
function nextKnown(text: string, i: number, count: number, end: number, known: KnownNames): boolean {
  const n = i + 1;
  if (n >= count || tokens.cap[n] !== 1 || !onlySpaceBetween(text, end, tokens.start[n] as number)) return false;
  const k = known.get(tokens.lower[n] as string);
  return k !== undefined && k.source !== 'nickname';
}

/**
 * Where the text last scanned has words the rules ruled out as names by what stands around them (start, end pairs): a
 * place ("San Diego", "in Dromana") or a date ("19 Jan"). The model adds no name there. Valid until the next
 * {@link scanNames}.
 */
export const ruledOut: number[] = [];

/** Finds name candidates in one text (of message `messageId`, for the origin of carried names). */
export function scanNames(text: string, context: RecogniserContext, messageId = ''): Candidate[] {
  const known = context.known;
  const count = tokenise(text, known);
  const { start: tStart, end: tEnd, flags: tFlags, cap: tCap, code: tCode, word: tWord, lower: tLower } = tokens;
  if (ruledOut.length > 0) ruledOut.length = 0; // (truncating an empty array still calls into the runtime)
  let out: Candidate[] | undefined;
  let previousName = -1;
  let previousConfirms = false;
  /** Whose the name just found is: a word that extends it ("Dr Amara Eze") is the same person's. */
  let previousRole: PartyRole = 'unknown';
  /** Whether the name just found was named by a title ("Dr Amara"): the capitalised word after it is the surname. */
  let previousTitled = false;
  let foreign = -1;
  for (let i = 0; i < count; i++) {
    let lower = tLower[i] as string;
    const flags = tFlags[i] as number;
    const isCap = tCap[i] === 1;
    const hasPrev = i > 0;
    const p = i - 1;
    const prevFlags = hasPrev ? (tFlags[p] as number) : 0;
    if (previousName >= 0 && previousName === i - 1 && !isCap && particleBetween(text, i, count)) {
      // "Van der Merwe", "Maria de la Cruz": a surname's particle between parts of a name is part of it.
      out ??= [];
      out.push(candidate(i, ruleConfidence['name:particle'], 'name:particle', previousRole, 'particle', false));
      previousName = i;
      continue;
    }
    if (lower === '') {
      // A gated plain word: only a title before it ("mrs larkin") makes it worth reading.
      if (!(prevFlags & TITLE)) continue;
      lower = text.slice(tStart[i] as number, tEnd[i] as number);
      tWord[i] = lower;
      tLower[i] = lower;
    }
    if (lower.length < 2 || flags & TITLE) continue;
    let k = known.get(lower);
    // "Margaret Evans" when the subject is Margaret Thompson: not the subject, nor a misspelling of her name.
    let namesake = false;
    if (k?.shared && (k.source === 'subject' || k.source === 'keep')) {
      k = keptOrNamesake(text, i, count, k, known);
      namesake = k === undefined;
    }
    // A word a cue named once that the chat also writes as an everyday word ("Mrs Sales" … "the sales team") is a
    // name only where a capital in name position says so, like any name that is also an English word.
    const common =
      (flags & COMMON) !== 0 || (k !== undefined && k.source === 'cue' && everydayInChat(lower, flags, context));
    if (tCode[i] !== 0) {
      // Glued to digits or inside a URL: only a chat name of three letters or more, written with lower case, counts —
      // in a URL only a participant's (or the subject's) name, not one a cue found in the text.
      if (
        k &&
        lower.length >= 3 &&
        !common &&
        (tCode[i] === GLUED || k.source !== 'cue') &&
        tWord[i] !== (tWord[i] as string).toUpperCase()
      ) {
        out ??= [];
        out.push(knownFind(i, k, bareRole(k), messageId));
        previousName = i;
        previousConfirms = true;
        previousRole = bareRole(k);
        previousTitled = false;
      }
      continue;
    }
    const listed = (flags & (FIRST | LAST)) !== 0 || (lower.includes('-') && inLists(lower));
    // Fast exit: a lower-case word that is neither known nor a listed name cannot be a name on its own.
    if (!isCap && k === undefined && !listed && !(prevFlags & TITLE)) continue;
    const start = tStart[i] as number;
    const end = tEnd[i] as number;
    const word = tWord[i] as string;
    const prevEnd = hasPrev ? (tEnd[p] as number) : 0;
    const prevWord = hasPrev ? (tWord[p] as string) : '';
    const prevLength = hasPrev ? wordLength(p) : 0;
    const spaceBefore = hasPrev && onlySpaceBetween(text, prevEnd, start, prevLength === 1 || !!(prevFlags & TITLE));
    // A full stop after a title is an abbreviation's ("Dr. Shah", "Mrs. Okafor"), or the end of a sentence after a
    // title written in full ("for my lady. Wait until…", "amazing Professor. Go into…").
    const titled =
      (prevFlags & TITLE) !== 0 &&
      spaceBefore &&
      (!text.slice(prevEnd, start).includes('.') || abbreviatedTitle.test(lowerAt(text, p)));
    // "HCA Becky", "FY1 Hannah": a job title just before (a foundation year's number between).
    const afterJobTitle = (prevFlags & JOB_TITLE) !== 0 && (spaceBefore || /^[12] $/.test(text.slice(prevEnd, start)));
    const adjacentToName = previousName === p && spaceBefore;
    const c1 = text.charCodeAt(end);
    const c2 = text.charCodeAt(end + 1);
    const followedByDigit = (c1 >= 48 && c1 <= 57) || (c1 === 32 && c2 >= 48 && c2 <= 57);
    const prevInitial =
      hasPrev &&
      prevLength === 1 &&
      tCap[p] === 1 &&
      (prevWord !== 'I' ? /^\.?\s$/ : /^\.\s$/).test(text.slice(prevEnd, start));
    // The title before the word, or before its initial ("Mrs Z Hussain"), or -1.
    const titleAt = titled
      ? p
      : prevInitial &&
          p > 0 &&
          (tFlags[p - 1] as number) & TITLE &&
          onlySpaceBetween(text, tEnd[p - 1] as number, tStart[p] as number, true)
        ? p - 1
        : -1;
    let hit: Candidate | undefined;

    if (
      titleAt >= 0 &&
      !followedByDigit &&
      // "Doctor Who", "Dr On Call": a function word after a title is no name, unless also a listed one ("Dr Will Jones").
      (!(flags & FUNCTION) || (isCap && (flags & (FIRST | LAST)) !== 0)) &&
      (isCap || k !== undefined || lowerCaseNameAfterCue(lower, flags)) &&
      !(flags & CLINICAL) &&
      // "Mr President", "Madam Chair": an office after a title is how someone is addressed, not their name.
      !officeTerms.has(lower)
    ) {
      // "Consultant Mr Venkat": a courtesy title after a job title names a member of staff.
      const titleRole =
        titleAt > 0 && (tFlags[titleAt - 1] as number) & JOB_TITLE ? 'staff' : roleOfTitle(lowerAt(text, titleAt));
      const inBed = k !== undefined && namesakeInBed(text, i, k, lower, tStart[titleAt] as number, true);
      const role = inBed ? 'patient' : roleHere(k, titleRole);
      // "Dr Thompson" when the subject is Margaret Thompson and a colleague has her surname: the officer decides.
      const eitherOne = k?.shared === true && k.source === 'subject' && titleRole === 'staff';
      hit = eitherOne
        ? candidate(i, ruleConfidence['name:shared'], 'name:shared', 'unknown', 'subject', true)
        : candidate(i, ruleConfidence['name:title'], 'name:title', role, k ? personHere(k, role, inBed) : lower, true);
    } else if (afterJobTitle && !followedByDigit && jobTitleName(word, lower, flags)) {
      const role = roleHere(k, 'staff');
      hit = candidate(
        i,
        ruleConfidence['name:job-title'],
        'name:job-title',
        role,
        k ? personHere(k, role) : lower,
        true,
      );
    } else if (placeOrCondition(text, i, count)) {
      // "Nightingale Ward", "Parkinson's disease": a place or a condition, not a person — unless the model reads a name
      // there ("Jo Ward"); before a place word that is no surname ("Victoria Park", "Asiana Airlines") not even then.
      if (placeWordAfter(text, i, count)) ruledOut.push(start, end);
    } else if (
      (hasPrev && isCap && (c1 === 39 || c1 === 8217) && (lowerAt(text, p) === 'st' || lowerAt(text, p) === 'saint')) ||
      (k === undefined && ((hasPrev && placeBefore(text, i)) || dateWord(text, i, lower))) ||
      (isCap &&
        i + 1 < count &&
        tCap[i + 1] === 1 &&
        !((tFlags[i + 1] as number) & COMMON) &&
        !known.get(tLower[i + 1] as string) &&
        placeBefore(text, i + 1))
    ) {
      // "St Mary's", "San Diego", "Lake Charles", "St . Luke": a saint or a place (both words); "19 Jan": a date. The
      // model adds no name there either.
      ruledOut.push(tStart[i] as number, tEnd[i] as number);
    } else {
      const initial = sentenceInitial(text, start);
      if (k && (!common || (isCap && (!initial || adjacentToName || prevInitial)))) {
        // "bed 4 is Margaret", "Margaret (bed 4)" say a participant (or anyone known) is a patient. A bed beside it
        // outweighs the role a cue gave the word elsewhere ("Sister Ng" … "bay 5: Ng, 78F"); "spoke to" does not.
        const before = text.slice(Math.max(0, start - 24), start);
        const someoneElseInBed = namesakeInBed(text, i, k, lower, start);
        const inBed = someoneElseInBed || (k.source === 'cue' && bedBeside(text, start, end));
        const role =
          inBed || (k.role === 'unknown' && (patientBefore.test(before) || bedAfter(text, end)))
            ? 'patient'
            : bareRole(k);
        hit = knownFind(i, k, role, messageId, someoneElseInBed);
      } else if (
        k &&
        !isCap &&
        !(flags & (FUNCTION | CLINICAL)) &&
        addressedBefore.test(text.slice(Math.max(0, start - 16), start))
      ) {
        hit = knownFind(i, k, bareRole(k), messageId);
      } else if (
        isCap &&
        (!followedByDigit ||
          surnameBeforeNumber(text, end, word, lower, adjacentToName && previousConfirms) ||
          // "B1 Smith 82 #NOF", "bed 4: Smith 82": a listed name a bed names, with an age after it.
          (listed && bedBefore.test(text.slice(Math.max(0, start - 24), start))))
      ) {
        const before = text.slice(Math.max(0, start - 24), start);
        // "Mom, Dad": a relation word after a relation is another relation, not a name.
        const relCue = relationBefore.test(before) && !isRelationWord(lower);
        const possessiveCue = c1 === 39 || c1 === 8217 ? relationAfter.test(text.slice(end, end + 24)) : false;
        // "Ng's bloods", "Zorbek's obs": whose care it is, a patient.
        const careCue = (c1 === 39 || c1 === 8217) && careAfter.test(text.slice(end, end + 24));
        const n = i + 1;
        const nextListed =
          n < count &&
          tCap[n] === 1 &&
          ((tFlags[n] as number) & (FIRST | LAST)) !== 0 &&
          !((tFlags[n] as number) & COMMON) &&
          onlySpaceBetween(text, end, tStart[n] as number, word.length === 1);
        // A listed name that is a misspelling of someone in the chat ("Margret" for Margaret) is that person.
        const fz = listed && !common && !namesake ? known.fuzzy(lower) : undefined;
        // The word after a name is the same person's ("Staff nurse Anna Kowalski", "Mrs Joan Smith").
        const sameAsBefore = adjacentToName ? previousRole : 'unknown';
        if (fz && fz.source !== 'cue' && fz.source !== 'nickname') {
          hit = candidate(i, ruleConfidence['name:fuzzy listed'], 'name:fuzzy', fz.role, fz.personKey, false);
        } else if (listed && !common) {
          // A bed or a form's label beside it ("bed 3: Begum", "Begum in bed 3", "Surname: Begum") names a patient as
          // surely as a title: the model does not outvote it.
          // (A bed before is one of the patient cues before: it is only looked for when one of them is there.)
          const cueBefore = patientBefore.test(before);
          const bedOrLabel =
            (cueBefore && bedBefore.test(before)) ||
            nameLabelBefore.test(before) ||
            bedAfter(text, end) ||
            patientListBefore(text, start);
          const patientCue = bedOrLabel || possessiveCue || careCue || cueBefore;
          const workplace = workplaceAfter(text, end);
          // "Grace from pharmacy", "Tom (SHO)": a colleague.
          const colleague = workplace === 'ward' || jobTitleAfter(text, end);
          const role = relCue ? 'relative' : patientCue ? 'patient' : colleague ? 'staff' : sameAsBefore;
          // In name position (mid-sentence, beside another name, after a cue) a listed name confirms itself.
          const position =
            !initial ||
            adjacentToName ||
            nextListed ||
            prevInitial ||
            relCue ||
            patientCue ||
            colleague ||
            workplace !== undefined ||
            addressedAfter(text, end);
          hit =
            bedOrLabel && !relCue
              ? candidate(i, ruleConfidence['name:patient-cue listed'], 'name:patient-cue', 'patient', lower, true)
              : candidate(i, ruleConfidence['name:list'], 'name:list', role, lower, position);
        } else if (listed && !relCue && bedBefore.test(before)) {
          // "B3 Wright for d/c", "bed 4: Rose": a bed names a patient even when the listed surname is also an everyday
          // word. Left to the model, "Wright" stood on a margin of 0.01 and fell with a retrained model.
          hit = candidate(i, ruleConfidence['name:patient-cue listed'], 'name:patient-cue', 'patient', lower, true);
        } else if (flags & SAFE) {
          // Safe-listed (an app, a system, a drug, a condition's eponym): a name only after a relation cue, or as the
          // surname after a name that stands ("Ethel Mabel Parkinson" left "Parkinson" visible), unless it is also an
          // everyday word ("Sarah Teams me"), a ward abbreviation ("Mr Brennan NBM") or a condition ("Mabel Parkinson's").
          if (
            adjacentToName &&
            previousConfirms &&
            c1 !== 39 &&
            c1 !== 8217 &&
            word !== word.toUpperCase() &&
            !isLowerCaseWord(lower)
          )
            hit = candidate(i, ruleConfidence['name:neighbour'], 'name:neighbour', previousRole, lower, false);
          else if (relCue || possessiveCue)
            hit = candidate(
              i,
              ruleConfidence['name:relation-cue'],
              'name:relation-cue',
              relCue ? 'relative' : 'patient',
              lower,
              true,
            );
        } else if (listed && common) {
          const monthLike = (flags & MONTH) !== 0 && /^\s*\d|^\s*$/.test(text.slice(end, end + 4));
          // Addressed or reached ("ask Will to bleep me", "thanks Hope", "Hope, are you free?"), named by where they work
          // ("Grace from pharmacy says…") or by their bed ("Bill in bed 2"): a capitalised name, not a word.
          const addressed = addressedBefore.test(text.slice(Math.max(0, start - 16), start));
          const inBed = !relCue && !adjacentToName && bedAfter(text, end);
          const workplace = workplaceAfter(text, end);
          const cued =
            adjacentToName ||
            nextListed ||
            relCue ||
            possessiveCue ||
            prevInitial ||
            addressed ||
            inBed ||
            workplace !== undefined ||
            addressedAfter(text, end);
          // "Porter Gary", "Reg Tom Hughes": a job title before a name is the title, not a name.
          const jobTitle = (flags & JOB_TITLE) !== 0 && nextListed && !adjacentToName;
          if (!monthLike && !jobTitle && (cued || (!initial && !(flags & (CLINICAL | MONTH))))) {
            hit = candidate(
              i,
              cued ? ruleConfidence['name:list-common cued'] : ruleConfidence['name:list-common'],
              'name:list-common',
              relCue ? 'relative' : inBed ? 'patient' : workplace === 'ward' ? 'staff' : sameAsBefore,
              lower,
              cued,
            );
          }
        } else if (!common) {
          const fuzzy = known.fuzzy(lower);
          const family = hasPrev && lowerAt(text, p) === 'the' ? familySurname(lower) : undefined;
          if (fuzzy) hit = candidate(i, ruleConfidence['name:fuzzy'], 'name:fuzzy', fuzzy.role, fuzzy.personKey, false);
          else if (family !== undefined)
            // "the Wilsons are visiting", "spoke to the Joneses": a family, by its surname.
            hit = candidate(i, ruleConfidence['name:family'], 'name:family', 'relative', family, true);
          else if (relCue || possessiveCue)
            hit = candidate(
              i,
              ruleConfidence['name:relation-cue'],
              'name:relation-cue',
              relCue ? 'relative' : 'patient',
              lower,
              true,
            );
          else if (careCue && !isLowerCaseWord(lower))
            hit = candidate(i, ruleConfidence['name:patient-cue'], 'name:patient-cue', 'patient', lower, true);
          else if ((adjacentToName || nextListed) && !acronymBesideName(i, count)) {
            // Before a listed surname ("Donn Sipes") or after a confirmed name, the word is part of a full name and
            // confirms itself; beside a guess it stays a guess. An everyday English word after a name ("Victoria
            // Park", "Barry Happy B-Day") or before a given name ("Hey Tony", "Aston Martin") is as likely the name's
            // neighbour in a sentence as part of it: it stays a guess, for the model to judge.
            const everyday = isLowerCaseWord(lower);
            const beforeName = nextListed && !(everyday && ((tFlags[i + 1] as number) & FIRST) !== 0);
            // After a name a title gives ("Dr Amara Long", "nurse Kim Woo"), a capitalised word is the surname even
            // when it is also an everyday word: left to the model, "Long" stayed visible beside a withheld "Amara".
            const surnameAfterTitle = adjacentToName && previousTitled && isCap;
            hit = candidate(
              i,
              ruleConfidence['name:neighbour'],
              'name:neighbour',
              adjacentToName
                ? previousRole
                : nameLabelBefore.test(before) || (!initial && patientBefore.test(before))
                  ? 'patient'
                  : 'unknown',
              lower,
              (adjacentToName && previousConfirms && (!everyday || surnameAfterTitle)) || beforeName,
            );
          } else if (jobTitleAfter(text, end)) {
            // "Olu (SHO) has the bleep": a colleague named with their job.
            hit = candidate(i, ruleConfidence['name:job-title'], 'name:job-title', 'staff', lower, true);
          } else if (
            ((!initial && patientBefore.test(before)) || nameLabelBefore.test(before) || bedAfter(text, end)) &&
            // "tell Congress": an everyday word after a patient cue is no name; nor an acronym ("thanks MTV", "tell TMZ").
            !isLowerCaseWord(lower) &&
            !(word.length <= 3 && word === word.toUpperCase())
          )
            hit = candidate(i, ruleConfidence['name:patient-cue'], 'name:patient-cue', 'patient', lower, true);
          else if (nextKnown(text, i, count, end, known))
            // Before a name the chat knows ("Dinu Savu" once "Mr Savu" is known), the word is part of that name; a
            // greeting there ("Hey Ash", "Morning Priya") stays a guess, for the model to judge.
            hit = candidate(
              i,
              ruleConfidence['name:neighbour'],
              'name:neighbour',
              'unknown',
              lower,
              !greetings.has(lower),
            );
          else if (word.length <= 3 && word === word.toUpperCase()) {
            const k2 = known.initials(word);
            if (k2) hit = candidate(i, ruleConfidence['name:initials'], 'name:initials', k2.role, k2.personKey, false);
          } else if (hasPrev && townAfterPreposition(text, i, lower)) {
            // "in Dromana", "to Garryvoe": a town in no name list, where someone is or goes.
            if (unknownWord(word)) ruledOut.push(start, end);
          } else if (unknownWord(word)) {
            // Philter's rule: a proper noun that no list proves safe is proposed (low confidence, for review). In a
            // message that is mostly not English, or in another script, the capital is no evidence: lowest confidence.
            if (foreign === -1) foreign = foreignText(text, count) ? 1 : 0;
            if (foreign === 1 || nonLatin(word))
              hit = candidate(
                i,
                ruleConfidence['name:unknown-word-foreign'],
                'name:unknown-word-foreign',
                'unknown',
                lower,
                false,
              );
            else
              hit = candidate(
                i,
                initial
                  ? ruleConfidence['name:unknown-proper-noun sentence-start']
                  : ruleConfidence['name:unknown-proper-noun'],
                'name:unknown-proper-noun',
                'unknown',
                lower,
                false,
              );
          }
        }
      } else if (!isCap && lower.length >= 4 && !common && !followedByDigit && listed) {
        hit = candidate(i, ruleConfidence['name:list-lowercase'], 'name:list-lowercase', 'unknown', lower, false);
      }
    }
    if (!hit) continue;
    if (spaceBefore && previousName !== p && prevLength >= 2 && tCode[p] === 0) {
      // A first name written before a found name ("rod mclaughlin", "Just Greenfelder") is part of it.
      if (
        prevFlags & FIRST &&
        !(prevFlags & (TITLE | CLINICAL | SAFE)) &&
        (tCap[p] === 1 || !(prevFlags & FUNCTION)) &&
        !text.slice(prevEnd, start).includes('.')
      ) {
        out ??= [];
        out.push({
          ...hit,
          start: tStart[p] as number,
          end: prevEnd,
          confidence: ruleConfidence['name:neighbour-before'],
          rule: 'name:neighbour-before',
        });
      }
    }
    // Take in an initial written before the name ("O. Smith", "J Smith").
    if (prevInitial) hit.start = tStart[p] as number;
    out ??= [];
    out.push(hit);
    previousName = i;
    previousConfirms = hit.confirms === true;
    previousRole = hit.role ?? 'unknown';
    previousTitled = hit.rule === 'name:title' || hit.rule === 'name:job-title';
  }
  if (out !== undefined && out.length >= 2) enumerated(text, count, out);
  return out ?? NONE;
}

/** Flags of words that are never a name inside an enumeration ("Smith, Bloods, Jones" is not three names). */
const NOT_LISTED_ITEM = FUNCTION | CLINICAL | TITLE | MONTH | SAFE;

/** The separator between two items of an enumeration after position `from`: ", " "; " " and " " & ", or -1. */
function separatorEnd(text: string, from: number): number {
  let j = from;
  if (text.charCodeAt(j) === 32) j++;
  const c = text.charCodeAt(j);
  if (c === 44 || c === 59 || c === 38) j++;
  else if (text.startsWith('and', j)) j += 3;
  else return -1;
  return text.charCodeAt(j) === 32 ? j + 1 : -1;
}

/**
 * A capitalised word between two found names in an enumeration is a name too (`name:enumeration`): "Hart, Garcia,
 * Milner" once Hart and Milner are found, as a handover lists its patients ("Jones, Green, White"). One word an item,
 * items separated by a comma, a semicolon, "and" or "&"; not a word the rules know is never a name alone, not an
 * acronym. Added to `out` (sorted by start).
 */
function enumerated(text: string, count: number, out: Candidate[]): void {
  let added = false;
  const endsAt = (at: number): boolean => out.some((c) => c.end === at);
  const startsAt = (at: number): boolean => out.some((c) => c.start === at);
  for (let i = 1; i + 1 < count; i++) {
    if (tokens.cap[i] !== 1 || tokens.code[i] !== 0 || (tokens.flags[i] as number) & NOT_LISTED_ITEM) continue;
    const start = tokens.start[i] as number;
    const end = tokens.end[i] as number;
    const word = tokens.word[i] as string;
    if (word.length < 2 || word === word.toUpperCase()) continue;
    const before = tokens.end[i - 1] as number;
    if (separatorEnd(text, before) !== start || !endsAt(before)) continue;
    const after = separatorEnd(text, end);
    if (after < 0 || !startsAt(after) || out.some((c) => c.start < end && start < c.end)) continue;
    out.push({
      start,
      end,
      category: 'person-name',
      confidence: ruleConfidence['name:enumeration'],
      rule: 'name:enumeration',
      role: 'unknown',
      personKey: tokens.lower[i] as string,
      confirms: false,
    });
    added = true;
  }
  if (added) out.sort((a, b) => a.start - b.start);
}
