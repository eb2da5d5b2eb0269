/**
 * The conversation's virtualiser: which of up to 100,000 rows to draw for the list's scroll position. Rows are drawn
 * in the page's normal flow between two spaces standing for the rows not drawn, whose heights come from a Fenwick tree
 * of the rows' heights ({@link RowOffsets}: estimated until a row is drawn, then measured). So a row measured while
 * scrolling costs O(log rows) and moves nothing on the page — the rows below it in the window follow it by themselves,
 * and the spaces around the window do not change — and a frame of scrolling renders once.
 *
 * Heights are kept by message, not by row, so a search or a filter that changes the rows shown keeps them. When the
 * rows shown change, the message at the top of the list stays where it was if it is still shown (a decision, a cleared
 * search); otherwise the list starts at the top (a new search), decided in the same render rather than in a second one.
 */
import { type RefObject, useCallback, useEffect, useLayoutEffect, useReducer, useRef } from 'react';
import { flushSync } from 'react-dom';
import { RowOffsets } from '../../lib/row-offsets.ts';
import { rowOfMessage } from '../../lib/search.ts';

/** Rows drawn beyond each edge of the list's visible part, so a short scroll shows rows already laid out. */
const OVERSCAN = 4;

/** One part of what the list draws, in order: a row, or a space standing for rows not drawn. */
export type WindowPart = { row: number } | { key: string; space: number };

export interface RowWindow {
  /** For the scrolling element. */
  listRef: RefObject<HTMLElement | null>;
  /** What to draw, in order. */
  parts: readonly WindowPart[];
  /** For each drawn row's element, which carries its message index in `data-message`: measures it and watches it. */
  rowRef: (element: HTMLElement | null) => (() => void) | undefined;
  /** Scrolls so `row` sits in the middle of the list (it is drawn with the next render). */
  centre(row: number): void;
}

/** What the virtualiser knows between renders (mutable: scrolling and measuring update it without a render). */
interface Layout {
  shown: readonly number[];
  estimates: Uint32Array;
  /** Measured heights by message index; 0 while a message's row has not been drawn at the list's width. */
  measured: Float64Array;
  offsets: RowOffsets;
  /** The list's scroll position and visible height, as last seen. */
  top: number;
  height: number;
  width: number;
  /** A scroll position decided in render, given to the list once the render is on the page. */
  pendingTop: number | undefined;
  /** A row to put in the middle of the list once it is drawn. */
  centreRow: number | undefined;
  /** The window drawn: rows `first` to `last - 1`. */
  first: number;
  last: number;
}

/** The rows' heights as they stand: measured where known, else estimated. */
function offsetsFor(shown: readonly number[], estimates: Uint32Array, measured: Float64Array): RowOffsets {
  const sizes = new Float64Array(shown.length);
  for (let row = 0; row < shown.length; row++) {
    const message = shown[row] as number;
    sizes[row] = measured[message] || (estimates[message] ?? 0);
  }
  return new RowOffsets(sizes);
}

/** The rows to draw for the layout's scroll position: the visible ones and the overscan. */
function windowOf(layout: Layout): [number, number] {
  const count = layout.offsets.count;
  if (count === 0) return [0, 0];
  const first = Math.max(0, layout.offsets.rowAt(layout.top) - OVERSCAN);
  const last = Math.min(count, layout.offsets.rowAt(layout.top + layout.height) + 1 + OVERSCAN);
  return [first, last];
}

/**
 * Takes a new list of rows (or the same rows with heights forgotten), keeping the message at the top of the view where
 * it was when it is still shown, else going back to the top.
 */
function relayout(layout: Layout, shown: readonly number[]): void {
  const before = layout.offsets;
  const offsets = offsetsFor(shown, layout.estimates, layout.measured);
  let top = 0;
  if (layout.top > 0 && before.count > 0) {
    const topRow = before.rowAt(layout.top);
    const row = rowOfMessage(shown, layout.shown[topRow] as number);
    if (row !== undefined) top = Math.max(0, offsets.offsetOf(row) + layout.top - before.offsetOf(topRow));
  }
  layout.shown = shown;
  layout.offsets = offsets;
  layout.top = top;
  layout.pendingTop = top;
}

