import { existsSync } from 'node:fs';
import { defineConfig, devices } from '@playwright/test';

/**
 * Cross-app browser tests. Playwright's own browser download is not needed: when a system Chromium is present (Debian's
 * /usr/bin/chromium, or CHROMIUM_PATH) it is used; otherwise Playwright's bundled browser, as on a developer's laptop.
 */
const systemChromium = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].find(
  (path): path is string => Boolean(path && existsSync(path)),
);

const chromiumArgs = [
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
  // Root cannot use Chromium's sandbox (CI and this machine run as root).
  ...(process.getuid?.() === 0 ? ['--no-sandbox'] : []),
];

/** The port scripts/serve.mjs uses for an app: its default, or PORT_<NAME> (so two checkouts can test side by side). */
const portOf = (name: string, fallback: number) => Number(process.env[`PORT_${name}`] ?? fallback);

export const appUrls = {
  training: `http://127.0.0.1:${portOf('TRAINING', 4321)}`,
  chatDisclosure: `http://127.0.0.1:${portOf('CHAT_DISCLOSURE', 4322)}`,
} as const;

export default defineConfig({
  testDir: './e2e',
  outputDir: '../test-results',
  fullyParallel: false,
  workers: process.env.CI ? 2 : undefined,
  retries: 0,
  forbidOnly: Boolean(process.env.CI),
  timeout: 60_000,
  reporter: [
    ['list'],
    ...(process.env.CI ? [] : [['html', { open: 'never', outputFolder: '../playwright-report' }] as const]),
    // `npm test` (scripts/test.mjs) asks for a JSON report to print the run's totals.
    ...(process.env.PLAYWRIGHT_JSON_REPORT
      ? [['json', { outputFile: process.env.PLAYWRIGHT_JSON_REPORT }] as const]
      : []),
  ],
  use: {
    ...devices['Desktop Chrome'],
    launchOptions: {
      ...(systemChromium ? { executablePath: systemChromium } : {}),
      args: chromiumArgs,
    },
    trace: 'retain-on-failure',
  },
  projects: [{ name: 'chromium' }],
  webServer: {
    // The apps are built by `npm run test:e2e` (turbo run build) before Playwright starts.
    command: 'node ../scripts/serve.mjs',
    url: `${appUrls.chatDisclosure}/`,
    reuseExistingServer: !process.env.CI,
    timeout: 30_000,
    stdout: 'ignore',
  },
});
