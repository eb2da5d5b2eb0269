import { describe, expect, it } from 'vitest';
import { StageAbortedError, StageError } from '../src/lib/bridge.ts';
import { describeProblem } from '../src/lib/errors.ts';
import { caseSettingsOf } from '../src/lib/scope.ts';
import { buildSearchIndex, searchMessages } from '../src/lib/search.ts';

const messages = [
  { id: 'm1', author: 'Sister Okafor', text: 'Bed 4 is Margaret Thompson, NHS 943 476 5919' },
  { id: 'm2', author: 'Dr Patel', text: 'Will you call her daughter on 07700 900123?' },
  { id: 'm3', author: null, text: 'Messages and calls are end-to-end encrypted.' },
  { id: 'm4', author: 'Dr Patel', text: 'Margret discharged to ward 7' },
];

describe('search', () => {
  it('finds messages by every word, by author, by prefix of the last word and with one typo in long words', async () => {
    const index = await buildSearchIndex(messages, { chunk: 2 });
    expect(searchMessages(index, 'margaret').sort()).toEqual(['m1', 'm4']);
    expect(searchMessages(index, 'daughter call')).toEqual(['m2']);
    expect(searchMessages(index, 'Patel').sort()).toEqual(['m2', 'm4']);
    expect(searchMessages(index, 'encry')).toEqual(['m3']);
    expect(searchMessages(index, '07700')).toEqual(['m2']);
    expect(searchMessages(index, '   ')).toEqual([]);
    expect(searchMessages(index, 'zebra')).toEqual([]);
  });

  it("finds a message by its attachment's file name, whole or by a part of it", async () => {
    const withFile = { id: 'm5', author: 'Dr Patel', text: '', attachments: [{ fileName: 'IMG-20240304-WA0001.jpg' }] };
    const index = await buildSearchIndex([...messages, withFile]);
    expect(searchMessages(index, 'IMG-20240304-WA0001.jpg')).toEqual(['m5']);
    expect(searchMessages(index, 'WA0001')).toEqual(['m5']);
  });

  it('reports progress and stops when cancelled', async () => {
    const seen: number[] = [];
    await buildSearchIndex(messages, { chunk: 1, onProgress: (done) => seen.push(done) });
    expect(seen).toEqual([1, 2, 3, 4]);
    const controller = new AbortController();
    controller.abort();
    await expect(buildSearchIndex(messages, { signal: controller.signal })).rejects.toThrow();
  });
});

describe('scope', () => {
  it("gives the builder a stored case's settings: the request type, dates, subject and the trust's formats", () => {
    const scope = {
      from: '2024-03-02',
      to: '',
      subject: { name: 'Margaret Okafor', aliases: ['Maggie'], phone: ' ' },
      keepProfessionals: true,
      keepNames: ['Dr Shah'],
    };
    expect(
      caseSettingsOf({
        request: { type: 'sar', reference: 'R', received: '2024-03-05', requester: '', organisation: '' },
        scope,
      }),
    ).toEqual({
      requestType: 'sar',
      from: '2024-03-02',
      to: '',
      subject: { name: 'Margaret Okafor', aliases: ['Maggie'], phones: [] },
      keepHealthProfessionals: true,
      keepNames: ['Dr Shah'],
      hospitalNumberShapes: [],
    });
  });

  it("leaves a SAR's subject and health professionals' choice out of an FOI case's settings", () => {
    const scope = {
      from: '',
      to: '',
      subject: { name: '', aliases: [], phone: '' },
      keepProfessionals: true,
      keepNames: ['Dr Shah'],
    };
    expect(
      caseSettingsOf({
        request: { type: 'foi', reference: 'R', received: '2024-03-05', requester: '', organisation: '' },
        scope,
      }),
    ).toEqual({ requestType: 'foi', from: '', to: '', keepNames: ['Dr Shah'], hospitalNumberShapes: [] });
  });
});

describe('describeProblem', () => {
  it('explains each known failure with what to do next, by the error name from the worker', () => {
    const corrupt = describeProblem(
      new StageError('import', { name: 'InvalidArchiveError', message: 'bad CRC' }),
      'chat.zip',
    );
    expect(corrupt.title).toBe('chat.zip is a damaged or unreadable zip file.');
    expect(corrupt.action).toMatch(/export the chat again/i);
    expect(corrupt.detail).toBe('bad CRC');
    const unknownFormat = describeProblem(
      new StageError('import', { name: 'UnsupportedFormatError', message: 'x' }),
      'notes.pdf',
    );
    expect(unknownFormat.title).toContain('notes.pdf is not a chat export');
    const full = describeProblem(Object.assign(new Error('quota'), { name: 'StorageFullError' }));
    expect(full.action).toMatch(/delete cases/i);
    expect(describeProblem(new StageAbortedError('import')).title).toBe('Cancelled.');
    expect(describeProblem(new Error('boom')).detail).toBe('boom');
  });
});

describe('groupReasons', () => {
  it('says a reason every message shares once, and lists only the reasons of their own', async () => {
    const { groupReasons } = await import('../src/lib/scope.ts');
    const all = 'All dates are in scope';
    expect(groupReasons([1, 2, 3].map((i) => ({ messageId: `m${i}`, reasons: [all] })))).toEqual({
      shared: [all],
      own: [],
    });
    expect(
      groupReasons([
        { messageId: 'm1', reasons: [all, 'author Margaret Thompson is the data subject'] },
        { messageId: 'm2', reasons: [all, 'mentions "Maggie" (subject\'s name)'] },
      ]),
    ).toEqual({
      shared: [all],
      own: [
        { messageId: 'm1', reasons: ['author Margaret Thompson is the data subject'] },
        { messageId: 'm2', reasons: ['mentions "Maggie" (subject\'s name)'] },
      ],
    });
  });
});
