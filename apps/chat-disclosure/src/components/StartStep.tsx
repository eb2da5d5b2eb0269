/** Step 1: the request (type, reference, date received, requester), who is doing the work, and optional encryption. */
import { localToday, REQUEST_TYPES, type RequestType } from '@im-records/records-policy';
import { useState } from 'react';
import { requestTypeNames, stepNames } from '../lib/case-model.ts';
import { dateFromParts, validateRequest } from '../lib/reducer.ts';
import type { StepProps } from './step.ts';
import { ErrorSummary, TextField } from './ui.tsx';

const minPassphrase = 10;

export function StartStep({ record, services, act, go }: StepProps) {
  const [type, setType] = useState<RequestType>(record.request.type);
  const [reference, setReference] = useState(record.request.reference);
  const [receivedParts, setReceivedParts] = useState(() => {
    const [y = '', m = '', d = ''] = record.request.received.split('-');
    return { day: d ? String(Number(d)) : '', month: m ? String(Number(m)) : '', year: y };
  });
  const [requester, setRequester] = useState(record.request.requester);
  const [organisation, setOrganisation] = useState(record.request.organisation);
  const [officer, setOfficer] = useState(record.officer);
  const [encrypt, setEncrypt] = useState(false);
  const [passphrase, setPassphrase] = useState('');
  const [confirm, setConfirm] = useState('');
  const [errors, setErrors] = useState<{ field: string; message: string }[]>([]);
  const [saving, setSaving] = useState(false);
  /** Another case in this browser with the same reference, shown once before this one is saved with it. */
  const [duplicate, setDuplicate] = useState<{ reference: string; step: string } | null>(null);
  const alreadyEncrypted = services.keys.has(record.id);

  const errorFor = (field: string) => errors.find((error) => error.field === field)?.message;

  const submit = async (event: { preventDefault(): void }) => {
    event.preventDefault();
    const received = dateFromParts(receivedParts.day, receivedParts.month, receivedParts.year);
    const request = {
      type,
      reference: reference.trim(),
      received,
      requester: requester.trim(),
      organisation: organisation.trim(),
    };
    const found = validateRequest(request, localToday());
    if (!officer.trim())
      found.push({ field: 'officer', message: 'Enter your name, so your decisions are recorded against it' });
    if (encrypt && !alreadyEncrypted) {
      if (passphrase.length < minPassphrase) {
        found.push({ field: 'passphrase', message: `Enter a passphrase of at least ${minPassphrase} characters` });
      } else if (passphrase !== confirm) {
        found.push({ field: 'passphrase-confirm', message: 'The two passphrases do not match' });
      }
    }
    setErrors(found);
    if (found.length > 0) return;
    // A second case with the same reference is allowed (a re-opened request) but never made silently.
    if (duplicate?.reference !== request.reference) {
      const same = (await services.store.list()).find(
        (listing) =>
          listing.id !== record.id && listing.reference.trim().toLowerCase() === request.reference.toLowerCase(),
      );
      if (same) {
        setDuplicate({ reference: request.reference, step: stepNames[same.step] });
        return;
      }
    }
    if (encrypt && !alreadyEncrypted) {
      setSaving(true);
      try {
        await services.store.saveCase({ ...record, request, officer: officer.trim() }, null);
        const key = await services.store.encryptCase(record.id, passphrase);
        // The journal key first: the changes below are journaled sealed the moment they are made.
        await services.journal.unlock(record.id, key);
        services.keys.set(record.id, key);
      } finally {
        setSaving(false);
        setPassphrase('');
        setConfirm('');
      }
    }
    // Changed only once the key is in place: the page saves every change a moment later, and a save that started
    // before the case was sealed could otherwise write it back in clear.
    act({ type: 'request/update', request });
    act({ type: 'officer/set', officer: officer.trim() });
    go('archives');
  };

  const receivedError = errorFor('received-day');
  return (
    <form onSubmit={submit} noValidate>
      <ErrorSummary fieldErrors={errors} />
      <div className="nhsuk-form-group">
        <fieldset className="nhsuk-fieldset">
          <legend className="nhsuk-fieldset__legend nhsuk-fieldset__legend--m">What kind of request is it?</legend>
          <div className="nhsuk-radios">
            {REQUEST_TYPES.map((value) => (
              <div className="nhsuk-radios__item" key={value}>
                <input
                  className="nhsuk-radios__input"
                  id={`type-${value}`}
                  name="type"
                  type="radio"
                  value={value}
                  checked={type === value}
                  onChange={() => setType(value)}
                />
                <label className="nhsuk-label nhsuk-radios__label" htmlFor={`type-${value}`}>
                  {requestTypeNames[value]}
                </label>
              </div>
            ))}
          </div>
        </fieldset>
      </div>
      <TextField
        id="reference"
        label="Request reference"
        hint="Your organisation's reference, for example FOI-2025-0142"
        value={reference}
        onChange={setReference}
        error={errorFor('reference')}
        width="nhsuk-input--width-20"
      />
      <div className={`nhsuk-form-group${receivedError ? ' nhsuk-form-group--error' : ''}`}>
        <fieldset
          className="nhsuk-fieldset"
          aria-describedby={`received-hint${receivedError ? ' received-error' : ''}`}
        >
          <legend className="nhsuk-fieldset__legend nhsuk-fieldset__legend--s">Date the request was received</legend>
          <div className="nhsuk-hint" id="received-hint">
            The due date is counted from this date. For example, 3 6 2025
          </div>
          {receivedError && (
            <span className="nhsuk-error-message" id="received-error">
              <span className="nhsuk-u-visually-hidden">Error:</span> {receivedError}
            </span>
          )}
          <div className="nhsuk-date-input" id="received">
            {(['day', 'month', 'year'] as const).map((part) => (
              <div className="nhsuk-date-input__item" key={part}>
                <div className="nhsuk-form-group">
                  <label className="nhsuk-label nhsuk-date-input__label" htmlFor={`received-${part}`}>
                    {part[0]?.toUpperCase()}
                    {part.slice(1)}
                  </label>
                  <input
                    className={`nhsuk-input nhsuk-date-input__input nhsuk-input--width-${part === 'year' ? 4 : 2}${receivedError ? ' nhsuk-input--error' : ''}`}
                    id={`received-${part}`}
                    name={`received-${part}`}
                    type="text"
                    inputMode="numeric"
                    value={receivedParts[part]}
                    onChange={(event) => setReceivedParts({ ...receivedParts, [part]: event.target.value })}
                  />
                </div>
              </div>
            ))}
          </div>
        </fieldset>
      </div>
      <TextField
        id="requester"
        label="Who made the request"
        hint="Kept in this case only; it is not printed in the bundle"
        value={requester}
        onChange={setRequester}
        error={errorFor('requester')}
        width="nhsuk-input--width-30"
      />
      <TextField
        id="organisation"
        label="Your organisation (optional)"
        hint="Printed on the cover page of the bundle"
        value={organisation}
        onChange={setOrganisation}
        width="nhsuk-input--width-30"
      />
      <TextField
        id="officer"
        label="Your name"
        hint="Recorded with each decision in the case file"
        value={officer}
        onChange={setOfficer}
        error={errorFor('officer')}
        width="nhsuk-input--width-20"
        autoComplete="name"
      />
      {alreadyEncrypted ? (
        <p className="nhsuk-body">This case is stored encrypted with your passphrase.</p>
      ) : (
        <div className="nhsuk-form-group">
          <div className="nhsuk-checkboxes">
            <div className="nhsuk-checkboxes__item">
              <input
                className="nhsuk-checkboxes__input"
                id="encrypt"
                type="checkbox"
                checked={encrypt}
                onChange={(event) => setEncrypt(event.target.checked)}
                aria-describedby="encrypt-hint"
              />
              <label className="nhsuk-label nhsuk-checkboxes__label" htmlFor="encrypt">
                Encrypt this case in the browser with a passphrase
              </label>
              <div className="nhsuk-hint nhsuk-checkboxes__hint" id="encrypt-hint">
                Recommended on a shared computer. You will need the passphrase to open the case again; nobody can
                recover it.
              </div>
            </div>
          </div>
          {encrypt && (
            <div className="nhsuk-u-margin-top-3">
              <TextField
                id="passphrase"
                label="Passphrase"
                hint={`At least ${minPassphrase} characters`}
                type="password"
                value={passphrase}
                onChange={setPassphrase}
                error={errorFor('passphrase')}
                width="nhsuk-input--width-20"
                autoComplete="new-password"
              />
              <TextField
                id="passphrase-confirm"
                label="Passphrase again"
                type="password"
                value={confirm}
                onChange={setConfirm}
                error={errorFor('passphrase-confirm')}
                width="nhsuk-input--width-20"
                autoComplete="new-password"
              />
            </div>
          )}
        </div>
      )}
      {duplicate && duplicate.reference === reference.trim() && (
        <div className="nhsuk-warning-callout" data-testid="duplicate-reference">
          <h3 className="nhsuk-warning-callout__label">
            <span>
              <span className="nhsuk-u-visually-hidden">Important: </span>
              There is already a case {duplicate.reference}
            </span>
          </h3>
          <p>
            A case with this reference is in this browser already (at the step "{duplicate.step}"). Check this is not
            the same request. To start a second case with the same reference anyway, select Save and continue again.
          </p>
        </div>
      )}
      <button type="submit" className="nhsuk-button" disabled={saving}>
        Save and continue
      </button>
    </form>
  );
}
