/**
 * The project's own small chat fixtures for the Playwright journey (tests/e2e/chat-disclosure*.spec.ts): a WhatsApp
 * Android export zip with two photos, written here so every identifier in it is known to the test. The photos are real
 * JPEGs drawn by the browser under test (Node has no JPEG encoder), passed in as bytes.
 */
import { zipSync } from 'fflate';

/** Every value the journey redacts, so the bundle can be searched for each of them. */
export const secrets = {
  patient: 'Margaret Thompson',
  relative: 'Derek Thompson',
  nhsNumber: '943 476 5919',
  phone: '07700 900123',
  postcode: 'LS1 4AP',
  email: 'margaret.thompson@example.com',
  /** Not personal data the engine knows: the test redacts every occurrence by hand. */
  codename: 'Bluebell',
  /** Redacted by selecting it in the chat. */
  selected: 'Kingfisher',
  /** A hospital number in a trust's own format, which the built-in format misses: found once the trust's shape is given. */
  hospitalNumber: 'RJ1-204518',
} as const;

export const photoNames = ['IMG-20240304-WA0001.jpg', 'IMG-20240305-WA0002.jpg'] as const;

/** The chat text: two staff, a patient, her relative and their identifiers, two photos, a system notice. */
export function whatsAppText(): string {
  return [
    '04/03/2024, 08:00 - Messages and calls are end-to-end encrypted. No one outside of this chat, not even WhatsApp, can read or listen to them.',
    `04/03/2024, 08:01 - Jane Okafor: Morning all. Bed 4 is ${secrets.patient}, NHS number ${secrets.nhsNumber}`,
    `04/03/2024, 08:02 - Sam Patel: Thanks. Her son ${secrets.relative} is on ${secrets.phone}`,
    `04/03/2024, 08:03 - Jane Okafor: ${photoNames[0]} (file attached)`,
    `04/03/2024, 08:04 - Sam Patel: Postcode for transport is ${secrets.postcode}, email ${secrets.email}`,
    `04/03/2024, 08:05 - Jane Okafor: Project ${secrets.codename} audit starts today, ${secrets.codename} forms in the office`,
    `05/03/2024, 09:00 - Sam Patel: ${photoNames[1]} (file attached)`,
    `05/03/2024, 09:01 - Jane Okafor: Obs at 10 please, the ${secrets.selected} room is free`,
    `05/03/2024, 09:02 - Sam Patel: Handover done for ${secrets.hospitalNumber}, thank you`,
    '',
  ].join('\n');
}

/** The export zip as WhatsApp writes it: the chat text and the media files side by side. */
export function whatsAppZip(photos: readonly Uint8Array[]): Uint8Array {
  const files: Record<string, Uint8Array> = {
    'WhatsApp Chat with Ward 7.txt': new TextEncoder().encode(whatsAppText()),
  };
  photos.forEach((photo, index) => {
    files[photoNames[index] as string] = photo;
  });
  return zipSync(files, { mtime: new Date(Date.UTC(2024, 2, 5, 12)) });
}

/** A "zip" cut short: the first half of a real one, so the central directory is missing. */
export function corruptZip(photos: readonly Uint8Array[]): Uint8Array {
  const whole = whatsAppZip(photos);
  return whole.slice(0, Math.floor(whole.length / 2));
}

/** A PDF renamed to .txt: the importer must refuse it with a clear message. */
export function pdfRenamed(): Uint8Array {
  return new TextEncoder().encode('%PDF-1.7\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n');
}
