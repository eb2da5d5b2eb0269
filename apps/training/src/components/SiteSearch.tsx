/** Search across the guidance sections and the glossary with fuse.js, reading the query from ?q= like a plain form. */
import Fuse from 'fuse.js';
import { type SubmitEvent, useEffect, useMemo, useState } from 'react';
import type { SearchDoc } from '../lib/search.ts';

export interface SiteSearchProps {
  docs: SearchDoc[];
}

/** The search island. */
export default function SiteSearch({ docs }: SiteSearchProps) {
  const fuse = useMemo(
    () =>
      new Fuse(docs, {
        keys: [
          { name: 'title', weight: 3 },
          { name: 'text', weight: 1 },
          { name: 'context', weight: 1 },
        ],
        threshold: 0.35,
        ignoreLocation: true,
        minMatchCharLength: 2,
      }),
    [docs],
  );
  const [query, setQuery] = useState('');
  const [submitted, setSubmitted] = useState('');

  useEffect(() => {
    const q = new URLSearchParams(window.location.search).get('q') ?? '';
    setQuery(q);
    setSubmitted(q);
  }, []);

  const results = submitted.trim() ? fuse.search(submitted.trim(), { limit: 20 }) : [];
  const submit = (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    setSubmitted(query);
    const url = new URL(window.location.href);
    url.searchParams.set('q', query);
    window.history.replaceState(null, '', url);
  };

  return (
    <>
      <form onSubmit={submit}>
        <div className="nhsuk-form-group">
          <label className="nhsuk-label nhsuk-label--m" htmlFor="search-query">
            Search the guidance and glossary
          </label>
          <input
            className="nhsuk-input"
            id="search-query"
            name="q"
            type="search"
            value={query}
            onChange={(e) => setQuery(e.target.value)}
          />
        </div>
        <button type="submit" className="nhsuk-button">
          Search
        </button>
      </form>
      <div aria-live="polite" data-testid="search-results">
        {submitted.trim() && (
          <>
            <h2>
              {results.length === 0 ? 'No results' : `${results.length} result${results.length === 1 ? '' : 's'}`} for "
              {submitted.trim()}"
            </h2>
            <ul className="nhsuk-list nhsuk-list--border">
              {results.map(({ item }) => (
                <li key={item.href} className="app-search-result">
                  <p>
                    <a href={item.href}>{item.title}</a>
                  </p>
                  <p className="nhsuk-body-s">
                    {item.context}
                    {item.kind === 'glossary' || item.context === 'Guidance' ? '' : ' guidance'}
                  </p>
                  <p className="nhsuk-body-s">{item.text.length > 180 ? `${item.text.slice(0, 177)}…` : item.text}</p>
                </li>
              ))}
            </ul>
          </>
        )}
      </div>
    </>
  );
}
