/** A document a guidance point or retention rule rests on. */
export interface GuidanceSource {
  name: string;
  url: string;
}

/**
 * How firmly a point rests on its source: `guidance` — stated in the cited NHS guidance; `law` — a legal duty;
 * `good-practice` — this toolkit's advice that follows from the guidance but is not stated in it word for word.
 * Shown so a training page never presents local advice as national guidance.
 */
export type GuidanceBasis = 'guidance' | 'law' | 'good-practice';

/** Topic a point belongs to, for grouping on the training site. */
export type GuidanceTopic = 'choosing-apps' | 'your-device' | 'sharing' | 'records' | 'accountability';

/** One point of the NHS instant-messaging guidance, as data a training site renders. */
export interface GuidancePoint {
  /** Stable identifier, safe to store in quiz questions and attestations (e.g. `device-passcode`). */
  id: string;
  topic: GuidanceTopic;
  /** One or two sentences in plain English, addressed to staff. */
  statement: string;
  basis: GuidanceBasis;
  sources: GuidanceSource[];
}

/** Sources for the instant-messaging guidance (records-rules.md §5.2, and UK GDPR for breach reporting). */
export const GUIDANCE_SOURCES = {
  mobileMessaging: {
    name: 'NHS England Transformation Directorate: Using mobile messaging software in health and care settings',
    url: 'https://transform.england.nhs.uk/information-governance/guidance/use-mobile-messaging-software-health-and-care-settings/',
  },
  acuteSettings2018: {
    name: 'NHS England and partners: Information governance guidance on instant messaging in acute clinical settings (November 2018)',
    url: 'https://www.england.nhs.uk/2018/11/instant-messaging-services-a-vital-part-of-the-nhs-toolkit-during-a-crisis/',
  },
  iga2018: {
    name: 'Information Governance Alliance draft guidance on instant messaging (February 2018), as reported by Digital Health',
    url: 'https://www.digitalhealth.net/2018/03/information-governance-alliance-guidelines-instant-messaging-use/',
  },
  icoNonCorporate: {
    name: 'ICO: Official information held in non-corporate communications channels',
    url: 'http://ico.org.uk/for-organisations/official-information-held-in-non-corporate-communications-channels/',
  },
  ukGdprArt33: {
    name: 'UK GDPR Article 33: notification of a personal data breach to the Information Commissioner',
    url: 'https://www.legislation.gov.uk/eur/2016/679/article/33',
  },
} satisfies Record<string, GuidanceSource>;

const S = GUIDANCE_SOURCES;

