import { describe, expect, it } from 'vitest';
import { buildContext, createNameRecogniser, detectPersonalDataSync, isRoleAccount, KnownNames } from '../src/index.ts';
import { foreignText } from '../src/recognisers/names/rules.ts';
import { tokenise } from '../src/recognisers/names/tokens.ts';
import { conv, msg, texts } from './helpers.ts';

const chat = conv([
  msg('m1', 'Dr Sarah Jones', 'morning'),
  msg('m2', 'Margaret Okonkwo-Hale', 'hi'),
  msg('m3', '+44 7700 900123', 'hello'),
]);
const context = buildContext(chat, { mode: 'foi' });
// The rules alone: what each rule finds (the model's vote is tested in model.test.ts).
const nameRecogniser = createNameRecogniser({ model: null });
const names = (text: string, ctx = context): string[] => texts(text, nameRecogniser.find(text, ctx));
/** What the whole engine (the model voting) withholds in a chat of one author's messages, as `index:text`. */
const withheld = (...messages: string[]): string[] =>
  detectPersonalDataSync(conv(messages.map((text, i) => msg(`${i}`, 'Sam Patel', text))), {
    mode: 'foi',
  }).proposals.map((p) => `${p.messageId}:${p.text}`);

describe('participants', () => {
  it('finds full names, first names, surnames, hyphen parts, any case', () => {
    expect(names('Sarah Jones and sarah and JONES')).toEqual(['Sarah', 'Jones', 'sarah', 'JONES']);
    expect(names('ask Okonkwo and Hale')).toEqual(['Okonkwo', 'Hale']);
  });
  it('takes a role account (a ward phone, an on-call bleep) for no one: its words stay ordinary words', () => {
    const roles = conv([msg('r1', 'Consultant On Call', 'on my way'), msg('r2', 'Ward 7 Sister', 'ok')]);
    const ctx = buildContext(roles, { mode: 'foi' });
    expect(names('Call the Ward when On site', ctx)).toEqual([]);
    expect(isRoleAccount(['Consultant', 'On', 'Call'])).toBe(true);
    expect(isRoleAccount(['Hope', 'Baker'])).toBe(false);
    expect(isRoleAccount(['Okafor'])).toBe(false);
  });
  it('finds misspelt, shortened and familiar forms (fuse.js on the small list)', () => {
    expect(names('Margret said so')).toEqual(['Margret']);
    expect(names('thanks Marg')).toEqual(['Marg']);
    expect(names('Mags is on lates')).toEqual(['Mags']);
  });
  it('finds initials of a participant', () => {
    expect(names('SJ to review')).toEqual(['SJ']);
  });
});

describe('titles and cues', () => {
  it('finds names after titles, in any case', () => {
    expect(names('Mr Abernathy and mrs patel and Sister Quigley')).toEqual(['Abernathy', 'patel', 'Quigley']);
  });
  it('does not take a lower-case everyday word after a title for a name', () => {
    expect(names('family called doctor agreed plan')).toEqual([]);
    expect(names('spoke to nurse family about it')).toEqual([]);
    expect(names('dr okafor and mrs smith agreed')).toEqual(['okafor', 'smith']);
  });
  it('does not learn a lower-case everyday word after a title as a name of the chat', () => {
    const chat = conv([msg('a', 'Ward 7', 'doctor agreed to chart it'), msg('b', 'Ward 7', 'agreed, chart updated')]);
    const result = detectPersonalDataSync(chat, { mode: 'foi' });
    expect(result.proposals.map((p) => p.text)).toEqual([]);
  });
  it('finds relatives and the patient of a possessive', () => {
    expect(names("Zubair's daughter Ngozi rang")).toEqual(['Zubair', 'Ngozi']);
  });
  it('finds "bed 4 is …" patients and names next to names', () => {
    expect(names('bed 4 is Chidiebere Okafor')).toEqual(['Chidiebere', 'Okafor']);
  });
  it('takes an initial into the name', () => {
    expect(names('seen by J. Smith')).toEqual(['J. Smith']);
  });
  it('keeps a listed first name with the surname after it that stands, whatever the model thought of it alone', () => {
    // "Faith" is also an everyday word, which the model doubts alone: it stayed visible beside a withheld "Chukwu".
    expect(withheld('Can someone ring Faith Chukwu (NOK)?')).toEqual(['0:Faith', '0:Chukwu']);
  });
  it('takes a listed name that is also a word for a name where it is addressed or reached', () => {
    const proposed = withheld(
      'Can you ask Will to bleep me',
      'Thanks Hope, great work',
      'I will ask if we can hope for a bed',
    );
    expect(proposed).toEqual(['0:Will', '1:Hope']);
  });
  it('takes the capitalised word after a titled name for the surname, an everyday word or not', () => {
    const proposed = withheld(
      'Dr Amara Long reviewed him, nurse Kim Woo did the obs',
      'it was a long night, the queue is long',
      'long wait in ED again, long day',
    );
    // Left to the model, "Long" and "Woo" stayed visible beside a withheld first name.
    expect(proposed).toEqual(['0:Amara', '0:Long', '0:Kim', '0:Woo']);
    // Beside a name no title gives, an everyday word stays a guess for the model ("Victoria Park").
    const longConfirmed = (text: string) =>
      nameRecogniser.find(text, context).find((c) => text.slice(c.start, c.end) === 'Long')?.confirms;
    expect(longConfirmed('spoke with Jane Long today')).toBe(false);
    expect(longConfirmed('spoke with Dr Jane Long today')).toBe(true);
  });
});

