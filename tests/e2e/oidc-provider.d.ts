/**
 * The little of oidc-provider's API the single sign-on test uses. The package ships JavaScript without types; this
 * declares only what `attestation-sso.spec.ts` calls, so the test is type-checked (`tsc -p tests`).
 */
declare module 'oidc-provider' {
  import type { Server } from 'node:http';

  interface ClientMetadata {
    client_id: string;
    client_secret: string;
    redirect_uris: string[];
    grant_types: string[];
    response_types: string[];
  }

  interface Account {
    accountId: string;
    claims(): Promise<Record<string, unknown>>;
  }

  interface Configuration {
    clients: ClientMetadata[];
    claims: Record<string, string[]>;
    cookies: { keys: string[] };
    features: { devInteractions: { enabled: boolean } };
    pkce: { required: () => boolean };
    findAccount(context: unknown, id: string): Promise<Account>;
  }

  export default class Provider {
    constructor(issuer: string, configuration: Configuration);
    listen(port: number, host: string): Server;
  }
}
