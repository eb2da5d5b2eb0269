/**
 * The review's decisions: every control drafts one, and this hook stamps it (`makeDecision`: who and when), records
 * it in the case, and for a decision the worker must re-apply (a term, a selected span, a pseudonym) asks the worker
 * for the proposals and people that follow. Its functions keep their identity across renders, so the rows that take
 * them as props are not rendered again for it.
 */

import { useCallback, useMemo, useRef } from 'react';
import { type DecisionDraft, makeDecision } from '../../lib/decisions.ts';
import { describeProblem, type Problem } from '../../lib/errors.ts';
import type { Redecided } from '../../worker/stages.ts';
import { nowIso } from '../services.ts';
import type { StepProps } from '../step.ts';

/** What {@link useDecisions} gives. */
export interface Decisions {
  /** Records decisions that change no proposal's text (accept, reject, an attachment choice), stamped now. */
  record(drafts: readonly DecisionDraft[]): void;
  /** Records one decision the worker re-applies (a term, a span, a pseudonym) and takes its new proposals. */
  recordAndReapply(draft: DecisionDraft): Promise<void>;
}

/** The decisions of the case in `props`, with `onProblem` told when the worker cannot re-apply one. */
export function useDecisions(
  props: Pick<StepProps, 'record' | 'act' | 'services' | 'setProposals'>,
  onProblem: (problem: Problem) => void,
): Decisions {
  // The latest case and callbacks, read when a decision is made: the functions below never change.
  const latest = useRef({ ...props, onProblem });
  latest.current = { ...props, onProblem };

  const record = useCallback((drafts: readonly DecisionDraft[]) => {
    const { record: current, act } = latest.current;
    const at = nowIso();
    act({ type: 'decision/record', decisions: drafts.map((draft) => makeDecision(draft, current.officer, at)) });
  }, []);

  const recordAndReapply = useCallback(async (draft: DecisionDraft) => {
    const { record: current, act, services, setProposals } = latest.current;
    const decision = makeDecision(draft, current.officer, nowIso());
    act({ type: 'decision/record', decisions: [decision] });
    try {
      const update: Redecided = await services.caseWorker.call('decide', {
        decisions: [...current.decisions, decision],
      });
      setProposals(update);
    } catch (error) {
      latest.current.onProblem(describeProblem(error));
    }
  }, []);

  return useMemo(() => ({ record, recordAndReapply }), [record, recordAndReapply]);
}
