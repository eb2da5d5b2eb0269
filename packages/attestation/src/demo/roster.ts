/**
 * A synthetic trust roster in ESR's shape, from a seed: departments (a second site once every specialty has one), staff
 * in ESR's staff groups, some with a second (bank) assignment, supervisors, new starters and leavers. Names come from
 * faker (en_GB) and e-mail addresses use the reserved `.example` domain, so nothing here is real. The demo trust, the
 * tests and the benchmark all use it.
 */
import { faker } from '@faker-js/faker/locale/en_GB';
import { seededRandom } from '@im-records/course';
import { addDays, type IsoDate } from '@im-records/records-policy';
import { toCsv } from '../roster/csv.ts';

/** ESR's staff groups, with rough shares of a trust's workforce. */
export const STAFF_GROUPS: readonly [string, number][] = [
  ['Nursing and Midwifery Registered', 0.27],
  ['Additional Clinical Services', 0.2],
  ['Administrative and Clerical', 0.2],
  ['Medical and Dental', 0.12],
  ['Allied Health Professionals', 0.07],
  ['Estates and Ancillary', 0.06],
  ['Add Prof Scientific and Technic', 0.04],
  ['Healthcare Scientists', 0.03],
  ['Students', 0.01],
];

const SPECIALTIES = [
  'Emergency Department',
  'Acute Medical Unit',
  'Cardiology',
  'Respiratory Medicine',
  'Paediatrics',
  'Maternity',
  'Theatres',
  'Critical Care',
  'Radiology',
  'Pharmacy',
  'Outpatients',
  'Oncology',
  'Stroke Unit',
  'Orthopaedics',
  'Gastroenterology',
  'Renal Unit',
  'Elderly Care',
  'Neonatal Unit',
  'Haematology',
  'Ophthalmology',
  'Pathology',
  'Physiotherapy',
  'Estates',
  'Finance',
  'Information Governance',
  'Human Resources',
  'Digital Services',
  'Sexual Health',
  'Diabetes and Endocrinology',
  'Dermatology',
  'General Surgery',
  'Urology',
  'Palliative Care',
  'Occupational Therapy',
];
const SITES = [
  'Northgate Hospital',
  'Riverside Hospital',
  'Community Services',
  'Westfield Hospital',
  'Hillside Clinic',
];

/** Options for {@link syntheticRoster}. */
export interface SyntheticRosterOptions {
  seed: number;
  departments: number;
  staff: number;
  /** The day the roster is extracted: hire and termination dates are placed around it. */
  asOf: IsoDate;
  /** E-mail domain (default `demo-trust.example`). */
  domain?: string;
}

/** A synthetic roster: the CSV text and the departments it names. */
export interface SyntheticRoster {
  csv: string;
  departments: { id: string; name: string }[];
  /** Employee numbers of each department's supervisor (its first member). */
  supervisors: Map<string, string>;
}

/** The CSV header, as ESR's outbound interface names the columns. */
export const ROSTER_HEADER = [
  'Employee Number',
  'Person ID',
  'Title',
  'First Name',
  'Last Name',
  'Preferred Name',
  'Office E-mail Address',
  'Assignment Number',
  'Primary Assignment',
  'Assignment Status',
  'Organisation ID',
  'Organisation Name',
  'Staff Group',
  'Job Name',
  'Supervisor Assignment Number',
  'Hire Date',
  'Actual Termination Date',
];

const JOBS: Record<string, string[]> = {
  'Nursing and Midwifery Registered': ['Staff Nurse', 'Sister/Charge Nurse', 'Midwife', 'Nurse Practitioner'],
  'Additional Clinical Services': ['Healthcare Assistant', 'Maternity Support Worker', 'Phlebotomist'],
  'Administrative and Clerical': ['Ward Clerk', 'Medical Secretary', 'Administrator', 'Manager'],
  'Medical and Dental': ['Consultant', 'Specialty Registrar', 'Foundation Doctor', 'Specialty Doctor'],
  'Allied Health Professionals': ['Physiotherapist', 'Occupational Therapist', 'Radiographer', 'Dietitian'],
  'Estates and Ancillary': ['Porter', 'Domestic Assistant', 'Electrician'],
  'Add Prof Scientific and Technic': ['Pharmacist', 'Pharmacy Technician', 'Psychologist'],
  'Healthcare Scientists': ['Biomedical Scientist', 'Clinical Physiologist'],
  Students: ['Student Nurse', 'Student Midwife'],
};

