/**
 * Person names, designed for recall: the chat's own participants and cue-found names (any case, familiar forms,
 * misspellings via fuse.js), titles and relation cues ("Mrs …", "bed 4 is …", "'s daughter"), proper-noun candidates
 * checked against the UK first-name and surname lists, and neighbours of names. Names that are also English words
 * (Will, May, Hope, Grace) need a cue, which keeps the precision traps out.
 *
 * The recogniser owns its chat-wide passes: discovery (strong cues anywhere make known names), and consistency (a name
 * confirmed anywhere is proposed at its other uses). The parts live in `names/`: tokens, cues, rules, the per-message
 * scan and consistency.
 */
import type { Message, MessageList } from '@im-records/chat-import';
import { consistency } from '../confidence.ts';
import type { Candidate, ChatPasses, FoundSpan, Recogniser, RecogniserContext } from '../recogniser.ts';
import { ConfirmedNames, scanConsistent } from './names/consistency.ts';
import { discoverNames } from './names/cues.ts';
import { scanNames } from './names/scan.ts';

/** The chat-wide passes of one detection run: discovery into the chat's known names, confirmation, consistency. */
function namePasses(context: RecogniserContext, messages: MessageList): ChatPasses {
  const confirmed = new ConfirmedNames();
  const idAt = (index: number): string => messages.at(index)?.id ?? String(index);
  return {
    discover(text: string, index: number): void {
      discoverNames(text, context.known, index, idAt);
    },
    confirm(message: Message, found: readonly Candidate[]): void {
      for (const c of found) if (c.category === 'person-name') confirmed.add(message.id, message.text, c);
    },
    readyToRescan(): boolean {
      confirmed.finish(context.lowerCaseUses, consistency.everydayUses);
      return confirmed.size > 0;
    },
    rescan(text: string, found: readonly FoundSpan[]): Candidate[] {
      return scanConsistent(text, confirmed, found);
    },
  };
}

/** The name recogniser (see the module comment for the design). */
export const nameRecogniser: Recogniser = {
  id: 'name',
  categories: ['person-name'],
  find(message: Message, context: RecogniserContext): Candidate[] {
    return scanNames(message.text, context);
  },
  chatPasses: namePasses,
};
