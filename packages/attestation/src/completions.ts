/**
 * Completions and their certificates. A passed assessment becomes a completion with a certificate signed by the
 * service's key (`kid` names it): the training site's certificate format, plus a short code that the service's
 * `/verify` page and API resolve to the whole record. A certificate verifies only when its signature checks against a
 * key the service has published, its details match the record, and it has not been revoked; an uploaded PDF also has
 * to be byte for byte the file the service issues for that code.
 */
import { randomUUID } from 'node:crypto';
import {
  type CertificateFields,
  type CodeVerification,
  decodeCertificateCode,
  newShortCode,
  normaliseName,
  normaliseShortCode,
  type Signer,
  signCertificate,
  type TrustedKey,
  verifyCertificateCode,
} from '@im-records/certificate';
import { nodeFontLoader } from '@im-records/certificate/node';
import { buildCertificatePdf, checkCertificatePdf, readCertificateCode } from '@im-records/certificate/pdf';
import { type Course, passMark } from '@im-records/course';
import { compareDates, expiryDate, type IsoDate, POLICY_PACKAGE_VERSION } from '@im-records/records-policy';
import { type Actor, requireDepartment, requireRole } from './access.ts';
import { appendAudit } from './audit/log.ts';
import { ukDate } from './clock.ts';
import { ConflictError, NotFoundError, ValidationError } from './errors.ts';
import { publishedKeys, type ServiceKey } from './keys.ts';
import { currentVersionsFor, DEFAULT_POLICY } from './policies.ts';
import { refreshStatuses } from './status-store.ts';
import { inTransaction, type Store } from './store.ts';

/** A completion as issued. */
export interface IssuedCompletion {
  id: string;
  shortCode: string;
  code: string;
  fields: CertificateFields;
}

/** The name printed on a certificate: the person's preferred (or first) name and last name. */
export function certificateName(person: {
  first_name: string;
  preferred_name: string | null;
  last_name: string;
}): string {
  return normaliseName(`${person.preferred_name || person.first_name} ${person.last_name}`);
}

function signerOf(key: ServiceKey) {
  return {
    privateKey: key.privateKey.toCryptoKey('Ed25519', false, ['sign']) as Signer['privateKey'],
    publicJwk: key.publicJwk,
    kid: key.kid,
  };
}

/** Records a completion for a passed attempt and signs its certificate (inside the caller's transaction). */
export async function issueCompletion(
  store: Store,
  actor: string,
  input: { person: string; attempt: string; correct: number; total: number; course: Course },
  issuer: { key: ServiceKey; verifyUrl: string },
): Promise<IssuedCompletion> {
  return inTransaction(store, async (tx) => {
    const person = await tx.db
      .selectFrom('people')
      .select(['id', 'first_name', 'preferred_name', 'last_name', 'staff_group'])
      .where('id', '=', input.person)
      .executeTakeFirst();
    if (!person) throw new NotFoundError('no such person on the roster');
    const completedOn = ukDate(tx.clock());
    const policy =
      (await currentVersionsFor(tx, person.staff_group)).find((v) => v.policy === DEFAULT_POLICY.id) ??
      (await currentVersionsFor(tx, person.staff_group))[0];
    const id = randomUUID();
    const shortCode = newShortCode();
    const fields: CertificateFields = {
      certificateId: id,
      name: certificateName(person),
      course: input.course.settings.title,
      courseVersion: input.course.settings.version,
      completedOn,
      expiresOn: expiryDate(completedOn),
      scoreCorrect: input.correct,
      scoreTotal: input.total,
      passMark,
      policyVersionId: policy?.id ?? 'none',
      policyVersion: policy?.version ?? 'none',
      policyPackageVersion: POLICY_PACKAGE_VERSION,
      shortCode,
      verifyUrl: issuer.verifyUrl,
    };
    const code = await signCertificate(fields, signerOf(issuer.key));
    await tx.db
      .insertInto('completions')
      .values({
        id,
        person: person.id,
        attempt: input.attempt,
        short_code: shortCode,
        code,
        key_id: issuer.key.kid,
        completed_on: completedOn,
        expires_on: fields.expiresOn,
        score_correct: input.correct,
        score_total: input.total,
        created_at: tx.clock().toISOString(),
        revoked_at: null,
        revoked_reason: null,
      })
      .execute();
    await appendAudit(tx, {
      actor,
      type: 'completion.recorded',
      subject: person.id,
      data: { completion: id, attempt: input.attempt, completedOn, expiresOn: fields.expiresOn, keyId: issuer.key.kid },
    });
    await refreshStatuses(tx, [person.id]);
    return { id, shortCode, code, fields };
  });
}

/** The keys certificates are checked against: every key the service has published. */
export async function trustedKeysOf(store: Store): Promise<TrustedKey[]> {
  return (await publishedKeys(store.db)).map((k) => ({ kid: k.kid, issuer: k.issuer, jwk: k.jwk }));
}

/** The verdict on a short code or certificate file. */
export type CertificateCheck =
  | { status: 'not-found' }
  /** An uploaded file that is not a PDF, or a PDF with no certificate code in it. */
  | { status: 'not-a-certificate'; reason: 'not-a-pdf' | 'no-code' }
  | { status: 'malformed'; problem: string }
  | { status: 'valid' | 'expired'; fields: CertificateFields; issuer: string; issuedAt: string }
  | {
      status: 'revoked';
      fields: CertificateFields;
      issuer: string;
      issuedAt: string;
      revokedOn: IsoDate;
      reason: string;
    }
  | { status: 'altered'; fields: CertificateFields; reason: string };

