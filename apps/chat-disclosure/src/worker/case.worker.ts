/// <reference lib="webworker" />
/**
 * The case worker: parses archives, merges them, scopes, runs detection, builds the search index and answers searches,
 * all off the page's main thread so the page never freezes. It holds the open case's parsed data in memory; the page
 * holds the decisions and persists everything needed to rebuild this state after a reload.
 */
import {
  ChatSelectionError,
  type Conversation,
  type ImportedArchive,
  importChat,
  mergeConversations,
} from '@im-records/chat-import';
import { hospitalNumberPattern } from '@im-records/records-policy';
import {
  applyDecisions,
  type DetectionResult,
  type DetectOptions,
  defaultHospitalNumberPatterns,
  detectPersonalData,
  disclose,
  type MessageSelection,
  type Proposal,
} from '@im-records/redaction';
import type MiniSearch from 'minisearch';
import { type StageContext, type StageProgress, serveStages } from '../lib/bridge.ts';
import type { ArchiveSummary, ChatChoice } from '../lib/case-model.ts';
import { countReasons, dateExclusion, dateReason } from '../lib/scope.ts';
import { buildSearchIndex, type SearchableMessage, searchMessages } from '../lib/search.ts';
import { buildSampleArchive } from './sample.ts';
import type { CaseStages, PreparedCase, PrepareInput } from './stages.ts';

declare const self: DedicatedWorkerGlobalScope;

const archives = new Map<string, ImportedArchive>();
let current: {
  conversation: Conversation;
  media: Map<string, Uint8Array>;
  /** Proposals as detection made them; decisions are applied on top each time. */
  detected: Proposal[];
  input: PrepareInput;
  options: DetectOptions;
  /** Scope as the engine's selection shape (date range and, for a SAR, by or about the subject). */
  selection: MessageSelection[];
} | null = null;

/** The engine's options for a case: the mode, and for a SAR the subject (kept) and the para 17 choice. */
function detectOptions(input: PrepareInput): DetectOptions {
  const subject = input.scope.subject;
  const options: DetectOptions = { mode: input.mode, keepHealthProfessionals: input.scope.keepProfessionals };
  const keepNames = (input.scope.keepNames ?? []).map((name) => name.trim()).filter(Boolean);
  if (input.mode === 'foi' && keepNames.length > 0) options.keepNames = keepNames;
  const shapes = (input.scope.hospitalNumberShapes ?? []).map((shape) => shape.trim()).filter(Boolean);
  if (shapes.length > 0) {
    // The trust's formats are added to the built-in one, never in place of it: a missed number is a breach.
    options.hospitalNumberPatterns = [...defaultHospitalNumberPatterns, ...shapes.map(hospitalNumberPattern)];
  }
  if (input.mode === 'sar' && subject.name.trim()) {
    options.subject = {
      names: [subject.name.trim()],
      aliases: subject.aliases,
      phones: subject.phone.trim() ? [subject.phone.trim()] : [],
    };
  }
  return options;
}
let index: MiniSearch<SearchableMessage> | null = null;

function summarise(archive: ImportedArchive): ArchiveSummary {
  const { conversation } = archive;
  const messages = conversation.messages;
  let attachmentCount = 0;
  let attachmentsPresent = 0;
  const chats = channelsOf(conversation);
  for (const message of messages) {
    attachmentCount += message.attachments.length;
    for (const attachment of message.attachments) if (attachment.included) attachmentsPresent++;
  }
  return {
    format: conversation.source.format,
    variant: conversation.source.variant,
    title: conversation.title,
    participants: conversation.participants.map((participant) => participant.name),
    firstMessage: messages.at(0)?.timestamp ?? null,
    lastMessage: messages.at(-1)?.timestamp ?? null,
    messageCount: messages.length,
    attachmentCount,
    attachmentsPresent,
    warnings: conversation.warnings.slice(0, 200).map((warning) => ({ line: warning.line, message: warning.message })),
    sha256: conversation.source.sha256,
    ...(chats.length > 1 ? { chats } : {}),
  };
}

/** The channels of an archive read whole (Slack), with their message counts in first-seen order. */
function channelsOf(conversation: Conversation): ChatChoice[] {
  if (conversation.source.format !== 'slack') return [];
  const counts = new Map<string, number>();
  for (const message of conversation.messages) {
    if (message.channel !== undefined) counts.set(message.channel, (counts.get(message.channel) ?? 0) + 1);
  }
  return [...counts].map(([name, messages]) => ({ name, messages }));
}

async function timed<T>(
  timings: { stage: string; ms: number }[],
  stage: string,
  work: () => Promise<T> | T,
): Promise<T> {
  const started = performance.now();
  const result = await work();
  timings.push({ stage, ms: Math.round(performance.now() - started) });
  return result;
}

