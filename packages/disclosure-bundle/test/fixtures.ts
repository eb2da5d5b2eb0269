/** Small hand-made inputs for the bundle tests (the project's own; no third-party data). */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import type { DisclosedConversation, DisclosedMessage, DisclosedSegment } from '@im-records/redaction';
import type { BundleRequest, FontLoader } from '../src/index.ts';

const require = createRequire(import.meta.url);

/** Loads fonts from node_modules, as the CLI does. */
export const nodeFontLoader: FontLoader = async (packagePath) =>
  new Uint8Array(await readFile(require.resolve(packagePath)));

export const request: BundleRequest = {
  organisation: 'Northshire Hospitals NHS Foundation Trust',
  reference: 'FOI-2024-0412',
  type: 'foi',
  received: '2024-04-02',
  responseDate: '2024-04-25',
  due: '2024-04-30',
  searched: 'WhatsApp group "Ward 7 handover", 1 to 31 March 2024',
};

const text = (value: string): DisclosedSegment => ({ type: 'text', text: value });
const box = (
  exemption = 's40(2)',
  category: 'person-name' | 'nhs-number' | 'phone' = 'person-name',
): DisclosedSegment => ({
  type: 'redaction',
  category,
  exemption,
  label: exemption,
});

let counter = 0;
function message(
  timestamp: string,
  author: string | null,
  segments: DisclosedSegment[],
  extra: Partial<DisclosedMessage> = {},
): DisclosedMessage {
  counter++;
  return {
    id: `m${String(counter).padStart(4, '0')}`,
    timestamp,
    author,
    kind: 'message',
    segments,
    attachments: [],
    ...extra,
  };
}

/** A short conversation in many scripts, with redactions and one disclosed and one withheld attachment. */
export function sampleConversation(): DisclosedConversation {
  counter = 0;
  const messages: DisclosedMessage[] = [
    message('2024-03-04T09:14:00+00:00', null, [text('Staff member A created group "Ward 7 handover"')], {
      kind: 'system',
    }),
    message('2024-03-04T09:15:00+00:00', 'Staff member A', [
      text('Bed 4: '),
      box(),
      text(' NHS no '),
      box('s40(2)', 'nhs-number'),
      text(' bloods sent.'),
    ]),
    message('2024-03-04T09:20:00+00:00', 'Staff member B', [text('Zażółć gęślą jaźń — café naïve Ελληνικά Кириллица')]),
    message('2024-03-04T09:21:00+00:00', 'Staff member B', [text('שלום עולם and مرحبا بكم then English again')]),
    message('2024-03-05T10:02:00+00:00', 'Staff member C', [text('中文测试 病人 ok 👍🏽 👨‍👩‍👧 🇬🇧 ☺ 𓀀')]),
    message('2024-03-05T10:03:00+00:00', 'Staff member C', [text('=SUM(A1) +44 "quoted", comma\nsecond line')], {
      attachments: [
        { displayName: 'image-0001.jpg', kind: 'image', disclose: true, mediaKey: 'media/IMG-0001.jpg' },
        { displayName: 'image-0002.jpg', kind: 'image', disclose: false, withheldReason: 's40(2): shows a patient' },
      ],
    }),
    message('2024-03-05T10:04:00+00:00', 'Staff member A', [], { kind: 'deleted' }),
  ];
  return {
    mode: 'foi',
    title: 'Ward 7 handover',
    messages,
    counts: {
      messagesInScope: 7,
      messagesDisclosed: 7,
      messagesWithheld: 0,
      redactions: 2,
      attachmentsDisclosed: 1,
      attachmentsWithheld: 1,
    },
  };
}

/** A minimal JPEG with JFIF, EXIF (holding a GPS tag and a name), XMP and a comment. */
export function jpegWithMetadata(): Uint8Array {
  const seg = (marker: number, payload: number[]): number[] => [
    0xff,
    marker,
    ((payload.length + 2) >> 8) & 0xff,
    (payload.length + 2) & 0xff,
    ...payload,
  ];
  const ascii = (s: string): number[] => [...s].map((c) => c.charCodeAt(0));
  return new Uint8Array([
    0xff,
    0xd8,
    ...seg(0xe0, [...ascii('JFIF'), 0, 1, 1, 0, 0, 1, 0, 1, 0, 0]),
    ...seg(0xe1, [...ascii('Exif'), 0, 0, ...ascii('GPSLatitude 51.5 Owner Jane Doe')]),
    ...seg(0xe1, [...ascii('http://ns.adobe.com/xap/1.0/'), 0, ...ascii('<x:xmpmeta>Creator Jane Doe</x:xmpmeta>')]),
    ...seg(0xfe, ascii('comment by Jane Doe')),
    ...seg(0xdb, [0, ...new Array(64).fill(1)]),
    ...seg(0xda, [1, 1, 0, 0, 0x3f, 0]),
    0x12,
    0x34,
    0xff,
    0x00,
    0x56,
    0xff,
    0xd0,
    0x78,
    0xff,
    0xd9,
  ]);
}