/** The window of rows to draw for `shown` (message indexes, ascending), with `keep` always drawn. */
export function useRowWindow(shown: readonly number[], estimates: Uint32Array, keep: number | undefined): RowWindow {
  const listRef = useRef<HTMLElement>(null);
  const [, redraw] = useReducer((count: number) => count + 1, 0);
  const state = useRef<Layout | null>(null);
  /** Drawn rows' elements by message index, and those drawn since the last measure. */
  const elements = useRef(new Map<number, HTMLElement>());
  const fresh = useRef<HTMLElement[]>([]);
  const observer = useRef<ResizeObserver | null>(null);

  let layout = state.current;
  if (!layout || layout.estimates !== estimates) {
    const measured = new Float64Array(estimates.length);
    layout = {
      shown,
      estimates,
      measured,
      offsets: offsetsFor(shown, estimates, measured),
      top: 0,
      height: typeof window === 'undefined' ? 0 : window.innerHeight,
      width: 0,
      pendingTop: state.current ? 0 : undefined,
      centreRow: undefined,
      first: 0,
      last: 0,
    };
    state.current = layout;
  } else if (layout.shown !== shown) {
    relayout(layout, shown);
  }
  const [first, last] = windowOf(layout);
  layout.first = first;
  layout.last = last;

  /** Records a row's height; true when it changed. */
  const record = useCallback((message: number, size: number): boolean => {
    const current = state.current as Layout;
    if (!(size > 0) || current.measured[message] === size) return false;
    current.measured[message] = size;
    const row = rowOfMessage(current.shown, message);
    if (row !== undefined) current.offsets.set(row, size);
    return true;
  }, []);

  const windowMoved = useCallback((): boolean => {
    const current = state.current as Layout;
    const [first, last] = windowOf(current);
    return first !== current.first || last !== current.last;
  }, []);

  /** Size changes of the list (its width changes every row's height) and of drawn rows (an image loaded, a choice). */
  const onResize = useCallback(
    (entries: ResizeObserverEntry[]) => {
      const current = state.current as Layout;
      let relaid = false;
      for (const entry of entries) {
        const target = entry.target as HTMLElement;
        if (target === listRef.current) {
          current.height = target.clientHeight;
          if (current.width !== 0 && current.width !== target.clientWidth) {
            // Every row wraps differently: forget the heights and measure the drawn rows again.
            current.measured.fill(0);
            current.top = target.scrollTop;
            relayout(current, current.shown);
            fresh.current.push(...elements.current.values());
            relaid = true;
          }
          current.width = target.clientWidth;
        } else if (target.isConnected) {
          const size = entry.borderBoxSize?.[0]?.blockSize ?? target.getBoundingClientRect().height;
          // A drawn row's new height moves only the rows after it in the window, which the page does itself.
          record(Number(target.dataset.message), size);
        }
      }
      if (relaid || windowMoved()) redraw();
    },
    [record, windowMoved],
  );

  const rowRef = useCallback(
    (element: HTMLElement | null) => {
      if (!element) return undefined;
      const message = Number(element.dataset.message);
      observer.current ??= new ResizeObserver(onResize);
      observer.current.observe(element);
      elements.current.set(message, element);
      fresh.current.push(element);
      return () => {
        observer.current?.unobserve(element);
        if (elements.current.get(message) === element) elements.current.delete(message);
      };
    },
    [onResize],
  );

  // After each render, before the frame is painted: the scroll position decided in render, the heights of the rows
  // just drawn (one layout, which the frame needed anyway), the row to centre, and the window again if these moved it.
  useLayoutEffect(() => {
    const list = listRef.current;
    const current = state.current as Layout;
    if (!list) return;
    if (current.pendingTop !== undefined) {
      list.scrollTop = current.pendingTop;
      current.top = list.scrollTop;
      current.pendingTop = undefined;
    }
    for (const element of fresh.current.splice(0)) {
      if (element.isConnected) record(Number(element.dataset.message), element.getBoundingClientRect().height);
    }
    if (current.centreRow !== undefined) {
      const element = elements.current.get(current.shown[current.centreRow] as number);
      current.centreRow = undefined;
      if (element) {
        list.scrollTop = element.offsetTop + element.offsetHeight / 2 - list.clientHeight / 2;
        current.top = list.scrollTop;
      }
    }
    if (windowMoved()) redraw();
  });

  // Scrolling draws the new window before the frame is painted.
  useEffect(() => {
    const list = listRef.current;
    if (!list) return undefined;
    const current = state.current as Layout;
    current.height = list.clientHeight;
    current.width = list.clientWidth;
    observer.current ??= new ResizeObserver(onResize);
    observer.current.observe(list);
    const onScroll = () => {
      (state.current as Layout).top = list.scrollTop;
      if (windowMoved()) flushSync(redraw);
    };
    list.addEventListener('scroll', onScroll, { passive: true });
    if (windowMoved()) redraw();
    return () => {
      list.removeEventListener('scroll', onScroll);
      observer.current?.disconnect();
      observer.current = null;
    };
  }, [onResize, windowMoved]);

  const centre = useCallback((row: number) => {
    const current = state.current as Layout;
    const { offsets } = current;
    if (row < 0 || row >= offsets.count) return;
    current.top = Math.max(0, offsets.offsetOf(row) + offsets.size(row) / 2 - current.height / 2);
    current.pendingTop = current.top;
    current.centreRow = row;
    redraw();
  }, []);

  const parts: WindowPart[] = [];
  const { offsets } = layout;
  const rows: number[] = [];
  for (let row = first; row < last; row++) rows.push(row);
  if (keep !== undefined && keep >= 0 && keep < offsets.count && (keep < first || keep >= last)) {
    if (keep < first) rows.unshift(keep);
    else rows.push(keep);
  }
  let next = 0;
  for (const row of rows) {
    if (row > next)
      parts.push({ key: next === 0 ? 'before' : 'between', space: offsets.offsetOf(row) - offsets.offsetOf(next) });
    parts.push({ row });
    next = row + 1;
  }
  if (next < offsets.count) parts.push({ key: 'after', space: offsets.total() - offsets.offsetOf(next) });
  return { listRef, parts, rowRef, centre };
}
