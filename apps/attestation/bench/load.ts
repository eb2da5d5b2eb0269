/**
 * `npm run bench` (after `npm run build`): a load run of the built server on loopback with autocannon, for the issue's
 * trust (20,000 staff, 300 departments, about 200,000 attestations; BENCH_SCALE shrinks it): the IG lead's dashboard and
 * staff attestation submissions (form posts with session and CSRF token, each writing an attestation, its audit entry
 * and the person's status), 50 connections each, on SQLite and, when BENCH_DATABASE_URL names one, PostgreSQL. Each
 * submission is a different member of staff's (a session each, made before the run), as a form sent twice by one person
 * on one day is the attestation already recorded and writes nothing.
 * Prints throughput and p50/p99 latency. Targets: dashboard p99 < 200 ms; 5,000 attestations in a working day.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { get } from 'node:http';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { gunzipSync } from 'node:zlib';
import {
  createAccount,
  createSession,
  ensureSnapshots,
  generateServiceKey,
  monthEnds,
  openDatabase,
  storeOf,
  systemClock,
  ukDate,
} from '@im-records/attestation';
import { seedDemoTrust } from '@im-records/attestation/demo';
import autocannon from 'autocannon';
import pg from 'pg';
import { csrfToken } from '../src/lib/security.ts';

const scale = Number(process.env.BENCH_SCALE ?? '1');
const staff = Math.round(20_000 * scale);
const departments = Math.max(10, Math.round(300 * scale));
const attestations = Math.round(200_000 * scale);
const seconds = Number(process.env.BENCH_SECONDS ?? '15');
const port = Number(process.env.PORT_ATTESTATION ?? '4323') + 50;
const base = `http://127.0.0.1:${port}`;
const password = 'bench-password-2026';
const postgresUrl = process.env.BENCH_DATABASE_URL;
/** Staff who each send one attestation in the run (more than 50 connections post in its seconds). */
const submitters = Math.round(Number(process.env.BENCH_SUBMITTERS ?? Math.min(8_000, 20_000 * scale)));

