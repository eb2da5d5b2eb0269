import { normaliseName, ukDate } from '@im-records/certificate';
import { checkCertificatePdf, readCertificateCode } from '@im-records/certificate/pdf';
import type { Attempt } from '@im-records/course';
import { expiryDate, parseIsoDate } from '@im-records/records-policy';
import { describe, expect, it } from 'vitest';
import { nodeFontLoader as fonts } from '../src/lib/certificate-fonts-node.ts';
import { certificateFields, issueCertificate } from '../src/lib/certificate-issue.ts';
import { CertificateIssueError } from '../src/lib/errors.ts';

const context = {
  course: 'Using instant messaging safely in patient care',
  courseVersion: '2026.1',
  passMark: 0.8,
  renewalMonths: 12,
  policyVersionId: 'im-policy-1.0',
  policyVersion: '1.0',
  policyPackageVersion: '0.1.0',
};

describe('issuing', () => {
  const passed: Attempt = {
    id: 'x',
    startedAt: '2026-06-30T22:00:00Z',
    finishedAt: '2026-06-30T23:30:00Z',
    courseVersion: '2026.1',
    policyVersion: '1.0',
    items: Array.from({ length: 16 }, (_, i) => ({ questionId: `q${i}`, optionOrder: ['a', 'b'], selected: ['a'] })),
    correct: 13,
  };

  it('dates the certificate in UK time and takes its expiry from records-policy', () => {
    const f = certificateFields(passed, '  Amara   Okafor ', context, 'id-1');
    // 23:30 UTC on 30 June is 00:30 BST on 1 July.
    expect(f.completedOn).toBe('2026-07-01');
    expect(f.expiresOn).toBe(expiryDate(parseIsoDate('2026-07-01')));
    expect(f.expiresOn).toBe('2027-07-01');
    expect(f.name).toBe('Amara Okafor');
    expect(f).toMatchObject({
      scoreCorrect: 13,
      scoreTotal: 16,
      passMark: 0.8,
      policyVersionId: 'im-policy-1.0',
      policyVersion: '1.0',
    });
  });

  it("follows the trust's pass mark and renewal period, not the defaults", () => {
    const trust = { ...context, passMark: 0.85, renewalMonths: 24 };
    // 13 of 16 is 81%: a pass at the default 80%, a fail at the trust's 85%.
    expect(() => certificateFields(passed, 'A', trust, 'id')).toThrow(CertificateIssueError);
    const f = certificateFields({ ...passed, correct: 14 }, 'Amara Okafor', trust, 'id-2');
    expect(f.passMark).toBe(0.85);
    expect(f.expiresOn).toBe('2028-07-01');
  });

  it('refuses a failed or unfinished attempt, and an empty name', () => {
    expect(() => certificateFields({ ...passed, correct: 12 }, 'A', context, 'id')).toThrow(CertificateIssueError);
    expect(() => certificateFields({ ...passed, finishedAt: null }, 'A', context, 'id')).toThrow(CertificateIssueError);
    expect(() => certificateFields(passed, '   ', context, 'id')).toThrow('enter your full name');
    expect(() => normaliseName('a\u0007b')).toThrow(CertificateIssueError);
  });

  it('gives UK dates across the clock change', () => {
    expect(ukDate(new Date('2026-01-15T23:30:00Z'))).toBe('2026-01-15');
    expect(ukDate(new Date('2026-07-15T23:30:00Z'))).toBe('2026-07-16');
  });

  it('makes a PDF that carries its code and verifies as unchanged', async () => {
    const issued = await issueCertificate(passed, 'Amara Okafor', context, fonts);
    expect(await readCertificateCode(issued.pdf)).toBe(issued.code);
    const check = await checkCertificatePdf(issued.pdf, fonts);
    expect(check).toEqual({
      status: 'checked',
      unchanged: true,
      verification: expect.objectContaining({ status: 'self-signed', fields: issued.fields }),
    });
  });
});
