/**
 * Makes the certificate for the learner's latest passed attempt. pdf-lib, fontkit, the name font and the signing code
 * load only when the learner asks for the certificate, so the page itself stays small.
 */

import { type Attempt, reachesPassMark, restoreAttempts } from '@im-records/course';
import { showErrorInTitle } from '@im-records/nhsuk-astro/error-title';
import { formatLongDate } from '@im-records/records-policy';
import { type SubmitEvent, useEffect, useRef, useState } from 'react';
import { readStored, removeAllStored, storageKeys, writeStored } from '../lib/browser-store.ts';
import { type CertificateFields, ukDate } from '../lib/certificate.ts';
import type { IssueContext } from '../lib/certificate-issue.ts';
import { CertificateIssueError } from '../lib/errors.ts';
import { CertificateSummary } from './CertificateSummary.tsx';

export interface CertificateFormProps {
  context: IssueContext;
}

interface Issued {
  fields: CertificateFields;
  code: string;
  url: string;
  fileName: string;
}

/** The certificate island. */
export default function CertificateForm({ context }: CertificateFormProps) {
  const [passed, setPassed] = useState<Attempt | null | undefined>(undefined);
  const [name, setName] = useState('');
  const [error, setError] = useState<string | null>(null);
  // While the error shows, the page's title starts "Error: " (NHS pattern).
  const showingError = Boolean(error);
  useEffect(() => (showingError ? showErrorInTitle() : undefined), [showingError]);
  const [busy, setBusy] = useState(false);
  const [issued, setIssued] = useState<Issued | null>(null);
  /** The learner removed their progress from this browser (a shared computer): said once, with focus. */
  const [removed, setRemoved] = useState(false);
  const removedRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (removed) removedRef.current?.focus();
  }, [removed]);
  const nameRef = useRef<HTMLInputElement>(null);
  const readyRef = useRef<HTMLHeadingElement>(null);

  // The button is disabled while the certificate is made, which takes focus from it: focus then goes where the
  // learner continues, the field with the error or the heading of the certificate that replaced the form.
  useEffect(() => {
    if (error && !busy) nameRef.current?.focus();
  }, [error, busy]);
  useEffect(() => {
    if (issued) readyRef.current?.focus();
  }, [issued]);

  useEffect(() => {
    const attempts = restoreAttempts(readStored(storageKeys.attempts));
    const passes = attempts.filter(
      (a) =>
        a.correct !== null && a.finishedAt !== null && reachesPassMark(a.correct, a.items.length, context.passMark),
    );
    setPassed(passes.at(-1) ?? null);
  }, [context.passMark]);

  useEffect(
    () => () => {
      if (issued) URL.revokeObjectURL(issued.url);
    },
    [issued],
  );

  const removeProgress = () => {
    removeAllStored();
    setIssued(null);
    setPassed(null);
    setName('');
    setRemoved(true);
  };
  /** For a shared computer: what is kept here, and a button to remove it before leaving. */
  const sharedComputer = (
    <>
      <h2>On a shared computer?</h2>
      <p>
        Your answers, your pass and your certificate are kept in this browser so that you can come back to them.
        Download your certificate first, then remove them before you leave, so that the next person cannot use your
        pass.
      </p>
      <button type="button" className="nhsuk-button nhsuk-button--secondary" onClick={removeProgress}>
        Remove my progress from this browser
      </button>
    </>
  );

  if (passed === undefined) return <p data-loaded="false">Checking your results…</p>;
  if (passed === null) {
    return (
      <div data-loaded="true" data-view="not-passed">
        {removed && (
          <div className="nhsuk-inset-text" ref={removedRef} tabIndex={-1} data-testid="progress-removed">
            <span className="nhsuk-u-visually-hidden">Information: </span>
            <p>Your progress, your pass and your certificate have been removed from this browser.</p>
          </div>
        )}
        <p>You need to pass the assessment on this device before you can get a certificate.</p>
        <a className="nhsuk-button" href="/assessment/">
          Take the assessment
        </a>
      </div>
    );
  }

  const submit = async (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    setError(null);
    setBusy(true);
    try {
      const [{ issueCertificate }, { browserFontLoader }] = await Promise.all([
        import('../lib/certificate-issue.ts'),
        import('../lib/certificate-fonts-browser.ts'),
      ]);
      const certificate = await issueCertificate(passed, name, context, browserFontLoader);
      const url = URL.createObjectURL(
        new Blob([certificate.pdf as Uint8Array<ArrayBuffer>], { type: 'application/pdf' }),
      );
      const fileName = `training-certificate-${certificate.fields.completedOn}.pdf`;
      const saved = readStored(storageKeys.certificates);
      writeStored(storageKeys.certificates, [...(Array.isArray(saved) ? saved : []), certificate.code]);
      setIssued({ fields: certificate.fields, code: certificate.code, url, fileName });
    } catch (caught) {
      if (caught instanceof CertificateIssueError)
        setError(caught.message.charAt(0).toUpperCase() + caught.message.slice(1));
      else
        setError(
          'Your browser could not make the certificate. Try an up-to-date version of Chrome, Edge, Firefox or Safari.',
        );
    } finally {
      setBusy(false);
    }
  };

  if (issued) {
    return (
      <div data-loaded="true" data-view="issued">
        <div className="nhsuk-panel">
          <h2 className="nhsuk-panel__title" ref={readyRef} tabIndex={-1}>
            Your certificate is ready
          </h2>
          <div className="nhsuk-panel__body">It expires on {formatLongDate(issued.fields.expiresOn)}</div>
        </div>
        <p>
          <a className="nhsuk-button" href={issued.url} download={issued.fileName}>
            Download your certificate (PDF)
          </a>
        </p>
        <CertificateSummary fields={issued.fields} today={ukDate(new Date())} />
        <h2>Verification code</h2>
        <p>
          Anyone can check your certificate by uploading the PDF, or pasting this code, on the{' '}
          <a href="/verify/">check a certificate</a> page.
        </p>
        <p className="app-code" data-testid="verification-code">
          {issued.code}
        </p>
        {sharedComputer}
      </div>
    );
  }

  const errorId = 'name-error';
  return (
    <form onSubmit={submit} noValidate data-loaded="true" data-view="form">
      <p>
        You passed on {formatLongDate(ukDate(new Date(passed.finishedAt ?? passed.startedAt)))} with {passed.correct}{' '}
        out of {passed.items.length}.
      </p>
      <div className={`nhsuk-form-group${error ? ' nhsuk-form-group--error' : ''}`}>
        <label className="nhsuk-label nhsuk-label--m" htmlFor="full-name">
          Your full name
        </label>
        <div className="nhsuk-hint" id="full-name-hint">
          As you would like it to appear on your certificate.
        </div>
        {error && (
          <span className="nhsuk-error-message" id={errorId}>
            <span className="nhsuk-u-visually-hidden">Error:</span> {error}
          </span>
        )}
        <input
          ref={nameRef}
          className={`nhsuk-input${error ? ' nhsuk-input--error' : ''}`}
          id="full-name"
          name="full-name"
          type="text"
          autoComplete="name"
          spellCheck={false}
          aria-describedby={error ? `full-name-hint ${errorId}` : 'full-name-hint'}
          value={name}
          onChange={(event) => setName(event.target.value)}
        />
      </div>
      <button type="submit" className="nhsuk-button" disabled={busy}>
        {busy ? 'Making your certificate…' : 'Create certificate'}
      </button>
      {sharedComputer}
    </form>
  );
}
