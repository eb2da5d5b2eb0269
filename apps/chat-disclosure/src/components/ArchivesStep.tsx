/**
 * Step 2: add the chat exports (drag and drop or the file picker; several per case, one from each phone). Each is stored
 * in IndexedDB, read in the case worker with a progress bar and a cancel button, and summarised.
 */
import { formatLongDate } from '@im-records/records-policy';
import { type SubmitEvent, useEffect, useRef, useState } from 'react';
import type { StageProgress } from '../lib/bridge.ts';
import type { CaseArchive, ChatChoice } from '../lib/case-model.ts';
import { describeProblem, type Problem } from '../lib/errors.ts';
import { timeOf } from '../lib/scope.ts';
import { timed } from '../lib/timeline.ts';
import { newId, nowIso } from './services.ts';
import type { StepProps } from './step.ts';
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
  const submit = (event: SubmitEvent<HTMLFormElement>) => {
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

/** An export that is not the same chat as those in the case, waiting for the officer to say what to do with it. */
interface PendingSeparate {
  fileName: string;
  reason: string;
  resolve: (separate: boolean) => void;
}

/** "Add as a separate conversation, or don't add": asked before an unrelated chat joins a case. */
function SeparateChatForm({ pending }: { pending: PendingSeparate }) {
  const [choice, setChoice] = useState<'separate' | 'skip' | null>(null);
  const [error, setError] = useState('');
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  const option = (value: 'separate' | 'skip', label: string, hint: string) => (
    <div className="nhsuk-radios__item">
      <input
        className="nhsuk-radios__input"
        id={`separate-${value}`}
        name="separate-chat"
        type="radio"
        checked={choice === value}
        aria-describedby={`separate-${value}-hint`}
        onChange={() => {
          setChoice(value);
          setError('');
        }}
      />
      <label className="nhsuk-label nhsuk-radios__label" htmlFor={`separate-${value}`}>
        {label}
      </label>
      <div className="nhsuk-hint nhsuk-radios__hint" id={`separate-${value}-hint`}>
        {hint}
      </div>
    </div>
  );
  return (
    <form
      className="nhsuk-card app-chat-choice"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        if (choice === null) setError(`Choose whether to add ${pending.fileName}`);
        else pending.resolve(choice === 'separate');
      }}
    >
      <div className="nhsuk-card__content">
        <div className={`nhsuk-form-group${error ? ' nhsuk-form-group--error' : ''}`}>
          <fieldset className="nhsuk-fieldset" aria-describedby={`separate-hint${error ? ' separate-error' : ''}`}>
            <legend className="nhsuk-fieldset__legend nhsuk-fieldset__legend--m">
              <h2 className="nhsuk-fieldset__heading" ref={heading} tabIndex={-1}>
                {pending.fileName} is a different chat
              </h2>
            </legend>
            <div className="nhsuk-hint" id="separate-hint">
              {pending.reason} Exports of one chat are combined; a different chat is never mixed into it.
            </div>
            {error && (
              <span className="nhsuk-error-message" id="separate-error">
                <span className="nhsuk-u-visually-hidden">Error:</span> {error}
              </span>
            )}
            <div className="nhsuk-radios">
              {option(
                'separate',
                'Add it as a separate conversation in this case',
                'The bundle keeps it apart: its own section of the transcript, under its own title.',
              )}
              {option('skip', "Don't add it", 'Nothing is added. Start a separate case if it answers another request.')}
            </div>
          </fieldset>
        </div>
        <button type="submit" className="nhsuk-button nhsuk-u-margin-bottom-0">
          Continue
        </button>
      </div>
    </form>
  );
}

