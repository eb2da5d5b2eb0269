/**
 * Step 2: add the chat exports (drag and drop or the file picker; several per case, one from each phone). Each is stored
 * in IndexedDB, read in the case worker with a progress bar and a cancel button, and summarised.
 */
import { formatLongDate } from '@im-records/records-policy';
import { type FormEvent, useEffect, useRef, useState } from 'react';
import type { StageProgress } from '../lib/bridge.ts';
import type { CaseArchive, ChatChoice } from '../lib/case-model.ts';
import { describeProblem, type Problem } from '../lib/errors.ts';
import { timeOf } from '../lib/scope.ts';
import type { StepProps } from './CaseView.tsx';
import { newId, nowIso } from './services.ts';
import { countOf, ErrorSummary, formatBytes, formatCount, ProgressPanel, Tag } from './ui.tsx';

const formatNames: Record<string, string> = {
  whatsapp: 'WhatsApp',
  telegram: 'Telegram',
  slack: 'Slack',
  signal: 'Signal',
  csv: 'CSV',
};

function when(timestamp: string | null): string {
  return timestamp ? `${formatLongDate(timestamp.slice(0, 10))} ${timeOf(timestamp)}` : 'none';
}

/** An archive waiting for the officer to choose which of its chats to read. */
interface PendingChoice {
  fileName: string;
  chats: ChatChoice[];
  /** A Slack export: "all channels" is a choice too (it was read that way). */
  allChannels: boolean;
  resolve: (picked: { chat?: string } | null) => void;
}

/** The question "which chat?" as NHS radios with a legend, each chat with its message count when known. */
function ChatChoiceForm({ choice }: { choice: PendingChoice }) {
  const [selected, setSelected] = useState<number | 'all' | null>(null);
  const [error, setError] = useState('');
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  const noun = choice.allChannels ? 'channel' : 'chat';
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (selected === null) {
      setError(`Choose the ${noun} the request is about`);
      return;
    }
    if (selected === 'all') choice.resolve({});
    else choice.resolve({ chat: (choice.chats[selected] as ChatChoice).name });
  };
  const option = (id: string, value: number | 'all', label: string, hint: string | null) => (
    <div className="nhsuk-radios__item" key={id}>
      <input
        className="nhsuk-radios__input"
        id={id}
        name="chat-choice"
        type="radio"
        checked={selected === value}
        aria-describedby={hint ? `${id}-hint` : undefined}
        onChange={() => {
          setSelected(value);
          setError('');
        }}
      />
      <label className="nhsuk-label nhsuk-radios__label" htmlFor={id}>
        {label}
      </label>
      {hint && (
        <div className="nhsuk-hint nhsuk-radios__hint" id={`${id}-hint`}>
          {hint}
        </div>
      )}
    </div>
  );
  return (
    <form className="nhsuk-card app-chat-choice" onSubmit={submit} noValidate>
      <div className="nhsuk-card__content">
        <div className={`nhsuk-form-group${error ? ' nhsuk-form-group--error' : ''}`}>
          <fieldset
            className="nhsuk-fieldset"
            aria-describedby={`chat-choice-hint${error ? ' chat-choice-error' : ''}`}
          >
            <legend className="nhsuk-fieldset__legend nhsuk-fieldset__legend--m">
              <h2 className="nhsuk-fieldset__heading" ref={heading} tabIndex={-1}>
                Which {noun} in {choice.fileName} is the request about?
              </h2>
            </legend>
            <div className="nhsuk-hint" id="chat-choice-hint">
              This export holds {choice.chats.length} {noun}s.{' '}
              {choice.allChannels
                ? 'Choose the one the request is about, or all of them.'
                : 'Only the one you choose is added to the case.'}
            </div>
            {error && (
              <span className="nhsuk-error-message" id="chat-choice-error">
                <span className="nhsuk-u-visually-hidden">Error:</span> {error}
              </span>
            )}
            <div className="nhsuk-radios">
              {choice.chats.map((chat, i) =>
                option(
                  `chat-choice-${i}`,
                  i,
                  chat.name,
                  chat.messages === null ? null : countOf(chat.messages, 'message'),
                ),
              )}
              {choice.allChannels && (
                <>
                  <div className="nhsuk-radios__divider">or</div>
                  {option(
                    'chat-choice-all',
                    'all',
                    'All channels',
                    countOf(
                      choice.chats.reduce((sum, chat) => sum + (chat.messages ?? 0), 0),
                      'message',
                    ),
                  )}
                </>
              )}
            </div>
          </fieldset>
        </div>
        <div className="nhsuk-button-group nhsuk-u-margin-bottom-0">
          <button type="submit" className="nhsuk-button nhsuk-u-margin-bottom-0">
            Add to the case
          </button>
          <button
            type="button"
            className="nhsuk-button nhsuk-button--secondary nhsuk-u-margin-bottom-0"
            onClick={() => choice.resolve(null)}
          >
            Cancel
          </button>
        </div>
      </div>
    </form>
  );
}

