/**
 * The review's people table, which arrives after the review: the page asks the case worker's `people` stage once
 * `prepare` has answered, and a decision the worker re-applies (`decide`) brings a table of its own. Replies can cross,
 * so each ask is numbered and only the newest source counts: a table asked for before a decision never replaces the
 * one that decision brought, and one asked for a case since prepared again is dropped.
 */
import type { PeopleList } from '../worker/stages.ts';

/** The people shown (null: still being listed) and the number of the ask whose reply may still replace them. */
export interface PeopleState {
  people: PeopleList | null;
  asked: number;
}

export type PeopleEvent =
  /** The case was prepared (again) and its people asked for, as ask number `asked`. */
  | { type: 'asked'; asked: number }
  /** The `people` stage answered ask number `asked`. */
  | { type: 'listed'; asked: number; people: PeopleList }
  /** A decision was re-applied and came back with its people: newer than any ask still out. */
  | { type: 'decided'; people: PeopleList }
  /** The prepared case is gone (the exports changed): nothing to show, nothing asked. */
  | { type: 'cleared' };

export const noPeople: PeopleState = { people: null, asked: 0 };

export function peopleReducer(state: PeopleState, event: PeopleEvent): PeopleState {
  switch (event.type) {
    case 'asked':
      return { people: null, asked: event.asked };
    case 'listed':
      return event.asked === state.asked && state.people === null ? { ...state, people: event.people } : state;
    case 'decided':
      return { ...state, people: event.people };
    case 'cleared':
      return { ...state, people: null, asked: -1 };
  }
}
