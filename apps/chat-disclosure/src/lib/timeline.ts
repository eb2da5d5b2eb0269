/**
 * Stage timings as the browser's own performance measures (User Timing), so its profiler and the browser bench
 * (`bench/browser.bench.ts`) see where the time from choosing a file to review-ready goes. Names are
 * `<kind>:<detail>`: `worker:start`, `read:file`, `clone:<stage>:to-worker`, `stage:<stage>`, `prepare:<step>`,
 * `idb:<what>`, `render:<step>`. A measure costs about a microsecond; workers send theirs to the page with each reply
 * (see `bridge.ts`), re-based on the page's clock.
 */

/** A measure as it crosses the worker boundary: absolute start (ms since the epoch, high resolution) and duration. */
export interface WireMeasure {
  name: string;
  start: number;
  duration: number;
}

/** Records `name` from `start` (this thread's `performance.now()`) to now. */
export function measure(name: string, start: number, end = performance.now()): void {
  // A timing is never worth an error: times from another thread that do not fit this one are skipped.
  if (start >= 0 && end >= start) performance.measure?.(name, { start, end });
}

/** Runs `work` and records how long it took as `name`. */
export async function timed<T>(name: string, work: () => Promise<T> | T): Promise<T> {
  const started = performance.now();
  try {
    return await work();
  } finally {
    measure(name, started);
  }
}

/** Runs `work`, which finishes within the current task, and records how long it took as `name`. */
export function timedSync<T>(name: string, work: () => T): T {
  const started = performance.now();
  try {
    return work();
  } finally {
    measure(name, started);
  }
}

/** Takes this thread's measures (clearing them) in the wire shape, for a worker to send to the page. */
export function takeMeasures(): WireMeasure[] {
  const entries = performance.getEntriesByType?.('measure') ?? [];
  if (entries.length === 0) return [];
  performance.clearMeasures();
  return entries.map((entry) => ({
    name: entry.name,
    start: performance.timeOrigin + entry.startTime,
    duration: entry.duration,
  }));
}

/** Records a worker's measures on this thread's timeline. */
export function recordMeasures(measures: readonly WireMeasure[]): void {
  for (const { name, start, duration } of measures) {
    const at = start - performance.timeOrigin;
    measure(name, at, at + duration);
  }
}
