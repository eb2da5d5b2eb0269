/**
 * Text the officer selects in a message: where it is (message and UTF-16 offsets into its text, white space trimmed)
 * and what it is, asked beside the selection with a guess from the text itself.
 */
import type { RedactionCategory } from '@im-records/redaction';
import { useCallback, useState } from 'react';
import { guessCategory } from '../../lib/guess.ts';

/** A selection inside one message's text. */
export interface TextSelection {
  messageId: string;
  start: number;
  end: number;
  text: string;
}

/** The selection, its category, and the handlers that capture and clear it. */
export function useTextSelection() {
  const [selection, setSelection] = useState<TextSelection | null>(null);
  /** What the selected text is: defaulting to a guess from the text itself. */
  const [category, setCategory] = useState<RedactionCategory>('custom');

  /** Reads the page's selection after a mouse-up: kept only when it lies inside one message's text. */
  const capture = useCallback(() => {
    const chosen = window.getSelection();
    if (!chosen || chosen.isCollapsed || chosen.rangeCount === 0) {
      setSelection(null);
      return;
    }
    const range = chosen.getRangeAt(0);
    const container = range.startContainer.parentElement?.closest<HTMLElement>('[data-text-of]');
    const endContainer = range.endContainer.parentElement?.closest<HTMLElement>('[data-text-of]');
    if (!container || container !== endContainer) {
      setSelection(null);
      return;
    }
    const before = document.createRange();
    before.selectNodeContents(container);
    before.setEnd(range.startContainer, range.startOffset);
    const start = before.toString().length;
    const text = range.toString();
    const trimmedStart = start + (text.length - text.trimStart().length);
    const trimmed = text.trim();
    if (!trimmed) return;
    setSelection({
      messageId: container.dataset.textOf ?? '',
      start: trimmedStart,
      end: trimmedStart + trimmed.length,
      text: trimmed,
    });
    setCategory(guessCategory(trimmed));
  }, []);

  /** Forgets the selection, and clears it from the page. */
  const clear = useCallback(() => {
    setSelection(null);
    window.getSelection()?.removeAllRanges();
  }, []);

  return { selection, category, setCategory, capture, clear };
}
