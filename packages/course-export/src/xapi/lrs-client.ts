/**
 * A small client for a learning record store (the xAPI Statement and State resources), built on `fetch` so the
 * attestation service (Node) and the exported cmi5 course (a browser) share it. Statements are checked before they
 * are sent; every request has a timeout; failures are one of the errors in `errors.ts`, none carrying the credentials.
 */
import { LrsResponseError, LrsTimeoutError, LrsUnreachableError, StatementError } from './errors.ts';
import type { Agent, Statement } from './statements.ts';
import { statementProblems } from './validate.ts';
import { XAPI_VERSION } from './vocabulary.ts';

/** How the client signs its requests: a key and secret (HTTP Basic), or an Authorization value given by an LMS. */
export type LrsAuth = { username: string; password: string } | { authorization: string };

/** Settings for {@link LrsClient}. */
export interface LrsClientOptions {
  /** The LRS's xAPI endpoint, e.g. `https://lrs.example.nhs.uk/xapi/` (a trailing slash is added when missing). */
  endpoint: string;
  auth: LrsAuth;
  /** How long one request may take before it fails with {@link LrsTimeoutError}; 10 seconds by default. */
  timeoutMs?: number;
  /** The fetch to use (tests and unusual runtimes); the global one by default. */
  fetch?: typeof fetch;
}

/** Identifies a state document: the activity, the learner, the registration and the document's id. */
export interface StateAddress {
  activityId: string;
  agent: Agent;
  registration?: string;
  stateId: string;
}

function base64(text: string): string {
  let binary = '';
  for (const byte of new TextEncoder().encode(text)) binary += String.fromCharCode(byte);
  return btoa(binary);
}

/** Talks to one LRS with one set of credentials. */
export class LrsClient {
  readonly endpoint: string;
  readonly #authorization: string;
  readonly #timeoutMs: number;
  readonly #fetch: typeof fetch;

  constructor(options: LrsClientOptions) {
    let url: URL;
    try {
      url = new URL(options.endpoint);
    } catch {
      throw new TypeError(`the LRS endpoint "${options.endpoint}" is not an absolute URL`);
    }
    if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new TypeError('the LRS endpoint must be http(s)');
    this.endpoint = url.href.endsWith('/') ? url.href : `${url.href}/`;
    this.#authorization =
      'authorization' in options.auth
        ? options.auth.authorization
        : `Basic ${base64(`${options.auth.username}:${options.auth.password}`)}`;
    this.#timeoutMs = options.timeoutMs ?? 10_000;
    this.#fetch = options.fetch ?? ((...args) => fetch(...args));
  }

  /**
   * Sends statements in one request and returns the ids the LRS stored. Each is checked first; an invalid one throws
   * {@link StatementError} naming its position and problems, and nothing is sent.
   */
  async sendStatements(statements: readonly Statement[], options: { keepalive?: boolean } = {}): Promise<string[]> {
    const problems = statements.flatMap((statement, index) =>
      statementProblems(statement).map((problem) => (statements.length > 1 ? `[${index}] ${problem}` : problem)),
    );
    if (problems.length > 0) throw new StatementError(problems);
    const response = await this.#request('sending statements', 'statements', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(statements),
      ...(options.keepalive ? { keepalive: true } : {}),
    });
    const ids: unknown = await response.json().catch(() => null);
    return Array.isArray(ids) ? ids.map(String) : statements.map((s) => s.id);
  }

  /** Reads a state document; `undefined` when the LRS has none (404). */
  async getState(address: StateAddress): Promise<unknown> {
    const response = await this.#request('reading state', this.#statePath(address), { method: 'GET' }, [404]);
    if (response.status === 404) return undefined;
    return response.json();
  }

  /** Writes (replaces) a state document as JSON. */
  async putState(address: StateAddress, document: unknown, options: { keepalive?: boolean } = {}): Promise<void> {
    await this.#request('saving state', this.#statePath(address), {
      method: 'PUT',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(document),
      ...(options.keepalive ? { keepalive: true } : {}),
    });
  }

  /** Reads an agent profile document (cmi5's learner preferences); `undefined` when there is none. */
  async getAgentProfile(agent: Agent, profileId: string): Promise<unknown> {
    const query = new URLSearchParams({ agent: JSON.stringify(agent), profileId });
    const response = await this.#request(
      'reading the agent profile',
      `agents/profile?${query}`,
      { method: 'GET' },
      [404],
    );
    if (response.status === 404) return undefined;
    return response.json().catch(() => undefined);
  }

  #statePath(address: StateAddress): string {
    const query = new URLSearchParams({
      activityId: address.activityId,
      agent: JSON.stringify(address.agent),
      stateId: address.stateId,
    });
    if (address.registration) query.set('registration', address.registration);
    return `activities/state?${query}`;
  }

  async #request(what: string, path: string, init: RequestInit, allowed: number[] = []): Promise<Response> {
    const url = new URL(path, this.endpoint);
    const headers = new Headers(init.headers);
    headers.set('Authorization', this.#authorization);
    headers.set('X-Experience-API-Version', XAPI_VERSION);
    let response: Response;
    try {
      response = await this.#fetch(url, { ...init, headers, signal: AbortSignal.timeout(this.#timeoutMs) });
    } catch (error) {
      const name = (error as { name?: string }).name;
      if (name === 'TimeoutError' || name === 'AbortError') {
        throw new LrsTimeoutError(`${what}: the LRS at ${url.origin} did not answer within ${this.#timeoutMs} ms`);
      }
      throw new LrsUnreachableError(
        `${what}: the LRS at ${url.origin} could not be reached (${(error as Error).message})`,
      );
    }
    if (!response.ok && !allowed.includes(response.status)) {
      const detail = (await response.text().catch(() => '')).replace(/\s+/g, ' ').trim().slice(0, 200);
      throw new LrsResponseError(what, response.status, detail);
    }
    return response;
  }
}
