/**
 * Signing in: the limits on failed attempts (per account and per address, never on successful ones), single sign-on
 * matched to the roster, and a leaver's access ending on their last day. On SQLite and PostgreSQL alike.
 */
import { describe, expect, it } from 'vitest';
import { actorFor } from '../src/access.ts';
import { createAccount, sessionAccount, signInWithOidc, signInWithPassword } from '../src/accounts.ts';
import { SignInError } from '../src/errors.ts';
import { importRoster } from '../src/roster/import.ts';
import { updateSettings } from '../src/settings.ts';
import { anytownTrust, header, password } from './anytown.ts';
import { engines } from './databases.ts';

describe.each(engines)('signing in on %s', (engine) => {
  const trust = anytownTrust(engine);

  it('limits failed sign-ins per address, not successful ones: a trust whose staff share one proxy address can sign in all morning', async () => {
    const { store } = await trust();
    await createAccount(store, 'cli', { email: 'ben@anytown.example', role: 'staff', password });
    await updateSettings(store, 'cli', { signInRateLimit: 8 });
    const proxy = { clientAddress: '192.0.2.50' };
    for (let i = 0; i < 30; i++) {
      const email = i % 2 === 0 ? 'amara@anytown.example' : 'ben@anytown.example';
      const signedIn = await signInWithPassword(store, { email, password }, proxy);
      expect(signedIn.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    }
    // Mistyped passwords among them count: the ninth failure in the window is refused.
    const reasons: string[] = [];
    for (let i = 0; i < 9; i++) {
      reasons.push(
        await signInWithPassword(store, { email: `nobody${i}@anytown.example`, password: `typo ${i}` }, proxy).then(
          () => 'ok',
          (e: SignInError) => e.reason,
        ),
      );
      // A right password between the failures does not wipe them out.
      if (i === 3) await signInWithPassword(store, { email: 'ben@anytown.example', password }, proxy);
    }
    expect(reasons.slice(0, 8).every((r) => r === 'invalid')).toBe(true);
    expect(reasons[8]).toBe('rate-limited');
  });

  it('locks an account after repeated failures, limits attempts per address, and matches SSO users to the roster by e-mail', async () => {
    const { store } = await trust();
    const from = { clientAddress: '192.0.2.10' };
    const signedIn = await signInWithPassword(store, { email: 'AMARA@anytown.example', password }, from);
    expect(signedIn.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    for (let i = 0; i < 5; i++) {
      await expect(
        signInWithPassword(store, { email: 'amara@anytown.example', password: 'wrong password!' }, from),
      ).rejects.toThrow(SignInError);
    }
    const locked = await signInWithPassword(store, { email: 'amara@anytown.example', password }, from).catch(
      (e: SignInError) => e,
    );
    expect(locked).toMatchObject({ reason: 'locked' });
    // An address with no account locks after as many failures, with the same words: the lock tells nobody which
    // addresses have an account.
    const unknown = { clientAddress: '192.0.2.11' };
    for (let i = 0; i < 5; i++) {
      await expect(
        signInWithPassword(store, { email: 'nobody@anytown.example', password: 'wrong password!' }, unknown),
      ).rejects.toMatchObject({ reason: 'invalid' });
    }
    const lockedToo = await signInWithPassword(store, { email: 'nobody@anytown.example', password }, unknown).catch(
      (e: SignInError) => e,
    );
    expect(lockedToo).toMatchObject({ reason: 'locked', message: (locked as SignInError).message });
    await updateSettings(store, 'cli', { signInRateLimit: 8 });
    const other = { clientAddress: '192.0.2.99' };
    const reasons: string[] = [];
    for (let i = 0; i < 9; i++) {
      // A different address each time, so the per-address limit is what stops the ninth.
      reasons.push(
        await signInWithPassword(store, { email: `nobody${i}@anytown.example`, password }, other).then(
          () => 'ok',
          (e: SignInError) => e.reason,
        ),
      );
    }
    expect(reasons.slice(0, 8).every((r) => r === 'invalid')).toBe(true);
    expect(reasons[8]).toBe('rate-limited');
    // While an address is over its limit, even the right password waits (or the limit would not stop guessing).
    await expect(signInWithPassword(store, { email: 'ben@anytown.example', password }, other)).rejects.toMatchObject({
      reason: 'rate-limited',
    });

    const sso = await signInWithOidc(store, {
      subject: 'entra-123',
      email: 'Ben@anytown.example',
      emailVerified: true,
    });
    const ben = await actorFor(store, sso.accountId);
    expect(ben).toMatchObject({ role: 'staff' });
    expect(ben.person).not.toBeNull();
    await expect(
      signInWithOidc(store, { subject: 'entra-999', email: 'stranger@elsewhere.example', emailVerified: true }),
    ).rejects.toThrow(/not linked to anyone on the staff roster/);
    const again = await signInWithOidc(store, {
      subject: 'entra-123',
      email: 'changed@anytown.example',
      emailVerified: true,
    });
    expect(again.accountId).toBe(sso.accountId);
    const audit = await store.db.selectFrom('audit_log').select('data').execute();
    expect(audit.map((a) => a.data).join('\n')).not.toMatch(/anytown\.example|192\.0\.2/);
  });

  it("ends a leaver's access on the day the roster says they left: sessions, password and single sign-on", async () => {
    const { store, setNow } = await trust();
    const from = { clientAddress: '192.0.2.10' };
    // The manager is on the roster too; after their last day they must not keep seeing their staff's records.
    const leaverRoster = `${header},Actual Termination Date
6,6-1,Y,Mo,Reid,WARD5,Ward 5,Administrative and Clerical,manager@anytown.example,2019-01-01,2026-03-31
7,7-1,Y,Ola,Ade,WARD5,Ward 5,Nursing and Midwifery Registered,ola@anytown.example,2019-01-01,2026-03-31
`;
    await importRoster(store, leaverRoster, { actor: 'cli' });
    setNow('2026-03-30T22:00:00Z'); // 11 pm on their last day (British Summer Time)
    const session = await signInWithPassword(store, { email: 'manager@anytown.example', password }, from);
    expect(await sessionAccount(store, session.token)).toMatchObject({ role: 'manager' });
    const sso = await signInWithOidc(store, {
      subject: 'entra-ola',
      email: 'ola@anytown.example',
      emailVerified: true,
    });

    setNow('2026-03-30T23:30:00Z'); // half past midnight, 31 March in the UK: the session has hours to run
    expect(await sessionAccount(store, session.token)).toBeNull();
    await expect(signInWithPassword(store, { email: 'manager@anytown.example', password }, from)).rejects.toMatchObject(
      { reason: 'invalid' },
    );
    await expect(
      signInWithOidc(store, { subject: 'entra-ola', email: 'ola@anytown.example', emailVerified: true }),
    ).rejects.toThrow(/not linked to anyone on the staff roster/);
    expect(sso.accountId).toBeTruthy();
    // Nor does single sign-on make a new account for a leaver's roster address.
    await importRoster(
      store,
      `${header},Actual Termination Date\n8,8-1,Y,Pat,Lee,WARD5,Ward 5,Students,pat@anytown.example,2019-01-01,2026-03-30\n`,
      { actor: 'cli' },
    );
    await expect(
      signInWithOidc(store, { subject: 'entra-pat', email: 'pat@anytown.example', emailVerified: true }),
    ).rejects.toThrow(/not linked to anyone on the staff roster/);
    // Accounts not on the roster (an IG lead, an admin) are not affected.
    await expect(signInWithPassword(store, { email: 'ig@anytown.example', password }, from)).resolves.toMatchObject({
      token: expect.any(String),
    });
  });
});
