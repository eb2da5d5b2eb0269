import { describe, expect, it } from 'vitest';
import {
  countRedactions,
  type Decision,
  detectPersonalDataSync,
  disclose,
  type Proposal,
  pseudonymTable,
  withTitleMessages,
} from '../src/index.ts';
import { conv, msg } from './helpers.ts';

const at = '2024-05-01T10:00:00Z';
const by = 'Ann Officer';
const plain = (out: ReturnType<typeof disclose>, i: number): string =>
  (out.messages[i]?.segments ?? []).map((s) => (s.type === 'text' ? s.text : `[${s.label}]`)).join('');

describe('pseudonym roles', () => {
  // Two staff members, one named with a courtesy title next to a patient's identifiers: the text alone says "patient".
  const ward = conv([
    msg('w1', 'Jane Okafor', 'Ward 25 has 3 beds free'),
    msg('w2', 'Sam Patel', 'Ward 25 has 3 beds free'),
    msg('w3', 'Jane Okafor', 'Mr Patel please check bed 4, NHS number 943 476 5919, Mrs Begum'),
  ]);
  const found = detectPersonalDataSync(ward, { mode: 'foi' });

  it('shows participants who write in the chat as staff, whatever the text says about them', () => {
    const out = disclose(ward, found.proposals, [], { mode: 'foi' });
    expect(out.messages.map((m) => m.author)).toEqual(['Staff member A', 'Staff member B', 'Staff member A']);
    expect(plain(out, 2)).toBe('Mr [Staff member B] please check bed 4, NHS number [NHS number], Mrs [Patient 1]');
  });

  it("lets the officer change a pseudonym's role and label, everywhere the person appears", () => {
    const decisions: Decision[] = [
      { action: 'set-pseudonym', person: 'sam patel', role: 'patient', by, at },
      { action: 'set-pseudonym', person: 'jane okafor', label: 'Ward sister', by, at },
    ];
    const out = disclose(ward, found.proposals, decisions, { mode: 'foi' });
    expect(out.messages.map((m) => m.author)).toEqual(['Ward sister', 'Patient 1', 'Ward sister']);
    expect(plain(out, 2)).toBe('Mr [Patient 1] please check bed 4, NHS number [NHS number], Mrs [Patient 2]');
    const table = pseudonymTable(ward, found.proposals, decisions, { mode: 'foi' });
    expect(table.map((e) => [e.person, e.role, e.shownAs, e.participant, e.chosenByOfficer])).toEqual([
      ['jane okafor', 'staff', 'Ward sister', true, true],
      ['sam patel', 'patient', 'Patient 1', true, true],
      ['begum', 'patient', 'Patient 2', false, false],
    ]);
    expect(table[1]?.names).toEqual(['Sam Patel', 'Patel']);
  });
});

