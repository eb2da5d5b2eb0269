/**
 * Row heights for the virtualised conversation. A row's real height is only known once the browser has laid it out,
 * and at 100,000 messages reading it the moment a row appears (`offsetHeight` in a ref) forces a layout per row while
 * the list is scrolling. So a row starts at an estimate from its text's length and its attachments, and takes its real
 * height from the ResizeObserver, which reports every new row of a frame at once, after the browser's own layout.
 */
import type { Message } from '@im-records/chat-import';
import type { Virtualizer } from '@tanstack/react-virtual';

// Measured in Chromium at 1280 px wide: a one-line message's row is 76–80 px, each further line 27 px, a line holds
// about 80 characters.
/** The parts of a row that do not depend on its text: row and message padding, author line (CSS in app.css). */
const ROW_CHROME = 52;
/** One line of message text. */
const LINE = 27;
/** Characters on a line of a message at the list's usual width (a message is at most 48em wide). */
const CHARS_PER_LINE = 80;
/** An attachment's row: its name and its include/withhold control. */
const ATTACHMENT = 96;

/** The height a message's row is expected to take before it is measured: close, so the scrollbar barely moves. */
export function estimateRowHeight(message: Pick<Message, 'text' | 'attachments'>): number {
  let lines = 0;
  let from = 0;
  // Lines the text breaks itself (pre-wrap), each wrapping at the usual width.
  for (;;) {
    const end = message.text.indexOf('\n', from);
    const length = (end === -1 ? message.text.length : end) - from;
    lines += Math.max(1, Math.ceil(length / CHARS_PER_LINE));
    if (end === -1) break;
    from = end + 1;
  }
  return ROW_CHROME + lines * LINE + message.attachments.length * ATTACHMENT;
}

/**
 * The virtualiser's `measureElement`: the ResizeObserver's size when it reports one, else the size already known (or
 * the estimate) — never a synchronous read of the layout.
 */
export function measureRow(
  element: Element,
  entry: ResizeObserverEntry | undefined,
  virtualizer: Virtualizer<HTMLElement, Element>,
): number {
  const box = entry?.borderBoxSize?.[0];
  if (box) return Math.round(box.blockSize);
  const index = virtualizer.indexFromElement(element);
  return (
    virtualizer.itemSizeCache.get(virtualizer.options.getItemKey(index)) ?? virtualizer.options.estimateSize(index)
  );
}
