/**
 * The rules of safe instant messaging in patient care, one point per subject, each with its basis and its sources
 * from the one source list. Training pages, questions and scenarios cite these points by id, so a rule is written once
 * and the course, the policy staff attest to and the tools cannot disagree.
 */
import {
  findSource,
  isInReferenceNotes,
  type Source,
  type SourceId,
  sourceAppliesTo,
  UK_DIVISIONS,
  type UkDivision,
} from './sources.ts';

/** A document a retention rule rests on (name and address); guidance points cite {@link Source} ids instead. */
export interface GuidanceSource {
  name: string;
  url: string;
}

/**
 * How firmly a point rests on its sources, shown beside it so local advice is never passed off as national guidance:
 * `law` — a legal duty; `guidance` — stated in current NHS guidance; `professional` — a regulator's professional
 * guidance (the GMC); `good-practice` — this course's advice, following from its sources but not stated in them word
 * for word (or stated only in a draft); `trust-policy` — the trust's own policy (set in its trust settings);
 * `history` — what earlier guidance said and is no longer the rule.
 */
export type GuidanceBasis = 'law' | 'guidance' | 'professional' | 'good-practice' | 'trust-policy' | 'history';

/** Topic a point belongs to, for grouping. */
export type GuidanceTopic = 'choosing-apps' | 'your-device' | 'sharing' | 'records' | 'requests' | 'accountability';

/** Wording that would teach the opposite of a point: course content that matches it fails the build. */
export interface Contradiction {
  pattern: RegExp;
  /** What the matching text would wrongly teach, for the error message. */
  teaches: string;
}

/** One rule of safe messaging, as data the course renders and checks against. */
export interface GuidancePoint {
  /** Stable identifier, cited by pages, questions, scenarios and attestations (e.g. `unknown-member-joins`). */
  id: string;
  topic: GuidanceTopic;
  /**
   * One to three short sentences in plain English, addressed to staff. May use trust placeholders such as
   * `{{organisation}}` or `{{passcodeMinDigits}}`, filled from the trust's settings.
   */
  statement: string;
  basis: GuidanceBasis;
  /**
   * Ids in {@link SOURCES}; empty only for a `trust-policy` point. Any other point needs, in every division, one source
   * the reference notes record ({@link untracedDivisions}); a `trust-policy` point may cite sources they do not, as
   * further reading.
   */
  sourceIds: readonly SourceId[];
  /**
   * Words that show a piece of content is about this point's subject (no `g` flag): a page section, question or
   * scenario that matches must cite the point, so every mention of the subject rests on the one rule.
   */
  mentions?: RegExp;
  /** Wording that would contradict this point anywhere in the course. */
  contradictions?: readonly Contradiction[];
}

