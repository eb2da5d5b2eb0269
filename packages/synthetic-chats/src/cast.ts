/**
 * The cast of a synthetic ward chat: staff (with titles), patients (with every identifier) and their relatives. Faker is
 * imported lazily here and only here, so a bundle that never generates a chat never loads it.
 */
import { dramaPhone, hospitalNumber, invalidNhsNumber, niNumber, ukPostcode, validNhsNumber } from './identifiers.ts';
import type { Random } from './random.ts';

/** Where a person's name was drawn from: faker's en_GB data, or other locales the name lists were not built from. */
export type NameSource = 'en_GB' | 'held-out';

/** A fictional person. */
export interface SyntheticPerson {
  first: string;
  last: string;
  sex: 'female' | 'male';
  source: NameSource;
}

/** A relative of a patient, named in the chat. */
export interface SyntheticRelative extends SyntheticPerson {
  relation: string;
  phone: string;
}

/** A fictional patient with every identifier the engine must find. */
export interface SyntheticPatient extends SyntheticPerson {
  title: string;
  nhsNumber: string;
  /** The same NHS number mistyped (wrong check digit). */
  mistypedNhsNumber: string;
  hospitalNumber: string;
  dob: string;
  age: number;
  street: string;
  town: string;
  postcode: string;
  niNumber: string;
  phone: string;
  email: string;
  ward: number;
  bed: number;
  relatives: SyntheticRelative[];
}

/** A member of staff: a chat participant (author) with a title and role. */
export interface SyntheticStaff extends SyntheticPerson {
  title: string;
  role: string;
  /** The author name as the export shows it (may be a phone number for an unsaved contact). */
  displayName: string;
  phone: string;
  email: string;
}

/** Everyone in one synthetic chat. */
export interface SyntheticCast {
  staff: SyntheticStaff[];
  patients: SyntheticPatient[];
}

interface NameFaker {
  seed(seed: number): unknown;
  person: { firstName(sex?: 'female' | 'male'): string; lastName(): string };
  location: { street(): string; city(): string };
}

async function loadFakers(): Promise<{ gb: NameFaker & { date: DateFaker }; heldOut: NameFaker[] }> {
  const [gb, inLocale, ng, pl, gh, pt, ro] = await Promise.all([
    import('@faker-js/faker/locale/en_GB'),
    import('@faker-js/faker/locale/en_IN'),
    import('@faker-js/faker/locale/en_NG'),
    import('@faker-js/faker/locale/pl'),
    import('@faker-js/faker/locale/en_GH'),
    import('@faker-js/faker/locale/pt_PT'),
    import('@faker-js/faker/locale/ro'),
  ]);
  return { gb: gb.faker, heldOut: [inLocale.faker, ng.faker, pl.faker, gh.faker, pt.faker, ro.faker] };
}

interface DateFaker {
  birthdate(options: { min: number; max: number; mode: 'age'; refDate: string }): Date;
}

const months = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

function formatDob(date: Date, random: Random): string {
  const d = date.getUTCDate();
  const m = date.getUTCMonth() + 1;
  const y = date.getUTCFullYear();
  const pad = (n: number): string => String(n).padStart(2, '0');
  switch (random.int(0, 4)) {
    case 0:
      return `${pad(d)}/${pad(m)}/${y}`;
    case 1:
      return `${d}.${m}.${String(y).slice(2)}`;
    case 2:
      return `${d} ${months[m - 1]} ${y}`;
    case 3:
      return `${d}/${m}/${String(y).slice(2)}`;
    default:
      return `${y}-${pad(m)}-${pad(d)}`;
  }
}

/** Options for {@link createCast}. */
export interface CastOptions {
  seed: number;
  patients: number;
  staff: number;
  /** Share (0..1) of names drawn from locales the engine's name lists were not built from. */
  heldOutNameShare: number;
  random: Random;
}

