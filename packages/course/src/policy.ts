/**
 * The records-policy values the course uses, gathered in one place so every page and check reads the same rules:
 * the guidance points pages must cover, how a point's basis is labelled, where a fact's sources come from, the pass
 * mark, and the policy versions printed on certificates.
 */
import {
  currentPolicyVersion,
  DEFAULT_TRAINING_POLICY,
  findSource,
  type GuidanceBasis,
  type GuidancePoint,
  MESSAGING_GUIDANCE,
  POLICY_PACKAGE_VERSION,
  type Source,
  sourceAppliesTo,
} from '@im-records/records-policy';
import type { Course, CoursePoint, CourseTrust } from './model.ts';

/** Every point of the messaging guidance, in records-policy's teaching order. */
export const guidancePoints: readonly GuidancePoint[] = MESSAGING_GUIDANCE;

/**
 * The default assessment pass mark (0.8), from records-policy's training policy. A trust's own pass mark is in
 * `course.trust.policy.passMark`; use that wherever a course has been loaded.
 */
export const passMark: number = DEFAULT_TRAINING_POLICY.passMark;

/** The default months a certificate lasts (12); a trust's own figure is `course.trust.policy.renewalMonths`. */
export const renewalMonths: number = DEFAULT_TRAINING_POLICY.renewalMonths;

/** The stable id of the messaging policy version learners attest to (`im-policy-1.1`), recorded on certificates. */
export const policyVersionId: string = currentPolicyVersion().id;

/** The same version as people read it (`1.1`), shown beside the id. */
export const policyVersion: string = currentPolicyVersion().version;

/** The records-policy package version, printed on certificates so auditors can trace the rules used. */
export const policyPackageVersion: string = POLICY_PACKAGE_VERSION;

/** How a point's basis is described to learners, so local advice is never passed off as national guidance. */
export const basisLabel: Record<GuidanceBasis, string> = {
  law: 'The law',
  guidance: 'NHS guidance',
  professional: 'Professional guidance',
  'good-practice': 'Good practice',
  'trust-policy': 'Your organisation’s policy',
  history: 'Earlier guidance',
};

/**
 * The label for a basis in a trust's course: its own policy carries its name ("Anytown NHS Trust policy"), or says
 * it is the course's default when no name was set.
 */
export function basisLabelFor(basis: GuidanceBasis, trust: CourseTrust): string {
  if (basis !== 'trust-policy') return basisLabel[basis];
  return trust.defaulted.includes('organisation.name')
    ? 'Local policy (course default)'
    : `${trust.settings.organisation.name} policy`;
}

/** The records-policy guidance points with these ids, in the order given (statements not yet filled in). */
export function guidancePointsFor(ids: readonly string[]): GuidancePoint[] {
  return ids.flatMap((id) => guidancePoints.filter((point) => point.id === id));
}

/** The guidance points a page covers, as the course teaches them (filled in for the trust), in the page's order. */
export function coursePointsFor(course: Course, ids: readonly string[]): CoursePoint[] {
  return ids.flatMap((id) => course.points.filter((point) => point.id === id));
}

/**
 * The sources behind a piece of content: those of the points it covers, then its own extra source ids, each once,
 * keeping only sources that apply in the trust's division.
 */
export function sourcesFor(course: Course, covers: readonly string[], extra: readonly string[] = []): Source[] {
  const seen = new Map<string, Source>();
  for (const point of coursePointsFor(course, covers)) for (const source of point.sources) seen.set(source.id, source);
  for (const id of extra) {
    const source = findSource(id);
    if (source && sourceAppliesTo(source, course.trust.settings.division)) seen.set(source.id, source);
  }
  return [...seen.values()];
}
