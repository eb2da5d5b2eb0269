/**
 * A branching scenario: one decision at a time, the consequence of each choice, going back, starting again, and a
 * scored ending. Progress is saved in localStorage after every step, so a reload carries on where it stopped.
 */

import {
  choose,
  continueOn,
  goBack,
  restoreProgress,
  type ScenarioGraph,
  type ScenarioProgress,
  scoreBand,
  startProgress,
  viewOf,
} from '@im-records/course';
import { showErrorInTitle } from '@im-records/nhsuk-astro/error-title';
import { type SubmitEvent, useEffect, useRef, useState } from 'react';
import { flushSync } from 'react-dom';
import { readStored, removeStored, storageKeys, writeStored } from '../lib/browser-store.ts';
import { GuidanceLinks } from './GuidanceLinks.tsx';

export interface ScenarioPlayerProps {
  slug: string;
  role: string;
  graph: ScenarioGraph;
  guidanceTitles: Record<string, string>;
}

const ratingTag = {
  good: { label: 'Good outcome', className: 'nhsuk-tag nhsuk-tag--green' },
  mixed: { label: 'Mixed outcome', className: 'nhsuk-tag nhsuk-tag--yellow' },
  poor: { label: 'Poor outcome', className: 'nhsuk-tag nhsuk-tag--red' },
} as const;

const bandText = {
  strong: 'You made safe choices almost every time.',
  partial: 'Some of your choices were safe, but not all. Read the feedback on each choice below.',
  weak: 'Most of your choices put patient information at risk. Read the guidance and try again.',
} as const;

