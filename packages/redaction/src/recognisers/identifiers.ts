/**
 * Recognisers for structured identifiers. The shapes and validators are records-policy's (NHS number modulus 11,
 * NI number prefix rules, postcode positional rules, phone via libphonenumber-js, email); this module adds what a
 * redaction engine needs on top: context words, confidence, and the near misses that context makes personal data
 * (a mistyped NHS number after "NHS no").
 */
import {
  emailPattern,
  findPhoneNumbers,
  nationalInsuranceNumberPattern,
  nhsNumberPattern,
  normaliseEmail,
  normaliseNationalInsuranceNumber,
  normaliseNhsNumber,
  normalisePostcode,
  postcodePattern,
} from '@im-records/records-policy';
import { type CountryCode, parsePhoneNumberFromString } from 'libphonenumber-js';
import { ruleConfidence } from '../confidence.ts';
import { type Candidate, NONE, overlapsAny, type Recogniser, type RecogniserContext } from '../recogniser.ts';

// records-policy's patterns, compiled once and reused (its find… functions build a fresh regex per call, which is
// right for a library but too slow for a million messages); its normalisers decide validity.
// A recogniser's `minDigits` is its pre-test: the engine counts a text's digits once and runs only the recognisers
// they are enough for, so `find` does not count them again (called directly, it finds the same, just less quickly).
const nhsShape = nhsNumberPattern();
const niShape = nationalInsuranceNumberPattern();
const postcodeShape = postcodePattern();
const emailShape = emailPattern();

const letterDigit = /[A-Za-z]\d|GIR ?0/i;

const nhsContext = /\bnhs\b|\bnhs\s*(?:no|num|number|#)|\bchi\b/i;

/** NHS numbers: shape + modulus-11 check (+ context raises confidence); a wrong check digit counts only with context. */
export const nhsNumberRecogniser: Recogniser = {
  id: 'nhs-number',
  minDigits: 10,
  categories: ['nhs-number'],
  find(text: string): Candidate[] {
    let out: Candidate[] | undefined;
    nhsShape.lastIndex = 0;
    for (let s = nhsShape.exec(text); s !== null; s = nhsShape.exec(text)) {
      const m = { start: s.index, end: s.index + s[0].length, valid: normaliseNhsNumber(s[0]) !== undefined };
      const context = nhsContext.test(text.slice(Math.max(0, m.start - 40), m.start));
      out ??= [];
      if (m.valid) {
        out.push({
          start: m.start,
          end: m.end,
          category: 'nhs-number',
          confidence: context ? ruleConfidence['nhs-number:checksum+context'] : ruleConfidence['nhs-number:checksum'],
          rule: context ? 'nhs-number:checksum+context' : 'nhs-number:checksum',
        });
      } else if (context) {
        out.push({
          start: m.start,
          end: m.end,
          category: 'nhs-number',
          confidence: ruleConfidence['nhs-number:context'],
          rule: 'nhs-number:context',
        });
      }
    }
    return out ?? NONE;
  },
};

/** National Insurance numbers (records-policy's prefix and suffix rules). */
export const niNumberRecogniser: Recogniser = {
  id: 'ni-number',
  minDigits: 6,
  categories: ['ni-number'],
  find(text: string): Candidate[] {
    let out: Candidate[] | undefined;
    niShape.lastIndex = 0;
    for (let m = niShape.exec(text); m !== null; m = niShape.exec(text)) {
      if (normaliseNationalInsuranceNumber(m[0]) === undefined) continue;
      out ??= [];
      out.push({
        start: m.index,
        end: m.index + m[0].length,
        category: 'ni-number',
        confidence: ruleConfidence['ni-number:rules'],
        rule: 'ni-number:rules',
      });
    }
    return out ?? NONE;
  },
};

/** UK postcodes (records-policy's positional rules). */
export const postcodeRecogniser: Recogniser = {
  id: 'postcode',
  minDigits: 1,
  categories: ['postcode'],
  find(text: string): Candidate[] {
    // Every postcode has a letter followed by a digit; most messages with numbers ("bed 4") have none.
    if (!letterDigit.test(text)) return NONE;
    let out: Candidate[] | undefined;
    postcodeShape.lastIndex = 0;
    for (let m = postcodeShape.exec(text); m !== null; m = postcodeShape.exec(text)) {
      const found = m[0];
      if (normalisePostcode(found) === undefined) continue;
      out ??= [];
      out.push({
        start: m.index,
        end: m.index + found.length,
        category: 'postcode',
        confidence:
          /\s/.test(found) || /\d[A-Z]{2}$/.test(found)
            ? ruleConfidence['postcode:positional']
            : ruleConfidence['postcode:positional compact'],
        rule: 'postcode:positional',
      });
    }
    return out ?? NONE;
  },
};

/** Email addresses. */
export const emailRecogniser: Recogniser = {
  id: 'email',
  categories: ['email'],
  find(text: string): Candidate[] {
    if (!text.includes('@')) return NONE;
    let out: Candidate[] | undefined;
    emailShape.lastIndex = 0;
    for (let m = emailShape.exec(text); m !== null; m = emailShape.exec(text)) {
      if (normaliseEmail(m[0]) === undefined) continue;
      out ??= [];
      out.push({
        start: m.index,
        end: m.index + m[0].length,
        category: 'email',
        confidence: ruleConfidence['email:shape'],
        rule: 'email:shape',
      });
    }
    return out ?? NONE;
  },
};

const phoneContext =
  /\b(?:phone|tel|telephone|mob|mobile|cell|number|num|call|ring|text|whatsapp|contact|fax|us|uk|international|on)\b(?:\s+\w{1,3}){0,2}\W*$/i;
const foreignRegions: readonly CountryCode[] = [
  'US',
  'IN',
  'IL',
  'JP',
  'CN',
  'BR',
  'DE',
  'FR',
  'IT',
  'ES',
  'PL',
  'NG',
  'PK',
  'IE',
  'AU',
];
const phoneCandidate = /(?<![\d+])(?:\+|\(\s*)?\d[\d\s().-]{6,20}\d(?![\w])/g;
/** Digits, one point, digits: a measurement or coordinate pasted into a chat ("0.07700900123"), never a phone number. */
const decimalFraction = /^\d+\.\d+$/;

function digitCount(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 48 && c <= 57) n++;
  }
  return n;
}

