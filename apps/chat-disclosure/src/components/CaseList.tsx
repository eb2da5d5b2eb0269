/**
 * "Your cases": every case stored in this browser with its deadline, to open, delete for good, or start afresh; and the
 * "try it with a sample case" button that builds a demo case from the project's synthetic chat.
 */
import { formatLongDate, localToday } from '@im-records/records-policy';
import { useCallback, useEffect, useState } from 'react';
import { whileNotOpen } from '../lib/case-hold.ts';
import { type CaseListing, stepNames } from '../lib/case-model.ts';
import { daysLeftText, deadlineOf } from '../lib/deadline.ts';
import { describeProblem, type Problem } from '../lib/errors.ts';
import { newCase } from '../lib/reducer.ts';

import { newId, nowIso, type Services } from './services.ts';
import { ErrorSummary, ProgressPanel, Tag } from './ui.tsx';

/** How big the sample chat is: enough to show every category and a few photos, small enough to load in a second. */
const sampleMessages = 600;

function daysBefore(today: string, days: number): string {
  const date = new Date(`${today}T12:00:00Z`);
  date.setUTCDate(date.getUTCDate() - days);
  return date.toISOString().slice(0, 10);
}

export function CaseList({ services, onOpen }: { services: Services; onOpen: (id: string) => void }) {
  const [cases, setCases] = useState<CaseListing[] | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [confirming, setConfirming] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState('');

  const refresh = useCallback(() => {
    services.store.list().then(setCases, (error: unknown) => setProblem(describeProblem(error)));
  }, [services]);
  useEffect(refresh, [refresh]);

  const startCase = async () => {
    const id = newId();
    const record = newCase({
      id,
      at: nowIso(),
      officer: '',
      request: { type: 'foi', reference: '', received: localToday(), requester: '', organisation: '' },
    });
    try {
      await services.store.saveCase(record, null);
      onOpen(id);
    } catch (error) {
      setProblem(describeProblem(error));
    }
  };

  const startSample = async () => {
    setBusy(true);
    setProblem(null);
    try {
      const id = newId();
      const seed = 20_240_304;
      const today = localToday();
      const sample = await services.caseWorker.call('sample', { seed, messages: sampleMessages });
      const archiveId = newId();
      const bytes = sample.bytes;
      await services.store.putArchive(id, archiveId, bytes.slice(), null);
      const imported = await services.caseWorker.call('import', { archiveId, fileName: sample.fileName, bytes });
      if (imported.kind !== 'summary') throw new Error('The sample archive should hold one chat.');
      const summary = imported.summary;
      const at = nowIso();
      const record = {
        ...newCase({
          id,
          at,
          officer: 'Sample officer',
          sample: { seed },
          request: {
            type: 'foi' as const,
            reference: `SAMPLE-${seed}`,
            received: daysBefore(today, 7),
            requester: 'A member of the public (sample)',
            organisation: 'Sample NHS Trust',
          },
        }),
        step: 'review' as const,
        archives: [{ id: archiveId, fileName: sample.fileName, size: sample.bytes.byteLength, addedAt: at, summary }],
      };
      await services.store.saveCase(record, null);
      onOpen(id);
    } catch (error) {
      setProblem(describeProblem(error));
    } finally {
      setBusy(false);
    }
  };

  const remove = async (listing: CaseListing) => {
    try {
      const deleted = await whileNotOpen(navigator.locks, listing.id, () => services.store.deleteCase(listing.id));
      if (!deleted) {
        setConfirming(null);
        setProblem({
          title: 'This case is open in another tab or window.',
          action: 'Close it there, or go back to Your cases in that tab, then delete it here.',
        });
        return;
      }
      services.keys.delete(listing.id);
      setConfirming(null);
      setStatus(`Case ${listing.reference || 'without a reference'} was deleted from this browser.`);
      refresh();
    } catch (error) {
      setProblem(describeProblem(error));
    }
  };

  return (
    <>
      <h1>Your disclosure cases</h1>
      {problem && <ErrorSummary problems={[problem]} />}
      <p className="nhsuk-body-l">
        Prepare chat exports for a Freedom of Information request or a subject access request: add the exports, check
        what is redacted, and download a disclosure bundle.
      </p>
      <div className="nhsuk-inset-text">
        <span className="nhsuk-u-visually-hidden">Information: </span>
        <p>
          Everything stays in this browser. Nothing you add is sent anywhere, and the tool keeps working without a
          network connection. Your work is saved as you go.
        </p>
      </div>
      <div className="app-button-row">
        <button type="button" className="nhsuk-button" onClick={startCase} disabled={busy}>
          Start a new case
        </button>
        <button type="button" className="nhsuk-button nhsuk-button--secondary" onClick={startSample} disabled={busy}>
          Try it with a sample case
        </button>
      </div>
      {busy && (
        <ProgressPanel progress={null} label="Building a sample case from a made-up ward chat (no real data)…" />
      )}
      <p className="nhsuk-body" role="status">
        {status}
      </p>
      {cases && cases.length > 0 ? (
        <table className="nhsuk-table app-case-table">
          <caption className="nhsuk-table__caption">Cases stored in this browser</caption>
          <thead className="nhsuk-table__head">
            <tr>
              <th scope="col">Reference</th>
              <th scope="col">Type</th>
              <th scope="col">Received</th>
              <th scope="col">Due</th>
              <th scope="col">Step</th>
              <th scope="col">
                <span className="nhsuk-u-visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody className="nhsuk-table__body">
            {cases.map((listing) => {
              // A case whose details were never saved holds placeholders (an FOI received today): none is shown as
              // its type, date or deadline. A saved request always has a reference.
              const saved = listing.reference.trim() !== '';
              const deadline = saved ? deadlineOf(listing, listing) : null;
              const name = listing.reference || 'Case without a reference';
              return (
                <tr key={listing.id}>
                  <td>
                    <a
                      href={`#/case/${listing.id}`}
                      onClick={(event) => {
                        event.preventDefault();
                        onOpen(listing.id);
                      }}
                    >
                      {name}
                    </a>
                    {listing.encrypted && (
                      <>
                        {' '}
                        <Tag colour="grey">Encrypted</Tag>
                      </>
                    )}
                  </td>
                  <td data-label="Type">{saved ? listing.type.toUpperCase() : 'Details not saved'}</td>
                  <td data-label="Received">{saved ? formatLongDate(listing.received) : 'Not entered'}</td>
                  <td data-label="Due">
                    {deadline ? (
                      <>
                        {formatLongDate(deadline.due)}
                        <br />
                        <Tag
                          colour={
                            deadline.status === 'overdue' ? 'red' : deadline.workingDaysLeft <= 5 ? 'orange' : 'green'
                          }
                        >
                          {daysLeftText(deadline)}
                        </Tag>
                      </>
                    ) : saved ? (
                      'Not known'
                    ) : (
                      'Not entered'
                    )}
                  </td>
                  <td data-label="Step">{stepNames[listing.step]}</td>
                  <td>
                    {confirming === listing.id ? (
                      <div>
                        <p className="nhsuk-body-s nhsuk-u-margin-bottom-2">
                          Delete {name} and its chat exports from this browser for good?
                        </p>
                        <button
                          type="button"
                          className="nhsuk-button nhsuk-button--warning nhsuk-button--small"
                          onClick={() => remove(listing)}
                        >
                          Yes, delete for good
                        </button>{' '}
                        <button
                          type="button"
                          className="nhsuk-button nhsuk-button--secondary nhsuk-button--small"
                          onClick={() => setConfirming(null)}
                        >
                          Keep it
                        </button>
                      </div>
                    ) : (
                      <button
                        type="button"
                        className="nhsuk-button nhsuk-button--secondary nhsuk-button--small nhsuk-u-margin-bottom-0"
                        onClick={() => setConfirming(listing.id)}
                      >
                        Delete<span className="nhsuk-u-visually-hidden"> {name}</span>
                      </button>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      ) : (
        cases && <p className="nhsuk-body">You have no cases in this browser yet.</p>
      )}
    </>
  );
}