async function freshUrl(engine: 'sqlite' | 'postgres'): Promise<string> {
  if (engine === 'sqlite') return join(mkdtempSync(join(tmpdir(), 'attestation-load-')), 'load.sqlite');
  const schema = `load_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: postgresUrl });
  await admin.connect();
  await admin.query(`create schema ${schema}`);
  await admin.end();
  const url = new URL(postgresUrl ?? '');
  url.searchParams.set('options', `-c search_path=${schema}`);
  return url.toString();
}

/** A staff member's session and the CSRF token that goes with it, for one attestation each. */
interface StaffSession {
  token: string;
  csrf: string;
}

async function seed(url: string, keyFile: string): Promise<{ submitters: StaffSession[] }> {
  const database = await openDatabase({ url });
  const store = storeOf(database, systemClock);
  const key = generateServiceKey('Benchmark NHS Trust');
  const { writeFileSync } = await import('node:fs');
  writeFileSync(keyFile, key.privateKey.export({ format: 'pem', type: 'pkcs8' }), { mode: 0o600 });
  const started = performance.now();
  await seedDemoTrust(store, {
    seed: 16,
    staff,
    departments,
    attestations,
    issuer: 'Benchmark NHS Trust',
    key,
    verifyUrl: `${base}/verify`,
    course: { title: 'Bench course', version: 'bench', questionCount: 16 },
    accounts: false,
  });
  await createAccount(store, 'bench', { email: 'ig@bench.example', role: 'ig-lead', password });
  // Staff who sign in by single sign-on (no password to hash), each with a session of their own.
  const people = await store.db
    .selectFrom('people')
    .select('email')
    .where('termination_date', 'is', null)
    .where('excluded_reason', 'is', null)
    .where('email', 'is not', null)
    .orderBy('employee_number', 'desc')
    .limit(submitters)
    .execute();
  const sessions: StaffSession[] = [];
  for (const person of people) {
    const account = await createAccount(store, 'bench', { email: person.email ?? '', role: 'staff' });
    const { token } = await createSession(store, account);
    sessions.push({ token, csrf: csrfToken(key, token) });
  }
  console.log(`seeded in ${((performance.now() - started) / 1000).toFixed(0)} s (${sessions.length} staff sessions)`);
  // A running service has its month-end snapshots (each is made once, after its month ends); make them before the run.
  const snapshots = performance.now();
  await ensureSnapshots(store, monthEnds(ukDate(store.clock())));
  console.log(`12-month trend snapshots made in ${((performance.now() - snapshots) / 1000).toFixed(1)} s (once)`);
  await database.close();
  return { submitters: sessions };
}

function startServer(url: string, keyFile: string): Promise<ChildProcess> {
  const child = spawn(process.execPath, [resolve(import.meta.dirname, '../scripts/start.ts')], {
    env: {
      ...process.env,
      DATABASE_URL: url,
      ATTESTATION_KEY_FILE: keyFile,
      ATTESTATION_DEMO: '0',
      PORT_ATTESTATION: String(port),
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolveStart, reject) => {
    child.stdout?.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('Policy attestation service')) resolveStart(child);
    });
    child.once('exit', (code) => reject(new Error(`server exited with ${code}`)));
  });
}

async function signIn(email: string): Promise<{ cookie: string; csrf: (path: string) => Promise<string> }> {
  const form = await fetch(`${base}/sign-in`);
  const nonce = form.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  const token = /name="_csrf" value="([^"]+)"/.exec(await form.text())?.[1] ?? '';
  const response = await fetch(`${base}/sign-in`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Cookie: nonce, Origin: base },
    body: new URLSearchParams({ _csrf: token, email, password }),
  });
  if (response.status !== 303) throw new Error(`sign-in failed: ${response.status}`);
  const cookie = response.headers
    .getSetCookie()
    .map((c) => c.split(';')[0] ?? '')
    .filter((c) => c.includes('session'))
    .join('; ');
  const csrf = async (path: string) =>
    /name="_csrf" value="([^"]+)"/.exec(
      await (await fetch(`${base}${path}`, { headers: { Cookie: cookie } })).text(),
    )?.[1] ?? '';
  return { cookie, csrf };
}

function run(options: autocannon.Options): Promise<autocannon.Result> {
  return new Promise((resolveRun, reject) => {
    autocannon(options, (error, result) => (error ? reject(error) : resolveRun(result)));
  });
}

interface Summary {
  rate: number;
  p50: number;
  p99: number;
  total: number;
  failures: number;
}

function line(name: string, result: autocannon.Result | Summary): string {
  if (!('requests' in result)) {
    return `${name}: ${result.rate.toFixed(0)} req/s, p50 ${result.p50} ms, p99 ${result.p99} ms, ${result.total} requests in ${seconds} s (failed ${result.failures})`;
  }
  const statuses = Object.entries(result.statusCodeStats ?? {})
    .map(([code, stat]) => `${code}×${(stat as { count: number }).count}`)
    .join(' ');
  return `${name}: ${result.requests.average.toFixed(0)} req/s, p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms, ${result.requests.total} requests in ${seconds} s (${statuses}; errors ${result.errors}, timeouts ${result.timeouts})`;
}

/** The bytes a page takes on the wire, as sent (compressed or not), and its HTML's size. */
function bytesSent(
  url: string,
  headers: Record<string, string>,
): Promise<{ bytes: number; html: number; encoding?: string | undefined }> {
  return new Promise((done, fail) => {
    get(url, { headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => {
        const body = Buffer.concat(chunks);
        const encoding = response.headers['content-encoding'];
        done({ bytes: body.length, html: (encoding === 'gzip' ? gunzipSync(body) : body).length, encoding });
      });
    }).on('error', fail);
  });
}

/**
 * 50 users, each opening the page every 2 seconds from a moment of their own (a fixed pseudo-random phase), for the
 * run's length: an open load, so a slow answer does not delay the next view. Latency runs from each view's planned
 * moment to its last byte, read and decompressed as a browser would.
 */
async function usersViewing(url: string, headers: Record<string, string>): Promise<Summary> {
  const users = 50;
  const everyMs = 2000;
  const latencies: number[] = [];
  let failures = 0;
  const started = performance.now();
  let phase = 0x2545f491;
  const views: Promise<void>[] = [];
  for (let user = 0; user < users; user++) {
    phase = (phase * 1103515245 + 12345) % 2 ** 31;
    const offset = (phase / 2 ** 31) * everyMs;
    for (let at = offset; at < seconds * 1000; at += everyMs) {
      views.push(
        new Promise((done) => {
          setTimeout(async () => {
            const planned = started + at;
            try {
              const response = await fetch(url, { headers });
              await response.arrayBuffer();
              if (response.status !== 200) failures++;
            } catch {
              failures++;
            }
            latencies.push(performance.now() - planned);
            done();
          }, at);
        }),
      );
    }
  }
  await Promise.all(views);
  latencies.sort((a, b) => a - b);
  const at = (q: number) =>
    Math.round(latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0);
  return { rate: latencies.length / seconds, p50: at(0.5), p99: at(0.99), total: latencies.length, failures };
}

console.log(
  `Load run: ${staff} staff, ${departments} departments, ${attestations} attestations, 50 connections, ${seconds} s each (${process.version})`,
);
for (const engine of postgresUrl ? (['sqlite', 'postgres'] as const) : (['sqlite'] as const)) {
  console.log(`\n== ${engine}`);
  const url = await freshUrl(engine);
  const keyFile = join(mkdtempSync(join(tmpdir(), 'attestation-key-')), 'key.pem');
  const { submitters: sessions } = await seed(url, keyFile);
  const server = await startServer(url, keyFile);
  try {
    const ig = await signIn('ig@bench.example');
    const first = performance.now();
    await fetch(`${base}/dashboard`, { headers: { Cookie: ig.cookie } });
    console.log(`first dashboard view (computed and rendered): ${(performance.now() - first).toFixed(0)} ms`);
    const single: number[] = [];
    for (let i = 0; i < 20; i++) {
      const start = performance.now();
      await (await fetch(`${base}/dashboard`, { headers: { Cookie: ig.cookie } })).text();
      single.push(performance.now() - start);
    }
    single.sort((x, y) => x - y);
    console.log(`dashboard, one request at a time: p50 ${single[10]?.toFixed(0)} ms, max ${single[19]?.toFixed(0)} ms`);
    // A browser asks for the page gzipped, from the service's own pages.
    const browserHeaders = {
      Cookie: ig.cookie,
      'Accept-Encoding': 'gzip, deflate, br',
      'Sec-Fetch-Site': 'same-origin',
    };
    const sent = await bytesSent(`${base}/dashboard`, browserHeaders);
    console.log(
      `dashboard page: ${(sent.bytes / 1024).toFixed(0)} KB sent${sent.encoding ? ` (${sent.encoding})` : ''}, ${(sent.html / 1024).toFixed(0)} KB of HTML`,
    );
    // 50 people each opening the dashboard every 2 seconds (25 views a second), at their own moments.
    console.log(
      line('dashboard, 50 users each viewing every 2 s', await usersViewing(`${base}/dashboard`, browserHeaders)),
    );
    // The same rate as autocannon paces it: its rate limiter starts every connection's request on the same tick, so
    // all 25 of each second's views arrive at once (the worst case of the same load).
    const paced = await run({
      url: `${base}/dashboard`,
      connections: 50,
      duration: seconds,
      overallRate: 25,
      headers: browserHeaders,
    });
    console.log(line('dashboard, 25 views arriving together each second', paced));
    const dashboardRun = await run({
      url: `${base}/dashboard`,
      connections: 50,
      duration: seconds,
      headers: browserHeaders,
    });
    console.log(line('dashboard, 50 connections back to back', dashboardRun));
    // The session cookie's name as the server sets it (with its `__Host-` prefix on a secure origin).
    const sessionCookie = ig.cookie.split('=')[0] ?? '';
    let next = 0;
    const attestStarted = new Date().toISOString();
    const attestRun = await run({
      url: `${base}/my/policy`,
      method: 'POST',
      connections: 50,
      duration: seconds,
      headers: { Origin: base, 'Content-Type': 'application/x-www-form-urlencoded' },
      requests: [
        {
          setupRequest: (request) => {
            const member = sessions[next++ % sessions.length] as StaffSession;
            request.headers = { ...request.headers, Cookie: `${sessionCookie}=${member.token}` };
            request.body = new URLSearchParams({
              _csrf: member.csrf,
              version: 'im-policy-2.0',
              confirm: 'yes',
            }).toString();
            return request;
          },
        },
      ],
    });
    console.log(line('attestation submissions, 50 connections back to back', attestRun));
    const database = await openDatabase({ url });
    const written = await database.db
      .selectFrom('attestations')
      .select((eb) => eb.fn.countAll<number>().as('count'))
      .where('attested_at', '>=', attestStarted)
      .executeTakeFirstOrThrow();
    await database.close();
    console.log(
      `  ${Number(written.count)} attestations written in the run (each submission a different member of staff)`,
    );
    if (next > sessions.length) {
      console.log(
        `  (${next} submissions for ${sessions.length} staff: the later ones were each a second submission the same day, which writes nothing; raise BENCH_SUBMITTERS)`,
      );
    }
    const perDay = attestRun.requests.average * 8 * 3600;
    console.log(
      `  = ${Math.round(perDay).toLocaleString('en-GB')} attestations in an 8-hour day (${(perDay / 5000).toFixed(0)}x the 5,000 target)`,
    );
  } finally {
    server.kill();
  }
}
