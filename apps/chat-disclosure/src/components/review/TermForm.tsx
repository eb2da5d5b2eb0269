/** "Redact a word or phrase": every occurrence of a term in the chat, as what category the officer says it is. */
import type { RedactionCategory } from '@im-records/redaction';
import { useState } from 'react';
import { CategoryOptions } from './CategoryOptions.tsx';

export function TermForm({ onRedact }: { onRedact: (term: string, category: RedactionCategory) => void }) {
  const [term, setTerm] = useState('');
  const [category, setCategory] = useState<RedactionCategory>('person-name');
  return (
    <>
      <h2 className="nhsuk-heading-s">Redact a word or phrase</h2>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          if (!term.trim()) return;
          onRedact(term.trim(), category);
          setTerm('');
        }}
      >
        <div className="nhsuk-form-group">
          <label className="nhsuk-label" htmlFor="term">
            Word or phrase
          </label>
          <div className="nhsuk-hint" id="term-hint">
            Every occurrence in the chat is redacted
          </div>
          <input
            className="nhsuk-input"
            id="term"
            value={term}
            aria-describedby="term-hint"
            onChange={(event) => setTerm(event.target.value)}
          />
        </div>
        <div className="nhsuk-form-group">
          <label className="nhsuk-label" htmlFor="term-category">
            What it is
          </label>
          <select
            className="nhsuk-select app-select-full"
            id="term-category"
            value={category}
            onChange={(event) => setCategory(event.target.value as RedactionCategory)}
          >
            <CategoryOptions />
          </select>
        </div>
        <button type="submit" className="nhsuk-button nhsuk-button--secondary nhsuk-button--small">
          Redact every occurrence
        </button>
      </form>
    </>
  );
}
