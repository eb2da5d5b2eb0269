/**
 * Step 3: what is in scope. A date range for every request; for a SAR, the data subject (name, aliases, phone), whose
 * own data is kept and whose messages (by or about them) are selected by the redaction engine. Shows how many messages
 * are in scope, why, and why the others are not. Detection settings: for FOI, senior staff whose names are kept; for
 * both, the trust's own hospital-number formats.
 */
import { buildEngineOptions, CaseSettingsError } from '@im-records/case-settings';
import { formatLongDate } from '@im-records/records-policy';
import { useMemo, useState } from 'react';
import type { CaseScope } from '../lib/case-model.ts';
import { caseSettingsOf, groupReasons, timeOf } from '../lib/scope.ts';
import type { StepProps } from './step.ts';
import { countOf, ErrorSummary, formatCount, ProgressPanel, TextArea, TextField } from './ui.tsx';

/** A setting the builder refused, as the error at its field: the page's own words, or the rule's for a bad shape. */
function settingError(problem: CaseSettingsError): { field: string; message: string } {
  switch (problem.setting) {
    case 'subject':
      return { field: 'subject-name', message: "Enter the data subject's name" };
    case 'hospitalNumberShapes':
      return { field: 'hospital-shapes', message: problem.message };
    case 'dateRange':
      return { field: 'scope-from', message: 'The start of the date range must be before its end' };
    default:
      return { field: 'scope-from', message: 'Enter the dates of the range as real dates' };
  }
}

