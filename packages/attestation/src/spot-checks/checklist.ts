/**
 * The device spot check's checklist, built from records-policy's messaging guidance (records-rules.md §5.2): each item
 * names the guidance points it checks, so the checker sees the rule as the course teaches it. The checker looks at
 * settings and asks questions; nothing on the phone is photographed, copied or read out, and no item needs it.
 */
import { findGuidancePoint, type GuidancePoint } from '@im-records/records-policy';

/** One thing the checker looks at. */
export interface ChecklistItem {
  id: string;
  /** What should be true, as the checker ticks it. */
  label: string;
  /** How to check it without reading anyone's messages. */
  howToCheck: string;
  /** The records-policy guidance points it checks. */
  guidance: readonly string[];
}

/** The outcomes a checker records for an item. */
export const OUTCOMES = ['pass', 'fail', 'not-applicable'] as const;

/** One of {@link OUTCOMES}. */
export type Outcome = (typeof OUTCOMES)[number];

/** The checklist, in the order the checker goes through the phone. */
export const CHECKLIST: readonly ChecklistItem[] = [
  {
    id: 'approved-app',
    label: "Work messages are in an app on the trust's approved list",
    howToCheck: 'Ask which app they use for messages about patients and look at it on the phone.',
    guidance: ['approved-apps', 'consumer-apps'],
  },
  {
    id: 'passcode',
    label: 'The phone has a passcode, and nobody else uses it',
    howToCheck:
      'Lock the screen and see that it asks for a passcode, fingerprint or face to open. Ask whether anyone else uses the phone.',
    guidance: ['device-passcode', 'no-shared-devices'],
  },
  {
    id: 'lock-screen',
    label: 'Message previews are off on the lock screen',
    howToCheck: "Look at the messaging app's notification settings: a locked phone shows no message text.",
    guidance: ['lock-screen-previews-off'],
  },
  {
    id: 'photos',
    label: 'Photos from work chats are not saved to the gallery or a personal cloud backup',
    howToCheck:
      "Look at the app's save-to-photos and chat backup settings. Do not open or scroll through the photos themselves.",
    guidance: ['photos-not-in-gallery', 'cloud-backups'],
  },
  {
    id: 'transcribed',
    label: 'Clinical advice is written into the record and the messages deleted',
    howToCheck:
      'Ask how they record advice given in chats. Look at how far back the work chats go, not at what they say.',
    guidance: ['transcribe-to-record', 'delete-after-transcribing'],
  },
  {
    id: 'old-groups',
    label: 'Groups from old jobs or finished work have been left',
    howToCheck: 'Look through the list of work group names with them: any from a previous post or a finished incident?',
    guidance: ['leave-groups-on-job-change'],
  },
];

/** An item by id. */
export function checklistItem(id: string): ChecklistItem | undefined {
  return CHECKLIST.find((item) => item.id === id);
}

/** The guidance points an item checks (each is in records-policy; the tests make sure). */
export function guidanceFor(item: ChecklistItem): GuidancePoint[] {
  return item.guidance.map((id) => findGuidancePoint(id)).filter((p): p is GuidancePoint => p !== undefined);
}