/** Whether a number is possible in one of the countries staff and families most often call, or as +country code. */
function possibleAbroad(raw: string): boolean {
  if (raw.startsWith('+')) return parsePhoneNumberFromString(raw)?.isPossible() ?? false;
  for (const region of foreignRegions) if (parsePhoneNumberFromString(raw, region)?.isPossible()) return true;
  if (!raw.startsWith('0')) return parsePhoneNumberFromString(`+${raw.replace(/\D/g, '')}`)?.isPossible() ?? false;
  return false;
}

const foreignCache = new Map<string, boolean>();

/** The number-like windows of the message being scanned (reused between messages). */
const windowStarts: number[] = [];
const windowTexts: string[] = [];

/** Finder results per number-like window: phone numbers repeat across a chat, libphonenumber is slow. */
const phoneCache = new Map<string, ReturnType<typeof findPhoneNumbers>>();

/** Empties the finder results kept per number-like window: their keys are the chat's phone numbers. */
export function forgetKeptNumbers(): void {
  phoneCache.clear();
  foreignCache.clear();
}

/** How many number-like windows' results are kept (for {@link forgetKeptNumbers}' test). */
export function keptNumberCount(): number {
  return phoneCache.size + foreignCache.size;
}

/**
 * Phone numbers: records-policy's finder (region GB, possible numbers, written with 0, + or a bracket), plus numbers of
 * other countries in a national format when a context word or a bracketed area code says it is a phone number.
 */
