/// <reference lib="webworker" />
/**
 * The case worker: parses archives, merges them, scopes, runs detection, builds the search index and answers searches,
 * all off the page's main thread so the page never freezes. It holds the open case's parsed data in memory; the page
 * holds the decisions and persists everything needed to rebuild this state after a reload. The search index is built
 * after `prepare` has answered, so review starts first; a search asked before it is ready waits for it.
 */

import { buildEngineOptions, type EngineOptions, scopeMessages } from '@im-records/case-settings';
import {
  ChatSelectionError,
  type Conversation,
  compareChats,
  type ImportedArchive,
  importChat,
  type Message,
  mergeConversations,
  messageAttachmentsAt,
  type Participant,
} from '@im-records/chat-import';
import {
  type AppliedDecisions,
  applyDecisions,
  type DetectionResult,
  detectPersonalData,
  disclose,
  forgetChatCaches,
  isTitleMessage,
  type KeptSpan,
  type MessageSelection,
  type Proposal,
  pseudonymTableFrom,
  type ScopeChoice,
  scopeChoices,
  stillVisible,
  withTitleMessages,
} from '@im-records/redaction';
import type MiniSearch from 'minisearch';
import { type StageContext, serveStages } from '../lib/bridge.ts';
import type { ArchiveSummary, ChatChoice } from '../lib/case-model.ts';
import {
  messagePlaces,
  messagesInScopeOf,
  packedBuffers,
  packMessages,
  packProposals,
  packScope,
} from '../lib/compact.ts';
import { indexProposals, reviewCounts } from '../lib/review.ts';
import { buildSearchIndex, type SearchableMessage, searchMessages } from '../lib/search.ts';
import { measure, timed, timedSync } from '../lib/timeline.ts';
import { ArchiveNotLoadedError, CaseNotPreparedError, NoArchivesError } from './errors.ts';
import { buildSampleArchive } from './sample.ts';
import type { CaseStages, Disclosure, PeopleList, PreparedRest, PrepareInput, PrepareProgress } from './stages.ts';
import { warmUp } from './warm-up.ts';

declare const self: DedicatedWorkerGlobalScope;

const archives = new Map<string, ImportedArchive>();
let current: {
  conversation: Conversation;
  media: Map<string, Uint8Array>;
  /**
   * Proposals as detection made them; decisions are applied on top each time. Read them through
   * {@link detectedOf}, which puts them in the order `applyDecisions` returns them once (so re-applying decisions, for
   * each decision the officer makes, does not sort them again).
   */
  detected: Proposal[];
  /** Whether {@link current}'s `detected` is in `applyDecisions`' order yet (a first opening leaves it for later). */
  detectedSorted: boolean;
  input: PrepareInput;
  /** The engine's options, built from the case's settings (the same builder as the command line's). */
  engine: EngineOptions;
  /**
   * Scope as the engine's selection shape (date range and, for a SAR, by or about the subject), with the officer's
   * choices of messages to leave out or bring in applied.
   */
  selection: MessageSelection[];
  /** Detection's own selection (a SAR's messages by or about the subject), which the officer's choices are laid over. */
  subjectSelection: MessageSelection[];
  /** What detection found and kept (the SAR subject's own data, kept staff): shown by design, never "still shown". */
  kept: KeptSpan[];
  /** The officer's scope choices {@link current}'s `selection` was worked out with (see {@link sameChoices}). */
  choices: Map<string, ScopeChoice>;
  /** Each message's place in the chat the page holds, by id: proposals travel with it (see `compact.ts`). */
  places: Map<string, number>;
} | null = null;

/**
 * The prepared case's search index: resolves once built, or with null when the build was dropped (a new prepare). Its
 * build starts when first asked for (`start`, by `indexed` or `search`).
 */
let searchIndex: {
  ready: Promise<MiniSearch<SearchableMessage> | null>;
  stop: AbortController;
  start: () => void;
} | null = null;

