/**
 * Everyone the disclosure names, with the pseudonym it prints for them: the officer checks each and can change a role
 * (which kind of pseudonym) or write a label of their own. People who wrote in the chat are staff until told otherwise.
 * The list arrives after the review is shown (see `lib/people.ts`); until then the panel says it is being made. Its
 * rows (a role and a label form per person: hundreds in a large chat) are rendered when the officer first opens the
 * panel, not when the list arrives, which is while the review's first screen is being drawn.
 */
import type { PseudonymEntry, PseudonymRole } from '@im-records/redaction';
import { useState } from 'react';
import { formatCount } from '../ui.tsx';

/** A change of how one person is shown. */
export type PersonChange = { role?: PseudonymRole; label?: string };

const roleNames: Readonly<Record<PseudonymRole, string>> = {
  staff: 'Staff member',
  patient: 'Patient',
  relative: 'Relative',
  unknown: 'Other person',
};

export function PeoplePanel({
  people,
  onChange,
}: {
  /** Null while the people are still being listed. */
  people: readonly PseudonymEntry[] | null;
  onChange: (entry: PseudonymEntry, change: PersonChange) => void;
}) {
  // Once opened the rows stay rendered, so a label half typed survives closing the panel.
  const [opened, setOpened] = useState(false);
  if (people === null) {
    return (
      <p className="nhsuk-body-s" role="status" data-testid="people-listing">
        Listing the people named in the chat and their pseudonyms…
      </p>
    );
  }
  if (people.length === 0) return null;
  return (
    <details
      className="nhsuk-details app-people"
      onToggle={(event) => {
        if (event.currentTarget.open) setOpened(true);
      }}
    >
      <summary className="nhsuk-details__summary">
        <span className="nhsuk-details__summary-text">People and their pseudonyms ({formatCount(people.length)})</span>
      </summary>
      <div className="nhsuk-details__text">
        <p className="nhsuk-body-s">
          Each person is shown in the bundle as below. People who wrote in the chat are staff unless you say otherwise.
        </p>
        {opened && <PeopleRows people={people} onChange={onChange} />}
      </div>
    </details>
  );
}

/** Every person with how they are shown and the controls to change it. */
export function PeopleRows({
  people,
  onChange,
}: {
  people: readonly PseudonymEntry[];
  onChange: (entry: PseudonymEntry, change: PersonChange) => void;
}) {
  return (
    <ul className="nhsuk-list app-people__list">
      {people.map((entry, i) => (
        <PersonRow key={entry.person} entry={entry} index={i} onChange={onChange} />
      ))}
    </ul>
  );
}

function PersonRow({
  entry,
  index,
  onChange,
}: {
  entry: PseudonymEntry;
  index: number;
  onChange: (entry: PseudonymEntry, change: PersonChange) => void;
}) {
  const [label, setLabel] = useState('');
  const name = entry.names[0] ?? entry.person;
  return (
    <li className="app-people__row" data-testid="person">
      <p className="nhsuk-body-s nhsuk-u-margin-bottom-1">
        <strong dir="auto">{name}</strong>
        {entry.names.length > 1 && <span dir="auto"> (also written {entry.names.slice(1, 4).join(', ')})</span>}
        {entry.participant ? ' · wrote in the chat' : ''} · shown as <strong>{entry.shownAs}</strong>
        {entry.keptByName ? ' (name kept)' : ''}
      </p>
      <div className="app-inline-fields">
        <div className="nhsuk-form-group nhsuk-u-margin-bottom-2">
          <label className="nhsuk-label nhsuk-body-s" htmlFor={`person-role-${index}`}>
            Role<span className="nhsuk-u-visually-hidden"> of {name}</span>
          </label>
          <select
            className="nhsuk-select app-select-small"
            id={`person-role-${index}`}
            value={entry.role}
            onChange={(event) => onChange(entry, { role: event.target.value as PseudonymRole })}
          >
            {(Object.keys(roleNames) as PseudonymRole[]).map((role) => (
              <option key={role} value={role}>
                {roleNames[role]}
              </option>
            ))}
          </select>
        </div>
        <form
          className="nhsuk-form-group nhsuk-u-margin-bottom-2"
          onSubmit={(event) => {
            event.preventDefault();
            onChange(entry, { label: label.trim() });
            setLabel('');
          }}
        >
          <label className="nhsuk-label nhsuk-body-s" htmlFor={`person-label-${index}`}>
            Own label<span className="nhsuk-u-visually-hidden"> for {name}</span> (optional)
          </label>
          <input
            className="nhsuk-input nhsuk-input--width-10"
            id={`person-label-${index}`}
            value={label}
            onChange={(event) => setLabel(event.target.value)}
          />{' '}
          <button
            type="submit"
            className="nhsuk-button nhsuk-button--secondary nhsuk-button--small nhsuk-u-margin-bottom-0"
          >
            Use label<span className="nhsuk-u-visually-hidden"> for {name}</span>
          </button>
        </form>
      </div>
    </li>
  );
}
