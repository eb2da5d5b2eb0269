/**
 * Writes `test/golden/detect-golden.json`: a small synthetic chat (seed 7, 800 messages, stored with the file so the
 * test does not depend on the generator) and the engine's results on it for FOI, FOI with keep/custom options and SAR:
 * every proposal as a compact row, every kept span, the SAR selection, and the SHA-256 of the whole result's JSON. `test/golden.test.ts` checks that detection still gives exactly these results, so a speed change cannot change
 * a proposal unnoticed. Re-run it only when a change is meant to change results, and review the diff.
 *
 * Usage: node scripts/build-detect-golden.ts
 */
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { generateClinicalChat } from '@im-records/synthetic-chats';
import { toConversation } from '../eval/conversation.ts';
import { type DetectOptions, detectPersonalDataSync, type Proposal } from '../src/index.ts';

const conversation = toConversation(await generateClinicalChat({ seed: 7, messages: 800, exportText: false }));
const people = conversation.participants.filter((p) => !p.phone).map((p) => p.name);
const cases: Record<string, DetectOptions> = {
  foi: { mode: 'foi' },
  'foi-keep-custom': {
    mode: 'foi',
    chunkSize: 97,
    keepNames: people.slice(0, 1),
    customTerms: ['ward'],
    customPatterns: ['\\bbay \\d\\b'],
  },
  sar: {
    mode: 'sar',
    subject: { names: people.slice(1, 2), aliases: ['Maggie'], phones: ['07700 900123'] },
    keepHealthProfessionals: true,
  },
};
/** A proposal as one row: what a change to the engine must not alter (text and message id follow from the id). */
function proposalRow(p: Proposal): unknown[] {
  return [
    p.id,
    p.confidence,
    p.rule,
    p.exemption,
    p.role ?? null,
    p.personKey ?? null,
    p.alsoExemptions ?? null,
    p.group ?? null,
    p.origin ?? null,
  ];
}

const golden = {
  participants: conversation.participants,
  messages: Array.from(conversation.messages).map((m) => [m.id, m.author, m.text]),
  results: Object.fromEntries(
    Object.entries(cases).map(([name, options]) => {
      const result = detectPersonalDataSync(conversation, options);
      return [
        name,
        {
          options,
          sha256: createHash('sha256').update(JSON.stringify(result)).digest('hex'),
          proposals: result.proposals.map(proposalRow),
          kept: result.kept,
          selected: result.selection.filter((s) => s.selected).map((s) => [s.messageId, ...s.reasons]),
        },
      ];
    }),
  ),
};
writeFileSync(new URL('../test/golden/detect-golden.json', import.meta.url), `${JSON.stringify(golden)}\n`);
console.log(`wrote test/golden/detect-golden.json (${conversation.messages.length} messages)`);
