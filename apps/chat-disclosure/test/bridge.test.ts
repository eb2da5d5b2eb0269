import { MessageChannel } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { createBridge, StageAbortedError, StageError, serveStages, type WorkerLike } from '../src/lib/bridge.ts';

type Stages = {
  double: { input: number; output: number; progress: { done: number } };
  slow: { input: number; output: string; progress: { done: number } };
  fail: { input: null; output: null; progress: never };
};

/** A worker stand-in on a MessageChannel: the same protocol as a real Worker, in-process. */
function fakeWorker(counter: { started: number; terminated: number }): WorkerLike {
  const { port1, port2 } = new MessageChannel();
  const asPort = (port: typeof port1) => ({
    postMessage: (message: unknown) => port.postMessage(message),
    addEventListener: (type: string, listener: (event: MessageEvent) => void) => {
      if (type === 'message') port.on('message', (data) => listener({ data } as MessageEvent));
    },
  });
  serveStages<Stages>(asPort(port2), {
    async double(input, { progress }) {
      progress({ done: 1 });
      return input * 2;
    },
    async slow(input, { signal, progress }) {
      for (let i = 0; i < input; i++) {
        progress({ done: i });
        await new Promise((resolve) => setTimeout(resolve, 5));
        signal.throwIfAborted();
      }
      return 'finished';
    },
    async fail() {
      throw Object.assign(new Error('File is not a chat'), { name: 'UnsupportedFormatError' });
    },
  });
  counter.started++;
  const port = asPort(port1);
  return {
    postMessage: port.postMessage,
    addEventListener: port.addEventListener as WorkerLike['addEventListener'],
    terminate: () => {
      counter.terminated++;
      port1.close();
      port2.close();
    },
  };
}

describe('bridge', () => {
  it('answers named stages with progress, several in flight at once', async () => {
    const counter = { started: 0, terminated: 0 };
    const bridge = createBridge<Stages>(() => fakeWorker(counter));
    const seen: number[] = [];
    const [a, b] = await Promise.all([
      bridge.call('double', 21, { onProgress: (p) => seen.push(p.done) }),
      bridge.call('double', 5),
    ]);
    expect([a, b]).toEqual([42, 10]);
    expect(seen).toEqual([1]);
    expect(counter.started).toBe(1);
    bridge.terminate();
  });

  it('keeps the worker error name so the page can explain it', async () => {
    const bridge = createBridge<Stages>(() => fakeWorker({ started: 0, terminated: 0 }));
    const error = await bridge.call('fail', null).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StageError);
    expect((error as StageError).cause.name).toBe('UnsupportedFormatError');
    expect((error as StageError).stage).toBe('fail');
    bridge.terminate();
  });

  it('cancels a call through its AbortSignal and stays usable', async () => {
    const bridge = createBridge<Stages>(() => fakeWorker({ started: 0, terminated: 0 }));
    const controller = new AbortController();
    const call = bridge.call('slow', 1000, {
      signal: controller.signal,
      onProgress: (p) => p.done === 2 && controller.abort(),
    });
    await expect(call).rejects.toBeInstanceOf(StageAbortedError);
    expect(bridge.pending).toBe(0);
    expect(await bridge.call('double', 2)).toBe(4);
    bridge.terminate();
  });

  it('tears the worker down when idle and starts a fresh one on the next call', async () => {
    const counter = { started: 0, terminated: 0 };
    const bridge = createBridge<Stages>(() => fakeWorker(counter), { idleMs: 20 });
    expect(await bridge.call('double', 1)).toBe(2);
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(counter.terminated).toBe(1);
    expect(await bridge.call('double', 3)).toBe(6);
    expect(counter.started).toBe(2);
    bridge.terminate();
  });

  it('starts the worker ahead of the first call when warmed', async () => {
    const counter = { started: 0, terminated: 0 };
    const bridge = createBridge<Stages>(() => fakeWorker(counter));
    bridge.warm();
    expect(counter.started).toBe(1);
    expect(await bridge.call('double', 4)).toBe(8);
    expect(counter.started).toBe(1);
    bridge.terminate();
  });

  it("records each stage's run and copies as performance measures on the page's timeline", async () => {
    performance.clearMeasures();
    const bridge = createBridge<Stages>(() => fakeWorker({ started: 0, terminated: 0 }));
    expect(await bridge.call('double', 8)).toBe(16);
    // The worker's own measures follow its reply in a message of their own.
    await new Promise((resolve) => setTimeout(resolve, 20));
    const names = performance.getEntriesByType('measure').map((entry) => entry.name);
    expect(names).toEqual(expect.arrayContaining(['stage:double', 'clone:double:from-worker', 'clone:double:to-page']));
    bridge.terminate();
  });
});