/** Every guidance point, grouped by topic in the order a training module presents them. */
export const MESSAGING_GUIDANCE: readonly GuidancePoint[] = [
  {
    id: 'approved-apps',
    topic: 'choosing-apps',
    statement:
      'Use the messaging apps your organisation has approved. Use a consumer app such as WhatsApp only when there is no practical alternative and the benefits outweigh the risks.',
    basis: 'guidance',
    sources: [S.mobileMessaging, S.acuteSettings2018],
  },
  {
    id: 'encryption-standard',
    topic: 'choosing-apps',
    statement: 'Only use apps that encrypt messages to the NHS standard (AES-256) from end to end.',
    basis: 'guidance',
    sources: [S.acuteSettings2018],
  },
  {
    id: 'device-passcode',
    topic: 'your-device',
    statement:
      'Protect your phone and the app with a passcode or PIN, so nobody who picks it up can read your messages.',
    basis: 'guidance',
    sources: [S.iga2018, S.acuteSettings2018],
  },
  {
    id: 'two-step-verification',
    topic: 'your-device',
    statement:
      'Turn on two-step verification in the app, so your account cannot be moved to another phone without you.',
    basis: 'guidance',
    sources: [S.iga2018],
  },
  {
    id: 'no-shared-devices',
    topic: 'your-device',
    statement: 'Do not let anyone else use a phone that has work messages on it, including family members.',
    basis: 'guidance',
    sources: [S.acuteSettings2018],
  },
  {
    id: 'lock-screen-previews-off',
    topic: 'your-device',
    statement:
      'Turn off message previews on your lock screen, so patient details do not appear for anyone nearby to read.',
    basis: 'guidance',
    sources: [S.iga2018, S.acuteSettings2018],
  },
  {
    id: 'remote-wipe',
    topic: 'your-device',
    statement:
      'Use an app and phone that can be wiped remotely, and tell your organisation at once if the phone is lost or stolen.',
    basis: 'guidance',
    sources: [S.acuteSettings2018],
  },
  {
    id: 'photos-not-in-gallery',
    topic: 'your-device',
    statement:
      'Stop the app saving photos and files to your phone’s gallery, where they can be backed up to personal cloud storage or shown to others.',
    basis: 'good-practice',
    sources: [S.mobileMessaging],
  },
  {
    id: 'personal-devices',
    topic: 'your-device',
    statement:
      'Work messages on your own phone still belong to your organisation. If they are part of a patient’s care, they must be copied into the official record.',
    basis: 'good-practice',
    sources: [S.mobileMessaging, S.icoNonCorporate],
  },
  {
    id: 'minimise-patient-data',
    topic: 'sharing',
    statement:
      'Share only the patient information the task needs. Leave out names and other identifiers wherever you can.',
    basis: 'guidance',
    sources: [S.mobileMessaging, S.iga2018],
  },
  {
    id: 'check-group-membership',
    topic: 'sharing',
    statement:
      'Before you send, check you are messaging the right person or group, and that everyone in the group should see the message.',
    basis: 'guidance',
    sources: [S.iga2018, S.acuteSettings2018],
  },
  {
    id: 'invite-links',
    topic: 'sharing',
    statement:
      'Do not share invite links to clinical groups. Add members yourself, so you know who can read the messages.',
    basis: 'good-practice',
    sources: [S.acuteSettings2018],
  },
  {
    id: 'leave-groups-on-job-change',
    topic: 'sharing',
    statement:
      'Leave work groups when you change job or leave the organisation, and remove people who have left from groups you run.',
    basis: 'good-practice',
    sources: [S.acuteSettings2018],
  },
  {
    id: 'major-incident-groups',
    topic: 'sharing',
    statement:
      'In a major incident, use the groups your organisation sets up for it and follow its incident plan. The same rules on patient information still apply.',
    basis: 'good-practice',
    sources: [S.mobileMessaging],
  },
  {
    id: 'transcribe-to-record',
    topic: 'records',
    statement:
      'A chat is not the patient’s record. Copy clinical advice and decisions into the health record as soon as you can, saying who gave the advice.',
    basis: 'guidance',
    sources: [S.mobileMessaging, S.acuteSettings2018],
  },
  {
    id: 'delete-after-transcribing',
    topic: 'records',
    statement: 'Once the clinical content is in the record, delete the original messages from the chat.',
    basis: 'guidance',
    sources: [S.mobileMessaging, S.acuteSettings2018],
  },
  {
    id: 'foi-and-sar-apply',
    topic: 'accountability',
    statement:
      'Work messages, even in a personal app, can be requested under Freedom of Information or by the patient through a subject access request, and may have to be disclosed.',
    basis: 'guidance',
    sources: [S.mobileMessaging, S.icoNonCorporate],
  },
  {
    id: 'organisation-may-check-devices',
    topic: 'accountability',
    statement:
      'Your organisation may ask you to search your phone for work messages and hand them over when it receives a request, or when it investigates a complaint or incident.',
    basis: 'good-practice',
    sources: [S.icoNonCorporate],
  },
  {
    id: 'report-breaches-72-hours',
    topic: 'accountability',
    statement:
      'If patient information goes to the wrong person or a phone is lost, tell your information governance team straight away. Serious breaches must be reported to the ICO within 72 hours of the organisation finding out.',
    basis: 'law',
    sources: [S.ukGdprArt33],
  },
  {
    id: 'regulatory-consequences',
    topic: 'accountability',
    statement:
      'If you do not protect patient confidentiality when messaging, you may face investigation by your professional regulator.',
    basis: 'guidance',
    sources: [S.acuteSettings2018],
  },
];

/** The guidance point with a given id, or undefined; used by quiz questions that cite a point. */
export function findGuidancePoint(id: string): GuidancePoint | undefined {
  return MESSAGING_GUIDANCE.find((point) => point.id === id);
}
