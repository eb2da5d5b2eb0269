/**
 * What each rule's find rests on, in the words an officer reads beside a proposal in the review ("found after a title
 * (Mr, Mrs, Dr, Sister, Nurse)"), so the review says why a word is proposed without the officer learning the engine's
 * rule names. One entry per rule a proposal can carry; the rule name itself is still shown beside it, for the record.
 * A guess says so, because those are the proposals most worth a second look.
 */

/** Each rule's evidence, completing "found as …". */
export const RULE_DESCRIPTIONS: Readonly<Record<string, string>> = {
  // Identifiers.
  'nhs-number:checksum+context': 'ten digits with a valid NHS number check digit, after "NHS"',
  'nhs-number:checksum': 'ten digits with a valid NHS number check digit',
  'nhs-number:context': 'ten digits after "NHS no" whose check digit is wrong (a typing slip?)',
  'ni-number:rules': 'the form of a National Insurance number',
  'postcode:positional': 'the form of a UK postcode',
  'email:shape': 'the form of an email address',
  'phone:participant': 'the phone number of someone in the chat',
  'phone:libphonenumber-gb': 'a UK phone number',
  'phone:foreign+context': 'a phone number from abroad, after a word such as "tel", "mob" or "call"',
  'phone:mention': 'a phone number after @ (a mention of someone the phone had not saved)',
  'hospital-number:pattern+context': 'the trust\'s hospital number format, after "hosp no" or "MRN"',
  'hospital-number:pattern': "the trust's hospital number format",
  'hospital-number:context': 'a number after "hosp no" or "MRN"',
  'address:street+cue': 'a house number and street, after "lives at" or "address"',
  'address:street': 'a house number and street',
  'address:town': 'the town after a street address',
  'address:town+postcode': 'the town before a postcode',
  'date-of-birth:cue': 'a date after "DOB" or "born"',
  'age:cue': 'an age ("84yo", "aged 84", "84F")',
  'custom:term': "one of this case's own terms",
  'custom:pattern': "one of this case's own patterns",
  // The officer's own.
  'manual:span': 'a passage an officer marked',
  'manual:term': 'a term an officer chose to redact everywhere',
  // Names the chat or the case knows.
  'name:participant': 'the name of someone in the chat',
  'name:subject': "the requester's own name",
  'name:keep': 'a name on the list of names to keep',
  'name:nickname': 'a familiar form of the name of someone in the chat (Maggie for Margaret)',
  'name:fuzzy': 'a near spelling of a name the chat knows (Margret for Margaret)',
  'name:initials': 'the initials of someone in the chat',
  'name:mention': 'an @mention of a person',
  'name:cue': 'a name a title or relation gave elsewhere in the chat ("Mrs Okafor" … "okafor")',
  'name:shared':
    'a name two people in the chat have (a colleague and a patient, or the requester and another patient), here with nothing to say whose: check who is meant',
  // Cues around the word.
  'name:title': 'a name after a title (Mr, Mrs, Dr, Sister, Nurse)',
  'name:job-title': 'a name after a job title (HCA, SpR, Physio, Porter)',
  'name:relation-cue': 'a name beside a relation ("daughter", "\'s husband")',
  'name:family': 'a family\'s surname in the plural ("the Wilsons")',
  'name:patient-cue': 'a name beside a patient cue ("bed 4 is", "pt", "in bed 2")',
  'name:neighbour': 'the word next to a name (a surname after a first name)',
  'name:neighbour-before': 'a first name just before a name',
  'name:particle': 'a surname\'s particle between parts of a name ("Van der Merwe", "de la Cruz")',
  'name:enumeration': 'a word between two names in a list ("Hart, Garcia, Milner")',
  'name:consistent': 'the same name as one confirmed elsewhere in the chat',
  // The name lists.
  'name:list': 'a first name or surname on the UK name lists',
  'name:list-common': 'a listed name that is also an everyday word (Will, Grace), where a name would stand',
  'name:list-lowercase': 'a listed name written in lower case (a guess: check it)',
  // Guesses.
  'name:handle': "an @handle that may be a person's or an organisation's (a guess: check it)",
  'name:unknown-proper-noun': 'a capitalised word in no dictionary (a guess: check it)',
  'name:unknown-word-foreign': 'a capitalised word in a message mostly not in English (a guess: check it)',
  'name:model': "a name by the name model's reading of the words around it",
};

/** The evidence of a rule in an officer's words, or the rule's own name when it has none (a plugged-in recogniser). */
export function describeRule(rule: string): string {
  return RULE_DESCRIPTIONS[rule] ?? rule;
}