export const phoneRecogniser: Recogniser = {
  id: 'phone',
  minDigits: 7,
  categories: ['phone'],
  find(text: string, context: RecogniserContext): Candidate[] {
    let out: Candidate[] | undefined;
    // libphonenumber's finder is thorough but slow; run it only on windows our cheap pattern marks as number-like.
    // The windows are kept for the second loop below, which would otherwise run the same pattern again.
    windowStarts.length = 0;
    windowTexts.length = 0;
    phoneCandidate.lastIndex = 0;
    for (let w = phoneCandidate.exec(text); w !== null; w = phoneCandidate.exec(text)) {
      if (decimalFraction.test(w[0])) continue;
      windowStarts.push(w.index);
      windowTexts.push(w[0]);
      const first = w[0].charCodeAt(0);
      // Only numbers written with 0, + or a bracket can be UK phone numbers (records-policy's rule); skip the rest.
      if (first !== 48 && first !== 43 && first !== 40) continue;
      // A UK number written with its 0 has ten or eleven digits; shorter ones are only worth parsing after a cue.
      const digits = digitCount(w[0]);
      if (
        digits < 7 ||
        (digits < 10 && first !== 43 && !phoneContext.test(text.slice(Math.max(0, w.index - 30), w.index)))
      )
        continue;
      const from = w.index;
      const window = w[0];
      let founds = phoneCache.get(window);
      if (founds === undefined) {
        founds = findPhoneNumbers(window);
        if (phoneCache.size > 50000) phoneCache.clear();
        phoneCache.set(window, founds);
      }
      for (const found of founds) {
        const m = { text: found.text, start: found.start + from, end: found.end + from };
        const own = context.known.hasPhone(found.normalised);
        // Short national numbers (nine digits or fewer) are more often order or reference numbers: they need a cue.
        if (
          !own &&
          !m.text.startsWith('+') &&
          digitCount(m.text) < 10 &&
          !phoneContext.test(text.slice(Math.max(0, m.start - 30), m.start))
        ) {
          continue;
        }
        out ??= [];
        out.push({
          start: m.start,
          end: m.end,
          category: 'phone',
          confidence: own ? ruleConfidence['phone:participant'] : ruleConfidence['phone:libphonenumber-gb'],
          rule: own ? 'phone:participant' : 'phone:libphonenumber-gb',
        });
      }
    }
    for (let k = 0; k < windowStarts.length; k++) {
      let raw = windowTexts[k] as string;
      let start = windowStarts[k] as number;
      while (raw.length > 0 && /[\s.-]$/.test(raw)) raw = raw.slice(0, -1);
      if (raw.startsWith('(') && !raw.includes(')')) {
        raw = raw.slice(1);
        start++;
      }
      const end = start + raw.length;
      const digits = digitCount(raw);
      if (digits < 8 || digits > 15) continue;
      if (overlapsAny(out, start, end)) continue;
      const before = text.slice(Math.max(0, start - 30), start);
      const cue = phoneContext.test(before) || /\(\d{2,4}\)/.test(raw) || raw.startsWith('+');
      if (!cue) continue;
      let possible = foreignCache.get(raw);
      if (possible === undefined) {
        possible = possibleAbroad(raw);
        if (foreignCache.size > 50000) foreignCache.clear();
        foreignCache.set(raw, possible);
      }
      if (possible) {
        out ??= [];
        out.push({
          start,
          end,
          category: 'phone',
          confidence: ruleConfidence['phone:foreign+context'],
          rule: 'phone:foreign+context',
        });
      }
    }
    return out ?? NONE;
  },
};

const mentionPattern = /(?<![\w@])@(\+?\d{7,15})/gu;

/** WhatsApp @mentions of a phone number (`@447700900123`); `@Sarah` is a name, found by the name recogniser. */
export const mentionRecogniser: Recogniser = {
  id: 'mention',
  minDigits: 7,
  categories: ['phone'],
  find(text: string): Candidate[] {
    if (!text.includes('@')) return NONE;
    let out: Candidate[] | undefined;
    mentionPattern.lastIndex = 0;
    for (let m = mentionPattern.exec(text); m !== null; m = mentionPattern.exec(text)) {
      out ??= [];
      out.push({
        start: m.index,
        end: m.index + m[0].length,
        category: 'phone',
        confidence: ruleConfidence['phone:mention'],
        rule: 'phone:mention',
        role: 'unknown',
        personKey: text.slice(m.index + 1, m.index + m[0].length).toLowerCase(),
      });
    }
    return out ?? NONE;
  },
};
