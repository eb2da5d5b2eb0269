/**
 * The trust's settings, stored in the database (so every instance reads the same) and checked by one schema. Defaults
 * come from records-policy (completion target, pass mark, renewal period) and from common practice (a 30-day "due
 * soon" window, 28 days for new starters, lockout after 5 failed sign-ins).
 */
import { DEFAULT_TRAINING_POLICY } from '@im-records/records-policy';
import { z } from 'zod';
import { appendAudit } from './audit/log.ts';
import { ValidationError } from './errors.ts';
import { recordSettings } from './history/record.ts';
import { DEFAULT_REMINDER_SCHEDULE, reminderScheduleSchema } from './reminders/schedule.ts';
import type { StatusRules } from './rules/status.ts';
import { inTransaction, type Store } from './store.ts';

/** Every setting with its rule and default. */
export const settingsSchema = z.object({
  /** Share of staff in scope who should be compliant (0–1]. */
  completionTarget: z.number().gt(0).lte(1).default(DEFAULT_TRAINING_POLICY.completionTarget),
  dueSoonDays: z.number().int().min(1).max(120).default(30),
  newStarterDays: z.number().int().min(0).max(365).default(28),
  /** Local (e-mail and password) sign-in; turn off when everyone signs in through the trust's identity provider. */
  passwordSignIn: z.boolean().default(true),
  /** Failed sign-ins in a row before an account is locked, and for how long. */
  lockoutThreshold: z.number().int().min(3).max(20).default(5),
  lockoutMinutes: z.number().int().min(1).max(1440).default(15),
  /** Sign-in attempts allowed from one address in 15 minutes. */
  signInRateLimit: z.number().int().min(5).max(1000).default(20),
  sessionHours: z.number().int().min(1).max(24).default(8),
  /** The label on the single sign-on button ("Sign in with your NHS account"). */
  ssoLabel: z.string().min(1).max(80).default('Sign in with your organisation account'),
  /** The reminder schedule (reminders/schedule.ts), set by IG leads. */
  reminders: reminderScheduleSchema.default(DEFAULT_REMINDER_SCHEDULE),
  /** The monthly device spot check's defaults, set by IG leads. */
  spotChecks: z
    .object({
      /** People drawn each month. */
      size: z.number().int().min(1).max(500).default(10),
      /** `department`: the sample is split across departments in proportion to their size. */
      stratify: z.enum(['department', 'none']).default('department'),
      /** People checked in this many months before the draw are not drawn again. */
      excludeMonths: z.number().int().min(0).max(36).default(6),
      /** After a failed item: retraining within this many days, and a re-check after this many. */
      retrainingDays: z.number().int().min(1).max(90).default(14),
      recheckDays: z.number().int().min(7).max(180).default(28),
    })
    .default({ size: 10, stratify: 'department', excludeMonths: 6, retrainingDays: 14, recheckDays: 28 }),
});

/** The trust's settings. */
export type Settings = z.infer<typeof settingsSchema>;

/** Defaults for every setting. */
export const DEFAULT_SETTINGS: Settings = settingsSchema.parse({});

/** Reads every setting, with defaults for those never set. */
export async function readSettings(store: Store): Promise<Settings> {
  const rows = await store.db.selectFrom('settings').selectAll().execute();
  const raw: Record<string, unknown> = {};
  for (const row of rows) {
    if (row.key in DEFAULT_SETTINGS) raw[row.key] = JSON.parse(row.value);
  }
  const parsed = settingsSchema.safeParse(raw);
  return parsed.success ? parsed.data : DEFAULT_SETTINGS;
}

/** Changes settings (validated; unknown keys refused) and records the change in the audit log. */
export async function updateSettings(store: Store, actor: string, changes: Partial<Settings>): Promise<Settings> {
  const parsed = settingsSchema.partial().strict().safeParse(changes);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ValidationError(`${issue?.path.join('.') || 'settings'}: ${issue?.message ?? 'invalid'}`);
  }
  return inTransaction(store, async (tx) => {
    for (const [key, value] of Object.entries(parsed.data)) {
      if (value === undefined) continue;
      await tx.db
        .insertInto('settings')
        .values({ key, value: JSON.stringify(value) })
        .onConflict((oc) => oc.column('key').doUpdateSet({ value: JSON.stringify(value) }))
        .execute();
    }
    await recordSettings(
      tx,
      Object.keys(parsed.data).filter((key) => parsed.data[key as keyof Settings] !== undefined),
    );
    await appendAudit(tx, { actor, type: 'settings.changed', data: { changed: parsed.data } });
    return readSettings(tx);
  });
}

/** The status rules for the current settings. */
export function statusRules(settings: Settings): StatusRules {
  return {
    renewalMonths: DEFAULT_TRAINING_POLICY.renewalMonths,
    dueSoonDays: settings.dueSoonDays,
    newStarterDays: settings.newStarterDays,
  };
}
