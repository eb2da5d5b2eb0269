/**
 * A tiny learning record store on loopback for the tests: the xAPI Statement, State and Agent Profile resources, and a
 * cmi5 fetch URL. It checks the version and Authorization headers and validates every statement it receives with
 * the package's xAPI validator, refusing the request with 400 (and recording why) when one is invalid, as a real LRS
 * would.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Statement } from '../src/xapi/statements.ts';
import { statementProblems } from '../src/xapi/validate.ts';

export interface LrsStub {
  endpoint: string;
  fetchUrl: string;
  statements: Statement[];
  rejected: string[][];
  state: Map<string, unknown>;
  /** Delays every xAPI answer (to test timeouts). */
  delayMs: number;
  close(): Promise<void>;
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = '';
    request.setEncoding('utf8');
    request.on('data', (chunk: string) => {
      text += chunk;
    });
    request.on('end', () => resolve(text));
    request.on('error', reject);
  });
}

/** Starts the stub; `credentials` is the Authorization value it accepts. */
export async function startLrsStub(authorization: string, token = 'c3R1Yjp0b2tlbg=='): Promise<LrsStub> {
  // Each launch has its own one-time fetch URL (the query tells them apart).
  const issued = new Set<string>();
  const stub = { statements: [], rejected: [], state: new Map(), delayMs: 0 } as unknown as LrsStub;
  const server: Server = createServer(async (request, response) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    const body = await readBody(request);
    const reply = (status: number, value?: unknown) => {
      response.writeHead(status, { 'Content-Type': 'application/json' });
      response.end(value === undefined ? '' : JSON.stringify(value));
    };
    if (url.pathname === '/fetch') {
      if (request.method !== 'POST') return reply(405);
      if (issued.has(url.search))
        return reply(200, { 'error-code': '1', 'error-text': 'The authorization token has already been returned.' });
      issued.add(url.search);
      return reply(200, { 'auth-token': token });
    }
    if (stub.delayMs > 0) await new Promise((resolve) => setTimeout(resolve, stub.delayMs));
    if (request.headers['x-experience-api-version'] !== '1.0.3')
      return reply(400, { error: 'X-Experience-API-Version 1.0.3 required' });
    const expected = url.pathname.startsWith('/xapi/') && request.headers.authorization;
    if (expected !== authorization && expected !== `Basic ${token}`) return reply(401, { error: 'bad credentials' });
    if (url.pathname === '/xapi/statements' && request.method === 'POST') {
      const parsed = JSON.parse(body) as unknown;
      const list = (Array.isArray(parsed) ? parsed : [parsed]) as Statement[];
      const problems = list.flatMap((statement) => statementProblems(statement));
      if (problems.length > 0) {
        stub.rejected.push(problems);
        return reply(400, { error: problems.join('; ') });
      }
      stub.statements.push(...list);
      return reply(
        200,
        list.map((s) => s.id),
      );
    }
    if (url.pathname === '/xapi/activities/state') {
      const key = ['activityId', 'agent', 'registration', 'stateId'].map((k) => url.searchParams.get(k)).join('|');
      if (request.method === 'GET') return stub.state.has(key) ? reply(200, stub.state.get(key)) : reply(404);
      if (request.method === 'PUT') {
        stub.state.set(key, JSON.parse(body));
        return reply(204);
      }
    }
    if (url.pathname === '/xapi/agents/profile' && request.method === 'GET') return reply(404);
    return reply(404, { error: `no route ${request.method} ${url.pathname}` });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  stub.endpoint = `http://127.0.0.1:${port}/xapi/`;
  stub.fetchUrl = `http://127.0.0.1:${port}/fetch`;
  stub.close = () =>
    new Promise((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return stub;
}

/** The key the stub files a state document under. */
export function stateKey(activityId: string, agent: unknown, registration: string, stateId: string): string {
  return [activityId, JSON.stringify(agent), registration, stateId].join('|');
}
