import { UnknownExemptionError } from './errors.ts';

/** The law an exemption comes from: FOIA 2000 Part II, or the DPA 2018 schedules used on subject access requests. */
export type ExemptionRegime = 'foia' | 'dpa-2018';

/** One exemption or provision a redaction can cite, with the short code printed on the redaction. */
export interface Exemption {
  /** Short code printed on each redaction and used for lookup, e.g. `s40(2)` or `DPA Sch2 para16`. */
  code: string;
  regime: ExemptionRegime;
  /** Full citation, e.g. "FOIA 2000 s40(2)" or "DPA 2018 Sch 2 Part 3 para 16". */
  provision: string;
  /** Short title as the Act gives it. */
  title: string;
  /**
   * FOIA only: true for an absolute exemption (no public interest test, FOIA s2(3)); false for a qualified one.
   * Absent for DPA 2018 provisions, to which the distinction does not apply.
   */
  absolute?: boolean;
  /** What it covers, in plain English, with any caveat a reviewer needs. */
  summary: string;
}

function foia(code: string, title: string, absolute: boolean, summary: string): Exemption {
  return { code, regime: 'foia', provision: `FOIA 2000 ${code}`, title, absolute, summary };
}

/**
 * FOIA sections 21–44 and the DPA 2018 provisions used on SARs, in statute order. Source: records-rules.md §4 (FOIA
 * s2(3); ICO list of exemptions; DPA 2018 Schedules 2 and 3). Codes are this toolkit's; no national code list exists.
 */
export const EXEMPTIONS: readonly Exemption[] = [
  foia(
    's21',
    'Information accessible to applicant by other means',
    true,
    'The requester can already get it another way.',
  ),
  foia('s22', 'Information intended for future publication', false, 'Already planned for publication at a later date.'),
  foia('s22A', 'Research', false, 'Information from an ongoing research programme meant for future publication.'),
  foia(
    's23',
    'Information supplied by, or relating to, bodies dealing with security matters',
    true,
    'Came from or is about the security bodies listed in the Act.',
  ),
  foia('s24', 'National security', false, 'Withholding is needed to safeguard national security.'),
  foia('s26', 'Defence', false, 'Disclosure would or would be likely to prejudice defence of the British Islands.'),
  foia('s27', 'International relations', false, 'Disclosure would or would be likely to harm international relations.'),
  foia(
    's28',
    'Relations within the United Kingdom',
    false,
    'Would or would be likely to harm relations between UK administrations.',
  ),
  foia(
    's29',
    'The economy',
    false,
    'Would or would be likely to harm the UK economy or government financial interests.',
  ),
  foia(
    's30',
    'Investigations and proceedings conducted by public authorities',
    false,
    'Held for criminal investigations or proceedings the authority conducts.',
  ),
  foia(
    's31',
    'Law enforcement',
    false,
    'Would or would be likely to harm crime prevention or detection, or regulatory functions (e.g. chats about a crime reported to police).',
  ),
  foia('s32', 'Court records', true, 'Held only because it is in a court or inquiry document.'),
  foia('s33', 'Audit functions', false, 'Would or would be likely to harm audit of other public authorities.'),
  foia('s34', 'Parliamentary privilege', true, 'Withholding is needed to avoid infringing parliamentary privilege.'),
  foia(
    's35',
    'Formulation of government policy, etc.',
    false,
    'Relates to government policy-making (government departments only).',
  ),
  foia(
    's36',
    'Prejudice to effective conduct of public affairs',
    false,
    'The reasonable opinion of the qualified person is that disclosure would inhibit free and frank advice or discussion, or otherwise harm public affairs. Absolute only for information held by the Houses of Parliament.',
  ),
  foia(
    's37',
    'Communications with Her Majesty, etc. and honours',
    false,
    'Communications with the Sovereign and the Royal Household, or honours. Some limbs are absolute.',
  ),
  foia(
    's38',
    'Health and safety',
    false,
    'Disclosure would or would be likely to endanger anyone’s physical or mental health, or their safety.',
  ),
  foia('s39', 'Environmental information', false, 'Environmental information, which is handled under the EIR instead.'),
  foia(
    's40(1)',
    'Personal information (the requester’s own)',
    true,
    'The requester’s own personal data: handle it as a subject access request instead.',
  ),
  foia(
    's40(2)',
    'Personal information (other people)',
    true,
    'Personal data of someone other than the requester (patients, staff names and numbers in a group) whose disclosure would break the data protection principles. Absolute in that limb; the other conditions are qualified.',
  ),
  foia(
    's41',
    'Information provided in confidence',
    true,
    'Obtained from someone else, and disclosure would be an actionable breach of confidence (patient information in clinical chats). A public interest defence is weighed inside the test.',
  ),
  foia(
    's42',
    'Legal professional privilege',
    false,
    'Legal advice or litigation material covered by privilege; there is a strong built-in public interest in keeping it.',
  ),
  foia(
    's43',
    'Commercial interests',
    false,
    'A trade secret, or disclosure would or would be likely to harm anyone’s commercial interests.',
  ),
  foia(
    's44',
    'Prohibitions on disclosure',
    true,
    'Disclosure is barred by another law, is incompatible with a retained EU obligation, or would be contempt of court.',
  ),
  {
    code: 'DPA Sch2 para2',
    regime: 'dpa-2018',
    provision: 'DPA 2018 Sch 2 Part 1 para 2',
    title: 'Crime and taxation: general',
    summary: 'Disclosing would be likely to prejudice the prevention or detection of crime.',
  },
  {
    code: 'DPA Sch2 para16',
    regime: 'dpa-2018',
    provision: 'DPA 2018 Sch 2 Part 3 para 16',
    title: 'Protection of the rights of others',
    summary:
      'Would reveal information about another identifiable person, unless they consent or it is reasonable to disclose without consent (weigh the type of information, any duty of confidence, attempts to get consent, whether they can consent, and any refusal).',
  },
  {
    code: 'DPA Sch2 para17',
    regime: 'dpa-2018',
    provision: 'DPA 2018 Sch 2 Part 3 para 17',
    title: 'Assumption of reasonableness for health workers',
    summary:
      'A reason to disclose, not to withhold: it is treated as reasonable to name a health professional who wrote in, or was involved in care recorded in, a health record. Do not normally redact clinicians acting in their role.',
  },
  {
    code: 'DPA Sch2 para19',
    regime: 'dpa-2018',
    provision: 'DPA 2018 Sch 2 Part 4 para 19',
    title: 'Legal professional privilege',
    summary: 'Covered by legal professional privilege, or by a lawyer’s duty of confidence to a client.',
  },
  {
    code: 'DPA Sch3 Pt2',
    regime: 'dpa-2018',
    provision: 'DPA 2018 Sch 3 Part 2',
    title: 'Health data: serious harm',
    summary:
      'Disclosing health data would be likely to cause serious harm to the physical or mental health of the requester or someone else. A controller that is not a health professional needs an opinion from the appropriate health professional, given in the last six months, before disclosing health data. The paragraph numbers are not confirmed, so the code cites the Part.',
  },
];

