/**
 * Message templates of a ward chat. Each writes text through a {@link SpanBuilder}, which records the gold span of every
 * identifier it writes, so the gold offsets are right by construction. Precision traps (bleeps, doses, wards, times,
 * "Will you…", order references) are written as plain text: they are not personal data.
 */
import type { SyntheticCast, SyntheticPatient, SyntheticPerson, SyntheticStaff } from './cast.ts';
import type { Random } from './random.ts';

/** Categories of gold spans; the same names as the redaction engine's categories. */
export type GoldLabel =
  | 'person-name'
  | 'nhs-number'
  | 'hospital-number'
  | 'phone'
  | 'email'
  | 'postcode'
  | 'address'
  | 'date-of-birth'
  | 'age'
  | 'ni-number';

/** One gold span: UTF-16 offsets into the message text, end exclusive. */
export interface GoldSpan {
  start: number;
  end: number;
  label: GoldLabel;
}

/** Appends text and records labelled spans. */
export class SpanBuilder {
  text = '';
  spans: GoldSpan[] = [];

  /** Plain text (not personal data). */
  t(s: string): this {
    this.text += s;
    return this;
  }

  /** A labelled identifier. */
  e(s: string, label: GoldLabel): this {
    const start = this.text.length;
    this.text += s;
    this.spans.push({ start, end: this.text.length, label });
    return this;
  }

  /** A name, written as "First Last" with two spans or as one part. */
  name(s: string): this {
    return this.e(s, 'person-name');
  }

  /** First and last name as two spans separated by a space. */
  full(p: SyntheticPerson): this {
    return this.name(p.first).t(' ').name(p.last);
  }
}

/** What a template may use. */
export interface TemplateContext {
  random: Random;
  cast: SyntheticCast;
  author: SyntheticStaff;
}

function patient(c: TemplateContext): SyntheticPatient {
  return c.random.pick(c.cast.patients);
}

function otherStaff(c: TemplateContext): SyntheticStaff {
  return c.random.pick(c.cast.staff);
}

/** A mistyped or shortened form of a first name, as people write in a hurry. */
function variant(first: string, random: Random): string {
  if (first.length >= 6 && random.chance(0.5)) {
    const i = random.int(2, first.length - 3);
    return first.slice(0, i) + first.slice(i + 1);
  }
  if (first.length >= 5) return first.slice(0, 4);
  return first;
}

/** One way of referring to a patient by name, recorded as spans. */
function patientName(b: SpanBuilder, p: SyntheticPatient, random: Random): SpanBuilder {
  const form = random.int(0, 11);
  if (form < 3) return b.full(p);
  if (form < 6) return b.t(`${p.title} `).name(p.last);
  if (form < 7) return b.t(`${p.title.toLowerCase()} `).name(p.last.toLowerCase());
  if (form < 8) return b.name(p.first);
  if (form < 9) return b.t(`${p.title} `).full(p);
  if (form < 10) return b.name(variant(p.first, random)).t(' ').name(p.last);
  if (form < 11) return b.name(p.first.toLowerCase()).t(' ').name(p.last.toLowerCase());
  return b.name(`${p.first.charAt(0)}. ${p.last}`);
}

function staffName(b: SpanBuilder, s: SyntheticStaff, random: Random): SpanBuilder {
  const form = random.int(0, 5);
  if (form < 2 && s.title) return b.t(`${s.title} `).name(s.last);
  if (form < 4) return b.name(s.first);
  if (form < 5) return b.full(s);
  return b.name(s.first.toLowerCase());
}

const drugs = [
  'amoxicillin 500mg TDS',
  'paracetamol 1g QDS',
  'enoxaparin 40mg OD',
  'furosemide 40 mg',
  'morphine 2.5mg PRN',
];
const tasks = ['bloods', 'obs', 'a repeat ECG', 'the cannula', 'a urine dip', 'fluids', 'the TTO', 'a chest xray'];
const places = ['AMU', 'resus', 'CT', 'the discharge lounge', 'theatre', 'ITU', 'endoscopy'];