describe('two people of the same name', () => {
  it('gives a patient their own pseudonym when a colleague elsewhere in the chat has their surname', () => {
    const ward = conv([
      msg('m1', 'Sam Patel', 'cc Sister Ng, can you see bed 9'),
      msg('m2', 'Sam Patel', 'bay 5: Ng, 78F, UTI'),
    ]);
    const found = detectPersonalDataSync(ward, { mode: 'foi' });
    const patient = found.proposals.find((p) => p.messageId === 'm2' && p.text === 'Ng');
    // The patient was printed as the sister's pseudonym, and a "Keep all" for the sister's name kept theirs too.
    expect(patient?.role).toBe('patient');
    expect(patient?.group).toBeUndefined();
    const table = pseudonymTable(ward, found.proposals, [], { mode: 'foi' });
    expect(table.filter((e) => e.names.includes('Ng')).map((e) => [e.role, e.shownAs])).toEqual([
      ['staff', 'Staff member B'],
      ['patient', 'Patient 1'],
    ]);
  });

  it('reads the names a label of patients lists as patients ("Pts for review: Harris, Chen, Nowak")', () => {
    const ward = conv([
      msg('m1', 'Sam Patel', 'Pts for review: Harris, Chen and Nowak'),
      msg('m2', 'Jane Okafor', 'Harris needs bloods, Chen for CT'),
      msg('m3', 'Jane Okafor', 'Rota: Evans and Begum are on nights'),
    ]);
    const found = detectPersonalDataSync(ward, { mode: 'foi' });
    const listed = found.proposals.filter((p) => p.messageId === 'm1');
    expect(listed.map((p) => [p.text, p.role, p.rule])).toEqual([
      ['Harris', 'patient', 'name:patient-cue'],
      ['Chen', 'patient', 'name:patient-cue'],
      ['Nowak', 'patient', 'name:patient-cue'],
    ]);
    const out = disclose(ward, found.proposals, [], { mode: 'foi' });
    expect(plain(out, 0)).toBe('Pts for review: [Patient 1], [Patient 2] and [Patient 3]');
    expect(plain(out, 1)).toBe('[Patient 1] needs bloods, [Patient 2] for CT');
    // Names listed with no such label keep no role.
    expect(found.proposals.filter((p) => p.messageId === 'm3').map((p) => p.role)).toEqual(['unknown', 'unknown']);
  });

  it('gives a patient in a bed their own pseudonym when a participant has their surname', () => {
    const ward = conv([
      msg('m1', 'Jane Okafor', 'Bed 4 (Thompson) and bed 5 (Mr Okafor) both NBM'),
      msg('m2', 'Sam Patel', 'Okafor in bed 5 has pain'),
      msg('m3', 'Sam Patel', 'Mr Okafor please check bed 4'),
    ]);
    const found = detectPersonalDataSync(ward, { mode: 'foi' });
    const out = disclose(ward, found.proposals, [], { mode: 'foi' });
    // The patient was printed as the pseudonym of Jane Okafor, who wrote the message.
    expect(out.messages.map((m) => m.author)).toEqual(['Staff member A', 'Staff member B', 'Staff member B']);
    expect(plain(out, 0)).toBe('Bed 4 ([Patient 1]) and bed 5 (Mr [Patient 2]) both NBM');
    expect(plain(out, 1)).toBe('[Patient 2] in bed 5 has pain');
    // A title alone does not make a participant someone else: here a colleague is addressed.
    expect(plain(out, 2)).toBe('Mr [Staff member A] please check bed 4');
    // Their relatives after the surname are a patient's too: "Mr Okafor's son" is not Jane Okafor's son.
    const family = conv([...ward.messages, msg('m5', 'Sam Patel', "Mr Okafor's son rang about his dad's discharge")]);
    const withFamily = detectPersonalDataSync(family, { mode: 'foi' });
    expect(plain(disclose(family, withFamily.proposals, [], { mode: 'foi' }), 3)).toBe(
      "Mr [Patient 2]'s son rang about his dad's discharge",
    );
    // Nor does a bed beside the participant's whole name: that is the participant (a patient may be in the group).
    const named = conv([...ward.messages, msg('m4', 'Sam Patel', 'Bed 6 is Jane Okafor')]);
    const again = detectPersonalDataSync(named, { mode: 'foi' });
    expect(plain(disclose(named, again.proposals, [], { mode: 'foi' }), 3)).toBe('Bed 6 is [Staff member A]');
  });

  // A colleague and a patient share a surname; elsewhere the name is written with nothing beside it to say whose it is.
  const sar = { mode: 'sar' as const, subject: { names: ['Margaret Thompson'] }, keepHealthProfessionals: true };
  const bareUse = (chat: ReturnType<typeof conv>) =>
    detectPersonalDataSync(chat, { mode: 'foi' }).proposals.find((p) => p.messageId === 'bare' && p.text === 'Ng');
  /** The messages as a SAR with para 17 discloses them, by id (every message: none is about the subject). */
  const disclosedInSar = (chat: ReturnType<typeof conv>) => {
    const found = detectPersonalDataSync(chat, sar);
    const out = disclose(chat, found.proposals, [], sar);
    return new Map(out.messages.map((m, i) => [m.id, plain(out, i)]));
  };

  it('says a bare use of a name a colleague and a patient share could be either, and withholds it in a SAR', () => {
    const ward = conv([
      msg('m1', 'Sam Patel', 'cc Sister Ng, can you see bed 9'),
      msg('m2', 'Jane Okafor', 'bay 5: Ng, 78F, UTI'),
      msg('bare', 'Sam Patel', 'Ng is confused this morning'),
    ]);
    expect(bareUse(ward)).toMatchObject({ role: 'unknown', rule: 'name:shared' });
    expect(bareUse(ward)?.group).toBeUndefined();
    // It was taken for the sister's, so a SAR with para 17 kept it: a patient's name and health, disclosed.
    const shown = disclosedInSar(ward);
    expect(shown.get('m1')).toBe('cc Sister Ng, can you see bed 9');
    expect(shown.get('bare')).toBe('[Person 1] is confused this morning');
    // In the pseudonym table it is a third entry, of no role: the officer says whose it is.
    const found = detectPersonalDataSync(ward, { mode: 'foi' });
    const table = pseudonymTable(ward, found.proposals, [], { mode: 'foi' });
    expect(table.filter((e) => e.names.includes('Ng')).map((e) => [e.role, e.shownAs])).toEqual([
      ['staff', 'Staff member C'],
      ['patient', 'Patient 1'],
      ['unknown', 'Person 1'],
    ]);
  });

  it('reads the whole chat before deciding, whichever use comes first', () => {
    const ward = conv([
      msg('bare', 'Sam Patel', 'Ng is confused this morning'),
      msg('m1', 'Jane Okafor', 'Mr Ng (bed 3) for CT'),
      msg('m2', 'Sam Patel', 'Sister Ng is in charge tonight'),
    ]);
    expect(bareUse(ward)).toMatchObject({ role: 'unknown', rule: 'name:shared' });
    const bedLater = conv([
      msg('m1', 'Jane Okafor', 'Sister Ng is in charge tonight'),
      msg('bare', 'Sam Patel', 'thanks Ng'),
      msg('m2', 'Jane Okafor', 'Ng (bed 8) needs a cannula'),
    ]);
    expect(bareUse(bedLater)).toMatchObject({ role: 'unknown', rule: 'name:shared' });
    expect(disclosedInSar(bedLater).get('bare')).toBe('thanks [Person 1]');
  });

  it("withholds another patient who shares the subject's first name, and asks about a bare use of it", () => {
    const ward = conv([
      msg('m1', 'Jane Okafor', 'Margaret Thompson bed 4 for CT today'),
      msg('m2', 'Sam Patel', 'Margaret Evans in bed 6 is agitated'),
      msg('m3', 'Jane Okafor', 'Margaret in bed 6 pulled her cannula out'),
      msg('m4', 'Sam Patel', 'Mrs Evans needs a commode'),
      msg('m5', 'Sam Patel', 'Mrs Margaret Evans for discharge'),
      msg('m6', 'Jane Okafor', 'Margaret T can go home Friday'),
    ]);
    const found = detectPersonalDataSync(ward, sar);
    const selected = found.selection.filter((s) => s.selected).map((s) => [s.messageId, s.reasons]);
    // "Margaret Evans" was taken for the subject: her first name kept, and her messages disclosed as the subject's.
    expect(selected).toEqual([
      ['m1', ['mentions "Margaret" (subject\'s name)', 'mentions "Thompson" (subject\'s name)']],
      ['m3', ['mentions "Margaret" (the subject\'s name, which someone else in the chat shares: check who is meant)']],
      // With her surname's initial after it, it is the subject's.
      ['m6', ['mentions "Margaret" (subject\'s name)']],
    ]);
    // Only a name that may be someone else's selects m3: the officer is asked to check it.
    expect(found.selection.filter((s) => s.uncertain).map((s) => s.messageId)).toEqual(['m3']);
    const out = disclose(ward, found.proposals, [], { ...sar, selection: found.selection });
    expect(out.messages.map((m) => m.id)).toEqual(['m1', 'm3', 'm6']);
    expect(plain(out, 0)).toBe('Margaret Thompson bed 4 for CT today');
    expect(plain(out, 1)).not.toContain('Margaret');
    const other = found.proposals.filter((p) => p.messageId === 'm2' || p.messageId === 'm5');
    expect(other.map((p) => [p.messageId, p.text])).toEqual([
      ['m2', 'Margaret'],
      ['m2', 'Evans'],
      ['m5', 'Margaret'],
      ['m5', 'Evans'],
    ]);
    expect(other.every((p) => p.personKey !== 'subject')).toBe(true);
  });

  it("asks about the subject's given name when a colleague in the chat has it too", () => {
    const ward = conv([
      msg('m1', 'Margaret Obi', 'Margaret Thompson bed 4 for CT today'),
      msg('m2', 'Sam Patel', 'thanks Margaret, can you also check bed 6'),
    ]);
    const found = detectPersonalDataSync(ward, sar);
    // "thanks Margaret" (the nurse who wrote m1) was taken for the subject: the message disclosed as about her.
    expect(found.selection.filter((s) => s.uncertain).map((s) => s.messageId)).toEqual(['m2']);
    expect(found.proposals.find((p) => p.messageId === 'm2')).toMatchObject({ text: 'Margaret', rule: 'name:shared' });
  });

  it("asks about the subject's surname when a colleague in the chat has it too", () => {
    const ward = conv([
      msg('m1', 'Jane Okafor', 'Margaret Thompson bed 4 for CT today'),
      msg('m2', 'Sam Patel', 'Dr Thompson says bed 9 can go home'),
      msg('m3', 'Jane Okafor', 'Thompson to see the new admission in bay 2'),
      msg('m4', 'Sam Patel', 'Mrs Thompson is asking for her daughter'),
    ]);
    const found = detectPersonalDataSync(ward, sar);
    // "Dr Thompson" and "Thompson" were taken for the subject: a colleague's messages about other patients disclosed
    // as hers. (A subject who is a doctor is why they are asked about, not left out.)
    expect(found.selection.filter((s) => s.selected).map((s) => [s.messageId, s.uncertain ?? false])).toEqual([
      ['m1', false],
      ['m2', true],
      ['m3', true],
      ['m4', false],
    ]);
    const out = disclose(ward, found.proposals, [], { ...sar, selection: found.selection });
    expect(out.messages.map((_, i) => plain(out, i))).toEqual([
      'Margaret Thompson bed 4 for CT today',
      'Dr [Person 1] says bed 9 can go home',
      '[Person 1] to see the new admission in bay 2',
      'Mrs Thompson is asking for her daughter',
    ]);
    // A colleague's own request: the subject writes in the chat, so "Dr Kutch" is as likely her, and stays hers.
    const staffChat = conv([
      msg('k1', 'Dr Karen Kutch', 'On the ward till 6'),
      msg('k2', 'Sam Patel', 'Can Dr Kutch review bed 22 when free?'),
    ]);
    const own = detectPersonalDataSync(staffChat, { mode: 'sar', subject: { names: ['Karen Kutch'] } });
    expect(own.selection.find((s) => s.messageId === 'k2')).toMatchObject({ selected: true });
    expect(own.selection.find((s) => s.messageId === 'k2')?.uncertain).toBeUndefined();
  });

  it('keeps an FOI keep-list name only where it is that member of staff', () => {
    const ward = conv([
      msg('m1', 'Jane Okafor', 'Sarah Jones (medical director) has approved the plan'),
      msg('m2', 'Sam Patel', 'Sarah Evans in bed 6 is agitated'),
      msg('m3', 'Jane Okafor', 'Sarah pulled her cannula out'),
      msg('m4', 'Sam Patel', 'Dr Jones says discharge tomorrow'),
      msg('m5', 'Jane Okafor', 'Mr Jones in bed 3 for CT'),
      msg('m6', 'Sam Patel', 'Sarah J happy with that'),
    ]);
    const options = { mode: 'foi' as const, keepNames: ['Sarah Jones'] };
    const found = detectPersonalDataSync(ward, options);
    const out = disclose(ward, found.proposals, [], options);
    // Before, all of these were kept as the medical director's: a patient's names beside "bed 6" and "bed 3 for CT".
    expect(out.messages.map((_, i) => plain(out, i))).toEqual([
      'Sarah Jones (medical director) has approved the plan',
      '[Patient 1] in bed 6 is agitated',
      '[Person 1] pulled her cannula out',
      'Dr Jones says discharge tomorrow',
      'Mr [Patient 2] in bed 3 for CT',
      'Sarah J happy with that',
    ]);
  });

  it("keeps a name one person's when every cue gives it the same role", () => {
    const ward = conv([
      msg('m1', 'Sam Patel', 'cc Sister Ng, can you see bed 9'),
      msg('m2', 'Jane Okafor', 'Dr Ng says ok'),
      msg('bare', 'Sam Patel', 'thanks Ng'),
    ]);
    expect(bareUse(ward)).toMatchObject({ role: 'staff', rule: 'name:cue' });
    expect(disclosedInSar(ward).get('bare')).toBe('thanks Ng');
    // A patient and a relative of the same surname are both withheld in a SAR: the name stays one family's.
    const family = conv([
      msg('m1', 'Sam Patel', 'Mr Ng (bed 3) for CT'),
      msg('m2', 'Jane Okafor', 'son Ng rang'),
      msg('bare', 'Sam Patel', 'Ng is confused this morning'),
    ]);
    expect(bareUse(family)?.rule).toBe('name:cue');
  });
});

