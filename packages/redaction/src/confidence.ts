/**
 * How sure each rule is: one table for every recogniser, so the values can be read, compared and tuned in one place.
 * A proposal's `confidence` is the value of the evidence that found it. `npm run eval -- --calibrate` prints each name
 * rule's measured precision on the tuning data (synthetic tuning seeds, BTC and WNUT17 read as one chat) beside its
 * value here, to set the values from measurements; `npm run eval -- --tune` searches the model's bars below.
 *
 * Keys are the rule names proposals carry (`name:title`), with a qualifier after a space where one rule has two
 * strengths (`name:unknown-proper-noun sentence-start`).
 */
export const ruleConfidence = {
  // Identifiers: shape, checksum and context.
  'nhs-number:checksum+context': 0.98,
  'nhs-number:checksum': 0.8,
  'nhs-number:context': 0.7,
  'ni-number:rules': 0.9,
  'postcode:positional': 0.9,
  'postcode:positional compact': 0.7,
  'email:shape': 0.95,
  'phone:participant': 0.99,
  'phone:libphonenumber-gb': 0.9,
  'phone:foreign+context': 0.6,
  'phone:mention': 0.75,
  'hospital-number:pattern+context': 0.95,
  'hospital-number:pattern': 0.7,
  'hospital-number:context': 0.85,
  'address:street+cue': 0.95,
  'address:street': 0.8,
  'address:town': 0.7,
  'address:town+postcode': 0.7,
  'date-of-birth:cue': 0.95,
  'age:cue': 0.85,
  'age:cue bracketed': 0.75,
  'age:cue sex': 0.7,
  'custom:term': 1,
  'custom:pattern': 1,

  // Names the chat knows: participants, the SAR subject, the keep list, familiar forms, names found by a strong cue.
  'name:participant': 0.9,
  'name:subject': 0.9,
  'name:keep': 0.9,
  'name:nickname': 0.9,
  'name:cue': 0.75,
  // A name cues give a colleague and a patient, used with nothing beside it to say whose: a name, whoever's it is.
  'name:shared': 0.75,
  // Cues in the text and the name lists.
  'name:title': 0.9,
  // A job title before the name ("HCA Becky", "SpR Olu"): a ward's way of naming a colleague.
  'name:job-title': 0.85,
  'name:list': 0.8,
  'name:fuzzy listed': 0.7,
  'name:fuzzy': 0.65,
  'name:list-common cued': 0.7,
  'name:list-common': 0.5,
  'name:relation-cue': 0.6,
  // A family by its surname in the plural ("the Wilsons are visiting").
  'name:family': 0.75,
  'name:neighbour': 0.6,
  'name:neighbour-before': 0.6,
  // A surname's particle between parts of a name ("Van der Merwe"): as sure as the name around it.
  'name:particle': 0.6,
  'name:patient-cue': 0.55,
  // A listed name a bed or a form's label names ("bed 3: Begum", "Surname: Begum"): both kinds of evidence at once.
  'name:patient-cue listed': 0.85,
  'name:initials': 0.6,
  // A capitalised word between two found names in an enumeration ("Hart, Garcia, Milner").
  'name:enumeration': 0.55,
  // An @handle of someone the chat knows or with a name in it; a handle with nothing either way (see handles.ts).
  'name:mention': 0.75,
  'name:handle': 0.5,
  'name:list-lowercase': 0.45,
  // Philter's rule: a capitalised word no list proves safe; lowest where a capital is no evidence.
  'name:unknown-proper-noun': 0.4,
  'name:unknown-proper-noun sentence-start': 0.35,
  'name:unknown-word-foreign': 0.2,
  // The consistency pass carries the evidence's confidence, capped here.
  'name:consistent': 0.85,
  'name:consistent first-name-before': 0.6,
} as const satisfies Record<string, number>;

/** A key of {@link ruleConfidence}. */
export type ConfidenceKey = keyof typeof ruleConfidence;

/** The consistency pass's limits (see `recognisers/names/consistency.ts`). */
export const consistency = {
  /**
   * An everyday English word confirmed as a name is not carried to its other uses when the chat writes it in lower case
   * this many times: the chat's own text says it is a word there ("best", "sales", "new").
   */
  everydayUses: 2,
} as const;

/**
 * The name model beside the rules (see `recognisers/names.ts`): probabilities (see `src/model/`), tuned on the
 * visible evaluation sets with `npm run eval -- --tune`.
 */
export const modelThresholds = {
  /** The model alone proposes a name at this probability (`nameModelRecogniser`). */
  alone: 0.5,
  /** Beside the rules, the model adds a name they missed at this probability. */
  add: 0.25,
  /** The same in a message that is mostly not English, where a capital letter is no evidence (see `foreignText`). */
  addForeign: 1.01,
  /** At this probability the model's find (or its agreement with a rule's) confirms the name for the whole chat. */
  confirm: 0.9,
};

/**
 * How sure the model must be for a rule's find to stand, by rule: 0 for evidence the model cannot overrule (a
 * participant, a title, a cue), more for the rules' guesses. `<rule> confirming` is the bar for a find whose own
 * evidence confirms it (default 0). A token the model does not read (a lower-case everyday word) keeps the rule's
 * find.
 */
export const keepWithModel: Record<string, number> = {
  'name:participant': 0,
  'name:subject': 0,
  'name:keep': 0,
  'name:nickname': 0,
  'name:title': 0,
  'name:job-title': 0,
  'name:relation-cue': 0,
  'name:family': 0,
  'name:fuzzy': 0,
  'name:initials': 0,
  'name:cue': 0.05,
  // A name the chat knows from cues; only whose it is is in doubt.
  'name:shared': 0,
  'name:list': 0.3,
  'name:list confirming': 0.05,
  'name:list-common': 0.3,
  'name:patient-cue': 0.1,
  'name:neighbour': 0.7,
  'name:neighbour confirming': 0,
  'name:neighbour-before': 0.5,
  // Read only between parts of a name that stand; never carried through the chat.
  'name:particle': 0,
  'name:enumeration': 0,
  // A handle with a name in it, or of someone the chat knows, stands; one with nothing either way is the model's to judge.
  'name:mention': 0,
  'name:handle': 0.15,
  // A handle the chat also writes as a plain word ("@reddit" … "Reddit"): a brand's or a place's as often.
  'name:handle plain-word': 0.9,
  'name:list-lowercase': 0.2,
  'name:unknown-proper-noun': 0.1,
  // A capital in text that is mostly not English is no evidence: the model decides alone.
  'name:unknown-word-foreign': 1.01,
  // Uses carried from a confirmed find are checked too, where the model reads them.
  'name:consistent': 0.15,
};
