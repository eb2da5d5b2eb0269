import { type IsoDate, parseIsoDate } from '@im-records/records-policy';
import { describe, expect, it } from 'vitest';
import {
  acceptedVersions,
  type PersonFacts,
  personStatus,
  type VersionFacts,
  versionsInForce,
} from '../src/rules/status.ts';

const d = (text: string) => parseIsoDate(text);
const rules = { renewalMonths: 12, dueSoonDays: 30, newStarterDays: 28 };
const nurse: PersonFacts = {
  staffGroup: 'Nursing',
  hireDate: d('2020-01-06'),
  terminationDate: null,
  excludedReason: null,
};
const version = (
  id: string,
  effective: string,
  material: boolean,
  due: string | null,
  audience: string[] = [],
): VersionFacts => ({
  id,
  policy: 'im',
  version: id,
  material,
  effectiveDate: d(effective),
  dueDate: due ? d(due) : null,
  audience,
  publishedAt: `${effective}T09:00:00Z`,
});
const v1 = version('1.0', '2025-01-06', true, '2025-02-03');
const v11 = version('1.1', '2025-06-02', false, null);
const v2 = version('2.0', '2026-01-05', true, '2026-02-02');
const all = [v1, v11, v2];
const passed = { completedOn: d('2025-11-10'), expiresOn: d('2026-11-10') };

function status(
  asOf: string,
  attested: { versionId: string; attestedOn: string }[],
  completion = passed,
  person = nurse,
  versions = all,
) {
  const on = d(asOf);
  return personStatus(
    person,
    attested.map((a) => ({ versionId: a.versionId, attestedOn: a.attestedOn as IsoDate })),
    completion,
    versionsInForce(versions, on),
    on,
    rules,
  );
}

describe('material and minor changes', () => {
  it('a minor version does not ask anyone to attest again', () => {
    const s = status('2025-07-01', [{ versionId: '1.0', attestedOn: '2025-01-20' }]);
    expect(s).toMatchObject({ inScope: true, compliant: true });
    expect(acceptedVersions(versionsInForce(all, d('2025-07-01')).get('im') ?? []).map((v) => v.id)).toEqual([
      '1.0',
      '1.1',
    ]);
  });

  it('a material version asks everyone again: not compliant at once, overdue after its due date', () => {
    const attested = [{ versionId: '1.1', attestedOn: '2025-09-01' }];
    expect(status('2025-12-31', attested)).toMatchObject({ compliant: true });
    const after = status('2026-01-10', attested);
    expect(after).toMatchObject({ compliant: false, state: 'due-soon', dueOn: '2026-02-02' });
    expect(status('2026-02-03', attested)).toMatchObject({ compliant: false, state: 'overdue', dueOn: '2026-02-02' });
    expect(status('2026-02-03', [...attested, { versionId: '2.0', attestedOn: '2026-01-20' }])).toMatchObject({
      compliant: true,
    });
  });

  it('a version not yet in effect changes nothing', () => {
    expect(versionsInForce(all, d('2026-01-04')).get('im')?.at(-1)?.id).toBe('1.1');
  });
});

describe('renewal', () => {
  it('an attestation and a completion count for 12 months and are due soon in the last 30 days', () => {
    const attested = [{ versionId: '2.0', attestedOn: '2026-01-20' }];
    expect(status('2026-09-01', attested)).toMatchObject({ compliant: true, state: 'done', dueOn: '2026-11-10' });
    expect(status('2026-10-20', attested)).toMatchObject({ compliant: true, state: 'due-soon', dueOn: '2026-11-10' });
    expect(status('2026-11-10', attested)).toMatchObject({ compliant: false, state: 'due-soon', dueOn: '2026-11-10' });
    expect(status('2026-11-11', attested)).toMatchObject({ compliant: false, state: 'overdue' });
    const late = status('2027-01-21', attested, { completedOn: d('2026-12-01'), expiresOn: d('2027-12-01') });
    expect(late).toMatchObject({ compliant: false, state: 'overdue', dueOn: '2027-01-20' });
  });

  it('without a pass the person is not compliant, whatever they attested', () => {
    const s = personStatus(
      nurse,
      [{ versionId: '2.0', attestedOn: d('2026-01-20') }],
      null,
      versionsInForce(all, d('2026-03-01')),
      d('2026-03-01'),
      rules,
    );
    expect(s.compliant).toBe(false);
    expect(s.requirements.find((r) => r.kind === 'training')).toMatchObject({ met: false });
  });
});

describe('scope', () => {
  it('leavers, people not yet started and excluded people are out of scope', () => {
    expect(status('2026-03-01', [], passed, { ...nurse, terminationDate: d('2026-03-01') })).toMatchObject({
      inScope: false,
      outOfScope: 'leaver',
    });
    expect(status('2026-03-01', [], passed, { ...nurse, terminationDate: d('2026-03-02') }).inScope).toBe(true);
    expect(status('2026-03-01', [], passed, { ...nurse, hireDate: d('2026-03-02') })).toMatchObject({
      outOfScope: 'not-started',
    });
    expect(status('2026-03-01', [], passed, { ...nurse, excludedReason: 'Long-term leave' })).toMatchObject({
      outOfScope: 'excluded',
    });
  });

  it('new starters have 28 days from their hire date', () => {
    const starter = { ...nurse, hireDate: d('2026-02-20') };
    expect(status('2026-03-01', [], null as never, starter)).toMatchObject({
      compliant: false,
      state: 'due-soon',
      dueOn: '2026-03-20',
    });
    expect(status('2026-03-21', [], null as never, starter)).toMatchObject({ state: 'overdue' });
  });

  it('someone who never passed is due from when the programme started, not from a hire date years before', () => {
    const s = status('2026-03-01', [{ versionId: '2.0', attestedOn: '2026-01-20' }], null as never);
    expect(s.requirements.find((r) => r.kind === 'training')).toMatchObject({ met: false, dueOn: '2025-01-06' });
  });

  it('a policy for some staff groups asks nothing of the others', () => {
    const doctorsOnly = [version('1.0', '2025-01-06', true, '2025-02-03', ['Medical and Dental'])];
    const s = status('2026-03-01', [], passed, nurse, doctorsOnly);
    expect(s.requirements.map((r) => r.kind)).toEqual(['training']);
    expect(s.compliant).toBe(true);
  });
});
