import { describe, expect, it } from 'vitest';
import { detectPersonalDataSync, RedactionOptionsError } from '../src/index.ts';
import { conv, msg } from './helpers.ts';

const chat = conv([
  msg('m1', 'Dr Sarah Jones', 'Bed 4 is Margaret Okafor, NHS no 401 023 2137, DOB 12/03/1941'),
  msg('m2', 'Tom Baker', "Margret's daughter Ngozi rang on 07700 900123"),
  msg('m3', 'Dr Sarah Jones', 'Prof Whitcombe agreed the plan'),
  msg('m4', 'Tom Baker', 'Bleep 4412 please'),
  msg('m5', 'Margaret Okafor', 'Can I have my results? my number is 07700 900999'),
]);
const found = (r: ReturnType<typeof detectPersonalDataSync>, id: string): string[] =>
  r.proposals.filter((p) => p.messageId === id).map((p) => `${p.category}:${p.text}:${p.exemption}`);

describe('FOI', () => {
  const r = detectPersonalDataSync(chat, { mode: 'foi' });
  it('withholds patients’ data under s40(2) with s41 noted, and staff names under s40(2)', () => {
    expect(found(r, 'm1')).toEqual([
      'person-name:Margaret:s40(2)',
      'person-name:Okafor:s40(2)',
      'nhs-number:401 023 2137:s40(2)',
      'date-of-birth:12/03/1941:s40(2)',
    ]);
    const nhs = r.proposals.find((p) => p.category === 'nhs-number');
    expect(nhs?.alsoExemptions).toEqual(['s41']);
    const staff = r.proposals.find((p) => p.text === 'Whitcombe');
    expect(staff?.role).toBe('staff');
    expect(staff?.alsoExemptions).toBeUndefined();
  });
  it('keeps named senior staff when asked', () => {
    const kept = detectPersonalDataSync(chat, { mode: 'foi', keepNames: ['Prof Alan Whitcombe'] });
    expect(found(kept, 'm3')).toEqual([]);
    expect(kept.kept.map((k) => k.reason)).toContain('named senior staff acting in a public role (FOI keep list)');
  });
  it('selects nothing (every message is in scope)', () => {
    expect(r.selection).toEqual([]);
  });
});

