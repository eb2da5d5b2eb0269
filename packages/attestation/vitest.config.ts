import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // Property tests and whole-pipeline tests run hundreds of cases; on a loaded 2-core CI machine they can take longer
    // than Vitest's 5 s default. This limit only guards against a hang: speed is measured by `npm run bench`.
    testTimeout: 60_000,
  },
});
