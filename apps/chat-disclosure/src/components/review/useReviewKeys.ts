/**
 * The review's keyboard shortcuts: J next and K previous proposal to review, A redact, R keep, / search. They act only
 * while focus is inside the review area and not in a field, and never with Ctrl, Alt or Cmd, so they do not fire while
 * typing (WCAG 2.1.4).
 */
import { useCallback, useRef } from 'react';

/** What a shortcut does. */
export type ReviewKey = 'next' | 'previous' | 'accept' | 'reject' | 'search';

const KEYS: Readonly<Record<string, ReviewKey>> = {
  j: 'next',
  J: 'next',
  k: 'previous',
  K: 'previous',
  a: 'accept',
  A: 'accept',
  r: 'reject',
  R: 'reject',
  '/': 'search',
};

/** The shortcut a key press is, or null (in a field, with a modifier, or no shortcut). */
export function reviewKeyOf(
  key: string,
  { inField, modifier }: { inField: boolean; modifier: boolean },
): ReviewKey | null {
  if (inField || modifier) return null;
  return KEYS[key] ?? null;
}

/** Handlers for the shortcuts; one that returns false did nothing (the key is then not taken from the page). */
export type ReviewKeyHandlers = Record<ReviewKey, () => boolean>;

/** A key-down handler for the review area that runs `handlers` (the latest ones: the handler itself never changes). */
export function useReviewKeys(handlers: ReviewKeyHandlers): (event: React.KeyboardEvent) => void {
  const latest = useRef(handlers);
  latest.current = handlers;
  return useCallback((event: React.KeyboardEvent) => {
    const target = event.target as HTMLElement;
    const action = reviewKeyOf(event.key, {
      inField: target.closest('input, textarea, select, [contenteditable="true"]') !== null,
      modifier: event.ctrlKey || event.metaKey || event.altKey,
    });
    if (action === null) return;
    if (latest.current[action]()) event.preventDefault();
  }, []);
}
