/**
 * The WhatsApp importer reads each text either from its bytes (most messages) or decoded and classified; both forms of
 * every rule are made from the phrase lists in `phrases.ts`. These tests read every phrase of every list through the
 * importer and check that it comes out as classification says it should: a phrase the byte route did not know would be
 * kept as plain text and fail here.
 */
import { describe, expect, it } from 'vitest';
import { type ClassifiedText, classifyText } from '../src/formats/whatsapp/classify.ts';
import {
  ANDROID_PLACEHOLDER_KINDS,
  DELETED,
  DOCUMENT_OMITTED,
  EDITED_MARKERS,
  FILE_ATTACHED,
  IOS_MEDIA_NAMES,
  LIVE_LOCATION_PHRASES,
  NOTICE_STARTS,
  OMITTED_WORDS,
  POLLS,
} from '../src/formats/whatsapp/phrases.ts';
import type { Message } from '../src/index.ts';
import { fromText, list } from './helpers.ts';

/** Encryption and business notices as WhatsApp writes them, one or more for each opening in NOTICE_STARTS. */
const NOTICES = [
  'Messages and calls are end-to-end encrypted. No one outside of this chat, not even WhatsApp, can read or listen to them.',
  'Messages you send to this group are now secured with end-to-end encryption.',
  'Nachrichten und Anrufe sind Ende-zu-Ende-verschlüsselt.',
  'This business uses a secure service from Meta to manage this chat.',
  'This business works with other companies to manage this chat.',
  'This chat is with a business account.',
  'This chat is with an official business account.',
];

const samples: { text: string; expect: (message: Message) => void }[] = [
  ...[...DELETED].flatMap((phrase) =>
    [phrase, `${phrase}.`].map((text) => ({ text, expect: (m: Message) => expect(m.kind).toBe('deleted') })),
  ),
  ...POLLS.map(({ heading, option, votes }) => ({
    text: `${heading}:\nHandover time\n${option}: 08:00 (2 ${votes[1]})\n${option}: 08:30 (1 ${votes[0]})`,
    expect: (m: Message) =>
      expect(m.poll).toEqual({
        question: 'Handover time',
        options: [
          { text: '08:00', votes: 2 },
          { text: '08:30', votes: 1 },
        ],
      }),
  })),
  ...NOTICES.map((text) => ({
    text,
    expect: (m: Message) => expect(m).toMatchObject({ kind: 'system', author: null }),
  })),
  ...[...ANDROID_PLACEHOLDER_KINDS].map(([text, kind]) => ({
    text,
    expect: (m: Message) => expect(m.attachments).toEqual([{ fileName: text, kind, included: false }]),
  })),
  ...IOS_MEDIA_NAMES.flatMap(([kind, names]) =>
    names.flatMap((name) =>
      OMITTED_WORDS.map((word) => ({
        text: `${name} ${word}`,
        expect: (m: Message) => expect(m.attachments).toEqual([{ fileName: `${name} ${word}`, kind, included: false }]),
      })),
    ),
  ),
  ...DOCUMENT_OMITTED.map((words) => ({
    text: `discharge.pdf • 2 pages ${words}`,
    expect: (m: Message) =>
      expect(m.attachments).toEqual([{ fileName: 'discharge.pdf', kind: 'document', included: false }]),
  })),
  ...LIVE_LOCATION_PHRASES.map((text) => ({
    text,
    expect: (m: Message) => expect(m.attachments).toEqual([{ fileName: text, kind: 'location', included: false }]),
  })),
  ...EDITED_MARKERS.map((marker) => ({
    text: `Running late \u200e<${marker}>`,
    expect: (m: Message) => expect(m).toMatchObject({ text: 'Running late', edited: true }),
  })),
  ...[...FILE_ATTACHED].map((phrase) => ({
    text: `discharge.pdf (${phrase})\nsee page 2`,
    expect: (m: Message) =>
      expect(m).toMatchObject({
        text: 'see page 2',
        attachments: [{ fileName: 'discharge.pdf', kind: 'document', included: false }],
      }),
  })),
  // Look-alikes that are plain text, read from their bytes.
  ...['obs stable (bed 4)', 'v1.2 (draft)', 'I promise', 'omitted', 'Thanks', 'Messages later', 'POLL results'].map(
    (text) => ({ text, expect: (m: Message) => expect(m).toMatchObject({ kind: 'message', text, attachments: [] }) }),
  ),
];

/** What an imported message must be, by classification of its text alone (nothing in the archive, no chat title). */
function asClassified(c: ClassifiedText): Partial<Message> {
  return {
    kind: c.kind,
    author: c.author,
    text: c.text,
    attachments: c.attachments.map(({ fileName, kind }) => ({ fileName, kind, included: false })),
    ...(c.edited ? { edited: true } : {}),
    ...(c.poll ? { poll: c.poll } : {}),
  };
}

describe('every phrase is read alike from bytes and as text', () => {
  it('reads each phrase of each list as classification does, and as its list says', async () => {
    // One export, one message by Ana per sample, LF line ends: each text takes the byte route unless a rule applies.
    const lines = samples.map(({ text }, i) => {
      const minute = i % 60;
      const hour = 8 + Math.floor(i / 60);
      return `03/02/2024, ${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')} - Ana: ${text}`;
    });
    const messages = list((await fromText(`${lines.join('\n')}\n`)).messages);
    expect(messages).toHaveLength(samples.length);
    for (const [i, sample] of samples.entries()) {
      const message = messages[i] as Message;
      const classified = asClassified(classifyText({ text: sample.text, author: 'Ana' }));
      expect({ sample: sample.text, ...message }, sample.text).toMatchObject({ sample: sample.text, ...classified });
      sample.expect(message);
    }
  });

  it('knows the opening of every notice', () => {
    for (const notice of NOTICES)
      expect(
        NOTICE_STARTS.some((start) => notice.startsWith(start)),
        notice,
      ).toBe(true);
    for (const start of NOTICE_STARTS)
      expect(
        NOTICES.some((notice) => notice.startsWith(start)),
        start,
      ).toBe(true);
  });
});

describe('media placeholders in every language', () => {
  it("keeps a placeholder under the chat's name as media, in Spanish as in English (one-to-one iOS chat)", async () => {
    // In a one-to-one chat the title is the other person's name, so their marked lines are checked for system events.
    const c = await fromText(
      '[03/02/2024, 10:00:00] Ana: \u200eimagen omitida\n[03/02/2024, 10:01:00] Ana: \u200eimage omitted\n[03/02/2024, 10:02:00] Ana: \u200evídeo omitido\n[03/02/2024, 10:03:00] Ana: \u200eAna added Ben\n',
      'WhatsApp Chat - Ana.txt',
    );
    const [spanish, english, video, added] = list(c.messages);
    expect(spanish).toMatchObject({ author: 'Ana', kind: 'message', attachments: [{ kind: 'image' }] });
    expect(english).toMatchObject({ author: 'Ana', kind: 'message', attachments: [{ kind: 'image' }] });
    expect(video).toMatchObject({ author: 'Ana', attachments: [{ fileName: 'vídeo omitido', kind: 'video' }] });
    expect(added).toMatchObject({ author: null, kind: 'system', text: 'Ana added Ben' });
  });
});