async function judge(store: Store, code: string, verification: CodeVerification): Promise<CertificateCheck> {
  if (verification.status === 'bad-signature') {
    return { status: 'altered', fields: verification.fields, reason: 'the details do not match their signature' };
  }
  if (verification.status !== 'valid') {
    return {
      status: 'altered',
      fields: verification.fields,
      reason:
        verification.status === 'self-signed'
          ? "it is a practice certificate made on the learner's own device: nobody vouches for it"
          : 'it was not signed by this service',
    };
  }
  const shortCode = verification.fields.shortCode;
  const row = shortCode
    ? await store.db.selectFrom('completions').selectAll().where('short_code', '=', shortCode).executeTakeFirst()
    : undefined;
  if (!row || row.code !== code) {
    return { status: 'altered', fields: verification.fields, reason: 'the service has no record of this certificate' };
  }
  const base = { fields: verification.fields, issuer: verification.issuer, issuedAt: row.created_at };
  if (row.revoked_at) {
    return {
      status: 'revoked',
      ...base,
      revokedOn: ukDate(new Date(row.revoked_at)),
      reason: row.revoked_reason ?? '',
    };
  }
  const expired = compareDates(row.expires_on as IsoDate, ukDate(store.clock())) <= 0;
  return { status: expired ? 'expired' : 'valid', ...base };
}

/** Resolves a short code (as typed) to the whole certificate record and whether it stands. */
export async function checkShortCode(store: Store, input: string): Promise<CertificateCheck> {
  const shortCode = normaliseShortCode(input);
  if (!shortCode)
    return { status: 'malformed', problem: 'a certificate code has 12 letters and digits, like ABCD-EFGH-JKMN' };
  const row = await store.db
    .selectFrom('completions')
    .select('code')
    .where('short_code', '=', shortCode)
    .executeTakeFirst();
  if (!row) return { status: 'not-found' };
  return judge(store, row.code, await verifyCertificateCode(row.code, await trustedKeysOf(store)));
}

/** Checks an uploaded certificate PDF: its code, the record, and that the file is exactly the one issued for that code. */
export async function checkCertificateFile(store: Store, bytes: Uint8Array): Promise<CertificateCheck> {
  // "No certificate has this code" would send someone who uploaded the wrong file to check a code they never typed.
  if (!startsWithPdfHeader(bytes)) return { status: 'not-a-certificate', reason: 'not-a-pdf' };
  const result = await checkCertificatePdf(bytes, nodeFontLoader, await trustedKeysOf(store));
  if (result.status === 'not-a-certificate') return { status: 'not-a-certificate', reason: 'no-code' };
  if (result.status === 'malformed') return { status: 'malformed', problem: result.problem };
  const judged = await judge(store, (await readCertificateCode(bytes)) ?? '', result.verification);
  if (!result.unchanged && 'fields' in judged && judged.status !== 'altered') {
    return {
      status: 'altered',
      fields: judged.fields,
      reason: 'the file is not the one that was issued: it has been edited',
    };
  }
  return judged;
}

/** Whether bytes begin as a PDF does (`%PDF-`, which readers allow within the first 1,024 bytes). */
function startsWithPdfHeader(bytes: Uint8Array): boolean {
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 1024));
  return head.includes('%PDF-');
}

/** Withdraws a certificate (IG leads): it no longer verifies and no longer counts. */
export async function revokeCompletion(
  store: Store,
  actor: Actor,
  completionId: string,
  reason: string,
): Promise<void> {
  requireRole(actor, 'ig-lead');
  const why = reason.trim();
  if (why.length < 3 || why.length > 500)
    throw new ValidationError('reason: say why the certificate is withdrawn (3 to 500 characters)');
  await inTransaction(store, async (tx) => {
    const row = await tx.db
      .selectFrom('completions')
      .select(['id', 'person', 'revoked_at'])
      .where('id', '=', completionId)
      .executeTakeFirst();
    if (!row) throw new NotFoundError('no such certificate');
    if (row.revoked_at) throw new ConflictError('this certificate has already been withdrawn');
    await tx.db
      .updateTable('completions')
      .set({ revoked_at: tx.clock().toISOString(), revoked_reason: why })
      .where('id', '=', completionId)
      .execute();
    await appendAudit(tx, {
      actor: actor.accountId,
      type: 'certificate.revoked',
      subject: row.person,
      data: { completion: completionId },
    });
    await refreshStatuses(tx, [row.person]);
  });
}

/** A person's completions, newest first. */
export async function completionsOf(store: Store, personId: string) {
  return store.db
    .selectFrom('completions')
    .select([
      'id',
      'short_code',
      'completed_on',
      'expires_on',
      'score_correct',
      'score_total',
      'revoked_at',
      'revoked_reason',
      'created_at',
    ])
    .where('person', '=', personId)
    .orderBy('created_at', 'desc')
    .execute();
}

/**
 * A certificate's PDF. The owner may download their own; managers and IG leads those of people in departments they
 * see. The same code always gives the same bytes.
 */
export async function certificatePdf(
  store: Store,
  actor: Actor,
  completionId: string,
): Promise<{ pdf: Uint8Array; fields: CertificateFields }> {
  const row = await store.db
    .selectFrom('completions')
    .innerJoin('people', 'people.id', 'completions.person')
    .select(['completions.code', 'completions.person', 'people.department_id'])
    .where('completions.id', '=', completionId)
    .executeTakeFirst();
  if (!row) throw new NotFoundError('no such certificate');
  if (row.person !== actor.person) requireDepartment(actor, row.department_id);
  return { pdf: await buildCertificatePdf(row.code, nodeFontLoader), fields: decodeCertificateCode(row.code).fields };
}
