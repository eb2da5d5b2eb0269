/**
 * `npm run bench`: roster import of 20,000 rows, the dashboard and the report, for a trust of 20,000 staff in 300
 * departments with about 200,000 attestations, on SQLite and (when BENCH_DATABASE_URL or TEST_DATABASE_URL names one)
 * PostgreSQL. Each figure is printed beside a peer measured in the same run: the import beside a plain bulk INSERT of
 * the same rows, the dashboard beside computing every status from the stored facts (what it would cost without the
 * status table). Targets: import < 10 s, dashboard p99 < 200 ms.
 */

import { seedDemoTrust, syntheticRoster } from '../src/demo/index.ts';
import {
  actorFor,
  completionReport,
  createAccount,
  dashboard,
  importRoster,
  parseRoster,
  storeOf,
  systemClock,
  ukDate,
} from '../src/index.ts';
import { computeStatuses } from '../src/status-store.ts';
import { BENCH_COURSE, benchKey, freshBenchDatabase, percentile, TRUST, timed } from './trust.ts';

const postgresUrl = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
const engines: ('sqlite' | 'postgres')[] = postgresUrl ? ['sqlite', 'postgres'] : ['sqlite'];
const scale = Number(process.env.BENCH_SCALE ?? '1');
const staff = Math.round(TRUST.staff * scale);
const departments = Math.max(10, Math.round(TRUST.departments * scale));
const attestations = Math.round(TRUST.attestations * scale);
const today = ukDate(systemClock());
const f = (ms: number) => `${ms.toFixed(ms < 10 ? 1 : 0)} ms`;

console.log(
  `Attestation benchmark: ${staff} staff, ${departments} departments, ${attestations} attestations (${process.version})`,
);
const { csv } = syntheticRoster({ seed: TRUST.seed, departments, staff, asOf: today });
console.log(`Roster file: ${(csv.length / 1e6).toFixed(1)} MB, ${csv.split('\r\n').length - 2} rows`);

for (const engine of engines) {
  console.log(`\n== ${engine}`);
  // Import: the service's import (parse, diff, upsert, leavers, managers, statuses, audit) and a plain INSERT peer.
  const first = await freshBenchDatabase(engine, postgresUrl);
  const store = storeOf(first.database, systemClock);
  const imported = await timed(() => importRoster(store, csv, { actor: 'bench' }));
  const again = await timed(() => importRoster(store, csv, { actor: 'bench' }));
  const peerDb = await freshBenchDatabase(engine, postgresUrl);
  const rows = parseRoster(csv).people;
  const peer = await timed(async () => {
    await peerDb.database.db
      .insertInto('departments')
      .values([
        ...new Map(
          rows.map((r) => [
            r.departmentId,
            { id: r.departmentId, name: r.departmentName, parent_id: null, target: null },
          ]),
        ).values(),
      ])
      .execute();
    await peerDb.database.db.transaction().execute(async (trx) => {
      for (let i = 0; i < rows.length; i += 400) {
        await trx
          .insertInto('people')
          .values(
            rows.slice(i, i + 400).map((r, k) => ({
              id: `p${i + k}`,
              employee_number: r.employeeNumber,
              person_id: null,
              first_name: r.firstName,
              last_name: r.lastName,
              preferred_name: null,
              email: r.email,
              department_id: r.departmentId,
              staff_group: r.staffGroup,
              job_name: null,
              assignment_number: r.assignmentNumber,
              supervisor_assignment: null,
              manager_person: null,
              hire_date: r.hireDate,
              termination_date: r.terminationDate,
              excluded_reason: null,
              created_at: '',
              updated_at: '',
            })),
          )
          .execute();
      }
    });
  });
  await peerDb.database.close();
  console.log(
    `roster import, ${imported.value.rows} rows: ${f(imported.ms)} (target < 10 s: ${imported.ms < 10_000 ? 'met' : 'NOT met'}); re-import unchanged ${f(again.ms)}; peer plain INSERT ${f(peer.ms)} (ratio ${(imported.ms / peer.ms).toFixed(1)}x)`,
  );

  // Dashboard and report on the whole trust.
  const seeded = await timed(() =>
    seedDemoTrust(store, {
      seed: TRUST.seed,
      departments,
      staff,
      attestations,
      issuer: 'Benchmark NHS Trust',
      key: benchKey,
      verifyUrl: 'https://bench.example/verify',
      course: BENCH_COURSE,
      accounts: false,
    }),
  );
  const counts = await store.db
    .selectFrom('attestations')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  console.log(
    `seeded ${Number(counts.n)} attestations with completions and audit entries in ${(seeded.ms / 1000).toFixed(1)} s`,
  );
  const igAccount = await createAccount(store, 'bench', { email: 'ig@bench.example', role: 'ig-lead' });
  const ig = await actorFor(store, igAccount);
  const cold = await timed(() => dashboard(store, ig));
  const warm: number[] = [];
  for (let i = 0; i < 40; i++) warm.push((await timed(() => dashboard(store, ig))).ms);
  const filtered: number[] = [];
  const someDepartment = cold.value.departments[0]?.id;
  for (let i = 0; i < 20; i++)
    filtered.push(
      (
        await timed(() =>
          dashboard(store, ig, { department: someDepartment, staffGroup: 'Nursing and Midwifery Registered' }),
        )
      ).ms,
    );
  // Uncached: the first view of each department filter computes its dashboard from the status table.
  const uncached: number[] = [];
  for (const department of cold.value.departments.slice(0, 40))
    uncached.push((await timed(() => dashboard(store, ig, { department: department.id }))).ms);
  const recompute: number[] = [];
  for (let i = 0; i < 3; i++) recompute.push((await timed(() => computeStatuses(store, today))).ms);
  console.log(
    `dashboard (all departments): cold ${f(cold.ms)} (first view builds the 12 month-end snapshots); cached p50 ${f(percentile(warm, 50))} p99 ${f(percentile(warm, 99))}; uncached (first view of a department) p50 ${f(percentile(uncached, 50))} p99 ${f(percentile(uncached, 99))}; filtered p50 ${f(percentile(filtered, 50))}; peer: every status recomputed from the facts ${f(percentile(recompute, 50))} (${(percentile(recompute, 50) / percentile(uncached, 50)).toFixed(1)}x the uncached view)`,
  );
  const report = await timed(() => completionReport(store, today));
  console.log(
    `report as of today (${report.value.departments.length} departments, ${report.value.total.inScope} in scope, ${report.value.total.percent}% up to date): ${f(report.ms)}`,
  );
  await first.database.close();
}