export function ScopeStep({ record, act, go, prepared, scoped, prepare, preparing, cancelPrepare }: StepProps) {
  // The result as soon as the scope is known: while the rest of the case is prepared, the part that is ready.
  const result = preparing ? scoped : prepared;
  const [from, setFrom] = useState(record.scope.from);
  const [to, setTo] = useState(record.scope.to);
  // WCAG 2.2 3.3.7 Redundant Entry: a SAR's subject is usually who made the request, already given in step 1.
  const subjectFromRequester = record.request.type === 'sar' && !record.scope.subject.name && record.request.requester;
  const [name, setName] = useState(subjectFromRequester || record.scope.subject.name);
  const [aliases, setAliases] = useState(record.scope.subject.aliases.join('\n'));
  const [phone, setPhone] = useState(record.scope.subject.phone);
  const [keepProfessionals, setKeepProfessionals] = useState(record.scope.keepProfessionals);
  const [keepNames, setKeepNames] = useState((record.scope.keepNames ?? []).join('\n'));
  const [shapes, setShapes] = useState((record.scope.hospitalNumberShapes ?? []).join('\n'));
  /** The one problem stopping the scope being applied, tied to its field (the error summary links to it). */
  const [error, setError] = useState<{ field: string; message: string } | null>(null);
  const errorOf = (field: string): string | undefined => (error?.field === field ? error.message : undefined);
  const sar = record.request.type === 'sar';
  const lines = (text: string): string[] =>
    text
      .split('\n')
      .map((line) => line.trim())
      .filter(Boolean);

  /** The scope the fields describe now, as it would be applied. */
  const draftScope = (): CaseScope => ({
    from,
    to,
    subject: {
      name: name.trim(),
      aliases: aliases
        .split(/\n|,/)
        .map((alias) => alias.trim())
        .filter(Boolean),
      phone: phone.trim(),
    },
    keepProfessionals,
    keepNames: lines(keepNames),
    hospitalNumberShapes: lines(shapes),
  });
  // A result shown under fields that say something else would be read as theirs: once the fields differ from the
  // applied scope, the result and its Continue button wait until the scope is applied again (or the edit undone).
  const changed = result !== null && !sameScope(draftScope(), record.scope);

  const apply = async () => {
    const scope = draftScope();
    // The settings are checked by the builder the case worker (and the command line) use, so a scope the page
    // accepts is one the engine takes; its findings are shown at their fields, in the page's words.
    try {
      buildEngineOptions(caseSettingsOf({ request: record.request, scope }));
    } catch (problem) {
      if (!(problem instanceof CaseSettingsError)) throw problem;
      setError(settingError(problem));
      return;
    }
    setError(null);
    act({ type: 'scope/update', scope });
    return prepare({ record: { ...record, scope } });
  };

  const grouped = useMemo(() => groupReasons(result?.inScope ?? []), [result]);
  // A SAR's messages in scope only by a name that may be someone else's: the officer checks who is meant.
  const toCheck = useMemo(() => (result?.inScope ?? []).filter((entry) => entry.uncertain), [result]);
  // Only the messages listed with their own reason are looked up (the first 100 of each list), not the whole chat.
  const listed = useMemo(() => {
    const wanted = new Set([...grouped.own.slice(0, 100), ...toCheck.slice(0, 100)].map((entry) => entry.messageId));
    return new Map(
      wanted.size === 0 ? [] : (result?.messages ?? []).filter((m) => wanted.has(m.id)).map((m) => [m.id, m]),
    );
  }, [grouped, toCheck, result]);
  /** "5 March 2024 14:07, Jane Okafor" for a message listed with its reasons. */
  const describe = (messageId: string): string => {
    const message = listed.get(messageId);
    return message
      ? `${formatLongDate(message.timestamp.slice(0, 10))} ${timeOf(message.timestamp)}, ${message.author ?? (message.unreadable ? 'unknown author (could not be read)' : 'system')}`
      : messageId;
  };

  return (
    <>
      <ErrorSummary fieldErrors={error ? [error] : []} />
      <form
        onSubmit={(event) => {
          event.preventDefault();
          void apply();
        }}
      >
        <fieldset className="nhsuk-fieldset">
          <legend className="nhsuk-fieldset__legend nhsuk-fieldset__legend--m">Date range</legend>
          <div className="nhsuk-hint">Leave a date empty to include everything before or after it.</div>
          <div className="app-inline-fields">
            <TextField
              id="scope-from"
              label="From"
              type="date"
              value={from}
              onChange={setFrom}
              error={errorOf('scope-from')}
            />
            <TextField id="scope-to" label="To" type="date" value={to} onChange={setTo} />
          </div>
        </fieldset>
        {sar && (
          <fieldset className="nhsuk-fieldset">
            <legend className="nhsuk-fieldset__legend nhsuk-fieldset__legend--m">The data subject</legend>
            <div className="nhsuk-hint">
              The person who asked for their data. Their own information is kept; other people's is withheld.
            </div>
            <TextField
              id="subject-name"
              label="Full name"
              hint={
                subjectFromRequester
                  ? 'Filled in from who made the request: change it if they asked on someone else’s behalf'
                  : undefined
              }
              value={name}
              onChange={setName}
              width="nhsuk-input--width-30"
              error={errorOf('subject-name')}
            />
            <TextArea
              id="subject-aliases"
              label="Other names they are known by (optional)"
              hint="One per line, for example a nickname, a maiden name or a bed number used for them"
              rows={3}
              value={aliases}
              onChange={setAliases}
            />
            <TextField
              id="subject-phone"
              label="Phone number (optional)"
              type="tel"
              value={phone}
              onChange={setPhone}
              width="nhsuk-input--width-20"
            />
            <div className="nhsuk-checkboxes">
              <div className="nhsuk-checkboxes__item">
                <input
                  className="nhsuk-checkboxes__input"
                  id="keep-professionals"
                  type="checkbox"
                  checked={keepProfessionals}
                  onChange={(event) => setKeepProfessionals(event.target.checked)}
                  aria-describedby="keep-professionals-hint"
                  aria-controls="keep-professionals-conditional"
                />
                <label className="nhsuk-label nhsuk-checkboxes__label" htmlFor="keep-professionals">
                  Keep the names of health professionals acting in their role
                </label>
                <div className="nhsuk-hint nhsuk-checkboxes__hint" id="keep-professionals-hint">
                  Data Protection Act 2018, Schedule 2, paragraph 17
                </div>
              </div>
              {/* The list goes with the box: hidden, not removed, so the box's aria-controls always names it. */}
              <div
                className="nhsuk-checkboxes__conditional"
                id="keep-professionals-conditional"
                hidden={!keepProfessionals}
              >
                <TextArea
                  id="keep-names"
                  label="Health professionals whose names are kept (optional)"
                  hint="One full name per line: staff in the chat acting in their role whose names no title or role beside them shows, such as the group's members. Listed, each part of the name is kept wherever it is written."
                  rows={3}
                  value={keepNames}
                  onChange={setKeepNames}
                />
              </div>
            </div>
          </fieldset>
        )}
        <fieldset className="nhsuk-fieldset">
          <legend className="nhsuk-fieldset__legend nhsuk-fieldset__legend--m">What to look for</legend>
          {!sar && (
            <TextArea
              id="keep-names"
              label="Senior staff whose names are kept (optional)"
              hint="One full name per line: senior staff acting in their public role, such as a chief executive or medical director. Their names stay visible; everyone else's are withheld under section 40(2)."
              rows={3}
              value={keepNames}
              onChange={setKeepNames}
            />
          )}
          <TextArea
            id="hospital-shapes"
            label="Your trust's hospital number formats (optional)"
            hint="One per line. Write # for a digit and @ for a capital letter; other characters as they appear, for example RJ1###### or @@ ### ####. The usual format, one to three capital letters then 6 to 8 digits, is always looked for as well."
            rows={2}
            value={shapes}
            onChange={setShapes}
            error={errorOf('hospital-shapes')}
          />
        </fieldset>
        <button
          type="submit"
          className="nhsuk-button nhsuk-button--secondary nhsuk-u-margin-top-4"
          disabled={preparing !== null}
        >
          Apply the scope
        </button>
      </form>
      {preparing && (
        <ProgressPanel label="Preparing the chat for review" progress={preparing} onCancel={cancelPrepare} />
      )}
      {result && error && (
        <div className="nhsuk-inset-text" data-testid="scope-not-applied">
          <span className="nhsuk-u-visually-hidden">Information: </span>
          <p>
            These settings have not been applied, so the result of the earlier ones is hidden. Correct the problem and
            apply the scope again.
          </p>
        </div>
      )}
      {result && !error && changed && (
        <div className="nhsuk-inset-text" data-testid="scope-changed">
          <span className="nhsuk-u-visually-hidden">Information: </span>
          <p>
            You have changed the settings since the scope was applied. Apply the scope to see which messages are in
            scope with the new settings.
          </p>
        </div>
      )}
      {result && !error && !changed && (
        <section aria-labelledby="scope-result">
          <h2 id="scope-result">In scope</h2>
          <p className="nhsuk-body-l" data-testid="scope-count">
            {formatCount(result.inScope.length)} of {countOf(result.messages.length, 'message')}{' '}
            {result.inScope.length === 1 ? 'is' : 'are'} in scope.
          </p>
          {toCheck.length > 0 && (
            <div className="nhsuk-warning-callout" data-testid="scope-to-check">
              <h3 className="nhsuk-warning-callout__label">
                <span>
                  <span className="nhsuk-u-visually-hidden">Important: </span>
                  Check who is meant
                </span>
              </h3>
              <p>
                {toCheck.length === 1
                  ? '1 message is in scope only because of a name that may be someone else’s'
                  : `${formatCount(toCheck.length)} messages are in scope only because of a name that may be someone else’s`}
                : a near spelling of the data subject’s name, or a name someone else in the chat has too. The name stays
                withheld. In the review each is marked “check who is meant”: where the data subject is meant, keep the
                message in scope and keep the name; where someone else is, leave the message out.
              </p>
              <ul className="nhsuk-list nhsuk-list--bullet app-scope-list">
                {toCheck.slice(0, 100).map((entry) => (
                  <li key={entry.messageId}>
                    <span className="nhsuk-u-font-weight-bold">{describe(entry.messageId)}</span>:{' '}
                    {entry.reasons.filter((reason) => !grouped.shared.includes(reason)).join('; ')}
                  </li>
                ))}
              </ul>
              {toCheck.length > 100 && <p>The first 100 are listed.</p>}
            </div>
          )}
          {result.outOfScope.length > 0 && (
            <table className="nhsuk-table">
              <caption className="nhsuk-table__caption nhsuk-table__caption--s">Messages left out, and why</caption>
              <thead className="nhsuk-table__head">
                <tr>
                  <th scope="col">Reason</th>
                  <th scope="col">Messages</th>
                </tr>
              </thead>
              <tbody className="nhsuk-table__body">
                {result.outOfScope.map((entry) => (
                  <tr key={entry.reason}>
                    <td>{entry.reason}</td>
                    <td>{formatCount(entry.count)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          <h3 className="nhsuk-heading-s">Why messages are in scope</h3>
          {grouped.shared.length > 0 && (
            <p className="nhsuk-body" data-testid="scope-shared-reason">
              {result.inScope.length === 1 ? 'The message' : `All ${formatCount(result.inScope.length)} messages`}:{' '}
              {grouped.shared.join('; ')}.
            </p>
          )}
          {grouped.own.length > 0 && (
            <details className="nhsuk-details">
              <summary className="nhsuk-details__summary">
                <span className="nhsuk-details__summary-text">
                  Each message's own reason ({grouped.own.length > 100 ? 'first 100 of ' : ''}
                  {countOf(grouped.own.length, 'message')})
                </span>
              </summary>
              <div className="nhsuk-details__text">
                <ul className="nhsuk-list app-scope-list">
                  {grouped.own.slice(0, 100).map((entry) => {
                    return (
                      <li key={entry.messageId}>
                        <span className="nhsuk-u-font-weight-bold">{describe(entry.messageId)}</span>:{' '}
                        {entry.reasons.join('; ')}
                      </li>
                    );
                  })}
                </ul>
              </div>
            </details>
          )}
          <button type="button" className="nhsuk-button" onClick={() => go('review')}>
            Continue to review
          </button>
        </section>
      )}
    </>
  );
}

/** Whether two scopes select the same messages with the same settings (lists compared in order, as applied). */
function sameScope(a: CaseScope, b: CaseScope): boolean {
  const same = (x: readonly string[] = [], y: readonly string[] = []): boolean =>
    x.length === y.length && x.every((value, i) => value === y[i]);
  return (
    a.from === b.from &&
    a.to === b.to &&
    a.subject.name === b.subject.name &&
    a.subject.phone === b.subject.phone &&
    same(a.subject.aliases, b.subject.aliases) &&
    a.keepProfessionals === b.keepProfessionals &&
    same(a.keepNames, b.keepNames) &&
    same(a.hospitalNumberShapes, b.hospitalNumberShapes)
  );
}