type Template = (b: SpanBuilder, c: TemplateContext) => void;

/** Templates that name people or carry identifiers. */
const identifying: Template[] = [
  (b, c) => {
    const p = patient(c);
    b.t(`Bed ${p.bed} is `);
    patientName(b, p, c.random)
      .t(`, `)
      .e(`${p.age}`, 'age')
      .t('yo')
      .t(`, for ${c.random.pick(tasks)} please`);
  },
  (b, c) => {
    const p = patient(c);
    patientName(b.t('Can someone chase '), p, c.random).t(`'s ${c.random.pick(tasks)}? NHS no `);
    b.e(p.nhsNumber, 'nhs-number');
  },
  (b, c) => {
    const p = patient(c);
    b.t('NHS number for ');
    patientName(b, p, c.random)
      .t(' is ')
      .e(p.nhsNumber, 'nhs-number')
      .t(', hosp no ')
      .e(p.hospitalNumber, 'hospital-number');
  },
  (b, c) => {
    const p = patient(c);
    b.t('sorry typo, NHS ').e(p.mistypedNhsNumber, 'nhs-number').t(' should be ').e(p.nhsNumber, 'nhs-number');
  },
  (b, c) => {
    const p = patient(c);
    const r = c.random.pick(p.relatives);
    patientName(b, p, c.random).t(`'s ${r.relation} `).name(r.first).t(' rang, can be reached on ').e(r.phone, 'phone');
  },
  (b, c) => {
    const p = patient(c);
    const r = c.random.pick(p.relatives);
    b.t(`${r.relation.charAt(0).toUpperCase()}${r.relation.slice(1)} (`)
      .full(r)
      .t(') asking for an update on ');
    patientName(b, p, c.random).t(`, number is `).e(r.phone, 'phone');
  },
  (b, c) => {
    const p = patient(c);
    b.t('DOB ').e(p.dob, 'date-of-birth').t(' MRN ').e(p.hospitalNumber, 'hospital-number').t(' - ');
    patientName(b, p, c.random).t(` for ${c.random.pick(places)}`);
  },
  (b, c) => {
    const p = patient(c);
    patientName(b, p, c.random).t(', born ').e(p.dob, 'date-of-birth').t(', lives at ').e(p.street, 'address');
    b.t(', ').e(p.town, 'address').t(' ').e(p.postcode, 'postcode');
  },
  (b, c) => {
    const p = patient(c);
    b.t('Address for the DN referral: ').e(p.street, 'address').t(', ').e(p.postcode, 'postcode');
  },
  (b, c) => {
    const p = patient(c);
    b.t('NI no for the benefits form ').e(p.niNumber, 'ni-number').t(' (');
    patientName(b, p, c.random).t(')');
  },
  (b, c) => {
    const p = patient(c);
    b.t('Family want letters emailed to ').e(p.email, 'email');
  },
  (b, c) => {
    const p = patient(c);
    patientName(b, p, c.random)
      .t(` aged `)
      .e(String(p.age), 'age')
      .t(` back from ${c.random.pick(places)}, ${c.random.pick(tasks)} due`);
  },
  (b, c) => {
    const s = otherStaff(c);
    b.t(`Can `);
    staffName(b, s, c.random).t(` review bed ${c.random.int(1, 28)} when free?`);
  },
  (b, c) => {
    const s = otherStaff(c);
    b.t('Thanks ');
    staffName(b, s, c.random).t(c.random.pick([' 👍', '!', ' x', '']));
  },
  (b, c) => {
    const s = otherStaff(c);
    b.t('If no answer ring ');
    staffName(b, s, c.random).t(' on ').e(s.phone, 'phone').t(' or email ').e(s.email, 'email');
  },
  (b, c) => {
    const p = patient(c);
    b.t(`${p.title} `)
      .name(p.last)
      .t(' (')
      .e(`${p.age}`, 'age')
      .t(`${p.sex === 'male' ? 'M' : 'F'}) moved to ward ${c.random.int(1, 30)}`);
  },
  (b, c) => {
    const p = patient(c);
    b.t('pt ');
    patientName(b, p, c.random).t(` is a ${p.age}-year-old`);
    // The age span covers the number only; the phrase around it is the cue.
    const at = b.text.lastIndexOf(`${p.age}-year-old`);
    b.spans.push({ start: at, end: at + String(p.age).length, label: 'age' });
    b.t(` with ${c.random.pick(['NSTEMI', 'a UTI', 'CAP', 'a fall', 'AKI'])}`);
  },
  (b, c) => {
    const p = patient(c);
    b.t('Spoke to ');
    const r = c.random.pick(p.relatives);
    b.full(r).t(` (${r.relation}) - happy for `);
    patientName(b, p, c.random).t(' to go home tomorrow');
  },
  (b, c) => {
    const p = patient(c);
    b.t(`Does anyone know `)
      .name(p.first)
      .t('? Her GP surgery needs the hospital number ')
      .e(p.hospitalNumber, 'hospital-number');
  },
  (b, c) => {
    const p = patient(c);
    b.t('Discharge letter for ').name(p.first).t(' ').name(p.last).t(' sent, her phone ').e(p.phone, 'phone');
  },
];