/** Builds the roster. Same options, same bytes. */
export function syntheticRoster(options: SyntheticRosterOptions): SyntheticRoster {
  const random = seededRandom(options.seed);
  faker.seed(options.seed);
  const domain = options.domain ?? 'demo-trust.example';
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const departments = Array.from({ length: options.departments }, (_, i) => {
    const specialty = SPECIALTIES[i % SPECIALTIES.length] as string;
    const site = SITES[Math.floor(i / SPECIALTIES.length) % SITES.length] as string;
    const round = Math.floor(i / (SPECIALTIES.length * SITES.length));
    return { id: `ORG${String(1000 + i)}`, name: `${specialty}, ${site}${round > 0 ? ` ${round + 1}` : ''}` };
  });
  const staffGroup = (): string => {
    let r = random();
    for (const [group, share] of STAFF_GROUPS) {
      r -= share;
      if (r <= 0) return group;
    }
    return STAFF_GROUPS[0]?.[0] as string;
  };
  const rows: (string | null)[][] = [];
  const supervisors = new Map<string, string>();
  const supervisorAssignment = new Map<string, string>();
  const usedEmails = new Set<string>();
  for (let n = 0; n < options.staff; n++) {
    const department = departments[n < departments.length ? n : Math.floor(random() * departments.length)] as {
      id: string;
      name: string;
    };
    const employee = String(20_000_000 + n);
    const first = faker.person.firstName();
    const last = faker.person.lastName();
    const local = `${first}.${last}`
      .toLowerCase()
      .normalize('NFKD')
      .replace(/[^a-z.]/g, '');
    let email = `${local}@${domain}`;
    for (let k = 2; usedEmails.has(email); k++) email = `${local}${k}@${domain}`;
    usedEmails.add(email);
    const group = n < departments.length ? 'Administrative and Clerical' : staffGroup();
    const job = n < departments.length ? 'Manager' : pick(JOBS[group] ?? ['Staff']);
    const yearsIn = random();
    const hire =
      n >= departments.length && random() < 0.03
        ? addDays(options.asOf, -Math.floor(random() * 50))
        : addDays(options.asOf, -Math.floor(200 + yearsIn * yearsIn * 5000));
    const leaver = n >= departments.length && random() < 0.025;
    const termination = leaver ? addDays(options.asOf, -Math.floor(1 + random() * 300)) : null;
    const assignment = `${employee}-1`;
    if (!supervisors.has(department.id)) {
      supervisors.set(department.id, employee);
      supervisorAssignment.set(department.id, assignment);
    }
    const supervisor =
      supervisorAssignment.get(department.id) === assignment ? '' : (supervisorAssignment.get(department.id) ?? '');
    rows.push([
      employee,
      `P${employee}`,
      pick(['Mr', 'Ms', 'Mrs', 'Dr', 'Mx']),
      first,
      last,
      random() < 0.1 ? faker.person.firstName() : '',
      email,
      assignment,
      'Y',
      leaver ? 'Terminate Assignment' : 'Active Assignment',
      department.id,
      department.name,
      group,
      job,
      supervisor,
      hire,
      termination ?? '',
    ]);
    if (n >= departments.length && random() < 0.05) {
      const bank = pick(departments);
      rows.push([
        employee,
        `P${employee}`,
        '',
        first,
        last,
        '',
        email,
        `${employee}-2`,
        'N',
        'Active Assignment',
        bank.id,
        bank.name,
        group,
        `Bank ${job}`,
        supervisorAssignment.get(bank.id) ?? '',
        hire,
        termination ?? '',
      ]);
    }
  }
  return { csv: toCsv(ROSTER_HEADER, rows), departments, supervisors };
}
