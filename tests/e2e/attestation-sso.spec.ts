import type { Server } from 'node:http';
import { expect, test } from '@playwright/test';
import Provider from 'oidc-provider';
import { oidcIssuer } from '../playwright.config.ts';
import { emails, service } from './attestation-helpers.ts';
import { expectNoAxeViolations } from './axe.ts';

// A real OpenID Connect provider (oidc-provider) on a loopback port, for this test only. Its development login form
// takes any user name as the account id; the account's e-mail claim is that name, verified.
let server: Server | undefined;

test.beforeAll(async () => {
  const provider = new Provider(oidcIssuer, {
    clients: [
      {
        client_id: 'attestation-e2e',
        client_secret: 'attestation-e2e-secret-not-for-production',
        redirect_uris: [`${service}/auth/oidc/callback`],
        grant_types: ['authorization_code'],
        response_types: ['code'],
      },
    ],
    claims: { openid: ['sub'], email: ['email', 'email_verified'] },
    cookies: { keys: ['attestation-e2e-cookie-key'] },
    features: { devInteractions: { enabled: true } },
    pkce: { required: () => true },
    async findAccount(_ctx, id) {
      return { accountId: id, claims: async () => ({ sub: `entra-${id}`, email: id, email_verified: true }) };
    },
  });
  const port = Number(new URL(oidcIssuer).port);
  server = provider.listen(port, '127.0.0.1');
  await new Promise<void>((resolve) => server?.once('listening', () => resolve()));
});

test.afterAll(async () => {
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
});

test('single sign-on through the loopback OpenID Connect provider matches the person to the roster by e-mail', async ({
  page,
}) => {
  // A link to a page of the service, followed without a session: signing in through the provider comes back to it.
  await page.goto(`${service}/spot-checks`);
  await expect(page).toHaveURL(`${service}/sign-in?next=%2Fspot-checks`);
  await expectNoAxeViolations(page, 'sign-in with SSO');
  await page.getByTestId('sso').click();
  // oidc-provider's development login and consent pages.
  await page.locator('input[name="login"]').fill(emails.manager);
  await page.locator('input[name="password"]').fill('any');
  await page.locator('button[type="submit"]').click();
  const consent = page.locator('button[type="submit"]', { hasText: /continue/i });
  if (await consent.isVisible().catch(() => false)) await consent.click();
  await expect(page).toHaveURL(`${service}/spot-checks`);
  await expect(page.getByText(emails.manager)).toBeVisible();

  // Someone the roster does not know is refused, with nothing about them in the address.
  await page.getByRole('button', { name: 'Sign out' }).click();
  // Forget the provider's session too (same host, other port: cookies are shared), so it asks who is signing in.
  await page.context().clearCookies();
  await page.goto(`${service}/sign-in`);
  await page.getByTestId('sso').click();
  await page.locator('input[name="login"]').fill('stranger@elsewhere.example');
  await page.locator('input[name="password"]').fill('any');
  await page.locator('button[type="submit"]').click();
  if (await consent.isVisible().catch(() => false)) await consent.click();
  await expect(page).toHaveURL(`${service}/sign-in?sso=failed`);
  await expect(page.getByRole('alert')).toContainText('not linked to anyone on the staff roster');
});
