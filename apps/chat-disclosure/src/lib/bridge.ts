/**
 * The small bridge between the page and a pipeline worker: each call names a stage, carries an AbortSignal and reports
 * progress; calls are matched to replies by id, so several can be in flight. A bridge made with `idleMs` tears its worker
 * down once nothing has been asked of it for that long (the packaging worker, which holds pdf-lib and fonts), and starts
 * a fresh one on the next call. Both sides record performance measures (see `timeline.ts`): the worker's start, each
 * stage's run, and the structured clone of each message either way; the worker sends its measures after each reply.
 */
import { measure, recordMeasures, takeMeasures, type WireMeasure } from './timeline.ts';

/** A stage's input, output and progress types, keyed by stage name. */
export type StageMap = Record<string, { input: unknown; output: unknown; progress: unknown }>;

/** Progress as every stage reports it: what it is doing, and how far through. */
export interface StageProgress {
  stage: string;
  done: number;
  total: number;
  /** Short sentence for the progress bar's label. */
  label?: string;
}

/** The error as it crosses the worker boundary (Error objects lose their class when cloned). */
export interface WireError {
  name: string;
  message: string;
}

/** Messages from page to worker. */
export type ToWorker = { type: 'call'; id: number; stage: string; input: unknown } | { type: 'abort'; id: number };

/** Messages from worker to page. */
export type FromWorker =
  | { type: 'progress'; id: number; progress: unknown }
  | { type: 'result'; id: number; output: unknown }
  | { type: 'error'; id: number; error: WireError }
  | { type: 'measures'; measures: WireMeasure[] };

/** What the bridge needs of a worker (a real Worker, or a MessagePort in tests). */
export interface WorkerLike {
  postMessage(message: unknown, transfer?: Transferable[]): void;
  addEventListener(type: 'message', listener: (event: MessageEvent) => void): void;
  addEventListener(type: 'error', listener: (event: ErrorEvent) => void): void;
  terminate(): void;
}

/** Thrown (rejected) when a stage fails in the worker; keeps the worker's error name so the UI can explain it. */
export class StageError extends Error {
  override name = 'StageError';
  readonly stage: string;
  override readonly cause: WireError;
  constructor(stage: string, cause: WireError) {
    super(cause.message);
    this.stage = stage;
    this.cause = cause;
  }
}

/** Rejected when a call is cancelled through its AbortSignal. */
export class StageAbortedError extends Error {
  override name = 'AbortError';
  constructor(stage: string) {
    super(`${stage} was cancelled`);
  }
}

interface Pending {
  stage: string;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
  onProgress: ((progress: unknown) => void) | undefined;
  cleanup: () => void;
}

/** Options of one call. */
export interface CallOptions<P> {
  signal?: AbortSignal;
  onProgress?: (progress: P) => void;
  transfer?: Transferable[];
}

/** A typed bridge to one worker. */
export interface Bridge<S extends StageMap> {
  call<K extends keyof S & string>(
    stage: K,
    input: S[K]['input'],
    options?: CallOptions<S[K]['progress']>,
  ): Promise<S[K]['output']>;
  /** Stops the worker now, rejecting whatever is in flight. */
  terminate(): void;
  /** Starts the worker now (loading its modules) if it is not running, so the first call does not wait for it. */
  warm(): void;
  /** Calls still waiting for a reply. */
  readonly pending: number;
}

