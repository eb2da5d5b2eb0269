/**
 * The case worker's warm-up: the first chat a fresh worker reads and checks pays for compiling the importer's and the
 * detection engine's code and patterns and building their word lists, about a second on the way to review at 40,000
 * messages. A small synthetic chat (the project's own generator, never real data) run through the same stages, then
 * the detection package's own warm-up (`prepareDetection`: detection on a made-up chat of 3,000 messages) when the
 * worker starts pays most of that while the officer is still entering the case. Nothing is kept and nothing is sent.
 */
import { buildEngineOptions, type CaseSettings, scopeMessages } from '@im-records/case-settings';
import { importChat, type Message } from '@im-records/chat-import';
import {
  applyDecisions,
  detectPersonalData,
  prepareDetection,
  pseudonymTable,
  withTitleMessages,
} from '@im-records/redaction';
import { generateClinicalChat } from '@im-records/synthetic-chats';
import { messagePlaces, messagesInScopeOf, packMessages, packProposals, packScope } from '../lib/compact.ts';
import { indexProposals, reviewCounts } from '../lib/review.ts';

const settings: CaseSettings = {
  requestType: 'foi',
  from: '',
  to: '',
  subject: { name: '', aliases: [], phones: [] },
  keepHealthProfessionals: false,
  keepNames: [],
  hospitalNumberShapes: [],
};

/**
 * Runs a 60-message chat through import, detection, scope, decisions, people and packing (every stage's code, briefly),
 * then warms detection up on the package's larger made-up chat (the part that takes time); resolves when done, rejects
 * when `signal` stops it (between two chunks: nothing is left half-built that changes a result).
 */
export async function warmUp(signal: AbortSignal): Promise<void> {
  const chat = await generateClinicalChat({ seed: 1, messages: 60, style: 'android' });
  signal.throwIfAborted();
  const archive = await importChat(
    { fileName: 'warm-up.txt', bytes: new TextEncoder().encode(chat.exportText) },
    { timeZone: 'Europe/London', signal },
  );
  const messages = Array.from(archive.conversation.messages);
  const conversation = withTitleMessages({ ...archive.conversation, messages });
  const engine = buildEngineOptions(settings);
  const detection = await detectPersonalData(conversation, { ...engine.detect, signal });
  const scoped = scopeMessages(conversation.messages, settings, detection.selection);
  const { proposals } = applyDecisions(conversation, detection.proposals, [], engine.mode);
  pseudonymTable(conversation, detection.proposals, [], { ...engine.disclose, selection: scoped.selection });
  const places = messagePlaces(conversation.messages);
  packMessages(messages);
  const inScope = messagesInScopeOf(packScope(scoped.inScope, places), 1, messages.length);
  const packed = packProposals(proposals, places);
  const index = indexProposals(proposals, packed.place, { titles: 1, messages: messages.length });
  reviewCounts({ titles: [conversation.messages.at(0) as Message], messages, inScope }, index, new Map());
  await prepareDetection({ signal });
}
