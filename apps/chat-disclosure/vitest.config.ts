import { defineConfig } from 'vitest/config';

// Unit tests of the app's state logic (reducer, review, storage, crypto, bridge, search); the browser journey is in
// tests/e2e/chat-disclosure*.spec.ts (Playwright).
export default defineConfig({
  test: { include: ['test/**/*.test.ts'], environment: 'node' },
});
