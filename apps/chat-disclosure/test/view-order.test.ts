import type { Proposal, ProposalStatus, RedactionCategory } from '@im-records/redaction';
import { describe, expect, it } from 'vitest';
import { indexProposalsOf, nextToReview } from '../src/lib/review.ts';
import { nextInView, proposalsInView, type ReviewView } from '../src/lib/view-order.ts';

const proposal = (id: string, messageId: string, start: number, category: RedactionCategory): Proposal => ({
  id,
  messageId,
  start,
  end: start + 3,
  text: 'abc',
  category,
  confidence: 0.9,
  rule: 'test',
  exemption: 's40(2)',
  status: 'proposed',
});

/** A small deterministic generator (mulberry32), so every run checks the same views. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const CATEGORIES: RedactionCategory[] = ['person-name', 'phone', 'email'];
const statusesOf: ProposalStatus[] = ['proposed', 'accepted', 'rejected'];

/** A chat of a few titles and messages, some proposals on each, some decided, and a view of some of its rows. */
function randomCase(seed: number) {
  const next = random(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)] as T;
  const titles = Array.from({ length: Math.floor(next() * 3) }, (_, i) => ({ id: `t${i}` }));
  const messages = Array.from({ length: 1 + Math.floor(next() * 12) }, (_, i) => ({ id: `m${i}` }));
  const proposals: Proposal[] = [];
  for (const message of [...titles, ...messages]) {
    const count = Math.floor(next() * 4);
    // Proposals arrive in any order; each message's are put in text order for the view.
    for (let i = 0; i < count; i++) {
      proposals.push(proposal(`${message.id}-p${i}`, message.id, Math.floor(next() * 40), pick(CATEGORIES)));
    }
  }
  const statuses = new Map<string, ProposalStatus>();
  for (const p of proposals) if (next() < 0.5) statuses.set(p.id, pick(statusesOf));
  const shown = messages.map((_, i) => i).filter(() => next() < 0.7);
  const categories = next() < 0.5 ? [] : [pick(CATEGORIES)];
  const { byTitle, byMessage } = indexProposalsOf(proposals, { titles, messages });
  const view: ReviewView = { titles, messages, shown, byTitle, byMessage, categories };
  return { view, proposals, statuses, messages };
}

/** What the review did before: the whole view listed, the focus looked up in it, then a step. */
function listedNext(
  view: ReviewView,
  from: Proposal | undefined,
  statuses: ReadonlyMap<string, ProposalStatus>,
  direction: 1 | -1,
): Proposal | null {
  const ordered = proposalsInView(view);
  const at = from ? ordered.findIndex((p) => p.id === from.id) : -1;
  const next = nextToReview(ordered, direction === -1 && at === -1 ? 0 : at, statuses, direction);
  return next === null ? null : (ordered[next] as Proposal);
}

describe('the keyboard order of the proposals in view', () => {
  it('lists the titles first, then the rows shown, each in text order, of the chosen categories', () => {
    const chat = { titles: [{ id: 't0' }], messages: [{ id: 'm0' }, { id: 'm1' }, { id: 'm2' }] };
    const { byTitle, byMessage } = indexProposalsOf(
      [
        proposal('b', 'm1', 9, 'phone'),
        proposal('a', 'm1', 0, 'person-name'),
        proposal('c', 'm0', 0, 'person-name'),
        proposal('t', 't0', 0, 'person-name'),
        proposal('hidden', 'm2', 0, 'person-name'),
      ],
      chat,
    );
    const view = { ...chat, shown: [0, 1], byTitle, byMessage, categories: [] };
    expect(proposalsInView(view).map((p) => p.id)).toEqual(['t', 'c', 'a', 'b']);
    expect(proposalsInView({ ...view, categories: ['phone'] }).map((p) => p.id)).toEqual(['b']);
  });

  it('steps to the same proposal as listing the view would, from every proposal, both ways', () => {
    let checked = 0;
    for (let seed = 1; seed <= 300; seed++) {
      const { view, proposals, statuses, messages } = randomCase(seed);
      const index = new Map(messages.map((m, i) => [m.id, i]));
      const statusOf = (p: Proposal) => statuses.get(p.id) ?? p.status;
      for (const from of [undefined, ...proposals]) {
        for (const direction of [1, -1] as const) {
          const expected = listedNext(view, from, statuses, direction);
          const found = nextInView(view, from, statusOf, direction, () => index);
          expect(found?.id ?? null, `seed ${seed}, from ${from?.id}, ${direction}`).toBe(expected?.id ?? null);
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThan(1000);
  });

  it('looks up no message index when nothing is in focus, and walks no further than the next one', () => {
    const messages = Array.from({ length: 1000 }, (_, i) => ({ id: `m${i}` }));
    const proposals = messages.map((m) => proposal(`${m.id}-p`, m.id, 0, 'person-name'));
    const view: ReviewView = {
      titles: [],
      messages,
      shown: messages.map((_, i) => i),
      ...indexProposalsOf(proposals, { titles: [], messages }),
      categories: [],
    };
    const read: string[] = [];
    const statusOf = (p: Proposal) => {
      read.push(p.id);
      return p.status;
    };
    const noIndex = () => {
      throw new Error('the message index was asked for');
    };
    expect(nextInView(view, undefined, statusOf, 1, noIndex)?.id).toBe('m0-p');
    expect(nextInView(view, undefined, statusOf, -1, noIndex)?.id).toBe('m999-p');
    read.length = 0;
    const index = new Map(messages.map((m, i) => [m.id, i]));
    expect(nextInView(view, proposals[500], statusOf, 1, () => index)?.id).toBe('m501-p');
    expect(read).toEqual(['m501-p']);
  });

  it('finds nothing in an empty view, or when every proposal is decided', () => {
    const empty: ReviewView = { titles: [], messages: [], shown: [], byTitle: [], byMessage: [], categories: [] };
    expect(
      nextInView(
        empty,
        undefined,
        (p) => p.status,
        1,
        () => new Map(),
      ),
    ).toBeNull();
    const { view, proposals } = randomCase(7);
    expect(
      nextInView(
        view,
        proposals[0],
        () => 'accepted',
        1,
        () => new Map(),
      ),
    ).toBeNull();
  });
});