describe('chat titles', () => {
  // A one-to-one chat exported from the nurse's phone: WhatsApp titles it with the other person's name.
  const oneToOne = conv([
    msg('o1', 'Jane Okafor', 'Your mother Margaret Thompson is settled, NHS number 943 476 5919'),
    msg('o2', 'Derek Thompson', 'Thank you, I will visit at 6'),
  ]);
  oneToOne.title = 'Derek Thompson';
  const chat = withTitleMessages(oneToOne);

  it('adds the title as a message of its own, in front, once', () => {
    expect(chat.messages.length).toBe(3);
    expect(chat.messages.at(0)).toMatchObject({ id: 'title:1', author: null, kind: 'system', text: 'Derek Thompson' });
    expect(withTitleMessages(chat)).toBe(chat);
  });

  it('prints the title with the same decisions as the messages, never as it was', () => {
    const found = detectPersonalDataSync(chat, { mode: 'foi' });
    const out = disclose(chat, found.proposals, [], { mode: 'foi' });
    expect(out.title).toBe('[Staff member B]');
    expect(out.messages.map((m) => m.id)).toEqual(['o1', 'o2']);
    expect(out.counts).toMatchObject({ messagesInScope: 2, messagesWithheld: 0 });
    const relative: Decision = { action: 'set-pseudonym', person: 'derek thompson', role: 'relative', by, at };
    const changed = disclose(chat, found.proposals, [relative], { mode: 'foi' });
    expect(changed.title).toBe('[Relative 1]');
    expect(changed.messages[1]?.author).toBe('Relative 1');
    // Kept by the officer: the title shows the name, as the messages would.
    const titleProposals = found.proposals.filter((p) => p.messageId === 'title:1');
    expect(titleProposals.length).toBeGreaterThan(0);
    const keep: Decision[] = titleProposals.map((p) => ({ action: 'reject', proposalId: p.id, by, at }));
    expect(disclose(chat, found.proposals, keep, { mode: 'foi' }).title).toBe('Derek Thompson');
  });

  it('in a SAR keeps a staff participant by name (para 17) until the officer says they are someone else', () => {
    const options = {
      mode: 'sar' as const,
      subject: { names: ['Margaret Thompson'] },
      keepHealthProfessionals: true,
    };
    const found = detectPersonalDataSync(chat, options);
    const relative: Decision = { action: 'set-pseudonym', person: 'derek thompson', role: 'relative', by, at };
    const shown = (decisions: Decision[]) =>
      pseudonymTable(chat, found.proposals, decisions, options).map((e) => [e.person, e.shownAs, e.keptByName]);
    expect(shown([])).toEqual(
      expect.arrayContaining([
        ['jane okafor', 'Jane Okafor', true],
        ['derek thompson', 'Derek Thompson', true],
      ]),
    );
    expect(shown([relative])).toEqual(expect.arrayContaining([['derek thompson', 'Relative 1', false]]));
    const out = disclose(chat, found.proposals, [relative], { ...options, selection: found.selection });
    // "Thompson" alone is the subject's own surname (kept as hers by detection); Derek is not named.
    expect(out.title).toMatch(/^\[Relative 1\]/);
    expect(out.title).not.toContain('Derek');
    expect(out.messages.map((m) => m.author)).toEqual(['Jane Okafor']);
  });

  it('keeps unrelated chats apart as sections, each with its own safe title', () => {
    const two = conv([
      msg('a1', 'Jane Okafor', 'Bed 4 is free', { channel: 'c1' }),
      msg('b1', 'Priya Shah', 'Stock list ready', { channel: 'c2' }),
    ]);
    const titled = withTitleMessages(
      two,
      new Map([
        ['c1', 'Ward 7'],
        ['c2', 'Priya Shah'],
      ]),
    );
    const found = detectPersonalDataSync(titled, { mode: 'foi' });
    const out = disclose(titled, found.proposals, [], { mode: 'foi' });
    expect(out.sections?.map((s) => [s.key, s.title])).toEqual([
      ['c1', 'Ward 7'],
      ['c2', '[Staff member B]'],
    ]);
    expect(out.messages.map((m) => m.section)).toEqual(['c1', 'c2']);
  });
});