describe('words after a title or relation that are not names', () => {
  it('takes no function word after a title for a name, unless it is also a listed name', () => {
    expect(names('the pills from Doctor Who worked')).toEqual([]);
    expect(names('Dr On Call is busy')).toEqual([]);
    expect(names('Dr Will Jones reviewed')).toEqual(['Will', 'Jones']);
  });
  it('takes no office after a title, and no everyday word after a patient cue, for a name', () => {
    expect(names("What's the plan, Mr. President? Madam Chair agreed")).toEqual([]);
    expect(names('NHTSA chief will tell Congress GM knew')).toEqual([]);
    expect(names('please tell Zorbek the plan')).toEqual(['Zorbek']);
  });
  it('reads a full stop after a title written in full as the end of a sentence', () => {
    expect(names('Cooking for my lady. Wait until she tries it')).toEqual([]);
    expect(names('What an amazing Professor. Go into the bold corner')).toEqual([]);
    expect(names('Dr. Shah and Mrs. Okafor')).toEqual(['Shah', 'Okafor']);
  });
  it('learns no relation word written after another as a name of the chat', () => {
    const family = conv([
      msg('m1', 'Sam Patel', 'Mom, Dad, all I see is concrete'),
      msg('m2', 'Sam Patel', 'Dad rang'),
    ]);
    expect(detectPersonalDataSync(family, { mode: 'foi' }).proposals).toEqual([]);
  });
});

