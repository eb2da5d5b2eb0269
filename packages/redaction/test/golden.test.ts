import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Conversation, Participant } from '@im-records/chat-import';
import { describe, expect, it } from 'vitest';
import { type DetectOptions, detectPersonalData, detectPersonalDataSync, type Proposal } from '../src/index.ts';
import { msg } from './helpers.ts';

// Written by scripts/build-detect-golden.ts from the engine as it was before the speed work (seed 7, 800 messages):
// detection must keep giving exactly these results, so an optimisation cannot change a proposal unnoticed.
interface GoldenCase {
  options: DetectOptions;
  sha256: string;
  proposals: unknown[][];
  kept: unknown[];
  selected: string[][];
}
const golden = JSON.parse(readFileSync(new URL('./golden/detect-golden.json', import.meta.url), 'utf8')) as {
  participants: Participant[];
  messages: [string, string | null, string][];
  results: Record<string, GoldenCase>;
};

const conversation: Conversation = {
  title: 'Golden chat',
  source: { fileName: 'synthetic.txt', sha256: '0'.repeat(64), format: 'whatsapp', variant: 'synthetic' },
  timeZone: 'Europe/London',
  participants: golden.participants,
  messages: Array.from(golden.messages).map(([id, author, text]) => msg(id, author, text)),
  warnings: [],
  reconciliation: { linesRead: golden.messages.length, linesPlaced: golden.messages.length },
};

const row = (p: Proposal): unknown[] => [
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

describe('detection gives exactly the golden results', () => {
  for (const [name, expected] of Object.entries(golden.results)) {
    it(`${name}: same proposals, kept spans, selection and bytes`, () => {
      const result = detectPersonalDataSync(conversation, expected.options);
      expect(result.proposals.map(row)).toEqual(expected.proposals);
      for (const p of result.proposals) {
        const message = Array.from(conversation.messages).find((m) => m.id === p.messageId);
        expect(p.text).toBe(message?.text.slice(p.start, p.end));
        expect(p.id).toBe(`${p.messageId}:${p.start}-${p.end}:${p.category}`);
      }
      expect(result.kept).toEqual(expected.kept);
      expect(result.selection.filter((s) => s.selected).map((s) => [s.messageId, ...s.reasons])).toEqual(
        expected.selected,
      );
      expect(createHash('sha256').update(JSON.stringify(result)).digest('hex')).toBe(expected.sha256);
    });
  }

  it('the chunked (worker) entry point gives the same bytes as the synchronous one', async () => {
    const expected = golden.results.foi as GoldenCase;
    const result = await detectPersonalData(conversation, { ...expected.options, chunkSize: 50 });
    expect(createHash('sha256').update(JSON.stringify(result)).digest('hex')).toBe(expected.sha256);
  });
});
