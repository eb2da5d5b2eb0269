/**
 * Small NHS design-system building blocks (nhsuk-frontend class names and markup), so every step looks and reads the
 * same and each control has its label, hint and error wired up for screen readers.
 */

import { showErrorInTitle } from '@im-records/nhsuk-astro/error-title';
import { type ReactNode, useEffect, useRef } from 'react';
import type { StageProgress } from '../lib/bridge.ts';
import type { Problem } from '../lib/errors.ts';

/**
 * The button that shows or hides a part of the review on a phone (`app-phone-folded`, hidden at phone width until
 * opened), so the conversation comes first; on wider screens the part is always shown and the button is not.
 */
export function PhoneFoldToggle({
  open,
  controls,
  onToggle,
  show,
  hide,
}: {
  open: boolean;
  /** The id of the part it shows and hides. */
  controls: string;
  onToggle: () => void;
  show: string;
  hide: string;
}) {
  return (
    <button
      type="button"
      className="nhsuk-button nhsuk-button--secondary nhsuk-button--small app-phone-toggle"
      aria-expanded={open}
      aria-controls={controls}
      onClick={onToggle}
    >
      {open ? hide : show}
    </button>
  );
}

/** The class names of a part folded behind a {@link PhoneFoldToggle} on a phone. */
export const phoneFolded = (open: boolean): string => `app-phone-folded${open ? ' app-phone-folded--open' : ''}`;

/** The NHS back link to the case list, at the top of a case's pages. */
export function BackToCases() {
  return (
    <div className="nhsuk-back-link">
      <a className="nhsuk-back-link__link" href="#/">
        Your cases
      </a>
    </div>
  );
}

/** The error summary at the top of a step; focused when it appears so screen readers announce it. */
export function ErrorSummary({
  problems,
  fieldErrors = [],
}: {
  problems?: Problem[];
  fieldErrors?: { field: string; message: string }[];
}) {
  const ref = useRef<HTMLDivElement>(null);
  const count = (problems?.length ?? 0) + fieldErrors.length;
  useEffect(() => {
    if (count > 0) ref.current?.focus();
  }, [count]);
  // While the summary shows, the page's title starts "Error: " (the NHS pattern: a screen reader says it first).
  const showing = count > 0;
  useEffect(() => (showing ? showErrorInTitle() : undefined), [showing]);
  if (count === 0) return null;
  return (
    <div className="nhsuk-error-summary" ref={ref} tabIndex={-1}>
      <div role="alert">
        <h2 className="nhsuk-error-summary__heading" id="error-summary-title">
          There is a problem
        </h2>
        <div className="nhsuk-error-summary__body">
          {problems?.map((problem) => (
            <div key={problem.title} className="app-problem">
              <p className="nhsuk-body nhsuk-u-font-weight-bold">{problem.title}</p>
              <p className="nhsuk-body">{problem.action}</p>
              {problem.detail && problem.detail !== problem.title && (
                <details className="nhsuk-details">
                  <summary className="nhsuk-details__summary">
                    <span className="nhsuk-details__summary-text">Technical details</span>
                  </summary>
                  <div className="nhsuk-details__text">{problem.detail}</div>
                </details>
              )}
            </div>
          ))}
          {fieldErrors.length > 0 && (
            <ul className="nhsuk-list nhsuk-error-summary__list">
              {fieldErrors.map((error) => (
                <li key={error.field}>
                  <a
                    href={`#${error.field}`}
                    onClick={(event) => {
                      // The page is routed by its hash (#/case/ID): following "#field" would close the case and
                      // lose the form. The link moves focus to the field instead, as the design system's script does.
                      event.preventDefault();
                      const field = document.getElementById(error.field);
                      field?.focus();
                      field?.scrollIntoView({ block: 'center' });
                    }}
                  >
                    {error.message}
                  </a>
                </li>
              ))}
            </ul>
          )}
        </div>
      </div>
    </div>
  );
}