/** The scenario island. */
export default function ScenarioPlayer({ slug, role, graph, guidanceTitles }: ScenarioPlayerProps) {
  const [progress, setProgress] = useState<ScenarioProgress>(startProgress);
  const [selected, setSelected] = useState<string | null>(null);
  const [error, setError] = useState(false);
  // While the error shows, the page's title starts "Error: " (NHS pattern).
  const showingError = Boolean(error);
  useEffect(() => (showingError ? showErrorInTitle() : undefined), [showingError]);
  const [loaded, setLoaded] = useState(false);
  const headingRef = useRef<HTMLHeadingElement>(null);
  /** Set by a step the learner takes; the next render then moves focus to the new step's heading. */
  const focusPending = useRef(false);

  useEffect(() => {
    const saved = restoreProgress(graph, readStored(storageKeys.scenario(slug)));
    if (saved) setProgress(saved);
    setLoaded(true);
  }, [graph, slug]);

  const update = (next: ScenarioProgress) => {
    focusPending.current = true;
    setProgress(next);
    setSelected(null);
    setError(false);
    writeStored(storageKeys.scenario(slug), next);
  };

  // Each step replaces the content, so focus moves to its heading (screen readers then read the new step). The effect
  // runs after every render and acts only on the render that follows a step.
  useEffect(() => {
    if (!focusPending.current) return;
    focusPending.current = false;
    headingRef.current?.focus();
  });

  const view = viewOf(graph, progress);
  const restart = () => {
    removeStored(storageKeys.scenario(slug));
    update(startProgress());
  };
  const submit = (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!selected) {
      // Render the error, then focus the first choice, whose group the error describes, so it is read out.
      const form = event.currentTarget as HTMLFormElement;
      flushSync(() => setError(true));
      form.querySelector('input')?.focus();
      return;
    }
    update(choose(graph, progress, selected));
  };

  const controls = progress.steps.length > 0 && (
    <div className="app-button-row">
      <button type="button" className="nhsuk-button nhsuk-button--secondary" onClick={() => update(goBack(progress))}>
        Go back
      </button>
      <button type="button" className="nhsuk-button nhsuk-button--secondary" onClick={restart}>
        Start again
      </button>
    </div>
  );

  if (view.kind === 'decision') {
    const errorId = `${view.nodeId}-error`;
    return (
      <div data-loaded={loaded} data-view="decision" data-node={view.nodeId}>
        {view.number === 1 && <p className="nhsuk-body-l">{role}</p>}
        <h2 ref={headingRef} tabIndex={-1}>
          Decision {view.number}
        </h2>
        <p className="app-situation">{view.node.text}</p>
        <form onSubmit={submit} noValidate>
          <div className={`nhsuk-form-group${error ? ' nhsuk-form-group--error' : ''}`}>
            <fieldset className="nhsuk-fieldset" aria-describedby={error ? errorId : undefined}>
              <legend className="nhsuk-fieldset__legend nhsuk-fieldset__legend--m">{view.node.question}</legend>
              {error && (
                <span className="nhsuk-error-message" id={errorId}>
                  <span className="nhsuk-u-visually-hidden">Error:</span> Choose what you would do
                </span>
              )}
              <div className="nhsuk-radios">
                {view.node.choices.map((choice) => {
                  const id = `${view.nodeId}-${choice.id}`;
                  return (
                    <div className="nhsuk-radios__item" key={choice.id}>
                      <input
                        className="nhsuk-radios__input"
                        id={id}
                        name={view.nodeId}
                        type="radio"
                        value={choice.id}
                        checked={selected === choice.id}
                        onChange={() => setSelected(choice.id)}
                      />
                      <label className="nhsuk-label nhsuk-radios__label" htmlFor={id}>
                        {choice.text}
                      </label>
                    </div>
                  );
                })}
              </div>
            </fieldset>
          </div>
          <button type="submit" className="nhsuk-button">
            Confirm choice
          </button>
        </form>
        {controls}
      </div>
    );
  }

  if (view.kind === 'consequence') {
    const choice = view.node.choices[view.choiceIndex];
    const best = Math.max(...view.node.choices.map((c) => c.points));
    const verdict =
      choice?.points === best ? 'A safe choice' : choice?.points ? 'Partly right' : 'Not the safest choice';
    return (
      <div data-loaded={loaded} data-view="consequence" data-node={view.nodeId}>
        <h2 ref={headingRef} tabIndex={-1}>
          What happened
        </h2>
        <p>
          <strong>You chose:</strong> {choice?.text}
        </p>
        <div className={`nhsuk-card ${choice?.points === best ? 'nhsuk-card--feature' : 'nhsuk-card--warning'}`}>
          <div className="nhsuk-card__content">
            <h3 className="nhsuk-card__heading">{verdict}</h3>
            <p className="nhsuk-card__description">{choice?.consequence}</p>
          </div>
        </div>
        <GuidanceLinks slugs={choice?.guidance ?? []} titles={guidanceTitles} />
        <button type="button" className="nhsuk-button" onClick={() => update(continueOn(progress))}>
          Continue
        </button>
        {controls}
      </div>
    );
  }

  const tag = ratingTag[view.node.rating];
  const band = scoreBand(view.points, view.maxPoints);
  return (
    <div data-loaded={loaded} data-view="ending" data-node={view.nodeId}>
      <h2 ref={headingRef} tabIndex={-1}>
        {view.node.title}
      </h2>
      <p>
        <strong className={tag.className}>{tag.label}</strong>
      </p>
      <p>{view.node.text}</p>
      <div className="nhsuk-card">
        <div className="nhsuk-card__content">
          <h3 className="nhsuk-card__heading">
            You scored {view.points} out of {view.maxPoints}
          </h3>
          <p className="nhsuk-card__description">
            {view.points === view.maxPoints ? 'You made the safest choice every time.' : bandText[band]}
          </p>
        </div>
      </div>
      <GuidanceLinks slugs={view.node.guidance} titles={guidanceTitles} />
      <h3>Your choices</h3>
      <ol className="app-option-feedback">
        {progress.steps.map((step) => {
          const node = graph.nodes[step.node];
          if (node?.type !== 'decision') return null;
          const choice = node.choices.find((c) => c.id === step.choice);
          const best = Math.max(...node.choices.map((c) => c.points));
          return (
            <li
              key={step.node}
              className={choice?.points === best ? 'app-option-feedback--correct' : 'app-option-feedback--wrong'}
            >
              <p className="nhsuk-u-margin-bottom-1">
                <strong>{node.question}</strong>
              </p>
              <p className="nhsuk-u-margin-bottom-1">
                You chose: {choice?.text} ({choice?.points} of {best} points)
              </p>
              <p className="nhsuk-body-s nhsuk-u-margin-bottom-0">{choice?.consequence}</p>
            </li>
          );
        })}
      </ol>
      <div className="app-button-row">
        <button type="button" className="nhsuk-button" onClick={restart}>
          Start again
        </button>
        <button type="button" className="nhsuk-button nhsuk-button--secondary" onClick={() => update(goBack(progress))}>
          Go back
        </button>
      </div>
      <p>
        <a href="/scenarios/">Try another scenario</a>
      </p>
    </div>
  );
}
