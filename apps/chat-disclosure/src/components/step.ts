/** What every step of an open case is handed by the case view (so a step does not import its parent). */
import type { Decision } from '@im-records/redaction';
import type { StageProgress } from '../lib/bridge.ts';
import type { CaseRecord, Step } from '../lib/case-model.ts';
import type { CaseAction, DistributiveOmit } from '../lib/reducer.ts';
import type { PeopleList, PreparedCase, PreparedChat, PreparedFindings, Redecided } from '../worker/stages.ts';
import type { Services } from './services.ts';

/** What a step component receives. */
export interface StepProps {
  record: CaseRecord;
  services: Services;
  /** Dispatches a change to the case (stamped with the time by the case view). */
  act: (action: DistributiveOmit<CaseAction, 'at'>) => void;
  go: (step: Step) => void;
  prepared: PreparedCase | null;
  /**
   * While the case is being prepared: the chat and which messages are in scope, known before the rest (the
   * proposals), so the scope step shows its result without waiting for them. Null otherwise.
   */
  scoped: ScopedCase | null;
  prepare: (options?: { decisions?: Decision[]; record?: CaseRecord }) => Promise<PreparedCase | null>;
  preparing: StageProgress | null;
  cancelPrepare: () => void;
  /**
   * Everyone the disclosure names, with their pseudonyms; null while the worker is still listing them (asked for once
   * the case is prepared, so the review shows first; see `lib/people.ts`).
   */
  people: PeopleList | null;
  /** Replaces the proposals and people after a decision the worker re-applies (a manual redaction, a pseudonym). */
  setProposals: (update: Redecided) => void;
}

/** The part of a prepared case the scope step shows. */
export type ScopedCase = PreparedChat & Pick<PreparedFindings, 'inScope' | 'messagesInScope' | 'outOfScope'>;