/** A labelled progress bar with a cancel button, announced politely as it advances. */
export function ProgressPanel({
  progress,
  onCancel,
  label,
}: {
  progress: StageProgress | null;
  onCancel?: () => void;
  label: string;
}) {
  const percent = progress && progress.total > 0 ? Math.round((progress.done / progress.total) * 100) : 0;
  return (
    <div className="app-progress nhsuk-card">
      <div className="nhsuk-card__content">
        <p className="nhsuk-body nhsuk-u-margin-bottom-2" id="progress-label">
          {label}
        </p>
        <progress className="app-progress__bar" aria-labelledby="progress-label" max={100} value={percent} />
        <p className="nhsuk-body-s nhsuk-u-margin-top-2" aria-live="polite">
          {progress?.label ?? 'Starting'} {progress && progress.total > 0 ? `– ${percent}%` : ''}
        </p>
        {onCancel && (
          <button
            type="button"
            className="nhsuk-button nhsuk-button--secondary nhsuk-u-margin-bottom-0"
            onClick={onCancel}
          >
            Cancel
          </button>
        )}
      </div>
    </div>
  );
}

/** What every labelled field takes: its id (also the error summary's link target), label, hint and error. */
interface FieldProps {
  id: string;
  label: ReactNode;
  value: string;
  onChange: (value: string) => void;
  hint?: string | undefined;
  error?: string | undefined;
}

/** The form group around a control: label, hint and error message, with `aria-describedby` made for the control. */
function FormGroup({ id, label, hint, error, control }: FieldProps & { control: (describedBy?: string) => ReactNode }) {
  const describedBy = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ');
  return (
    <div className={`nhsuk-form-group${error ? ' nhsuk-form-group--error' : ''}`}>
      <label className="nhsuk-label" htmlFor={id}>
        {label}
      </label>
      {hint && (
        <div className="nhsuk-hint" id={`${id}-hint`}>
          {hint}
        </div>
      )}
      {error && (
        <span className="nhsuk-error-message" id={`${id}-error`}>
          <span className="nhsuk-u-visually-hidden">Error:</span> {error}
        </span>
      )}
      {control(describedBy || undefined)}
    </div>
  );
}

/** A labelled text input with optional hint and error, wired for screen readers. */
export function TextField(
  props: FieldProps & {
    width?: 'nhsuk-input--width-10' | 'nhsuk-input--width-20' | 'nhsuk-input--width-30' | 'nhsuk-u-width-two-thirds';
    type?: 'text' | 'password' | 'tel' | 'date' | 'search';
    autoComplete?: string;
  },
) {
  return (
    <FormGroup
      {...props}
      control={(describedBy) => (
        <input
          className={`nhsuk-input${props.width ? ` ${props.width}` : ''}${props.error ? ' nhsuk-input--error' : ''}`}
          id={props.id}
          name={props.id}
          type={props.type ?? 'text'}
          value={props.value}
          autoComplete={props.autoComplete ?? 'off'}
          spellCheck={false}
          aria-describedby={describedBy}
          onChange={(event) => props.onChange(event.target.value)}
        />
      )}
    />
  );
}

/** A labelled multi-line text box (one entry per line, say) with optional hint and error. */
export function TextArea(props: FieldProps & { rows: number }) {
  return (
    <FormGroup
      {...props}
      control={(describedBy) => (
        <textarea
          className={`nhsuk-textarea${props.error ? ' nhsuk-textarea--error' : ''}`}
          id={props.id}
          name={props.id}
          rows={props.rows}
          value={props.value}
          spellCheck={false}
          aria-describedby={describedBy}
          onChange={(event) => props.onChange(event.target.value)}
        />
      )}
    />
  );
}

export function Tag({
  children,
  colour,
}: {
  children: ReactNode;
  colour?: 'green' | 'red' | 'yellow' | 'orange' | 'grey' | 'blue' | 'white';
}) {
  return <strong className={`nhsuk-tag${colour ? ` nhsuk-tag--${colour}` : ''}`}>{children}</strong>;
}

/** Formats a byte count for people. */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(0)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/**
 * Thousands separators, British style. One formatter for every count: `toLocaleString` with a locale builds a new one
 * on each call (about a millisecond in Chromium, and the review shows dozens of counts).
 */
const countFormat = new Intl.NumberFormat('en-GB');

/** Formats a count with thousands separators. */
export const formatCount = (n: number): string => countFormat.format(n);

/** A count with its noun, singular or plural: `countOf(1, 'attachment')` is "1 attachment". */
export const countOf = (n: number, singular: string, plural = `${singular}s`): string =>
  `${formatCount(n)} ${n === 1 ? singular : plural}`;
