/**
 * The xAPI and cmi5 identifiers this package uses, in one place: ADL's verbs, cmi5's context categories and
 * extensions, and the trust's own vocabulary for attestation. Every statement takes its IRIs from here, so a typo
 * cannot creep into one of them.
 */

/** A verb as a statement carries it: its IRI and what it reads as. */
export interface Verb {
  id: string;
  display: Record<string, string>;
}

function adl(name: string): Verb {
  return { id: `http://adlnet.gov/expapi/verbs/${name}`, display: { 'en-GB': name } };
}

/** ADL's verbs, used by cmi5 and by the attestation service's statements. */
export const VERBS = {
  initialized: adl('initialized'),
  completed: adl('completed'),
  passed: adl('passed'),
  failed: adl('failed'),
  terminated: adl('terminated'),
} as const;

/** The IRIs cmi5 defines for what an assignable unit (AU) sends and reads (cmi5 spec §9.6, §10, §11). */
export const CMI5 = {
  /** contextActivities.category of every "cmi5 defined" statement. */
  category: 'https://w3id.org/xapi/cmi5/context/categories/cmi5',
  /** contextActivities.category of a cmi5 defined statement whose result has success or completion. */
  moveOnCategory: 'https://w3id.org/xapi/cmi5/context/categories/moveon',
  sessionIdExtension: 'https://w3id.org/xapi/cmi5/context/extensions/sessionid',
  masteryScoreExtension: 'https://w3id.org/xapi/cmi5/context/extensions/masteryscore',
  /** The course structure's XML namespace (cmi5.xml). */
  courseStructureNamespace: 'https://w3id.org/xapi/profiles/cmi5/v1/CourseStructure.xsd',
  /** The state document the LMS writes before launch. */
  launchDataStateId: 'LMS.LaunchData',
  /** The agent profile document an AU reads at start. */
  learnerPreferencesProfileId: 'cmi5LearnerPreferences',
} as const;

/** ADL's activity types used in object definitions. */
export const ACTIVITY_TYPES = {
  course: 'http://adlnet.gov/expapi/activities/course',
  assessment: 'http://adlnet.gov/expapi/activities/assessment',
} as const;

/**
 * The trust's own vocabulary for what ADL's has no word for: attesting to a policy. No registered xAPI verb means
 * "attested", so the verb and the policy activity type are minted under the trust's IRI base (the address of its
 * attestation service), where a reader of the LRS can look them up.
 */
export function trustVocabulary(iriBase: string): { attested: Verb; policyType: string } {
  const base = iriBase.replace(/\/+$/, '');
  return {
    attested: { id: `${base}/xapi/verbs/attested`, display: { 'en-GB': 'attested' } },
    policyType: `${base}/xapi/activity-types/policy`,
  };
}

/** The xAPI version this package writes and sends in the X-Experience-API-Version header. */
export const XAPI_VERSION = '1.0.3';
