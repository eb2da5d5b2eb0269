/**
 * An open case: loads it from IndexedDB (asking for the passphrase when it is encrypted), re-reads its stored chat
 * exports in the case worker, saves every change as it happens, and shows the deadline bar, the step navigation and the
 * current step.
 */
import type { Decision } from '@im-records/redaction';
import { type RefObject, useCallback, useEffect, useLayoutEffect, useReducer, useRef, useState } from 'react';
import { afterNextPaint } from '../lib/after-paint.ts';
import type { StageProgress } from '../lib/bridge.ts';
import { type CaseRecord, type Step, stepNames, steps } from '../lib/case-model.ts';
import { CaseSaver } from '../lib/case-saver.ts';
import { unpackMessages, unpackProposals, unpackScope } from '../lib/compact.ts';
import { unlockKey } from '../lib/crypto.ts';
import { describeProblem, type Problem } from '../lib/errors.ts';
import { noPeople, peopleReducer } from '../lib/people.ts';
import { type CaseAction, type DistributiveOmit, withChange } from '../lib/reducer.ts';
import { caseSettingsOf } from '../lib/scope.ts';
import { StorageError } from '../lib/store.ts';
import { measure, timedSync } from '../lib/timeline.ts';
import type { PreparedCase, PreparedChat, Redecided } from '../worker/stages.ts';
import { ArchivesStep } from './ArchivesStep.tsx';
import { DeadlineBar } from './DeadlineBar.tsx';
import { PackageStep } from './PackageStep.tsx';
import { messageIndexOf, proposalIndexOf, rowEstimatesOf } from './review/ahead.ts';
import { ReviewStep } from './review/ReviewStep.tsx';
import { ScopeStep } from './ScopeStep.tsx';
import { StartStep } from './StartStep.tsx';
import { nowIso, type Services } from './services.ts';
import type { ScopedCase, StepProps } from './step.ts';
import { BackToCases, ErrorSummary, ProgressPanel, TextField } from './ui.tsx';

type Phase = { kind: 'loading' } | { kind: 'locked'; error?: string } | { kind: 'reading' } | { kind: 'ready' };

/** Holds the loaded record; the reducer only runs once a record exists. A change carries its journal number. */
function recordReducer(
  state: CaseRecord | null,
  action: { change: CaseAction; seq: number } | { type: 'loaded'; record: CaseRecord },
): CaseRecord | null {
  if ('type' in action) return action.record;
  return state ? withChange(state, action.seq, action.change) : state;
}

/** What the prepared case was built from: the exports and how each is read. */
function archiveKeyOf(record: CaseRecord): string {
  return record.archives
    .map((archive) => `${archive.id}/${archive.conversation ?? 0}/${archive.dateOrder ?? ''}/${archive.summary.sha256}`)
    .join(',');
}

/** Stops a case view taking changes and resolves once everything it has is written (another tab takes the case). */
export type StopEditing = () => Promise<void>;

