/**
 * Issuing a certificate in the browser: fields from a passed attempt and records-policy's rules, a signature, and the
 * PDF. Imported lazily (with pdf-lib) only when someone asks for their certificate.
 */

import {
  type CertificateFields,
  ephemeralSigner,
  normaliseName,
  type Signer,
  signCertificate,
  ukDate,
} from '@im-records/certificate';
import { buildCertificatePdf, type FontLoader } from '@im-records/certificate/pdf';
import type { Attempt } from '@im-records/course';
import { DEFAULT_TRAINING_POLICY, expiryDate, parseIsoDate } from '@im-records/records-policy';
import { CertificateIssueError } from './errors.ts';

/** The course and policy facts a certificate records alongside the learner's result. */
export interface IssueContext {
  course: string;
  courseVersion: string;
  passMark: number;
  /** How long a certificate lasts, from the trust's training policy (12 by default). */
  renewalMonths: number;
  /** records-policy's id of the current policy version (`im-policy-1.0`). */
  policyVersionId: string;
  /** Its human-readable version (`1.0`). */
  policyVersion: string;
  policyPackageVersion: string;
}

/** The certificate's fields for a passed, finished attempt; throws {@link CertificateIssueError} otherwise. */
export function certificateFields(
  attempt: Attempt,
  name: string,
  context: IssueContext,
  certificateId: string,
): CertificateFields {
  if (attempt.finishedAt === null || attempt.correct === null)
    throw new CertificateIssueError('the attempt is not finished');
  const total = attempt.items.length;
  if (total === 0 || attempt.correct * 100 < Math.round(context.passMark * 100) * total) {
    throw new CertificateIssueError('a certificate is only given for a passed attempt');
  }
  const completedOn = ukDate(new Date(attempt.finishedAt));
  return {
    certificateId,
    name: normaliseName(name),
    course: context.course,
    courseVersion: context.courseVersion,
    completedOn,
    expiresOn: expiryDate(parseIsoDate(completedOn), {
      ...DEFAULT_TRAINING_POLICY,
      passMark: context.passMark,
      renewalMonths: context.renewalMonths,
    }),
    scoreCorrect: attempt.correct,
    scoreTotal: total,
    passMark: context.passMark,
    policyVersionId: context.policyVersionId,
    policyVersion: context.policyVersion,
    policyPackageVersion: context.policyPackageVersion,
  };
}

/** A signed certificate: its fields, verification code and PDF bytes. */
export interface IssuedCertificate {
  fields: CertificateFields;
  code: string;
  pdf: Uint8Array;
}

/**
 * Makes the certificate for a passed attempt, with fonts from `loadFont`; without a signer a fresh key is used (see the
 * README on what that proves). Throws {@link CertificateIssueError} for a failed attempt or a name that cannot be printed.
 */
export async function issueCertificate(
  attempt: Attempt,
  name: string,
  context: IssueContext,
  loadFont: FontLoader,
  signer?: Signer,
): Promise<IssuedCertificate> {
  const fields = certificateFields(attempt, name, context, crypto.randomUUID());
  const code = await signCertificate(fields, signer ?? (await ephemeralSigner()));
  return { fields, code, pdf: await buildCertificatePdf(code, loadFont) };
}
