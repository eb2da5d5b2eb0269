/**
 * The cmi5 side of the player (an assignable unit): reads the launch parameters, trades the one-time fetch URL for
 * its authorization token, reads LMS.LaunchData (context template, launch mode, mastery score, return URL) and the
 * learner preferences, then sends cmi5 defined statements in order. The sequencing keeps cmi5's rules however the
 * learner moves: "initialized" first; "completed" once per registration, when an attempt is first finished;
 * "passed" once per registration; a fail is held back and sent at the end of the session only if the learner did not
 * pass in it (so a session never holds both, and "failed" never follows "passed"); "terminated" last. Progress is kept
 * in the LRS's State API. No DOM: the launch URL and fetch are passed in, so it runs under test in Node.
 */

import { LrsClient } from '../xapi/lrs-client.ts';
import type { Context, Agent as XapiAgent } from '../xapi/statements.ts';
import { type Cmi5Launch, type Cmi5Verb, cmi5Statement } from '../xapi/statements.ts';
import { CMI5 } from '../xapi/vocabulary.ts';
import type { AttemptResult, Launch, LaunchMode, Tracker } from './tracker.ts';

/** The state document this AU keeps its own progress in. */
export const PROGRESS_STATE_ID = 'https://w3id.org/xapi/im-records/state/progress';

interface SavedState {
  suspendData: string;
  completed: boolean;
  passed: boolean;
}

interface LaunchParameters {
  endpoint: string;
  fetchUrl: string;
  actor: XapiAgent;
  registration: string;
  activityId: string;
}

/** The five launch parameters cmi5 puts on the AU's URL (§8.1), or null when any is missing or malformed. */
export function launchParameters(search: string): LaunchParameters | null {
  const query = new URLSearchParams(search);
  const endpoint = query.get('endpoint');
  const fetchUrl = query.get('fetch');
  const actorText = query.get('actor');
  const registration = query.get('registration');
  const activityId = query.get('activityId');
  if (!endpoint || !fetchUrl || !actorText || !registration || !activityId) return null;
  try {
    const actor = JSON.parse(actorText) as XapiAgent;
    if (typeof actor !== 'object' || actor === null) return null;
    return { endpoint, fetchUrl, actor, registration, activityId };
  } catch {
    return null;
  }
}

const MODES: Record<string, LaunchMode> = { Normal: 'normal', Browse: 'browse', Review: 'review' };

/** A cmi5 launch session. */
export class Cmi5Tracker implements Tracker {
  readonly #search: string;
  readonly #fetch: typeof fetch;
  readonly #now: () => number;
  #client: LrsClient | null = null;
  #launch: Cmi5Launch | null = null;
  #mode: LaunchMode = 'normal';
  #state: SavedState = { suspendData: '', completed: false, passed: false };
  #started = 0;
  #passedThisSession = false;
  #heldFail: AttemptResult | null = null;
  #queue: Promise<unknown> = Promise.resolve();
  #ended = false;
  /** Failures while sending, kept for the page to show (sending goes on in the background). */
  readonly errors: string[] = [];
  returnUrl: string | null = null;
  readonly exitable = true;

  constructor(
    search: string,
    fetchImpl: typeof fetch = (...args) => fetch(...args),
    now: () => number = () => Date.now(),
  ) {
    this.#search = search;
    this.#fetch = fetchImpl;
    this.#now = now;
  }