export function ArchivesStep({ record, services, act, go }: StepProps) {
  const [problems, setProblems] = useState<Problem[]>([]);
  const [progress, setProgress] = useState<{ file: string; progress: StageProgress | null } | null>(null);
  const [dragging, setDragging] = useState(false);
  const [status, setStatus] = useState('');
  const [choice, setChoice] = useState<PendingChoice | null>(null);
  const abort = useRef<AbortController | null>(null);
  const input = useRef<HTMLInputElement>(null);
  const key = services.keys.get(record.id) ?? null;

  /** Asks the officer which chat of an archive to read; resolves with the choice, or null when they cancel. */
  const askChat = (fileName: string, chats: ChatChoice[], allChannels: boolean) =>
    new Promise<{ chat?: string } | null>((resolve) => setChoice({ fileName, chats, allChannels, resolve }));

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
        const read = (chat?: string) =>
          services.caseWorker.call(
            'import',
            { archiveId, fileName: file.name, bytes, ...(chat !== undefined ? { chat } : {}) },
            { signal: controller.signal, onProgress: (step) => setProgress({ file: file.name, progress: step }) },
          );
        const imported = await read();
        let summary = imported.kind === 'summary' ? imported.summary : null;
        let chat: string | undefined;
        const chats = imported.kind === 'choose' ? imported.chats : imported.summary.chats;
        if (chats) {
          // Several chats (a Telegram full export, a Slack export of several channels): the officer chooses.
          setProgress(null);
          const picked = await askChat(file.name, chats, imported.kind === 'summary');
          setChoice(null);
          if (picked === null) {
            await services.store.deleteArchive(archiveId);
            await services.caseWorker.call('forget', { archiveId });
            setStatus(`${file.name} was not added.`);
            continue;
          }
          if (picked.chat !== undefined) {
            chat = picked.chat;
            setProgress({ file: file.name, progress: null });
            const again = await read(chat);
            if (again.kind !== 'summary') throw new Error(`${chat} could not be read from ${file.name}.`);
            summary = again.summary;
          }
        }
        if (!summary) throw new Error(`${file.name} could not be read.`);
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
          ...(chat !== undefined ? { chat } : {}),
        };
        act({ type: 'archive/add', archive });
        setStatus(
          `${file.name} was added${chat !== undefined ? ` (${chat})` : ''}: ${formatCount(summary.messageCount)} messages.`,
        );
      } catch (error) {
        if (stored) await services.store.deleteArchive(archiveId).catch(() => undefined);
        found.push(describeProblem(error, file.name));
      }
    }
    abort.current = null;
    setProgress(null);
    setChoice(null);
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
          // One import at a time, as the file picker (disabled meanwhile) allows: two would interleave their progress.
          if (progress !== null || choice !== null) {
            setStatus(
              `Wait until ${progress?.file ?? choice?.fileName ?? 'the current file'} has been read, then add more.`,
            );
            return;
          }
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
            disabled={progress !== null || choice !== null}
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
      {choice && <ChatChoiceForm choice={choice} />}
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
                {archive.chat !== undefined && (
                  <div className="nhsuk-summary-list__row">
                    <dt className="nhsuk-summary-list__key">Chosen chat</dt>
                    <dd className="nhsuk-summary-list__value">{archive.chat}</dd>
                  </div>
                )}
                {summary.chats && (
                  <div className="nhsuk-summary-list__row">
                    <dt className="nhsuk-summary-list__key">Channels</dt>
                    <dd className="nhsuk-summary-list__value">
                      All {summary.chats.length}: {summary.chats.map((c) => c.name).join(', ')}
                    </dd>
                  </div>
                )}
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
        disabled={record.archives.length === 0 || progress !== null || choice !== null}
        onClick={() => go('scope')}
      >
        Continue to scope
      </button>
    </>
  );
}