describe('one count of redactions', () => {
  it('counts the parts of a name written together as one redaction, as the bundle draws them', () => {
    const chat = conv([
      msg('m1', 'Jane Okafor', 'Bed 4 is Margaret Thompson, NHS no 943 476 5919; Margaret Thompson ok'),
      msg('m2', 'Sam Patel', 'Derek Thompson rang'),
    ]);
    const found = detectPersonalDataSync(chat, { mode: 'foi' });
    const out = disclose(chat, found.proposals, [], { mode: 'foi' });
    const byMessage = new Map<string, Proposal[]>();
    for (const p of found.proposals) byMessage.set(p.messageId, [...(byMessage.get(p.messageId) ?? []), p]);
    let counted = 0;
    for (const m of chat.messages) counted += countRedactions(m.text, byMessage.get(m.id) ?? []);
    expect(found.proposals.length).toBeGreaterThan(counted);
    expect(counted).toBe(out.counts.redactions);
    expect(out.counts.redactions).toBe(4);
  });

  it('counts one span as one redaction, and a span that ends before the text starts as none', () => {
    const span = (start: number, end: number) => ({ start, end, category: 'person-name' as const });
    expect(countRedactions('Derek rang', [span(0, 5)])).toBe(1);
    expect(countRedactions('Derek rang', [span(0, 0)])).toBe(0);
    expect(countRedactions('Derek rang', [span(0, 0), span(0, 5)])).toBe(1);
    expect(countRedactions('Derek rang', [])).toBe(0);
  });
});

