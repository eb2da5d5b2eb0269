/**
 * The tables, as Kysely sees them. One description for SQLite and PostgreSQL: instants are ISO 8601 UTC text
 * (`2026-03-01T09:30:00.000Z`), calendar dates are `YYYY-MM-DD` text, flags are 0/1 integers and JSON is text, so both
 * databases store the same values and sort them the same way.
 */
import type { Insertable, Selectable } from 'kysely';

/** A department (an organisation in ESR's tree), keyed by its organisation id. */
export interface DepartmentTable {
  id: string;
  name: string;
  parent_id: string | null;
  /** The department's own completion target (0–1); null follows the trust's. */
  target: number | null;
}

/** A person on the roster, keyed by employee number; never deleted (a leaver's records stay). */
export interface PersonTable {
  id: string;
  employee_number: string;
  person_id: string | null;
  first_name: string;
  last_name: string;
  preferred_name: string | null;
  /** Lower-cased office e-mail address: how sign-in accounts are matched to the roster. */
  email: string | null;
  department_id: string;
  staff_group: string;
  job_name: string | null;
  assignment_number: string;
  /** The assignment number of the person's supervisor (ESR), resolved to `manager_person` where known. */
  supervisor_assignment: string | null;
  manager_person: string | null;
  hire_date: string | null;
  termination_date: string | null;
  /** Set by an IG lead or admin (long-term leave, honorary contract): out of scope until cleared. */
  excluded_reason: string | null;
  created_at: string;
  updated_at: string;
}

/** A sign-in account; staff accounts are linked to their roster entry. */
export interface AccountTable {
  id: string;
  email: string;
  role: string;
  person: string | null;
  /** scrypt hash (`scrypt$N$r$p$salt$hash`), or null for single-sign-on only accounts. */
  password_hash: string | null;
  oidc_subject: string | null;
  failed_attempts: number;
  locked_until: string | null;
  disabled: number;
  created_at: string;
  last_sign_in_at: string | null;
}

/** The departments a manager account may see. */
export interface ManagerDepartmentTable {
  account: string;
  department_id: string;
}

/** A signed-in session; only the SHA-256 of its token is stored, so a database dump cannot be replayed as cookies. */
export interface SessionTable {
  token_hash: string;
  account: string;
  created_at: string;
  expires_at: string;
  last_seen_at: string;
}

/** Fixed-window counters for sign-in rate limits, shared by every instance. */
export interface RateLimitTable {
  key: string;
  window_start: string;
  count: number;
}

/** A policy staff attest to (the instant messaging policy; a trust may add others). */
export interface PolicyTable {
  id: string;
  title: string;
  created_at: string;
}

/** One version of a policy. Published versions are never edited: a change is a new version. */
export interface PolicyVersionTable {
  id: string;
  policy: string;
  version: string;
  body_markdown: string;
  /** What changed, in plain English (required on every version). */
  summary: string;
  /** 1 when the change alters what staff must do, so everyone in the audience attests again. */
  material: number;
  effective_date: string;
  /** For a material change: the date by which the audience must attest again. */
  due_date: string | null;
  /** JSON array of staff groups; `[]` means everyone. */
  audience: string;
  published_at: string;
  published_by: string;
}

/** A person's attestation that they have read and will follow a policy version. */
export interface AttestationTable {
  id: string;
  person: string;
  policy_version: string;
  attested_at: string;
  /** The calendar day it counts from (UK date): today for staff; a manager recording a paper form may give an earlier day. */
  attested_on: string;
  /** The manager account who recorded it on the person's behalf, with their remark; null when the person attested. */
  on_behalf_by: string | null;
  remark: string | null;
}

/** An assessment attempt drawn and marked on the server. */
export interface AttemptTable {
  id: string;
  person: string;
  started_at: string;
  finished_at: string | null;
  course_version: string;
  /** JSON `AttemptItem[]` (question ids, option order, answers once submitted). */
  items: string;
  correct: number | null;
  total: number;
  passed: number | null;
}

/** A passed assessment with its signed certificate. */
export interface CompletionTable {
  id: string;
  person: string;
  attempt: string;
  /** The short code printed on the certificate (`ABCD-EFGH-JKMN`), stored without dashes. */
  short_code: string;
  /** The signed verification code (compact JWS). */
  code: string;
  key_id: string;
  completed_on: string;
  expires_on: string;
  score_correct: number;
  score_total: number;
  created_at: string;
  revoked_at: string | null;
  revoked_reason: string | null;
}