/** The day/month order of an export whose dates could be read either way, as a choice on the page. */
function DateOrderControl({
  archive,
  onChoose,
}: {
  archive: CaseArchive;
  onChoose: (order: 'dmy' | 'mdy') => Promise<void>;
}) {
  const current = archive.dateOrder ?? (archive.summary.variant.includes('-mdy-') ? 'mdy' : 'dmy');
  const [order, setOrder] = useState<'dmy' | 'mdy'>(current);
  const [busy, setBusy] = useState(false);
  const id = `date-order-${archive.id}`;
  return (
    <div className="nhsuk-form-group nhsuk-u-margin-bottom-3">
      <fieldset className="nhsuk-fieldset">
        <legend className="nhsuk-fieldset__legend nhsuk-fieldset__legend--s">How does the phone write dates?</legend>
        <div className="nhsuk-radios nhsuk-radios--inline">
          {(
            [
              ['dmy', 'Day first (31/01/2024)'],
              ['mdy', 'Month first (01/31/2024)'],
            ] as const
          ).map(([value, label]) => (
            <div className="nhsuk-radios__item" key={value}>
              <input
                className="nhsuk-radios__input"
                id={`${id}-${value}`}
                name={id}
                type="radio"
                checked={order === value}
                onChange={() => setOrder(value)}
              />
              <label className="nhsuk-label nhsuk-radios__label" htmlFor={`${id}-${value}`}>
                {label}
              </label>
            </div>
          ))}
        </div>
      </fieldset>
      <button
        type="button"
        className="nhsuk-button nhsuk-button--secondary nhsuk-button--small nhsuk-u-margin-bottom-0"
        disabled={busy || order === current}
        onClick={async () => {
          setBusy(true);
          try {
            await onChoose(order);
          } finally {
            setBusy(false);
          }
        }}
      >
        Read the dates again<span className="nhsuk-u-visually-hidden"> of {archive.fileName}</span>
      </button>
    </div>
  );
}

