/**
 * The demo trust behind `npm start`: a synthetic roster, the instant messaging policy in three versions (the last a
 * material change four months ago), a year of attestations and completions with signed certificates (some on behalf,
 * some expired, some overdue), demo accounts for each role and a signed audit checkpoint. Also used, larger, by the
 * benchmark. Deterministic for a seed and date, apart from random ids and signatures' short codes.
 */
import { randomUUID } from 'node:crypto';
import { newShortCode, type Signer, signCertificate } from '@im-records/certificate';
import { seededRandom } from '@im-records/course';
import {
  addDays,
  compareDates,
  defaultTrustSettings,
  expiryDate,
  fillTrustPlaceholders,
  type IsoDate,
  MESSAGING_GUIDANCE,
  POLICY_PACKAGE_VERSION,
  type ResolvedTrustSettings,
  trustPlaceholders,
} from '@im-records/records-policy';
import { createAccount } from '../accounts.ts';
import { type AuditEvent, appendAuditMany, createCheckpoint } from '../audit/log.ts';
import { ukDate } from '../clock.ts';
import { certificateName } from '../completions.ts';
import { registerServiceKey, type ServiceKey } from '../keys.ts';
import { DEFAULT_POLICY, ensurePolicy, publishVersion } from '../policies.ts';
import { importRoster } from '../roster/import.ts';
import { refreshStatuses } from '../status-store.ts';
import { inTransaction, type Store } from '../store.ts';
import { syntheticRoster } from './roster.ts';

/** The password of every demo account (printed at start-up; demo data only). */
export const DEMO_PASSWORD = 'demo-attest-2026';

/** The demo accounts' e-mail addresses, by role. */
export const DEMO_EMAILS = {
  staff: 'staff@demo-trust.example',
  manager: 'manager@demo-trust.example',
  'ig-lead': 'ig.lead@demo-trust.example',
  admin: 'admin@demo-trust.example',
} as const;

/** The share of the demo manager's departments' attestations recorded on people's behalf (staff without a computer). */
const ON_BEHALF_SHARE = 0.12;

/** How those people attested, as a manager would write it. */
const ON_BEHALF_REMARKS = [
  'Signed the paper form at the team meeting',
  'Read the policy with me at handover and agreed to follow it',
  'Signed the paper form on the night shift; no work computer',
] as const;

/** Options for {@link seedDemoTrust}. */
export interface DemoOptions {
  seed?: number;
  departments?: number;
  staff?: number;
  /** Attestations to aim for in total (the benchmark asks for 200,000); by default about two a person. */
  attestations?: number;
  issuer: string;
  key: ServiceKey;
  verifyUrl: string;
  course: { title: string; version: string; questionCount: number };
  /** The trust's settings, whose words fill the policy text's `{{placeholders}}` (default: the course's defaults). */
  trust?: ResolvedTrustSettings;
  /** Demo accounts (staff, manager, ig-lead, admin) are made unless false. */
  accounts?: boolean;
}

/** The demo accounts made, by role. */
export interface DemoAccounts {
  staff: string;
  manager: string;
  'ig-lead': string;
  admin: string;
  /** The manager's departments (ids and names). */
  managerDepartments: { id: string; name: string }[];
}

const TOPIC_TITLES: Record<string, string> = {
  'choosing-apps': 'Choosing an app',
  'your-device': 'Your device',
  sharing: 'Sharing patient information',
  records: 'Records, requests and deleting messages',
  accountability: 'Checks, breaches and accountability',
};

/**
 * The demo policy's text in Markdown, from records-policy's guidance points (so it says what the course teaches). The
 * points carry the trust's `{{placeholders}}` (approved apps, passcode digits, lock time), filled from its settings as
 * the course fills them: a policy is what staff attest to, so it must never show a template.
 */
