/**
 * The demo trust and the synthetic roster (they load faker, so they have their own entry point): `npm start` seeds the
 * demo, the tests and the benchmark build rosters of any size.
 */

export type { SyntheticRoster, SyntheticRosterOptions } from './roster.ts';
export { ROSTER_HEADER, STAFF_GROUPS, syntheticRoster } from './roster.ts';
export type { DemoAccounts, DemoOptions } from './seed.ts';
export { DEMO_EMAILS, DEMO_PASSWORD, demoPolicyText, seedDemoTrust } from './seed.ts';
