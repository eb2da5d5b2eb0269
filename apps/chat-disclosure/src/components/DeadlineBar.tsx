/**
 * The deadline, visible on every step of a case: due date and working days left from records-policy, with the clock
 * pauses and the extension the officer records (each changes the due date at once).
 */
import { formatLongDate, localToday } from '@im-records/records-policy';
import { useMemo, useState } from 'react';
import { type CaseRecord, requestTypeNames } from '../lib/case-model.ts';
import { daysLeftText, deadlineOf } from '../lib/deadline.ts';
import type { CaseAction, DistributiveOmit } from '../lib/reducer.ts';
import { newId } from './services.ts';
import { Tag, TextField } from './ui.tsx';

export function DeadlineBar({
  record,
  act,
}: {
  record: CaseRecord;
  act: (action: DistributiveOmit<CaseAction, 'at'>) => void;
}) {
  // The bar renders with every change to the case (each progress step of a long preparation among them); the working
  // days are counted only when the request or the clock changes, or the day does.
  const today = localToday();
  const { request, pauses, extension } = record;
  const deadline = useMemo(
    () => deadlineOf(request, { pauses, ...(extension ? { extension } : {}) }, today),
    [request, pauses, extension, today],
  );
  const [pauseFrom, setPauseFrom] = useState<string>(localToday());
  const [pauseReason, setPauseReason] = useState('');
  const [extensionReason, setExtensionReason] = useState('');
  const openPause = record.pauses.find((pause) => !pause.to);
  const canExtend = record.request.type !== 'foisa';

  // A new case is stored with placeholders (an FOI received today) until its details are saved, and a saved request
  // always has a reference: until then the bar shows no type or due date, which would be the placeholders' (telling
  // the officer "20 working days left" on a SAR whose month has passed).
  if (!record.request.reference.trim()) {
    return (
      <section className="app-deadline" aria-label="Deadline">
        <p className="nhsuk-body nhsuk-u-margin-bottom-0">The due date shows once the case details are saved.</p>
      </section>
    );
  }

  return (
    <section className="app-deadline" aria-label="Deadline">
      <div className="app-deadline__summary">
        <p className="nhsuk-body nhsuk-u-margin-bottom-0">
          <span className="nhsuk-u-font-weight-bold">{requestTypeNames[record.request.type]}</span>
          {record.request.reference ? ` · ${record.request.reference}` : ''}
        </p>
        {deadline ? (
          <p className="nhsuk-body nhsuk-u-margin-bottom-0" data-testid="deadline">
            Due <strong>{formatLongDate(deadline.due)}</strong> ({deadline.dueWeekday}){' '}
            <Tag colour={deadline.status === 'overdue' ? 'red' : deadline.workingDaysLeft <= 5 ? 'orange' : 'green'}>
              {daysLeftText(deadline)}
            </Tag>
            {openPause && (
              <>
                {' '}
                <Tag colour="yellow">Clock paused</Tag>
              </>
            )}
            {record.extension && (
              <>
                {' '}
                <Tag colour="blue">Extended</Tag>
              </>
            )}
          </p>
        ) : (
          <p className="nhsuk-body nhsuk-u-margin-bottom-0">Enter the date received to see the due date.</p>
        )}
      </div>
      <details className="nhsuk-details nhsuk-u-margin-bottom-0">
        <summary className="nhsuk-details__summary">
          <span className="nhsuk-details__summary-text">Clock pauses and extensions</span>
        </summary>
        <div className="nhsuk-details__text">
          {deadline && <p className="nhsuk-body-s">{deadline.rule}</p>}
          {record.pauses.length > 0 && (
            <ul className="nhsuk-list">
              {record.pauses.map((pause) => (
                <li key={pause.id}>
                  Paused from {formatLongDate(pause.from)}{' '}
                  {pause.to ? `to ${formatLongDate(pause.to)}` : '(still paused)'}: {pause.reason}{' '}
                  {!pause.to && (
                    <button
                      type="button"
                      className="app-link-button"
                      onClick={() => act({ type: 'pause/end', id: pause.id, to: localToday() })}
                    >
                      Restart the clock today
                    </button>
                  )}{' '}
                  <button
                    type="button"
                    className="app-link-button"
                    onClick={() => act({ type: 'pause/remove', id: pause.id })}
                  >
                    Remove<span className="nhsuk-u-visually-hidden"> pause from {formatLongDate(pause.from)}</span>
                  </button>
                </li>
              ))}
            </ul>
          )}
          {!openPause && (
            <fieldset className="nhsuk-fieldset">
              <legend className="nhsuk-fieldset__legend nhsuk-fieldset__legend--s">Pause the clock</legend>
              <TextField id="pause-from" label="Paused from" type="date" value={pauseFrom} onChange={setPauseFrom} />
              <TextField
                id="pause-reason"
                label="Reason"
                hint="For example, waiting for clarification, proof of identity or a fee"
                value={pauseReason}
                onChange={setPauseReason}
              />
              <button
                type="button"
                className="nhsuk-button nhsuk-button--secondary nhsuk-button--small"
                onClick={() => {
                  if (!pauseFrom) return;
                  act({
                    type: 'pause/add',
                    pause: { id: newId(), from: pauseFrom, reason: pauseReason.trim() || 'Clock paused' },
                  });
                  setPauseReason('');
                }}
              >
                Pause the clock
              </button>
            </fieldset>
          )}
          {canExtend &&
            (record.extension ? (
              <p className="nhsuk-body">
                Extended: {record.extension.reason}{' '}
                <button type="button" className="app-link-button" onClick={() => act({ type: 'extension/clear' })}>
                  Remove the extension
                </button>
              </p>
            ) : (
              <fieldset className="nhsuk-fieldset">
                <legend className="nhsuk-fieldset__legend nhsuk-fieldset__legend--s">Extend the time limit</legend>
                <TextField
                  id="extension-reason"
                  label="Reason for the extension"
                  hint={
                    record.request.type === 'sar'
                      ? 'The request is complex or there are several requests'
                      : 'For example, considering the public interest test'
                  }
                  value={extensionReason}
                  onChange={setExtensionReason}
                />
                <button
                  type="button"
                  className="nhsuk-button nhsuk-button--secondary nhsuk-button--small"
                  onClick={() =>
                    act({ type: 'extension/set', extension: { reason: extensionReason.trim() || 'Extended' } })
                  }
                >
                  Extend the time limit
                </button>
              </fieldset>
            ))}
        </div>
      </details>
    </section>
  );
}
