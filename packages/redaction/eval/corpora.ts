/**
 * Person-name figures on a labelled corpus (BTC, WNUT17): detection run over the corpus read as one chat and document
 * by document, for each engine (rules only, model only, combined), scored by overlap and IoU >= 0.9.
 */
import { detectMessage, detectPersonalDataSync, type Recogniser, type RecogniserContext } from '../src/index.ts';
import { documentMessage, documentsAsChat, type LabelledText } from './conll.ts';
import { newTally, pct, type Span, score, type Tally } from './score.ts';

/** A set of recognisers under a name. */
export interface Engine {
  name: string;
  recognisers: readonly Recogniser[];
}

/** The person-name spans detection proposes on a corpus read as one chat, by document. */
export function detectAsChat(docs: readonly LabelledText[], recognisers: readonly Recogniser[]): Span[][] {
  const result = detectPersonalDataSync(documentsAsChat(docs, 'corpus'), { mode: 'foi', recognisers });
  const out: Span[][] = docs.map(() => []);
  for (const p of result.proposals) {
    if (p.category !== 'person-name') continue;
    out[Number(p.messageId.slice(1))]?.push({ start: p.start, end: p.end, label: p.category });
  }
  return out;
}

/** The person-name spans found in each document alone (no chat around it). */
export function detectEach(
  docs: readonly LabelledText[],
  recognisers: readonly Recogniser[],
  context: RecogniserContext,
): Span[][] {
  return docs.map((d, i) =>
    detectMessage(documentMessage(d.text, i), context, recognisers)
      .filter((c) => c.category === 'person-name')
      .map((c) => ({ start: c.start, end: c.end, label: c.category })),
  );
}

/** Recall (overlap and IoU >= 0.9) and precision of person names. */
export interface CorpusFigures {
  gold: number;
  recall: number;
  recallIou: number;
  precision: number;
  predicted: number;
}

export function corpusFigures(docs: readonly LabelledText[], predicted: readonly Span[][]): CorpusFigures {
  const tallies = new Map<string, Tally>();
  for (const [i, doc] of docs.entries()) score(doc.spans, predicted[i] ?? [], tallies);
  const x = tallies.get('person-name') ?? newTally();
  return {
    gold: x.gold,
    recall: x.foundOverlap / Math.max(1, x.gold),
    recallIou: x.foundIou / Math.max(1, x.gold),
    precision: x.predicted === 0 ? 0 : x.predictedCorrect / x.predicted,
    predicted: x.predicted,
  };
}

/**
 * Prints one corpus's table (each engine, one chat and document by document) and, given `minRecall`, whether the
 * last engine (the engine as it ships) meets the target read as one chat: that recall and precision >= 0.80.
 */
export function reportCorpus(
  title: string,
  docs: readonly LabelledText[],
  engines: readonly Engine[],
  context: RecogniserContext,
  minRecall?: number,
  unscored?: (text: string, span: Span) => boolean,
): void {
  console.log(
    `\n${title}: ${docs.length.toLocaleString('en-GB')} documents; person names, no participants to seed from`,
  );
  console.log('read as                engine        gold  recall  recall(IoU>=0.9)  precision  predicted');
  let judged: CorpusFigures | undefined;
  for (const engine of engines) {
    for (const [reading, predicted] of [
      ['one chat', detectAsChat(docs, engine.recognisers)],
      ['document by document', detectEach(docs, engine.recognisers, context)],
    ] as const) {
      const kept = unscored
        ? predicted.map((spans, i) => spans.filter((p) => !unscored(docs[i]?.text ?? '', p)))
        : predicted;
      const f = corpusFigures(docs, kept);
      if (reading === 'one chat') judged = f;
      console.log(
        `${reading.padEnd(22)} ${engine.name.padEnd(12)} ${String(f.gold).padStart(5)}  ${pct(f.recall, 1).padStart(6)}  ${pct(f.recallIou, 1).padStart(16)}  ${pct(f.precision, 1).padStart(9)}  ${String(f.predicted).padStart(9)}`,
      );
    }
  }
  if (minRecall === undefined || !judged) return;
  const met = judged.recall >= minRecall && judged.precision >= 0.8;
  console.log(
    `target (one chat, ${engines[engines.length - 1]?.name}): recall >= ${minRecall.toFixed(2)} (${pct(judged.recall, 1).trim()}) and precision >= 0.80 (${pct(judged.precision, 1).trim()}): ${met ? 'met' : 'NOT met'}`,
  );
}
