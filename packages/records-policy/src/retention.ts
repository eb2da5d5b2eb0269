import type { GuidanceSource } from './guidance.ts';

/** A retention rule that applies to clinical content from a chat once it is in (or serves as) the record. */
export interface RetentionRule {
  /** Stable identifier, e.g. `adult-health-record`. */
  id: string;
  /** The record type, as a records officer would name it. */
  recordType: string;
  /** How long to keep it and from when, in plain English. */
  period: string;
  /** What it means for chat content. */
  appliesToChat: string;
  /** `confirmed` when stated in the Code or a direct summary of it; `supported` when drawn from a derived code. */
  status: 'confirmed' | 'supported';
  sources: GuidanceSource[];
}

/** Sources for retention (records-rules.md §5.3). */
export const RETENTION_SOURCES = {
  rmCode: {
    name: 'NHS England: Records Management Code of Practice (2021, updated 2023)',
    url: 'https://transform.england.nhs.uk/information-governance/guidance/records-management-code/',
  },
  digitalCareHub: {
    name: 'Digital Care Hub: Records management code for adult social care (derived from the NHS Code), Appendix 2 and section 3.1',
    url: 'https://www.digitalcarehub.co.uk/',
  },
} satisfies Record<string, GuidanceSource>;

/**
 * The format-neutral principle: how long to keep something depends on what it is and what it was for, not on
 * whether it is a letter, an email or a chat message.
 */
export const FORMAT_NEUTRAL_PRINCIPLE =
  'Keep information for as long as its content requires, whatever its format. A chat message that records care is kept like any other part of the health record. Once an accurate and adequate copy is in the record, the original chat need not be kept. If the chat is the only record of the care, it must be kept for the full period for that type of record.';

/** Retention rules for chat content transcribed into the record, and for chats that are themselves the record. */
export const RETENTION_RULES: readonly RetentionRule[] = [
  {
    id: 'chat-after-transcription',
    recordType: 'Original chat messages once transcribed',
    period: 'Delete once an accurate and adequate copy is in the health record.',
    appliesToChat:
      'The transcribed entry in the record carries the retention period; the chat itself is not kept as a duplicate.',
    status: 'supported',
    sources: [RETENTION_SOURCES.digitalCareHub, RETENTION_SOURCES.rmCode],
  },
  {
    id: 'chat-as-only-record',
    recordType: 'A chat that is the only record of care',
    period: 'The full retention period for the type of record it is (see the other rules).',
    appliesToChat:
      'Do not delete it: capture it into the record-keeping system and keep it like the record it replaces.',
    status: 'supported',
    sources: [RETENTION_SOURCES.digitalCareHub],
  },
  {
    id: 'personal-device-messages',
    recordType: 'Work messages on personally owned devices',
    period: 'As for the record type; the messages belong to the employer.',
    appliesToChat: 'If they are records, they must be captured into the organisation’s record-keeping system.',
    status: 'supported',
    sources: [RETENTION_SOURCES.digitalCareHub],
  },
  {
    id: 'adult-health-record',
    recordType: 'Adult health records',
    period: '8 years after the end of treatment.',
    appliesToChat:
      'Clinical advice about an adult patient, once in the record, is kept for 8 years after treatment ends.',
    status: 'confirmed',
    sources: [RETENTION_SOURCES.rmCode],
  },
  {
    id: 'children-health-record',
    recordType: 'Children’s health records',
    period: 'Until the patient’s 25th birthday, or 26th if they were 17 when treatment ended.',
    appliesToChat: 'Messages about a child’s care, once in the record, are kept until the 25th (or 26th) birthday.',
    status: 'confirmed',
    sources: [RETENTION_SOURCES.rmCode],
  },
  {
    id: 'mental-health-record',
    recordType: 'Mental health records',
    period: '20 years after treatment ends, or 10 years after the patient’s death.',
    appliesToChat: 'Messages about mental health care, once in the record, follow the mental health period.',
    status: 'confirmed',
    sources: [RETENTION_SOURCES.rmCode],
  },
  {
    id: 'maternity-record',
    recordType: 'Maternity records',
    period: '25 years.',
    appliesToChat: 'Messages about maternity care, once in the record, are kept for 25 years.',
    status: 'confirmed',
    sources: [RETENTION_SOURCES.rmCode],
  },
  {
    id: 'gp-record-deceased',
    recordType: 'GP records of patients who have died',
    period: '10 years after death.',
    appliesToChat: 'Messages that became part of a GP record follow the GP record.',
    status: 'confirmed',
    sources: [RETENTION_SOURCES.rmCode],
  },
];

/** The retention rule with a given id, or undefined. */
export function findRetentionRule(id: string): RetentionRule | undefined {
  return RETENTION_RULES.find((rule) => rule.id === id);
}
