import { afterEach, describe, expect, it } from 'vitest';
import { verifyAudit } from '../src/audit/log.ts';
import type { AttestationDatabase } from '../src/db/connect.ts';
import { seedDemoTrust } from '../src/demo/index.ts';
import { generateServiceKey } from '../src/keys.ts';
import { engines, freshStore } from './databases.ts';

describe.each(engines)('the demo trust on %s', (engine) => {
  let database: AttestationDatabase | undefined;
  afterEach(async () => {
    await database?.close();
    database = undefined;
  });

  async function seeded() {
    const fresh = await freshStore(engine, '2026-11-16T10:00:00Z');
    database = fresh.database;
    const accounts = await seedDemoTrust(fresh.store, {
      departments: 4,
      staff: 120,
      issuer: 'Demo Trust',
      key: generateServiceKey('Demo Trust'),
      verifyUrl: 'https://attest.demo-trust.example/verify',
      course: { title: 'Instant messaging in patient care', version: '1.0.0', questionCount: 10 },
    });
    return { store: fresh.store, accounts };
  }

  it("writes the demo policy in the trust's words, with no {{placeholder}} left for staff to read", async () => {
    const { store } = await seeded();
    const versions = await store.db
      .selectFrom('policy_versions')
      .select(['version', 'body_markdown as body'])
      .execute();
    expect(versions.map((v) => v.version).sort()).toEqual(['1.0', '1.1', '2.0']);
    for (const { body } of versions) {
      expect(body).not.toMatch(/\{\{|\}\}/);
      // The course's defaults where the trust has not said: a passcode of 6 digits, locking after 1 minute.
      expect(body).toContain('Use a passcode of at least 6 digits, and set the screen to lock itself after 1 minute');
    }
  });

  it("shows attestations a manager recorded on people's behalf, only in the manager's departments, with a remark", async () => {
    const { store, accounts } = await seeded();
    const manager = await store.db
      .selectFrom('accounts')
      .select('id')
      .where('email', '=', accounts.manager)
      .executeTakeFirstOrThrow();
    const onBehalf = await store.db
      .selectFrom('attestations')
      .innerJoin('people', 'people.id', 'attestations.person')
      .select(['attestations.on_behalf_by', 'attestations.remark', 'people.department_id'])
      .where('attestations.on_behalf_by', 'is not', null)
      .execute();
    expect(onBehalf.length).toBeGreaterThan(0);
    const managerDepartments = new Set(accounts.managerDepartments.map((d) => d.id));
    for (const row of onBehalf) {
      expect(row.on_behalf_by).toBe(manager.id);
      expect(managerDepartments.has(row.department_id as string)).toBe(true);
      expect(row.remark?.length ?? 0).toBeGreaterThan(3);
    }
    const selfRecorded = await store.db
      .selectFrom('attestations')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('on_behalf_by', 'is', null)
      .where('remark', 'is not', null)
      .executeTakeFirstOrThrow();
    expect(Number(selfRecorded.n)).toBe(0);
    const audit = await verifyAudit(store);
    expect(audit.ok).toBe(true);
  });
});
