/**
 * Anytown NHS Trust, the small trust the journey, sign-in and history tests share: four people on the roster (three in
 * Ward 5, one in Pharmacy) and an account for each role. One place, so the files that start from it start alike.
 */
import { afterEach } from 'vitest';
import { createAccount } from '../src/accounts.ts';
import type { AttestationDatabase } from '../src/db/connect.ts';
import { generateServiceKey } from '../src/keys.ts';
import type { Store } from '../src/store.ts';
import { freshStore } from './databases.ts';
import { startTrust } from './trust.ts';

/** The trust's service key. */
export const key = generateServiceKey('Anytown NHS Trust');
/** What certificates are signed with, and where they say to check them. */
export const issuer = { key, verifyUrl: 'https://attest.anytown.example/verify' };
/** Every account's password. */
export const password = 'correct horse battery';
/** ESR's column headings, as a roster export starts. */
export const header =
  'Employee Number,Assignment Number,Primary Assignment,First Name,Last Name,Organisation ID,Organisation Name,Staff Group,Office E-mail Address,Hire Date';
/** The roster as of the start: Amara, Ben and Dee in Ward 5, Chen in Pharmacy. */
export const roster = `${header}
1,1-1,Y,Amara,Okafor,WARD5,Ward 5,Nursing and Midwifery Registered,amara@anytown.example,2019-01-01
2,2-1,Y,Ben,Cole,WARD5,Ward 5,Additional Clinical Services,ben@anytown.example,2019-01-01
3,3-1,Y,Chen,Wu,PHARM,Pharmacy,Add Prof Scientific and Technic,chen@anytown.example,2019-01-01
4,4-1,Y,Dee,Ray,WARD5,Ward 5,Administrative and Clerical,dee@anytown.example,2019-01-01
`;

/**
 * Call inside a `describe` for one database engine: returns a function that starts a fresh Anytown (the clock at
 * 10 am on 2 March 2026) with accounts for Amara (staff), a Ward 5 manager, an IG lead and an admin. Each test's
 * database is closed after it.
 */
export function anytownTrust(
  engine: 'sqlite' | 'postgres',
): () => Promise<{ store: Store; setNow: (at: string) => void }> {
  let database: AttestationDatabase | undefined;
  afterEach(async () => {
    await database?.close();
    database = undefined;
  });
  return async () => {
    const fresh = await freshStore(engine, '2026-03-02T10:00:00Z');
    database = fresh.database;
    const { store } = fresh;
    await startTrust(store, key, roster);
    await createAccount(store, 'cli', { email: 'amara@anytown.example', role: 'staff', password });
    await createAccount(store, 'cli', {
      email: 'manager@anytown.example',
      role: 'manager',
      password,
      departments: ['WARD5'],
    });
    await createAccount(store, 'cli', { email: 'ig@anytown.example', role: 'ig-lead', password });
    await createAccount(store, 'cli', { email: 'admin@anytown.example', role: 'admin', password });
    return fresh;
  };
}
