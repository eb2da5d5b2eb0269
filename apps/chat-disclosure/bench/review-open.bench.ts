/**
 * The page's work between the prepared case arriving and the review's first render, in Node, on the proposals and
 * scope of a 40,000-message chat prepared as the case worker prepares it: unpacking the columns, indexing the
 * proposals, the counts, the name groups, the list's rows and their height estimates. Each step is timed alone, best
 * of ROUNDS (default 7): `node bench/review-open.bench.ts` (MESSAGES=… changes the size).
 */
import { buildEngineOptions, scopeMessages } from '@im-records/case-settings';
import { importChat, type Message } from '@im-records/chat-import';
import {
  applyDecisions,
  detectPersonalData,
  isTitleMessage,
  proposalGroups,
  withTitleMessages,
} from '@im-records/redaction';
import { generateClinicalChat } from '@im-records/synthetic-chats';
import { rowEstimates } from '../src/components/review/rowHeight.ts';
import {
  messagePlaces,
  packMessages,
  packProposals,
  packScope,
  unpackMessages,
  unpackProposals,
  unpackScope,
} from '../src/lib/compact.ts';
import { filterMessages, indexProposals, noFilters, reviewCounts } from '../src/lib/review.ts';

const count = Number(process.env.MESSAGES ?? 40_000);
const rounds = Number(process.env.ROUNDS ?? 7);
const chat = await generateClinicalChat({ seed: 11, messages: count, style: 'android' });
const archive = await importChat({
  fileName: 'WhatsApp Chat with Ward 7.txt',
  bytes: new TextEncoder().encode(chat.exportText),
});
const listed = archive.conversation.messages;
const conversation = withTitleMessages({
  ...archive.conversation,
  messages: Array.isArray(listed) ? listed : Array.from(listed),
});
const engine = buildEngineOptions({ requestType: 'foi' });
const detection = await detectPersonalData(conversation, engine.detect);
const scoped = scopeMessages(conversation.messages, {}, detection.selection);
const detected = applyDecisions(conversation, detection.proposals, [], engine.mode).proposals;
const all = conversation.messages as Message[];
const titleCount = all.filter((message) => isTitleMessage(message.id)).length;
const titles = all.slice(0, titleCount);

const best = new Map<string, number>();
function time<T>(name: string, work: () => T): T {
  const started = performance.now();
  const result = work();
  const ms = performance.now() - started;
  best.set(name, Math.min(best.get(name) ?? Number.POSITIVE_INFINITY, ms));
  return result;
}

for (let round = 0; round < rounds; round++) {
  const places = time('message places (worker)', () => messagePlaces(all));
  const packedChat = time('pack messages (worker)', () => packMessages(all.slice(titleCount)));
  const packedScope = time('pack scope (worker)', () => packScope(scoped.inScope, places));
  const packedProposals = time('pack proposals (worker)', () => packProposals(detected, places));
  const messages = time('unpack messages', () => unpackMessages(packedChat));
  const chat = { titles, messages };
  const { messagesInScope: inScope } = time('unpack scope', () => unpackScope(packedScope, chat));
  const placed = time('unpack proposals', () => unpackProposals(packedProposals, chat));
  const index = time('index proposals', () =>
    indexProposals(placed.list, placed.places, { titles: titles.length, messages: messages.length }),
  );
  time('name groups', () => proposalGroups(placed.list));
  time('counts', () => reviewCounts({ titles, messages, inScope }, index, new Map()));
  time('rows shown', () => filterMessages(messages, index.byMessage, new Map(), noFilters, inScope, null));
  time('row height estimates', () => rowEstimates(messages));
}

console.log(
  `${count.toLocaleString('en-GB')} messages, ${detected.length.toLocaleString('en-GB')} proposals, ${scoped.inScope.length.toLocaleString('en-GB')} in scope; best of ${rounds}:`,
);
let total = 0;
for (const [name, ms] of best) {
  if (!name.endsWith('(worker)')) total += ms;
  console.log(`  ${name.padEnd(28)} ${ms.toFixed(1).padStart(7)} ms`);
}
console.log(`  ${'on the page, in all'.padEnd(28)} ${total.toFixed(1).padStart(7)} ms`);
