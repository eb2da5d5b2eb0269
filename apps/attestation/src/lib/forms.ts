/**
 * Every form post is checked here, with one zod schema per form: whatever a browser (or anyone else) sends, a page
 * only sees fields of the right shape, and a person sees each problem next to its field.
 */
import { isIsoDate } from '@im-records/records-policy';
import { z } from 'zod';

/** A problem with one field, for the error summary and the field's message. */
export interface FieldError {
  field: string;
  message: string;
}

/** The outcome of reading a form. */
export type FormResult<T> = { ok: true; data: T } | { ok: false; errors: FieldError[]; values: Record<string, string> };

/** Reads a posted form against a schema (text fields only; files are read by the page). */
export function readForm<T>(schema: z.ZodType<T>, form: FormData | null): FormResult<T> {
  const values: Record<string, string | string[]> = {};
  for (const [name, value] of form?.entries() ?? []) {
    if (name === '_csrf' || typeof value !== 'string') continue;
    const existing = values[name];
    if (existing === undefined) values[name] = value;
    else values[name] = Array.isArray(existing) ? [...existing, value] : [existing, value];
  }
  const parsed = schema.safeParse(values);
  if (parsed.success) return { ok: true, data: parsed.data };
  const flat = Object.fromEntries(Object.entries(values).map(([k, v]) => [k, Array.isArray(v) ? v.join(', ') : v]));
  return {
    ok: false,
    values: flat,
    errors: parsed.error.issues.map((issue) => ({ field: String(issue.path[0] ?? 'form'), message: issue.message })),
  };
}

const text = (max: number, message: string) =>
  z.string({ error: message }).trim().min(1, message).max(max, `${message} (at most ${max} characters)`);
const list = z
  .union([z.string(), z.array(z.string())])
  .optional()
  .transform((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]));
const days = (message: string, min: number, max: number) =>
  z.coerce.number({ error: message }).int(message).min(min, message).max(max, message);

/** A date field: the shape first, then a real day (2026-02-30 is said next to its field, not by a later error page). */
const isoDate = z.string().superRefine((value, context) => {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value))
    context.addIssue({ code: 'custom', message: 'Enter a date in the form YYYY-MM-DD' });
  else if (!isIsoDate(value)) {
    context.addIssue({ code: 'custom', message: 'Enter a real date in the form YYYY-MM-DD, such as 2026-03-31' });
  }
});

/** Sign-in with e-mail and password. */
export const signInForm = z.object({
  email: text(254, 'Enter your e-mail address'),
  password: z
    .string({ error: 'Enter your password' })
    .min(1, 'Enter your password')
    .max(200, 'The password is at most 200 characters'),
});

/** Attesting to a policy version. */
export const attestForm = z.object({
  version: text(100, 'Choose the policy version'),
  confirm: z.literal('yes', { error: 'Confirm that you have read and will follow the policy' }),
});

/** Recording an attestation on someone's behalf. */
export const onBehalfForm = z.object({
  version: text(100, 'Choose the policy version'),
  remark: text(500, 'Say how the person attested'),
  attestedOn: z.union([isoDate, z.literal('')]).optional(),
});

/** The assessment's answers: `q:<question id>` fields, each one or more option ids. */
export const answersForm = z
  .object({ attempt: text(64, 'The attempt is missing') })
  .catchall(z.union([z.string(), z.array(z.string())]));

/** Publishing a policy version. */
export const versionForm = z.object({
  policy: text(64, 'Choose the policy'),
  version: text(20, 'Enter the version number'),
  summary: text(500, 'Say what changed'),
  body: text(200_000, 'Enter the policy text'),
  change: z.enum(['material', 'minor'], { error: 'Say whether the change is material or minor' }),
  effectiveDate: isoDate,
  dueDate: z.union([isoDate, z.literal('')]).optional(),
  audience: list,
});

/** Checking a certificate by short code. */
export const verifyForm = z.object({ code: text(40, 'Enter the certificate code') });

/** Creating an account. */
export const accountForm = z.object({
  email: text(254, 'Enter an e-mail address'),
  role: z.enum(['staff', 'manager', 'ig-lead', 'admin'], { error: 'Choose a role' }),
  password: z.string().max(200, 'The password is at most 200 characters').optional(),
  departments: list,
});

/** Changing an account. */
export const accountUpdateForm = z.object({
  action: z.enum(['role', 'disable', 'enable', 'unlock']),
  role: z.enum(['staff', 'manager', 'ig-lead', 'admin']).optional(),
  departments: list,
});

/** The sign-in settings an admin changes. */
export const signInSettingsForm = z.object({
  passwordSignIn: z.enum(['on', 'off']),
  lockoutThreshold: z.coerce
    .number()
    .int()
    .min(3, 'Lock after 3 to 20 failures')
    .max(20, 'Lock after 3 to 20 failures'),
  lockoutMinutes: z.coerce.number().int().min(1, 'Lock for 1 to 1440 minutes').max(1440, 'Lock for 1 to 1440 minutes'),
  sessionHours: z.coerce.number().int().min(1, 'Sessions last 1 to 24 hours').max(24, 'Sessions last 1 to 24 hours'),
  ssoLabel: text(80, 'Enter the single sign-on button text'),
});

/** A percentage as people type it: 95, 90.5 or 95% (the sign and spaces dropped), above 0 and at most 100; else null. */
function readPercent(typed: string): number | null {
  const value = typed.trim().replace(/\s*%$/, '');
  const number = /^\d+(\.\d+)?$/.test(value) ? Number(value) : Number.NaN;
  return number > 0 && number <= 100 ? number : null;
}

