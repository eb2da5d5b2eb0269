/**
 * Runs `work` in a task of its own once the next frame is painted, ahead of tasks already queued (`scheduler.postTask`
 * at user-blocking priority where the browser has it, else a timeout). Work the officer does not need for the first
 * screen waits for it so, instead of competing with its render for a shared core; and a measure of the paint ends
 * there, not behind the page's other queued work. A hidden page paints no frame: `work` then runs at once.
 */
export function afterNextPaint(work: () => void): void {
  if (document.visibilityState === 'hidden') {
    setTimeout(work);
    return;
  }
  requestAnimationFrame(() => {
    if (typeof scheduler === 'undefined') setTimeout(work);
    else void scheduler.postTask(work, { priority: 'user-blocking' });
  });
}
