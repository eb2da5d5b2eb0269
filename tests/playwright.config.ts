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
  attestation: `http://127.0.0.1:${portOf('ATTESTATION', 4323)}`,
} as const;

/** The loopback OpenID Connect provider the SSO journey starts (tests/e2e/attestation-sso.spec.ts). */
export const oidcIssuer = `http://127.0.0.1:${portOf('ATTESTATION', 4323) + 1000}`;

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
    // A trace (screenshots and DOM snapshots of every step) costs about 40% of the suite's time on a 2-core machine
    // (three of the slowest specs: 193–216 s with traces, 99–123 s without, in alternate runs). CI keeps only its printed
    // log, so nobody could open a trace made there: it records none. Locally a failed test keeps its trace.
    trace: process.env.CI ? 'off' : 'retain-on-failure',
  },
  projects: [
    { name: 'chromium', testIgnore: /attestation-ig-lead\.spec\.ts/ },
    // The IG lead's journey publishes a material change, which asks everyone to attest again: it runs after every other
    // journey, so none of them posts a form for a policy version that stopped being current under it.
    { name: 'after-the-others', testMatch: /attestation-ig-lead\.spec\.ts/, dependencies: ['chromium'] },
  ],
  webServer: {
    // The apps are built by `npm run test:e2e` (turbo run build) before Playwright starts. The attestation service
    // gets a database and key of its own (a fresh demo trust) and the loopback identity provider for single sign-on.
    command: 'node ../scripts/serve.mjs',
    url: `${appUrls.attestation}/health`,
    reuseExistingServer: !process.env.CI,
    timeout: 90_000,
    stdout: 'ignore',
    env: {
      DATABASE_URL: process.env.ATTESTATION_E2E_DATABASE_URL ?? `../.test-results/attestation-e2e/${Date.now()}.sqlite`,
      ATTESTATION_KEY_FILE: '../.test-results/attestation-e2e/signing-key.pem',
      OIDC_ISSUER: oidcIssuer,
      OIDC_CLIENT_ID: 'attestation-e2e',
      OIDC_CLIENT_SECRET: 'attestation-e2e-secret-not-for-production',
      OIDC_ALLOW_HTTP: '1',
      // The service's background worker (reminder runs, LRS statements) checks its queue every second in the tests.
      ATTESTATION_WORKER_INTERVAL_MS: '1000',
    },
  },
});
