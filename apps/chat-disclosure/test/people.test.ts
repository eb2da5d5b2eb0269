/**
 * The people table arrives after the review: the panel says they are being listed until then, and a table asked for
 * before a decision never replaces the one that decision brought back (see `lib/people.ts`).
 */
import type { PseudonymEntry } from '@im-records/redaction';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { PeoplePanel, PeopleRows } from '../src/components/review/PeoplePanel.tsx';
import { noPeople, type PeopleEvent, peopleReducer } from '../src/lib/people.ts';

const person = (name: string, shownAs: string): PseudonymEntry => ({
  person: name.toLowerCase(),
  names: [name],
  participant: true,
  role: 'staff',
  shownAs,
  keptByName: false,
  chosenByOfficer: false,
});
const asPrepared = [person('Jane Okafor', 'Staff member A'), person('Derek Thompson', 'Staff member B')];
const afterDecision = [person('Jane Okafor', 'Staff member A'), person('Derek Thompson', 'Relative 1')];

const run = (...events: PeopleEvent[]) => events.reduce(peopleReducer, noPeople);

describe('the people table after the review', () => {
  it('is listing until the people stage answers, then shows its answer', () => {
    expect(run({ type: 'asked', asked: 1 }).people).toBeNull();
    expect(run({ type: 'asked', asked: 1 }, { type: 'listed', asked: 1, people: asPrepared }).people).toBe(asPrepared);
  });

  it('keeps the people a decision brought when the earlier ask answers after it', () => {
    const state = run(
      { type: 'asked', asked: 1 },
      { type: 'decided', people: afterDecision },
      { type: 'listed', asked: 1, people: asPrepared },
    );
    expect(state.people).toBe(afterDecision);
  });

  it('drops the answer for a case since prepared again, or since its exports changed', () => {
    const again = run(
      { type: 'asked', asked: 1 },
      { type: 'asked', asked: 2 },
      { type: 'listed', asked: 1, people: asPrepared },
    );
    expect(again.people).toBeNull();
    expect(peopleReducer(again, { type: 'listed', asked: 2, people: afterDecision }).people).toBe(afterDecision);
    const cleared = run(
      { type: 'asked', asked: 3 },
      { type: 'cleared' },
      { type: 'listed', asked: 3, people: asPrepared },
    );
    expect(cleared.people).toBeNull();
  });
});

describe('PeoplePanel', () => {
  const onChange = () => undefined;

  it('says the people are being listed while they are', () => {
    const html = renderToStaticMarkup(createElement(PeoplePanel, { people: null, onChange }));
    expect(html).toContain('role="status"');
    expect(html).toContain('Listing the people named in the chat and their pseudonyms…');
    expect(html).not.toContain('data-testid="person"');
  });

  it('says how many people there are once they are known, and renders their rows only when opened', () => {
    const html = renderToStaticMarkup(createElement(PeoplePanel, { people: afterDecision, onChange }));
    expect(html).toContain('People and their pseudonyms (2)');
    expect(html).not.toContain('Listing the people');
    expect(html).not.toContain('data-testid="person"');
  });

  it('lists each person with the pseudonym the bundle prints', () => {
    const html = renderToStaticMarkup(createElement(PeopleRows, { people: afterDecision, onChange }));
    expect(html.match(/data-testid="person"/g)).toHaveLength(2);
    expect(html).toContain('shown as <strong>Relative 1</strong>');
  });
});