export function demoPolicyText(
  version: string,
  extra = '',
  trust: ResolvedTrustSettings = defaultTrustSettings(),
): string {
  const values = trustPlaceholders(trust);
  const sections = Object.entries(TOPIC_TITLES).map(([topic, title]) => {
    const points = MESSAGING_GUIDANCE.filter((p) => p.topic === topic).map(
      (p) => `- ${fillTrustPlaceholders(p.statement, values)}`,
    );
    return `## ${title}\n\n${points.join('\n')}`;
  });
  return `# Instant messaging in patient care (version ${version})\n\nThis policy applies to everyone who uses instant messaging apps for work, on trust or personal devices. ${extra}\n\n${sections.join('\n\n')}\n\n## Who to ask\n\nThe Information Governance team answers questions about this policy and receives reports of suspected breaches.\n`;
}

/** Seeds the demo trust into an empty database and returns the demo accounts' e-mail addresses. */
export async function seedDemoTrust(store: Store, options: DemoOptions): Promise<DemoAccounts> {
  const today = ukDate(store.clock());
  const seed = options.seed ?? 2026;
  const roster = syntheticRoster({
    seed,
    departments: options.departments ?? 12,
    staff: options.staff ?? 360,
    asOf: today,
  });
  await registerServiceKey(store.db, options.key, store.clock);
  await importRoster(store, roster.csv, { actor: 'demo' });
  await ensurePolicy(store, DEFAULT_POLICY);
  const v1 = await publishVersion(store, 'demo', {
    policy: DEFAULT_POLICY.id,
    version: '1.0',
    body: demoPolicyText('1.0', '', options.trust),
    summary: 'First version of the trust policy.',
    material: true,
    effectiveDate: addDays(today, -420),
    dueDate: addDays(today, -390),
    audience: [],
  });
  const v11 = await publishVersion(store, 'demo', {
    policy: DEFAULT_POLICY.id,
    version: '1.1',
    body: demoPolicyText('1.1', '', options.trust),
    summary: 'Corrected a broken link and a typo; nothing you must do changes.',
    material: false,
    effectiveDate: addDays(today, -250),
    dueDate: null,
    audience: [],
  });
  const v2 = await publishVersion(store, 'demo', {
    policy: DEFAULT_POLICY.id,
    version: '2.0',
    body: demoPolicyText(
      '2.0',
      "Version 2.0 adds that photos must never be saved to your phone's gallery or personal cloud storage, and that groups must be left when you change jobs.",
      options.trust,
    ),
    summary: 'New rules on photos and on leaving groups when you change jobs: everyone must attest again.',
    material: true,
    effectiveDate: addDays(today, -120),
    dueDate: addDays(today, -90),
    audience: [],
  });
  const versions = [
    { id: v1, from: -420, to: -250 },
    { id: v11, from: -250, to: -120 },
    { id: v2, from: -120, to: 0 },
  ];

  const people = await store.db
    .selectFrom('people')
    .select([
      'id',
      'employee_number',
      'first_name',
      'preferred_name',
      'last_name',
      'hire_date',
      'termination_date',
      'department_id',
      'email',
    ])
    .orderBy('employee_number')
    .execute();
  const supervisorNumbers = new Set(roster.supervisors.values());
  const managerDepartments = roster.departments.slice(0, 2);
  const staffPerson = people.find(
    (p) =>
      p.department_id === managerDepartments[0]?.id && !supervisorNumbers.has(p.employee_number) && !p.termination_date,
  );
  const managerPerson = people.find(
    (p) => p.employee_number === roster.supervisors.get(managerDepartments[0]?.id ?? ''),
  );
  // The accounts come first: the demo manager records some of their departments' attestations on people's behalf.
  let managerAccount: string | null = null;
  let accounts: DemoAccounts = { staff: '', manager: '', 'ig-lead': '', admin: '', managerDepartments };
  if (options.accounts !== false) {
    // The two demo people who sign in get easy addresses (their roster entries change to match, so accounts link).
    for (const [person, email] of [
      [staffPerson, DEMO_EMAILS.staff],
      [managerPerson, DEMO_EMAILS.manager],
    ] as const) {
      if (person) await store.db.updateTable('people').set({ email }).where('id', '=', person.id).execute();
    }
    accounts = {
      staff: DEMO_EMAILS.staff,
      manager: DEMO_EMAILS.manager,
      'ig-lead': DEMO_EMAILS['ig-lead'],
      admin: DEMO_EMAILS.admin,
      managerDepartments,
    };
    await createAccount(store, 'demo', { email: accounts.staff, role: 'staff', password: DEMO_PASSWORD });
    managerAccount = await createAccount(store, 'demo', {
      email: accounts.manager,
      role: 'manager',
      password: DEMO_PASSWORD,
      departments: managerDepartments.map((d) => d.id),
    });
    await createAccount(store, 'demo', { email: accounts['ig-lead'], role: 'ig-lead', password: DEMO_PASSWORD });
    await createAccount(store, 'demo', { email: accounts.admin, role: 'admin', password: DEMO_PASSWORD });
  }
  const random = seededRandom(seed + 1);
  const target = options.attestations ?? people.length * 2;
  const perPerson = Math.max(1, target / Math.max(1, people.length));
  const signer = {
    privateKey: options.key.privateKey.toCryptoKey('Ed25519', false, ['sign']) as Signer['privateKey'],
    publicJwk: options.key.publicJwk,
    kid: options.key.kid,
  };
  const attestations: {
    id: string;
    person: string;
    policy_version: string;
    attested_at: string;
    attested_on: string;
    on_behalf_by: string | null;
    remark: string | null;
  }[] = [];
  const completions: Parameters<typeof insertCompletions>[1] = [];
  const events: AuditEvent[] = [];
  // A stream of its own, so the on-behalf records leave the rest of the demo as it was for a seed.
  const behalfRandom = seededRandom(seed + 2);
  const managerDepartmentIds = new Set(managerDepartments.map((d) => d.id));
  for (const person of people) {
    // The demo staff member has not yet attested to 2.0 nor passed this year: their journey is the demo.
    const isDemoStaff = person.id === staffPerson?.id;
    const start =
      person.hire_date && compareDates(person.hire_date as IsoDate, addDays(today, -420)) > 0
        ? (person.hire_date as IsoDate)
        : addDays(today, -420);
    const end = person.termination_date ? (person.termination_date as IsoDate) : today;
    const diligence = random();
    // Most people attest each material version within weeks of it taking effect; some late, some never. Extra
    // attestations (renewals, re-reading a version) make up the requested total.
    const planned: (typeof versions)[number][] = [];
    if (random() < 0.92) planned.push(versions[0] as (typeof versions)[number]);
    if (random() < 0.3) planned.push(versions[1] as (typeof versions)[number]);
    if (!isDemoStaff && random() < 0.72 + diligence * 0.27) planned.push(versions[2] as (typeof versions)[number]);
    const extra = Math.max(0, Math.round(perPerson * (0.5 + random())) - planned.length);
    for (let i = 0; i < extra; i++)
      planned.push(versions[Math.floor(random() * (isDemoStaff ? 2 : 3))] as (typeof versions)[number]);
    for (const version of planned) {
      const from = addDays(today, version.from);
      const on = addDays(from, Math.floor(random() * random() * (version.to - version.from)));
      if (compareDates(on, start) < 0 || compareDates(on, end) > 0 || compareDates(on, today) > 0) continue;
      const id = randomUUID();
      const byManager =
        managerAccount !== null &&
        managerDepartmentIds.has(person.department_id) &&
        person.id !== managerPerson?.id &&
        behalfRandom() < ON_BEHALF_SHARE;
      const remark = byManager
        ? (ON_BEHALF_REMARKS[Math.floor(behalfRandom() * ON_BEHALF_REMARKS.length)] as string)
        : null;
      attestations.push({
        id,
        person: person.id,
        policy_version: version.id,
        attested_at: `${on}T${String(8 + Math.floor(random() * 10)).padStart(2, '0')}:${String(Math.floor(random() * 60)).padStart(2, '0')}:00.000Z`,
        attested_on: on,
        on_behalf_by: byManager ? managerAccount : null,
        remark,
      });
      events.push({
        actor: byManager && managerAccount ? managerAccount : 'demo',
        type: 'attestation.recorded',
        subject: person.id,
        data: { attestation: id, version: version.id, attestedOn: on, onBehalf: byManager },
      });
    }
    if (isDemoStaff || random() > 0.8 + diligence * 0.19) continue;
    const completedOn = addDays(today, -Math.floor(400 * random() ** 1.6));
    if (compareDates(completedOn, start) < 0 || compareDates(completedOn, end) > 0) continue;
    const id = randomUUID();
    const attempt = randomUUID();
    const correct = options.course.questionCount - Math.floor(random() * 4);
    const shortCode = newShortCode();
    const code = await signCertificate(
      {
        certificateId: id,
        name: certificateName(person),
        course: options.course.title,
        courseVersion: options.course.version,
        completedOn,
        expiresOn: expiryDate(completedOn),
        scoreCorrect: correct,
        scoreTotal: options.course.questionCount,
        passMark: 0.8,
        policyVersionId: compareDates(completedOn, addDays(today, -120)) >= 0 ? v2 : v11,
        policyVersion: compareDates(completedOn, addDays(today, -120)) >= 0 ? '2.0' : '1.1',
        policyPackageVersion: POLICY_PACKAGE_VERSION,
        shortCode,
        verifyUrl: options.verifyUrl,
      },
      signer,
    );
    completions.push({
      id,
      person: person.id,
      attempt,
      shortCode,
      code,
      completedOn,
      correct,
      total: options.course.questionCount,
    });
    events.push({
      actor: 'demo',
      type: 'completion.recorded',
      subject: person.id,
      data: { completion: id, attempt, completedOn },
    });
  }
  await inTransaction(store, async (tx) => {
    for (let i = 0; i < attestations.length; i += 500)
      await tx.db
        .insertInto('attestations')
        .values(attestations.slice(i, i + 500))
        .execute();
    await insertCompletions(tx, completions, options.course.version, options.key.kid);
    await appendAuditMany(tx, events);
  });
  await refreshStatuses(store);

  await createCheckpoint(store, options.key, 'demo');
  return accounts;
}

