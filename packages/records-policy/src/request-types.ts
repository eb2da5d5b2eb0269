/**
 * The kinds of request the toolkit answers, and the one rule that says how each is disclosed: every screen, worker and
 * command that needs either takes it from here.
 */

/** The four access regimes a records officer meets: FOIA, EIR, FOISA (Scotland) and subject access (UK GDPR). */
export type RequestType = 'foi' | 'eir' | 'foisa' | 'sar';

/** Every request type, for validating user input against. */
export const REQUEST_TYPES: readonly RequestType[] = ['foi', 'eir', 'foisa', 'sar'];

/**
 * How personal data is treated in a disclosure (the redaction engine's `RedactionMode`): `foi` withholds everyone's,
 * since an answer under FOIA, EIR or FOISA is disclosure to the world; `sar` keeps the requester's own and withholds
 * other people's.
 */
export type DisclosureMode = 'foi' | 'sar';

/** The disclosure mode of a request type: a subject access request is `sar`; FOI, EIR and FOISA requests are `foi`. */
export function redactionModeFor(type: RequestType): DisclosureMode {
  return type === 'sar' ? 'sar' : 'foi';
}