describe('job titles and where colleagues work', () => {
  it('takes the name after a job title for a member of staff, and never the job title for a name', () => {
    const found = (text: string) =>
      nameRecogniser.find(text, context).map((c) => `${text.slice(c.start, c.end)}:${c.rule}:${c.role}`);
    expect(found('Handed over to HCA Becky in bay 4')).toEqual(['Becky:name:job-title:staff']);
    expect(found('SpR Olu happy with plan')).toEqual(['Olu:name:job-title:staff']);
    expect(found('FY1 Hannah has done the bloods')).toEqual(['Hannah:name:job-title:staff']);
    expect(found('Porter Gary taking him down')).toEqual(['Gary:name:job-title:staff']);
    expect(found('Ward clerk Sue has the notes')).toEqual(['Sue:name:job-title:staff']);
    // "Bev" was a guess of no role, so a SAR with para 17 withheld a colleague's name.
    expect(found('Ward manager Bev says no overtime')).toEqual(['Bev:name:job-title:staff']);
    expect(found('Site coordinator Raj has a bed for her')).toEqual(['Raj:name:job-title:staff']);
    // In lower case, a listed name only ("spr tmrw" is no one).
    expect(found('hca becky on break')).toEqual(['becky:name:job-title:staff']);
    expect(found('spr tmrw am')).toEqual([]);
    // "HCA" was withheld as Becky's neighbour, "Porter" as a listed surname before a name.
    // The surname after is the same colleague's.
    expect(found('Reg Tom Hughes on his way')).toEqual(['Tom:name:job-title:staff', 'Hughes:name:list:staff']);
    // A courtesy title after a job title names staff, not a patient.
    expect(found('Consultant Mr Venkat will see her')).toEqual(['Venkat:name:title:staff']);
  });
  it('does not take an everyday word after a job title for a name', () => {
    for (const text of ['OT Assessment booked', 'Physio Tuesday am', 'Reg Review at 2', 'SHO ASAP please']) {
      expect(names(text), text).toEqual([]);
    }
  });
  it('remembers a colleague a job title named, as staff, for the rest of the chat', () => {
    const ward = conv([msg('m1', 'Sam Patel', 'SpR Olu happy with plan'), msg('m2', 'Sam Patel', 'Olu says ok')]);
    const result = detectPersonalDataSync(ward, { mode: 'foi' });
    expect(result.proposals.map((p) => `${p.messageId}:${p.text}:${p.role}`)).toEqual(['m1:Olu:staff', 'm2:Olu:staff']);
  });
  it('takes a listed name that is also a word for a name when it says where the person works', () => {
    const proposed = withheld(
      'Grace from pharmacy says the TTO is ready',
      'Will from IT is coming up',
      'No Chance from the beginning',
    );
    expect(proposed).toEqual(['0:Grace', '1:Will']);
    // A ward's department says a colleague (kept with para 17 in a SAR); another place says only a name.
    const role = (text: string) => nameRecogniser.find(text, context).map((c) => c.role);
    expect(role('Grace from pharmacy says the TTO is ready')).toEqual(['staff']);
    expect(role('Becky from the discharge team rang')).toEqual(['staff']);
    expect(role('Will from IT is coming up')).toEqual(['unknown']);
  });
  it('takes a word with a bed after it for a patient, and leaves ward abbreviations after a name alone', () => {
    const proposed = detectPersonalDataSync(
      conv(
        ['Bill in bed 2 refusing meds', 'Ivy (bed 8) is NBM', 'Summer is in bay 4', 'Mr. Brennan NBM'].map((text, i) =>
          msg(`${i}`, 'Sam Patel', text),
        ),
      ),
      { mode: 'foi' },
    ).proposals.map((p) => `${p.messageId}:${p.text}:${p.role}`);
    // "Bill", "Ivy" and "Summer" (names that are also words) were left visible; "NBM" was withheld as a surname.
    expect(proposed).toEqual(['0:Bill:patient', '1:Ivy:patient', '2:Summer:patient', '3:Brennan:patient']);
    const role = (text: string) => nameRecogniser.find(text, context).map((c) => c.role);
    // Okonkwo is a participant's surname here; Zorbek is in no list.
    expect(role('Okonkwo (bed 5) pain ++')).toEqual(['patient']);
    expect(role('Zorbek in bed 5 pain ++')).toEqual(['patient']);
    expect(role("Side room 3: O'Neill, C diff")).toEqual(['patient']);
    // A title before an initial names the person after it ("Mrs Z Hussain" was nobody's).
    expect(role('handover: bay 1 - Mrs Z Hussain')).toEqual(['patient']);
  });
  it("takes a condition's eponym after a name for the surname, and the condition for no name", () => {
    // "Parkinson" is safe-listed as a disease: after "Ethel Mabel" it stayed visible.
    expect(withheld('Ethel Mabel Parkinson for discharge', "Parkinson's - on Madopar")).toEqual([
      '0:Ethel',
      '0:Mabel',
      '0:Parkinson',
    ]);
  });
  it("takes a form's label for a patient's name, and a job title in brackets for a colleague's", () => {
    const found = (text: string) =>
      nameRecogniser.find(text, context).map((c) => `${text.slice(c.start, c.end)}:${c.role}`);
    // "Okoro" (in no list) was left visible after its label.
    expect(found('Surname: Okoro, first name: Chiamaka')).toEqual(['Okoro:patient', 'Chiamaka:patient']);
    expect(found("Patient: Eamon O'Neill")).toEqual(['Eamon:patient', "O'Neill:patient"]);
    expect(found('Tom (SHO) has the bleep')).toEqual(['Tom:staff']);
    expect(found('Olu (FY2) on his way')).toEqual(['Olu:staff']);
  });
  it('takes a surname in the plural after "the" for a family, and no given name or word so', () => {
    // "the Wilsons" and "the Joneses" were left visible.
    expect(withheld('the Wilsons are visiting', 'Spoke to the Joneses', 'Could we use your pic at The Times?')).toEqual(
      ['0:Wilsons', '1:Joneses'],
    );
  });
  it('takes a listed name addressed at the start of a message for a name', () => {
    // The model doubted "Aoife" alone at the start of a message, and left it visible.
    expect(withheld('Aoife, can you cover bay 3', 'Hope, are you free at 2?', 'London, here I come')).toEqual([
      '0:Aoife',
      '1:Hope',
    ]);
  });
  it("withholds a patient's surname with a number after it", () => {
    // "72M" after "Adeyemi" read like "Bay 4": the surname stayed visible beside a withheld first name.
    expect(withheld('Pt Winston Adeyemi 72M chest pain', 'Call Tom Adeyemi 07700 900123')).toEqual([
      '0:Winston',
      '0:Adeyemi',
      '0:72',
      '1:Tom',
      '1:Adeyemi',
      '1:07700 900123',
    ]);
    // A word after a number's place stays as it was: a bay, a ward.
    expect(names('moved to Bay 4 at 10')).toEqual([]);
  });
  it('withholds a listed surname a bed names whatever the model reads around it', () => {
    // The model read "Begum with" as no name, and outvoted the bed before it: the patient's surname stayed visible.
    expect(withheld('bed 3: Begum with ?UTI', 'Bay 4 bed 3: Begum ?UTI', 'Begum in bed 3 with UTI')).toEqual([
      '0:Begum',
      '1:Begum',
      '2:Begum',
    ]);
  });
  it("takes a word whose bloods, obs or notes these are for a patient's name", () => {
    // "Ng" (in no list, and short) was left visible; a word that is English stays a word.
    const found = (text: string) =>
      nameRecogniser.find(text, context).map((c) => `${text.slice(c.start, c.end)}:${c.role}:${c.rule}`);
    expect(found("Ng's bloods are back, K 6.1")).toEqual(['Ng:patient:name:patient-cue']);
    expect(found('Zorbek’s obs stable')).toEqual(['Zorbek:patient:name:patient-cue']);
    expect(found("Today's bloods are back")).toEqual([]);
    expect(found("Everyone's obs done")).toEqual([]);
  });
  it("withholds a surname's particle between the parts of a name", () => {
    // "der" and "de la" stayed visible between withheld words, which says what kind of name it is.
    expect(withheld("Mrs Van der Merwe's son called", 'Dr Maria de la Cruz on call', 'Mr de Souza for CT')).toEqual([
      '0:Van',
      '0:der',
      '0:Merwe',
      '1:Maria',
      '1:de',
      '1:la',
      '1:Cruz',
      '2:de',
      '2:Souza',
    ]);
    // A particle with no name after it is a word: "Dr Shah de facto in charge".
    expect(withheld('Dr Shah de facto in charge')).toEqual(['0:Shah']);
  });
  it('does not take a greeting before a name the chat knows for part of the name', () => {
    // "Hey" before a participant's name was withheld as a first name; in a SAR, "[Person 1] Ash" beside the kept subject.
    const chat = conv([msg('m1', 'Brock', 'Hey Ash, good to have a common group!'), msg('m2', 'Ash Ketchum', 'hi')]);
    const found = detectPersonalDataSync(chat, { mode: 'foi' }).proposals.map((p) => `${p.messageId}:${p.text}`);
    expect(found).toEqual(['m1:Ash']);
  });
  it("does not take a handover's bed codes for names", () => {
    // The model took the "B" of "B1" and "B3" for names.
    expect(withheld('Handover: B1 Smith 82 #NOF, B2 Okonkwo chest sepsis, B3 Wright for d/c')).toEqual([
      '0:Smith',
      '0:Okonkwo',
      '0:Wright',
    ]);
    // A bed code before a name says whose: a patient's.
    const role = (text: string) =>
      nameRecogniser.find(text, context).map((c) => `${text.slice(c.start, c.end)}:${c.role}`);
    expect(role('B1 Smith 82 #NOF')).toEqual(['Smith:patient']);
    expect(role('b12 Okonkwo for CT')).toEqual(['Okonkwo:patient']);
    // A listed surname that is also an everyday word stands on the bed alone, whatever a retrained model scores it.
    const rule = (text: string) =>
      nameRecogniser.find(text, context).map((c) => `${text.slice(c.start, c.end)}:${c.role}:${c.rule}`);
    expect(rule('B3 Wright for d/c')).toEqual(['Wright:patient:name:patient-cue']);
  });
});

