import { createHash } from 'node:crypto';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { createAccount, updateAccount } from '../src/accounts.ts';
import { attemptResult, startAttempt, submitAttempt } from '../src/assessment.ts';
import { attest, attestOnBehalf, onBehalfChoices } from '../src/attestations.ts';
import { verifyAudit } from '../src/audit/log.ts';
import { certificatePdf, checkCertificateFile, checkShortCode, revokeCompletion } from '../src/completions.ts';
import { ForbiddenError, NotFoundError, UnansweredError, ValidationError } from '../src/errors.ts';
import { claimJob, enqueueJob, finishJob } from '../src/jobs.ts';
import { DEFAULT_POLICY, publishVersion, versionAttestations } from '../src/policies.ts';
import { dashboard, departmentPeople } from '../src/reports/dashboard.ts';
import { evidencePack, findExport, peopleCsvExport, reportCsvExport } from '../src/reports/evidence.ts';
import { completionReport, reportCsv } from '../src/reports/report.ts';
import { importRoster } from '../src/roster/import.ts';
import { anytownTrust, header, issuer } from './anytown.ts';
import { engines } from './databases.ts';
import { actorByEmail, course, rightAnswers, wrongAnswers } from './trust.ts';

describe.each(engines)('the service on %s', (engine) => {
  const trust = anytownTrust(engine);

  it('staff attest, pass the server-marked assessment and get a certificate that verifies until it is revoked', async () => {
    const { store } = await trust();
    const amara = await actorByEmail(store, 'amara@anytown.example');
    expect(amara.person).not.toBeNull();
    const version = 'im-policy-1.0';
    const attested = await attest(store, amara, version);
    // Sent twice (a double click, a resubmitted form): the same attestation back, one row and one audit entry.
    expect(await attest(store, amara, version)).toEqual(attested);
    const rows = await store.db
      .selectFrom('attestations')
      .select('id')
      .where('person', '=', amara.person ?? '')
      .execute();
    expect(rows).toHaveLength(1);
    const audited = await store.db
      .selectFrom('audit_log')
      .select('seq')
      .where('type', '=', 'attestation.recorded')
      .where('subject', '=', amara.person ?? '')
      .execute();
    expect(audited).toHaveLength(1);

    const attempt = await startAttempt(store, amara, course);
    expect(attempt.questions).toHaveLength(course.settings.assessment.questionCount);
    // The browser gets no correct flags.
    expect(JSON.stringify(attempt.questions)).not.toMatch(/"correct"/);
    // A blank or half-answered form is refused, naming each unanswered question, and nothing is recorded.
    const auditBeforeBlank = (await store.db.selectFrom('audit_log').select('seq').execute()).length;
    const everyQuestion = attempt.questions.map((_, i) => i + 1);
    await expect(submitAttempt(store, amara, course, issuer, attempt.id, {})).rejects.toMatchObject({
      name: 'UnansweredError',
      questions: everyQuestion,
    });
    const [first, , third] = attempt.questions;
    const partly = Object.fromEntries(
      Object.entries(rightAnswers(attempt.questions)).filter(([id]) => id === first?.id || id === third?.id),
    );
    const refused = await submitAttempt(store, amara, course, issuer, attempt.id, partly).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(UnansweredError);
    expect((refused as UnansweredError).questions).toEqual(everyQuestion.filter((n) => n !== 1 && n !== 3));
    expect((refused as Error).message).toMatch(/^answer questions 2, 4, 5, /);
    expect((await store.db.selectFrom('audit_log').select('seq').execute()).length).toBe(auditBeforeBlank);
    expect(
      await store.db.selectFrom('attempts').select('finished_at').where('id', '=', attempt.id).executeTakeFirst(),
    ).toEqual({ finished_at: null });
    // A failing submission is marked as a fail, whatever the browser claims.
    const failing = await submitAttempt(store, amara, course, issuer, attempt.id, wrongAnswers(attempt.questions));
    expect(failing).toMatchObject({ passed: false, correct: 0, completion: null });
    // The page the browser is sent to afterwards reads the same result back; nobody else can read it.
    expect(await attemptResult(store, amara, course, attempt.id)).toEqual(failing);
    await createAccount(store, 'cli', { email: 'ben@anytown.example', role: 'staff' });
    const ben = await actorByEmail(store, 'ben@anytown.example');
    await expect(attemptResult(store, ben, course, attempt.id)).rejects.toThrow(NotFoundError);
    // The same attempt sent again (a double click, Back and resend) gets the result it was given, marked once.
    const auditBefore = (await store.db.selectFrom('audit_log').select('seq').execute()).length;
    const resent = await submitAttempt(store, amara, course, issuer, attempt.id, rightAnswers(attempt.questions));
    expect(resent).toMatchObject({ passed: false, correct: 0, completion: null, repeated: true });
    expect(resent.review).toEqual(failing.review);
    expect((await store.db.selectFrom('audit_log').select('seq').execute()).length).toBe(auditBefore);

    const second = await startAttempt(store, amara, course);
    expect(second.id).not.toBe(attempt.id);
    const passed = await submitAttempt(store, amara, course, issuer, second.id, rightAnswers(second.questions));
    expect(passed.passed).toBe(true);
    const completion = passed.completion;
    if (!completion) throw new Error('no completion');
    expect(completion.fields).toMatchObject({
      completedOn: '2026-03-02',
      expiresOn: '2027-03-02',
      name: 'Amara Okafor',
      verifyUrl: issuer.verifyUrl,
    });
    // A pass sent twice gives the same certificate back, and only one is issued.
    const again = await submitAttempt(store, amara, course, issuer, second.id, rightAnswers(second.questions));
    expect(again).toMatchObject({
      passed: true,
      repeated: true,
      completion: { id: completion.id, shortCode: completion.shortCode },
    });
    expect(again.completion?.fields).toEqual(completion.fields);
    expect(
      await store.db.selectFrom('completions').select('id').where('attempt', '=', second.id).execute(),
    ).toHaveLength(1);

    const status = await store.db
      .selectFrom('person_status')
      .selectAll()
      .where('person', '=', amara.person ?? '')
      .executeTakeFirstOrThrow();
    expect(status).toMatchObject({ compliant: 1, state: 'done' });

    const check = await checkShortCode(store, completion.shortCode.toLowerCase().replace(/(.{4})/g, '$1-'));
    expect(check).toMatchObject({ status: 'valid', issuer: 'Anytown NHS Trust', fields: { name: 'Amara Okafor' } });
    expect(await checkShortCode(store, 'ABCD-EFGH-JKMN')).toEqual({ status: 'not-found' });

    const { pdf } = await certificatePdf(store, amara, completion.id);
    expect(await checkCertificateFile(store, pdf)).toMatchObject({ status: 'valid' });
    // The wrong file uploaded is said to be the wrong file, not a code that matches nothing.
    expect(await checkCertificateFile(store, new TextEncoder().encode('Name,Date\nAmara,2026-03-02\n'))).toEqual({
      status: 'not-a-certificate',
      reason: 'not-a-pdf',
    });
    const otherPdf = await PDFDocument.create();
    otherPdf.addPage();
    expect(await checkCertificateFile(store, await otherPdf.save())).toEqual({
      status: 'not-a-certificate',
      reason: 'no-code',
    });
    const doc = await PDFDocument.load(pdf, { updateMetadata: false });
    doc
      .getPage(0)
      .drawText('16 out of 16', { x: 180, y: 300, size: 12, font: await doc.embedFont(StandardFonts.Helvetica) });
    expect(await checkCertificateFile(store, await doc.save({ useObjectStreams: false }))).toMatchObject({
      status: 'altered',
    });

    const ig = await actorByEmail(store, 'ig@anytown.example');
    await revokeCompletion(store, ig, completion.id, 'Issued to the wrong person');
    expect(await checkShortCode(store, completion.shortCode)).toMatchObject({
      status: 'revoked',
      reason: 'Issued to the wrong person',
    });
    expect(await checkCertificateFile(store, pdf)).toMatchObject({ status: 'revoked' });
    expect((await verifyAudit(store)).ok).toBe(true);
  });

  it('managers record on behalf only in their own departments and see only those', async () => {
    const { store, setNow } = await trust();
    const manager = await actorByEmail(store, 'manager@anytown.example');
    const people = await store.db.selectFrom('people').select(['id', 'employee_number']).execute();
    const ben = people.find((p) => p.employee_number === '2')?.id ?? '';
    const chen = people.find((p) => p.employee_number === '3')?.id ?? '';
    const recorded = await attestOnBehalf(store, manager, {
      person: ben,
      versionId: 'im-policy-1.0',
      remark: 'Signed the paper form',
      attestedOn: '2026-02-20',
    });
    expect(recorded).toMatchObject({ attestedOn: '2026-02-20', onBehalfBy: manager.accountId });
    const row = await store.db
      .selectFrom('attestations')
      .selectAll()
      .where('id', '=', recorded.id)
      .executeTakeFirstOrThrow();
    expect(row.remark).toBe('Signed the paper form');
    // The form sent twice (a double click) records it once: the same record back, one audit entry, one statement.
    const again = await attestOnBehalf(store, manager, {
      person: ben,
      versionId: 'im-policy-1.0',
      remark: 'Signed the paper form',
      attestedOn: '2026-02-20',
    });
    expect(again).toEqual(recorded);
    const rows = await store.db.selectFrom('attestations').select('id').where('person', '=', ben).execute();
    expect(rows).toHaveLength(1);
    // A leaver: nothing dated on or after the day they left (it could never be taken back); before it, a paper form.
    await importRoster(
      store,
      `${header},Actual Termination Date\n5,5-1,Y,Eve,Lamb,WARD5,Ward 5,Administrative and Clerical,eve@anytown.example,2019-01-01,2026-02-25\n`,
      { actor: 'cli' },
    );
    const eve = (
      await store.db.selectFrom('people').select('id').where('employee_number', '=', '5').executeTakeFirstOrThrow()
    ).id;
    for (const attestedOn of ['', '2026-02-25']) {
      await expect(
        attestOnBehalf(store, manager, { person: eve, versionId: 'im-policy-1.0', remark: 'Paper form', attestedOn }),
      ).rejects.toThrow('attestedOn: they left on 25 February 2026, so the date they signed must be before then');
    }
    await attestOnBehalf(store, manager, {
      person: eve,
      versionId: 'im-policy-1.0',
      remark: 'Paper form',
      attestedOn: '2026-02-24',
    });
    // Ben is up to date: the form is not offered for him, and a second paper form is refused, saying until when.
    expect(await onBehalfChoices(store, manager, ben)).toEqual([
      expect.objectContaining({
        versionId: 'im-policy-1.0',
        latestAttestedOn: '2026-02-20',
        upToDateUntil: '2027-02-20',
      }),
    ]);
    await expect(
      attestOnBehalf(store, manager, { person: ben, versionId: 'im-policy-1.0', remark: 'Signed it again' }),
    ).rejects.toThrow('nothing is due: they are up to date with this policy until 20 February 2027');
    // A month before it lapses it is due again, and a paper form cannot be dated before his latest attestation.
    setNow('2027-01-25T10:00:00Z');
    expect(await onBehalfChoices(store, manager, ben)).toEqual([
      expect.objectContaining({ latestAttestedOn: '2026-02-20', upToDateUntil: null }),
    ]);
    await expect(
      attestOnBehalf(store, manager, {
        person: ben,
        versionId: 'im-policy-1.0',
        remark: 'Signed the form again',
        attestedOn: '2026-02-19',
      }),
    ).rejects.toThrow(
      'attestedOn: their latest attestation to this policy is dated 20 February 2026, so the date they signed cannot be before it',
    );
    for (const attestedOn of ['2027-01-26', '2099-01-01']) {
      await expect(
        attestOnBehalf(store, manager, { person: ben, versionId: 'im-policy-1.0', remark: 'Paper form', attestedOn }),
      ).rejects.toThrow('attestedOn: the date they signed cannot be in the future');
    }
    // Who attested a version counts people: Ben, with a second paper form, is one person (on his latest day).
    await attestOnBehalf(store, manager, {
      person: ben,
      versionId: 'im-policy-1.0',
      remark: 'Signed the form again',
      attestedOn: '2027-01-20',
    });
    const attested = await versionAttestations(store, manager, 'im-policy-1.0');
    expect(attested.map((a) => [a.person, a.attested_on])).toEqual([
      [ben, '2027-01-20'],
      [eve, '2026-02-24'],
    ]);
    await expect(
      attestOnBehalf(store, manager, { person: chen, versionId: 'im-policy-1.0', remark: 'Signed the form' }),
    ).rejects.toThrow(ForbiddenError);
    await expect(
      attestOnBehalf(store, manager, { person: ben, versionId: 'im-policy-1.0', remark: '' }),
    ).rejects.toThrow(/remark/);
    // A manager manages at least one department: none is refused, on creation and on a change.
    await expect(
      createAccount(store, 'cli', { email: 'nobody@anytown.example', role: 'manager', departments: [] }),
    ).rejects.toThrow(/at least one department/);
    const admin = await actorByEmail(store, 'admin@anytown.example');
    await expect(updateAccount(store, admin, manager.accountId, { departments: [] })).rejects.toThrow(
      /at least one department/,
    );
    const amara = await actorByEmail(store, 'amara@anytown.example');
    await expect(updateAccount(store, admin, amara.accountId, { role: 'manager' })).rejects.toThrow(
      /at least one department/,
    );
    await updateAccount(store, admin, amara.accountId, { role: 'manager', departments: ['WARD5'] });
    const view = await dashboard(store, manager);
    expect(view.departments.map((d) => d.id)).toEqual(['WARD5']);
    expect(view.totals.inScope).toBe(3);
    await expect(dashboard(store, manager, { department: 'PHARM' })).rejects.toThrow(ForbiddenError);
    const ig = await actorByEmail(store, 'ig@anytown.example');
    await expect(dashboard(store, ig, { department: 'NO-SUCH-WARD' })).rejects.toThrow(NotFoundError);
    await expect(departmentPeople(store, ig, 'NO-SUCH-WARD')).rejects.toThrow(NotFoundError);
    await expect(store.db.updateTable('attestations').set({ remark: 'changed' }).execute()).rejects.toThrow(
      /append-only/,
    );
  });

  it('a material change drops completion until people attest again; a minor one does not', async () => {
    const { store, setNow } = await trust();
    const ig = await actorByEmail(store, 'ig@anytown.example');
    const manager = await actorByEmail(store, 'manager@anytown.example');
    const ward5 = await store.db.selectFrom('people').select('id').where('department_id', '=', 'WARD5').execute();
    for (const p of ward5)
      await attestOnBehalf(store, manager, { person: p.id, versionId: 'im-policy-1.0', remark: 'Paper form' });
    const before = await dashboard(store, ig);
    expect(before.departments.find((d) => d.id === 'WARD5')).toMatchObject({ inScope: 3 });
    const attestedBefore = await store.db
      .selectFrom('person_status')
      .select(['attested_on'])
      .where('department_id', '=', 'WARD5')
      .execute();
    expect(attestedBefore.every((s) => s.attested_on === '2026-03-02')).toBe(true);

    await publishVersion(store, ig, {
      policy: DEFAULT_POLICY.id,
      version: '1.1',
      body: '# Policy\n\nUse approved apps only. (Typo fixed.)',
      summary: 'Typo',
      material: false,
      effectiveDate: '2026-03-02',
      dueDate: null,
      audience: [],
    });
    expect(
      (
        await store.db.selectFrom('person_status').select('attested_on').where('department_id', '=', 'WARD5').execute()
      ).every((s) => s.attested_on === '2026-03-02'),
    ).toBe(true);

    setNow('2026-03-03T09:00:00Z');
    await publishVersion(store, ig, {
      policy: DEFAULT_POLICY.id,
      version: '2.0',
      body: '# Policy\n\nNew rules on photos.',
      summary: 'Photos',
      material: true,
      effectiveDate: '2026-03-03',
      dueDate: '2026-03-31',
      audience: [],
    });
    const after = await store.db
      .selectFrom('person_status')
      .select(['attested_on', 'state'])
      .where('department_id', '=', 'WARD5')
      .execute();
    expect(after.every((s) => s.attested_on === null)).toBe(true);
    await expect(
      publishVersion(store, ig, {
        policy: DEFAULT_POLICY.id,
        version: '1.9',
        body: '# Policy\n\nOlder number.',
        summary: 'Not allowed',
        material: false,
        effectiveDate: '2026-03-03',
        dueDate: null,
        audience: [],
      }),
    ).rejects.toThrow(/not after the latest version/);
    const staff = await actorByEmail(store, 'amara@anytown.example');
    await expect(
      publishVersion(store, staff, {
        policy: DEFAULT_POLICY.id,
        version: '3.0',
        body: '# Policy\n\nA staff member cannot.',
        summary: 'Not allowed',
        material: false,
        effectiveDate: '2026-03-03',
        dueDate: null,
        audience: [],
      }),
    ).rejects.toThrow(ForbiddenError);
  });

  it('refuses a minor change that adds staff groups to the audience: they would be overdue the day it is published', async () => {
    const { store } = await trust();
    const ig = await actorByEmail(store, 'ig@anytown.example');
    const version = (number: string, material: boolean, audience: string[]) => ({
      policy: DEFAULT_POLICY.id,
      version: number,
      body: '# Policy\n\nUse approved apps only.',
      summary: 'Audience',
      material,
      effectiveDate: '2026-03-02',
      dueDate: material ? '2026-03-30' : null,
      audience,
    });
    // Narrowing the audience is minor (nobody new is asked); widening it again, or back to everyone, is not.
    await publishVersion(store, ig, version('1.1', false, ['Nursing and Midwifery Registered']));
    for (const audience of [['Nursing and Midwifery Registered', 'Administrative and Clerical'], []]) {
      await expect(publishVersion(store, ig, version('1.2', false, audience))).rejects.toThrow(
        /^change: a minor change cannot add staff groups to the audience/,
      );
    }
    // As a material change it asks everyone, by its due date.
    expect(await publishVersion(store, ig, version('1.2', true, []))).toBe('im-policy-1.2');
  });

  it("exports the people a manager's dashboard shows: their departments, one department, one staff group", async () => {
    const { store } = await trust();
    const manager = await actorByEmail(store, 'manager@anytown.example');
    const employees = async (department?: string, group?: string) =>
      (await peopleCsvExport(store, manager, '2026-03-02' as never, department, group))
        .trim()
        .split('\r\n')
        .slice(1)
        .map((line) => line.split(',')[0]);
    expect(await employees()).toEqual(['1', '2', '4']);
    expect(await employees('WARD5')).toEqual(['1', '2', '4']);
    expect(await employees('WARD5', 'Additional Clinical Services')).toEqual(['2']);
    expect(await employees(undefined, 'Nursing and Midwifery Registered')).toEqual(['1']);
    await expect(employees('PHARM')).rejects.toThrow(ForbiddenError);
    const log = await store.db.selectFrom('audit_log').select('data').where('type', '=', 'evidence.exported').execute();
    expect(JSON.parse(log.at(-1)?.data ?? '{}')).toMatchObject({ staffGroup: 'Nursing and Midwifery Registered' });
  });

  it('reports by department as CSV, and the evidence pack is the same bytes for the same data and date', async () => {
    const { store } = await trust();
    const report = await completionReport(store, '2026-03-02' as never);
    expect(report.departments.map((d) => [d.departmentId, d.inScope])).toEqual([
      ['PHARM', 1],
      ['WARD5', 3],
    ]);
    const csv = reportCsv(report);
    expect(csv.split('\r\n')[0]).toBe(
      'department_id,department,staff_in_scope,compliant,percent,target_percent,meets_target,due_soon,overdue,out_of_scope,as_of',
    );
    // A department with nobody in scope has nothing to measure: "n/a", not a missed target.
    const empty = {
      departmentId: 'EMPTY',
      department: 'Empty ward',
      inScope: 0,
      compliant: 0,
      percent: 0,
      target: 0.95,
      meetsTarget: false,
      dueSoon: 0,
      overdue: 0,
      outOfScope: 2,
    };
    const withEmpty = reportCsv({ ...report, departments: [empty] });
    expect(withEmpty.split('\r\n')[1]?.split(',')[6]).toBe('n/a');
    expect(csv.split('\r\n')[1]?.split(',')[6]).toMatch(/^(yes|no)$/);
    const ig = await actorByEmail(store, 'ig@anytown.example');
    const first = await evidencePack(store, ig, '2026-03-02' as never, 'Anytown NHS Trust');
    const second = await evidencePack(store, ig, '2026-03-02' as never, 'Anytown NHS Trust');
    expect(Buffer.from(second).equals(Buffer.from(first))).toBe(true);
    expect(Buffer.from(first).subarray(0, 5).toString()).toBe('%PDF-');
  });

  it("logs each exported file's SHA-256, so an auditor can match a file handed to them to the export that made it", async () => {
    const { store } = await trust();
    const ig = await actorByEmail(store, 'ig@anytown.example');
    const pack = await evidencePack(store, ig, '2026-03-02' as never, 'Anytown NHS Trust');
    const report = await reportCsvExport(store, ig, '2026-03-01' as never);
    const people = await peopleCsvExport(store, ig, '2026-03-02' as never, 'WARD5');
    const logged = (
      await store.db
        .selectFrom('audit_log')
        .select('data')
        .where('type', '=', 'evidence.exported')
        .orderBy('seq')
        .execute()
    ).map((row) => JSON.parse(row.data));
    const sha256 = (file: Uint8Array | string) => createHash('sha256').update(file).digest('hex');
    expect(logged).toEqual([
      { kind: 'pdf', asOf: '2026-03-02', sha256: sha256(pack) },
      { kind: 'report-csv', asOf: '2026-03-01', sha256: sha256(report) },
      { kind: 'people-csv', asOf: '2026-03-02', department: 'WARD5', staffGroup: null, sha256: sha256(people) },
    ]);
    // Different files, different entries: the hash is of the file, not of the request.
    expect(new Set(logged.map((entry) => entry.sha256)).size).toBe(3);
    // The audit page's check: the file names its export; a changed file, or one never exported, names none.
    expect(await findExport(store, ig, pack)).toMatchObject({
      kind: 'pdf',
      asOf: '2026-03-02',
      by: 'ig@anytown.example',
      department: null,
    });
    expect(await findExport(store, ig, new TextEncoder().encode(people))).toMatchObject({
      kind: 'people-csv',
      department: 'WARD5',
    });
    const changed = new TextEncoder().encode(report.replace('WARD5', 'WARD6'));
    expect(await findExport(store, ig, changed)).toBeNull();
    const manager = await actorByEmail(store, 'manager@anytown.example');
    await expect(findExport(store, manager, pack)).rejects.toThrow(ForbiddenError);
  });

  it('dates evidence today at the latest: a pack "as of" the DSPT deadline next March would show records not yet made', async () => {
    const { store } = await trust();
    const ig = await actorByEmail(store, 'ig@anytown.example');
    const manager = await actorByEmail(store, 'manager@anytown.example');
    const refusal =
      'asOf: evidence is of the records as they stand, so it can be dated today (2026-03-02) at the latest';
    await expect(evidencePack(store, ig, '2026-03-31' as never, 'Anytown NHS Trust')).rejects.toThrow(refusal);
    await expect(reportCsvExport(store, ig, '2026-03-03' as never)).rejects.toThrow(ValidationError);
    await expect(peopleCsvExport(store, manager, '2027-01-01' as never)).rejects.toThrow(ValidationError);
    const exported = await store.db
      .selectFrom('audit_log')
      .select('seq')
      .where('type', '=', 'evidence.exported')
      .execute();
    expect(exported).toHaveLength(0);
    // Today and earlier days are evidence as before (an earlier day's people list is the IG lead's: a manager's list
    // is of the departments they manage now, so it is of today).
    expect((await reportCsvExport(store, ig, '2026-03-02' as never)).split('\r\n')[0]).toMatch(/^department_id,/);
    expect((await peopleCsvExport(store, ig, '2026-02-01' as never)).split('\r\n')[0]).toMatch(/^employee_number,/);
    expect((await peopleCsvExport(store, manager, '2026-03-02' as never)).split('\r\n')[0]).toMatch(
      /^employee_number,/,
    );
    await expect(peopleCsvExport(store, manager, '2026-02-01' as never)).rejects.toThrow(
      "asOf: a manager's list is of today (2026-03-02): an IG lead exports evidence of an earlier day",
    );
  });

  it('hands a queued job to one claimant at a time', async () => {
    const { store } = await trust();
    await enqueueJob(store, 'reminders.run', { month: '2026-03' });
    const claimed = await claimJob(store, 'worker-a', ['reminders.run']);
    expect(claimed).toMatchObject({ type: 'reminders.run', payload: { month: '2026-03' }, attempts: 1 });
    expect(await claimJob(store, 'worker-b', ['reminders.run'])).toBeUndefined();
    await finishJob(store, claimed?.id ?? '');
    expect(await claimJob(store, 'worker-b', ['reminders.run'])).toBeUndefined();
  });
});
