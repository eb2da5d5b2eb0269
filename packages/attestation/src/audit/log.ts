/**
 * The tamper-evident audit log: each entry's hash is SHA-256 over the previous entry's hash and the canonical JSON of
 * the entry, so changing, removing or reordering any entry breaks every hash after it. The database refuses UPDATE and
 * DELETE on the table (triggers from the first migration); signed checkpoints of the head, kept outside the database in
 * evidence packs, catch a rewrite by someone who can drop the triggers.
 */
import { createHash, createPublicKey, verify } from 'node:crypto';
import { canonicalJson } from '../canonical-json.ts';
import type { AuditRow } from '../db/schema.ts';
import type { Ed25519PublicJwk, ServiceKey } from '../keys.ts';
import { inTransaction, type Store } from '../store.ts';

/** The hash before the first entry. */
export const GENESIS_HASH = '0'.repeat(64);

/**
 * What gets recorded, including every reminder sent, spot check drawn and recorded, and a learning record store
 * statement given up on; a reader of the log needs nothing else to know what each entry means.
 */
export const AUDIT_EVENT_TYPES = [
  'account.created',
  'account.updated',
  'account.signed-in',
  'account.sign-in-failed',
  'account.locked',
  'account.signed-out',
  'roster.imported',
  'person.excluded',
  'person.included',
  'policy.published',
  'attestation.recorded',
  'assessment.started',
  'assessment.finished',
  'completion.recorded',
  'certificate.revoked',
  'settings.changed',
  'evidence.exported',
  'records.downloaded',
  'audit.checkpoint',
  'reminders.planned',
  'reminder.sent',
  'reminder.failed',
  'reminders.exported',
  'reminders.paused',
  'spot-check.drawn',
  'spot-check.recorded',
  'follow-up.closed',
  'lrs.statement-failed',
] as const;

/** One of {@link AUDIT_EVENT_TYPES}. */
export type AuditEventType = (typeof AUDIT_EVENT_TYPES)[number];

/** An event to record. `data` holds ids and counts, never names or e-mail addresses. */
export interface AuditEvent {
  /** An account id, `cli`, `system` or `anonymous`. */
  actor: string;
  type: AuditEventType;
  /** The id the event is about (a person, account, policy version), when there is one. */
  subject?: string | null;
  data?: Record<string, unknown>;
}

/** The hash of an entry: SHA-256 (hex) of the previous hash, a newline, and the canonical JSON of the entry. */
export function entryHash(
  prevHash: string,
  entry: { seq: number; at: string; actor: string; type: string; subject: string | null; data: unknown },
): string {
  const body = canonicalJson({
    seq: entry.seq,
    at: entry.at,
    actor: entry.actor,
    type: entry.type,
    subject: entry.subject,
    data: entry.data,
  });
  return createHash('sha256').update(`${prevHash}\n${body}`).digest('hex');
}

/**
 * Appends an event in the caller's transaction (or its own). The head row is locked for the rest of the transaction,
 * so appends from several instances take turns and the chain never forks. Returns the new entry's sequence number.
 */
export async function appendAudit(store: Store, event: AuditEvent): Promise<number> {
  return inTransaction(store, async (tx) => {
    let head = tx.db.selectFrom('audit_head').select(['seq', 'hash']).where('id', '=', 1);
    if (tx.kind === 'postgres') head = head.forUpdate();
    const { seq: prevSeq, hash: prevHash } = await head.executeTakeFirstOrThrow();
    const seq = prevSeq + 1;
    const at = tx.clock().toISOString();
    const data = event.data ?? {};
    const subject = event.subject ?? null;
    const hash = entryHash(prevHash, { seq, at, actor: event.actor, type: event.type, subject, data });
    await tx.db
      .insertInto('audit_log')
      .values({
        seq,
        at,
        actor: event.actor,
        type: event.type,
        subject,
        data: canonicalJson(data),
        prev_hash: prevHash,
        hash,
      })
      .execute();
    await tx.db.updateTable('audit_head').set({ seq, hash }).where('id', '=', 1).execute();
    return seq;
  });
}

/** The newest sequence number and hash. */
export async function auditHead(store: Store): Promise<{ seq: number; hash: string }> {
  return store.db.selectFrom('audit_head').select(['seq', 'hash']).where('id', '=', 1).executeTakeFirstOrThrow();
}

/** A signed statement of the chain's head: what an evidence pack carries. */
export interface Checkpoint {
  log: 'im-records-attestation-audit';
  seq: number;
  hash: string;
  at: string;
  keyId: string;
  /** base64url Ed25519 signature over the canonical JSON of `{ log, seq, hash, at, keyId }`. */
  signature: string;
}

