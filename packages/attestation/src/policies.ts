import { compareDates, formatLongDate, type IsoDate, isIsoDate } from '@im-records/records-policy';
import { z } from 'zod';
import { type Actor, canSeeDepartment, requireRole } from './access.ts';
import { appendAudit } from './audit/log.ts';
import { ukDate } from './clock.ts';
import type { PolicyVersionRow } from './db/schema.ts';
import { ConflictError, NotFoundError, ValidationError } from './errors.ts';
import { acceptedVersions, type VersionFacts, versionsInForce } from './rules/status.ts';
import { loadVersionFacts, refreshStatuses } from './status-store.ts';
import { inTransaction, type Store } from './store.ts';

/** The policy the toolkit is about; a trust may add others. */
export const DEFAULT_POLICY = { id: 'im-policy', title: 'Instant messaging policy' } as const;

const isoDate = z.string().refine(isIsoDate, 'must be a real date (YYYY-MM-DD)');

/** A new version as an IG lead submits it; checked here, whatever the form or API sent. */
export const newVersionSchema = z
  .object({
    policy: z.string().min(1).max(64),
    version: z
      .string()
      .regex(/^\d{1,4}(\.\d{1,4}){0,3}$/, 'the version number is numbers separated by dots, such as 2.1'),
    body: z.string().trim().min(20, 'the policy text is too short (at least 20 characters)').max(200_000),
    summary: z.string().trim().min(3, 'say what changed, in at least 3 characters').max(500),
    material: z.boolean(),
    effectiveDate: isoDate,
    dueDate: isoDate.nullable(),
    audience: z.array(z.string().min(1).max(100)).max(50),
  })
  .superRefine((v, ctx) => {
    if (v.material && !v.dueDate)
      ctx.addIssue({ code: 'custom', path: ['dueDate'], message: 'a material change needs a due date' });
    if (v.dueDate && compareDates(v.dueDate as IsoDate, v.effectiveDate as IsoDate) < 0) {
      ctx.addIssue({
        code: 'custom',
        path: ['dueDate'],
        message: 'the due date must be on or after the effective date',
      });
    }
  });

/** A new version's fields. */
export type NewVersion = z.input<typeof newVersionSchema>;

/** Orders version strings numerically (2.10 after 2.9). */
export function compareVersionNumbers(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

/** Creates a policy if it does not exist yet. */
export async function ensurePolicy(store: Store, policy: { id: string; title: string }): Promise<void> {
  await store.db
    .insertInto('policies')
    .values({ id: policy.id, title: policy.title, created_at: store.clock().toISOString() })
    .onConflict((oc) => oc.column('id').doNothing())
    .execute();
}

/**
 * Publishes a version (IG leads; `cli` and the demo pass a plain actor id). Refuses a version number that is not
 * higher than the last, an effective date before the last version's, and a minor change that widens the audience.
 * Refreshes everyone's status.
 */
export async function publishVersion(store: Store, actor: Actor | string, input: NewVersion): Promise<string> {
  if (typeof actor !== 'string') requireRole(actor, 'ig-lead');
  const parsed = newVersionSchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ValidationError(`${issue?.path.join('.') || 'version'}: ${issue?.message ?? 'invalid'}`);
  }
  const v = parsed.data;
  const actorId = typeof actor === 'string' ? actor : actor.accountId;
  return inTransaction(store, async (tx) => {
    const policy = await tx.db.selectFrom('policies').select('id').where('id', '=', v.policy).executeTakeFirst();
    if (!policy) throw new NotFoundError(`no policy '${v.policy}'`);
    const versions = await tx.db.selectFrom('policy_versions').selectAll().where('policy', '=', v.policy).execute();
    const latest = versions.sort((a, b) => compareVersionNumbers(a.version, b.version)).at(-1);
    if (latest && compareVersionNumbers(v.version, latest.version) <= 0) {
      throw new ConflictError(`version ${v.version} is not after the latest version, ${latest.version}`);
    }
    if (latest && compareDates(v.effectiveDate as IsoDate, latest.effective_date as IsoDate) < 0) {
      throw new ValidationError(
        `effectiveDate: the date it takes effect must be on or after ${formatLongDate(latest.effective_date)}, when version ${latest.version} took effect`,
      );
    }
    // A minor change asks nobody to attest again; for staff groups it adds to the audience it would mean due by the
    // last material change's date, long past: overdue the day it is published, with no invitation worth the name.
    const before = latest ? (JSON.parse(latest.audience) as string[]) : [];
    if (!v.material && before.length > 0 && (v.audience.length === 0 || v.audience.some((g) => !before.includes(g)))) {
      throw new ValidationError(
        'change: a minor change cannot add staff groups to the audience (they have not attested and would be overdue at once): publish it as a material change with a due date',
      );
    }
    const id = `${v.policy}-${v.version}`;
    await tx.db
      .insertInto('policy_versions')
      .values({
        id,
        policy: v.policy,
        version: v.version,
        body_markdown: v.body,
        summary: v.summary,
        material: v.material ? 1 : 0,
        effective_date: v.effectiveDate,
        due_date: v.material ? v.dueDate : null,
        audience: JSON.stringify([...new Set(v.audience)].sort()),
        published_at: tx.clock().toISOString(),
        published_by: actorId,
      })
      .execute();
    await appendAudit(tx, {
      actor: actorId,
      type: 'policy.published',
      subject: id,
      data: {
        version: v.version,
        material: v.material,
        effectiveDate: v.effectiveDate,
        dueDate: v.dueDate,
        audience: v.audience,
      },
    });
    await refreshStatuses(tx);
    return id;
  });
}