export function ArchivesStep({ record, services, act, go }: StepProps) {
  const [problems, setProblems] = useState<Problem[]>([]);
  const [progress, setProgress] = useState<{ file: string; progress: StageProgress | null } | null>(null);
  const [dragging, setDragging] = useState(false);
  const [status, setStatus] = useState('');
  const [choice, setChoice] = useState<PendingChoice | null>(null);
  const [separate, setSeparate] = useState<PendingSeparate | null>(null);
  const abort = useRef<AbortController | null>(null);
  const input = useRef<HTMLInputElement>(null);
  const key = services.keys.get(record.id) ?? null;

  /** Asks the officer which chat of an archive to read; resolves with the choice, or null when they cancel. */
  const askChat = (fileName: string, chats: ChatChoice[], allChannels: boolean) =>
    new Promise<{ chat?: string } | null>((resolve) => setChoice({ fileName, chats, allChannels, resolve }));
  const askSeparate = (fileName: string, reason: string) =>
    new Promise<boolean>((resolve) => setSeparate({ fileName, reason, resolve }));
  /** Exports added in this batch count too: they are in the case, though the record has not re-rendered yet. */
  const added = useRef<CaseArchive[]>([]);
  added.current = record.archives;

  const addFiles = async (files: File[]) => {
    setProblems([]);
    const found: Problem[] = [];
    for (const file of files) {
      const controller = new AbortController();
      abort.current = controller;
      setProgress({ file: file.name, progress: null });
      const archiveId = newId();
      let storing: Promise<void> | null = null;
      try {
        const bytes = new Uint8Array(await timed('read:file', () => file.arrayBuffer()));
        // Stored while the worker reads it. `putArchive` takes its copy before it returns, so the bytes can then be
        // moved (not copied) to the worker; the case refers to the archive only once both are done.
        storing = timed('idb:archive', () => services.store.putArchive(record.id, archiveId, bytes, key));
        let unread: Uint8Array | null = bytes;
        const read = async (chat?: string) => {
          // A second read (the chat the officer chose) reads the file again: the first one's bytes were moved.
          const input = unread ?? new Uint8Array(await file.arrayBuffer());
          unread = null;
          return services.caseWorker.call(
            'import',
            { archiveId, fileName: file.name, bytes: input, ...(chat !== undefined ? { chat } : {}) },
            {
              signal: controller.signal,
              onProgress: (step) => setProgress({ file: file.name, progress: step }),
              transfer: [input.buffer],
            },
          );
        };
        const [imported] = await Promise.all([read(), storing]);
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
        // An export that is not the same chat as those in the case is never merged into them unasked.
        let conversation = 0;
        const inCase = added.current;
        if (inCase.length > 0) {
          const groups: string[][] = [];
          for (const archive of inCase) {
            const group = archive.conversation ?? 0;
            groups[group] = [...(groups[group] ?? []), archive.id];
          }
          const match = await services.caseWorker.call('match', {
            archiveId,
            groups: [...groups].map((ids) => ids ?? []),
          });
          if (match.group !== null) conversation = match.group;
          else {
            setProgress(null);
            const keep = await askSeparate(file.name, match.reason);
            setSeparate(null);
            if (!keep) {
              await services.store.deleteArchive(archiveId);
              await services.caseWorker.call('forget', { archiveId });
              setStatus(`${file.name} was not added.`);
              continue;
            }
            conversation = groups.length;
          }
        }
        const archive: CaseArchive = {
          id: archiveId,
          fileName: file.name,
          size: file.size,
          addedAt: nowIso(),
          summary,
          ...(chat !== undefined ? { chat } : {}),
          ...(conversation > 0 ? { conversation } : {}),
        };
        act({ type: 'archive/add', archive });
        added.current = [...added.current, archive];
        setStatus(
          `${file.name} was added${chat !== undefined ? ` (${chat})` : ''}${conversation > 0 ? ` as conversation ${conversation + 1}` : ''}: ${countOf(summary.messageCount, 'message')}.`,
        );
      } catch (error) {
        if (storing) {
          await storing.catch(() => undefined);
          await services.store.deleteArchive(archiveId).catch(() => undefined);
        }
        found.push(describeProblem(error, file.name));
      }
    }
    abort.current = null;
    setProgress(null);
    setChoice(null);
    setSeparate(null);
    setProblems(found);
    if (input.current) input.current.value = '';
  };

  /** Reads an export again with the day/month order the officer chose. */
  const rereadDates = async (archive: CaseArchive, dateOrder: 'dmy' | 'mdy') => {
    try {
      const bytes = await services.store.getArchive(archive.id, key);
      const read = await services.caseWorker.call(
        'import',
        {
          archiveId: archive.id,
          fileName: archive.fileName,
          bytes,
          dateOrder,
          ...(archive.chat !== undefined ? { chat: archive.chat } : {}),
        },
        { transfer: [bytes.buffer] },
      );
      if (read.kind !== 'summary') throw new Error(`${archive.fileName} could not be read again.`);
      act({ type: 'archive/update', id: archive.id, archive: { dateOrder, summary: read.summary } });
      setStatus(`The dates of ${archive.fileName} were read ${dateOrder === 'dmy' ? 'day first' : 'month first'}.`);
    } catch (error) {
      setProblems([describeProblem(error, archive.fileName)]);
    }
  };

  const remove = async (archive: CaseArchive) => {
    await services.store.deleteArchive(archive.id);
    await services.caseWorker.call('forget', { archiveId: archive.id });
    act({ type: 'archive/remove', id: archive.id });
    setStatus(`${archive.fileName} was removed from the case.`);
  };

  const conversations = new Set(record.archives.map((archive) => archive.conversation ?? 0)).size;
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
          if (progress !== null || choice !== null || separate !== null) {
            setStatus(
              `Wait until ${progress?.file ?? choice?.fileName ?? separate?.fileName ?? 'the current file'} has been read, then add more.`,
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
            disabled={progress !== null || choice !== null || separate !== null}
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
      {separate && <SeparateChatForm pending={separate} />}
      <p className="nhsuk-body" role="status">
        {status}
      </p>
      {record.archives.map((archive) => {
        const summary = archive.summary;
        const askOrder = summary.warnings.some((warning) => warning.code === 'date-order') || archive.dateOrder;
        return (
          <div className="nhsuk-card" key={archive.id}>
            <div className="nhsuk-card__content">
              <h2 className="nhsuk-card__heading nhsuk-heading-s">{archive.fileName}</h2>
              {conversations > 1 && (
                <p className="nhsuk-body-s nhsuk-u-margin-bottom-2">
                  <Tag colour="blue">Conversation {(archive.conversation ?? 0) + 1}</Tag>
                </p>
              )}
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
                          <span className="nhsuk-details__summary-text">
                            {countOf(summary.warnings.length, 'warning')} to check
                          </span>
                        </summary>
                        <div className="nhsuk-details__text">
                          <ul className="nhsuk-list nhsuk-list--bullet">
                            {summary.warnings.slice(0, 50).map((warning) => (
                              <li key={`${warning.line}:${warning.message}`}>
                                {warning.line > 0 && !/\bline \d/i.test(warning.message)
                                  ? `Line ${warning.line}: `
                                  : ''}
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
              {askOrder && <DateOrderControl archive={archive} onChoose={(order) => rereadDates(archive, order)} />}
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
        disabled={record.archives.length === 0 || progress !== null || choice !== null || separate !== null}
        onClick={() => go('scope')}
      >
        Continue to scope
      </button>
    </>
  );
}