/** Every rule, in teaching order: apps, the device, sharing, records, requests, accountability. */
export const MESSAGING_GUIDANCE: readonly GuidancePoint[] = [
  {
    id: 'approved-apps',
    topic: 'choosing-apps',
    statement: 'Use {{approvedApps}} for work messages. Check your organisation’s list and its messaging policy.',
    basis: 'guidance',
    sourceIds: ['nhse-mobile-messaging'],
  },
  {
    id: 'consumer-apps',
    topic: 'choosing-apps',
    statement:
      'Use a consumer app such as WhatsApp for work only where your organisation allows it, there is no practical alternative and the benefits outweigh the risks.',
    basis: 'guidance',
    sourceIds: ['nhse-mobile-messaging', 'nhsx-covid-messaging-2020'],
  },
  {
    id: 'app-criteria-2018',
    topic: 'choosing-apps',
    statement:
      'The 2018 NHS guidance listed app criteria such as AES-256 encryption and remote wipe. The 2023 guidance dropped that list: your organisation’s approved list is what counts now.',
    basis: 'history',
    sourceIds: ['nhse-im-acute-2018', 'nhse-mobile-messaging'],
    mentions: /\bAES-?256\b/i,
    contradictions: [
      {
        pattern: /\b(must|should|expects?|needs? to|has to)\b[^.]*\bAES-?256\b/i,
        teaches: 'that AES-256 is a current requirement (it is a 2018 criterion, dropped in 2023)',
      },
      {
        pattern: /\bNHS (encryption )?standard\b/i,
        teaches: 'that there is a current NHS encryption standard for apps (the 2018 criterion was dropped in 2023)',
      },
      {
        pattern: /\bonly approve apps that can be wiped\b/i,
        teaches: 'that remote wipe is a current approval criterion',
      },
    ],
  },
  {
    id: 'text-messages',
    topic: 'choosing-apps',
    statement:
      'Ordinary text messages (SMS) are not end-to-end encrypted. Do not send patient details by SMS unless your organisation’s policy allows it.',
    basis: 'trust-policy',
    sourceIds: ['sms-not-end-to-end'],
    mentions: /\bSMS\b|\btext messages?\b/i,
    contradictions: [
      {
        pattern: /\b(SMS|text messages?)\b[^.]*\bnot encrypted\b|\bnot encrypted\b[^.]*\b(SMS|text messages?)\b/i,
        teaches: 'that SMS is not encrypted at all (it is not end-to-end encrypted)',
      },
    ],
  },
  {
    id: 'device-passcode',
    topic: 'your-device',
    statement:
      'Protect your phone and the messaging app with a passcode or PIN, so nobody who picks it up can read it.',
    basis: 'guidance',
    sourceIds: ['nhse-im-acute-2018', 'iga-im-draft-2018'],
  },
  {
    id: 'passcode-and-auto-lock',
    topic: 'your-device',
    statement:
      'Use a passcode of at least {{passcodeMinDigits}} digits, and set the screen to lock itself after {{autoLock}} at most.',
    basis: 'trust-policy',
    sourceIds: [],
    mentions: /\b\d+ digits\b|\block(s)? itself\b/i,
  },
  {
    id: 'two-step-verification',
    topic: 'your-device',
    statement:
      'Turn on two-step verification in the app, so your account cannot be moved to another phone without your PIN.',
    basis: 'good-practice',
    sourceIds: ['iga-im-draft-2018'],
  },
  {
    id: 'no-shared-devices',
    topic: 'your-device',
    statement: 'Do not let anyone else use a phone that has work messages on it, including family members.',
    basis: 'guidance',
    sourceIds: ['nhse-im-acute-2018'],
  },
  {
    id: 'lock-screen-previews-off',
    topic: 'your-device',
    statement:
      'Turn off message previews on your lock screen, so patient details do not appear for anyone nearby to read.',
    basis: 'guidance',
    sourceIds: ['nhse-im-acute-2018', 'iga-im-draft-2018'],
    contradictions: [
      {
        pattern: /\bhide previews\b[^.]*\.\s*Turn (that|it) off\b/i,
        teaches: 'to turn off the setting that hides previews',
      },
    ],
  },
  {
    id: 'report-lost-phone',
    topic: 'your-device',
    statement:
      'Report a lost or stolen phone with work messages on it straight away. If your organisation can wipe the app or phone from a distance, it can only do so once it knows.',
    basis: 'good-practice',
    sourceIds: ['uk-gdpr-art-33', 'nhse-im-acute-2018'],
  },
  {
    id: 'phone-hygiene',
    topic: 'your-device',
    statement:
      '{{Organisation}} asks you to keep the phone and its apps up to date, install apps only from the official store, and keep its encryption and screen lock on.',
    basis: 'trust-policy',
    // Further reading: the reference notes do not cover device updates or app stores, so this is the trust's rule.
    sourceIds: ['device-security-ncsc'],
  },
  {
    id: 'photos-not-in-gallery',
    topic: 'your-device',
    statement:
      'Stop the app saving photos and files to your phone’s gallery, where they can be backed up to personal cloud storage or shown to others.',
    basis: 'good-practice',
    sourceIds: ['nhse-mobile-messaging', 'ico-phone-spot-checks'],
  },
  {
    id: 'personal-devices',
    topic: 'your-device',
    statement:
      'Work messages on your own phone still belong to your organisation. The same rules apply to them as to any other work record.',
    basis: 'good-practice',
    sourceIds: ['digital-care-hub-records', 'ico-non-corporate'],
  },
  {
    id: 'cloud-backups',
    topic: 'your-device',
    statement:
      'Do not back up work chats to a personal cloud account unless your organisation’s policy allows it. Where it does, use the app’s end-to-end encrypted backup.',
    basis: 'good-practice',
    sourceIds: ['ico-non-corporate', 'whatsapp-help-security'],
    mentions: /\bback(s|ed|ing)? ?up\b|\bbackups?\b/i,
    contradictions: [
      {
        pattern: /\bnever back ?up\b|\bback(ing)? ?up[^.]*\balways wrong\b/i,
        teaches: 'that backing up is always wrong (it depends on your organisation’s policy)',
      },
    ],
  },
  {
    id: 'minimise-patient-data',
    topic: 'sharing',
    statement:
      'Share only the patient information the task needs. Leave out names and other identifiers wherever you can.',
    basis: 'guidance',
    sourceIds: ['nhse-mobile-messaging', 'ndg-caldicott-principles'],
  },
  {
    id: 'caldicott-principles',
    topic: 'sharing',
    statement:
      '{{Organisation}} asks you to follow the Caldicott principles in every message. Have a clear reason, use patient information only when needed, share the minimum, and only with those who need it.',
    basis: 'trust-policy',
    // Further reading: the reference notes do not state the Caldicott principles, so the course teaches them as the trust's rule.
    sourceIds: ['ndg-caldicott-principles'],
    mentions: /\bCaldicott\b/i,
  },
  {
    id: 'duty-to-share',
    topic: 'sharing',
    statement:
      '{{Organisation}} treats the duty to share information for a patient’s care as being as important as the duty to protect it. Do not hold back what a colleague needs to care for the patient safely.',
    basis: 'trust-policy',
    // Further reading, as for caldicott-principles.
    sourceIds: ['ndg-caldicott-principles'],
    mentions: /\bduty to share\b/i,
  },
  {
    id: 'check-group-membership',
    topic: 'sharing',
    statement:
      'Before you send, check you are messaging the right person or group, and that everyone in the group should see the message.',
    basis: 'guidance',
    sourceIds: ['nhse-im-acute-2018', 'iga-im-draft-2018'],
  },
  {
    id: 'check-who-you-are-talking-to',
    topic: 'sharing',
    statement:
      'Check who you are talking to: names and photos can be faked. If a request for patient information is unexpected, confirm it another way, such as a phone call or the app’s security code.',
    basis: 'guidance',
    sourceIds: ['nhse-im-acute-2018', 'whatsapp-help-security'],
    mentions: /\bsecurity codes?\b|\bimpersonat/i,
  },
  {
    id: 'invite-links',
    topic: 'sharing',
    statement:
      'Do not share invite links to clinical groups. If a link has been shared, the admin resets it so the old one stops working, and turns on Approve new participants.',
    basis: 'good-practice',
    sourceIds: ['whatsapp-help-groups'],
    mentions: /\binvite link/i,
    contradictions: [
      {
        pattern: /\b(turn|switch)(ed|s|ing)? off (the |its |their |all |group'?s? )*invite links?\b/i,
        teaches: 'that an invite link can be turned off (WhatsApp can only reset a link)',
      },
      {
        pattern: /\binvite links? off\b/i,
        teaches: 'that an invite link can be turned off (WhatsApp can only reset a link)',
      },
    ],
  },
  {
    id: 'group-admin-settings',
    topic: 'sharing',
    statement:
      'If you run a group, set it so only admins can add members, keep the member list up to date, and remove people who have left the team.',
    basis: 'good-practice',
    sourceIds: ['whatsapp-help-security', 'whatsapp-help-groups'],
  },
  {
    id: 'unknown-member-joins',
    topic: 'sharing',
    statement:
      'If an unknown number joins a group and nobody can say who it is, stop posting patient details and have the admin remove it. Always tell {{igTeam}}, whether or not anything was posted: it is an incident or a near miss.',
    basis: 'good-practice',
    sourceIds: ['nhse-im-acute-2018', 'ico-breach-guide'],
    mentions: /\bunknown (number|member|person)\b/i,
    contradictions: [
      {
        pattern:
          /\bonly if (any )?patient (information|details)\b[^.]*\b(posted|shared)\b|\bif patient (information|details) (was|were) posted after they joined\b/i,
        teaches: 'that an unknown member is reported only when patient details were posted (always tell IG)',
      },
    ],
  },
  {
    id: 'group-drifts-to-patient-care',
    topic: 'sharing',
    statement:
      'A group set up for rotas or social chat is not set up for patient care. When patient details start to appear in it, move them to an approved route and tell the admin.',
    basis: 'good-practice',
    sourceIds: ['ico-lanarkshire-2023', 'nhse-mobile-messaging'],
  },
  {
    id: 'leave-groups-on-job-change',
    topic: 'sharing',
    statement:
      'Leave work groups when you change job or leave the organisation. Patients you no longer care for are no longer yours to read about.',
    basis: 'good-practice',
    sourceIds: ['ico-phone-spot-checks', 'ndg-caldicott-principles'],
  },
  {
    id: 'major-incident-groups',
    topic: 'sharing',
    statement:
      'In a major incident, use the groups your organisation sets up and follow its incident plan. The usual rules still apply, and decisions go into records as soon as possible.',
    basis: 'good-practice',
    sourceIds: ['nhse-mobile-messaging'],
    contradictions: [
      {
        pattern: /\b(copy|record|write|transcribe)\w*\b[^.]*\bdecisions?\b[^.]*\bafter the incident\b/i,
        teaches: 'that incident decisions are recorded after the incident (record them as soon as possible)',
      },
    ],
  },
  {
    id: 'clinical-photos-consent',
    topic: 'sharing',
    statement:
      '{{Organisation}} asks you to take or share a clinical photo only with the patient’s consent and through its approved route. Intimate images and photos of children need extra care under its clinical photography policy.',
    basis: 'trust-policy',
    // Further reading: the reference notes do not cover consent for clinical photos; the GMC's guidance is for doctors.
    sourceIds: ['gmc-recordings'],
    mentions: /\b(patient'?s|patient’s|their) consent\b|\bconsent\b[^.]*\bphoto|\bphoto[^.]*\bconsent\b/i,
  },
  {
    id: 'messaging-patients',
    topic: 'sharing',
    statement:
      'Message patients only in the ways your organisation approves, not from your personal number or account, and record in their notes what was said.',
    basis: 'trust-policy',
    sourceIds: ['nhsx-covid-messaging-2020'],
  },
  {
    id: 'transcribe-to-record',
    topic: 'records',
    statement:
      'Do not use a chat instead of the health record. Copy clinical advice and decisions into the record as soon as possible, saying who gave them, when, and that it was by message.',
    basis: 'guidance',
    sourceIds: ['nhse-mobile-messaging', 'nhse-im-acute-2018'],
  },
  {
    id: 'delete-after-transcribing',
    topic: 'records',
    statement:
      'Once the clinical content is in the record, delete the original messages you hold. Where your organisation keeps and deletes an app’s chats itself, follow its rule.',
    basis: 'guidance',
    sourceIds: ['nhse-mobile-messaging', 'nhse-im-acute-2018'],
  },
  {
    id: 'chat-as-only-record',
    topic: 'records',
    statement:
      'A chat that is the only record of care becomes part of the record. It must then be kept for the full retention period for that type of record.',
    basis: 'guidance',
    sourceIds: ['digital-care-hub-records', 'rm-code-2023'],
    mentions: /\bonly record\b/i,
    contradictions: [
      {
        pattern:
          /\b(a|the|your|saved) chat (is not|isn't|is never|does not count as|never counts as) (a |any )?(part of )?(the |a )?(patient'?s |patient’s )?(health )?record\b/i,
        teaches: 'that a chat can never be part of the record (a chat that is the only record becomes part of it)',
      },
      { pattern: /\bA chat is not part of it\b/i, teaches: 'that a chat can never be part of the record' },
    ],
  },
  {
    id: 'keep-when-requested',
    topic: 'records',
    statement:
      'Once a request for information covers messages, do not delete, change or hide them: doing so to stop them being disclosed is a criminal offence. Keep what an investigation needs too.',
    basis: 'law',
    sourceIds: ['foia-s77', 'foisa-s65', 'dpa-s173'],
    contradictions: [
      {
        pattern: /\bRecords Management Code\b[^.]*\boffence\b/i,
        teaches: 'that the Records Management Code creates the offence (it is FOIA s77, FOISA s65 and DPA s173)',
      },
    ],
  },
  {
    id: 'foi-and-sar-apply',
    topic: 'requests',
    statement:
      'Work messages, even in a personal app on your own phone, can be requested under Freedom of Information or by a patient through a subject access request.',
    basis: 'guidance',
    sourceIds: ['nhse-mobile-messaging', 'ico-non-corporate'],
  },
  {
    id: 'recognise-requests',
    topic: 'requests',
    statement:
      'A request for information can arrive in a chat, from anyone, without naming the law. Pass it to {{igTeam}} the same day. The {{foiTimeLimit}} for FOI, or {{sarTimeLimit}} for a subject access request, run from when anyone in the organisation receives it.',
    basis: 'law',
    sourceIds: ['ico-recognise-sar', 'ico-sar-responding', 'foia-s10', 'foisa-s10'],
    mentions: /\bworking days\b|\bone (calendar )?month\b/i,
  },
  {
    id: 'hand-over-messages-safely',
    topic: 'requests',
    statement:
      'When asked for messages, send everything the request covers, as it is, through work systems such as your work email. Never use a personal email or cloud account.',
    basis: 'good-practice',
    sourceIds: ['ico-non-corporate'],
  },
  {
    id: 'staff-names-in-requests',
    topic: 'requests',
    statement:
      'A patient who asks for their information will usually see the names of the health professionals who cared for them. The law treats disclosing their names as reasonable.',
    basis: 'law',
    sourceIds: ['dpa-sch2-part3', 'ico-sar-health-data'],
  },
  {
    id: 'organisation-may-check-devices',
    topic: 'requests',
    statement:
      'Your organisation may ask you to search your phone for work messages and hand them over, and may check the settings of phones used for work.',
    basis: 'trust-policy',
    sourceIds: ['ico-non-corporate', 'ico-phone-spot-checks'],
  },
  {
    id: 'tell-ig-straight-away',
    topic: 'accountability',
    statement:
      'Tell {{igTeam}} straight away about any incident or near miss, and log it on {{incidentSystem}}. They decide whether it is a breach and who must be told.',
    basis: 'good-practice',
    sourceIds: ['uk-gdpr-art-33', 'ico-breach-guide'],
  },
  {
    id: 'report-breaches-72-hours',
    topic: 'accountability',
    statement:
      'A breach is personal data lost, destroyed, altered, made unavailable or seen by someone who should not see it. Unless it is unlikely to put people at risk, the organisation reports it without undue delay, within 72 hours where feasible. When the risk is high, the people affected are told too.',
    basis: 'law',
    sourceIds: ['uk-gdpr-art-4', 'uk-gdpr-art-33', 'uk-gdpr-art-34', 'ico-breach-guide', 'dspt-incident-reporting'],
    mentions: /\b72[- ]hours?\b/i,
    contradictions: [
      {
        pattern: /\bserious (data )?breach(es)?\b|\bif (a|the) breach is serious\b/i,
        teaches: 'that only "serious" breaches are reported (the test is risk to people’s rights and freedoms)',
      },
      {
        pattern: /\bmust (tell|report to|notify) the (ICO|Information Commissioner)[^.]*within 72 hours\b/i,
        teaches:
          'a flat 72-hour deadline (without undue delay, within 72 hours where feasible, unless unlikely to be a risk)',
      },
      {
        // Any other period for the report to the regulator, before or after naming it ("within 7 days", "within 72
        // working hours", "within a month"): the law's figure is 72 hours.
        pattern:
          /\b(?:report|tell|notify|inform)\w*\b[^.]*\b(?:ICO|Information Commissioner)\b[^.]*\bwithin (?!72 hours\b)(?:\d+|an?|one|two|three|four|five|six|seven|ten|fourteen|thirty)\s+(?:working\s+|calendar\s+|business\s+)?(?:hours?|days?|weeks?|months?)\b|\bwithin (?!72 hours\b)(?:\d+|an?|one|two|three|four|five|six|seven|ten|fourteen|thirty)\s+(?:working\s+|calendar\s+|business\s+)?(?:hours?|days?|weeks?|months?)\b[^.]*\b(?:report|tell|notify|inform)\w*\b[^.]*\b(?:ICO|Information Commissioner)\b/i,
        teaches: 'a deadline for reporting a breach to the ICO other than 72 hours (where feasible)',
      },
    ],
  },
  {
    id: 'regulatory-consequences',
    topic: 'accountability',
    statement:
      'If you do not protect patient confidentiality when messaging, you may face investigation by your professional regulator.',
    basis: 'guidance',
    sourceIds: ['nhse-im-acute-2018'],
  },
  {
    id: 'offences-and-discipline',
    topic: 'accountability',
    statement:
      'Knowingly or recklessly disclosing personal data without your employer’s consent is a criminal offence. So is destroying or changing information to stop it being disclosed after a request.',
    basis: 'law',
    sourceIds: ['dpa-s170', 'dpa-s173', 'foia-s77', 'foisa-s65'],
  },
  {
    id: 'employer-discipline',
    topic: 'accountability',
    statement:
      'Breaking {{organisation}}’s messaging or information governance policy can lead to action under its disciplinary procedures, as well as any investigation by a regulator.',
    basis: 'trust-policy',
    sourceIds: [],
  },
];

/** The guidance point with a given id, or undefined; used by content checks and quiz questions that cite a point. */
export function findGuidancePoint(id: string): GuidancePoint | undefined {
  return MESSAGING_GUIDANCE.find((point) => point.id === id);
}

/**
 * A point's sources, as full entries from the source list, keeping only those that apply in the trust's division
 * (FOISA for Scotland, FOIA elsewhere). A point with no source is a `trust-policy` point.
 */
export function guidanceSources(point: GuidancePoint, division: UkDivision = 'england'): Source[] {
  return point.sourceIds.flatMap((id) => {
    const source = findSource(id);
    return source && sourceAppliesTo(source, division) ? [source] : [];
  });
}

/**
 * The divisions in which a point's facts cannot be traced to the reference notes: none of its sources that apply
 * there is recorded in them. Always empty for a `trust-policy` point, which is the trust's own rule; a point listed
 * here must cite a source the notes record, be relabelled as the trust's policy, or leave the course.
 */
export function untracedDivisions(point: GuidancePoint): UkDivision[] {
  if (point.basis === 'trust-policy') return [];
  return UK_DIVISIONS.filter((division) => !guidanceSources(point, division).some(isInReferenceNotes));
}

/** The points whose contradictions a text matches, with what each would wrongly teach (empty when it agrees). */
export function contradictionsIn(
  text: string,
  points: readonly GuidancePoint[] = MESSAGING_GUIDANCE,
): { point: GuidancePoint; teaches: string }[] {
  return points.flatMap((point) =>
    (point.contradictions ?? [])
      .filter((contradiction) => contradiction.pattern.test(text))
      .map((contradiction) => ({ point, teaches: contradiction.teaches })),
  );
}
