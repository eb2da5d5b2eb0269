/**
 * Recognisers for hospital numbers (trust-configurable patterns plus "hosp no"/"MRN" context), street addresses,
 * dates of birth (only with a DOB cue: a date alone is not a date of birth), ages ("84yo", "aged 84", "(84F)"), and the
 * officer's custom terms and patterns. A recogniser's `minDigits` is its pre-test: the engine counts a text's digits once
 * and runs only the recognisers they are enough for, so `find` does not look for a digit again.
 */
import { ruleConfidence } from '../confidence.ts';
import { type Candidate, NONE, overlapsAny, type Recogniser, type RecogniserContext } from '../recogniser.ts';

const hospitalContext =
  /\b(?:hosp(?:ital)?\.?\s*(?:no|num|number|#)|mrn|unit\s*(?:no|number)|rxn|case\s*no|k\s*no)\.?\s*[:#-]?\s*$/i;
const hospitalAfterContext =
  /\b(?:hosp(?:ital)?\.?\s*(?:no|num|number|#)|hospital number|mrn|unit\s*(?:no|number))\.?\s*(?:is\s*)?[:#-]?\s*([A-Z]{1,3}\d{1,3} \d{4,8}|[A-Z]{0,3}\d[A-Z\d]{4,11})\b/gi;

/** Default trust pattern: one to three capital letters then six to eight digits (e.g. RX1234567, K123456). */
export const defaultHospitalNumberPatterns: readonly string[] = ['[A-Z]{1,3}\\d{6,8}'];

/** Hospital (MRN) numbers. */
export const hospitalNumberRecogniser: Recogniser = {
  id: 'hospital-number',
  minDigits: 1,
  categories: ['hospital-number'],
  find(text: string, context: RecogniserContext): Candidate[] {
    let out: Candidate[] | undefined;
    for (const pattern of context.hospitalNumberPatterns) {
      pattern.lastIndex = 0;
      for (let m = pattern.exec(text); m !== null; m = pattern.exec(text)) {
        if (m[0].length === 0) {
          pattern.lastIndex++;
          continue;
        }
        const cue = hospitalContext.test(text.slice(Math.max(0, m.index - 24), m.index));
        out ??= [];
        out.push({
          start: m.index,
          end: m.index + m[0].length,
          category: 'hospital-number',
          confidence: cue
            ? ruleConfidence['hospital-number:pattern+context']
            : ruleConfidence['hospital-number:pattern'],
          rule: cue ? 'hospital-number:pattern+context' : 'hospital-number:pattern',
        });
      }
    }
    hospitalAfterContext.lastIndex = 0;
    for (let m = hospitalAfterContext.exec(text); m !== null; m = hospitalAfterContext.exec(text)) {
      const value = m[1] ?? '';
      const start = m.index + m[0].length - value.length;
      if (overlapsAny(out, start, start + 1)) continue;
      out ??= [];
      out.push({
        start,
        end: start + value.length,
        category: 'hospital-number',
        confidence: ruleConfidence['hospital-number:context'],
        rule: 'hospital-number:context',
      });
    }
    return out ?? NONE;
  },
};

const streetTypes =
  'Road|Rd|Street|St|Avenue|Ave|Lane|Ln|Close|Cl|Drive|Dr|Way|Place|Pl|Court|Ct|Gardens|Gdns|Crescent|Cres|Grove|Gr|Terrace|Tce|Hill|View|Walk|Park|Mews|Rise|Green|Square|Sq|Croft|Bank|Row|Meadow|Meadows|Gate|End|Drove|Mead|Field|Fields|Chase|Mount|Orchard|Yard|Garth|Fold|Wynd|Parade|Vale|Brae|Grange|Approach|Wood|Paddock|Brow|Lea|Path|Side|Heights|Copse|Corner|Ridge|Glade|Boulevard|Crossing|Estate|Court|Circus|Quay|Wharf|Embankment';
const streetPattern = new RegExp(
  `(?<![\\w-])(?:(?:Flat|Apt|Apartment|Unit)\\s+\\d+[A-Za-z]?,?\\s+)?\\d{1,4}[A-Za-z]?,?\\s+(?:[\\p{Lu}][\\p{L}'’-]*\\s+){1,3}(?:${streetTypes})\\b\\.?`,
  'gu',
);
const streetPatternThe = /(?<![\w-])\d{1,4}[A-Za-z]?,?\s+The\s+[\p{Lu}][\p{L}'’-]+(?:\s+[\p{Lu}][\p{L}'’-]+)?/gu;
const streetPatternLower =
  /(?<![\w-])\d{1,4}[a-z]?,?\s+(?:[a-z][a-z'-]*\s+){1,2}(?:road|rd|street|st|avenue|ave|lane|close|drive|way|crescent|grove|terrace|gardens|place|court)\b/gi;
/** A town after a street: capitalised words, joining words, and an abbreviated saint or mount first ("St. Hermann"). */
const townAfter =
  /^,\s*((?:(?:St|Ste|Mt|Gt)\.\s*)?(?:[\p{Lu}][\p{L}'’-]*)(?:[\s-](?:[\p{Lu}][\p{L}'’-]*|upon|on|under|over|le|in|by|the|de|next|sea)){0,4})(?=[\s,.;)]|$)/u;
const townBeforePostcode =
  /(?<=,\s*|\b(?:in|at|from)\s+)((?:[\p{Lu}][\p{L}'’-]+)(?:[\s-](?:[\p{Lu}][\p{L}'’-]+|upon|on|under|over|le|in|by)){0,3})\s+(?=(?:GIR ?0AA|[A-Za-z]{1,2}\d[A-Za-z\d]? ?\d[A-Za-z]{2})\b)/gu;
const streetPatterns: readonly RegExp[] = [streetPattern, streetPatternThe, streetPatternLower];
/** Every postcode has a letter followed by a digit, or is GIR 0AA. */
const letterDigit = /[A-Za-z]\d|GIR ?0/i;
/** What the town-before-postcode pattern must see after the town: space, then a postcode shape (its lookahead). */
const postcodeAfterSpace = /\s(?:GIR ?0AA|[A-Za-z]{1,2}\d[A-Za-z\d]? ?\d[A-Za-z]{2})\b/u;
const addressCue = /\b(?:lives at|address(?: is)?|addr|resides at|home is)\s*:?\s*$/i;

/** Street addresses ("12 Acacia Avenue", "Flat 3, 7 Mill Lane") and the town that follows them. */
export const addressRecogniser: Recogniser = {
  id: 'address',
  minDigits: 1,
  categories: ['address'],
  find(text: string): Candidate[] {
    let out: Candidate[] | undefined;
    for (let p = 0; p < streetPatterns.length; p++) {
      const pattern = streetPatterns[p] as RegExp;
      pattern.lastIndex = 0;
      for (let m = pattern.exec(text); m !== null; m = pattern.exec(text)) {
        let end = m.index + m[0].length;
        if (text.charAt(end - 1) === '.') end--;
        if (overlapsAny(out, m.index, end)) continue;
        const cue = addressCue.test(text.slice(Math.max(0, m.index - 20), m.index));
        if (pattern === streetPatternLower && !cue) continue;
        out ??= [];
        out.push({
          start: m.index,
          end,
          category: 'address',
          confidence: cue ? ruleConfidence['address:street+cue'] : ruleConfidence['address:street'],
          rule: cue ? 'address:street+cue' : 'address:street',
        });
        const town = townAfter.exec(text.slice(end));
        if (town?.[1]) {
          const townStart = end + town[0].length - town[1].length;
          let townText = town[1];
          // A postcode that follows is its own span; keep the town to the words before it.
          const pc = /\s+[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}$/i.exec(townText);
          if (pc) townText = townText.slice(0, pc.index);
          if (townText.length >= 3) {
            out.push({
              start: townStart,
              end: townStart + townText.length,
              category: 'address',
              confidence: ruleConfidence['address:town'],
              rule: 'address:town',
            });
          }
        }
      }
    }
    // Every postcode has a letter followed by a digit (or is GIR 0AA): the town-before-postcode pattern needs one.
    if (!letterDigit.test(text) || !postcodeAfterSpace.test(text)) return out ?? NONE;
    townBeforePostcode.lastIndex = 0;
    for (let m = townBeforePostcode.exec(text); m !== null; m = townBeforePostcode.exec(text)) {
      const town = m[1] ?? '';
      const start = m.index;
      if (overlapsAny(out, start, start + town.length)) continue;
      out ??= [];
      out.push({
        start,
        end: start + town.length,
        category: 'address',
        confidence: ruleConfidence['address:town+postcode'],
        rule: 'address:town+postcode',
      });
    }
    return out ?? NONE;
  },
};

const monthNames =
  'Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?';
const dateText = `(?:\\d{1,2}[./-]\\d{1,2}[./-](?:\\d{4}|\\d{2})|\\d{4}-\\d{2}-\\d{2}|\\d{1,2}(?:st|nd|rd|th)?\\s+(?:${monthNames})\\.?,?\\s+(?:\\d{4}|'?\\d{2})|(?:${monthNames})\\.?\\s+\\d{1,2}(?:st|nd|rd|th)?,?\\s+\\d{4})`;
const dobPattern = new RegExp(
  `\\b(?:d\\.?o\\.?b\\.?|date of birth|birth ?date|born(?: on)?|b\\.)\\s*(?:is\\s*|was\\s*)?[:=-]?\\s*(${dateText})(?![\\d])`,
  'gi',
);

/** Dates of birth: a date only counts with a DOB cue ("DOB", "born", "date of birth"). */
export const dateOfBirthRecogniser: Recogniser = {
  id: 'date-of-birth',
  minDigits: 2,
  categories: ['date-of-birth'],
  find(text: string): Candidate[] {
    let out: Candidate[] | undefined;
    dobPattern.lastIndex = 0;
    for (let m = dobPattern.exec(text); m !== null; m = dobPattern.exec(text)) {
      const value = m[1] ?? '';
      const start = m.index + m[0].length - value.length;
      out ??= [];
      out.push({
        start,
        end: start + value.length,
        category: 'date-of-birth',
        confidence: ruleConfidence['date-of-birth:cue'],
        rule: 'date-of-birth:cue',
      });
    }
    return out ?? NONE;
  },
};

const agePatterns: readonly RegExp[] = [
  /(?<![\d.])(\d{1,3})\s?(?:yo|y\/o|y\.o\.?|yrs?\s?old|years?\s?old|-years?-old|-yr-old|yr old)\b/gi,
  /\b(?:aged?|age:)\s*(\d{1,3})\b(?!\s*(?:mg|ml|kg|%|mmol|units?|\/))/gi,
  /\((\d{1,3})\s?[MF]\)/g,
  // "72M chest pain", "bay 5: Ng, 78F": the ward's shorthand for age and sex, without brackets (16 and over, so "5M"
  // is left to mean five million).
  /(?<![\d.,£$€])\b(\d{2,3})\s?[MF]\b(?![’'])/g,
];

/** Whether a candidate in `list` starts at `start` (a plain loop: no closure per match). */
function startsAt(list: readonly Candidate[], start: number): boolean {
  for (let j = 0; j < list.length; j++) if ((list[j] as Candidate).start === start) return true;
  return false;
}

/** Ages ("84yo", "aged 84", "(84F)", "84F"); the span is the number, the phrase around it is the cue. */
export const ageRecogniser: Recogniser = {
  id: 'age',
  minDigits: 1,
  categories: ['age'],
  find(text: string): Candidate[] {
    let out: Candidate[] | undefined;
    for (let index = 0; index < agePatterns.length; index++) {
      const pattern = agePatterns[index] as RegExp;
      if (index === 2 && !text.includes('(')) continue;
      pattern.lastIndex = 0;
      for (let m = pattern.exec(text); m !== null; m = pattern.exec(text)) {
        const value = m[1] ?? '';
        const age = Number(value);
        if (age > 120 || (index === 3 && age < 16)) continue;
        const start = m.index + m[0].indexOf(value);
        if (out !== undefined && startsAt(out, start)) continue;
        out ??= [];
        out.push({
          start,
          end: start + value.length,
          category: 'age',
          confidence:
            index === 2
              ? ruleConfidence['age:cue bracketed']
              : index === 3
                ? ruleConfidence['age:cue sex']
                : ruleConfidence['age:cue'],
          rule: 'age:cue',
        });
      }
    }
    return out ?? NONE;
  },
};

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The officer's custom terms (whole words, any case) and patterns. */
export const customRecogniser: Recogniser = {
  id: 'custom',
  categories: ['custom'],
  find(text: string, context: RecogniserContext): Candidate[] {
    if (context.customTerms.length === 0 && context.customPatterns.length === 0) return NONE;
    const out: Candidate[] = [];
    if (context.customTerms.length > 0) {
      const lower = text.toLowerCase();
      for (const term of context.customTerms) {
        let at = lower.indexOf(term);
        while (at !== -1) {
          const before = at === 0 ? '' : lower.charAt(at - 1);
          const after = lower.charAt(at + term.length);
          if (!/[\p{L}\d]/u.test(before) && !/[\p{L}\d]/u.test(after)) {
            out.push({
              start: at,
              end: at + term.length,
              category: 'custom',
              confidence: ruleConfidence['custom:term'],
              rule: 'custom:term',
            });
          }
          at = lower.indexOf(term, at + 1);
        }
      }
    }
    for (const pattern of context.customPatterns) {
      pattern.lastIndex = 0;
      for (let m = pattern.exec(text); m !== null; m = pattern.exec(text)) {
        if (m[0].length === 0) {
          pattern.lastIndex++;
          continue;
        }
        out.push({
          start: m.index,
          end: m.index + m[0].length,
          category: 'custom',
          confidence: ruleConfidence['custom:pattern'],
          rule: 'custom:pattern',
        });
      }
    }
    return out;
  },
};

/** Escapes a literal for use in a custom pattern. */
export { escapeRegExp };