describe('lists and the safe-list traps', () => {
  it('finds listed UK names mid-sentence and at the start', () => {
    expect(names('Patel back from CT')).toEqual(['Patel']);
    expect(names('spoke to Dorothy about it')).toEqual(['Dorothy']);
  });
  it('does not take English words that are also names for names without a cue', () => {
    for (const trap of [
      'Will you be around after handover?',
      'May I swap my Saturday shift?',
      'Hope the night shift goes OK!',
      'Grace period for the mandatory training ends Friday',
      'Mark the chart when the TTO is done',
      'Bill the agency for the extra shift',
      'Rose from 2 to 4 overnight',
      'Sister on ward 7 says the drug round is late',
      'Dr on call is aware',
      'Ward 7 has 2 beds free',
      'bleep 2345, amoxicillin 500mg TDS at 14:30',
      'back in May 2024',
    ]) {
      expect(names(trap), trap).toEqual([]);
    }
  });
  it('still finds those words as names when a cue says so', () => {
    expect(names('Mrs Will and Grace Okafor')).toEqual(['Will', 'Grace', 'Okafor']);
  });
  it('leaves an office written before a name out of the name ("Health Minister Peter Dutton")', () => {
    expect(names('Health Minister Peter Dutton said so')).toEqual(['Peter', 'Dutton']);
    expect(names('Fed Chair Janet Yellen and MP Bruce Flegg')).toEqual(['Janet', 'Yellen', 'Bruce', 'Flegg']);
  });
  it('proposes unknown proper nouns at low confidence (recall first)', () => {
    const found = nameRecogniser.find('handed over to Zbigniewski', context);
    expect(found.map((c) => [c.rule, c.confidence])).toEqual([['name:unknown-proper-noun', 0.4]]);
  });
});