function canonical(code: string): string {
  return code
    .toLowerCase()
    .replace(/^(?:foia|foi)\b/, '')
    .replace(/\bsection\b|\bsec\b/g, 's')
    .replace(/\bdpa(?:18|2018)?\b/g, 'dpa')
    .replace(/\bschedule\b/g, 'sch')
    .replace(/\bparagraph\b/g, 'para')
    .replace(/\bpart\b/g, 'pt')
    .replace(/[^a-z0-9()]/g, '');
}

const BY_CODE = new Map<string, Exemption>();
for (const exemption of EXEMPTIONS) {
  BY_CODE.set(canonical(exemption.code), exemption);
  if (exemption.regime === 'dpa-2018') BY_CODE.set(canonical(exemption.code.replace(/^DPA /, '')), exemption);
}

/**
 * The exemption with a short code, or undefined. Lookup ignores case, spaces and dots and accepts common spellings
 * (`S40(2)`, `section 40(2)`, `DPA18 Sch2 para16`, `Sch3 Pt2`), so codes typed by reviewers still resolve.
 */
export function findExemption(code: string): Exemption | undefined {
  return BY_CODE.get(canonical(code));
}

/** The exemption with a short code; throws {@link UnknownExemptionError} when none matches. */
export function getExemption(code: string): Exemption {
  const exemption = findExemption(code);
  if (exemption === undefined) {
    throw new UnknownExemptionError(`no exemption has the code '${code}' (for example s40(2), s41, DPA Sch2 para16)`);
  }
  return exemption;
}

/**
 * One reason a reviewer can give for withholding a whole item (an attachment, a message): an exemption, printed with
 * its code, or {@link OUTSIDE_SCOPE}, which has no code because material outside the request is not withheld under an
 * exemption at all — it was never asked for.
 */
export interface WithholdingReason {
  /** The exemption's code (`s41`, `DPA Sch3 Pt2`), or null for material outside the scope of the request. */
  code: string | null;
  /** What the reviewer reads when choosing, e.g. `s41 – Information provided in confidence`. */
  label: string;
  /** The reason without its code, as printed after it: `Information provided in confidence`. */
  title: string;
}

/** Material the request did not ask for: left out, not withheld under an exemption, so it carries no code. */
export const OUTSIDE_SCOPE: WithholdingReason = Object.freeze({
  code: null,
  label: 'Outside the scope of the request',
  title: 'Outside the scope of the request',
});

/**
 * The FOIA exemptions most met in clinical chats, most used first (records-rules.md §4.1: s40 personal information,
 * s41 confidence, s38 health and safety, s36, s42, s31, s43, s21/s22). EIR and FOISA requests are offered the same
 * codes: the reference gives no EIR exception or FOISA section list, and the engine prints FOIA codes on them today.
 */
const FOI_REASON_CODES = ['s40(2)', 's41', 's38', 's40(1)', 's36', 's42', 's31', 's43', 's21', 's22'] as const;

/** The DPA 2018 provisions a subject access response withholds under (records-rules.md §4.2); para 17 is a reason to disclose. */
const SAR_REASON_CODES = ['DPA Sch2 para16', 'DPA Sch3 Pt2', 'DPA Sch2 para2', 'DPA Sch2 para19'] as const;

function reasonOf(code: string): WithholdingReason {
  const exemption = getExemption(code);
  return Object.freeze({
    code: exemption.code,
    label: `${exemption.code} – ${exemption.title}`,
    title: exemption.title,
  });
}

const FOI_REASONS: readonly WithholdingReason[] = Object.freeze(FOI_REASON_CODES.map(reasonOf));
const SAR_REASONS: readonly WithholdingReason[] = Object.freeze(SAR_REASON_CODES.map(reasonOf));

/**
 * The reasons a reviewer may give for withholding an item in a request of this type: the regime's exemptions (FOIA
 * for FOI, EIR and FOISA; DPA 2018 for a SAR — the lists differ, so an FOI code never lands on a SAR response), then
 * {@link OUTSIDE_SCOPE}. The first is the usual one (third parties' personal data).
 */
export function withholdingReasonsFor(requestType: 'foi' | 'eir' | 'foisa' | 'sar'): readonly WithholdingReason[] {
  return [...(requestType === 'sar' ? SAR_REASONS : FOI_REASONS), OUTSIDE_SCOPE];
}
