/**
 * Hashes what detection returns (proposals, kept spans, selection) on several chats in FOI and SAR mode, so a change
 * meant only to make detection faster can be shown to change nothing: run it here and in a checkout of the engine
 * before (or point `--engine` at that engine's `src/index.ts`) and compare the lines.
 *
 * `--prepare` calls `prepareDetection()` first (its warm-up must change nothing either).
 *
 * Usage: node bench/outputs-hash.ts [--messages 200000] [--engine ../path/to/src/index.ts] [--prepare]
 */
import { createHash } from 'node:crypto';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { type Conversation, importChat } from '@im-records/chat-import';
import { generateBenchmarkExport, generateClinicalChat } from '@im-records/synthetic-chats';
import { toConversation } from '../eval/conversation.ts';
import type * as Engine from '../src/index.ts';

const { values } = parseArgs({
  options: {
    messages: { type: 'string', default: '200000' },
    engine: { type: 'string' },
    prepare: { type: 'boolean', default: false },
  },
});
const count = Number(values.messages);
const engine: typeof Engine = values.engine
  ? await import(pathToFileURL(resolve(values.engine)).href)
  : await import('../src/index.ts');

const encoder = new TextEncoder();
const sha = (value: unknown): string => createHash('sha256').update(JSON.stringify(value)).digest('hex').slice(0, 16);

/** One line per chat and mode: counts and the hash of the whole result. */
function report(name: string, conversation: Conversation, options: Engine.DetectOptions): void {
  const t = performance.now();
  const result = engine.detectPersonalDataSync(conversation, options);
  const ms = performance.now() - t;
  console.log(
    `${name} ${options.mode}: ${result.proposals.length} proposals, ${result.kept.length} kept, ${result.selection.filter((s) => s.selected).length} selected; sha256 ${sha(result)} (${ms.toFixed(0)} ms)`,
  );
}

const bench = (
  await importChat({ fileName: 'WhatsApp Chat with Ward 7.txt', bytes: encoder.encode(generateBenchmarkExport(count)) })
).conversation;
const dense = await generateClinicalChat({ seed: 424242, messages: count, exportText: false });
const pipeline = await generateClinicalChat({ seed: 11, messages: 40_000, style: 'android' });
const pipelineChat = (
  await importChat({ fileName: 'WhatsApp Chat with Ward 7.txt', bytes: encoder.encode(pipeline.exportText) })
).conversation;

const benchSubject = { names: bench.participants.slice(0, 2).map((p) => p.name) };
const patientOf = (chat: typeof dense) => {
  const p = chat.cast.patients[0];
  const r = p?.relatives[0];
  return {
    subject: { names: [`${p?.first} ${p?.last}`], phones: p ? [p.phone] : [] },
    keepNames: r ? [`${chat.cast.staff[0]?.first} ${chat.cast.staff[0]?.last}`] : [],
  };
};
const densePeople = patientOf(dense);
const pipelinePeople = patientOf(pipeline);

if (values.prepare) await engine.prepareDetection();
report('benchmark', bench, { mode: 'foi' });
report('benchmark', bench, { mode: 'sar', subject: benchSubject, keepHealthProfessionals: true });
const denseChat = toConversation(dense);
report('dense', denseChat, { mode: 'foi', keepNames: densePeople.keepNames });
report('dense', denseChat, { mode: 'sar', subject: densePeople.subject });
report('pipeline', pipelineChat, { mode: 'foi' });
report('pipeline', pipelineChat, { mode: 'sar', subject: pipelinePeople.subject, keepHealthProfessionals: true });
