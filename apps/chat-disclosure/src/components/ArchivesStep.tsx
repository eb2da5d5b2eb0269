/**
 * Step 2: add the chat exports (drag and drop or the file picker; several per case, one from each phone). Each is stored
 * in IndexedDB, read in the case worker with a progress bar and a cancel button, and summarised.
 */
import { useRef, useState } from 'react';
import type { StageProgress } from '../lib/bridge.ts';
import type { CaseArchive } from '../lib/case-model.ts';
import { describeProblem, type Problem } from '../lib/errors.ts';
import { longDate, timeOf } from '../lib/scope.ts';
import type { StepProps } from './CaseView.tsx';
import { newId, nowIso } from './services.ts';
import { ErrorSummary, formatBytes, formatCount, ProgressPanel, Tag } from './ui.tsx';

const formatNames: Record<string, string> = {
  whatsapp: 'WhatsApp',
  telegram: 'Telegram',
  slack: 'Slack',
  signal: 'Signal',
  csv: 'CSV',
};

function when(timestamp: string | null): string {
  return timestamp ? `${longDate(timestamp.slice(0, 10))} ${timeOf(timestamp)}` : 'none';
}

export function ArchivesStep({ record, services, act, go }: StepProps) {
  const [problems, setProblems] = useState<Problem[]>([]);
  const [progress, setProgress] = useState<{ file: string; progress: StageProgress | null } | null>(null);
  const [dragging, setDragging] = useState(false);
  const [status, setStatus] = useState('');
  const abort = useRef<AbortController | null>(null);
  const input = useRef<HTMLInputElement>(null);
  const key = services.keys.get(record.id) ?? null;

  const addFiles = async (files: File[]) => {
    setProblems([]);
    const found: Problem[] = [];
    for (const file of files) {
      const controller = new AbortController();
      abort.current = controller;
      setProgress({ file: file.name, progress: null });
      const archiveId = newId();
      let stored = false;
      try {
        const bytes = new Uint8Array(await file.arrayBuffer());
        await services.store.putArchive(record.id, archiveId, bytes, key);
        stored = true;
        const summary = await services.caseWorker.call(
          'import',
          { archiveId, fileName: file.name, bytes },
          { signal: controller.signal, onProgress: (step) => setProgress({ file: file.name, progress: step }) },
        );
        if (record.archives.some((archive) => archive.summary.sha256 === summary.sha256)) {
          await services.store.deleteArchive(archiveId);
          await services.caseWorker.call('forget', { archiveId });
          found.push({
            title: `${file.name} is already in this case.`,
            action: 'Nothing was added. Add a different export.',
          });
          continue;
        }
        const archive: CaseArchive = {
          id: archiveId,
          fileName: file.name,
          size: file.size,
          addedAt: nowIso(),
          summary,
        };
        act({ type: 'archive/add', archive });
        setStatus(`${file.name} was added: ${formatCount(summary.messageCount)} messages.`);
      } catch (error) {
        if (stored) await services.store.deleteArchive(archiveId).catch(() => undefined);
        found.push(describeProblem(error, file.name));
      }
    }
    abort.current = null;
    setProgress(null);
    setProblems(found);
    if (input.current) input.current.value = '';
  };

  const remove = async (archive: CaseArchive) => {
    await services.store.deleteArchive(archive.id);
    await services.caseWorker.call('forget', { archiveId: archive.id });
    act({ type: 'archive/remove', id: archive.id });
    setStatus(`${archive.fileName} was removed from the case.`);
  };

  return (
    <>
      <ErrorSummary problems={problems} />
      <p className="nhsuk-body">
        Add each chat export you were given: a WhatsApp export (.zip with media, or .txt), a Telegram Desktop
        result.json, a Slack export .zip, a Signal export or a CSV. Add one export from each phone: exports of the same
        chat are combined without duplicates.
      </p>
      <section
        className={`app-dropzone${dragging ? ' app-dropzone--active' : ''}`}
        aria-label="Add chat exports"
        onDragOver={(event) => {
          event.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={(event) => {
          event.preventDefault();
          setDragging(false);
          void addFiles([...event.dataTransfer.files]);
        }}
      >
        <div className="nhsuk-form-group nhsuk-file-upload nhsuk-u-margin-bottom-0">
          <label className="nhsuk-label nhsuk-label--s" htmlFor="archive-files">
            Choose chat export files
          </label>
          <div className="nhsuk-hint" id="archive-files-hint">
            Or drag and drop them here. The files stay on this computer.
          </div>
          <input
            ref={input}
            className="nhsuk-file-upload__input"
            id="archive-files"
            name="archive-files"
            type="file"
            multiple
            aria-describedby="archive-files-hint"
            disabled={progress !== null}
            accept=".zip,.txt,.json,.csv,.md,.jsonl"
            onChange={(event) => void addFiles([...(event.target.files ?? [])])}
          />
        </div>
      </section>
      {progress && (
        <ProgressPanel
          label={`Reading ${progress.file}`}
          progress={progress.progress}
          onCancel={() => abort.current?.abort()}
        />
      )}
      <p className="nhsuk-body" role="status">
        {status}
      </p>
      {record.archives.map((archive) => {
        const summary = archive.summary;
        return (
          <div className="nhsuk-card" key={archive.id}>
            <div className="nhsuk-card__content">
              <h2 className="nhsuk-card__heading nhsuk-heading-s">{archive.fileName}</h2>
              <dl className="nhsuk-summary-list">
                <div className="nhsuk-summary-list__row">
                  <dt className="nhsuk-summary-list__key">Format</dt>
                  <dd className="nhsuk-summary-list__value">
                    {formatNames[summary.format] ?? summary.format} ({summary.variant}), {formatBytes(archive.size)}
                  </dd>
                </div>
                <div className="nhsuk-summary-list__row">
                  <dt className="nhsuk-summary-list__key">Chat</dt>
                  <dd className="nhsuk-summary-list__value">{summary.title}</dd>
                </div>
                <div className="nhsuk-summary-list__row">
                  <dt className="nhsuk-summary-list__key">Participants</dt>
                  <dd className="nhsuk-summary-list__value">{summary.participants.join(', ') || 'none found'}</dd>
                </div>
                <div className="nhsuk-summary-list__row">
                  <dt className="nhsuk-summary-list__key">Dates</dt>
                  <dd className="nhsuk-summary-list__value">
                    {when(summary.firstMessage)} to {when(summary.lastMessage)}
                  </dd>
                </div>
                <div className="nhsuk-summary-list__row">
                  <dt className="nhsuk-summary-list__key">Messages</dt>
                  <dd className="nhsuk-summary-list__value">{formatCount(summary.messageCount)}</dd>
                </div>
                <div className="nhsuk-summary-list__row">
                  <dt className="nhsuk-summary-list__key">Attachments</dt>
                  <dd className="nhsuk-summary-list__value">
                    {formatCount(summary.attachmentCount)} ({formatCount(summary.attachmentsPresent)} files in the
                    export)
                  </dd>
                </div>
                <div className="nhsuk-summary-list__row">
                  <dt className="nhsuk-summary-list__key">Warnings</dt>
                  <dd className="nhsuk-summary-list__value">
                    {summary.warnings.length === 0 ? (
                      <Tag colour="green">None</Tag>
                    ) : (
                      <details className="nhsuk-details nhsuk-u-margin-bottom-0">
                        <summary className="nhsuk-details__summary">
                          <span className="nhsuk-details__summary-text">{summary.warnings.length} to check</span>
                        </summary>
                        <div className="nhsuk-details__text">
                          <ul className="nhsuk-list nhsuk-list--bullet">
                            {summary.warnings.slice(0, 50).map((warning) => (
                              <li key={`${warning.line}:${warning.message}`}>
                                {warning.line > 0 ? `Line ${warning.line}: ` : ''}
                                {warning.message}
                              </li>
                            ))}
                          </ul>
                        </div>
                      </details>
                    )}
                  </dd>
                </div>
              </dl>
              <button
                type="button"
                className="nhsuk-button nhsuk-button--secondary nhsuk-button--small nhsuk-u-margin-bottom-0"
                onClick={() => void remove(archive)}
              >
                Remove<span className="nhsuk-u-visually-hidden"> {archive.fileName}</span>
              </button>
            </div>
          </div>
        );
      })}
      <button
        type="button"
        className="nhsuk-button"
        disabled={record.archives.length === 0 || progress !== null}
        onClick={() => go('scope')}
      >
        Continue to scope
      </button>
    </>
  );
}
