/**
 * The one list of sources the course and the policy cite: every fact a training page, question or scenario teaches
 * names an id from here, so an IG lead can trace it, and a change of source is made once. Built from the project's
 * reference notes (records-rules.md); the few sources outside them are marked so they can be added there.
 */

/** The UK's four health divisions: they decide the patient number and the FOI law a trust works under. */
export type UkDivision = 'england' | 'wales' | 'scotland' | 'northern-ireland';

/** Every division, in the order settings screens list them. */
export const UK_DIVISIONS: readonly UkDivision[] = ['england', 'wales', 'scotland', 'northern-ireland'];

/**
 * How firmly a source has been checked: `confirmed` — read from the primary or official source; `secondary` — known
 * through a report, summary or copy of it (a law firm's note, a press report, a mirror).
 */
export type SourceStatus = 'confirmed' | 'secondary';

/** A document a fact rests on: named, dated and linked as far as is known. */
export interface Source {
  /** Stable id, cited by guidance points, pages, questions and scenarios (`uk-gdpr-art-33`). */
  id: string;
  title: string;
  publisher: string;
  /** The public address, when one is known. */
  url?: string;
  /** The date of the version relied on, as precisely as it is known. */
  date?: string;
  status: SourceStatus;
  /**
   * Where the project's reference notes (`records-rules.md`, `attestation.md`) record it, e.g. `records-rules.md §7`;
   * `null` for a source checked for the course but not yet in the notes. A fact resting only on such sources is not
   * traceable: a guidance point that cites nothing else must be the trust's own policy (the source is then further
   * reading), and content may not cite one for a fact of its own (see {@link isInReferenceNotes}).
   */
  reference: string | null;
  /** Only these divisions' trusts cite it (FOISA is Scottish; the Records Management Code is England's). */
  divisions?: readonly UkDivision[];
}

const notScotland: readonly UkDivision[] = ['england', 'wales', 'northern-ireland'];
const scotland: readonly UkDivision[] = ['scotland'];