describe('SAR', () => {
  const subject = { names: ['Margaret Okafor'], aliases: ['Maggie'], phones: ['07700 900999'] };
  const r = detectPersonalDataSync(chat, { mode: 'sar', subject });
  it("keeps the subject's own data and withholds other people's under DPA Sch2 para16", () => {
    expect(found(r, 'm1')).toEqual([]);
    // "Margret" selects the message (fuzzy) but stays withheld: it could be someone else with a similar name.
    expect(found(r, 'm2')).toEqual([
      'person-name:Margret:DPA Sch2 para16',
      'person-name:Ngozi:DPA Sch2 para16',
      'phone:07700 900123:DPA Sch2 para16',
    ]);
    expect(found(r, 'm5')).toEqual([]);
    expect(r.kept.filter((k) => k.messageId === 'm1').map((k) => k.category)).toEqual([
      'person-name',
      'person-name',
      'nhs-number',
      'date-of-birth',
    ]);
  });
  it("keeps a number beside the subject's name as theirs, unless a relative stands between them", () => {
    const numbers = conv([
      msg('n1', 'Sister Jane Doyle', 'If no answer ring Maggie on 07700 900456'),
      msg('n2', 'Sister Jane Doyle', 'Maggie was asking for her daughter, number is 07700 900123'),
      msg('n3', 'Sister Jane Doyle', '07700 900789 is the nok for Maggie'),
    ]);
    const result = detectPersonalDataSync(numbers, { mode: 'sar', subject });
    expect(found(result, 'n1')).toEqual([]);
    expect(result.kept.find((k) => k.messageId === 'n1' && k.category === 'phone')?.reason).toBe(
      "the data subject's own contact details (only person named)",
    );
    expect(found(result, 'n2')).toEqual(['phone:07700 900123:DPA Sch2 para16']);
    expect(found(result, 'n3')).toEqual(['phone:07700 900789:DPA Sch2 para16']);
  });
  it('selects messages by or about the subject and says why, with fuzzy matching', () => {
    const why = Object.fromEntries(r.selection.map((s) => [s.messageId, s.selected ? s.reasons : null]));
    expect(why.m1).toEqual(['mentions "Margaret" (subject\'s name)', 'mentions "Okafor" (subject\'s name)']);
    expect(why.m2).toEqual(['mentions "Margret" (fuzzy match of the subject\'s name)']);
    expect(why.m3).toBeNull();
    expect(why.m4).toBeNull();
    expect(why.m5?.[0]).toBe('author Margaret Okafor is the data subject');
  });
  it('withholds staff names unless health professionals acting in role are kept (para 17)', () => {
    expect(found(r, 'm3')).toEqual(['person-name:Whitcombe:DPA Sch2 para16']);
    const para17 = detectPersonalDataSync(chat, { mode: 'sar', subject, keepHealthProfessionals: true });
    expect(found(para17, 'm3')).toEqual([]);
  });
  it("keeps a titled health professional whole with para 17, the surname after the title's name included", () => {
    const ward = conv([msg('m1', 'Sam Patel', 'Margaret Okafor is settled, Dr Amara Eze reviewed her at 9')]);
    const options = { mode: 'sar' as const, subject, keepHealthProfessionals: true };
    const para17 = detectPersonalDataSync(ward, options);
    expect(found(para17, 'm1')).toEqual([]);
    expect(para17.kept.map((k) => k.rule)).toContain('name:neighbour');
    // In an FOI both parts are withheld, as a staff member's name: s40(2) alone, not a patient's s41 too.
    const foi = detectPersonalDataSync(ward, { mode: 'foi' });
    const eze = foi.proposals.find((p) => p.text === 'Eze');
    expect(eze?.role).toBe('staff');
    expect(eze?.alsoExemptions).toBeUndefined();
  });
  it('keeps colleagues named by a job title with para 17, and withholds them without it', () => {
    const ward = conv([
      msg('m1', 'Sam Patel', 'Margaret Okafor handed over to HCA Becky, SpR Olu happy, Consultant Mr Venkat aware'),
      msg('m2', 'Sam Patel', 'Staff nurse Anna Kowalski on long day'),
    ]);
    const para17 = detectPersonalDataSync(ward, { mode: 'sar', subject, keepHealthProfessionals: true });
    expect(para17.proposals.filter((p) => p.category === 'person-name').map((p) => p.text)).toEqual([]);
    // "Kowalski" (a listed surname after a staff name) was withheld as nobody's.
    const text = (k: { messageId: string; start: number; end: number; reason: string }) =>
      Array.from(ward.messages)
        .find((m) => m.id === k.messageId)
        ?.text.slice(k.start, k.end);
    const keptStaff = para17.kept.filter((k) => !k.reason.includes('subject')).map(text);
    expect(keptStaff.sort()).toEqual(['Anna', 'Becky', 'Kowalski', 'Olu', 'Venkat']);
    const without = detectPersonalDataSync(ward, { mode: 'sar', subject });
    expect(without.proposals.map((p) => p.text)).toEqual(['Becky', 'Olu', 'Venkat', 'Anna', 'Kowalski']);
  });
  it('does not keep a patient under para 17 because a colleague elsewhere shares the surname', () => {
    const ward = conv([
      msg('m1', 'Sam Patel', 'cc Sister Ng, @Dr Jones can you see bed 9'),
      msg('m2', 'Sam Patel', 'bay 5: Ng, 78F, UTI. pt in bed 3 (mr jones) is confused'),
    ]);
    const para17 = detectPersonalDataSync(ward, { mode: 'sar', subject, keepHealthProfessionals: true });
    // The staff in m1 are kept; the patients in m2 were taken for them and kept too.
    expect(found(para17, 'm1')).toEqual([]);
    expect(found(para17, 'm2')).toEqual([
      'person-name:Ng:DPA Sch2 para16',
      'age:78:DPA Sch2 para16',
      'person-name:jones:DPA Sch2 para16',
    ]);
  });
  it('needs a subject', () => {
    expect(() => detectPersonalDataSync(chat, { mode: 'sar' })).toThrow(RedactionOptionsError);
  });
});