async function prepare(input: PrepareInput, context: StageContext<StageProgress>): Promise<PreparedCase> {
  const { signal, progress } = context;
  const timings: { stage: string; ms: number }[] = [];
  const parts = input.archiveIds.map((id) => {
    const archive = archives.get(id);
    if (!archive) throw Object.assign(new Error(`Archive ${id} is not loaded`), { name: 'ArchiveNotLoaded' });
    return archive;
  });
  if (parts.length === 0) throw Object.assign(new Error('Add a chat export first.'), { name: 'NoArchives' });
  progress({ stage: 'merge', done: 0, total: 1, label: 'Combining chat exports' });
  const merged = await timed(timings, 'merge', () => {
    let conversation = (parts[0] as ImportedArchive).conversation;
    const media = new Map((parts[0] as ImportedArchive).media);
    for (const part of parts.slice(1)) {
      conversation = mergeConversations(conversation, part.conversation);
      for (const [key, bytes] of part.media) media.set(key, bytes);
    }
    // Imported archives stay in the importer's lean columnar list while the officer gathers them; the case being
    // prepared is read whole by every later stage (detection, scope, search, the page), so its messages are built once.
    const messages = Array.isArray(conversation.messages) ? conversation.messages : Array.from(conversation.messages);
    return { conversation: { ...conversation, messages }, media };
  });
  signal.throwIfAborted();

  const options = detectOptions(input);
  const detection: DetectionResult = await timed(timings, 'detect', () =>
    detectPersonalData(merged.conversation, {
      ...options,
      signal,
      onProgress: (done, total) => progress({ stage: 'detect', done, total, label: 'Looking for personal data' }),
    }),
  );
  signal.throwIfAborted();

  progress({ stage: 'scope', done: 0, total: 1, label: 'Working out what is in scope' });
  const scoped = await timed(timings, 'scope', () => {
    const subjectSelection =
      detection.selection.length > 0 ? new Map(detection.selection.map((entry) => [entry.messageId, entry])) : null;
    const inScope: PreparedCase['inScope'] = [];
    const selection: MessageSelection[] = [];
    const outReasons: string[] = [];
    const inDates = dateReason(input.scope);
    for (const message of merged.conversation.messages) {
      const excluded = dateExclusion(message.timestamp, input.scope);
      const bySubject = subjectSelection?.get(message.id);
      if (excluded) outReasons.push(excluded);
      else if (subjectSelection && !bySubject?.selected) outReasons.push('Not by or about the data subject');
      else inScope.push({ messageId: message.id, reasons: [inDates, ...(bySubject?.reasons ?? [])] });
      const selected = !excluded && (!subjectSelection || Boolean(bySubject?.selected));
      selection.push({ messageId: message.id, selected, reasons: bySubject?.reasons ?? [] });
    }
    return { inScope, selection, outOfScope: countReasons(outReasons) };
  });

  const proposals = await timed(
    timings,
    'decide',
    () => applyDecisions(merged.conversation, detection.proposals, input.decisions, input.mode).proposals,
  );

  const messages = merged.conversation.messages;
  index = await timed(timings, 'index', () =>
    buildSearchIndex(messages, {
      signal,
      onProgress: (done, total) => progress({ stage: 'index', done, total, label: 'Building the search index' }),
    }),
  );
  current = {
    conversation: merged.conversation,
    media: merged.media,
    detected: detection.proposals,
    input,
    options,
    selection: scoped.selection,
  };
  return {
    title: merged.conversation.title,
    messages,
    participants: merged.conversation.participants,
    proposals,
    inScope: scoped.inScope,
    outOfScope: scoped.outOfScope,
    sources: parts.map((part) => part.conversation.source),
    warnings: merged.conversation.warnings,
    timings,
  };
}

function requireCurrent() {
  if (!current) throw Object.assign(new Error('The case is not ready yet.'), { name: 'CaseNotPrepared' });
  return current;
}

serveStages<CaseStages>(self, {
  async import(input, { signal, progress }) {
    let archive: ImportedArchive;
    try {
      archive = await importChat(
        { fileName: input.fileName, bytes: input.bytes },
        {
          timeZone: input.timeZone ?? 'Europe/London',
          signal,
          ...(input.chat !== undefined ? { chat: input.chat } : {}),
          onProgress: (stage, fraction) =>
            progress({ stage, done: Math.round(fraction * 100), total: 100, label: `Reading the chat (${stage})` }),
        },
      );
    } catch (error) {
      // Several chats and none chosen yet: hand the list to the page to ask the officer (a chosen name that matches
      // none is still an error).
      if (error instanceof ChatSelectionError && input.chat === undefined && error.available.length > 1) {
        return { kind: 'choose', chats: error.available.map((name) => ({ name, messages: null })) };
      }
      throw error;
    }
    archives.set(input.archiveId, archive);
    return { kind: 'summary', summary: summarise(archive) };
  },
  async forget({ archiveId }) {
    archives.delete(archiveId);
    current = null;
    index = null;
    return null;
  },
  prepare,
  async decide({ decisions }) {
    const state = requireCurrent();
    state.input = { ...state.input, decisions };
    return applyDecisions(state.conversation, state.detected, decisions, state.input.mode).proposals;
  },
  async search({ query }) {
    const started = performance.now();
    const ids = index ? searchMessages(index, query) : [];
    return { ids, ms: performance.now() - started };
  },
  async media({ mediaKey }) {
    return current?.media.get(mediaKey) ?? null;
  },
  async disclose({ decisions }, { signal }) {
    const state = requireCurrent();
    signal.throwIfAborted();
    const disclosed = disclose(state.conversation, state.detected, decisions, {
      ...state.options,
      selection: state.selection,
    });
    const media: [string, Uint8Array][] = [];
    for (const message of disclosed.messages) {
      for (const attachment of message.attachments) {
        const bytes = attachment.disclose && attachment.mediaKey ? state.media.get(attachment.mediaKey) : undefined;
        if (bytes && attachment.mediaKey) media.push([attachment.mediaKey, bytes]);
      }
    }
    return { disclosed, media };
  },
  async sample({ seed, messages }, { transfer }) {
    const sample = await buildSampleArchive(seed, messages);
    transfer(sample.bytes.buffer);
    return sample;
  },
});