export function CaseView({
  caseId,
  services,
  stopEditing,
}: {
  caseId: string;
  services: Services;
  /** Where the view puts its {@link StopEditing}, for the tab's hold on the case (CaseInThisTab.tsx). */
  stopEditing?: RefObject<StopEditing | null>;
}) {
  const [record, dispatch] = useReducer(recordReducer, null);
  const [phase, setPhase] = useState<Phase>({ kind: 'loading' });
  const [problem, setProblem] = useState<Problem | null>(null);
  const [prepared, setPrepared] = useState<PreparedCase | null>(null);
  const [preparing, setPreparing] = useState<StageProgress | null>(null);
  /** The chat and its scope while the rest of the case is still being prepared (see `StepProps.scoped`). */
  const [scoped, setScoped] = useState<ScopedCase | null>(null);
  /** Whether the prepared case's search index is built: review starts before it, and says search is getting ready. */
  const [searchReady, setSearchReady] = useState(false);
  /** The people table, asked for once the case is prepared: the review shows first, saying they are being listed. */
  const [peopleState, dispatchPeople] = useReducer(peopleReducer, noPeople);
  /** When the people list arrived: its render is measured (`render:people`) to its commit. */
  const peopleFrom = useRef<number | null>(null);
  const preparedCount = useRef(0);
  const [passphrase, setPassphrase] = useState('');
  const prepareAbort = useRef<AbortController | null>(null);
  /** Set when the officer cancels preparing (which says so), not when a newer preparation replaces it (which is quiet). */
  const cancelledByOfficer = useRef(false);
  const loadedRef = useRef(false);
  const headingRef = useRef<HTMLHeadingElement>(null);

  const readArchives = useCallback(
    async (loaded: CaseRecord, caseKey: CryptoKey | null) => {
      setPhase({ kind: 'reading' });
      for (const archive of loaded.archives) {
        const bytes = await services.store.getArchive(archive.id, caseKey);
        // The chat chosen when the archive was added, so the same conversation is read again.
        await services.caseWorker.call(
          'import',
          {
            archiveId: archive.id,
            fileName: archive.fileName,
            bytes,
            ...(archive.chat !== undefined ? { chat: archive.chat } : {}),
            ...(archive.dateOrder !== undefined ? { dateOrder: archive.dateOrder } : {}),
          },
          // Read from storage for the worker alone: moved to it rather than copied.
          { transfer: [bytes.buffer] },
        );
      }
      setPhase({ kind: 'ready' });
    },
    [services],
  );

  const load = useCallback(
    async (caseKey: CryptoKey | null) => {
      try {
        const params = await services.store.keyParams(caseId);
        if (params && !caseKey) {
          setPhase({ kind: 'locked' });
          return;
        }
        const stored = await services.store.loadCase(caseId, caseKey);
        // With the changes journaled after the record was last written (a reload came first): journal.ts.
        const { record: loaded, unreadable } = await services.journal.replay(stored, caseKey);
        dispatch({ type: 'loaded', record: loaded });
        if (unreadable > 0) {
          setProblem(
            describeProblem(
              new StorageError(
                `${unreadable === 1 ? 'A change' : `${unreadable} changes`} made just before this case was last closed could not be read back from this browser's storage, and ${unreadable === 1 ? 'was' : 'were'} left out. Check your last decisions.`,
              ),
            ),
          );
        }
        loadedRef.current = true;
        await readArchives(loaded, caseKey);
      } catch (error) {
        setProblem(describeProblem(error));
        setPhase({ kind: 'ready' });
      }
    },
    [caseId, services, readArchives],
  );

  // Open the case once: with the key already unlocked in this tab, if any.
  useEffect(() => {
    void load(services.keys.get(caseId) ?? null);
  }, [load, services, caseId]);

  // Save every change, a moment after it happens, and at once when the page is hidden or left (case-saver.ts).
  const saver = useRef<CaseSaver | null>(null);
  saver.current ??= new CaseSaver({
    store: services.store,
    keyOf: (id) => services.keys.get(id) ?? null,
    onError: (error) => setProblem(describeProblem(error)),
    // The journal entries a stored record includes are removed at once, not on the next open (journal.ts).
    onStored: (id, journaled) => void services.journal.compact(id, journaled),
  });
  /** Set once another tab has taken the case: a change made here after that would be lost, so none is taken. */
  const stopped = useRef(false);
  useEffect(() => {
    if (!stopEditing) return;
    const current = saver.current;
    stopEditing.current = async () => {
      stopped.current = true;
      await services.journal.settled();
      await current?.drain();
    };
    return () => {
      stopEditing.current = null;
    };
  }, [stopEditing, services]);
  /** The step last handed to the saver: a move to another step is written at once, not after the pause. */
  const savedStep = useRef<Step | null>(null);
  useEffect(() => {
    if (!record || !loadedRef.current) return;
    saver.current?.changed(record);
    // The officer went to another step: write it now, so a reload soon after (or a crash) reopens where they are; the
    // pause is for runs of quick changes such as decisions, and a step is one deliberate move.
    if (savedStep.current !== null && savedStep.current !== record.step) saver.current?.flush();
    savedStep.current = record.step;
  }, [record]);
  useEffect(() => {
    const current = saver.current;
    const onHide = () => current?.leaving();
    window.addEventListener('pagehide', onHide);
    document.addEventListener('visibilitychange', onHide);
    return () => {
      current?.flush();
      window.removeEventListener('pagehide', onHide);
      document.removeEventListener('visibilitychange', onHide);
    };
  }, []);

  // Every change is journaled there and then, in the event handler that made it, before the page can be left.
  const act = useCallback(
    (action: DistributiveOmit<CaseAction, 'at'>) => {
      if (stopped.current) return;
      const change = { ...action, at: nowIso() } as CaseAction;
      const { seq, written } = services.journal.append(caseId, change, services.keys.has(caseId));
      written.catch((error: unknown) => setProblem(describeProblem(error)));
      dispatch({ change, seq });
    },
    [services, caseId],
  );

  /** When the page started showing a new step or a newly prepared case: the render is measured to its commit. */
  const renderFrom = useRef<number | null>(null);
  /** What to ask the case worker once a newly prepared case is on screen (the people, the search index). */
  const askWhenShown = useRef<(() => void) | null>(null);
  const go = useCallback(
    (step: Step) => {
      renderFrom.current = performance.now();
      act({ type: 'step/go', step });
      setProblem(null);
      window.scrollTo(0, 0);
      requestAnimationFrame(() => headingRef.current?.focus());
    },
    [act],
  );

  const recordRef = useRef(record);
  recordRef.current = record;

  const prepare = useCallback(
    async (options: { decisions?: Decision[]; record?: CaseRecord } = {}) => {
      const current = options.record ?? recordRef.current;
      if (!current || current.archives.length === 0) return null;
      prepareAbort.current?.abort();
      const controller = new AbortController();
      prepareAbort.current = controller;
      cancelledByOfficer.current = false;
      const forArchives = archiveKeyOf(current);
      setPreparing({ stage: 'merge', done: 0, total: 0, label: 'Starting' });
      setScoped(null);
      setProblem(null);
      const decisions = options.decisions ?? current.decisions;
      try {
        // The large parts arrive ahead of the result, as progress, each unpacked here while the worker goes on.
        const early: Partial<
          Pick<
            PreparedCase,
            'proposals' | 'proposalPlaces' | 'inScope' | 'messagesInScope' | 'outOfScope' | 'counts'
          > & {
            chat: PreparedChat;
          }
        > = {};
        const rest = await services.caseWorker.call(
          'prepare',
          {
            archiveIds: current.archives.map((archive) => archive.id),
            groups: current.archives.map((archive) => archive.conversation ?? 0),
            settings: caseSettingsOf(current),
            decisions,
          },
          {
            signal: controller.signal,
            onProgress: (progress) => {
              if ('chat' in progress) {
                const { messages, ...chat } = progress.chat;
                const unpacked = timedSync('clone:prepare:unpack-chat', () => unpackMessages(messages));
                early.chat = { ...chat, messages: unpacked };
                // The review's views of the chat, while the worker looks for personal data (see `ahead.ts`).
                setTimeout(() =>
                  timedSync('ahead:chat', () => {
                    rowEstimatesOf(unpacked);
                    messageIndexOf(unpacked);
                  }),
                );
              } else if ('scope' in progress) {
                const { chat } = early;
                if (!chat) return;
                const scope = {
                  ...timedSync('clone:prepare:unpack-scope', () => unpackScope(progress.scope.inScope, chat)),
                  outOfScope: progress.scope.outOfScope,
                };
                Object.assign(early, scope);
                // The scope step can show its result now; the review waits for the rest.
                if (!controller.signal.aborted) {
                  renderFrom.current = performance.now();
                  setScoped({ ...chat, ...scope });
                }
              } else if ('proposals' in progress) {
                const { chat } = early;
                if (!chat) return;
                const placed = timedSync('clone:prepare:unpack-proposals', () =>
                  unpackProposals(progress.proposals, chat),
                );
                early.proposals = placed.list;
                early.proposalPlaces = placed.places;
                // Indexed for the review now, while the officer reads the scope (see `ahead.ts`).
                timedSync('ahead:proposals', () =>
                  proposalIndexOf({
                    proposals: placed.list,
                    places: placed.places,
                    chat: { titles: chat.titles.length, messages: chat.messages.length },
                  }),
                );
              } else if ('counts' in progress) early.counts = progress.counts;
              else setPreparing(progress);
            },
          },
        );
        const { chat, proposals, proposalPlaces, inScope, messagesInScope, outOfScope, counts } = early;
        if (!chat || !proposals || !proposalPlaces || !inScope || !messagesInScope || !outOfScope) {
          throw new Error('The chat was not ready for review. Try again.');
        }
        // Exports added or removed meanwhile: this result is of the old set, and a new one is on its way.
        if (recordRef.current && archiveKeyOf(recordRef.current) !== forArchives) return null;
        const result: PreparedCase = {
          ...chat,
          proposals,
          proposalPlaces,
          inScope,
          messagesInScope,
          outOfScope,
          ...(counts ? { counts } : {}),
          ...rest,
        };
        renderFrom.current = performance.now();
        setPrepared(result);
        setScoped(null);
        const preparedNow = ++preparedCount.current;
        dispatchPeople({ type: 'asked', asked: preparedNow });
        setSearchReady(false);
        // The worker lists the people and builds the search index once the prepared case is on screen (see the
        // layout effect below), not while the page renders it: on a shared two-core machine they took CPU from the
        // review's first render. The review says so until they are ready. A decision re-applied meanwhile brings its
        // own list, which this one then does not replace.
        askWhenShown.current = () => {
          services.caseWorker.call('people', { decisions }).then(
            (people) => {
              peopleFrom.current = performance.now();
              dispatchPeople({ type: 'listed', asked: preparedNow, people });
            },
            (error: unknown) => preparedNow === preparedCount.current && setProblem(describeProblem(error)),
          );
          services.caseWorker.call('indexed', null).then(
            (ready) => preparedNow === preparedCount.current && setSearchReady(ready),
            () => undefined,
          );
        };
        return result;
      } catch (error) {
        // Replaced by a newer preparation (or the exports changed): nothing to tell the officer.
        if (!controller.signal.aborted || cancelledByOfficer.current) setProblem(describeProblem(error));
        setScoped(null);
        return null;
      } finally {
        if (prepareAbort.current === controller) {
          prepareAbort.current = null;
          setPreparing(null);
        }
      }
    },
    [services],
  );

  // Scope, review and package need the prepared case: build it once the archives are read.
  const needsPrepared = record ? steps.indexOf(record.step) >= steps.indexOf('scope') : false;
  // A SAR cannot be prepared until the data subject is known: the engine keeps their data and withholds everyone else's.
  const awaitingSubject = record ? record.request.type === 'sar' && !record.scope.subject.name.trim() : false;
  // On "Add chat exports", the case is prepared as soon as an export is in, while the officer checks its summary: the
  // scope step then usually has its result at once. Changing the scope there prepares it again.
  const preparesAhead = record ? record.step === 'archives' && record.archives.length > 0 : false;
  useEffect(() => {
    if (
      phase.kind === 'ready' &&
      (needsPrepared || preparesAhead) &&
      !awaitingSubject &&
      !prepared &&
      !preparing &&
      !problem
    )
      void prepare();
  }, [phase.kind, needsPrepared, preparesAhead, awaitingSubject, prepared, preparing, problem, prepare]);

  const cancelPrepare = useCallback(() => {
    cancelledByOfficer.current = true;
    prepareAbort.current?.abort();
  }, []);
  const setProposals = useCallback((update: Redecided) => {
    setPrepared((current) => {
      if (!current) return current;
      const placed = unpackProposals(update.proposals, current);
      // The worker's counts were of detection's proposals: the review counts these itself.
      const { counts: _detected, ...rest } = current;
      const scope = update.scope && {
        ...unpackScope(update.scope.inScope, current),
        outOfScope: update.scope.outOfScope,
      };
      return { ...rest, ...scope, proposals: placed.list, proposalPlaces: placed.places };
    });
    dispatchPeople({ type: 'decided', people: update.people });
  }, []);

  // Adding or removing an export makes the prepared review stale: rebuild it when next needed. State is adjusted
  // during render when the set of exports changes (React's pattern for resetting state on a changed input).
  const archiveKey = record ? archiveKeyOf(record) : '';
  const [preparedForArchives, setPreparedForArchives] = useState(archiveKey);
  if (preparedForArchives !== archiveKey) {
    setPreparedForArchives(archiveKey);
    setPrepared(null);
    setScoped(null);
    dispatchPeople({ type: 'cleared' });
  }
  // A preparation of the old set of exports (one started ahead, on "Add chat exports") is stopped, quietly; so is one
  // still running when the case is closed.
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs when the set of exports changes
  useEffect(() => () => prepareAbort.current?.abort(), [archiveKey]);

  // Runs once the step (and everything in it) is committed to the page, before it is painted; the paint is measured
  // to the task after the next frame.
  const step = record?.step;
  useLayoutEffect(() => {
    if (renderFrom.current === null || !step) return;
    const name = `render:${step}${prepared ? '' : scoped ? ' (scope known)' : ' (waiting)'}`;
    measure(name, renderFrom.current);
    renderFrom.current = null;
    const committed = performance.now();
    afterNextPaint(() => measure(`${name}:layout and paint`, committed));
  }, [step, prepared, scoped]);

  // The asks that wait for a newly prepared case to be painted (see `prepare`).
  useLayoutEffect(() => {
    const ask = askWhenShown.current;
    if (!prepared || !ask) return;
    askWhenShown.current = null;
    afterNextPaint(ask);
  }, [prepared]);

  useLayoutEffect(() => {
    if (peopleFrom.current === null || !peopleState.people) return;
    measure('render:people', peopleFrom.current);
    peopleFrom.current = null;
  }, [peopleState.people]);

  if (phase.kind === 'locked') {
    return (
      <>
        <h1>This case is encrypted</h1>
        {phase.error && (
          <ErrorSummary problems={[describeProblem({ name: 'WrongPassphraseError', message: phase.error })]} />
        )}
        <form
          onSubmit={async (event) => {
            event.preventDefault();
            try {
              const params = await services.store.keyParams(caseId);
              if (!params) return;
              const unlocked = await unlockKey(passphrase, params);
              services.keys.set(caseId, unlocked);
              setPassphrase('');
              setPhase({ kind: 'loading' });
              await load(unlocked);
            } catch (error) {
              setPhase({ kind: 'locked', error: error instanceof Error ? error.message : String(error) });
            }
          }}
        >
          <TextField
            id="unlock-passphrase"
            label="Passphrase"
            type="password"
            value={passphrase}
            onChange={setPassphrase}
            autoComplete="current-password"
          />
          <button type="submit" className="nhsuk-button">
            Open case
          </button>
        </form>
        <p className="nhsuk-body">
          <a href="#/">Back to your cases</a>
        </p>
      </>
    );
  }

  if (!record) {
    return (
      <>
        {problem && <ErrorSummary problems={[problem]} />}
        <p className="nhsuk-body" role="status">
          Opening the case…
        </p>
      </>
    );
  }

  const stepProps: StepProps = {
    record,
    services,
    act,
    go,
    prepared,
    scoped,
    people: prepared ? peopleState.people : null,
    prepare,
    preparing,
    cancelPrepare,
    setProposals,
  };
  const stepIndex = steps.indexOf(record.step);
  const canVisit = (step: Step) => step === 'start' || step === 'archives' || record.archives.length > 0;

  return (
    <>
      <BackToCases />
      <DeadlineBar record={record} act={act} />
      <nav className="app-steps" aria-label="Case steps">
        <ol className="app-steps__list">
          {steps.map((step, index) => (
            <li key={step} className={`app-steps__item${index === stepIndex ? ' app-steps__item--current' : ''}`}>
              {index === stepIndex ? (
                <span aria-current="step">
                  <span className="app-steps__number">{index + 1}</span> {stepNames[step]}
                </span>
              ) : canVisit(step) ? (
                <button type="button" className="app-link-button" onClick={() => go(step)}>
                  <span className="app-steps__number">{index + 1}</span> {stepNames[step]}
                </button>
              ) : (
                <span className="app-steps__disabled">
                  <span className="app-steps__number">{index + 1}</span> {stepNames[step]}
                </span>
              )}
            </li>
          ))}
        </ol>
      </nav>
      <h1 ref={headingRef} tabIndex={-1} className="app-step-heading">
        <span className="nhsuk-caption-l">
          {record.request.reference || 'New case'} – step {stepIndex + 1} of {steps.length}
        </span>
        {stepNames[record.step]}
      </h1>
      {problem && <ErrorSummary problems={[problem]} />}
      {phase.kind !== 'ready' ? (
        <ProgressPanel progress={null} label="Reading the chat exports stored with this case…" />
      ) : record.step === 'start' ? (
        <StartStep {...stepProps} />
      ) : record.step === 'archives' ? (
        <ArchivesStep {...stepProps} />
      ) : record.step === 'scope' ? (
        <ScopeStep {...stepProps} />
      ) : awaitingSubject ? (
        <div className="nhsuk-inset-text">
          <span className="nhsuk-u-visually-hidden">Information: </span>
          <p>
            This is a subject access request: enter the data subject on the{' '}
            <button type="button" className="app-link-button" onClick={() => go('scope')}>
              Scope
            </button>{' '}
            step first, so the tool knows whose data to keep.
          </p>
        </div>
      ) : record.step === 'review' ? (
        <>
          {prepared && !searchReady && (
            <p className="nhsuk-body-s" role="status" data-testid="search-getting-ready">
              Search is getting ready… You can start reviewing now.
            </p>
          )}
          <ReviewStep {...stepProps} />
        </>
      ) : (
        <PackageStep {...stepProps} />
      )}
    </>
  );
}
