import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // Property tests and whole-pipeline tests run hundreds of cases; on a loaded 2-core CI machine they can take longer
    // than Vitest's 5 s default. This limit only guards against a hang: speed is measured by `npm run bench`.
    testTimeout: 60_000,
    // Two files at a time even on a 2-core machine (Vitest's default there is one): these tests spend much of their
    // time waiting on PostgreSQL and on scrypt, which runs off the main thread. Every file's database is its own
    // (test/databases.ts), so files cannot see each other. On this package alone: 61 s where one at a time took 99 s.
    maxWorkers: 2,
  },
});