function checkpointBody(checkpoint: Omit<Checkpoint, 'signature'>): Uint8Array {
  return new TextEncoder().encode(
    canonicalJson({
      log: checkpoint.log,
      seq: checkpoint.seq,
      hash: checkpoint.hash,
      at: checkpoint.at,
      keyId: checkpoint.keyId,
    }),
  );
}

/** Signs the current head and records the checkpoint (in the log itself too, so the chain shows when it was taken). */
export async function createCheckpoint(store: Store, key: ServiceKey, actor: string): Promise<Checkpoint> {
  return inTransaction(store, async (tx) => {
    await appendAudit(tx, { actor, type: 'audit.checkpoint' });
    const head = await auditHead(tx);
    const unsigned = {
      log: 'im-records-attestation-audit' as const,
      seq: head.seq,
      hash: head.hash,
      at: tx.clock().toISOString(),
      keyId: key.kid,
    };
    const signature = Buffer.from(key.sign(checkpointBody(unsigned))).toString('base64url');
    await tx.db
      .insertInto('audit_checkpoints')
      .values({ seq: unsigned.seq, hash: unsigned.hash, at: unsigned.at, key_id: key.kid, signature })
      .execute();
    return { ...unsigned, signature };
  });
}

/** The newest checkpoint, if any. */
export async function latestCheckpoint(store: Store): Promise<Checkpoint | undefined> {
  const row = await store.db
    .selectFrom('audit_checkpoints')
    .selectAll()
    .orderBy('seq', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row
    ? {
        log: 'im-records-attestation-audit',
        seq: row.seq,
        hash: row.hash,
        at: row.at,
        keyId: row.key_id,
        signature: row.signature,
      }
    : undefined;
}

/** Checks a checkpoint's signature against a public key. */
export function checkpointSignatureValid(checkpoint: Checkpoint, jwk: Ed25519PublicJwk): boolean {
  const key = createPublicKey({ key: { ...jwk }, format: 'jwk' });
  return verify(null, checkpointBody(checkpoint), key, Buffer.from(checkpoint.signature, 'base64url'));
}

/** The verdict of {@link verifyAudit}. */
export interface AuditVerification {
  ok: boolean;
  entries: number;
  checkpoints: number;
  headSeq: number;
  /** The first entry (or checkpoint) that does not check out, and why. */
  firstBad?: { seq: number; reason: string };
}

const PAGE = 5_000;

/**
 * Recomputes the whole chain from the first entry: sequence numbers without gaps, each `prev_hash` the hash before it,
 * each hash right, the head row matching the last entry, and every stored checkpoint (plus any `external` ones, e.g.
 * from an evidence pack) signed by a known key and agreeing with the chain at its sequence number.
 */
export async function verifyAudit(store: Store, external: readonly Checkpoint[] = []): Promise<AuditVerification> {
  const hashes = new Map<number, string>();
  const wanted = new Set<number>();
  const stored = await store.db.selectFrom('audit_checkpoints').selectAll().orderBy('seq').execute();
  const checkpoints: Checkpoint[] = [
    ...stored.map((row) => ({
      log: 'im-records-attestation-audit' as const,
      seq: row.seq,
      hash: row.hash,
      at: row.at,
      keyId: row.key_id,
      signature: row.signature,
    })),
    ...external,
  ];
  for (const checkpoint of checkpoints) wanted.add(checkpoint.seq);
  let expectedSeq = 1;
  let prevHash = GENESIS_HASH;
  let entries = 0;
  const fail = (seq: number, reason: string): AuditVerification => ({
    ok: false,
    entries,
    checkpoints: checkpoints.length,
    headSeq: expectedSeq - 1,
    firstBad: { seq, reason },
  });
  for (;;) {
    const page: AuditRow[] = await store.db
      .selectFrom('audit_log')
      .selectAll()
      .where('seq', '>=', expectedSeq)
      .orderBy('seq')
      .limit(PAGE)
      .execute();
    for (const row of page) {
      if (row.seq !== expectedSeq) return fail(expectedSeq, `entry ${expectedSeq} is missing (next is ${row.seq})`);
      if (row.prev_hash !== prevHash)
        return fail(row.seq, `entry ${row.seq} does not follow entry ${row.seq - 1}: its previous hash differs`);
      let data: unknown;
      try {
        data = JSON.parse(row.data);
      } catch {
        return fail(row.seq, `entry ${row.seq} has details that are not JSON`);
      }
      const hash = entryHash(prevHash, {
        seq: row.seq,
        at: row.at,
        actor: row.actor,
        type: row.type,
        subject: row.subject,
        data,
      });
      if (hash !== row.hash || canonicalJson(data) !== row.data) {
        return fail(row.seq, `entry ${row.seq} (${row.type}) has been changed: its hash does not match its contents`);
      }
      if (wanted.has(row.seq)) hashes.set(row.seq, row.hash);
      prevHash = row.hash;
      expectedSeq += 1;
      entries += 1;
    }
    if (page.length < PAGE) break;
  }
  const head = await auditHead(store);
  if (head.seq !== entries || head.hash !== prevHash) {
    return fail(
      head.seq,
      `the log ends at entry ${entries} but its head says ${head.seq}: entries after ${entries} are missing`,
    );
  }
  const keys = new Map(
    (await store.db.selectFrom('signing_keys').select(['kid', 'public_jwk']).execute()).map((row) => [
      row.kid,
      JSON.parse(row.public_jwk) as Ed25519PublicJwk,
    ]),
  );
  for (const checkpoint of checkpoints) {
    const jwk = keys.get(checkpoint.keyId);
    if (!jwk)
      return fail(
        checkpoint.seq,
        `the checkpoint at entry ${checkpoint.seq} is signed by an unknown key ${checkpoint.keyId}`,
      );
    if (!checkpointSignatureValid(checkpoint, jwk))
      return fail(checkpoint.seq, `the checkpoint at entry ${checkpoint.seq} has a bad signature`);
    const actual = hashes.get(checkpoint.seq);
    if (actual === undefined)
      return fail(checkpoint.seq, `the checkpoint at entry ${checkpoint.seq} names an entry the log does not have`);
    if (actual !== checkpoint.hash)
      return fail(checkpoint.seq, `the log differs from the checkpoint signed at entry ${checkpoint.seq}`);
  }
  return { ok: true, entries, checkpoints: checkpoints.length, headSeq: head.seq };
}

/**
 * Appends many events in one go (the demo trust and the benchmark backfill history this way): the same chain as
 * {@link appendAudit}, computed in memory and inserted in batches, in the caller's transaction.
 */
export async function appendAuditMany(store: Store, events: readonly AuditEvent[]): Promise<void> {
  if (events.length === 0) return;
  await inTransaction(store, async (tx) => {
    let head = tx.db.selectFrom('audit_head').select(['seq', 'hash']).where('id', '=', 1);
    if (tx.kind === 'postgres') head = head.forUpdate();
    let { seq, hash } = await head.executeTakeFirstOrThrow();
    const at = tx.clock().toISOString();
    const rows = events.map((event) => {
      seq += 1;
      const data = event.data ?? {};
      const subject = event.subject ?? null;
      const prevHash = hash;
      hash = entryHash(prevHash, { seq, at, actor: event.actor, type: event.type, subject, data });
      return {
        seq,
        at,
        actor: event.actor,
        type: event.type,
        subject,
        data: canonicalJson(data),
        prev_hash: prevHash,
        hash,
      };
    });
    for (let i = 0; i < rows.length; i += 500)
      await tx.db
        .insertInto('audit_log')
        .values(rows.slice(i, i + 500))
        .execute();
    await tx.db.updateTable('audit_head').set({ seq, hash }).where('id', '=', 1).execute();
  });
}

const CHECKPOINT_DAY_KEY = '_checkpoint_day';

/**
 * Signs a checkpoint of the head once a day (like a CloudTrail digest), on the first call of the day; the
 * compare-and-set on the stored day means one instance signs it. Returns the checkpoint when this call signed one.
 */
export async function ensureDailyCheckpoint(
  store: Store,
  key: ServiceKey,
  today: string,
): Promise<Checkpoint | undefined> {
  const value = JSON.stringify(today);
  const stored = await store.db
    .selectFrom('settings')
    .select('value')
    .where('key', '=', CHECKPOINT_DAY_KEY)
    .executeTakeFirst();
  if (stored?.value === value) return undefined;
  if (stored) {
    const claimed = await store.db
      .updateTable('settings')
      .set({ value })
      .where('key', '=', CHECKPOINT_DAY_KEY)
      .where('value', '!=', value)
      .executeTakeFirst();
    if (Number(claimed.numUpdatedRows) === 0) return undefined;
  } else {
    const inserted = await store.db
      .insertInto('settings')
      .values({ key: CHECKPOINT_DAY_KEY, value })
      .onConflict((oc) => oc.column('key').doNothing())
      .executeTakeFirst();
    if (Number(inserted.numInsertedOrUpdatedRows ?? 0) === 0) return undefined;
  }
  return createCheckpoint(store, key, 'system');
}
