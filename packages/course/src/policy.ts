/**
 * The records-policy values the course uses, gathered in one place so every page and check reads the same rules:
 * the guidance points pages must cover, the pass mark, and the policy versions printed on certificates.
 */
import {
  currentPolicyVersion,
  DEFAULT_TRAINING_POLICY,
  type GuidanceBasis,
  type GuidancePoint,
  MESSAGING_GUIDANCE,
  POLICY_PACKAGE_VERSION,
} from '@im-records/records-policy';

/** Every point of the NHS messaging guidance, in records-policy's teaching order. */
export const guidancePoints: readonly GuidancePoint[] = MESSAGING_GUIDANCE;

/** The assessment pass mark (0.8 by default), from records-policy's training policy. */
export const passMark: number = DEFAULT_TRAINING_POLICY.passMark;

/** The months a certificate lasts, from records-policy. */
export const renewalMonths: number = DEFAULT_TRAINING_POLICY.renewalMonths;

/** The stable id of the messaging policy version learners attest to (`im-policy-1.0`), recorded on certificates. */
export const policyVersionId: string = currentPolicyVersion().id;

/** The same version as people read it (`1.0`), shown beside the id. */
export const policyVersion: string = currentPolicyVersion().version;

/** The records-policy package version, printed on certificates so auditors can trace the rules used. */
export const policyPackageVersion: string = POLICY_PACKAGE_VERSION;

/** How a point's basis is described to learners, so local advice is never passed off as national guidance. */
export const basisLabel: Record<GuidanceBasis, string> = {
  guidance: 'NHS guidance',
  law: 'The law',
  'good-practice': 'Good practice',
};

/** The guidance points a page covers, in the order the page lists them. */
export function guidancePointsFor(ids: readonly string[]): GuidancePoint[] {
  return ids.flatMap((id) => guidancePoints.filter((point) => point.id === id));
}
