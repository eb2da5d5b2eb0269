/** Classification of one WhatsApp text, as a pure function of the text and what is known about its author. */
import { describe, expect, it } from 'vitest';
import { classifyText, findAttachments, parsePoll } from '../src/formats/whatsapp/classify.ts';

describe('classifyText', () => {
  it('keeps an ordinary message as it stands', () => {
    expect(classifyText({ text: 'Bed 4 bloods back', author: 'Ana' })).toEqual({
      kind: 'message',
      author: 'Ana',
      text: 'Bed 4 bloods back',
      attachments: [],
      edited: false,
    });
  });

  it('reads line ends as LF, and a line without an author as a system event', () => {
    expect(classifyText({ text: 'one\r\ntwo\rthree', author: 'Ana' }).text).toBe('one\ntwo\nthree');
    expect(classifyText({ text: 'Ana added Ben', author: null })).toMatchObject({ kind: 'system', author: null });
  });

  it('finds deleted messages, polls, notices and the edited marker', () => {
    expect(classifyText({ text: 'Diese Nachricht wurde gelöscht.', author: 'Ana' }).kind).toBe('deleted');
    expect(classifyText({ text: 'This message was deleted, sorry', author: 'Ana' }).kind).toBe('message');
    const poll = classifyText({ text: 'ENCUESTA:\n¿Cuándo?\nOPCIÓN: 08:00 (3 votos)', author: 'Ana' });
    expect(poll).toMatchObject({
      kind: 'poll',
      poll: { question: '¿Cuándo?', options: [{ text: '08:00', votes: 3 }] },
    });
    expect(classifyText({ text: 'This chat is with a business account.', author: 'Acme' })).toMatchObject({
      kind: 'system',
      author: null,
    });
    expect(classifyText({ text: 'Running late <This message was edited>', author: 'Ana' })).toMatchObject({
      text: 'Running late',
      edited: true,
    });
  });

  it("takes a marked line under the chat's name for a system event, but not a marked media placeholder", () => {
    const titles = ['Ward 7', undefined];
    expect(classifyText({ text: '\u200eAmira added Tom', author: 'Ward 7', titles })).toMatchObject({
      kind: 'system',
      author: null,
      text: 'Amira added Tom',
    });
    for (const placeholder of ['image omitted', 'Foto weggelassen', 'imagen omitida', 'immagine omessa']) {
      expect(classifyText({ text: `\u200e${placeholder}`, author: 'Ward 7', titles })).toMatchObject({
        kind: 'message',
        author: 'Ward 7',
        text: '',
        attachments: [{ fileName: placeholder, kind: 'image', inArchive: false }],
      });
    }
    // Without the mark, the same words under the chat's name are a message.
    expect(classifyText({ text: 'Amira added Tom', author: 'Ward 7', titles }).kind).toBe('message');
  });

  it('reads a quoted name with a colon as a system line naming the chat', () => {
    // "Ana changed the subject to “Ward: 7”" was cut at the colon inside the quotes.
    const line = classifyText({
      text: '7”',
      author: 'Ana changed the subject to “Ward',
      suspect: true,
      body: 'Ana changed the subject to “Ward: 7”',
    });
    expect(line).toMatchObject({ kind: 'system', author: null, chatTitle: 'Ward: 7' });
    expect(classifyText({ text: 'hello', author: 'Ana “Nurse” Lee', suspect: true, body: 'x' })).toMatchObject({
      kind: 'message',
      author: 'Ana “Nurse” Lee',
    });
  });

  it('refers to attachments by name, and to files only when the archive may hold them', () => {
    expect(classifyText({ text: '\u200e<attached: 00000012-PHOTO-2021-01-29.jpg>', author: 'Tom' })).toMatchObject({
      text: '',
      attachments: [{ fileName: '00000012-PHOTO-2021-01-29.jpg', kind: 'image', inArchive: true }],
    });
    const notes = 'notes.odt (anything)\ncaption';
    expect(classifyText({ text: notes, author: 'Tom' }).attachments).toEqual([]);
    expect(classifyText({ text: notes, author: 'Tom', inArchive: (name) => name === 'notes.odt' })).toMatchObject({
      text: 'caption',
      attachments: [{ fileName: 'notes.odt', kind: 'document', inArchive: true }],
    });
    expect(findAttachments('see https://maps.google.com/?q=51.5,-0.1', 31, () => false)).toEqual([
      { fileName: 'https://maps.google.com/?q=51.5,-0.1', kind: 'location', inArchive: false },
    ]);
  });

  it('gives every media placeholder its kind, in any language', () => {
    for (const [text, kind] of [
      ['vídeo omitido', 'video'],
      ['vidéo omise', 'video'],
      ['Kontaktkarte weggelassen', 'contact'],
      ['GIF omitted', 'image'],
      ['audio omitted', 'audio'],
      ['autocollant omis', 'sticker'],
      ['<Videonachricht weggelassen>', 'video'],
      ['<Média omis>', 'other'],
    ] as const) {
      expect(classifyText({ text, author: 'Ana' }).attachments, text).toEqual([
        { fileName: text, kind, inArchive: false },
      ]);
    }
  });
});

describe('parsePoll', () => {
  it('reads options with and without vote counts, in each language', () => {
    expect(parsePoll('UMFRAGE:\nWann?\nOPTION: früh (1 Stimme)\nOPTION: spät')).toEqual({
      question: 'Wann?',
      options: [{ text: 'früh', votes: 1 }, { text: 'spät' }],
    });
    expect(parsePoll('POLL: not a heading')).toBeUndefined();
  });
});
