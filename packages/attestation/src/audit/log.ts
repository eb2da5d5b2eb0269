/**
 * The tamper-evident audit log: each entry's hash is SHA-256 over the previous entry's hash and the canonical JSON of
 * the entry, so changing, removing or reordering any entry breaks every hash after it. The database refuses UPDATE and
 * DELETE on the table (triggers from the first migration); signed checkpoints of the head, kept outside the database in
 * evidence packs, catch a rewrite by someone who can drop the triggers.
 */
import { createHash, createPublicKey, verify } from 'node:crypto';
import { canonicalJson } from '../canonical-json.ts';
import type { AuditRow } from '../db/schema.ts';
import { ConflictError } from '../errors.ts';
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

/**
 * Signs the current head and records the checkpoint (in the log itself too, so the chain shows when it was taken).
 * Refuses with {@link ConflictError} when the chain since the last checkpoint does not check out: a signature over a
 * changed or rewritten log would vouch for it.
 */
export async function createCheckpoint(store: Store, key: ServiceKey, actor: string): Promise<Checkpoint> {
  return inTransaction(store, async (tx) => {
    // The head is locked first (PostgreSQL), so no entry lands while the chain is checked.
    let current = tx.db.selectFrom('audit_head').select(['seq', 'hash']).where('id', '=', 1);
    if (tx.kind === 'postgres') current = current.forUpdate();
    const broken = await brokenSinceLastCheckpoint(tx, await current.executeTakeFirstOrThrow());
    if (broken) {
      throw new ConflictError(
        `the audit log is broken at entry ${broken.seq}: ${broken.reason}; no checkpoint was signed (records attestation audit verify checks the whole log)`,
      );
    }
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

/**
 * The first problem in the chain from the last checkpoint to the head (the whole chain when there is none yet), or
 * null: the entry the checkpoint signed still has its hash, every entry after it recomputes, the head is the last.
 * Entries before the checkpoint are {@link verifyAudit}'s work; a rewrite of them changes the checkpoint's entry.
 */
async function brokenSinceLastCheckpoint(
  store: Store,
  head: { seq: number; hash: string },
): Promise<{ seq: number; reason: string } | null> {
  const last = await store.db
    .selectFrom('audit_checkpoints')
    .select(['seq', 'hash'])
    .orderBy('seq', 'desc')
    .limit(1)
    .executeTakeFirst();
  let from = 1;
  let prevHash = GENESIS_HASH;
  if (last) {
    const signed = await store.db
      .selectFrom('audit_log')
      .select('prev_hash')
      .where('seq', '=', last.seq)
      .executeTakeFirst();
    if (!signed)
      return { seq: last.seq, reason: `the checkpoint at entry ${last.seq} names an entry the log does not have` };
    from = last.seq;
    prevHash = signed.prev_hash;
  }
  const walk = await walkChain(store, from, prevHash, new Set(last ? [last.seq] : []));
  if (!walk.ok) return walk.firstBad;
  if (last && walk.hashes.get(last.seq) !== last.hash) {
    return { seq: last.seq, reason: `the log differs from the checkpoint signed at entry ${last.seq}` };
  }
  return endsAtHead(from - 1 + walk.entries, walk.lastHash, head);
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
  const walk = await walkChain(store, 1, GENESIS_HASH, wanted);
  const fail = (seq: number, reason: string): AuditVerification => ({
    ok: false,
    entries: walk.entries,
    checkpoints: checkpoints.length,
    headSeq: walk.entries,
    firstBad: { seq, reason },
  });
  if (!walk.ok) return fail(walk.firstBad.seq, walk.firstBad.reason);
  const head = await auditHead(store);
  const headProblem = endsAtHead(walk.entries, walk.lastHash, head);
  if (headProblem) return fail(headProblem.seq, headProblem.reason);
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
    const actual = walk.hashes.get(checkpoint.seq);
    if (actual === undefined)
      return fail(checkpoint.seq, `the checkpoint at entry ${checkpoint.seq} names an entry the log does not have`);
    if (actual !== checkpoint.hash)
      return fail(checkpoint.seq, `the log differs from the checkpoint signed at entry ${checkpoint.seq}`);
  }
  return { ok: true, entries: walk.entries, checkpoints: checkpoints.length, headSeq: head.seq };
}

/** What {@link walkChain} found: how many entries checked out, the last one's hash and the wanted hashes, or where it broke. */
type ChainWalk =
  | { ok: true; entries: number; lastHash: string; hashes: Map<number, string> }
  | { ok: false; entries: number; firstBad: { seq: number; reason: string } };

/**
 * Recomputes the chain from entry `from` (whose previous hash is `prevHash`) to its end: sequence numbers without
 * gaps, each `prev_hash` the hash before it, each hash right. Keeps the hashes at the `wanted` sequence numbers.
 */
async function walkChain(
  store: Store,
  from: number,
  prevHash: string,
  wanted: ReadonlySet<number>,
): Promise<ChainWalk> {
  const hashes = new Map<number, string>();
  let expectedSeq = from;
  let lastHash = prevHash;
  let entries = 0;
  const fail = (seq: number, reason: string): ChainWalk => ({ ok: false, entries, firstBad: { seq, reason } });
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
      if (row.prev_hash !== lastHash)
        return fail(row.seq, `entry ${row.seq} does not follow entry ${row.seq - 1}: its previous hash differs`);
      let data: unknown;
      try {
        data = JSON.parse(row.data);
      } catch {
        return fail(row.seq, `entry ${row.seq} has details that are not JSON`);
      }
      const hash = entryHash(lastHash, {
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
      lastHash = row.hash;
      expectedSeq += 1;
      entries += 1;
    }
    if (page.length < PAGE) break;
  }
  return { ok: true, entries, lastHash, hashes };
}

/** Whether the head row names the last entry the walk reached (entries cut off the end leave the head ahead). */
function endsAtHead(
  lastSeq: number,
  lastHash: string,
  head: { seq: number; hash: string },
): { seq: number; reason: string } | null {
  if (head.seq === lastSeq && head.hash === lastHash) return null;
  return {
    seq: head.seq,
    reason: `the log ends at entry ${lastSeq} but its head says ${head.seq}: entries after ${lastSeq} are missing`,
  };
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
  try {
    return await createCheckpoint(store, key, 'system');
  } catch (error) {
    // A broken log gets no signature; the service carries on (the audit page and `audit verify` say where it broke).
    if (error instanceof ConflictError) return undefined;
    throw error;
  }
}