describe('withheld attachments', () => {
  const chat = conv([
    msg('m1', 'Jane Okafor', 'video', {
      attachments: [
        { fileName: 'VID-20240304-WA0001.mp4', kind: 'video', included: true, mediaKey: 'v' },
        { fileName: 'IMG-20240304-WA0002.jpg', kind: 'image', included: true, mediaKey: 'i' },
        { fileName: 'IMG-20240304-WA0003.jpg', kind: 'image', included: true, mediaKey: 'j' },
      ],
    }),
  ]);
  it('prints out-of-scope material without an exemption, and an exempt file with the exemption chosen', () => {
    const decisions: Decision[] = [
      {
        action: 'withhold-attachment',
        messageId: 'm1',
        fileName: 'VID-20240304-WA0001.mp4',
        exemption: null,
        by,
        at,
      },
      {
        action: 'withhold-attachment',
        messageId: 'm1',
        fileName: 'IMG-20240304-WA0002.jpg',
        exemption: 's41',
        reason: 'Information provided in confidence',
        by,
        at,
      },
    ];
    const out = disclose(chat, [], decisions, { mode: 'foi' });
    expect(out.messages[0]?.attachments.map((a) => a.withheldReason)).toEqual([
      'Outside the scope of the request',
      's41: Information provided in confidence',
      's40(2): not reviewed',
    ]);
  });
});
