/**
 * Lets the event loop turn (so a worker takes its messages: a stop, a progress report, another request) and resumes at
 * once. Every long stage of the chat pipeline (import, detection, search indexing, packaging) pauses this way between
 * chunks, which is why the helper lives in the package they all build on.
 *
 * `setTimeout(0)` is not a quick turn: browsers clamp a timeout set from within a timeout's task to at least 4 ms once
 * five are nested (in a Chromium worker 120 awaited in a row took 513 ms) and Node waits at least 1 ms. So the quickest
 * task the host offers is used: `setImmediate` where there is one (Node), otherwise a message to a fresh channel
 * (browsers and their workers), closed once used. In Node a first `MessageChannel` costs some 20 ms of set-up, which is
 * one more reason to prefer `setImmediate` there.
 */
export function nextTurn(): Promise<void> {
  const host = globalThis as { setImmediate?: (callback: () => void) => unknown };
  if (typeof host.setImmediate === 'function') {
    const setImmediate = host.setImmediate;
    return new Promise((resolve) => setImmediate(resolve));
  }
  if (typeof MessageChannel !== 'function') return new Promise((resolve) => setTimeout(resolve, 0));
  return new Promise((resolve) => {
    const { port1, port2 } = new MessageChannel();
    // Typed as the browser's port (Node's typings, which a Node consumer of this package compiles with, differ).
    const receiver = port1 as unknown as { onmessage: (() => void) | null; close(): void };
    receiver.onmessage = () => {
      receiver.close();
      resolve();
    };
    port2.postMessage(null);
  });
}
