import type { Decision } from '@im-records/redaction';
import { describe, expect, it } from 'vitest';
import type { CaseArchive } from '../src/lib/case-model.ts';
import { caseReducer, dateFromParts, listingOf, newCase, validateRequest } from '../src/lib/reducer.ts';

const base = newCase({
  id: 'c1',
  at: '2025-06-01T09:00:00.000Z',
  officer: 'Ann Officer',
  request: {
    type: 'foi',
    reference: 'FOI-1',
    received: '2025-06-02',
    requester: 'Mr Requester',
    organisation: 'Trust',
  },
});

const archive = (id: string, sha256: string): CaseArchive => ({
  id,
  fileName: `${id}.zip`,
  size: 10,
  addedAt: '2025-06-01T09:00:00.000Z',
  summary: {
    format: 'whatsapp',
    variant: 'android',
    title: 'Ward',
    participants: [],
    firstMessage: null,
    lastMessage: null,
    messageCount: 0,
    attachmentCount: 0,
    attachmentsPresent: 0,
    warnings: [],
    sha256,
  },
});

describe('caseReducer', () => {
  it('starts a case on the first step with no decisions', () => {
    expect(base.step).toBe('start');
    expect(base.decisions).toEqual([]);
    expect(base.archives).toEqual([]);
  });

  it('updates the request and stamps updatedAt with the action time', () => {
    const next = caseReducer(base, {
      type: 'request/update',
      at: '2025-06-03T10:00:00.000Z',
      request: { reference: 'FOI-2' },
    });
    expect(next.request.reference).toBe('FOI-2');
    expect(next.request.requester).toBe('Mr Requester');
    expect(next.updatedAt).toBe('2025-06-03T10:00:00.000Z');
    expect(base.request.reference).toBe('FOI-1');
  });

  it('returns the same object when nothing changes, so nothing is saved', () => {
    expect(caseReducer(base, { type: 'step/go', at: 'x', step: 'start' })).toBe(base);
    expect(caseReducer(base, { type: 'decision/record', at: 'x', decisions: [] })).toBe(base);
    expect(caseReducer(base, { type: 'extension/clear', at: 'x' })).toBe(base);
  });

  it('adds archives once per SHA-256 and removes them by id', () => {
    let state = caseReducer(base, { type: 'archive/add', at: 't1', archive: archive('a1', 'aaa') });
    state = caseReducer(state, { type: 'archive/add', at: 't2', archive: archive('a2', 'aaa') });
    expect(state.archives.map((a) => a.id)).toEqual(['a1']);
    state = caseReducer(state, { type: 'archive/add', at: 't3', archive: archive('a3', 'bbb') });
    state = caseReducer(state, { type: 'archive/remove', at: 't4', id: 'a1' });
    expect(state.archives.map((a) => a.id)).toEqual(['a3']);
  });

  it('keeps the chat chosen in an archive of several chats, and the channels of a Slack export read whole', () => {
    const telegram: CaseArchive = { ...archive('t1', 'ttt'), chat: 'Night shift' };
    const slack: CaseArchive = {
      ...archive('s1', 'sss'),
      summary: {
        ...archive('s1', 'sss').summary,
        chats: [
          { name: '#ward-7', messages: 3 },
          { name: '#theatres', messages: 2 },
        ],
      },
    };
    let state = caseReducer(base, { type: 'archive/add', at: 't1', archive: telegram });
    state = caseReducer(state, { type: 'archive/add', at: 't2', archive: slack });
    // The same file again, even with another chat chosen, is refused: a case covers one conversation.
    const other = caseReducer(state, {
      type: 'archive/add',
      at: 't3',
      archive: { ...telegram, id: 't2', chat: 'Day' },
    });
    expect(other).toBe(state);
    // The case is stored as JSON: the choice must survive the round trip so a reload reads the same chat.
    const stored = JSON.parse(JSON.stringify(state)) as typeof state;
    expect(stored.archives.map((a) => a.chat ?? null)).toEqual(['Night shift', null]);
    expect(stored.archives[1]?.summary.chats?.map((c) => c.name)).toEqual(['#ward-7', '#theatres']);
    state = caseReducer(state, { type: 'archive/remove', at: 't4', id: 't1' });
    expect(state.archives.map((a) => a.id)).toEqual(['s1']);
  });

  it('pauses and restarts the clock, and sets and clears an extension', () => {
    let state = caseReducer(base, {
      type: 'pause/add',
      at: 't',
      pause: { id: 'p1', from: '2025-06-05', reason: 'Clarification' },
    });
    expect(state.pauses).toEqual([{ id: 'p1', from: '2025-06-05', reason: 'Clarification' }]);
    state = caseReducer(state, { type: 'pause/end', at: 't', id: 'p1', to: '2025-06-10' });
    expect(state.pauses[0]?.to).toBe('2025-06-10');
    state = caseReducer(state, { type: 'extension/set', at: 't', extension: { reason: 'Public interest test' } });
    expect(state.extension?.reason).toBe('Public interest test');
    state = caseReducer(state, { type: 'extension/clear', at: 't' });
    expect('extension' in state).toBe(false);
    state = caseReducer(state, { type: 'pause/remove', at: 't', id: 'p1' });
    expect(state.pauses).toEqual([]);
  });

  it('merges scope updates, keeping the subject fields not given', () => {
    let state = caseReducer(base, {
      type: 'scope/update',
      at: 't',
      scope: { subject: { name: 'Jo Bloggs', aliases: ['Jo'], phone: '' } },
    });
    state = caseReducer(state, { type: 'scope/update', at: 't', scope: { from: '2024-01-01' } });
    expect(state.scope.from).toBe('2024-01-01');
    expect(state.scope.subject.name).toBe('Jo Bloggs');
    expect(state.scope.keepProfessionals).toBe(true);
  });

  it('appends decisions in order, keeping the whole log', () => {
    const decisions: Decision[] = [
      { action: 'accept', proposalId: 'p1', by: 'Ann', at: 't1' },
      { action: 'reject', proposalId: 'p1', by: 'Ann', at: 't2' },
    ];
    const state = caseReducer(base, { type: 'decision/record', at: 't2', decisions });
    const again = caseReducer(state, { type: 'decision/record', at: 't3', decisions: [decisions[0] as Decision] });
    expect(again.decisions.map((d) => d.action)).toEqual(['accept', 'reject', 'accept']);
  });

  it('lists a case without its requester (safe to keep in clear beside an encrypted case)', () => {
    const listing = listingOf(base, true);
    expect(listing).toMatchObject({ id: 'c1', reference: 'FOI-1', type: 'foi', encrypted: true });
    expect(JSON.stringify(listing)).not.toContain('Mr Requester');
  });
});

describe('validateRequest and dateFromParts', () => {
  it('reports every missing field against its id', () => {
    const errors = validateRequest(
      { type: 'sar', reference: ' ', received: '', requester: '', organisation: '' },
      '2025-06-01',
    );
    expect(errors.map((e) => e.field)).toEqual(['reference', 'received-day', 'requester']);
  });

  it('refuses a received date in the future', () => {
    const errors = validateRequest({ ...base.request, received: '2025-06-02' }, '2025-06-01');
    expect(errors).toEqual([{ field: 'received-day', message: 'The date received must be today or in the past' }]);
  });

  it('builds real dates only', () => {
    expect(dateFromParts('3', '6', '2025')).toBe('2025-06-03');
    expect(dateFromParts('29', '2', '2024')).toBe('2024-02-29');
    expect(dateFromParts('29', '2', '2025')).toBe('');
    expect(dateFromParts('31', '4', '2025')).toBe('');
    expect(dateFromParts('', '6', '2025')).toBe('');
    expect(dateFromParts('1', '1', '25')).toBe('');
  });
});
