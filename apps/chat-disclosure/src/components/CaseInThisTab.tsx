/**
 * An open case, held by this tab (lib/case-hold.ts): the case view while this tab holds it; otherwise the notice that
 * the case is open in another tab or window, with "Use it here". Asked by another tab, this one stops taking changes,
 * saves what it has, lets the case go and shows the same notice.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { type CaseHold, holdCase } from '../lib/case-hold.ts';
import { describeProblem, type Problem } from '../lib/errors.ts';
import { CaseView, type StopEditing } from './CaseView.tsx';
import type { Services } from './services.ts';
import { BackToCases, ErrorSummary } from './ui.tsx';

type HoldState = 'claiming' | 'held' | 'elsewhere' | 'waiting' | 'saving';

export function CaseInThisTab({ caseId, services }: { caseId: string; services: Services }) {
  const [state, setState] = useState<HoldState>('claiming');
  const [problem, setProblem] = useState<Problem | null>(null);
  /** Each time this tab takes the case (back), the case view starts afresh and loads what the other tab saved. */
  const [opening, setOpening] = useState(0);
  const holdRef = useRef<CaseHold | null>(null);
  /** Set by the case view: stops it taking changes and resolves once everything it has is saved. */
  const stopEditing = useRef<StopEditing | null>(null);

  useEffect(() => {
    const { hold, close } = holdCase(caseId, async () => {
      const stop = stopEditing.current;
      setState('saving');
      try {
        await stop?.();
      } finally {
        setState('elsewhere');
      }
    });
    holdRef.current = hold;
    hold.claim().then(
      (held) => setState((now) => (now === 'claiming' ? (held ? 'held' : 'elsewhere') : now)),
      (error: unknown) => setProblem(describeProblem(error)),
    );
    return close;
  }, [caseId]);

  const takeOver = useCallback(async () => {
    const hold = holdRef.current;
    if (!hold) return;
    setState('waiting');
    try {
      if (!(await hold.takeOver())) return;
      setOpening((count) => count + 1);
      setState('held');
    } catch (error) {
      setProblem(describeProblem(error));
      setState('elsewhere');
    }
  }, []);

  if (problem) return <ErrorSummary problems={[problem]} />;
  if (state === 'held') {
    return <CaseView key={opening} caseId={caseId} services={services} stopEditing={stopEditing} />;
  }
  if (state === 'claiming') {
    return (
      <p className="nhsuk-body" role="status">
        Opening the case…
      </p>
    );
  }
  return <OpenElsewhere state={state} onUseHere={takeOver} />;
}

/**
 * How long "Use it here" waits for the other tab before saying it has not answered. Handing over takes about a second
 * (the other tab saves what it has); a tab that is busy for good (a hung script) never answers, and the lock is never
 * taken from it (see case-hold.ts), so the officer is told what frees the case.
 */
export const NO_ANSWER_AFTER_MS = 10_000;

/** The notice shown while another tab or window holds the case. */
function OpenElsewhere({ state, onUseHere }: { state: 'elsewhere' | 'waiting' | 'saving'; onUseHere: () => void }) {
  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => headingRef.current?.focus(), []);
  const [noAnswer, setNoAnswer] = useState(false);
  useEffect(() => {
    setNoAnswer(false);
    if (state !== 'waiting') return;
    const timer = setTimeout(() => setNoAnswer(true), NO_ANSWER_AFTER_MS);
    return () => clearTimeout(timer);
  }, [state]);
  return (
    <>
      <BackToCases />
      <h1 ref={headingRef} tabIndex={-1} className="app-step-heading" data-testid="open-elsewhere">
        This case is open in another tab or window
      </h1>
      <p className="nhsuk-body">
        A case can be changed in one tab or window at a time, so that nothing done in one is lost to the other.
      </p>
      <p className="nhsuk-body">
        If you use it here, the other tab or window saves everything done there first, then stops changing the case.
      </p>
      {state === 'elsewhere' ? (
        <button type="button" className="nhsuk-button" onClick={onUseHere}>
          Use it here
        </button>
      ) : (
        <div role="status">
          <p className="nhsuk-body">
            {state === 'saving'
              ? 'Saving this case before it opens in the other tab or window…'
              : 'Waiting for the other tab or window to save the case…'}
          </p>
          {noAnswer ? (
            <p className="nhsuk-body" data-testid="no-answer">
              The other tab or window has not answered: it may be busy, or not responding. If it does not answer, close
              it (if your browser says the page is not responding, choose to exit it): the case then opens here, with
              everything that tab saved.
            </p>
          ) : null}
        </div>
      )}
    </>
  );
}
