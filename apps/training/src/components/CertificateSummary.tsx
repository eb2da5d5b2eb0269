/** The certificate's details as an NHS summary list, shared by the certificate and verification pages. */
import { formatLongDate } from '@im-records/records-policy';
import type { CertificateFields } from '../lib/certificate.ts';

/** Shows every field of a certificate; `today` (YYYY-MM-DD) marks it expired when the expiry date has come. */
export function CertificateSummary({ fields, today }: { fields: CertificateFields; today: string }) {
  const expired = today >= fields.expiresOn;
  const rows: [string, string][] = [
    ['Name', fields.name],
    ['Course', fields.course],
    ['Completed', formatLongDate(fields.completedOn)],
    ['Expires', `${formatLongDate(fields.expiresOn)}${expired ? ' (expired)' : ''}`],
    ['Score', `${fields.scoreCorrect} out of ${fields.scoreTotal} (pass mark ${Math.round(fields.passMark * 100)}%)`],
    ['Policy version', `${fields.policyVersion} (${fields.policyVersionId})`],
    ['Records rules version', fields.policyPackageVersion],
    ['Course version', fields.courseVersion],
    ['Certificate ID', fields.certificateId],
  ];
  return (
    <dl className="nhsuk-summary-list">
      {rows.map(([key, value]) => (
        <div className="nhsuk-summary-list__row" key={key}>
          <dt className="nhsuk-summary-list__key">{key}</dt>
          <dd className="nhsuk-summary-list__value">{value}</dd>
        </div>
      ))}
    </dl>
  );
}