const relations = ['daughter', 'son', 'wife', 'husband', 'sister', 'brother', 'partner', 'niece', 'granddaughter'];
const staffRoles: readonly { title: string; role: string }[] = [
  { title: 'Dr', role: 'consultant' },
  { title: 'Dr', role: 'registrar' },
  { title: 'Dr', role: 'F1' },
  { title: 'Sister', role: 'ward sister' },
  { title: 'Nurse', role: 'staff nurse' },
  { title: 'Mr', role: 'surgeon' },
  { title: '', role: 'physio' },
  { title: '', role: 'pharmacist' },
  { title: 'Prof', role: 'clinical director' },
  { title: '', role: 'HCA' },
];

/** Draws a cast with faker (seeded) so the same seed always gives the same people. */
export async function createCast(options: CastOptions): Promise<SyntheticCast> {
  const { gb, heldOut } = await loadFakers();
  gb.seed(options.seed);
  for (const [i, f] of heldOut.entries()) f.seed(options.seed * 31 + i);
  const random = options.random;
  const person = (sex: 'female' | 'male'): SyntheticPerson => {
    const heldOutName = random.chance(options.heldOutNameShare);
    const f = heldOutName ? random.pick(heldOut) : gb;
    return {
      first: f.person.firstName(sex),
      last: f.person.lastName(),
      sex,
      source: heldOutName ? 'held-out' : 'en_GB',
    };
  };
  const staff: SyntheticStaff[] = [];
  for (let i = 0; i < options.staff; i++) {
    const sex = random.chance(0.6) ? 'female' : 'male';
    const p = person(sex);
    const role = staffRoles[i % staffRoles.length] ?? { title: '', role: 'staff nurse' };
    const title = role.title === 'Mr' && sex === 'female' ? 'Ms' : role.title;
    const phone = `+44 7700 900${random.digits(3)}`;
    const shape = random.int(0, 9);
    const displayName =
      shape < 4
        ? `${p.first} ${p.last}`
        : shape < 6 && title
          ? `${title} ${p.first} ${p.last}`
          : shape < 8
            ? `${p.first} ${p.last.charAt(0)}`
            : shape < 9
              ? p.first
              : phone;
    const email = `${p.first}.${p.last}@nhs.net`.toLowerCase().replace(/[^a-z0-9.@-]/g, '');
    staff.push({ ...p, title, role: role.role, displayName, phone, email });
  }
  const patients: SyntheticPatient[] = [];
  for (let i = 0; i < options.patients; i++) {
    const sex = random.chance(0.5) ? 'female' : 'male';
    const p = person(sex);
    const birth = gb.date.birthdate({ min: 19, max: 99, mode: 'age', refDate: '2024-03-04T00:00:00Z' });
    const age = 2024 - birth.getUTCFullYear() - (birth.getUTCMonth() > 2 ? 1 : 0);
    const relatives: SyntheticRelative[] = [];
    const nRelatives = random.int(1, 2);
    for (let r = 0; r < nRelatives; r++) {
      const relation = random.pick(relations);
      const relSex = /daughter|wife|sister|niece/.test(relation) ? 'female' : relation === 'partner' ? sex : 'male';
      const rp = person(relSex);
      relatives.push({ ...rp, last: random.chance(0.7) ? p.last : rp.last, relation, phone: dramaPhone(random) });
    }
    const street = `${random.int(1, 240)} ${gb.location.street()}`;
    const town = gb.location.city();
    const emailUser = `${p.first}${random.chance(0.5) ? '.' : '_'}${p.last}${random.int(1, 99)}`
      .toLowerCase()
      .normalize('NFD')
      .replace(/[^a-z0-9._]/g, '');
    patients.push({
      ...p,
      title: sex === 'male' ? 'Mr' : random.pick(['Mrs', 'Ms', 'Miss']),
      nhsNumber: validNhsNumber(random),
      mistypedNhsNumber: invalidNhsNumber(random),
      hospitalNumber: hospitalNumber(random),
      dob: formatDob(birth, random),
      age,
      street,
      town,
      postcode: ukPostcode(random),
      niNumber: niNumber(random),
      phone: dramaPhone(random),
      email: `${emailUser}@${random.pick(['example.com', 'example.org', 'example.net', 'mail.example.co.uk'])}`,
      ward: random.int(1, 30),
      bed: random.int(1, 28),
      relatives,
    });
  }
  return { staff, patients };
}