/** A version with its text. */
export interface PolicyVersion {
  id: string;
  policy: string;
  version: string;
  body: string;
  summary: string;
  material: boolean;
  effectiveDate: IsoDate;
  dueDate: IsoDate | null;
  audience: string[];
  publishedAt: string;
}

function fromRow(row: PolicyVersionRow): PolicyVersion {
  return {
    id: row.id,
    policy: row.policy,
    version: row.version,
    body: row.body_markdown,
    summary: row.summary,
    material: row.material === 1,
    effectiveDate: row.effective_date as IsoDate,
    dueDate: row.due_date as IsoDate | null,
    audience: JSON.parse(row.audience) as string[],
    publishedAt: row.published_at,
  };
}

/** One version, or {@link NotFoundError}. */
export async function getVersion(store: Store, id: string): Promise<PolicyVersion> {
  const row = await store.db.selectFrom('policy_versions').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw new NotFoundError('no such policy version');
  return fromRow(row);
}

/** Every policy with its versions (newest first) and how many people attested each. */
export async function listPolicies(store: Store) {
  const policies = await store.db.selectFrom('policies').selectAll().orderBy('title').execute();
  const versions = await store.db.selectFrom('policy_versions').selectAll().execute();
  const counts = await store.db
    .selectFrom('attestations')
    .select(['policy_version', (eb) => eb.fn.count<number>('person').distinct().as('people')])
    .groupBy('policy_version')
    .execute();
  const countOf = new Map(counts.map((c) => [c.policy_version, Number(c.people)]));
  const today = ukDate(store.clock());
  return policies.map((policy) => {
    const own = versions
      .filter((v) => v.policy === policy.id)
      .map(fromRow)
      .sort((a, b) => compareVersionNumbers(b.version, a.version));
    const inForce = versionsInForce(own.map(toFacts), today).get(policy.id) ?? [];
    return {
      id: policy.id,
      title: policy.title,
      current: inForce.at(-1)?.id ?? null,
      versions: own.map((v) => ({ ...v, attested: countOf.get(v.id) ?? 0 })),
    };
  });
}

function toFacts(v: PolicyVersion): VersionFacts {
  return { ...v, publishedAt: v.publishedAt };
}

/**
 * The version a person must attest now for each policy whose audience includes them, with whether they already have
 * (an attestation of an accepted version within the renewal period is enough).
 */
export async function currentVersionsFor(store: Store, staffGroup: string): Promise<PolicyVersion[]> {
  const today = ukDate(store.clock());
  const inForce = versionsInForce(await loadVersionFacts(store), today);
  const ids: string[] = [];
  for (const versions of inForce.values()) {
    const current = versions.at(-1);
    if (current && (current.audience.length === 0 || current.audience.includes(staffGroup))) ids.push(current.id);
  }
  if (ids.length === 0) return [];
  const rows = await store.db.selectFrom('policy_versions').selectAll().where('id', 'in', ids).execute();
  return rows.map(fromRow).sort((a, b) => (a.policy < b.policy ? -1 : 1));
}

/** The versions an attestation may be of and still count for a policy today (see `acceptedVersions`). */
export async function acceptedVersionIds(store: Store, policy: string): Promise<string[]> {
  const inForce = versionsInForce(await loadVersionFacts(store), ukDate(store.clock())).get(policy) ?? [];
  return acceptedVersions(inForce).map((v) => v.id);
}

/**
 * Who attested a version (old versions stay readable with this list), limited to the departments the actor sees: one
 * row per person, their latest attestation of it (someone who attested it again, or had it recorded on their behalf
 * too, is one person). Every one of them, so the count on the page is the number of people.
 */
export async function versionAttestations(store: Store, actor: Actor, versionId: string) {
  requireRole(actor, 'ig-lead', 'manager');
  await getVersion(store, versionId);
  if (actor.departments !== 'all' && actor.departments.length === 0) return [];
  let query = store.db
    .selectFrom('attestations')
    .innerJoin('people', 'people.id', 'attestations.person')
    .select([
      'attestations.id',
      'attestations.attested_on',
      'attestations.on_behalf_by',
      'people.id as person',
      'people.first_name',
      'people.last_name',
      'people.department_id',
    ])
    .where('attestations.policy_version', '=', versionId)
    .orderBy('attestations.attested_on', 'desc')
    .orderBy('attestations.attested_at', 'desc')
    .orderBy('attestations.id');
  if (actor.departments !== 'all') query = query.where('people.department_id', 'in', actor.departments);
  const latest = new Map<string, Awaited<ReturnType<typeof query.execute>>[number]>();
  for (const row of await query.execute()) {
    if (canSeeDepartment(actor, row.department_id) && !latest.has(row.person)) latest.set(row.person, row);
  }
  return [...latest.values()];
}
