/**
 * One reminder runner in a process of its own, as a cron job or a second server would be: opens DATABASE_URL, runs
 * the day's reminders through SMTP_URL (on the day AS_OF, at the instant NOW when given) and prints the report as JSON. The concurrency test starts two at once.
 */
import type { IsoDate } from '@im-records/records-policy';
import { fixedClock, systemClock } from '../src/clock.ts';
import { openDatabase } from '../src/db/connect.ts';
import { smtpMailer } from '../src/reminders/mailer.ts';
import { runReminders } from '../src/reminders/run.ts';
import { storeOf } from '../src/store.ts';

const database = await openDatabase({ url: process.env.DATABASE_URL, migrate: false, poolSize: 2 });
const mailer = await smtpMailer({ url: process.env.SMTP_URL ?? '', from: 'ig-team@anytown.example' });
try {
  const clock = process.env.NOW ? fixedClock(process.env.NOW) : systemClock;
  const report = await runReminders(storeOf(database, clock), {
    actor: 'cli',
    asOf: process.env.AS_OF as IsoDate,
    division: 'england-and-wales',
    mailer,
    worker: process.env.WORKER ?? 'runner',
    context: { trustName: 'Anytown NHS Trust', signInUrl: 'https://attest.anytown.example/sign-in' },
  });
  process.stdout.write(JSON.stringify({ planned: report.planned, sent: report.sent, failed: report.failed }));
} finally {
  await mailer.close();
  await database.close();
}
