/**
 * Checks a certificate: an uploaded PDF (its code's signature, and that the file is byte for byte the one issued)
 * or a pasted verification code. Shows the whole signed certificate so any visible edit stands out. Only a code signed
 * by a key the trust publishes reads as genuine; a practice certificate (signed with a key made on the learner's device)
 * is shown as one that nobody vouches for. When the site is built with the trust's attestation service, people are
 * sent there to check a certificate's short code (the service also knows which certificates were revoked).
 */
import { type SubmitEvent, useEffect, useRef, useState } from 'react';
import { type CertificateFields, ukDate, verifyCertificateCode } from '../lib/certificate.ts';
import { CertificateCodeError } from '../lib/errors.ts';
import { attestationUrl, trustedKeys } from '../lib/trusted-keys.ts';
import { CertificateSummary } from './CertificateSummary.tsx';

type Outcome =
  | { kind: 'genuine'; fields: CertificateFields; issuer: string; source: 'pdf' | 'code' }
  | { kind: 'practice'; fields: CertificateFields; source: 'pdf' | 'code' }
  | { kind: 'altered-file'; fields: CertificateFields }
  | { kind: 'failed'; reason: string; fields?: CertificateFields };

const unknownKeyReason = attestationUrl
  ? `It was signed by a key this site has not been given. Check its short code at ${attestationUrl}/verify.`
  : 'It was signed by a key this site has not been given. Check it with the organisation that issued it.';

/** The verification island. */
export default function VerifyCertificate() {
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [code, setCode] = useState('');
  const [busy, setBusy] = useState(false);
  const resultRef = useRef<HTMLDivElement>(null);
  const fileRef = useRef<HTMLInputElement>(null);
  const [hydrated, setHydrated] = useState(false);

  const show = (next: Outcome) => {
    setOutcome(next);
    setBusy(false);
    requestAnimationFrame(() => resultRef.current?.focus());
  };

  const checkFile = async (file: File) => {
    setBusy(true);
    try {
      const [{ checkCertificatePdf }, { browserFontLoader }] = await Promise.all([
        import('@im-records/certificate/pdf'),
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
      else if (result.verification.status === 'bad-signature') {
        show({
          kind: 'failed',
          reason: 'The certificate details do not match their signature. They have been changed.',
          fields: result.verification.fields,
        });
      } else if (!result.unchanged) show({ kind: 'altered-file', fields: result.verification.fields });
      else if (result.verification.status === 'unknown-key')
        show({ kind: 'failed', reason: unknownKeyReason, fields: result.verification.fields });
      else if (result.verification.status === 'self-signed')
        show({ kind: 'practice', fields: result.verification.fields, source: 'pdf' });
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

  const checkCode = async (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    setBusy(true);
    try {
      const result = await verifyCertificateCode(code, trustedKeys);
      if (result.status === 'valid')
        show({ kind: 'genuine', fields: result.fields, issuer: result.issuer, source: 'code' });
      else if (result.status === 'self-signed') show({ kind: 'practice', fields: result.fields, source: 'code' });
      else if (result.status === 'unknown-key')
        show({ kind: 'failed', reason: unknownKeyReason, fields: result.fields });
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

  // A file chosen before the page's script ran (a slow phone) fired its change event into nothing: check it now.
  // biome-ignore lint/correctness/useExhaustiveDependencies: once, when the island first runs
  useEffect(() => {
    setHydrated(true);
    const early = fileRef.current?.files?.[0];
    if (early) void checkFile(early);
  }, []);

  const today = ukDate(new Date());
  return (
    <div data-view={outcome?.kind ?? 'form'} data-loaded={hydrated ? 'true' : 'false'}>
      {attestationUrl && (
        <div className="nhsuk-inset-text">
          <span className="nhsuk-u-visually-hidden">Information: </span>
          <p>
            Certificates issued by your organisation carry a short code. Check it at{' '}
            <a href={`${attestationUrl}/verify`}>{`${attestationUrl}/verify`}</a>: that page also knows whether a
            certificate has been withdrawn.
          </p>
        </div>
      )}
      <div className="nhsuk-form-group">
        <label className="nhsuk-label nhsuk-label--m" htmlFor="certificate-file">
          Upload the certificate PDF
        </label>
        <div className="nhsuk-hint" id="certificate-file-hint">
          The file is checked on this device. It is not sent anywhere.
        </div>
        <input
          className="nhsuk-file-upload__input"
          ref={fileRef}
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
            The long code that starts with "ey", shown when the certificate was made. A short code such as
            ABCD-EFGH-JKMN is checked on the verification page of the organisation that issued the certificate.
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
                  ? 'The file is unchanged since it was issued.'
                  : "The code matches its issuer's signature."}
              </div>
            </div>
            <p>Issued by {outcome.issuer}.</p>
            <CertificateSummary fields={outcome.fields} today={today} />
          </>
        )}
        {outcome?.kind === 'practice' && (
          <>
            <div className="nhsuk-card nhsuk-card--warning">
              <div className="nhsuk-card__content">
                <h2 className="nhsuk-card__heading">Practice certificate: nobody vouches for it</h2>
                <p className="nhsuk-card__description">
                  This certificate was made on the learner's own device, not issued by an organisation. Its details have
                  not been changed since it was made, but anyone can make a certificate like this with any name and
                  score, so it is not evidence of training. Ask for a certificate issued by the organisation's
                  attestation service, or check the organisation's training records.
                </p>
              </div>
            </div>
            <h3>What the certificate says (not vouched for)</h3>
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