/** Drops the current search index (stopping its build); searches waiting on it get no results. */
function dropSearchIndex(): void {
  searchIndex?.stop.abort();
  searchIndex = null;
}

/** The current search index once built; a build dropped while waiting hands over to the one that replaced it. */
async function readySearchIndex(): Promise<MiniSearch<SearchableMessage> | null> {
  for (;;) {
    const pending = searchIndex;
    if (!pending) return null;
    pending.start();
    const index = await pending.ready;
    if (index || pending === searchIndex) return index;
  }
}

/**
 * Builds the search index in the background, in chunks that let searches and decisions through, once it is first
 * asked for: the page asks when the review is on screen, so the build does not compete with its first render.
 */
function buildSearchIndexLater(messages: readonly Message[]): void {
  dropSearchIndex();
  const stop = new AbortController();
  let start = () => {};
  const asked = new Promise<void>((resolve) => {
    start = () => resolve();
  });
  const ready = asked
    .then(() => timed('index:build', () => buildSearchIndex(messages, { signal: stop.signal })))
    .catch(() => null);
  searchIndex = { ready, stop, start };
}

function summarise(archive: ImportedArchive): ArchiveSummary {
  const { conversation } = archive;
  const messages = conversation.messages;
  let attachmentCount = 0;
  let attachmentsPresent = 0;
  const chats = channelsOf(conversation);
  // Read row by row without building each message (its text, id and time): most of a pass over the importer's list.
  for (let i = 0; i < messages.length; i++) {
    const attachments = messageAttachmentsAt(messages, i);
    attachmentCount += attachments.length;
    for (const attachment of attachments) if (attachment.included) attachmentsPresent++;
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
    warnings: conversation.warnings.slice(0, 200).map((warning) => ({
      line: warning.line,
      message: warning.message,
      ...(warning.code ? { code: warning.code } : {}),
    })),
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

/**
 * The case's conversations, each merged from the exports of one chat, combined into one conversation for detection and
 * review: with several, each one's messages carry its own `channel` (`1`, `2`, … or `1:#channel` for a Slack channel),
 * which the disclosure keeps apart as sections; every chat's title becomes a title message (see `withTitleMessages`).
 */
function combine(groups: ImportedArchive[][]): { conversation: Conversation; media: Map<string, Uint8Array> } {
  const media = new Map<string, Uint8Array>();
  const merged = groups.map((parts) => {
    let conversation = (parts[0] as ImportedArchive).conversation;
    for (const part of parts.slice(1)) conversation = mergeConversations(conversation, part.conversation);
    for (const part of parts) for (const [key, bytes] of part.media) media.set(key, bytes);
    return conversation;
  });
  if (merged.length === 1) {
    const conversation = merged[0] as Conversation;
    // Imported archives stay in the importer's lean columnar list while the officer gathers them; the case being
    // prepared is read whole by every later stage (detection, scope, search, the page), so its messages are built once.
    const messages = Array.isArray(conversation.messages) ? conversation.messages : Array.from(conversation.messages);
    return { conversation: withTitleMessages({ ...conversation, messages }), media };
  }
  const titles = new Map<string, string>();
  const messages: Message[] = [];
  const seen = new Set<string>();
  const participants = new Map<string, Participant>();
  merged.forEach((conversation, k) => {
    for (const message of conversation.messages) {
      const channel = message.channel === undefined ? `${k + 1}` : `${k + 1}:${message.channel}`;
      if (!titles.has(channel)) titles.set(channel, message.channel ?? conversation.title);
      // Ids are content hashes: two unrelated chats could share one only by chance; keep them unique all the same.
      const id = seen.has(message.id) ? `${message.id}~${k + 1}` : message.id;
      seen.add(id);
      messages.push({ ...message, id, channel });
    }
    for (const participant of conversation.participants) {
      const known = participants.get(participant.name);
      if (known) known.messageCount += participant.messageCount;
      else participants.set(participant.name, { ...participant });
    }
  });
  const first = merged[0] as Conversation;
  const conversation: Conversation = {
    ...first,
    title: merged.map((c) => c.title).join('; '),
    participants: [...participants.values()],
    messages,
    warnings: merged.flatMap((c) => c.warnings),
    sources: merged.flatMap((c) => c.sources ?? [c.source]),
  };
  return { conversation: withTitleMessages(conversation, titles), media };
}

async function prepare(input: PrepareInput, context: StageContext<PrepareProgress>): Promise<PreparedRest> {
  const { signal, progress } = context;
  const parts = input.archiveIds.map((id) => {
    const archive = archives.get(id);
    if (!archive) throw new ArchiveNotLoadedError(id);
    return archive;
  });
  if (parts.length === 0) throw new NoArchivesError();
  progress({ stage: 'merge', done: 0, total: 1, label: 'Combining chat exports' });
  const merged = await timed('prepare:merge', () => {
    const groups: ImportedArchive[][] = [];
    parts.forEach((part, i) => {
      const group = input.groups?.[i] ?? 0;
      groups[group] = [...(groups[group] ?? []), part];
    });
    return combine(groups.filter((group) => group !== undefined && group.length > 0));
  });
  signal.throwIfAborted();
  const all = merged.conversation.messages as Message[];
  const titles = all.filter((message) => isTitleMessage(message.id));
  const messages = titles.length > 0 ? all.slice(titles.length) : all;
  // Each large part goes to the page as soon as it is computed, in columns: the page unpacks it while this worker goes
  // on. Packing is timed with the copy it replaces.
  await timed('clone:prepare:chat-from-worker', () => {
    const packed = packMessages(messages);
    const chat = {
      title: merged.conversation.title,
      titles,
      messages: packed,
      participants: merged.conversation.participants,
    };
    progress({ stage: 'merged', chat }, packedBuffers(packed));
  });

  const engine = buildEngineOptions(input.settings);
  const detection: DetectionResult = await timed('prepare:detect', () =>
    detectPersonalData(merged.conversation, {
      ...engine.detect,
      signal,
      onProgress: (done, total) => progress({ stage: 'detect', done, total, label: 'Looking for personal data' }),
    }),
  );
  signal.throwIfAborted();

  progress({ stage: 'scope', done: 0, total: 1, label: 'Working out what is in scope' });
  const choices = scopeChoices(input.decisions);
  const scoped = await timed('prepare:scope', () =>
    scopeMessages(merged.conversation.messages, input.settings, detection.selection, choices),
  );
  // The page holds the chat as sent above, titles first: scope and proposals name its messages by place.
  const places = messagePlaces(all);
  const messagesInScope = await timed('clone:prepare:scope-from-worker', () => {
    const inScope = packScope(scoped.inScope, places);
    const inScopeByIndex = messagesInScopeOf(inScope, titles.length, messages.length);
    progress({ stage: 'scoped', scope: { inScope, outOfScope: scoped.outOfScope } }, packedBuffers(inScope));
    return inScopeByIndex;
  });

  // The scope step shows its result now; the review, if the officer goes on, shows these steps as they run.
  progress({ stage: 'decide', done: 0, total: 1, label: 'Applying your decisions' });
  // With no decision made, the page is sent detection's proposals as they are, in the chat's order (each id once): it
  // files them by message place and group, so it never reads their order, and the sort `applyDecisions` would do
  // (50-80 ms at 40,000 messages in a browser) waits for the first call that needs it, after the review is showing.
  const firstOpen = input.decisions.length === 0;
  let detected = detection.proposals;
  const proposals = firstOpen
    ? detected
    : await timed('prepare:decide', () => {
        detected = applyDecisions(merged.conversation, detected, [], engine.mode).proposals;
        return applyDecisions(merged.conversation, detected, input.decisions, engine.mode).proposals;
      });
  const proposalPlaces = await timed('clone:prepare:proposals-from-worker', () => {
    const packed = packProposals(proposals, places);
    const kept = packed.place.slice();
    progress({ stage: 'decided', proposals: packed }, packedBuffers(packed));
    return kept;
  });
  signal.throwIfAborted();
  // The review's counts, while the page unpacks the proposals: with no decision made they are detection's, which the
  // page would otherwise work out in the review's first render (see `PreparedCase.counts`).
  if (firstOpen) {
    await timed('prepare:count', () => {
      const index = indexProposals(proposals, proposalPlaces, { titles: titles.length, messages: messages.length });
      const counts = reviewCounts({ titles, messages, inScope: messagesInScope }, index, new Map());
      progress({ stage: 'counted', counts });
    });
  }

  current = {
    conversation: merged.conversation,
    media: merged.media,
    detected,
    detectedSorted: !firstOpen,
    input,
    engine,
    selection: scoped.selection,
    subjectSelection: detection.selection,
    kept: detection.kept,
    choices,
    places,
  };
  // The people table (a few hundred milliseconds at 40,000 messages) is the `people` stage, asked for once this has
  // answered: the review shows without it.
  buildSearchIndexLater(messages);
  return {
    sources: parts.map((part) => part.conversation.source),
    warnings: merged.conversation.warnings,
  };
}

/** The prepared case's proposals in `applyDecisions`' order, sorted the first time they are asked for. */
function detectedOf(state: NonNullable<typeof current>): Proposal[] {
  if (!state.detectedSorted) {
    state.detected = timedSync('prepare:decide', () =>
      applyDecisions(state.conversation, state.detected, [], state.engine.mode),
    ).proposals;
    state.detectedSorted = true;
  }
  return state.detected;
}

/** The people table of the prepared case, from decisions already applied to its proposals. */
function peopleOf(state: NonNullable<typeof current>, applied: AppliedDecisions): PeopleList {
  return pseudonymTableFrom(state.conversation, applied, { ...state.engine.disclose, selection: state.selection });
}

/** Whether two sets of scope choices give the same scope: the same messages in and out, with the same reasons. */
function sameChoices(a: ReadonlyMap<string, ScopeChoice>, b: ReadonlyMap<string, ScopeChoice>): boolean {
  if (a.size !== b.size) return false;
  for (const [id, choice] of a) {
    const other = b.get(id);
    if (other?.inScope !== choice.inScope || other.by !== choice.by || other.reason !== choice.reason) return false;
  }
  return true;
}

function requireCurrent() {
  if (!current) throw new CaseNotPreparedError();
  return current;
}

/**
 * The warm-up run when the worker starts (see `warm-up.ts`), about a second of CPU while the officer enters the case.
 * Reading a file (`import`) runs beside it, each yielding to the other between chunks; `prepare` stops what is left:
 * the officer's own chat warms the engine just as well, and detection should not wait behind a sample. Measured as
 * `worker:warm-up` when it finished, `worker:warm-up:stopped` when stopped.
 */
const warming = new AbortController();
setTimeout(() => {
  const started = performance.now();
  warmUp(warming.signal).then(
    () => measure('worker:warm-up', started),
    () => measure('worker:warm-up:stopped', started),
  );
}, 0);
const stopWarmingUp = (event: MessageEvent) => {
  if ((event.data as { stage?: string } | null)?.stage !== 'prepare') return;
  warming.abort();
  self.removeEventListener('message', stopWarmingUp);
};
self.addEventListener('message', stopWarmingUp);

serveStages<CaseStages>(self, {
  async import(input, { signal, progress }) {
    let archive: ImportedArchive;
    try {
      archive = await importChat(
        { fileName: input.fileName, bytes: input.bytes },
        {
          timeZone: input.timeZone ?? 'Europe/London',
          signal,
          ...(input.dateOrder !== undefined ? { dateOrder: input.dateOrder } : {}),
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
    dropSearchIndex();
    // Detection's caches are keyed by the chat's words and numbers: nothing of a removed chat stays behind.
    forgetChatCaches();
    return null;
  },
  prepare,
  async decide({ decisions }, { transfer }) {
    const state = requireCurrent();
    state.input = { ...state.input, decisions };
    // Applied once, for the proposals, the scope and the people; the proposals go in columns, as `prepare` sends them.
    const applied = applyDecisions(state.conversation, detectedOf(state), decisions, state.engine.mode);
    const proposals = packProposals(applied.proposals, state.places);
    transfer(...packedBuffers(proposals));
    // A message left out or brought in: the scope is worked out again, and the page is sent it (with its people).
    if (sameChoices(applied.scope, state.choices)) return { proposals, people: peopleOf(state, applied) };
    const scoped = scopeMessages(
      state.conversation.messages,
      state.input.settings,
      state.subjectSelection,
      applied.scope,
    );
    state.selection = scoped.selection;
    state.choices = applied.scope;
    const inScope = packScope(scoped.inScope, state.places);
    transfer(...packedBuffers(inScope));
    return { proposals, people: peopleOf(state, applied), scope: { inScope, outOfScope: scoped.outOfScope } };
  },
  async people({ decisions }) {
    const state = requireCurrent();
    return timed('people:list', () =>
      peopleOf(state, applyDecisions(state.conversation, detectedOf(state), decisions, state.engine.mode)),
    );
  },
  async match({ archiveId, groups }) {
    const added = archives.get(archiveId);
    if (!added) throw new ArchiveNotLoadedError(archiveId);
    let reason = '';
    for (const [group, ids] of groups.entries()) {
      for (const id of ids) {
        const other = archives.get(id);
        if (!other) continue;
        const comparison = compareChats(other.conversation, added.conversation);
        if (comparison.sameChat) return { group, reason: comparison.reason };
        reason ||= comparison.reason;
      }
    }
    return { group: null, reason };
  },
  async summary({ decisions }) {
    const state = requireCurrent();
    const disclosed = disclose(state.conversation, detectedOf(state), decisions, {
      ...state.engine.disclose,
      selection: state.selection,
    });
    const withheld = applyDecisions(state.conversation, detectedOf(state), decisions, state.engine.mode).proposals;
    return {
      title: disclosed.title,
      sections: (disclosed.sections ?? []).map((section) => section.title),
      counts: disclosed.counts,
      stillVisible: stillVisible(state.conversation, disclosed, withheld, state.kept),
    };
  },
  async search({ query }) {
    const index = await readySearchIndex();
    const started = performance.now();
    const ids = index ? searchMessages(index, query) : [];
    return { ids, ms: performance.now() - started };
  },
  async indexed() {
    return (await readySearchIndex()) !== null;
  },
  async media({ mediaKey }) {
    return current?.media.get(mediaKey) ?? null;
  },
  async disclose({ decisions, to }, { signal }) {
    const state = requireCurrent();
    signal.throwIfAborted();
    const disclosed = disclose(state.conversation, detectedOf(state), decisions, {
      ...state.engine.disclose,
      selection: state.selection,
    });
    const media: [string, Uint8Array][] = [];
    for (const message of disclosed.messages) {
      for (const attachment of message.attachments) {
        const bytes = attachment.disclose && attachment.mediaKey ? state.media.get(attachment.mediaKey) : undefined;
        if (bytes && attachment.mediaKey) media.push([attachment.mediaKey, bytes]);
      }
    }
    // Cloned once, straight to the package worker; the bytes stay here too, for the review's previews.
    to.postMessage({ disclosed, media } satisfies Disclosure);
    to.close();
    return { counts: disclosed.counts };
  },
  async sample({ seed, messages }, { transfer }) {
    const sample = await buildSampleArchive(seed, messages);
    transfer(sample.bytes.buffer);
    return sample;
  },
});