describe('KnownNames', () => {
  it('does not propagate common words found by cues', () => {
    const known = new KnownNames();
    known.addCueName('Ward', 'patient');
    known.addCueName('Okafor', 'patient');
    expect(known.get('ward')).toBeUndefined();
    expect(known.get('okafor')?.source).toBe('cue');
  });
});

describe('apostrophes, products, calendar words, places and other languages', () => {
  it('reads contractions as one word and keeps apostrophe names whole', () => {
    for (const trap of ["Isn't it?", 'Don’t worry', "I'm on lates, we'll see", "Won't be long", 'Isnt it', 'Haha ok']) {
      expect(names(trap), trap).toEqual([]);
    }
    expect(names("Mrs O'Brien's daughter rang")).toEqual(["O'Brien"]);
    expect(names("Dave'll call Sarah")).toEqual(['Dave', 'Sarah']);
  });
  it('does not take apps, systems, organisations or drugs for people', () => {
    for (const trap of [
      'Put it on WhatsApp or Teams, not Signal',
      'Logged on Datix and in SystmOne, EMIS and the EPR',
      'Email it via NHSmail from Outlook on the iPhone',
      'Started Apixaban and Oramorph, stop Clexane',
      'Check Google, GitHub and YouTube',
      'Known Parkinson’s disease, Bell’s palsy',
      'On Monday and Tuesday, back at Christmas',
      'Do you think it also recognizes URLs?',
    ]) {
      expect(names(trap), trap).toEqual([]);
    }
  });
  it('tells a ward named after someone from the person by the word after it', () => {
    expect(names('Moved to Nightingale Ward, St Mary’s Hospital')).toEqual([]);
    expect(names('Mrs Nightingale is on the ward')).toEqual(['Nightingale']);
  });
  it('proposes capitalised words in text that is not English at the lowest confidence', () => {
    const found = nameRecogniser.find('Zażółć gęślą jaźń', context);
    expect(found.map((c) => [c.rule, c.confidence])).toEqual([['name:unknown-word-foreign', 0.2]]);
    const greek = nameRecogniser.find('please see Ελληνικά', context);
    expect(greek.map((c) => [c.rule, c.confidence])).toEqual([['name:unknown-word-foreign', 0.2]]);
  });
  it('takes a message for foreign when fewer than half its lower-case words of three letters or more are English', () => {
    const foreign = (text: string): boolean => foreignText(text, tokenise(text, new KnownNames()));
    // Half English is not foreign, whether the lexicon knows the words ("the", "and") or the dictionary does.
    expect(foreign('bardzo dobrze the and')).toBe(false);
    expect(foreign('bardzo dobrze walking running')).toBe(false);
    expect(foreign('bardzo dobrze walking running jumping')).toBe(false);
    expect(foreign('bardzo dobrze tutaj the and')).toBe(true);
    expect(foreign('bardzo dobrze teraz walking running')).toBe(true);
    expect(foreign('walking running bardzo dobrze tutaj')).toBe(true);
    // Capitalised words do not count, and one word is too few to say.
    expect(foreign('Walking Running bardzo dobrze')).toBe(true);
    expect(foreign('bardzo')).toBe(false);
  });
  it('skips words glued to digits and plain words inside URLs', () => {
    expect(names('services/B0JL6RASU and https://example.org/enrique/repo')).toEqual([]);
  });
});