/** Templates with no personal data, including the precision traps. */
const plain: Template[] = [
  (b, c) => void b.t(`Bleep ${c.random.int(1000, 9999)} please, on call reg not answering`),
  (b, c) => void b.t(`Can someone do ${c.random.pick(tasks)} for bed ${c.random.int(1, 28)}`),
  (b, c) =>
    void b.t(
      `${c.random.pick(drugs)} prescribed, given at ${c.random.int(6, 23)}:${c.random.pick(['00', '15', '30', '45'])}`,
    ),
  (b) => void b.t('Will you be around after handover?'),
  (b) => void b.t('May I swap my Saturday shift?'),
  (b) => void b.t('Hope the night shift goes OK!'),
  (b) => void b.t('Grace period for the mandatory training ends Friday'),
  (b, c) => void b.t(`Order ref ${c.random.digits(8)} for the replacement pump`),
  (b, c) => void b.t(`Ward ${c.random.int(1, 30)} has ${c.random.int(1, 4)} beds free`),
  (b) => void b.t('Sister on ward 7 says the drug round is late'),
  (b, c) => void b.t(`Ext ${c.random.int(2000, 7999)} for pharmacy`),
  (b) => void b.t('Handover at 8 in the seminar room'),
  (b) => void b.t('👍'),
  (b) => void b.t('ok'),
  (b, c) => void b.t(`Bay ${c.random.int(1, 6)} bed ${c.random.int(1, 6)} needs a side room`),
  (b, c) => void b.t(`Sats ${c.random.int(88, 99)}% on ${c.random.int(1, 4)}L, RR ${c.random.int(14, 28)}`),
  (b) => void b.t('Mark the chart when the TTO is done'),
  (b) => void b.t('Bill the agency for the extra shift'),
  (b, c) => void b.t(`Potassium ${c.random.int(3, 6)}.${c.random.int(0, 9)}, repeat at ${c.random.int(10, 22)}:00`),
  (b) => void b.t('Dr on call is aware'),
  (b, c) => void b.t(`Who's in CT at ${c.random.int(8, 18)}:${c.random.pick(['00', '30'])}?`),
  (b, c) =>
    void b.t(`Fire alarm test at ${c.random.int(9, 11)} on ${c.random.pick(['Tuesday', 'Wednesday', 'Thursday'])}`),
  (b) => void b.t('Rose from 2 to 4 overnight'),
  (b) => void b.t('Can we Frank-Starling this? 😂'),
  (b, c) => void b.t(`Incident ref W${c.random.digits(5)} logged on Datix`),
  (b) => void b.t('Thanks all, great teamwork today'),
];

/** Writes one message body; `identifyingShare` is the probability that it carries personal data. */
export function writeMessage(c: TemplateContext, identifyingShare: number): SpanBuilder {
  const b = new SpanBuilder();
  const list = c.random.chance(identifyingShare) ? identifying : plain;
  c.random.pick(list)(b, c);
  return b;
}