/** Creates a bridge; the worker is started on the first call. */
export function createBridge<S extends StageMap>(
  start: () => WorkerLike,
  options: { idleMs?: number } = {},
): Bridge<S> {
  let worker: WorkerLike | null = null;
  let nextId = 1;
  let idleTimer: ReturnType<typeof setTimeout> | undefined;
  const pending = new Map<number, Pending>();

  const failAll = (error: unknown) => {
    for (const [id, call] of pending) {
      pending.delete(id);
      call.cleanup();
      call.reject(error);
    }
  };

  const ensureWorker = (): WorkerLike => {
    if (worker) return worker;
    const startedAt = performance.now();
    const started = start();
    started.addEventListener('message', (event: MessageEvent) => {
      const received = performance.now();
      const message = event.data as FromWorker;
      if (message.type === 'measures') {
        recordMeasures(message.measures);
        const loaded = message.measures.find((entry) => entry.name === 'worker:load');
        if (loaded) measure('worker:start', startedAt, loaded.start + loaded.duration - performance.timeOrigin);
        return;
      }
      const call = pending.get(message.id);
      if (!call) return;
      if (message.type === 'progress') {
        // Progress is small, except where a stage sends parts of its result ahead (prepare's chat, scope, proposals).
        if (performance.now() - received > 1) measure(`clone:${call.stage}:progress-to-page`, received);
        call.onProgress?.(message.progress);
        return;
      }
      pending.delete(message.id);
      call.cleanup();
      measure(`clone:${call.stage}:to-page`, received);
      if (message.type === 'result') call.resolve(message.output);
      else if (message.error.name === 'AbortError') call.reject(new StageAbortedError(call.stage));
      else call.reject(new StageError(call.stage, message.error));
      scheduleIdle();
    });
    started.addEventListener('error', (event: ErrorEvent) => {
      const message = event.message || 'The background worker stopped unexpectedly.';
      worker?.terminate();
      worker = null;
      failAll(new StageError('worker', { name: 'WorkerCrashed', message }));
    });
    worker = started;
    return started;
  };

  const scheduleIdle = () => {
    if (options.idleMs === undefined || pending.size > 0) return;
    clearTimeout(idleTimer);
    idleTimer = setTimeout(() => {
      if (pending.size === 0 && worker) {
        worker.terminate();
        worker = null;
      }
    }, options.idleMs);
  };

  return {
    get pending() {
      return pending.size;
    },
    warm() {
      ensureWorker();
    },
    call(stage, input, callOptions = {}) {
      const { signal, onProgress, transfer } = callOptions;
      if (signal?.aborted) return Promise.reject(new StageAbortedError(stage));
      clearTimeout(idleTimer);
      const target = ensureWorker();
      const id = nextId++;
      return new Promise((resolve, reject) => {
        const onAbort = () => {
          target.postMessage({ type: 'abort', id } satisfies ToWorker);
          pending.delete(id);
          reject(new StageAbortedError(stage));
          scheduleIdle();
        };
        signal?.addEventListener('abort', onAbort, { once: true });
        pending.set(id, {
          stage,
          resolve: resolve as (value: unknown) => void,
          reject,
          onProgress: onProgress as ((progress: unknown) => void) | undefined,
          cleanup: () => signal?.removeEventListener('abort', onAbort),
        });
        const posting = performance.now();
        target.postMessage({ type: 'call', id, stage, input } satisfies ToWorker, transfer ?? []);
        measure(`clone:${stage}:to-worker`, posting);
      });
    },
    terminate() {
      clearTimeout(idleTimer);
      worker?.terminate();
      worker = null;
      failAll(new StageError('worker', { name: 'WorkerStopped', message: 'The background worker was stopped.' }));
    },
  };
}

/** What a stage handler gets besides its input. */
export interface StageContext<P> {
  signal: AbortSignal;
  /** Reports progress; `transfer` moves buffers made for this report (a part of the result sent ahead) to the page. */
  progress(progress: P, transfer?: Transferable[]): void;
  /** Marks buffers to transfer (not copy) with the reply. */
  transfer(...buffers: Transferable[]): void;
}

/** Handlers of a worker's stages. */
export type StageHandlers<S extends StageMap> = {
  [K in keyof S]: (input: S[K]['input'], context: StageContext<S[K]['progress']>) => Promise<S[K]['output']>;
};

/** What the worker side needs of its scope. */
export interface PortLike {
  postMessage(message: unknown, transfer?: Transferable[]): void;
  addEventListener(type: 'message', listener: (event: MessageEvent) => void): void;
}

/** Runs in the worker: answers the bridge's calls with the given stage handlers. */
export function serveStages<S extends StageMap>(scope: PortLike, handlers: StageHandlers<S>): void {
  const running = new Map<number, AbortController>();
  // The worker's own start: from its global scope being created to its modules loaded and this line reached.
  measure('worker:load', 0);
  const sendMeasures = () => {
    const measures = takeMeasures();
    if (measures.length > 0) scope.postMessage({ type: 'measures', measures } satisfies FromWorker);
  };
  scope.addEventListener('message', (event: MessageEvent) => {
    const received = performance.now();
    const message = event.data as ToWorker;
    if (message.type === 'abort') {
      running.get(message.id)?.abort();
      running.delete(message.id);
      return;
    }
    const { id, stage, input } = message;
    const handler = handlers[stage as keyof S];
    const controller = new AbortController();
    running.set(id, controller);
    const transfers: Transferable[] = [];
    const reply = (value: FromWorker, list: Transferable[] = []) => scope.postMessage(value, list);
    /** The final reply, timed (its structured clone happens inside postMessage), then this call's measures. */
    const finish = (value: FromWorker, list: Transferable[] = []) => {
      measure(`stage:${stage}`, started);
      const posting = performance.now();
      reply(value, list);
      measure(`clone:${stage}:from-worker`, posting);
      sendMeasures();
    };
    if (!handler) {
      reply({ type: 'error', id, error: { name: 'UnknownStage', message: `No stage called ${stage}` } });
      return;
    }
    measure(`clone:${stage}:in-worker`, received);
    const started = performance.now();
    handler(input as never, {
      signal: controller.signal,
      progress: (progress, list) => reply({ type: 'progress', id, progress }, list),
      transfer: (...buffers) => transfers.push(...buffers),
    }).then(
      (output) => {
        running.delete(id);
        if (!controller.signal.aborted) finish({ type: 'result', id, output }, transfers);
      },
      (error: unknown) => {
        running.delete(id);
        const wire: WireError =
          error instanceof Error
            ? { name: controller.signal.aborted ? 'AbortError' : error.name, message: error.message }
            : { name: 'Error', message: String(error) };
        if (!controller.signal.aborted) finish({ type: 'error', id, error: wire });
      },
    );
  });
}