const list = [
  {
    id: 'nhse-mobile-messaging',
    title: 'Using mobile messaging software in health and care settings',
    publisher: 'NHS England Transformation Directorate',
    url: 'https://transform.england.nhs.uk/information-governance/guidance/use-mobile-messaging-software-health-and-care-settings/',
    date: '2023 revision (exact date not confirmed)',
    status: 'confirmed',
    reference: 'records-rules.md §5.2, §7',
  },
  {
    id: 'nhse-im-acute-2018',
    title: 'Information governance guidance on the use of instant messaging in acute clinical settings',
    publisher: 'NHS England, NHS Digital, Public Health England and the Department of Health and Social Care',
    url: 'https://www.england.nhs.uk/2018/11/instant-messaging-services-a-vital-part-of-the-nhs-toolkit-during-a-crisis/',
    date: 'November 2018 (replaced by the 2023 guidance)',
    status: 'confirmed',
    reference: 'records-rules.md §5.2',
  },
  {
    id: 'iga-im-draft-2018',
    title: 'Draft guidance on instant messaging, as reported by Digital Health',
    publisher: 'Information Governance Alliance',
    url: 'https://www.digitalhealth.net/2018/03/information-governance-alliance-guidelines-instant-messaging-use/',
    date: 'February 2018 (a draft)',
    status: 'secondary',
    reference: 'records-rules.md §5.2',
  },
  {
    id: 'nhsx-covid-messaging-2020',
    title: 'COVID-19 information governance statement on mobile messaging and video',
    publisher: 'NHSX',
    date: 'April 2020',
    status: 'secondary',
    reference: 'records-rules.md §5.2',
  },
  {
    id: 'microsoft-teams-encryption',
    title: 'Encryption for Teams',
    publisher: 'Microsoft Learn',
    status: 'secondary',
    reference: 'records-rules.md §7',
  },
  {
    id: 'whatsapp-help-groups',
    title: 'Group invite links (reset link) and Approve new participants',
    publisher: 'WhatsApp Help Centre',
    url: 'https://faq.whatsapp.com/',
    status: 'secondary',
    reference: 'records-rules.md §7',
  },
  {
    id: 'whatsapp-help-security',
    title: 'Verifying security codes, group permissions, deleting messages and end-to-end encrypted backup',
    publisher: 'WhatsApp Help Centre',
    url: 'https://faq.whatsapp.com/',
    status: 'secondary',
    reference: null,
  },
  {
    id: 'sms-not-end-to-end',
    title: 'Why SMS text messages are not private or secure (SMS has no end-to-end encryption)',
    publisher: 'How-To Geek',
    status: 'secondary',
    reference: null,
  },
  {
    id: 'device-security-ncsc',
    title: 'How to secure your devices (updates, official app stores, screen lock, encryption)',
    publisher: 'Northern Ireland Cyber Security Centre, drawing on NCSC device guidance',
    url: 'https://www.nicybersecuritycentre.gov.uk/how-secure-your-devices',
    status: 'secondary',
    reference: null,
  },
  {
    id: 'ico-non-corporate',
    title: 'Official information held in non-corporate communications channels',
    publisher: "Information Commissioner's Office",
    url: 'http://ico.org.uk/for-organisations/official-information-held-in-non-corporate-communications-channels/',
    status: 'confirmed',
    reference: 'records-rules.md §1.1',
  },
  {
    id: 'ico-lanarkshire-2023',
    title:
      'ICO reprimand to NHS Lanarkshire for sharing patient data in a WhatsApp group, as reported by Digital Health',
    publisher: "Information Commissioner's Office",
    url: 'https://www.digitalhealth.net/2023/08/ico-reprimands-nhs-lanarkshire-for-sharing-patient-data-via-whatsapp/',
    date: 'August 2023',
    status: 'secondary',
    reference: 'attestation.md (device spot checks)',
  },
  {
    id: 'ico-phone-spot-checks',
    title:
      'The Information Commissioner’s call for random checks of the messaging settings on staff phones, as reported in the press',
    publisher: "Information Commissioner's Office",
    status: 'secondary',
    reference: 'attestation.md (device spot checks)',
  },
  {
    id: 'ndg-caldicott-principles',
    title: 'The eight Caldicott Principles (revised and expanded)',
    publisher: 'National Data Guardian for Health and Social Care',
    url: 'https://www.gov.uk/government/news/why-caldicott-principles-and-caldicott-guardians-are-still-relevant-in-2020',
    date: '8 December 2020',
    status: 'secondary',
    reference: null,
  },
  {
    id: 'gmc-recordings',
    title: 'Making and using visual and audio recordings of patients',
    publisher: 'General Medical Council',
    url: 'https://www.gmc-uk.org/ethical-guidance/ethical-guidance-for-doctors/making-and-using-visual-and-audio-recordings-of-patients',
    status: 'confirmed',
    reference: null,
  },
  {
    id: 'uk-gdpr-art-4',
    title: 'UK GDPR Article 4(12): definition of a personal data breach',
    publisher: 'legislation.gov.uk',
    url: 'https://www.legislation.gov.uk/eur/2016/679/article/4',
    status: 'confirmed',
    reference: 'records-rules.md §7',
  },
  {
    id: 'uk-gdpr-art-33',
    title: 'UK GDPR Article 33: notifying the Information Commissioner of a personal data breach',
    publisher: 'legislation.gov.uk',
    url: 'https://www.legislation.gov.uk/eur/2016/679/article/33',
    status: 'confirmed',
    reference: 'records-rules.md §7',
  },
  {
    id: 'uk-gdpr-art-34',
    title: 'UK GDPR Article 34: telling people affected by a high-risk breach',
    publisher: 'legislation.gov.uk',
    url: 'https://www.legislation.gov.uk/eur/2016/679/article/34',
    status: 'confirmed',
    reference: 'records-rules.md §7',
  },
  {
    id: 'ico-breach-guide',
    title: 'Personal data breaches: a guide',
    publisher: "Information Commissioner's Office",
    url: 'https://ico.org.uk/for-organisations/report-a-breach/',
    status: 'confirmed',
    reference: 'records-rules.md §7',
  },
  {
    id: 'dspt-incident-reporting',
    title: 'Data Security and Protection Toolkit: incident reporting tool (forwards notifiable incidents to the ICO)',
    publisher: 'NHS England',
    url: 'https://www.dsptoolkit.nhs.uk/',
    status: 'confirmed',
    reference: 'records-rules.md §7',
  },
  {
    id: 'dpa-s170',
    title: 'Data Protection Act 2018, section 170: unlawfully obtaining or disclosing personal data',
    publisher: 'legislation.gov.uk',
    url: 'https://www.legislation.gov.uk/ukpga/2018/12/section/170',
    status: 'confirmed',
    reference: 'records-rules.md §7',
  },
  {
    id: 'dpa-s173',
    title:
      'Data Protection Act 2018, section 173: altering or destroying information to prevent disclosure to a data subject',
    publisher: 'legislation.gov.uk',
    url: 'https://www.legislation.gov.uk/ukpga/2018/12/section/173',
    status: 'confirmed',
    reference: 'records-rules.md §7',
  },
  {
    id: 'foia-s10',
    title: 'Freedom of Information Act 2000, section 10: time for compliance',
    publisher: 'legislation.gov.uk',
    url: 'https://www.legislation.gov.uk/ukpga/2000/36/section/10',
    status: 'confirmed',
    reference: 'records-rules.md §1.1',
    divisions: notScotland,
  },
  {
    id: 'foia-s77',
    title: 'Freedom of Information Act 2000, section 77: offence of altering records to prevent disclosure',
    publisher: 'legislation.gov.uk',
    url: 'https://www.legislation.gov.uk/ukpga/2000/36/section/77',
    status: 'confirmed',
    reference: 'records-rules.md §7',
    divisions: notScotland,
  },
  {
    id: 'foisa-s10',
    title: 'Freedom of Information (Scotland) Act 2002, section 10: time for compliance (Explanatory Notes)',
    publisher: 'legislation.gov.uk',
    url: 'https://www.legislation.gov.uk/asp/2002/13/notes/division/3/1/10',
    status: 'confirmed',
    reference: 'records-rules.md §1.2',
    divisions: scotland,
  },
  {
    id: 'foisa-s65',
    title: 'Freedom of Information (Scotland) Act 2002, section 65: offence of altering records to prevent disclosure',
    publisher: 'legislation.gov.uk',
    url: 'https://www.legislation.gov.uk/asp/2002/13/section/65',
    status: 'confirmed',
    reference: null,
    divisions: scotland,
  },
  {
    id: 'foia-s40',
    title:
      'Freedom of Information Act 2000, section 40(1): the requester’s own personal data (a subject access request)',
    publisher: 'legislation.gov.uk',
    url: 'https://www.legislation.gov.uk/ukpga/2000/36/section/40',
    status: 'confirmed',
    reference: 'records-rules.md §4.1',
    divisions: notScotland,
  },
  {
    id: 'ico-recognise-sar',
    title: 'How do we recognise a subject access request?',
    publisher: "Information Commissioner's Office",
    url: 'https://cy.ico.org.uk/for-organisations/guide-to-data-protection/guide-to-the-general-data-protection-regulation-gdpr/right-of-access/how-do-we-recognise-a-subject-access-request-sar/',
    status: 'confirmed',
    reference: null,
  },
  {
    id: 'ico-sar-responding',
    title: 'What should we consider when responding to a request? (right of access)',
    publisher: "Information Commissioner's Office",
    url: 'https://ico.org.uk/for-organisations/uk-gdpr-guidance-and-resources/individual-rights/right-of-access/what-should-we-consider-when-responding-to-a-request/',
    date: 'updated 8 December 2025',
    status: 'confirmed',
    reference: 'records-rules.md §2.1',
  },
  {
    id: 'ico-sar-health-data',
    title: 'Right of access: health data',
    publisher: "Information Commissioner's Office",
    url: 'https://ico.org.uk/for-organisations/uk-gdpr-guidance-and-resources/individual-rights/right-of-access/health-data',
    status: 'confirmed',
    reference: 'records-rules.md §2.4, §4.2',
  },
  {
    id: 'dpa-sch2-part3',
    title:
      'Data Protection Act 2018, Schedule 2 Part 3, paragraphs 16 and 17: other people’s information and health workers',
    publisher: 'legislation.gov.uk',
    url: 'https://www.legislation.gov.uk/ukpga/2018/12/schedule/2/part/3',
    status: 'confirmed',
    reference: 'records-rules.md §4.2',
  },
  {
    id: 'ico-disclosing-securely',
    title: 'Disclosing documents to the public securely: avoid an accidental breach when redacting documents',
    publisher: "Information Commissioner's Office",
    url: 'https://cy.ico.org.uk/for-organisations/uk-gdpr-guidance-and-resources/security/disclosing-documents-to-the-public-securely/checklist-avoid-an-accidental-breach-when-redacting-documents',
    date: '31 July 2025',
    status: 'confirmed',
    reference: 'records-rules.md §5.1',
  },
  {
    id: 'rm-code-2023',
    title: 'Records Management Code of Practice',
    publisher: 'NHS England Transformation Directorate',
    url: 'https://transform.england.nhs.uk/information-governance/guidance/records-management-code/',
    date: '7 August 2023',
    status: 'confirmed',
    reference: 'records-rules.md §5.3',
    divisions: ['england'],
  },
  {
    id: 'digital-care-hub-records',
    title: 'Records management code for adult social care (derived from the NHS Code): Appendix 2 and section 3.1',
    publisher: 'Digital Care Hub',
    url: 'https://www.digitalcarehub.co.uk/',
    status: 'secondary',
    reference: 'records-rules.md §5.3',
  },
  {
    id: 'dspt-training',
    title: 'Data Security and Protection Toolkit: training (training needs analysis, evidence items 3.1.1 to 3.1.3)',
    publisher: 'NHS England',
    url: 'https://www.dsptoolkit.nhs.uk/News/Training',
    status: 'confirmed',
    reference: 'records-rules.md §6',
  },
  {
    id: 'dspt-help-training',
    title: 'Data Security and Protection Toolkit help: Data Security Awareness Level 1 and annual training',
    publisher: 'NHS England',
    url: 'https://www.dsptoolkit.nhs.uk/Help/30',
    status: 'confirmed',
    reference: 'records-rules.md §6',
  },
] as const satisfies readonly Source[];

/** The id of a source in {@link SOURCES}: a typo in a citation in code is a type error. */
export type SourceId = (typeof list)[number]['id'];

/** Every source, in the order the list reads: NHS guidance, products, confidentiality, breaches, law, requests, records, training. */
export const SOURCES: readonly Source[] = list;

const byId: ReadonlyMap<string, Source> = new Map(list.map((source) => [source.id, source]));

/** The source with an id, or undefined (for ids read from content files, which are checked at build). */
export function findSource(id: string): Source | undefined {
  return byId.get(id);
}

/** Whether the project's reference notes record a source, so a fact resting on it can be traced there. */
export function isInReferenceNotes(source: Source): boolean {
  return source.reference !== null;
}

/** Whether a source applies to a trust in a division (sources without `divisions` apply everywhere). */
export function sourceAppliesTo(source: Source, division: UkDivision): boolean {
  return source.divisions === undefined || source.divisions.includes(division);
}