describe('discovery of names by cues', () => {
  // A cue in one message makes the name known, so a bare lower-case use in another message is found too.
  const laterUse = (cue: string): string[] =>
    detectPersonalDataSync(conv([msg('a', 'Sam Jones', cue), msg('b', 'Sam Jones', 'zorbek for CT')]), {
      mode: 'foi',
    })
      .proposals.filter((p) => p.messageId === 'b')
      .map((p) => p.text);

  it('reads titles and relation words in lower case, capitalised or in capitals, and cues of more than one word', () => {
    for (const cue of ['Mrs Zorbek in bay 2', 'MRS Zorbek in bay 2', 'Next of kin: Zorbek', 'NEXT OF KIN Zorbek']) {
      expect(laterUse(cue), cue).toEqual(['zorbek']);
    }
    expect(laterUse('her fiancée Zorbek rang')).toEqual(['zorbek']);
    expect(laterUse('Zorbek’s daughter rang')).toEqual(['zorbek']);
  });

  it('needs the cue to be a whole word', () => {
    expect(laterUse('ask nurse zorbek')).toEqual(['zorbek']);
    for (const cue of ['ask nurses zorbek', 'ask sonnurse zorbek', 'ask nurse_zorbek']) {
      expect(laterUse(cue), cue).toEqual([]);
    }
  });
});

describe('places named after people', () => {
  it('takes a proper noun before a place word for a place, unless the place word is also a surname', () => {
    expect(names('a walk round Victoria Park then Stewart Island')).toEqual([]);
    expect(names('the Hamilton Police arrested a man')).toEqual([]);
    expect(names('we met Victoria Hall today')).toEqual(['Victoria', 'Hall']);
    expect(names('we met Mrs Victoria Park today')).toContain('Victoria');
  });
  it('takes a name after a place prefix for a place, and says so to the model (it adds nothing there)', () => {
    expect(names('flying to San Diego then Lake Charles and St . Luke , South Carolina')).toEqual([]);
    expect(names('met Ft Kelly and Mrs Lake')).toEqual(expect.arrayContaining(['Kelly', 'Lake']));
    expect(names('Santa Is So Awesome')).toEqual(['Santa']);
    expect(texts('Lake Charles is lovely', createNameRecogniser().find('Lake Charles is lovely', context))).toEqual([]);
  });
  it('takes an abbreviated month beside a number for a date, and a town in no list after a preposition for a place', () => {
    expect(names('on 19 Jan , Jan 2015 or Jan-21')).toEqual([]);
    expect(names('ask Jan about it')).toEqual(['Jan']);
    expect(names('We stayed in Dromana for a week')).toEqual([]);
    expect(names('We saw Zorbekov in town')).toEqual(['Zorbekov']);
  });
});

