/**
 * The review's search box. It holds what is typed itself and hands the query on only after a pause in typing (or at
 * once when the box is emptied), so a keystroke renders this box alone, not the review screen of 100,000 messages.
 */
import { type RefObject, useEffect, useRef, useState } from 'react';

/** The pause in typing after which the query is searched for. */
export const TYPING_PAUSE_MS = 120;

export interface SearchBoxProps {
  /** Called with the query after a pause in typing; with '' as soon as the box is emptied. */
  onQuery: (query: string) => void;
  /** The search box, which "/" focuses. */
  searchRef: RefObject<HTMLInputElement | null>;
}

export function SearchBox({ onQuery, searchRef }: SearchBoxProps) {
  const [value, setValue] = useState('');
  const onQueryRef = useRef(onQuery);
  onQueryRef.current = onQuery;
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => () => clearTimeout(timer.current), []);
  const change = (next: string) => {
    setValue(next);
    clearTimeout(timer.current);
    const trimmed = next.trim();
    if (!trimmed) onQueryRef.current('');
    else timer.current = setTimeout(() => onQueryRef.current(trimmed), TYPING_PAUSE_MS);
  };
  return (
    <input
      ref={searchRef}
      className="nhsuk-input"
      id="search"
      type="search"
      value={value}
      aria-describedby="search-hint search-result"
      onChange={(event) => change(event.target.value)}
    />
  );
}
