/**
 * The review's views of the prepared case that depend on one of its parts alone, worked out as soon as that part
 * reaches the page and kept with it (by identity: nothing is kept once the part is dropped). The page is idle while
 * the worker looks for personal data (the chat has arrived) and while the officer reads the scope (the proposals have
 * arrived); working these out then, rather than when the review opens, takes them off the path from "Continue to
 * review" to the review on screen. The review asks for them the same way, and works out any not yet known.
 */
import type { Message } from '@im-records/chat-import';
import type { Proposal } from '@im-records/redaction';
import { indexProposals, type ProposalIndex } from '../../lib/review.ts';
import { rowEstimates } from './rowHeight.ts';

/** Keeps `derive(part)` with `part`, working it out the first time it is asked for. */
function keptWith<Part extends object, View>(derive: (part: Part) => View): (part: Part) => View {
  const kept = new WeakMap<Part, View>();
  return (part) => {
    let view = kept.get(part);
    if (view === undefined) {
      view = derive(part);
      kept.set(part, view);
    }
    return view;
  };
}

/** The conversation list's row height estimates (see `rowEstimates`). */
export const rowEstimatesOf: (messages: readonly Message[]) => Uint32Array = keptWith(rowEstimates);

/** Each message's index by id: for a search's hits and the row of the proposal in focus. */
export const messageIndexOf: (messages: readonly Message[]) => ReadonlyMap<string, number> = keptWith((messages) => {
  const index = new Map<string, number>();
  for (let at = 0; at < messages.length; at++) index.set((messages[at] as Message).id, at);
  return index;
});

/** The proposals as sent with their messages' places, and the sizes of the chat they were placed in. */
export interface PlacedInChat {
  proposals: readonly Proposal[];
  places: ArrayLike<number>;
  chat: { titles: number; messages: number };
}

const proposalIndexes = new WeakMap<readonly Proposal[], ProposalIndex>();

/** The proposals by title, by message and by group (`indexProposals`), kept with the list of proposals. */
export function proposalIndexOf({ proposals, places, chat }: PlacedInChat): ProposalIndex {
  let index = proposalIndexes.get(proposals);
  if (!index) {
    index = indexProposals(proposals, places, chat);
    proposalIndexes.set(proposals, index);
  }
  return index;
}
