/**
 * Checks a certificate: an uploaded PDF (its code's signature, and that the file is byte for byte the one issued)
 * or a pasted verification code. Shows the whole signed certificate so any visible edit stands out.
 */
import { type FormEvent, useRef, useState } from 'react';
import { type CertificateFields, ukDate, verifyCertificateCode } from '../lib/certificate.ts';
import { CertificateCodeError } from '../lib/errors.ts';
import { trustedKeys } from '../lib/trusted-keys.ts';
import { CertificateSummary } from './CertificateSummary.tsx';

type Outcome =
  | { kind: 'genuine'; fields: CertificateFields; issuer: string | null; source: 'pdf' | 'code' }
  | { kind: 'altered-file'; fields: CertificateFields }
  | { kind: 'failed'; reason: string; fields?: CertificateFields };

/** The verification island. */
export default function VerifyCertificate() {
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [code, setCode] = useState('');
  const [busy, setBusy] = useState(false);
  const resultRef = useRef<HTMLDivElement>(null);

  const show = (next: Outcome) => {
    setOutcome(next);
    setBusy(false);
    requestAnimationFrame(() => resultRef.current?.focus());
  };

  const checkFile = async (file: File) => {
    setBusy(true);
    try {
      const [{ checkCertificatePdf }, { browserFontLoader }] = await Promise.all([
        import('../lib/certificate-pdf.ts'),
        import('../lib/certificate-fonts-browser.ts'),
      ]);
      const result = await checkCertificatePdf(
        new Uint8Array(await file.arrayBuffer()),
        browserFontLoader,
        trustedKeys,
      );
      if (result.status === 'not-a-certificate')
        show({
          kind: 'failed',
          reason: 'This file is not a certificate from this course, or its verification code has been removed.',
        });
      else if (result.status === 'malformed')
        show({ kind: 'failed', reason: `The file's verification code is damaged: ${result.problem}.` });
      else if (result.verification.status !== 'valid') {
        show({
          kind: 'failed',
          reason: 'The certificate details do not match their signature. They have been changed.',
          fields: result.verification.fields,
        });
      } else if (!result.unchanged) show({ kind: 'altered-file', fields: result.verification.fields });
      else
        show({
          kind: 'genuine',
          fields: result.verification.fields,
          issuer: result.verification.issuer,
          source: 'pdf',
        });
    } catch {
      show({ kind: 'failed', reason: 'The file could not be read as a PDF.' });
    }
  };

  const checkCode = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    try {
      const result = await verifyCertificateCode(code, trustedKeys);
      if (result.status === 'valid')
        show({ kind: 'genuine', fields: result.fields, issuer: result.issuer, source: 'code' });
      else if (result.status === 'unknown-key')
        show({
          kind: 'failed',
          reason: 'The code was signed by a key this site does not know.',
          fields: result.fields,
        });
      else
        show({
          kind: 'failed',
          reason: 'The certificate details do not match their signature. They have been changed.',
          fields: result.fields,
        });
    } catch (caught) {
      const reason =
        caught instanceof CertificateCodeError ? caught.message : 'your browser could not check the signature';
      show({ kind: 'failed', reason: `This is not a valid verification code: ${reason}.` });
    }
  };

  const today = ukDate(new Date());
  return (
    <div data-view={outcome?.kind ?? 'form'}>
      <div className="nhsuk-form-group">
        <label className="nhsuk-label nhsuk-label--m" htmlFor="certificate-file">
          Upload the certificate PDF
        </label>
        <div className="nhsuk-hint" id="certificate-file-hint">
          The file is checked on this device. It is not sent anywhere.
        </div>
        <input
          className="nhsuk-file-upload__input"
          id="certificate-file"
          name="certificate-file"
          type="file"
          accept="application/pdf,.pdf"
          aria-describedby="certificate-file-hint"
          onChange={(event) => {
            const file = event.target.files?.[0];
            if (file) void checkFile(file);
          }}
        />
      </div>
      <form onSubmit={checkCode} noValidate>
        <div className="nhsuk-form-group">
          <label className="nhsuk-label nhsuk-label--m" htmlFor="certificate-code">
            Or paste the verification code
          </label>
          <div className="nhsuk-hint" id="certificate-code-hint">
            It is printed at the bottom of the certificate and starts with "ey".
          </div>
          <textarea
            className="nhsuk-textarea"
            id="certificate-code"
            name="certificate-code"
            rows={5}
            spellCheck={false}
            aria-describedby="certificate-code-hint"
            value={code}
            onChange={(event) => setCode(event.target.value)}
          />
        </div>
        <button type="submit" className="nhsuk-button" disabled={busy}>
          Check code
        </button>
      </form>
      <div ref={resultRef} tabIndex={-1} aria-live="polite" data-testid="verify-result">
        {outcome?.kind === 'genuine' && (
          <>
            <div className="nhsuk-panel">
              <h2 className="nhsuk-panel__title">Certificate details are genuine</h2>
              <div className="nhsuk-panel__body">
                {outcome.source === 'pdf'
                  ? 'The file is unchanged since it was made.'
                  : 'The code matches its signature.'}
              </div>
            </div>
            {outcome.issuer ? (
              <p>Issued by {outcome.issuer}.</p>
            ) : (
              <div className="nhsuk-inset-text">
                <span className="nhsuk-u-visually-hidden">Information: </span>
                <p>
                  This certificate was made by the training website on the learner's own device. The check proves its
                  details have not been changed since then. It does not yet prove your organisation issued it: check
                  your organisation's training records as well.
                </p>
              </div>
            )}
            <CertificateSummary fields={outcome.fields} today={today} />
          </>
        )}
        {outcome?.kind === 'altered-file' && (
          <>
            <div className="nhsuk-card nhsuk-card--warning">
              <div className="nhsuk-card__content">
                <h2 className="nhsuk-card__heading">This file has been changed</h2>
                <p className="nhsuk-card__description">
                  The PDF is not the file that was issued. Its signed details are below: compare them with what the file
                  shows. Ask for the original file.
                </p>
              </div>
            </div>
            <CertificateSummary fields={outcome.fields} today={today} />
          </>
        )}
        {outcome?.kind === 'failed' && (
          <>
            <div className="nhsuk-card nhsuk-card--warning">
              <div className="nhsuk-card__content">
                <h2 className="nhsuk-card__heading">This certificate could not be verified</h2>
                <p className="nhsuk-card__description">{outcome.reason}</p>
              </div>
            </div>
            {outcome.fields && (
              <>
                <h3>What the certificate claims (not verified)</h3>
                <CertificateSummary fields={outcome.fields} today={today} />
              </>
            )}
          </>
        )}
      </div>
    </div>
  );
}