/** Public halves of the keys the service has signed with, so old certificates keep verifying after a key rotates. */
export interface SigningKeyTable {
  kid: string;
  public_jwk: string;
  issuer: string;
  created_at: string;
}

/** The append-only, hash-chained audit log. The database refuses UPDATE and DELETE on it. */
export interface AuditLogTable {
  seq: number;
  at: string;
  actor: string;
  type: string;
  subject: string | null;
  /** Canonical JSON of the event's details (ids and counts, no names). */
  data: string;
  prev_hash: string;
  hash: string;
}

/** The head of the audit chain: one row, locked by each append so concurrent writers take turns. */
export interface AuditHeadTable {
  id: number;
  seq: number;
  hash: string;
}

/** A signed statement of the chain's head at a sequence number. */
export interface AuditCheckpointTable {
  seq: number;
  hash: string;
  at: string;
  key_id: string;
  signature: string;
}

/** One roster import, with its counts and rejected rows (line numbers and reasons, no personal data). */
export interface RosterImportTable {
  id: string;
  at: string;
  actor: string;
  file_sha256: string;
  added: number;
  updated: number;
  unchanged: number;
  leavers: number;
  rejected: string;
  /** The UK day the file is as of: its versions start then (always set; nullable as SQLite adds a column). */
  as_of: string | null;
}

/** Trust settings (completion target, due-soon window, sign-in options), one row per key, JSON values. */
export interface SettingTable {
  key: string;
  value: string;
}

/**
 * One version of a person's reportable roster fields (department, staff group, hire and termination dates, exclusion),
 * in force on the UK dates from `valid_from` up to the day before `valid_to` (null: still in force). Written beside
 * every change to `people` in the same transaction; a row's facts never change, only its `valid_to` is set, once.
 */
export interface PersonHistoryTable {
  id: string;
  person: string;
  valid_from: string;
  valid_to: string | null;
  department_id: string;
  staff_group: string;
  hire_date: string | null;
  termination_date: string | null;
  excluded_reason: string | null;
  recorded_at: string;
  /** The person's names in this version (migration 006; versions from before it hold the names of that day). */
  first_name: string | null;
  preferred_name: string | null;
  last_name: string | null;
}

/** One version of a department's name, parent and target, dated as `PersonHistoryTable` is. */
export interface DepartmentHistoryTable {
  id: string;
  department: string;
  valid_from: string;
  valid_to: string | null;
  name: string;
  parent_id: string | null;
  target: number | null;
  recorded_at: string;
}

/** One version of a trust setting's value (JSON), dated as `PersonHistoryTable` is; a key with no row had its default. */
export interface SettingHistoryTable {
  id: string;
  key: string;
  valid_from: string;
  valid_to: string | null;
  value: string;
  recorded_at: string;
}

/** Each person's standing as of a date, kept in step with every write so dashboards read it instead of recomputing. */
export interface PersonStatusTable {
  person: string;
  as_of: string;
  department_id: string;
  staff_group: string;
  in_scope: number;
  compliant: number;
  /** `done`, `due-soon`, `due`, `overdue` or `out-of-scope`. */
  state: string;
  due_on: string | null;
  attested_on: string | null;
  completed_on: string | null;
  expires_on: string | null;
}

/** Completion by department and staff group at a past month end, recorded once so the trend shows what was known. */
export interface CompletionSnapshotTable {
  as_of: string;
  department_id: string;
  staff_group: string;
  in_scope: number;
  compliant: number;
}

/**
 * Background work (reminders and spot-check draws come next): claimed with a lease so several instances never run the
 * same job twice.
 */
export interface JobTable {
  id: string;
  type: string;
  payload: string;
  run_at: string;
  status: string;
  attempts: number;
  locked_by: string | null;
  locked_until: string | null;
  last_error: string | null;
  created_at: string;
}

/** Computed dashboards by a key of everything they depend on (see reports/dashboard.ts). */
export interface ReportCacheTable {
  key: string;
  body: string;
  created_at: string;
}

/** A rendered page, gzipped, under a key of everything it shows (see `reports/page-cache.ts`). */
export interface PageCacheTable {
  key: string;
  gzipped: Uint8Array;
  created_at: string;
}

/**
 * One reminder e-mail: planned for a recipient on a run day (at most one a day, and the planner keeps them a week
 * apart), claimed by one runner before it is sent. `status`: `queued`, `sending` (claimed, leased until
 * `claimed_until`), `sent`, `failed` (gave up after retries), `mail-merge` (no SMTP: waiting for the CSV) or
 * `exported` (in a downloaded mail-merge CSV).
 */
