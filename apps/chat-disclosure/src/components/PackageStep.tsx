/**
 * Step 5: package. The redaction engine turns the case into the disclosed conversation (nothing withheld reaches the
 * packaging worker), the packaging worker builds the bundle and the case file, and the page previews the PDF and offers
 * both files for download. Before the build it lists what is withheld in one place and still shown in another (a link,
 * a place detection read differently), each with a button to withhold every occurrence.
 */
import { describeSearch } from '@im-records/case-settings';
import { formatLongDate, isIsoDate, localToday, redactionModeFor } from '@im-records/records-policy';
import type { StillVisible } from '@im-records/redaction';
import { useEffect, useRef, useState } from 'react';
import type { StageProgress } from '../lib/bridge.ts';
import { deadlineOf } from '../lib/deadline.ts';
import { everyOccurrence } from '../lib/decisions.ts';
import { describeProblem, type Problem } from '../lib/errors.ts';
import type { PackageOutput } from '../worker/stages.ts';
import { useDecisions } from './review/useDecisions.ts';
import type { StepProps } from './step.ts';
import { countOf, ErrorSummary, formatBytes, ProgressPanel, TextArea, TextField } from './ui.tsx';

interface Built {
  output: PackageOutput;
  zipUrl: string;
  caseFileUrl: string;
  pdfUrl: string;
}

/** What is wrong with the date of response, in the words of the case details step's date checks; null when nothing. */
function responseDateError(responseDate: string, received: string): string | null {
  if (!isIsoDate(responseDate)) return 'Enter the date of response';
  if (responseDate < received)
    return `The date of response must be on or after the date the request was received (${formatLongDate(received)})`;
  return null;
}

function safeName(reference: string): string {
  return reference.replace(/[^\w.-]+/g, '-').replace(/^-+|-+$/g, '') || 'case';
}

