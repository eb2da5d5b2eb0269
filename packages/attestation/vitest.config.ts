import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // Property tests and whole-pipeline tests run hundreds of cases; on a loaded 2-core CI machine they can take longer
    // than Vitest's 5 s default. This limit only guards against a hang: speed is measured by `npm run bench`.
    testTimeout: 60_000,
    // Two files at a time even on a 2-core machine (Vitest's default there is one): these tests spend much of their
    // time waiting on PostgreSQL and on scrypt, which runs off the main thread. Every file's databases are its own
    // (test/databases.ts), and a schema is dropped holding the lock migrations hold, so files cannot trip each other.
    // On PostgreSQL and SQLite: 108 s where one file at a time took 147 s.
    maxWorkers: 2,
  },
});