export interface ReminderSendTable {
  id: string;
  run_on: string;
  /** The person (`person:<id>`) or account (`account:<id>`) it is for. */
  recipient: string;
  email: string;
  /** JSON array of what the message holds: `own`, `manager`, `ig-lead`. */
  kinds: string;
  subject: string;
  body: string;
  /** How many due items (own and escalated) it covers. */
  items: number;
  status: string;
  attempts: number;
  claimed_by: string | null;
  claimed_until: string | null;
  sent_at: string | null;
  error: string | null;
  created_at: string;
}

/** The reminder stages each item has had (an item is one person's one requirement with its due date). */
export interface ReminderStageTable {
  item: string;
  stage: string;
  send_id: string;
}

/** Someone on leave: no reminders to them (or about them) until the day after `until`. */
export interface ReminderPauseTable {
  person: string;
  until: string;
  set_by: string;
  set_at: string;
}

/** A month's device spot check draw: the seed and the eligible roster it was drawn from, so anyone can re-run it. */
export interface SpotCheckDrawTable {
  id: string;
  /** `YYYY-MM`, one draw a month. */
  month: string;
  seed: string;
  size: number;
  /** `department` or `none`. */
  stratify: string;
  exclude_months: number;
  drawn_on: string;
  drawn_at: string;
  drawn_by: string;
  /** JSON `[employeeNumber, departmentId][]`, sorted: the people who could be drawn that day. */
  roster: string;
  roster_sha256: string;
}

/** One person's device check: drawn (with `draw`) or a re-check of a follow-up (with `follow_up`). */
export interface SpotCheckTable {
  id: string;
  draw: string | null;
  follow_up: string | null;
  person: string;
  department_id: string;
  /** `to-do`, `done` or `not-possible`. */
  status: string;
  checked_on: string | null;
  /** The account that recorded it. */
  checker: string | null;
  /** Why a check was not possible, or the checker's overall note. */
  note: string | null;
  recorded_at: string | null;
  created_at: string;
}

/** One checklist item's result: `pass`, `fail` or `not-applicable`, with the checker's note. */
export interface SpotCheckItemTable {
  check_id: string;
  item: string;
  outcome: string;
  note: string | null;
}

/** What a failed check leads to: retraining by a date and a re-check; closed by a re-check with no failures. */
export interface FollowUpTable {
  id: string;
  check_id: string;
  person: string;
  department_id: string;
  /** JSON array of the failed item ids. */
  items: string;
  retraining_by: string;
  recheck_on: string;
  created_on: string;
  closed_on: string | null;
  closed_by_check: string | null;
}

/** Every table, for `Kysely<Database>`. */
export interface Database {
  departments: DepartmentTable;
  people: PersonTable;
  accounts: AccountTable;
  manager_departments: ManagerDepartmentTable;
  sessions: SessionTable;
  rate_limits: RateLimitTable;
  policies: PolicyTable;
  policy_versions: PolicyVersionTable;
  attestations: AttestationTable;
  attempts: AttemptTable;
  completions: CompletionTable;
  signing_keys: SigningKeyTable;
  audit_log: AuditLogTable;
  audit_head: AuditHeadTable;
  audit_checkpoints: AuditCheckpointTable;
  roster_imports: RosterImportTable;
  settings: SettingTable;
  person_status: PersonStatusTable;
  completion_snapshots: CompletionSnapshotTable;
  jobs: JobTable;
  report_cache: ReportCacheTable;
  page_cache: PageCacheTable;
  person_history: PersonHistoryTable;
  department_history: DepartmentHistoryTable;
  setting_history: SettingHistoryTable;
  reminder_sends: ReminderSendTable;
  reminder_stages: ReminderStageTable;
  reminder_pauses: ReminderPauseTable;
  spot_check_draws: SpotCheckDrawTable;
  spot_checks: SpotCheckTable;
  spot_check_items: SpotCheckItemTable;
  follow_ups: FollowUpTable;
}

/** Row types, for code that passes rows around. */
export type PersonRow = Selectable<PersonTable>;
export type AccountRow = Selectable<AccountTable>;
export type PolicyVersionRow = Selectable<PolicyVersionTable>;
export type CompletionRow = Selectable<CompletionTable>;
export type AuditRow = Selectable<AuditLogTable>;
export type NewPerson = Insertable<PersonTable>;
