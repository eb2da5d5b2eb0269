/**
 * Lets the event loop turn between two chunks of detection (so a worker takes its messages: a stop, another request)
 * and resumes at once. `setTimeout(0)` is not that: browsers clamp a timeout set from within a timeout's task to at
 * least 4 ms once five are nested (a Chromium worker: 120 awaited in a row took 513 ms), and Node waits at least 1 ms;
 * a detection of 40,000 messages turns 60 times. So the quickest task the host offers is used, as `chat-import`'s
 * importer does: `setImmediate` where there is one (Node), otherwise a message to a fresh channel (browsers and their
 * workers), closed once used.
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