export function PackageStep(props: StepProps) {
  const { record, services, prepared, preparing, cancelPrepare, act } = props;
  const [responseDate, setResponseDate] = useState<string>(localToday());
  const [progress, setProgress] = useState<StageProgress | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [dateError, setDateError] = useState<string | null>(null);
  const [built, setBuilt] = useState<Built | null>(null);
  const [showPreview, setShowPreview] = useState(false);
  const abort = useRef<AbortController | null>(null);
  const resultHeading = useRef<HTMLHeadingElement>(null);
  /** The chats' titles as they will be disclosed (the same decisions as the messages), for "what was searched". */
  const [safeTitles, setSafeTitles] = useState<string[] | null>(null);
  /** Values withheld in one place and still shown in another, worked out with the titles. */
  const [stillShown, setStillShown] = useState<StillVisible[]>([]);
  const decisions = useDecisions(props, setProblem);
  useEffect(() => {
    if (!prepared) return;
    let cancelled = false;
    services.caseWorker.call('summary', { decisions: record.decisions }).then(
      (summary) => {
        if (cancelled) return;
        setSafeTitles(summary.sections.length > 0 ? summary.sections : [summary.title]);
        setStillShown(summary.stillVisible);
      },
      (error: unknown) => setProblem(describeProblem(error)),
    );
    return () => {
      cancelled = true;
    };
  }, [prepared, services, record.decisions]);

  // Move focus to the result once it is on screen, so keyboard and screen-reader users land on it.
  useEffect(() => {
    if (built) resultHeading.current?.focus();
  }, [built]);
  useEffect(
    () => () => {
      if (built) for (const url of [built.zipUrl, built.caseFileUrl, built.pdfUrl]) URL.revokeObjectURL(url);
    },
    [built],
  );

  if (!prepared) {
    return preparing ? (
      <ProgressPanel label="Preparing the chat" progress={preparing} onCancel={cancelPrepare} />
    ) : (
      <p className="nhsuk-body">Preparing the chat…</p>
    );
  }

  const deadline = deadlineOf(record.request, record);
  const scope = record.scope;
  // Never the raw title: a one-to-one chat is titled with the other person's name. Names are pseudonyms here.
  const suggested = safeTitles
    ? describeSearch({
        formats: prepared.sources.map((source) => source.format),
        titles: safeTitles,
        from: scope.from,
        to: scope.to,
      })
    : '';
  const searched = record.searched ?? suggested;

  const build = async () => {
    // Checked here, by field, as the case details step checks its dates: the bundle itself would refuse an empty date
    // only as "Something went wrong", and would print a response dated before the request arrived.
    const wrongDate = responseDateError(responseDate, record.request.received);
    setDateError(wrongDate);
    if (wrongDate) return;
    const controller = new AbortController();
    abort.current = controller;
    setProblem(null);
    setBuilt(null);
    setProgress({ stage: 'disclose', done: 0, total: 0, label: 'Applying your decisions' });
    try {
      // The case worker sends the disclosure straight to the package worker on a channel of their own: the page
      // never holds the conversation or the attachment bytes. A failed disclosure cancels the packaging.
      const channel = new MessageChannel();
      const disclosing = services.caseWorker.call(
        'disclose',
        { decisions: record.decisions, to: channel.port1 },
        { signal: controller.signal, transfer: [channel.port1] },
      );
      disclosing.catch(() => controller.abort());
      const packaging = services.packageWorker.call(
        'package',
        {
          from: channel.port2,
          request: {
            ...record.request,
            organisation: record.request.organisation || 'Not stated',
            due: deadline?.due ?? responseDate,
            responseDate,
            searched,
          },
          decisions: record.decisions,
          settings: {
            mode: redactionModeFor(record.request.type),
            scope: record.scope,
            officer: record.officer,
            pauses: record.pauses,
            extension: record.extension ?? null,
          },
          sources: prepared.sources,
        },
        { signal: controller.signal, onProgress: setProgress, transfer: [channel.port2] },
      );
      const [, output] = await Promise.all([disclosing, packaging]);
      setBuilt({
        output,
        zipUrl: URL.createObjectURL(new Blob([output.zip as Uint8Array<ArrayBuffer>], { type: 'application/zip' })),
        caseFileUrl: URL.createObjectURL(
          new Blob([output.caseFile as Uint8Array<ArrayBuffer>], { type: 'application/json' }),
        ),
        pdfUrl: URL.createObjectURL(new Blob([output.pdf as Uint8Array<ArrayBuffer>], { type: 'application/pdf' })),
      });
      setShowPreview(false);
    } catch (error) {
      setProblem(describeProblem(error));
    } finally {
      abort.current = null;
      setProgress(null);
    }
  };

  const name = safeName(record.request.reference);
  return (
    <>
      {(problem || dateError) && (
        <ErrorSummary
          problems={problem ? [problem] : []}
          fieldErrors={dateError ? [{ field: 'response-date', message: dateError }] : []}
        />
      )}
      <p className="nhsuk-body">
        The bundle holds the transcript as a PDF, an accessible web page and spreadsheets, the attachments you chose to
        include, and a manifest. The case file is for your organisation's records only: do not send it to the requester.
      </p>
      <TextField
        id="response-date"
        label="Date of response"
        hint="Printed on the bundle; every date in it comes from this one"
        type="date"
        value={responseDate}
        onChange={setResponseDate}
        error={dateError ?? undefined}
      />
      <TextArea
        id="searched"
        label="What was searched"
        hint="Printed on the cover, in the web page and in the manifest. Chat titles are shown as they will be disclosed: a name is replaced by its pseudonym, as in the messages."
        rows={2}
        value={searched}
        onChange={(value) => act({ type: 'searched/set', searched: value })}
      />
      {record.searched !== undefined && record.searched !== suggested && safeTitles && (
        <p className="nhsuk-body-s">
          <button
            type="button"
            className="app-link-button"
            onClick={() => act({ type: 'searched/set', searched: null })}
          >
            Use the tool's wording again
          </button>{' '}
          ({suggested})
        </p>
      )}
      {stillShown.length > 0 && (
        <div className="nhsuk-warning-callout" data-testid="still-shown">
          <h2 className="nhsuk-warning-callout__label">
            <span>
              <span className="nhsuk-u-visually-hidden">Important: </span>
              Withheld in one place, shown in another
            </span>
          </h2>
          <p>
            {stillShown.length === 1 ? 'This value is' : `These ${stillShown.length} values are`} withheld where the
            tool found {stillShown.length === 1 ? 'it' : 'them'}, but the bundle still shows{' '}
            {stillShown.length === 1 ? 'it' : 'them'} elsewhere: in a link, or where the same word was read as something
            else. Withhold every occurrence, or, if it is no one's personal data, keep it in the review.
          </p>
          <ul className="nhsuk-list app-still-shown">
            {stillShown.slice(0, 20).map((value) => (
              <li key={value.text}>
                <strong>{value.text}</strong>, shown in {countOf(value.places, 'place')}{' '}
                <button
                  type="button"
                  className="nhsuk-button nhsuk-button--secondary nhsuk-button--small"
                  onClick={() => void decisions.recordAndReapply(everyOccurrence(value.text, value.category))}
                  aria-label={`Withhold every occurrence of "${value.text}"`}
                >
                  Withhold every occurrence
                </button>
              </li>
            ))}
          </ul>
          {stillShown.length > 20 && <p>The first 20 are listed.</p>}
        </div>
      )}
      <button type="button" className="nhsuk-button" onClick={build} disabled={progress !== null || !searched.trim()}>
        Build the disclosure bundle
      </button>
      {progress && (
        <ProgressPanel label="Building the bundle" progress={progress} onCancel={() => abort.current?.abort()} />
      )}
      {built && (
        <section aria-labelledby="bundle-ready">
          <div className="nhsuk-panel app-panel-ready">
            <h2 className="nhsuk-panel__title" id="bundle-ready" ref={resultHeading} tabIndex={-1}>
              Bundle ready
            </h2>
            <div className="nhsuk-panel__body">
              {countOf(built.output.counts.messagesDisclosed, 'message')} disclosed,{' '}
              {countOf(built.output.counts.redactions, 'redaction')},{' '}
              {countOf(built.output.counts.attachmentsDisclosed, 'attachment')} included
            </div>
          </div>
          <div className="app-button-row">
            <a className="nhsuk-button" href={built.zipUrl} download={`${name}-disclosure-bundle.zip`}>
              Download the disclosure bundle ({formatBytes(built.output.zip.byteLength)})
            </a>
            <a
              className="nhsuk-button nhsuk-button--secondary"
              href={built.caseFileUrl}
              download={`${name}-case-file.json`}
            >
              Download the case file
            </a>
          </div>
          <p className="nhsuk-body-s">
            SHA-256 of the bundle: <code className="app-hash">{built.output.zipSha256}</code>
          </p>
          <h2>Preview of the PDF</h2>
          <p className="nhsuk-body">
            Check the PDF before you send the bundle: every redaction is a black box labelled with its exemption.{' '}
            <a href={built.pdfUrl} target="_blank" rel="noopener">
              Open the PDF in a new tab (opens in new tab)
            </a>
          </p>
          {/* Shown on request: the browser's PDF viewer takes the keyboard focus when it loads. */}
          {showPreview ? (
            <iframe className="app-pdf" title="Preview of the disclosure PDF" src={built.pdfUrl} />
          ) : (
            <button type="button" className="nhsuk-button nhsuk-button--secondary" onClick={() => setShowPreview(true)}>
              Show the PDF preview here
            </button>
          )}
        </section>
      )}
    </>
  );
}
