import { generateServiceKey } from '@im-records/attestation';
import { describe, expect, it } from 'vitest';
import {
  departmentTargetForm,
  onBehalfForm,
  pauseForm,
  readForm,
  signInForm,
  targetsForm,
  unansweredSummary,
  versionForm,
} from '../src/lib/forms.ts';
import { renderPolicy } from '../src/lib/markdown.ts';
import { accessFor, afterSignIn, homeFor, signInFor } from '../src/lib/routes.ts';
import { CONTENT_SECURITY_POLICY, csrfToken, csrfTokenValid } from '../src/lib/security.ts';

describe("the service's boundaries", () => {
  it('binds CSRF tokens to the session and the service key', () => {
    const key = generateServiceKey('Test');
    const other = generateServiceKey('Test');
    const token = csrfToken(key, 'session-a');
    expect(csrfTokenValid(key, 'session-a', token)).toBe(true);
    expect(csrfTokenValid(key, 'session-b', token)).toBe(false);
    expect(csrfTokenValid(other, 'session-a', token)).toBe(false);
    expect(csrfTokenValid(key, 'session-a', undefined)).toBe(false);
    expect(csrfTokenValid(key, '', csrfToken(key, ''))).toBe(false);
  });

  it('allows no inline script or style, no framing, and forms to this origin only', () => {
    expect(CONTENT_SECURITY_POLICY).toContain("default-src 'none'");
    expect(CONTENT_SECURITY_POLICY).toContain("script-src 'self'");
    expect(CONTENT_SECURITY_POLICY).not.toContain('unsafe-inline');
    expect(CONTENT_SECURITY_POLICY).toContain("frame-ancestors 'none'");
    expect(CONTENT_SECURITY_POLICY).toContain("form-action 'self'");
  });

  it('routes each role to what it may open, and everything unknown needs sign-in', () => {
    expect(accessFor('/verify')).toBe('public');
    expect(accessFor('/admin/roster')).toEqual(['admin']);
    expect(accessFor('/people/abc/exclude')).toEqual(['ig-lead']);
    expect(accessFor('/people/abc')).toEqual(['manager', 'ig-lead']);
    expect(accessFor('/anything-else')).toBe('signed-in');
    expect(homeFor('staff')).toBe('/my');
  });

  it('returns someone who signs in to the page they asked for, only when it is our own page their role may open', () => {
    // The address a sign-in link carries, read back as the sign-in page reads it.
    const carried = (path: string) => new URL(signInFor(path), 'http://x').searchParams.get('next');
    expect(carried('/people/0b1c?tab=history')).toBe('/people/0b1c?tab=history');
    expect(afterSignIn('ig-lead', carried('/people/0b1c?tab=history'))).toBe('/people/0b1c?tab=history');
    expect(afterSignIn('manager', '/dashboard?department=W7&group=Nursing')).toBe(
      '/dashboard?department=W7&group=Nursing',
    );
    expect(afterSignIn('staff', '/my/assessment')).toBe('/my/assessment');
    // A page the role may not open, a public page or signing out: the role's home instead.
    expect(afterSignIn('staff', '/admin/roster')).toBe('/my');
    expect(afterSignIn('manager', '/people/abc/exclude')).toBe('/dashboard');
    expect(afterSignIn('staff', '/sign-in')).toBe('/my');
    expect(afterSignIn('staff', '/sign-out')).toBe('/my');
    expect(afterSignIn('admin', '/')).toBe('/admin');
    // Another site, however it is written, never.
    for (const elsewhere of [
      'https://evil.example/my',
      '//evil.example/my',
      '/\\evil.example/my',
      '/\tevil.example',
      'javascript:alert(1)',
      'my',
      '',
      null,
      undefined,
      `/my?${'x'.repeat(600)}`,
    ]) {
      expect(afterSignIn('staff', elsewhere), String(elsewhere)).toBe('/my');
    }
    // Dots are resolved before the role is checked.
    expect(afterSignIn('staff', '/my/../admin')).toBe('/my');
  });

  it('sums up unanswered questions: none answered in one line, a few by number, the rest of many in one line', () => {
    expect(unansweredSummary([1, 2, 3, 4], 4)).toEqual([
      { field: 'q-0', message: 'Answer the questions: none of the 4 has an answer yet' },
    ]);
    expect(unansweredSummary([2, 5], 4)).toEqual([
      { field: 'q-1', message: 'Answer question 2' },
      { field: 'q-4', message: 'Answer question 5' },
    ]);
    const many = unansweredSummary([2, 3, 4, 5, 6, 7, 8, 9, 10], 15);
    expect(many.map((e) => e.message)).toEqual([
      'Answer question 2',
      'Answer question 3',
      'Answer question 4',
      'Answer question 5',
      'Answer question 6',
      'Answer the 4 other questions from question 7',
    ]);
    expect(many.at(-1)?.field).toBe('q-6');
    expect(unansweredSummary([1], 1)).toEqual([{ field: 'q-0', message: 'Answer question 1' }]);
  });

  it('renders policy Markdown without raw HTML or script links, one level below the page heading', () => {
    const html = renderPolicy('# Title\n\n<script>alert(1)</script>\n\n[click](javascript:alert(1)) **bold**');
    expect(html).toContain('<h2>Title</h2>');
    expect(html).not.toContain('<script>');
    expect(html).not.toContain('href="javascript:');
    expect(html).toContain('<strong>bold</strong>');
  });

  it('checks form posts with schemas and says what is wrong with each field', () => {
    const form = new FormData();
    form.set('email', '');
    const result = readForm(signInForm, form);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors.map((e) => e.field)).toEqual(['email', 'password']);
    const version = new FormData();
    for (const [k, v] of Object.entries({
      policy: 'im-policy',
      version: '3.0',
      summary: 'x',
      body: 'Text',
      change: 'major',
      effectiveDate: '2026-02-30',
    }))
      version.set(k, v);
    const parsed = readForm(versionForm, version);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.errors.map((e) => e.field)).toContain('change');
  });

  it('says next to the field when a date has the right shape but is not a real day (2026-02-30)', () => {
    const formOf = (values: Record<string, string>) => {
      const form = new FormData();
      for (const [k, v] of Object.entries(values)) form.set(k, v);
      return form;
    };
    const behalf = readForm(
      onBehalfForm,
      formOf({ version: 'v', remark: 'Signed the paper form', attestedOn: '2026-02-30' }),
    );
    expect(behalf).toMatchObject({
      ok: false,
      errors: [{ field: 'attestedOn', message: 'Enter a real date in the form YYYY-MM-DD, such as 2026-03-31' }],
    });
    expect(readForm(onBehalfForm, formOf({ version: 'v', remark: 'Signed', attestedOn: '2026-02-28' })).ok).toBe(true);
    expect(readForm(pauseForm, formOf({ until: '2026-13-01' }))).toMatchObject({
      ok: false,
      errors: [{ field: 'until' }],
    });
    const version = readForm(
      versionForm,
      formOf({ policy: 'p', version: '3.0', summary: 's', body: 'b', change: 'minor', effectiveDate: '2026-02-30' }),
    );
    expect(version).toMatchObject({ ok: false, errors: [{ field: 'effectiveDate' }] });
  });

  it('reads targets as people type them (95 or 95%) and says in words what is wrong, never in zod terms', () => {
    const formOf = (values: Record<string, string>) => {
      const form = new FormData();
      for (const [k, v] of Object.entries(values)) form.set(k, v);
      return form;
    };
    expect(readForm(targetsForm, formOf({ completionTarget: '95%', dueSoonDays: '30' }))).toEqual({
      ok: true,
      data: { completionTarget: 95, dueSoonDays: 30 },
    });
    expect(readForm(departmentTargetForm, formOf({ department: 'ORG1', target: ' 90.5 % ' }))).toMatchObject({
      ok: true,
      data: { target: 90.5 },
    });
    expect(readForm(departmentTargetForm, formOf({ department: 'ORG1', target: '' }))).toMatchObject({
      ok: true,
      data: { target: '' },
    });
    const messages = [
      readForm(targetsForm, formOf({ completionTarget: 'abc', dueSoonDays: '-5' })),
      readForm(targetsForm, formOf({ completionTarget: '', dueSoonDays: '' })),
      readForm(targetsForm, formOf({ completionTarget: '101', dueSoonDays: '500' })),
      readForm(departmentTargetForm, formOf({ department: 'ORG1', target: 'abc' })),
      readForm(departmentTargetForm, formOf({ department: 'ORG1', target: '200' })),
    ].flatMap((result) => (result.ok ? ['(accepted)'] : result.errors.map((e) => `${e.field}: ${e.message}`)));
    expect(messages).toEqual([
      'completionTarget: Enter the target as a percentage above 0 and at most 100, such as 95',
      'dueSoonDays: Enter the number of days, 1 to 120',
      'completionTarget: Enter the target as a percentage above 0 and at most 100, such as 95',
      'dueSoonDays: Enter the number of days, 1 to 120',
      'completionTarget: Enter the target as a percentage above 0 and at most 100, such as 95',
      'dueSoonDays: Enter the number of days, 1 to 120',
      "target: Enter the department's target as a percentage above 0 and at most 100, or leave it empty",
      "target: Enter the department's target as a percentage above 0 and at most 100, or leave it empty",
    ]);
  });
});