describe('informal text that is no name (issue 18, 2026-12-07)', () => {
  it('takes chat slang and interjections for no name, the model included', () => {
    for (const trap of [
      'Brah this straight up came out of my screen',
      'Yoh man you have got to review it',
      'Altho i dont like it',
      'great song ! Chur',
      'Aight',
      'Thanx :) u too',
    ]) {
      expect(names(trap), trap).toEqual([]);
    }
    expect(withheld('Bruh she was slick mad')).toEqual([]);
  });
  it('takes a proper noun before a body or business word for no person, and the model adds nothing there', () => {
    expect(names('Go to Clark Airbase Hospital')).toEqual([]);
    expect(names('died on an Asiana Airlines flight')).toEqual([]);
    expect(withheld('Why are there Peanuts at a Berry Farm')).toEqual([]);
    expect(withheld('William Ackman and Valeant Pharmaceuticals')).toEqual(['0:William', '0:Ackman']);
  });
  it('takes a word with no vowel for an abbreviation or a key mash, not a name (w is a vowel in Welsh)', () => {
    expect(names('Botanic Gdns and Dew Pnt')).toEqual([]);
    expect(withheld('Jgh')).toEqual([]);
    expect(names('we met Wmffre today')).toEqual(['Wmffre']);
  });
  it('has the model add a single letter only as an initial before a name', () => {
    expect(withheld("J 's on my feet", 'injured you C @# T')).toEqual([]);
    expect(withheld('J . Cole is here')).toEqual(['0:J', '0:Cole']);
  });
  it('takes an acronym beside a name for an office, a state or a body, not part of the name', () => {
    expect(names('Crowd still sparse at Andrea Horwath HQ tonight')).toEqual(['Andrea', 'Horwath']);
    expect(names('South Yorkshire PCC Shaun Wright resigns')).toEqual(['Shaun', 'Wright']);
    // A surname a record writes in capitals stays part of the name.
    expect(names('seen Zorbek NG today')).toEqual(['Zorbek', 'NG']);
    expect(names('PT ZORBEK NDLOVU IN BAY 2')).toEqual(['ZORBEK', 'NDLOVU']);
  });
  it('does not carry an everyday word a relation word happens to precede through the chat', () => {
    const found = withheld('Paula Patton’s Son Involved In Car Crash', 'not money involved but at the same time');
    expect(found.filter((f) => f.startsWith('1:'))).toEqual([]);
    expect(withheld('Mom : Fucking nerd', 'when i decided to fucking get sleep')).not.toContain('1:fucking');
    // A listed name after a relation word is still the chat's, and so is a name of the world's lists that is also a
    // rare English word.
    expect(withheld('her daughter Hope visited', 'will ring Hope later')).toEqual(['0:Hope', '1:Hope']);
    expect(withheld('Spoke to her brother Tari Sabdat', 'tari is coming in')).toContain('1:tari');
  });
  it('takes no acronym after a cue for a name', () => {
    expect(names('thanks MTV for this')).toEqual([]);
    expect(names('sources tell TMZ')).toEqual([]);
    expect(names('thanks Olu for this')).toEqual(['Olu']);
  });
});

describe('enumerations', () => {
  it('takes a capitalised word between two found names in a list for a name', () => {
    expect(names('bay 2 : Smith , Green , Jones')).toEqual(['Smith', 'Green', 'Jones']);
    expect(names('Smith, Bloods, Jones')).toEqual(['Smith', 'Jones']);
    expect(names('Smith , CT , Jones')).toEqual(['Smith', 'Jones']);
  });
});

describe('neighbours of names', () => {
  const confirming = (text: string): [string, boolean][] =>
    nameRecogniser
      .find(text, context)
      .filter((c) => c.rule === 'name:neighbour')
      .map((c) => [text.slice(c.start, c.end), c.confirms === true]);

  it('takes a word in no dictionary beside a name as part of it, and confirms it', () => {
    expect(confirming('we saw Kevin Demichelis today')).toEqual([['Demichelis', true]]);
    expect(confirming('we spoke to Blase Abshire today')).toEqual([['Blase', true]]);
  });

  it('leaves an everyday English word beside a name a guess, for the model to judge', () => {
    // After a name: a place or a greeting, as often as a surname.
    expect(confirming('a walk with Victoria Happy today')).toEqual([['Happy', false]]);
    expect(confirming('hey Barry Happy birthday')).toEqual([['Happy', false]]);
    // Before a given name: a greeting or a brand, not the start of a name.
    expect(confirming('so then Hey Tony came round')).toEqual([['Hey', false]]);
  });
});