/** A required percentage field, with one message in words for anything else. */
const percent = (message: string) =>
  z.string({ error: message }).transform((typed, context) => {
    const number = readPercent(typed);
    if (number !== null) return number;
    context.addIssue({ code: 'custom', message });
    return z.NEVER;
  });

/** A percentage field that may be left empty (''). */
const optionalPercent = (message: string) =>
  z.string({ error: message }).transform((typed, context) => {
    if (typed.trim() === '') return '' as const;
    const number = readPercent(typed);
    if (number !== null) return number;
    context.addIssue({ code: 'custom', message });
    return z.NEVER;
  });

/** The trust's target and department targets (percentages). */
export const targetsForm = z.object({
  completionTarget: percent('Enter the target as a percentage above 0 and at most 100, such as 95'),
  dueSoonDays: days('Enter the number of days, 1 to 120', 1, 120),
});

/** One department's own target (empty follows the trust's). */
export const departmentTargetForm = z.object({
  department: text(100, 'Choose a department'),
  target: optionalPercent("Enter the department's target as a percentage above 0 and at most 100, or leave it empty"),
});

/** A reason (revoking a certificate, excluding someone). */
export const reasonForm = z.object({ reason: text(500, 'Give a reason') });

/** The day a roster upload is as of (blank for today), on the upload and again on the confirmation. */
export const rosterAsOfForm = z.object({ asOf: z.union([isoDate, z.literal('')]).optional() });

/** Confirming a previewed roster import. */
export const rosterConfirmForm = z.object({
  upload: text(64, 'The upload is missing'),
  strict: z.enum(['on']).optional(),
  asOf: z.union([isoDate, z.literal('')]).optional(),
});

/** The reminder schedule an IG lead sets (checked again, as a whole, by the package's schedule schema). */
export const reminderScheduleForm = z.object({
  enabled: z.enum(['yes', 'no'], { error: 'Say whether reminders are sent' }),
  invitationDays: days('The invitation goes 1 to 120 days before the due date', 1, 120),
  beforeDays: z
    .string()
    .trim()
    .max(40, 'List up to six numbers of days, separated by commas, such as 14, 7, 1')
    .regex(/^(\d{1,3}(\s*,\s*\d{1,3}){0,5})?$/, 'List up to six numbers of days, separated by commas, such as 14, 7, 1')
    .transform((v) => (v === '' ? [] : v.split(',').map((n) => Number(n.trim())))),
  overdueEveryDays: days('Overdue reminders go every 7 to 56 days', 7, 56),
  escalateManagerDays: days('Tell the line manager after 1 to 90 days overdue', 1, 90),
  escalateIgLeadDays: days('Tell the IG lead after 1 to 180 days overdue', 1, 180),
  capDays: days('At most one e-mail every 7 to 28 days', 7, 28),
});

/** Drawing the month's spot checks. */
export const drawForm = z.object({
  month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'Enter the month as YYYY-MM'),
  size: days('Draw 1 to 500 people', 1, 500),
  stratify: z.enum(['department', 'none'], { error: 'Choose how to draw' }),
  excludeMonths: days('Leave out people checked in the last 0 to 36 months', 0, 36),
  seed: z.string().trim().max(100, 'The seed is at most 100 characters').optional(),
});

/** The checker's form: `outcome:<item>` (pass, fail, not-applicable) and `note:<item>` for each checklist item. */
export const checkForm = z
  .object({ checkedOn: isoDate })
  .catchall(z.string().max(600, 'A note is at most 500 characters'));

/** A check that could not be done. */
export const notPossibleForm = z.object({ reason: text(200, 'Say why the check could not be done') });

/** The learning record store an admin configures. */
export const lrsForm = z.object({
  enabled: z.enum(['yes', 'no'], { error: 'Say whether statements are sent' }),
  endpoint: z.string().trim().max(500, 'The address is at most 500 characters'),
  username: z.string().trim().max(200, 'The key is at most 200 characters'),
  secret: z.string().max(500, 'The secret is at most 500 characters').optional(),
});

/** Pausing reminders to someone on leave (empty `until` lifts the pause). */
export const pauseForm = z.object({ until: z.union([isoDate, z.literal('')]) });

/** How many unanswered questions the error summary names one by one before it sums up the rest. */
const UNANSWERED_LISTED = 5;

/**
 * The error summary for an assessment sent with questions unanswered (numbered from 1, in order): each named with a link
 * to it, up to five, then one line for the rest; when none was answered, one line to the first. Every unanswered
 * question is also marked beside it, so a long summary would only repeat the page.
 */
export function unansweredSummary(questions: readonly number[], total: number): FieldError[] {
  const link = (n: number) => `q-${n - 1}`;
  const first = questions[0] ?? 1;
  if (questions.length === total && total > 1) {
    return [{ field: link(first), message: `Answer the questions: none of the ${total} has an answer yet` }];
  }
  const listed = questions
    .slice(0, UNANSWERED_LISTED)
    .map((n) => ({ field: link(n), message: `Answer question ${n}` }));
  const rest = questions.slice(UNANSWERED_LISTED);
  if (rest.length === 0) return listed;
  const next = rest[0] as number;
  const more =
    rest.length === 1 ? `Answer question ${next}` : `Answer the ${rest.length} other questions from question ${next}`;
  return [...listed, { field: link(next), message: more }];
}