  async begin(): Promise<Launch> {
    this.#started = this.#now();
    const offline = (problem: string | null): Launch => ({
      connected: false,
      problem,
      suspendData: '',
      passedBefore: false,
      masteryScore: null,
      mode: 'normal',
    });
    const params = launchParameters(this.#search);
    if (!params) return offline(null);
    try {
      const tokenResponse = await this.#fetch(params.fetchUrl, { method: 'POST', signal: AbortSignal.timeout(10_000) });
      const body = (await tokenResponse.json()) as Record<string, unknown>;
      const token = body['auth-token'];
      if (typeof token !== 'string') {
        return offline(`the learning system refused the launch (${String(body['error-text'] ?? 'no token')})`);
      }
      const client = new LrsClient({
        endpoint: params.endpoint,
        auth: { authorization: `Basic ${token}` },
        fetch: this.#fetch,
      });
      const address = { activityId: params.activityId, agent: params.actor, registration: params.registration };
      const launchData = ((await client.getState({ ...address, stateId: CMI5.launchDataStateId })) ?? {}) as Record<
        string,
        unknown
      >;
      await client.getAgentProfile(params.actor, CMI5.learnerPreferencesProfileId);
      const saved = (await client.getState({ ...address, stateId: PROGRESS_STATE_ID })) as
        | Partial<SavedState>
        | undefined;
      const mastery = typeof launchData.masteryScore === 'number' ? launchData.masteryScore : undefined;
      this.#client = client;
      this.#mode = MODES[String(launchData.launchMode)] ?? 'normal';
      this.returnUrl = typeof launchData.returnURL === 'string' ? launchData.returnURL : null;
      this.#launch = {
        actor: params.actor,
        activityId: params.activityId,
        registration: params.registration,
        contextTemplate: (launchData.contextTemplate ?? {}) as Context,
        ...(mastery !== undefined ? { masteryScore: mastery } : {}),
      };
      this.#state = {
        suspendData: typeof saved?.suspendData === 'string' ? saved.suspendData : '',
        completed: saved?.completed === true,
        passed: saved?.passed === true,
      };
      this.#send('initialized');
      await this.#queue;
      return {
        connected: true,
        problem: null,
        suspendData: this.#state.suspendData,
        passedBefore: this.#state.passed,
        masteryScore: mastery ?? null,
        mode: this.#mode,
      };
    } catch (error) {
      this.#client = null;
      return offline(`the learning record store could not be used (${(error as Error).message})`);
    }
  }

  /** Queues a statement so statements reach the LRS in the order they happened. */
  #send(verb: Cmi5Verb, score?: AttemptResult, keepalive = false): void {
    const client = this.#client;
    const launch = this.#launch;
    if (!client || !launch) return;
    const statement = cmi5Statement(launch, verb, {
      timestamp: new Date(this.#now()),
      ...(verb === 'initialized' ? {} : { durationMs: this.#now() - this.#started }),
      ...(score ? { score: { correct: score.correct, total: score.total } } : {}),
    });
    this.#queue = this.#queue
      .then(() => client.sendStatements([statement], { keepalive }))
      .catch((error: Error) => this.errors.push(error.message));
  }

  #saveState(keepalive = false): void {
    const client = this.#client;
    const launch = this.#launch;
    if (!client || !launch || this.#mode === 'review') return;
    const state = { ...this.#state };
    const address = { activityId: launch.activityId, agent: launch.actor, registration: launch.registration };
    this.#queue = this.#queue
      .then(() => client.putState({ ...address, stateId: PROGRESS_STATE_ID }, state, { keepalive }))
      .catch((error: Error) => this.errors.push(error.message));
  }

  save(suspendData: string): void {
    if (this.#ended) return;
    this.#state.suspendData = suspendData;
    this.#saveState();
  }

  recordAttempt(result: AttemptResult): void {
    if (!this.#client || this.#mode !== 'normal' || this.#ended) return;
    if (!this.#state.completed) {
      this.#send('completed');
      this.#state.completed = true;
    }
    if (result.passed && !this.#state.passed) {
      this.#send('passed', result);
      this.#state.passed = true;
      this.#passedThisSession = true;
      this.#heldFail = null;
    } else if (!result.passed && !this.#state.passed) {
      if (!this.#heldFail || result.correct / result.total > this.#heldFail.correct / this.#heldFail.total) {
        this.#heldFail = result;
      }
    }
    this.#saveState();
  }

  async end(options: { keepalive?: boolean } = {}): Promise<void> {
    if (!this.#client || this.#ended) return;
    this.#ended = true;
    const keepalive = options.keepalive ?? false;
    if (this.#mode === 'normal' && this.#heldFail && !this.#passedThisSession && !this.#state.passed) {
      this.#send('failed', this.#heldFail, keepalive);
    }
    this.#saveState(keepalive);
    this.#send('terminated', undefined, keepalive);
    await this.#queue;
  }
}