async function insertCompletions(
  tx: Store,
  rows: {
    id: string;
    person: string;
    attempt: string;
    shortCode: string;
    code: string;
    completedOn: IsoDate;
    correct: number;
    total: number;
  }[],
  courseVersion: string,
  kid: string,
): Promise<void> {
  for (let i = 0; i < rows.length; i += 300) {
    const chunk = rows.slice(i, i + 300);
    await tx.db
      .insertInto('attempts')
      .values(
        chunk.map((c) => ({
          id: c.attempt,
          person: c.person,
          started_at: `${c.completedOn}T10:00:00.000Z`,
          finished_at: `${c.completedOn}T10:30:00.000Z`,
          course_version: courseVersion,
          items: '[]',
          correct: c.correct,
          total: c.total,
          passed: 1,
        })),
      )
      .execute();
    await tx.db
      .insertInto('completions')
      .values(
        chunk.map((c) => ({
          id: c.id,
          person: c.person,
          attempt: c.attempt,
          short_code: c.shortCode,
          code: c.code,
          key_id: kid,
          completed_on: c.completedOn,
          expires_on: expiryDate(c.completedOn),
          score_correct: c.correct,
          score_total: c.total,
          created_at: `${c.completedOn}T10:30:00.000Z`,
          revoked_at: null,
          revoked_reason: null,
        })),
      )
      .execute();
  }
}
