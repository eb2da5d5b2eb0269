/**
 * Keeps the focused control clear of the review's toolbar (WCAG 2.2, 2.4.11 Focus Not Obscured).
 *
 * The toolbar changes height as the proposal in focus changes (a name carried through the chat adds its group's
 * buttons), and focusing a proposal is what changes it: the browser scrolls the proposal into view, then the taller
 * toolbar pushes it down, off the bottom of the screen. On a phone the toolbar is also sticky, so the browser's scroll
 * can leave the proposal under it. This publishes the toolbar's height as `--app-toolbar-height` (the stylesheet turns
 * it into the page's `scroll-padding-top` where the toolbar sticks) and, whenever the height changes, brings the
 * focused control back into view if it left it.
 */
import { type RefObject, useLayoutEffect } from 'react';

export function useToolbarClearance(toolbarRef: RefObject<HTMLElement | null>): void {
  useLayoutEffect(() => {
    const toolbar = toolbarRef.current;
    if (!toolbar) return undefined;
    const root = document.documentElement;
    const observer = new ResizeObserver(() => {
      root.style.setProperty('--app-toolbar-height', `${Math.ceil(toolbar.getBoundingClientRect().height)}px`);
      const focused = document.activeElement;
      if (focused instanceof HTMLElement && focused !== document.body && !toolbar.contains(focused)) {
        // "nearest" scrolls only when the control is out of view, and honours the scroll padding under the toolbar.
        focused.scrollIntoView({ block: 'nearest' });
      }
    });
    observer.observe(toolbar);
    return () => {
      observer.disconnect();
      root.style.removeProperty('--app-toolbar-height');
    };
  }, [toolbarRef]);
}
